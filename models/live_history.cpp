#include "models/live_history.h"

#include "models/engine_host.h"

namespace ringside {

PipelineSample LiveHistory::sampleOf(const LiveStats &stats)
{
    PipelineSample s;
    s.atMs = stats.sampledAtMs;
    s.received = qint64(stats.pipeline.received);
    s.deduped = qint64(stats.pipeline.deduped);
    s.unprocessable = qint64(stats.pipeline.unprocessable);
    s.processed = qint64(stats.delivered);
    s.failedAttempts = qint64(stats.failedAttempts);
    s.backlog = stats.backlog.value(QStringLiteral("pending")) + stats.backlog.value(QStringLiteral("retrying"));
    return s;
}

void LiveHistory::add(const LiveStats &stats)
{
    const PipelineSample s = sampleOf(stats);
    // The newest sample is always kept; it replaces the previous newest until that one is a full
    // spacing after its predecessor, so memory stays bounded whatever the sampling rate.
    const qsizetype n = m_samples.size();
    if (n >= 2 && m_samples.at(n - 1).atMs - m_samples.at(n - 2).atMs < kSpacingMs)
        m_samples.last() = s;
    else
        m_samples.append(s);
    qsizetype old = 0;
    while (old < m_samples.size() - 1 && m_samples.at(old).atMs < s.atMs - kKeepMs)
        ++old;
    m_samples.remove(0, old);
}

double LiveHistory::eventRate(qint64 overMs) const
{
    if (m_samples.size() < 2)
        return 0;
    const PipelineSample &now = m_samples.constLast();
    const PipelineSample *then = AlertRules::sampleAt(m_samples, now.atMs - overMs);
    if (then == &now)
        then = &m_samples.at(m_samples.size() - 2);
    const qint64 dt = now.atMs - then->atMs;
    return dt > 0 ? double(now.received - then->received) * 1000.0 / double(dt) : 0;
}

} // namespace ringside
