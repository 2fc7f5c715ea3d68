#include "delivery/delivery_metrics.h"

#include "metrics/prometheus_text.h"

namespace ringside {

void DeliveryMetrics::succeeded(double latencySeconds)
{
    m_succeeded.fetch_add(1);
    m_latency.observe(latencySeconds);
}

void DeliveryMetrics::setBacklog(const QMap<QString, qint64> &byState)
{
    QMutexLocker lock(&m_mutex);
    m_backlog = byState;
}

void DeliveryMetrics::setSinkState(const QString &sink, const QString &state)
{
    QMutexLocker lock(&m_mutex);
    m_sinkStates.insert(sink, state);
}

QMap<QString, QString> DeliveryMetrics::sinkStates() const
{
    QMutexLocker lock(&m_mutex);
    return m_sinkStates;
}

QMap<QString, qint64> DeliveryMetrics::backlog() const
{
    QMutexLocker lock(&m_mutex);
    return m_backlog;
}

QByteArray DeliveryMetrics::prometheusText() const
{
    QByteArray out;
    auto counter = [&out](const char *name, const char *help, quint64 v) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " counter\n" + name + ' '
            + QByteArray::number(v) + '\n';
    };
    counter("ringside_deliveries_succeeded_total", "Deliveries the CRM answered with a 2xx.", succeededTotal());
    counter("ringside_deliveries_failed_total", "Failed delivery attempts.", failedTotal());
    counter("ringside_deliveries_dead_total", "Deliveries given up on (waiting for a person's Retry).", deadTotal());
    out += "# HELP ringside_delivery_backlog Deliveries by state.\n# TYPE ringside_delivery_backlog gauge\n";
    const QMap<QString, qint64> b = backlog();
    for (auto it = b.cbegin(); it != b.cend(); ++it)
        out += "ringside_delivery_backlog{state=\"" + it.key().toLatin1() + "\"} " + QByteArray::number(it.value()) + '\n';
    // One series per sink and state, 1 for the state it is in: alert on state="paused" == 1.
    out += "# HELP ringside_sink_state The state of each CRM sink (1 for the current one).\n"
           "# TYPE ringside_sink_state gauge\n";
    const QMap<QString, QString> states = sinkStates();
    for (auto it = states.cbegin(); it != states.cend(); ++it) {
        for (const char *state : {"ok", "paused", "circuit_open"}) {
            const bool current = QString::fromLatin1(state).replace(QLatin1Char('_'), QLatin1Char(' ')) == it.value();
            out += "ringside_sink_state{sink=\"" + PrometheusText::labelValue(it.key()) + "\",state=\"" + state + "\"} "
                + (current ? '1' : '0') + '\n';
        }
    }
    PrometheusText::appendHistogram(out, "ringside_processing_latency_seconds",
                                    "Event receipt -> 2xx from the CRM.", latency());
    return out;
}

} // namespace ringside
