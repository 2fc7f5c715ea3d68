#pragma once

#include "models/metrics_query.h"

namespace ringside {

struct LiveStats;

/** The part of the running engine's live counters that is not in metric_minutes yet.
 *
 *  The engine writes its counters' deltas once a rollup interval (a minute), so the store alone
 *  lags by up to a minute. The engine's counters start at zero with each run and every rollup
 *  writes the change since the previous one, so what this run has written is the sum of the rows
 *  from its start minute on, less what an earlier run had already written into that same minute
 *  (read by the first query after the start, before this run's first rollup). Then
 *  unrolled = live - written. Added to a window read in the same transaction as the rows,
 *  the dashboard's totals are exact at any moment, without waiting for a rollup.
 *
 *  Rows older than two minutes are final and folded into a running sum, so each refresh reads only
 *  the last few minutes however long the engine has run. */
class UnrolledCounts
{
public:
    /** A new engine run started at startMs (its counters are at zero, nothing of it is stored). */
    void restart(qint64 startMs);
    /** No engine runs here: nothing is unrolled. */
    void stop();
    bool isTracking() const { return m_tracking; }

    /** The next read must include metric_minutes rows from this minute on. */
    qint64 readFromMinute() const { return m_cursor; }
    /** The rows read (per minute, from readFromMinute() on) and when they were read. */
    void setStored(const QMap<qint64, SeriesCounts> &minutes, qint64 readAtMs);
    /** What this run has written so far, per series, as of the last setStored(). */
    SeriesCounts written() const;
    /** live - written per series (never negative); empty until the first setStored(). */
    SeriesCounts unrolled(const SeriesCounts &live) const;

    /** The live counters under the series names the engine's rollup writes. */
    static SeriesCounts liveSeries(const LiveStats &stats);

private:
    bool m_tracking = false;
    bool m_haveBaseline = false;
    qint64 m_startMinute = 0;
    qint64 m_cursor = 0;
    SeriesCounts m_leftover; // an earlier run's rows in our start minute
    SeriesCounts m_final;    // rows of minutes that can no longer change
    SeriesCounts m_recent;   // rows of the minutes that still can
};

} // namespace ringside
