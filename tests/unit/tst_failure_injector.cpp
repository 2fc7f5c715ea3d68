#include "core/clock.h"
#include "sim/failure_injector.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ringside;
using Kind = FailureDecision::Kind;

namespace {

FailurePlan mixedPlan(quint64 seed)
{
    FailurePlan plan;
    plan.seed = seed;
    plan.errorRate = 0.2;
    plan.rate429 = 0.2;
    plan.hangRate = 0.1;
    plan.latencyMs = 10;
    plan.latencyJitterMs = 50;
    return plan;
}

/** A compact trace of decisions: kind, status and delay per request. */
QList<QString> trace(FailureInjector &injector, int n)
{
    QList<QString> out;
    for (int i = 0; i < n; ++i) {
        const FailureDecision d = injector.decide();
        out << QStringLiteral("%1/%2/%3").arg(QLatin1String(FailureDecision::kindName(d.kind))).arg(d.status).arg(d.delayMs);
    }
    return out;
}

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestFailureInjector : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameDecisions()
    {
        ManualClock clock;
        FailureInjector a(mixedPlan(42), clock);
        FailureInjector b(mixedPlan(42), clock);
        const QList<QString> first = trace(a, 500);
        QCOMPARE(trace(b, 500), first);
        // Every kind shows up, so the comparison is not between two runs of "pass".
        for (const char *kind : {"pass", "hang", "error", "rate_limited"})
            QVERIFY2(first.join(QLatin1Char(' ')).contains(QLatin1String(kind)), kind);
        // restart() replays the same sequence.
        a.restart();
        QCOMPARE(trace(a, 500), first);
    }

    void differentSeedDifferentDecisions()
    {
        ManualClock clock;
        FailureInjector a(mixedPlan(1), clock);
        FailureInjector b(mixedPlan(2), clock);
        QVERIFY(trace(a, 200) != trace(b, 200));
    }

    void ratesAreRoughlyHonoured()
    {
        ManualClock clock;
        FailurePlan plan;
        plan.seed = 5;
        plan.errorRate = 0.3;
        FailureInjector injector(plan, clock);
        int errors = 0;
        for (int i = 0; i < 10000; ++i)
            errors += injector.decide().kind == Kind::Error;
        QVERIFY2(errors > 2700 && errors < 3300, qPrintable(QString::number(errors)));
    }

    void extremes()
    {
        ManualClock clock;
        FailurePlan plan;
        plan.errorRate = 1.0;
        plan.errorStatus = 500;
        FailureInjector injector(plan, clock);
        for (int i = 0; i < 100; ++i) {
            const FailureDecision d = injector.decide();
            QCOMPARE(d.kind, Kind::Error);
            QCOMPARE(d.status, 500);
        }
        QString error;
        QVERIFY(injector.reconfigure(object(R"({"error_rate": 0, "rate_429": 1, "retry_after": 7})"), &error));
        const FailureDecision d = injector.decide();
        QCOMPARE(d.kind, Kind::RateLimited);
        QCOMPARE(d.status, 429);
        QCOMPARE(d.retryAfterSeconds, 7);
        QVERIFY(injector.reconfigure(object(R"({"rate_429": 0})"), &error));
        QCOMPARE(injector.decide().kind, Kind::Pass);
    }

    void changingOneRateDoesNotShiftTheOthers()
    {
        // Same seed; the second run also injects 429s. Where the first run had errors, the second
        // has the very same errors: every request takes the same draws whatever the rates.
        ManualClock clock;
        FailurePlan plan;
        plan.seed = 11;
        plan.errorRate = 0.3;
        FailureInjector a(plan, clock);
        plan.rate429 = 0.5;
        FailureInjector b(plan, clock);
        for (int i = 0; i < 300; ++i) {
            const bool errorA = a.decide().kind == Kind::Error;
            const bool errorB = b.decide().kind == Kind::Error;
            QCOMPARE(errorB, errorA);
        }
    }

