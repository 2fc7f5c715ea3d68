#include "dashboard_rig.h"
#include "delivery/delivery_metrics.h"
#include "models/metrics_query.h"
#include "models/unrolled_counts.h"
#include "store/store_reader.h"

#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

namespace {
constexpr qint64 kMinute = 60'000;
constexpr qint64 kMinute0 = 29'666'666LL * kMinute;
const QString kReceived = QStringLiteral("received");
const QString kDeduped = QStringLiteral("deduped");
} // namespace

class TestUnrolledCounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void subtractsWhatThisRunHasWritten();
    void foldsMinutesThatCanNoLongerChange();
    void tracksNothingWithoutAnEngine();
    void liveSeriesReadBackAsTheSameHistogram();
    void matchesWhatTheEngineRollsUp();
};

void TestUnrolledCounts::subtractsWhatThisRunHasWritten()
{
    UnrolledCounts u;
    u.restart(kMinute0 + 20'000);
    QVERIFY(u.isTracking());
    QCOMPARE(u.readFromMinute(), kMinute0);
    QVERIFY(u.unrolled({{kReceived, 3}}).isEmpty()); // nothing known about the store yet

    // An earlier run stopped within this same minute and left 5 there: not ours.
    u.setStored({{kMinute0, {{kReceived, 5}}}}, kMinute0 + 21'000);
    QCOMPARE(u.unrolled({{kReceived, 3}, {kDeduped, 1}}), (SeriesCounts{{kReceived, 3}, {kDeduped, 1}}));

    // This run's first rollup adds its 4 to that minute; one more request came since.
    u.setStored({{kMinute0, {{kReceived, 9}, {kDeduped, 1}}}}, kMinute0 + 50'000);
    QCOMPARE(u.written(), (SeriesCounts{{kReceived, 4}, {kDeduped, 1}}));
    QCOMPARE(u.unrolled({{kReceived, 5}, {kDeduped, 1}}), (SeriesCounts{{kReceived, 1}}));
}

void TestUnrolledCounts::foldsMinutesThatCanNoLongerChange()
{
    UnrolledCounts u;
    u.restart(kMinute0);
    u.setStored({}, kMinute0 + 1000);
    u.setStored({{kMinute0, {{kReceived, 2}}},
                 {kMinute0 + kMinute, {{kReceived, 3}}},
                 {kMinute0 + 2 * kMinute, {{kReceived, 4}}},
                 {kMinute0 + 3 * kMinute, {{kReceived, 1}}}},
                kMinute0 + 4 * kMinute + 5000);
    QCOMPARE(u.written().value(kReceived), 10);
    // Two minutes back a rollup can no longer land: the next read starts there.
    QCOMPARE(u.readFromMinute(), kMinute0 + 2 * kMinute);

    u.setStored({{kMinute0 + 2 * kMinute, {{kReceived, 4}}},
                 {kMinute0 + 3 * kMinute, {{kReceived, 1}}},
                 {kMinute0 + 4 * kMinute, {{kReceived, 2}}}},
                kMinute0 + 5 * kMinute + 1000);
    QCOMPARE(u.written().value(kReceived), 12);
    QCOMPARE(u.readFromMinute(), kMinute0 + 3 * kMinute);

    // A row of a minute folded already is not counted twice.
    u.setStored({{kMinute0 + kMinute, {{kReceived, 3}}},
                 {kMinute0 + 3 * kMinute, {{kReceived, 1}}},
                 {kMinute0 + 4 * kMinute, {{kReceived, 2}}}},
                kMinute0 + 5 * kMinute + 2000);
    QCOMPARE(u.written().value(kReceived), 12);
    QCOMPARE(u.unrolled({{kReceived, 15}}), (SeriesCounts{{kReceived, 3}}));
}

void TestUnrolledCounts::tracksNothingWithoutAnEngine()
{
    UnrolledCounts u;
    u.restart(kMinute0);
    u.setStored({}, kMinute0);
    u.stop();
    QVERIFY(!u.isTracking());
    u.setStored({{kMinute0, {{kReceived, 1}}}}, kMinute0);
    QVERIFY(u.unrolled({{kReceived, 7}}).isEmpty());
}

void TestUnrolledCounts::liveSeriesReadBackAsTheSameHistogram()
{
    DeliveryMetrics d;
    d.succeeded(0.009);
    d.succeeded(0.009);
    d.succeeded(5000); // beyond the last bound: the +Inf bucket
    LiveStats stats;
    stats.processingLatency = d.latency();
    stats.delivered = d.succeededTotal();
    const MetricTotals t = MetricTotals::fromSeries(UnrolledCounts::liveSeries(stats));
    QCOMPARE(t.processed, 3);
    QCOMPARE(t.processingLatency.bounds, stats.processingLatency.bounds);
    QCOMPARE(t.processingLatency.counts, stats.processingLatency.counts);
    QCOMPARE(t.processingLatency.counts.back(), quint64(1));
    QCOMPARE(t.processingLatency.count, quint64(3));
}

void TestUnrolledCounts::matchesWhatTheEngineRollsUp()
{
    // A real engine rolling up five times a second, delivering to a sandbox CRM.
    DashboardRig rig;
    QVERIFY(rig.start(200));
    UnrolledCounts u;
    u.restart(Clock::system().nowMs());
    StoreReader reader;
    QString error;
    QVERIFY2(reader.open(rig.databasePath(), &error), qPrintable(error));
    const auto read = [&] {
        const qint64 now = Clock::system().nowMs();
        u.setStored(MetricsQuery::minutesSince(reader.database(), u.readFromMinute(), &error), now);
    };
    read();

    QCOMPARE(rig.post(QStringLiteral("roll-1"), "call.initiated"), 200);
    QCOMPARE(rig.post(QStringLiteral("roll-1"), "call.completed"), 200);
    QCOMPARE(rig.post(QStringLiteral("roll-1"), "call.completed"), 200); // the provider's retry
    QCOMPARE(rig.postRaw("/webhooks/nope", "{}"), 404);
    QTRY_COMPARE_WITH_TIMEOUT(rig.host.stats().delivered, quint64(2), 20000);

    // Once everything is rolled up, nothing is left over: the live series and the stored ones
    // carry the same names and the same numbers.
    const QString sumSeries = QStringLiteral("processing_latency:sum_us");
    const auto leftOver = [&] {
        read();
        SeriesCounts left = u.unrolled(UnrolledCounts::liveSeries(rig.host.stats()));
        left.remove(sumSeries); // rounded per rollup: microseconds apart
        return left;
    };
    QTRY_COMPARE_WITH_TIMEOUT(leftOver(), SeriesCounts(), 10000);
    const SeriesCounts live = UnrolledCounts::liveSeries(rig.host.stats());
    const SeriesCounts written = u.written();
    QCOMPARE(written.value(QStringLiteral("received")), 4);
    QCOMPARE(written.value(QStringLiteral("accepted")), 2);
    QCOMPARE(written.value(QStringLiteral("deduped")), 1);
    QCOMPARE(written.value(QStringLiteral("rejected:not_found")), 1);
    QCOMPARE(written.value(QStringLiteral("delivered")), 2);
    QVERIFY(qAbs(written.value(sumSeries) - live.value(sumSeries)) <= 10);
    const MetricTotals fromStore = MetricTotals::fromSeries(written);
    QCOMPARE(fromStore.processingLatency.count, quint64(2));
    QCOMPARE(fromStore.processingLatency.counts, MetricTotals::fromSeries(live).processingLatency.counts);
    QVERIFY(fromStore.conserved());
}

QTEST_GUILESS_MAIN(TestUnrolledCounts)
#include "tst_unrolled_counts.moc"
