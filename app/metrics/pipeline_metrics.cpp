#include "metrics/pipeline_metrics.h"

namespace ringside {

void PipelineMetrics::record(Outcome outcome, const QByteArray &reason, bool unprocessable)
{
    QMutexLocker lock(&m_mutex);
    ++m_received;
    switch (outcome) {
    case Outcome::Accepted:
        ++m_accepted;
        if (unprocessable)
            ++m_unprocessable;
        break;
    case Outcome::Deduped:
        ++m_deduped;
        break;
    case Outcome::Rejected:
        ++m_rejected[reason.isEmpty() ? QByteArrayLiteral("unknown") : reason];
        break;
    }
}

quint64 PipelineMetrics::Snapshot::rejectedTotal() const
{
    quint64 total = 0;
    for (quint64 n : rejected)
        total += n;
    return total;
}

PipelineMetrics::Snapshot PipelineMetrics::snapshot() const
{
    Snapshot s;
    {
        QMutexLocker lock(&m_mutex);
        s.received = m_received;
        s.accepted = m_accepted;
        s.deduped = m_deduped;
        s.unprocessable = m_unprocessable;
        // A map of its own, not a shared copy: record() would otherwise decide whether to detach
        // from a relaxed reference count while the snapshot is being read on another thread.
        for (auto it = m_rejected.cbegin(); it != m_rejected.cend(); ++it)
            s.rejected.insert(it.key(), it.value());
    }
    s.ackLatency = m_ackLatency.snapshot();
    s.callsIncomplete = m_callsIncomplete.load();
    return s;
}

} // namespace ringside
