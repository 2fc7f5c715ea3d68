#include "metrics/minute_rollup.h"

#include <limits>

namespace ringside {

QString MinuteRollup::bucketSeries(const char *histogram, double bound)
{
    return QStringLiteral("%1:le=%2").arg(QLatin1String(histogram), QString::number(bound, 'g', 10));
}

MinuteRollup::Rows MinuteRollup::take(const PipelineMetrics::Snapshot &now)
{
    Rows rows;
    auto add = [&rows](const QString &series, qint64 delta) {
        if (delta != 0)
            rows.append({series, delta});
    };
    add(QStringLiteral("received"), qint64(now.received - m_last.received));
    add(QStringLiteral("accepted"), qint64(now.accepted - m_last.accepted));
    add(QStringLiteral("deduped"), qint64(now.deduped - m_last.deduped));
    add(QStringLiteral("unprocessable"), qint64(now.unprocessable - m_last.unprocessable));
    for (auto it = now.rejected.cbegin(); it != now.rejected.cend(); ++it)
        add(QStringLiteral("rejected:") + QString::fromLatin1(it.key()), qint64(it.value() - m_last.rejected.value(it.key())));

    const Histogram::Snapshot d = m_last.ackLatency.counts.empty() ? now.ackLatency : now.ackLatency - m_last.ackLatency;
    for (size_t i = 0; i < d.counts.size(); ++i) {
        const double bound = i < d.bounds.size() ? d.bounds[i] : std::numeric_limits<double>::infinity();
        add(bucketSeries("ack_latency", bound), qint64(d.counts[i]));
    }
    add(QStringLiteral("ack_latency:sum_us"), qint64(d.sum * 1e6));
    m_last = now;
    return rows;
}

} // namespace ringside
