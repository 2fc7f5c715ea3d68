#pragma once

#include <QSqlDatabase>
#include <QString>

namespace ringside {

/** Removes what is older than the retention period, a bounded batch per call so that the writer's
 *  transaction stays short and webhooks keep being answered while a large backlog is purged.
 *
 *  A call goes when its last event arrived before the cutoff and none of its deliveries still
 *  needs anything (pending, retrying or dead: a person has to decide on those first); with it go
 *  its events, their receipts, its deliveries and their attempts. Unprocessable events and
 *  rejected-request samples go by their receipt time. The per-minute metrics are kept for at
 *  least the dashboard's longest window. */
class Retention
{
public:
    /** The dashboard shows up to 7 days; its metrics stay at least this long whatever the setting. */
    static constexpr qint64 kMinMetricsMs = 8LL * 24 * 3600 * 1000;

    struct Purged
    {
        int calls = 0;
        int unprocessable = 0;
        int rejected = 0;
        int metricMinutes = 0;
        /** A batch limit was reached: call again for the rest. */
        bool more = false;
    };

    /** Deletes up to `batch` calls (and as many unprocessable events and rejected samples) older
     *  than cutoffMs; false with *error if the store failed (nothing is half-deleted: the caller
     *  runs this inside one transaction). */
    static bool purge(QSqlDatabase &db, qint64 cutoffMs, qint64 nowMs, int batch, Purged *purged, QString *error);
};

} // namespace ringside
