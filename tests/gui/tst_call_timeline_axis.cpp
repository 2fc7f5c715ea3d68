#include "ui/timeline_axis.h"

#include <QApplication>
#include <QFont>
#include <QTest>

using namespace ringside;

namespace {
constexpr qint64 kT0 = 1'780'000'000'000;
constexpr qint64 kS = 1000;
} // namespace

class TestTimelineAxis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aCallFillsTheWidth();
    void labelsNeverOverlap_data();
    void labelsNeverOverlap();
    void aLateRetryIsCutOutNotSquashed();
    void subSecondSpansGetMillisecondTicks();
    void oneInstantStillHasAnAxis();
    void scalesWithTheWidth();

private:
    QFontMetricsF metrics() const { return QFontMetricsF(QApplication::font()); }
};

void TestTimelineAxis::aCallFillsTheWidth()
{
    TimelineAxis axis;
    axis.layout({kT0, kT0 + 5 * kS, kT0 + 65 * kS, kT0 + 66 * kS}, 16, 884, metrics());
    QCOMPARE(axis.segments().size(), 1);
    QVERIFY(axis.breaks().isEmpty());
    QCOMPARE(axis.x(kT0), 16 + TimelineAxis::kPadPx);
    QCOMPARE(axis.x(kT0 + 66 * kS), 884 - TimelineAxis::kPadPx);
    QVERIFY(axis.x(kT0 + 5 * kS) < axis.x(kT0 + 65 * kS));
    QVERIFY(!axis.ticks().isEmpty());
}

void TestTimelineAxis::labelsNeverOverlap_data()
{
    QTest::addColumn<qint64>("span");
    QTest::addColumn<double>("width");
    QTest::newRow("300 ms at 900 px") << qint64(300) << 900.0;
    QTest::newRow("70 s at 900 px") << 70 * kS << 900.0;
    QTest::newRow("70 s at 480 px") << 70 * kS << 480.0;
    QTest::newRow("20 min at 900 px") << 20 * 60 * kS << 900.0;
    QTest::newRow("5 h at 1600 px") << 5 * 3600 * kS << 1600.0;
}

void TestTimelineAxis::labelsNeverOverlap()
{
    QFETCH(qint64, span);
    QFETCH(double, width);
    TimelineAxis axis;
    axis.layout({kT0, kT0 + span}, 16, width - 16, metrics());
    double lastRight = -1e9;
    int labelled = 0;
    for (const TimelineAxis::Tick &t : axis.ticks()) {
        QVERIFY(t.x >= 16 && t.x <= width - 16);
        if (t.label.isEmpty())
            continue;
        ++labelled;
        const double w = metrics().horizontalAdvance(t.label);
        QVERIFY2(t.x - w / 2 > lastRight, qPrintable(t.label));
        lastRight = t.x + w / 2;
    }
    QVERIFY2(labelled >= 2, qPrintable(QString::number(labelled)));
}

void TestTimelineAxis::aLateRetryIsCutOutNotSquashed()
{
    // A 70-second call whose CRM write is retried an hour later.
    TimelineAxis axis;
    axis.layout({kT0, kT0 + 70 * kS, kT0 + 3600 * kS}, 16, 884, metrics());
    QCOMPARE(axis.segments().size(), 2);
    QCOMPARE(axis.breaks().size(), 1);
    QCOMPARE(axis.breaks().first().label, QStringLiteral("+58 min 50 s"));
    // The call keeps most of the width.
    QVERIFY(axis.x(kT0 + 70 * kS) - axis.x(kT0) > 0.8 * 868 - 4 * TimelineAxis::kPadPx - TimelineAxis::kBreakPx);
    QVERIFY(axis.x(kT0 + 3600 * kS) <= 884);
    QVERIFY(axis.x(kT0 + 3600 * kS) > axis.x(kT0 + 70 * kS) + TimelineAxis::kBreakPx);
}

void TestTimelineAxis::subSecondSpansGetMillisecondTicks()
{
    TimelineAxis axis;
    axis.layout({kT0 + 100, kT0 + 900}, 16, 884, metrics());
    QVERIFY(axis.stepMs() < 1000);
    bool fraction = false;
    for (const TimelineAxis::Tick &t : axis.ticks())
        fraction = fraction || t.label.startsWith(QLatin1Char('.'));
    QVERIFY(fraction);
    QCOMPARE(TimelineAxis::tickLabel(kT0 + 250, 50), QStringLiteral(".250"));
}

void TestTimelineAxis::oneInstantStillHasAnAxis()
{
    TimelineAxis axis;
    axis.layout({kT0, kT0, kT0}, 16, 884, metrics());
    QCOMPARE(axis.segments().size(), 1);
    const double x = axis.x(kT0);
    QVERIFY(x > 16 && x < 884);
    QVERIFY(!axis.ticks().isEmpty());
    axis.layout({}, 16, 884, metrics());
    QVERIFY(axis.isEmpty());
}

void TestTimelineAxis::scalesWithTheWidth()
{
    TimelineAxis narrow, wide;
    const QList<qint64> times{kT0, kT0 + 60 * kS};
    narrow.layout(times, 16, 884, metrics());
    wide.layout(times, 16, 1784, metrics());
    const double n = narrow.x(kT0 + 60 * kS) - narrow.x(kT0), w = wide.x(kT0 + 60 * kS) - wide.x(kT0);
    QVERIFY(w > 1.9 * n);
    QVERIFY(wide.stepMs() <= narrow.stepMs());
}

QTEST_MAIN(TestTimelineAxis)
#include "tst_call_timeline_axis.moc"
