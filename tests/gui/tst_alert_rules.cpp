#include "models/alert_rules.h"

#include <QTest>

using namespace ringside;

namespace {
constexpr qint64 kMinute = 60'000;

/** A history with one sample a minute; counters grow by the given amounts each minute. */
QList<PipelineSample> steady(int minutes, qint64 received, qint64 deduped, qint64 processed, qint64 failedAttempts,
                             qint64 unprocessable = 0)
{
    QList<PipelineSample> h;
    for (int i = 0; i <= minutes; ++i)
        h.append(PipelineSample{i * kMinute, i * received, i * deduped, i * processed, i * failedAttempts,
                                i * unprocessable, 0});
    return h;
}

QStringList keys(const QList<Alert> &alerts)
{
    QStringList k;
    for (const Alert &a : alerts)
        k << a.key;
    return k;
}
} // namespace

Q_DECLARE_METATYPE(QList<PipelineSample>)

class TestAlertRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quietPipelineHasNoAlerts();
    void spikes_data();
    void spikes();
    void measuresSpikesOverTheWindowOnly();
    void backlogGrowing_data();
    void backlogGrowing();
    void sinksAndStore();
    void incompleteCalls();
    void criticalFirst();
    void setupWarnings();
    void deadDeliveries();
};

void TestAlertRules::quietPipelineHasNoAlerts()
{
    AlertInputs in;
    QVERIFY(AlertRules::evaluate(in, {}).isEmpty());
    in.history = steady(10, 100, 2, 100, 1);
    in.sinkStates = {{QStringLiteral("crm"), QStringLiteral("ok")}};
    QVERIFY(AlertRules::evaluate(in, {}).isEmpty());
}

void TestAlertRules::spikes_data()
{
    QTest::addColumn<QList<PipelineSample>>("history");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("failed attempts at 20% of outcomes") << steady(10, 100, 0, 80, 20) << QStringList{"failure-spike"};
    QTest::newRow("unprocessable payloads count as failed") << steady(10, 100, 0, 90, 0, 10) << QStringList{"failure-spike"};
    QTest::newRow("9% failed is under 10%") << steady(10, 100, 0, 91, 9) << QStringList{};
    QTest::newRow("all failing but too few to tell") << steady(10, 1, 0, 0, 1) << QStringList{};
    QTest::newRow("retry storm: 40% duplicates") << steady(10, 100, 40, 60, 0) << QStringList{"dedup-spike"};
    QTest::newRow("normal retries: 5% duplicates") << steady(10, 100, 5, 95, 0) << QStringList{};
    QTest::newRow("both at once") << steady(10, 100, 50, 10, 10) << QStringList{"dedup-spike", "failure-spike"};
}

void TestAlertRules::spikes()
{
    QFETCH(QList<PipelineSample>, history);
    AlertInputs in;
    in.history = history;
    QTEST(keys(AlertRules::evaluate(in, AlertThresholds{})), "expected");
}

void TestAlertRules::measuresSpikesOverTheWindowOnly()
{
    // A burst of failures 20 minutes ago, healthy since: no spike now.
    AlertInputs in;
    in.history = steady(30, 100, 0, 100, 0);
    for (int i = 10; i <= 30; ++i)
        in.history[i].failedAttempts = 500;
    QVERIFY(AlertRules::evaluate(in, {}).isEmpty());
    // The same burst in the last minute is one.
    in.history.last().failedAttempts = 600;
    const QList<Alert> alerts = AlertRules::evaluate(in, {});
    QCOMPARE(keys(alerts), QStringList{"failure-spike"});
    QVERIFY2(alerts.first().text.contains(QLatin1String("last 5 min")), qPrintable(alerts.first().text));
    // A longer window dilutes it below the threshold.
    AlertThresholds wide;
    wide.spikeWindowMinutes = 15;
    wide.failureSpikePercent = 10;
    QVERIFY(AlertRules::evaluate(in, wide).isEmpty());
}

void TestAlertRules::backlogGrowing_data()
{
    QTest::addColumn<QList<qint64>>("backlog"); // one value a minute, the last is now
    QTest::addColumn<bool>("alert");
    QTest::newRow("stuck sink: up every minute") << QList<qint64>{0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50} << true;
    QTest::newRow("busy but draining") << QList<qint64>{40, 45, 50, 30, 35, 40, 20, 25, 30, 35, 38} << false;
    QTest::newRow("grew, then fell back") << QList<qint64>{0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 5} << false;
    QTest::newRow("growing by too little") << QList<qint64>{0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6} << false;
    QTest::newRow("history shorter than the span") << QList<qint64>{0, 10, 20, 30, 40, 50} << false;
    QTest::newRow("up through each third, with a dip") << QList<qint64>{10, 12, 15, 20, 18, 25, 30, 28, 35, 40, 50}
                                                       << true;
}

