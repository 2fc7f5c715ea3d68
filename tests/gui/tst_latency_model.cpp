#include "delivery/delivery_metrics.h"
#include "metrics/minute_rollup.h"
#include "models/latency_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ringside;

namespace {
constexpr qint64 kMinute = 60'000;
constexpr qint64 kMinute0 = 29'666'666LL * kMinute;

/** A minute with `fast` deliveries of 9 ms and `slow` ones of 45 ms, as the engine would store them. */
MetricBucket minute(int i, int fast, int slow)
{
    DeliveryMetrics d;
    for (int k = 0; k < fast; ++k)
        d.succeeded(0.009);
    for (int k = 0; k < slow; ++k)
        d.succeeded(0.045);
    const Histogram::Snapshot h = d.latency();
    SeriesCounts s{{QStringLiteral("delivered"), fast + slow}};
    for (size_t b = 0; b < h.bounds.size(); ++b) {
        if (h.counts[b] != 0)
            s.insert(MinuteRollup::bucketSeries("processing_latency", h.bounds[b]), qint64(h.counts[b]));
    }
    return MetricBucket{kMinute0 + i * kMinute, MetricTotals::fromSeries(s)};
}
} // namespace

class TestLatencyModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void quantilesPerMinute();
    void noDeliveriesNoLatency();
    void updatesInPlace();
};

void TestLatencyModel::quantilesPerMinute()
{
    LatencyModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<MetricBucket> b;
    for (int i = 0; i < 60; ++i)
        b.append(minute(i, 90, 10));
    m.setBuckets(kMinute, b);
    QCOMPARE(m.rowCount(), 60);
    QCOMPARE(m.columnCount(), int(LatencyModel::ColumnCount));
    const QModelIndex p95 = m.index(7, LatencyModel::P95);
    QVERIFY(qAbs(p95.data(MetricBucketsModel::ValueRole).toDouble() - 45.0) < 1e-6);
    QCOMPARE(p95.data().toString(), QStringLiteral("45.0 ms"));
    const double p50 = m.index(7, LatencyModel::P50).data(MetricBucketsModel::ValueRole).toDouble();
    QVERIFY(p50 > 7.5 && p50 <= 10.0);
    const double p99 = m.index(7, LatencyModel::P99).data(MetricBucketsModel::ValueRole).toDouble();
    QVERIFY(p99 > 45.0 && p99 <= 50.0);
    QCOMPARE(m.index(7, LatencyModel::Deliveries).data(MetricBucketsModel::ValueRole).toLongLong(), 100);
    QCOMPARE(m.index(7, LatencyModel::Time).data().toString(),
             QLocale().toString(QDateTime::fromMSecsSinceEpoch(kMinute0 + 7 * kMinute), QStringLiteral("HH:mm")));
    QCOMPARE(m.headerData(LatencyModel::P99, Qt::Horizontal).toString(), QStringLiteral("P99"));
}

void TestLatencyModel::noDeliveriesNoLatency()
{
    LatencyModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setBuckets(kMinute, {minute(0, 0, 0), minute(1, 1, 0)});
    // Not zero: a chart must not draw a latency of 0 ms for a minute without deliveries.
    QVERIFY(!m.index(0, LatencyModel::P95).data(MetricBucketsModel::ValueRole).isValid());
    QCOMPARE(m.index(0, LatencyModel::P95).data().toString(), QStringLiteral("\u2013"));
    QCOMPARE(m.index(0, LatencyModel::Deliveries).data(MetricBucketsModel::ValueRole).toLongLong(), 0);
    QVERIFY(m.index(1, LatencyModel::P95).data(MetricBucketsModel::ValueRole).isValid());
    QCOMPARE(LatencyModel::msText(250.4), QStringLiteral("250 ms"));
    QCOMPARE(LatencyModel::msText(std::nullopt), QStringLiteral("\u2013"));
}

void TestLatencyModel::updatesInPlace()
{
    LatencyModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<MetricBucket> b{minute(0, 10, 0), minute(1, 10, 0), minute(2, 10, 0)};
    m.setBuckets(kMinute, b);
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    b[2] = minute(2, 10, 10);
    m.setBuckets(kMinute, b);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 2);
    QVERIFY(m.index(2, LatencyModel::P95).data(MetricBucketsModel::ValueRole).toDouble() > 40.0);
}

QTEST_GUILESS_MAIN(TestLatencyModel)
#include "tst_latency_model.moc"
