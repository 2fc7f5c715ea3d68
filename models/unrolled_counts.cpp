#include "models/unrolled_counts.h"

#include "metrics/minute_rollup.h"
#include "models/engine_host.h"

#include <limits>

namespace ringside {

namespace {
constexpr qint64 kMinuteMs = 60'000;
// A rollup stamped with minute m may still commit a moment after m ends; two minutes back is safe.
constexpr qint64 kFinalAfterMs = 2 * kMinuteMs;

void addInto(SeriesCounts &sum, const SeriesCounts &rows, qint64 sign = 1)
{
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        sum[it.key()] += sign * it.value();
}
} // namespace

void UnrolledCounts::restart(qint64 startMs)
{
    *this = UnrolledCounts();
    m_tracking = true;
    m_startMinute = startMs - startMs % kMinuteMs;
    m_cursor = m_startMinute;
}

void UnrolledCounts::stop()
{
    *this = UnrolledCounts();
}

void UnrolledCounts::setStored(const QMap<qint64, SeriesCounts> &minutes, qint64 readAtMs)
{
    if (!m_tracking)
        return;
    if (!m_haveBaseline) {
        m_leftover = minutes.value(m_startMinute);
        m_haveBaseline = true;
    }
    const qint64 finalBefore = readAtMs - readAtMs % kMinuteMs - kFinalAfterMs;
    m_recent.clear();
    for (auto it = minutes.cbegin(); it != minutes.cend(); ++it) {
        if (it.key() < m_cursor)
            continue; // folded in already (a read that raced with the cursor moving)
        addInto(it.key() < finalBefore ? m_final : m_recent, it.value());
    }
    m_cursor = std::max(m_cursor, finalBefore);
}

SeriesCounts UnrolledCounts::written() const
{
    SeriesCounts w = m_final;
    addInto(w, m_recent);
    addInto(w, m_leftover, -1);
    return w;
}

SeriesCounts UnrolledCounts::unrolled(const SeriesCounts &live) const
{
    SeriesCounts out;
    if (!m_tracking || !m_haveBaseline)
        return out;
    const SeriesCounts w = written();
    for (auto it = live.cbegin(); it != live.cend(); ++it) {
        // Never negative: with other instances writing into a shared store, theirs are in `w` too.
        const qint64 d = it.value() - w.value(it.key());
        if (d > 0)
            out.insert(it.key(), d);
    }
    return out;
}

SeriesCounts UnrolledCounts::liveSeries(const LiveStats &stats)
{
    // The names Engine::rollupNow() and MinuteRollup::take() write.
    SeriesCounts s;
    const PipelineMetrics::Snapshot &p = stats.pipeline;
    s.insert(QStringLiteral("received"), qint64(p.received));
    s.insert(QStringLiteral("accepted"), qint64(p.accepted));
    s.insert(QStringLiteral("deduped"), qint64(p.deduped));
    s.insert(QStringLiteral("unprocessable"), qint64(p.unprocessable));
    for (auto it = p.rejected.cbegin(); it != p.rejected.cend(); ++it)
        s.insert(QStringLiteral("rejected:") + QString::fromLatin1(it.key()), qint64(it.value()));
    s.insert(QStringLiteral("delivered"), qint64(stats.delivered));
    s.insert(QStringLiteral("delivery_failed"), qint64(stats.failedAttempts));
    s.insert(QStringLiteral("dead"), qint64(stats.dead));
    const Histogram::Snapshot &h = stats.processingLatency;
    for (size_t i = 0; i < h.counts.size(); ++i) {
        const double bound = i < h.bounds.size() ? h.bounds[i] : std::numeric_limits<double>::infinity();
        if (h.counts[i] != 0)
            s.insert(MinuteRollup::bucketSeries("processing_latency", bound), qint64(h.counts[i]));
    }
    if (h.count != 0)
        s.insert(QStringLiteral("processing_latency:sum_us"), qint64(h.sum * 1e6));
    return s;
}

} // namespace ringside