void TestAlertRules::backlogGrowing()
{
    QFETCH(QList<qint64>, backlog);
    AlertInputs in;
    for (qsizetype i = 0; i < backlog.size(); ++i)
        in.history.append(PipelineSample{i * kMinute, 0, 0, 0, 0, 0, backlog.at(i)});
    AlertThresholds t;
    t.backlogGrowthMinutes = 10;
    const QList<Alert> alerts = AlertRules::evaluate(in, t);
    QTEST(keys(alerts).contains(QStringLiteral("backlog-growing")), "alert");
}

void TestAlertRules::sinksAndStore()
{
    AlertInputs in;
    in.sinkStates = {{QStringLiteral("hubspot"), QStringLiteral("paused")},
                     {QStringLiteral("webhook"), QStringLiteral("circuit open")},
                     {QStringLiteral("spare"), QStringLiteral("retrying")}};
    in.storeHealthy = false;
    const QList<Alert> alerts = AlertRules::evaluate(in, {});
    QCOMPARE(keys(alerts), (QStringList{"sink-paused:hubspot", "store-unhealthy", "sink-circuit-open:webhook"}));
    QCOMPARE(alerts.at(0).severity, Alert::Severity::Critical);
    QVERIFY(alerts.at(0).text.contains(QLatin1String("hubspot")));
    QCOMPARE(alerts.at(2).severity, Alert::Severity::Warning);
}

void TestAlertRules::incompleteCalls()
{
    AlertInputs in;
    in.newlyIncompleteCalls = 2;
    AlertThresholds t;
    t.incompleteCalls = 3;
    QVERIFY(AlertRules::evaluate(in, t).isEmpty());
    in.newlyIncompleteCalls = 3;
    const QList<Alert> alerts = AlertRules::evaluate(in, t);
    QCOMPARE(keys(alerts), QStringList{"incomplete-calls"});
    QVERIFY2(alerts.first().text.startsWith(QLatin1String("3 ")), qPrintable(alerts.first().text));
    t.incompleteCalls = 0; // off
    QVERIFY(AlertRules::evaluate(in, t).isEmpty());
}

void TestAlertRules::criticalFirst()
{
    AlertInputs in;
    in.history = steady(10, 100, 50, 100, 0);
    in.newlyIncompleteCalls = 1;
    in.sinkStates = {{QStringLiteral("crm"), QStringLiteral("paused")}};
    QCOMPARE(keys(AlertRules::evaluate(in, {})),
             (QStringList{"sink-paused:crm", "dedup-spike", "incomplete-calls"}));
}

void TestAlertRules::setupWarnings()
{
    AlertInputs in;
    in.setupWarnings = {QStringLiteral("config file /etc/ringside.ini holds secrets and other users can read it; chmod 600 it")};
    in.storeHealthy = false;
    const QList<Alert> alerts = AlertRules::evaluate(in, {});
    QCOMPARE(keys(alerts), (QStringList{"store-unhealthy", "setup:" + in.setupWarnings.first()}));
    QCOMPARE(alerts.at(1).severity, Alert::Severity::Warning);
    QVERIFY2(alerts.at(1).text.contains(QLatin1String("chmod 600")), qPrintable(alerts.at(1).text));
    QCOMPARE(AlertRules::evaluate(in, {}), alerts); // standing: the same alert each time, no new notification
}

void TestAlertRules::deadDeliveries()
{
    AlertInputs in;
    in.deadDeliveries = 1;
    QList<Alert> alerts = AlertRules::evaluate(in, {});
    QCOMPARE(keys(alerts), QStringList{"deliveries-dead"});
    QCOMPARE(alerts.first().severity, Alert::Severity::Warning);
    QVERIFY2(alerts.first().text.startsWith(QLatin1String("CRM writes that gave up: 1.")), qPrintable(alerts.first().text));
    // More of them: the same alert (one tray notification), its text counting them.
    in.deadDeliveries = 7;
    alerts = AlertRules::evaluate(in, {});
    QCOMPARE(keys(alerts), QStringList{"deliveries-dead"});
    QVERIFY2(alerts.first().text.startsWith(QLatin1String("CRM writes that gave up: 7.")), qPrintable(alerts.first().text));
    in.deadDeliveries = 0; // all retried or discarded
    QVERIFY(AlertRules::evaluate(in, {}).isEmpty());
}

QTEST_GUILESS_MAIN(TestAlertRules)
#include "tst_alert_rules.moc"
