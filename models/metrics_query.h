#pragma once

#include "metrics/histogram.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

namespace ringside {

class StoreReader;

/** Counts keyed by the series names of metric_minutes ("received", "processing_latency:le=0.025", ...). */
using SeriesCounts = QHash<QString, qint64>;

/** The pipeline's numbers over some span of time, derived from metric_minutes series. */
struct MetricTotals
{
    qint64 received = 0;
    qint64 accepted = 0;
    qint64 deduped = 0;
    qint64 rejected = 0;       // every "rejected:<reason>"
    qint64 unprocessable = 0;
    qint64 processed = 0;      // "delivered": the CRM answered 2xx
    qint64 failedAttempts = 0; // "delivery_failed": each failed CRM attempt, retries included
    qint64 dead = 0;
    Histogram::Snapshot processingLatency; // receipt -> CRM 2xx

    /** ARCHITECTURE.md: failed delivery attempts + unprocessable payloads. */
    qint64 failed() const { return failedAttempts + unprocessable; }
    /** received = accepted + deduped + rejected. */
    bool conserved() const { return received == accepted + deduped + rejected; }

    static MetricTotals fromSeries(const SeriesCounts &series);
    MetricTotals &operator+=(const MetricTotals &other);
    bool operator==(const MetricTotals &other) const;
};

/** One bar or point of a chart: the totals of [startMs, startMs + bucket). */
struct MetricBucket
{
    qint64 startMs = 0;
    MetricTotals totals;
    bool operator==(const MetricBucket &other) const = default;
};

/** The spans the dashboard offers. */
enum class MetricsWindow { LastHour, Last24Hours, Last7Days };

/** A window cut into buckets: per minute for the last hour, per hour otherwise. The last bucket
 *  is the one in progress, so a window's totals are exactly what its chart shows. */
struct WindowRange
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 bucketMs = 60'000;

    int bucketCount() const { return bucketMs > 0 ? int((toMs - fromMs) / bucketMs) : 0; }
    bool contains(qint64 ms) const { return ms >= fromMs && ms < toMs; }
    static WindowRange of(MetricsWindow window, qint64 nowMs);
};

/** What one dashboard refresh reads, all in one read transaction so that its parts agree. */
struct DashboardData
{
    WindowRange range;
    QList<MetricBucket> buckets; // range.bucketCount() of them, oldest first, empty ones included
    /** metric_minutes rows from the minute asked for on, per minute (see UnrolledCounts). */
    QMap<qint64, SeriesCounts> recentMinutes;
    qint64 waitingDeliveries = 0; // pending + retrying
    qint64 deadDeliveries = 0;
    qint64 newlyIncompleteCalls = 0; // calls that went incomplete in the last 24 h
    qint64 readAtMs = 0;
};

/** The dashboard's SQL over metric_minutes (range scans on its (minute, series) key), the
 *  delivery queue's waiting count and the incomplete calls. Runs on the QueryRunner's thread. */
class MetricsQuery
{
public:
    /** Per-bucket totals of every series but ack latency; empty buckets included. */
    static QList<MetricBucket> buckets(QSqlDatabase &db, const WindowRange &range, QString *error);
    /** Rows of minutes >= fromMinuteMs, per minute. */
    static QMap<qint64, SeriesCounts> minutesSince(QSqlDatabase &db, qint64 fromMinuteMs, QString *error);
    /** All of a refresh; incompleteAfterMs as in EngineConfig. */
    static DashboardData read(StoreReader &reader, const WindowRange &range, qint64 recentFromMinuteMs, qint64 nowMs,
                              qint64 incompleteAfterMs, QString *error);

    /** The upper bounds the processing-latency series use, in seconds (the engine's buckets). */
    static const std::vector<double> &latencyBounds();
};

} // namespace ringside
