#include "models/metrics_query.h"

#include "delivery/delivery_metrics.h"
#include "store/store_reader.h"

#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>
#include <limits>

namespace ringside {

namespace {
constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 24 * kHourMs;
const QLatin1String kLatencyBucket("processing_latency:le=");
const QLatin1String kLatencySum("processing_latency:sum_us");
const QLatin1String kRejected("rejected:");
// Ack latency is the receiver's own series; the dashboard's latency is receipt -> CRM 2xx.
const QLatin1String kSkipSeries("ack_latency:%");

bool fail(const QSqlQuery &q, QString *error)
{
    *error = q.lastError().text();
    return false;
}

/** Index of the histogram bucket a stored "le=" bound belongs to (unknown bounds round up). */
size_t latencyBucketIndex(QStringView boundText)
{
    const std::vector<double> &bounds = MetricsQuery::latencyBounds();
    if (boundText == QLatin1String("inf"))
        return bounds.size();
    bool ok = false;
    const double bound = boundText.toDouble(&ok);
    if (!ok)
        return bounds.size();
    return size_t(std::lower_bound(bounds.begin(), bounds.end(), bound) - bounds.begin());
}
} // namespace

const std::vector<double> &MetricsQuery::latencyBounds()
{
    // The engine's own histogram: its buckets are the ones the series were written with.
    static const std::vector<double> bounds = DeliveryMetrics().latency().bounds;
    return bounds;
}

MetricTotals MetricTotals::fromSeries(const SeriesCounts &series)
{
    MetricTotals t;
    Histogram::Snapshot &latency = t.processingLatency;
    latency.bounds = MetricsQuery::latencyBounds();
    latency.counts.assign(latency.bounds.size() + 1, 0);
    for (auto it = series.cbegin(); it != series.cend(); ++it) {
        const QString &name = it.key();
        const qint64 value = it.value();
        if (name == QLatin1String("received"))
            t.received += value;
        else if (name == QLatin1String("accepted"))
            t.accepted += value;
        else if (name == QLatin1String("deduped"))
            t.deduped += value;
        else if (name == QLatin1String("unprocessable"))
            t.unprocessable += value;
        else if (name == QLatin1String("delivered"))
            t.processed += value;
        else if (name == QLatin1String("delivery_failed"))
            t.failedAttempts += value;
        else if (name == QLatin1String("dead"))
            t.dead += value;
        else if (name.startsWith(kRejected))
            t.rejected += value;
        else if (name == kLatencySum)
            latency.sum += double(value) / 1e6;
        else if (name.startsWith(kLatencyBucket) && value > 0) {
            latency.counts[latencyBucketIndex(QStringView(name).mid(kLatencyBucket.size()))] += quint64(value);
            latency.count += quint64(value);
        }
    }
    return t;
}

MetricTotals &MetricTotals::operator+=(const MetricTotals &other)
{
    received += other.received;
    accepted += other.accepted;
    deduped += other.deduped;
    rejected += other.rejected;
    unprocessable += other.unprocessable;
    processed += other.processed;
    failedAttempts += other.failedAttempts;
    dead += other.dead;
    processingLatency += other.processingLatency;
    return *this;
}

bool MetricTotals::operator==(const MetricTotals &other) const
{
    const Histogram::Snapshot &a = processingLatency;
    const Histogram::Snapshot &b = other.processingLatency;
    // An empty histogram equals an all-zero one: both say "no deliveries".
    const bool sameLatency = a.count == b.count && (a.count == 0 || (a.counts == b.counts && a.sum == b.sum));
    return sameLatency && received == other.received && accepted == other.accepted && deduped == other.deduped
        && rejected == other.rejected && unprocessable == other.unprocessable && processed == other.processed
        && failedAttempts == other.failedAttempts && dead == other.dead;
}

WindowRange WindowRange::of(MetricsWindow window, qint64 nowMs)
{
    WindowRange r;
    qint64 span = kHourMs;
    r.bucketMs = kHourMs;
    switch (window) {
    case MetricsWindow::LastHour:
        r.bucketMs = kMinuteMs;
        break;
    case MetricsWindow::Last24Hours:
        span = kDayMs;
        break;
    case MetricsWindow::Last7Days:
        span = 7 * kDayMs;
        break;
    }
    // Buckets on whole minutes / hours (UTC-aligned, which is local time in whole-hour zones).
    r.toMs = nowMs - nowMs % r.bucketMs + r.bucketMs;
    r.fromMs = r.toMs - span;
    return r;
}

QList<MetricBucket> MetricsQuery::buckets(QSqlDatabase &db, const WindowRange &range, QString *error)
{
    QList<MetricBucket> out;
    const int count = range.bucketCount();
    QList<SeriesCounts> series(count);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // A range scan on the primary key's first column; grouping shrinks 7 days of minutes to ~170 rows per series.
    q.prepare(QStringLiteral("SELECT (minute - ?) / ? AS bucket, series, sum(value) FROM metric_minutes"
                             " WHERE minute >= ? AND minute < ? AND series NOT LIKE ? GROUP BY bucket, series"));
    q.addBindValue(range.fromMs);
    q.addBindValue(range.bucketMs);
    q.addBindValue(range.fromMs);
    q.addBindValue(range.toMs);
    q.addBindValue(kSkipSeries);
    if (!q.exec()) {
        fail(q, error);
        return out;
    }
    while (q.next()) {
        const qint64 bucket = q.value(0).toLongLong();
        if (bucket >= 0 && bucket < count)
            series[bucket].insert(q.value(1).toString(), q.value(2).toLongLong());
    }
    out.reserve(count);
    for (int i = 0; i < count; ++i)
        out.append(MetricBucket{range.fromMs + i * range.bucketMs, MetricTotals::fromSeries(series.at(i))});
    return out;
}

QMap<qint64, SeriesCounts> MetricsQuery::minutesSince(QSqlDatabase &db, qint64 fromMinuteMs, QString *error)
{
    QMap<qint64, SeriesCounts> out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT minute, series, value FROM metric_minutes WHERE minute >= ? AND series NOT LIKE ?"));
    q.addBindValue(fromMinuteMs);
    q.addBindValue(kSkipSeries);
    if (!q.exec()) {
        fail(q, error);
        return out;
    }
    while (q.next())
        out[q.value(0).toLongLong()].insert(q.value(1).toString(), q.value(2).toLongLong());
    return out;
}

namespace {
bool countDeliveries(QSqlDatabase &db, DashboardData &d, QString *error)
{
    QSqlQuery q(db);
    // Both counts walk the (state, id) index, not the table.
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM deliveries WHERE state IN ('pending', 'retrying')),"
                               " (SELECT count(*) FROM deliveries WHERE state = 'dead')"))
        || !q.next())
        return fail(q, error);
    d.waitingDeliveries = q.value(0).toLongLong();
    d.deadDeliveries = q.value(1).toLongLong();
    return true;
}
} // namespace

DashboardData MetricsQuery::read(StoreReader &reader, const WindowRange &range, qint64 recentFromMinuteMs,
                                 qint64 nowMs, qint64 incompleteAfterMs, QString *error)
{
    DashboardData d;
    d.range = range;
    d.readAtMs = nowMs;
    QSqlDatabase &db = reader.database();
    // One snapshot: the window and the recent minutes must agree for the live overlay to add up.
    db.transaction();
    d.buckets = buckets(db, range, error);
    if (error->isEmpty())
        d.recentMinutes = minutesSince(db, recentFromMinuteMs, error);
    if (error->isEmpty())
        countDeliveries(db, d, error);
    if (error->isEmpty()) {
        // Calls whose last event fell between 24 h + the grace period ago and the grace period ago:
        // the ones that went incomplete today, not every call a provider ever lost.
        const qint64 all = reader.countIncompleteCalls(nowMs, incompleteAfterMs, error);
        const qint64 older = all < 0 ? -1 : reader.countIncompleteCalls(nowMs - kDayMs, incompleteAfterMs, error);
        d.newlyIncompleteCalls = all >= 0 && older >= 0 ? all - older : 0;
    }
    db.commit();
    return d;
}

} // namespace ringside