    void latencyWithinJitter()
    {
        ManualClock clock;
        FailurePlan plan;
        plan.latencyMs = 100;
        plan.latencyJitterMs = 20;
        FailureInjector injector(plan, clock);
        int lowest = 1 << 30, highest = 0;
        for (int i = 0; i < 2000; ++i) {
            const int delay = injector.decide().delayMs;
            lowest = qMin(lowest, delay);
            highest = qMax(highest, delay);
        }
        QCOMPARE(lowest, 100);
        QCOMPARE(highest, 120);
    }

    void outageByRequestCount()
    {
        ManualClock clock;
        FailurePlan plan;
        plan.outageAfterRequests = 3;
        plan.outageRequests = 2;
        FailureInjector injector(plan, clock);
        const QList<Kind> expected{Kind::Pass, Kind::Pass, Kind::Pass, Kind::Outage, Kind::Outage, Kind::Pass, Kind::Pass};
        for (Kind k : expected) {
            const FailureDecision d = injector.decide();
            QCOMPARE(d.kind, k);
            if (k == Kind::Outage)
                QCOMPARE(d.status, 503);
        }
        // Set at run time, the window counts from now: "after one more request, two fail".
        QString error;
        QVERIFY(injector.reconfigure(object(R"({"outage_after_requests": 1, "outage_requests": 2})"), &error));
        QCOMPARE(injector.decide().kind, Kind::Pass);
        QCOMPARE(injector.decide().kind, Kind::Outage);
        QCOMPARE(injector.decide().kind, Kind::Outage);
        QCOMPARE(injector.decide().kind, Kind::Pass);
    }

    void outageByTime()
    {
        ManualClock clock;
        FailurePlan plan;
        plan.outageAfterMs = 1000;
        plan.outageDurationMs = 500;
        FailureInjector injector(plan, clock);
        QCOMPARE(injector.decide().kind, Kind::Pass);
        clock.advanceMs(999);
        QCOMPARE(injector.decide().kind, Kind::Pass);
        clock.advanceMs(1);
        QCOMPARE(injector.decide().kind, Kind::Outage);
        clock.advanceMs(499);
        QCOMPARE(injector.decide().kind, Kind::Outage);
        clock.advanceMs(1);
        QCOMPARE(injector.decide().kind, Kind::Pass);

        QString error;
        QVERIFY(injector.reconfigure(object(R"({"outage_after_seconds": 0, "outage_seconds": 2})"), &error));
        QCOMPARE(injector.decide().kind, Kind::Outage);
        clock.advanceMs(2000);
        QCOMPARE(injector.decide().kind, Kind::Pass);
    }

    void forcedOutageWinsOverEverything()
    {
        ManualClock clock;
        FailurePlan plan;
        plan.outage = true;
        plan.hangRate = 1.0;
        plan.errorRate = 1.0;
        FailureInjector injector(plan, clock);
        QCOMPARE(injector.decide().kind, Kind::Outage);
        QString error;
        QVERIFY(injector.reconfigure(object(R"({"outage": false})"), &error));
        const FailureDecision d = injector.decide();
        QCOMPARE(d.kind, Kind::Hang);
        QCOMPARE(d.delayMs, 0);
    }

    void reseedOnConfig()
    {
        ManualClock clock;
        FailureInjector a(mixedPlan(3), clock);
        const QList<QString> seed4 = [&] {
            FailureInjector b(mixedPlan(4), clock);
            return trace(b, 100);
        }();
        trace(a, 17);
        QString error;
        QVERIFY(a.reconfigure(object(R"({"seed": 4})"), &error));
        QCOMPARE(trace(a, 100), seed4);
        QVERIFY(!a.reconfigure(object(R"({"seed": -1})"), &error));
    }
};

QTEST_GUILESS_MAIN(TestFailureInjector)
#include "tst_failure_injector.moc"
