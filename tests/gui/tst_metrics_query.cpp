#include "delivery/delivery_metrics.h"
#include "models/metrics_query.h"
#include "store/database.h"
#include "store/metric_store.h"
#include "store/schema.h"
#include "store/store_reader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ringside;

namespace {
constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kHour0 = 494'444LL * kHour; // a whole hour in 2026
} // namespace

class TestMetricsQuery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void windowRanges_data();
    void windowRanges();
    void sumsTheSeedCountersPerHour();
    void interpolatesQuantilesFromTheStoredBuckets();
    void cutsTheLastHourIntoMinutes();
    void readsTheWindowAndTheRecentMinutesTogether();

private:
    void add(qint64 minuteMs, const MetricStore::Rows &rows);
    QTemporaryDir m_dir;
    QString m_path;
    QSqlDatabase m_db;
    StoreReader m_reader;
};

void TestMetricsQuery::add(qint64 minuteMs, const MetricStore::Rows &rows)
{
    QString error;
    QVERIFY2(MetricStore::add(m_db, minuteMs, rows, &error), qPrintable(error));
}

void TestMetricsQuery::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("metrics.db"));
    QString error;
    m_db = Database::open(m_path, Database::Mode::ReadWrite, &error);
    QVERIFY2(m_db.isValid(), qPrintable(error));
    QVERIFY2(Schema::migrate(m_db, &error), qPrintable(error));

    const auto s = [](const char *name) { return QString::fromLatin1(name); };
    // Hour 0: a busy start and a quiet end; one rejected request and one unprocessable body.
    add(kHour0 + 5 * kMinute, {{s("received"), 10}, {s("accepted"), 8}, {s("deduped"), 1},
                               {s("rejected:bad_signature"), 1}, {s("unprocessable"), 1}, {s("delivered"), 7},
                               {s("delivery_failed"), 2}, {s("ack_latency:le=0.001"), 10}});
    add(kHour0 + 59 * kMinute, {{s("received"), 5}, {s("accepted"), 5}, {s("delivered"), 5}, {s("dead"), 1}});
    // Hour 1: a retry storm of duplicates, and 100 deliveries with known latencies.
    add(kHour0 + kHour + 10 * kMinute, {{s("received"), 3}, {s("deduped"), 3}});
    add(kHour0 + kHour + 11 * kMinute, {{s("delivered"), 100}, {s("processing_latency:le=0.01"), 90},
                                        {s("processing_latency:le=0.05"), 10},
                                        {s("processing_latency:sum_us"), 1'260'000}});
    // Hour 2, the one in progress: one slow delivery beyond the last bound.
    add(kHour0 + 2 * kHour + 10 * kMinute, {{s("received"), 1}, {s("accepted"), 1}, {s("delivered"), 1},
                                            {s("processing_latency:le=inf"), 1}});
    // Outside every window below.
    add(kHour0 - 23 * kHour, {{s("received"), 1000}});
    QVERIFY2(m_reader.open(m_path, &error), qPrintable(error));
}

void TestMetricsQuery::cleanupTestCase()
{
    Database::close(m_db);
}

void TestMetricsQuery::windowRanges_data()
{
    QTest::addColumn<int>("window");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<int>("buckets");
    const qint64 now = kHour0 + 10 * kMinute + 30'000;
    QTest::newRow("last hour: 60 minutes, the current one last")
        << int(MetricsWindow::LastHour) << now << kHour0 - 49 * kMinute << kHour0 + 11 * kMinute << 60;
    QTest::newRow("24 h: 24 hours, the current one last")
        << int(MetricsWindow::Last24Hours) << now << kHour0 - 23 * kHour << kHour0 + kHour << 24;
    QTest::newRow("7 days: 168 hours") << int(MetricsWindow::Last7Days) << now << kHour0 - 167 * kHour
                                       << kHour0 + kHour << 168;
    QTest::newRow("on a boundary, that bucket is the current one")
        << int(MetricsWindow::Last24Hours) << kHour0 << kHour0 - 23 * kHour << kHour0 + kHour << 24;
}

void TestMetricsQuery::windowRanges()
{
    QFETCH(int, window);
    QFETCH(qint64, now);
    const WindowRange r = WindowRange::of(MetricsWindow(window), now);
    QTEST(r.fromMs, "from");
    QTEST(r.toMs, "to");
    QTEST(r.bucketCount(), "buckets");
    QVERIFY(r.contains(now));
}

