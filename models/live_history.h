#pragma once

#include "models/alert_rules.h"

#include <QList>

namespace ringside {

struct LiveStats;

/** A capped history of one engine run's live counters: the event rate and the alert rules'
 *  "some minutes ago" read from it. At most one sample a second is kept, for an hour. */
class LiveHistory
{
public:
    void add(const LiveStats &stats);
    void clear() { m_samples.clear(); }
    const QList<PipelineSample> &samples() const { return m_samples; }

    /** Requests per second over about the last overMs (0 without two samples). */
    double eventRate(qint64 overMs = kRateSpanMs) const;

    static PipelineSample sampleOf(const LiveStats &stats);

    static constexpr qint64 kRateSpanMs = 5'000;
    static constexpr qint64 kSpacingMs = 1'000;
    static constexpr qint64 kKeepMs = 65 * 60'000;

private:
    QList<PipelineSample> m_samples;
};

} // namespace ringside
