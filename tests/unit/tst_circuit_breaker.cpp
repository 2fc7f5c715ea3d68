#include "delivery/circuit_breaker.h"

#include <QTest>

using namespace ringside;

namespace {
using State = CircuitBreaker::State;
constexpr qint64 kT0 = 1'780'000'000'000;

/** Fails `n` requests in a row at `now`, each allowed first. */
void failRequests(CircuitBreaker &b, int n, qint64 now)
{
    for (int i = 0; i < n; ++i) {
        QVERIFY(b.allow(now));
        b.recordFailure(now);
    }
}
} // namespace

/** Tests that a failing sink gets a rest, one probe at a time, and is used again once it answers. */
class TestCircuitBreaker : public QObject
{
    Q_OBJECT

private slots:
    void opensAfterThreshold_data();
    void opensAfterThreshold();
    void exactlyOneProbeOnceTheIntervalPassed();
    void probeSuccessCloses();
    void probeFailureReopensWithDoubledInterval_data();
    void probeFailureReopensWithDoubledInterval();
    void successResetsTheCount();
    void successWhileOpenCloses();
    void lateFailuresWhileOpenChangeNothing();
    void abandonedProbeIsDueAgain();
};

void TestCircuitBreaker::opensAfterThreshold_data()
{
    QTest::addColumn<int>("threshold");
    QTest::addColumn<qint64>("openMs");
    QTest::newRow("defaults: 5 failures, 30 s") << CircuitBreaker::kDefaultFailureThreshold
                                                << CircuitBreaker::kDefaultOpenMs;
    QTest::newRow("1 failure, 1 s") << 1 << qint64(1'000);
    QTest::newRow("3 failures, 10 s") << 3 << qint64(10'000);
}

void TestCircuitBreaker::opensAfterThreshold()
{
    QFETCH(int, threshold);
    QFETCH(qint64, openMs);
    CircuitBreaker b(threshold, openMs, 600'000);
    QCOMPARE(b.state(), State::Closed);
    QCOMPARE(b.msUntilProbe(kT0), 0);

    failRequests(b, threshold - 1, kT0);
    QCOMPARE(b.state(), State::Closed);
    QVERIFY(b.allow(kT0));

    b.recordFailure(kT0 + 5);
    QCOMPARE(b.state(), State::Open);
    QCOMPARE(b.consecutiveFailures(), threshold);
    QVERIFY(!b.allow(kT0 + 5));
    QCOMPARE(b.msUntilProbe(kT0 + 5), openMs);
    QCOMPARE(b.msUntilProbe(kT0 + 5 + openMs / 2), openMs - openMs / 2);
}

void TestCircuitBreaker::exactlyOneProbeOnceTheIntervalPassed()
{
    CircuitBreaker b;
    failRequests(b, 5, kT0);
    QCOMPARE(b.state(), State::Open);

    QVERIFY(!b.allow(kT0 + 29'999));
    QCOMPARE(b.msUntilProbe(kT0 + 29'999), 1);
    QCOMPARE(b.state(), State::Open);

    QCOMPARE(b.msUntilProbe(kT0 + 30'000), 0);
    QVERIFY(b.allow(kT0 + 30'000)); // the probe
    QCOMPARE(b.state(), State::HalfOpen);
    QCOMPARE(b.msUntilProbe(kT0 + 30'000), -1);
    QVERIFY(!b.allow(kT0 + 30'000));
    QVERIFY(!b.allow(kT0 + 90'000)); // however long the probe takes: one at a time
}

void TestCircuitBreaker::probeSuccessCloses()
{
    CircuitBreaker b;
    failRequests(b, 5, kT0);
    QVERIFY(b.allow(kT0 + 30'000));
    b.recordSuccess();
    QCOMPARE(b.state(), State::Closed);
    QCOMPARE(b.consecutiveFailures(), 0);
    QCOMPARE(b.openIntervalMs(), 30'000);
    for (int i = 0; i < 10; ++i)
        QVERIFY(b.allow(kT0 + 30'001));

    // It takes the full threshold again to reopen, with the base interval.
    failRequests(b, 5, kT0 + 40'000);
    QCOMPARE(b.state(), State::Open);
    QCOMPARE(b.msUntilProbe(kT0 + 40'000), 30'000);
}

void TestCircuitBreaker::probeFailureReopensWithDoubledInterval_data()
{
    QTest::addColumn<int>("failedProbes");
    QTest::addColumn<qint64>("interval");
    QTest::newRow("no probe yet: 30 s") << 0 << qint64(30'000);
    QTest::newRow("1 failed probe: 60 s") << 1 << qint64(60'000);
    QTest::newRow("2 failed probes: 2 min") << 2 << qint64(120'000);
    QTest::newRow("3 failed probes: 4 min") << 3 << qint64(240'000);
    QTest::newRow("4 failed probes: 8 min") << 4 << qint64(480'000);
    QTest::newRow("5 failed probes: capped at 10 min") << 5 << qint64(600'000);
    QTest::newRow("20 failed probes: still 10 min") << 20 << qint64(600'000);
}

void TestCircuitBreaker::probeFailureReopensWithDoubledInterval()
{
    QFETCH(int, failedProbes);
    QFETCH(qint64, interval);

    CircuitBreaker b;
    failRequests(b, 5, kT0);
    qint64 now = kT0;
    for (int i = 0; i < failedProbes; ++i) {
        now += b.msUntilProbe(now);
        QVERIFY(b.allow(now));
        now += 700; // the probe's own latency: the new interval counts from its failure
        b.recordFailure(now);
        QCOMPARE(b.state(), State::Open);
        QVERIFY(!b.allow(now));
    }
    QCOMPARE(b.openIntervalMs(), interval);
    QCOMPARE(b.msUntilProbe(now), interval);
    QVERIFY(!b.allow(now + interval - 1));
    QVERIFY(b.allow(now + interval));

    b.recordSuccess();
    QCOMPARE(b.state(), State::Closed);
    QCOMPARE(b.openIntervalMs(), 30'000); // a success forgets the doubling
}

void TestCircuitBreaker::successResetsTheCount()
{
    CircuitBreaker b;
    failRequests(b, 4, kT0);
    b.recordSuccess();
    failRequests(b, 4, kT0 + 1);
    QCOMPARE(b.state(), State::Closed);
    QCOMPARE(b.consecutiveFailures(), 4);
}

void TestCircuitBreaker::successWhileOpenCloses()
{
    // A request sent before the circuit opened comes back fine: the sink works.
    CircuitBreaker b;
    failRequests(b, 5, kT0);
    QCOMPARE(b.state(), State::Open);
    b.recordSuccess();
    QCOMPARE(b.state(), State::Closed);
    QVERIFY(b.allow(kT0 + 1));
}

void TestCircuitBreaker::lateFailuresWhileOpenChangeNothing()
{
    CircuitBreaker b;
    failRequests(b, 5, kT0);
    b.recordFailure(kT0 + 20'000); // still in flight when it opened
    QCOMPARE(b.state(), State::Open);
    QCOMPARE(b.openIntervalMs(), 30'000);
    QVERIFY(b.allow(kT0 + 30'000)); // not pushed back to kT0 + 50 s
}

void TestCircuitBreaker::abandonedProbeIsDueAgain()
{
    CircuitBreaker b;
    failRequests(b, 5, kT0);
    QVERIFY(b.allow(kT0 + 30'000));
    b.abandonProbe(kT0 + 31'000);
    QCOMPARE(b.state(), State::Open);
    QCOMPARE(b.msUntilProbe(kT0 + 31'000), 0);
    QCOMPARE(b.openIntervalMs(), 30'000);
    QVERIFY(b.allow(kT0 + 31'000));
    QCOMPARE(b.state(), State::HalfOpen);

    b.abandonProbe(kT0 + 32'000);
    b.recordSuccess();
    QCOMPARE(b.state(), State::Closed);
    b.abandonProbe(kT0 + 33'000); // no probe out: nothing to abandon
    QCOMPARE(b.state(), State::Closed);
}

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuit_breaker.moc"
