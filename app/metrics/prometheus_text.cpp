#include "metrics/prometheus_text.h"

namespace ringside {

namespace {
void sample(QByteArray &out, const char *name, quint64 value)
{
    out += name;
    out += ' ';
    out += QByteArray::number(value);
    out += '\n';
}
QByteArray number(double v)
{
    return QByteArray::number(v, 'g', 10);
}
} // namespace

void PrometheusText::appendHeader(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void PrometheusText::appendHistogram(QByteArray &out, const char *name, const char *help, const Histogram::Snapshot &h)
{
    appendHeader(out, name, "histogram", help);
    quint64 cumulative = 0;
    for (size_t i = 0; i < h.counts.size(); ++i) {
        cumulative += h.counts[i];
        out += name;
        out += "_bucket{le=\"";
        out += i < h.bounds.size() ? number(h.bounds[i]) : QByteArrayLiteral("+Inf");
        out += "\"} ";
        out += QByteArray::number(cumulative);
        out += '\n';
    }
    out += name;
    out += "_sum " + number(h.sum) + '\n';
    out += name;
    out += "_count " + QByteArray::number(h.count) + '\n';
}

QByteArray PrometheusText::render(const PipelineMetrics::Snapshot &s)
{
    QByteArray out;
    out.reserve(4096);
    appendHeader(out, "ringside_events_received_total", "counter", "Requests that reached the webhook listener.");
    sample(out, "ringside_events_received_total", s.received);
    appendHeader(out, "ringside_events_accepted_total", "counter", "Events stored for the first time (200 after COMMIT).");
    sample(out, "ringside_events_accepted_total", s.accepted);
    appendHeader(out, "ringside_events_deduped_total", "counter", "Requests whose dedup key was already stored.");
    sample(out, "ringside_events_deduped_total", s.deduped);
    appendHeader(out, "ringside_events_rejected_total", "counter", "Requests refused, by reason.");
    for (auto it = s.rejected.cbegin(); it != s.rejected.cend(); ++it)
        out += "ringside_events_rejected_total{reason=\"" + it.key() + "\"} " + QByteArray::number(it.value()) + '\n';
    appendHeader(out, "ringside_events_unprocessable_total", "counter",
           "Accepted bodies that could not be normalised (stored raw, counted as failed).");
    sample(out, "ringside_events_unprocessable_total", s.unprocessable);
    appendHistogram(out, "ringside_ack_latency_seconds", "Request fully read -> response written.", s.ackLatency);
    appendHeader(out, "ringside_calls_incomplete", "gauge", "Calls with no call.completed long after their last event.");
    out += "ringside_calls_incomplete " + QByteArray::number(s.callsIncomplete) + '\n';
    return out;
}

QByteArray PrometheusText::labelValue(const QString &value)
{
    QByteArray out;
    for (const char c : value.toUtf8()) {
        if (c == '\\' || c == '"')
            out += '\\';
        out += c == '\n' ? QByteArrayLiteral("\\n") : QByteArray(1, c);
    }
    return out;
}

} // namespace ringside
