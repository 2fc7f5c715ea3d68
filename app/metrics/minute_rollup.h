#pragma once

#include "metrics/pipeline_metrics.h"

#include <QList>
#include <QPair>
#include <QString>

namespace ringside {

/** Turns successive metric snapshots into per-minute deltas ("series" -> count) for the store,
 *  so hourly series survive restarts while the live counters stay in memory. */
class MinuteRollup
{
public:
    using Rows = QList<QPair<QString, qint64>>;

    /** The change since the previous call (or since construction); zero rows are left out. */
    Rows take(const PipelineMetrics::Snapshot &now);

    /** Series names as stored: "received", "rejected:<reason>", "ack_latency:le=<bound>", ... */
    static QString bucketSeries(const char *histogram, double bound);

private:
    PipelineMetrics::Snapshot m_last;
};

} // namespace ringside
