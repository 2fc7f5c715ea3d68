#include "metrics/minute_rollup.h"

#include <QTest>

using namespace ringside;

class TestMinuteRollup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void yieldsOnlyTheChangeSinceTheLastRollup();
};

void TestMinuteRollup::yieldsOnlyTheChangeSinceTheLastRollup()
{
    PipelineMetrics m;
    MinuteRollup r;
    m.record(PipelineMetrics::Outcome::Accepted);
    m.record(PipelineMetrics::Outcome::Rejected, "not_found");
    m.observeAckLatency(0.003);
    auto rows = r.take(m.snapshot());
    auto value = [&rows](const QString &series) {
        for (const auto &[s, v] : rows)
            if (s == series)
                return v;
        return qint64(0);
    };
    QCOMPARE(value(QStringLiteral("received")), 2);
    QCOMPARE(value(QStringLiteral("accepted")), 1);
    QCOMPARE(value(QStringLiteral("rejected:not_found")), 1);
    QCOMPARE(value(MinuteRollup::bucketSeries("ack_latency", 0.005)), 1);

    m.record(PipelineMetrics::Outcome::Deduped);
    rows = r.take(m.snapshot());
    QCOMPARE(value(QStringLiteral("received")), 1);
    QCOMPARE(value(QStringLiteral("deduped")), 1);
    QCOMPARE(value(QStringLiteral("accepted")), 0); // unchanged series are left out

    QVERIFY(r.take(m.snapshot()).isEmpty());
}

QTEST_GUILESS_MAIN(TestMinuteRollup)
#include "tst_minute_rollup.moc"
