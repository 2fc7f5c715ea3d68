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
        PrometheusText::appendHeader(out, name, "counter", help);
        out += QByteArray(name) + ' ' + QByteArray::number(v) + '\n';
    };
    counter("ringside_deliveries_succeeded_total", "Deliveries the CRM answered with a 2xx.", succeededTotal());
    counter("ringside_deliveries_failed_total", "Failed delivery attempts.", failedTotal());
    counter("ringside_deliveries_dead_total", "Deliveries given up on (waiting for a person's Retry).", deadTotal());
    PrometheusText::appendHeader(out, "ringside_delivery_backlog", "gauge", "Deliveries by state.");
    const QMap<QString, qint64> b = backlog();
    for (auto it = b.cbegin(); it != b.cend(); ++it)
        out += "ringside_delivery_backlog{state=\"" + it.key().toLatin1() + "\"} " + QByteArray::number(it.value()) + '\n';
    // One series per sink and state, 1 for the state it is in: alert on state="paused" == 1.
    PrometheusText::appendHeader(out, "ringside_sink_state", "gauge", "The state of each CRM sink (1 for the current one).");
    const QMap<QString, QString> states = sinkStates();
    for (auto it = states.cbegin(); it != states.cend(); ++it) {
        const QByteArray current = it.value().toLatin1().replace(' ', '_'); // "circuit open" -> circuit_open
        for (const char *state : {"ok", "paused", "circuit_open"}) {
            out += "ringside_sink_state{sink=\"" + PrometheusText::labelValue(it.key()) + "\",state=\"" + state + "\"} "
                + (state == current ? '1' : '0') + '\n';
        }
    }
    PrometheusText::appendHistogram(out, "ringside_processing_latency_seconds",
                                    "Event receipt -> 2xx from the CRM.", latency());
    return out;
}

} // namespace ringside
