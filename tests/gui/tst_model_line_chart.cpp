// The dashboard's line chart over a bucket model: what its axes show.
#include "models/metric_buckets_model.h"
#include "ui/model_line_chart.h"

#include <QDateTimeAxis>
#include <QStandardItemModel>
#include <QTest>

using namespace ringside;

class TestModelLineChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Before the first buckets arrive the time axis has no range of its own: it must not label
    // itself with 1970 (as it did for a moment after every start).
    void noTimeLabelsUntilThereAreBuckets()
    {
        QStandardItemModel model(0, 1);
        ModelLineChart chart(&model, {0});
        QVERIFY(!chart.timeAxis()->labelsVisible());

        const qint64 hour = 3'600'000, start = 1'790'000'000'000;
        for (int i = 0; i < 3; ++i) {
            auto *item = new QStandardItem;
            item->setData(start + i * hour, MetricBucketsModel::TimeRole);
            item->setData(double(i), MetricBucketsModel::ValueRole);
            model.appendRow(item);
        }
        QTRY_VERIFY(chart.timeAxis()->labelsVisible());
        QCOMPARE(chart.timeAxis()->min().toMSecsSinceEpoch(), start);
        QCOMPARE(chart.timeAxis()->format(), QStringLiteral("HH:mm"));

        model.removeRows(0, model.rowCount());
        QTRY_VERIFY(!chart.timeAxis()->labelsVisible());
    }
};

QTEST_MAIN(TestModelLineChart)
#include "tst_model_line_chart.moc"