void TestMetricsQuery::sumsTheSeedCountersPerHour()
{
    const WindowRange range = WindowRange::of(MetricsWindow::Last24Hours, kHour0 + 2 * kHour + 15 * kMinute);
    QString error;
    const QList<MetricBucket> b = MetricsQuery::buckets(m_reader.database(), range, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(b.size(), 24);
    QCOMPARE(b.at(21).startMs, kHour0);
    const MetricTotals &h0 = b.at(21).totals;
    QCOMPARE(h0.received, 15);
    QCOMPARE(h0.accepted, 13);
    QCOMPARE(h0.deduped, 1);
    QCOMPARE(h0.rejected, 1);
    QCOMPARE(h0.processed, 12);
    QCOMPARE(h0.dead, 1);
    // ARCHITECTURE.md: failed = failed delivery attempts + unprocessable payloads.
    QCOMPARE(h0.failed(), 3);
    QVERIFY(h0.conserved());
    QCOMPARE(h0.processingLatency.count, quint64(0));

    const MetricTotals &h1 = b.at(22).totals;
    QCOMPARE(h1.received, 3);
    QCOMPARE(h1.deduped, 3);
    QCOMPARE(h1.processed, 100);
    QVERIFY(h1.conserved());
    QCOMPARE(b.at(23).totals.received, 1);

    MetricTotals all;
    for (const MetricBucket &bucket : b)
        all += bucket.totals;
    QCOMPARE(all.received, 19); // the row 23 h before hour 0 is outside
    QCOMPARE(all.processed, 113);
    for (int i = 0; i < 21; ++i)
        QCOMPARE(b.at(i).totals, MetricTotals::fromSeries({}));
}

void TestMetricsQuery::interpolatesQuantilesFromTheStoredBuckets()
{
    const WindowRange range = WindowRange::of(MetricsWindow::Last24Hours, kHour0 + 2 * kHour + 15 * kMinute);
    QString error;
    const QList<MetricBucket> b = MetricsQuery::buckets(m_reader.database(), range, &error);
    const Histogram::Snapshot &stored = b.at(22).totals.processingLatency;
    QCOMPARE(stored.count, quint64(100));
    QCOMPARE(stored.sum, 1.26);

    // The same deliveries observed by the engine's own histogram give the same quantiles.
    DeliveryMetrics engine;
    for (int i = 0; i < 90; ++i)
        engine.succeeded(0.009);
    for (int i = 0; i < 10; ++i)
        engine.succeeded(0.045);
    const Histogram::Snapshot live = engine.latency();
    for (double q : {0.5, 0.95, 0.99})
        QCOMPARE(stored.quantile(q), live.quantile(q));
    // 90 in (7.5, 10] ms and 10 in (40, 50] ms: P95 lies halfway into the second bucket.
    QVERIFY(qAbs(stored.quantile(0.95) - 0.045) < 1e-9);
    QVERIFY(qAbs(stored.quantile(0.50) - (0.0075 + 0.0025 * 50.0 / 90.0)) < 1e-9);

    // Beyond the last bound the best estimate is that bound.
    const Histogram::Snapshot &slow = b.at(23).totals.processingLatency;
    QCOMPARE(slow.count, quint64(1));
    QCOMPARE(slow.quantile(0.95), MetricsQuery::latencyBounds().back());

    // A window's latency is the sum of its buckets' histograms, not an average of their quantiles.
    MetricTotals all;
    for (const MetricBucket &bucket : b)
        all += bucket.totals;
    QCOMPARE(all.processingLatency.count, quint64(101));
    QVERIFY(all.processingLatency.quantile(0.5) < 0.01);
}

void TestMetricsQuery::cutsTheLastHourIntoMinutes()
{
    const WindowRange range = WindowRange::of(MetricsWindow::LastHour, kHour0 + 2 * kHour + 10 * kMinute + 30'000);
    QString error;
    const QList<MetricBucket> b = MetricsQuery::buckets(m_reader.database(), range, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(b.size(), 60);
    QCOMPARE(b.first().startMs, kHour0 + kHour + 11 * kMinute);
    QCOMPARE(b.first().totals.processed, 100);   // the first minute is in ...
    QCOMPARE(b.first().totals.processingLatency.count, quint64(100));
    QCOMPARE(b.last().startMs, kHour0 + 2 * kHour + 10 * kMinute);
    QCOMPARE(b.last().totals.received, 1);       // ... and so is the current one ...
    qint64 received = 0;
    for (const MetricBucket &bucket : b)
        received += bucket.totals.received;
    QCOMPARE(received, 1);                       // ... but not the minute before the window.
}

void TestMetricsQuery::readsTheWindowAndTheRecentMinutesTogether()
{
    const qint64 now = kHour0 + 2 * kHour + 15 * kMinute;
    QString error;
    const DashboardData d = MetricsQuery::read(m_reader, WindowRange::of(MetricsWindow::Last7Days, now),
                                               kHour0 + kHour + 11 * kMinute, now, 4 * kHour, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(d.buckets.size(), 168);
    QCOMPARE(d.readAtMs, now);
    QCOMPARE(d.recentMinutes.keys(), (QList<qint64>{kHour0 + kHour + 11 * kMinute, kHour0 + 2 * kHour + 10 * kMinute}));
    QCOMPARE(d.recentMinutes.value(kHour0 + kHour + 11 * kMinute).value(QStringLiteral("delivered")), 100);
    // The receiver's own ack latency is not part of the dashboard's series.
    for (const SeriesCounts &m : d.recentMinutes)
        for (auto it = m.cbegin(); it != m.cend(); ++it)
            QVERIFY(!it.key().startsWith(QLatin1String("ack_latency")));
    QCOMPARE(d.waitingDeliveries, 0);
    QCOMPARE(d.deadDeliveries, 0);
    QCOMPARE(d.newlyIncompleteCalls, 0);
    MetricTotals all;
    for (const MetricBucket &bucket : d.buckets)
        all += bucket.totals;
    QCOMPARE(all.received, 1019); // 7 days reach the old row too
}

QTEST_GUILESS_MAIN(TestMetricsQuery)
#include "tst_metrics_query.moc"
