#include "models/hourly_counts_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ringside;

namespace {
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kHour0 = 494'444LL * kHour;

QList<MetricBucket> hours(qint64 firstHour, int count, qint64 receivedBase = 10)
{
    QList<MetricBucket> b;
    for (int i = 0; i < count; ++i) {
        MetricBucket bucket;
        bucket.startMs = kHour0 + (firstHour + i) * kHour;
        bucket.totals = MetricTotals::fromSeries({{QStringLiteral("received"), receivedBase + firstHour + i},
                                                  {QStringLiteral("delivered"), 4},
                                                  {QStringLiteral("deduped"), 1},
                                                  {QStringLiteral("delivery_failed"), 2},
                                                  {QStringLiteral("unprocessable"), 1}});
        b.append(bucket);
    }
    return b;
}
} // namespace

class TestHourlyCountsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void showsTheFourSeedCounters();
    void updatesOnlyTheBucketInProgress();
    void scrollsAsTimeMovesOn();
    void resetsForAnotherWindow();
};

void TestHourlyCountsModel::showsTheFourSeedCounters()
{
    HourlyCountsModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setBuckets(kHour, hours(0, 24));
    QCOMPARE(m.rowCount(), 24);
    QCOMPARE(m.columnCount(), int(HourlyCountsModel::ColumnCount));
    QCOMPARE(m.headerData(HourlyCountsModel::Processed, Qt::Horizontal).toString(), QStringLiteral("Processed"));
    const QModelIndex received = m.index(3, HourlyCountsModel::Received);
    QCOMPARE(received.data(MetricBucketsModel::ValueRole).toLongLong(), 13);
    QCOMPARE(received.data().toString(), QStringLiteral("13"));
    QCOMPARE(m.index(3, HourlyCountsModel::Processed).data(MetricBucketsModel::ValueRole).toLongLong(), 4);
    QCOMPARE(m.index(3, HourlyCountsModel::Deduped).data(MetricBucketsModel::ValueRole).toLongLong(), 1);
    // Failed = failed attempts + unprocessable.
    QCOMPARE(m.index(3, HourlyCountsModel::Failed).data(MetricBucketsModel::ValueRole).toLongLong(), 3);
    QCOMPARE(m.index(3, HourlyCountsModel::Failed).data(MetricBucketsModel::TimeRole).toLongLong(), kHour0 + 3 * kHour);
    QCOMPARE(m.index(3, HourlyCountsModel::Time).data().toString(),
             QLocale().toString(QDateTime::fromMSecsSinceEpoch(kHour0 + 3 * kHour), QStringLiteral("ddd HH:mm")));
}

void TestHourlyCountsModel::updatesOnlyTheBucketInProgress()
{
    HourlyCountsModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<MetricBucket> b = hours(0, 24);
    m.setBuckets(kHour, b);
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    m.setBuckets(kHour, b);
    QCOMPARE(changed.size(), 0);
    b.last().totals.received += 5;
    m.setBuckets(kHour, b);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 23);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 23);
    QCOMPARE(m.index(23, HourlyCountsModel::Received).data(MetricBucketsModel::ValueRole).toLongLong(), 38);
}

void TestHourlyCountsModel::scrollsAsTimeMovesOn()
{
    HourlyCountsModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setBuckets(kHour, hours(0, 24));
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    m.setBuckets(kHour, hours(2, 24));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(2).toInt(), 1); // rows 0..1 scrolled out
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 22);
    QCOMPARE(m.rowCount(), 24);
    QCOMPARE(m.buckets(), hours(2, 24));
}

void TestHourlyCountsModel::resetsForAnotherWindow()
{
    HourlyCountsModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setBuckets(kHour, hours(0, 24));
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    m.setBuckets(kHour, hours(-144, 168)); // 7 days: starts earlier
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m.rowCount(), 168);
    m.setBuckets(60'000, {}); // a window with nothing yet
    QCOMPARE(reset.size(), 2);
    QCOMPARE(m.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestHourlyCountsModel)
#include "tst_hourly_counts_model.moc"
