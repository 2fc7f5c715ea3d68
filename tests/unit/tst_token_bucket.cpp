#include "delivery/token_bucket.h"

#include <QTest>

using namespace ringside;

namespace {
constexpr qint64 kT0 = 1'780'000'000'000;

/** Takes everything the bucket has at `now`; returns how many. */
int drain(TokenBucket &b, qint64 now)
{
    int n = 0;
    while (b.tryTake(now))
        ++n;
    return n;
}
} // namespace

/** Tests the per-sink rate limit: HubSpot's burst of 190, refill timing to the millisecond, no drift. */
class TestTokenBucket : public QObject
{
    Q_OBJECT

private slots:
    void hubSpotBurst();
    void refillTiming_data();
    void refillTiming();
    void noDriftOverTime();
    void fractionalRate();
    void unlimited_data();
    void unlimited();
    void clockSteppingBackMintsNothing();
    void longIdleFillsWithoutOverflow();
};

void TestTokenBucket::hubSpotBurst()
{
    TokenBucket b(190, 19); // 190 requests per 10 s
    QCOMPARE(b.available(kT0), 190);
    QCOMPARE(b.msUntilAvailable(kT0), 0);
    QCOMPARE(drain(b, kT0), 190);
    QVERIFY(!b.tryTake(kT0));
    QCOMPARE(b.available(kT0), 0);
    QCOMPARE(b.msUntilAvailable(kT0), 53); // 1000 / 19 = 52.6 ms, rounded up
}

void TestTokenBucket::refillTiming_data()
{
    QTest::addColumn<qint64>("elapsed");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<qint64>("msUntil");
    QTest::newRow("at once: empty") << qint64(0) << 0 << qint64(53);
    QTest::newRow("52 ms: still empty") << qint64(52) << 0 << qint64(1);
    QTest::newRow("53 ms: one token") << qint64(53) << 1 << qint64(0);
    QTest::newRow("1 s: 19 tokens") << qint64(1'000) << 19 << qint64(0);
    QTest::newRow("5 s: 95 tokens") << qint64(5'000) << 95 << qint64(0);
    QTest::newRow("9999 ms: 189 tokens") << qint64(9'999) << 189 << qint64(0);
    QTest::newRow("10 s: full again") << qint64(10'000) << 190 << qint64(0);
    QTest::newRow("1 min: never above capacity") << qint64(60'000) << 190 << qint64(0);
}

void TestTokenBucket::refillTiming()
{
    QFETCH(qint64, elapsed);
    QFETCH(int, tokens);
    QFETCH(qint64, msUntil);
    TokenBucket b(190, 19);
    QCOMPARE(drain(b, kT0), 190);
    QCOMPARE(b.available(kT0 + elapsed), tokens);
    QCOMPARE(b.msUntilAvailable(kT0 + elapsed), msUntil);
    QCOMPARE(drain(b, kT0 + elapsed), tokens);
}

void TestTokenBucket::noDriftOverTime()
{
    // Taking a token the moment one is available, in 1 ms steps or as told by msUntilAvailable,
    // must give exactly 19 per second over 1000 s: rounding errors must not accumulate.
    TokenBucket stepped(190, 19), jumping(190, 19);
    QCOMPARE(drain(stepped, kT0), 190);
    QCOMPARE(drain(jumping, kT0), 190);

    int steppedTaken = 0;
    for (qint64 t = kT0 + 1; t <= kT0 + 100'000; ++t)
        steppedTaken += drain(stepped, t);
    QCOMPARE(steppedTaken, 1'900);

    int jumpingTaken = 0;
    qint64 t = kT0;
    for (;;) {
        t += jumping.msUntilAvailable(t);
        if (t > kT0 + 1'000'000)
            break;
        QVERIFY(jumping.tryTake(t));
        ++jumpingTaken;
    }
    QCOMPARE(jumpingTaken, 19'000);
}

void TestTokenBucket::fractionalRate()
{
    TokenBucket b(1, 0.5); // one request every 2 s
    QVERIFY(b.tryTake(kT0));
    QVERIFY(!b.tryTake(kT0 + 1'999));
    QCOMPARE(b.msUntilAvailable(kT0 + 1'999), 1);
    QVERIFY(b.tryTake(kT0 + 2'000));
    QCOMPARE(b.msUntilAvailable(kT0 + 2'000), 2'000);
}

void TestTokenBucket::unlimited_data()
{
    QTest::addColumn<double>("rate");
    QTest::newRow("zero rate") << 0.0;
    QTest::newRow("negative rate") << -19.0;
}

void TestTokenBucket::unlimited()
{
    QFETCH(double, rate);
    TokenBucket b(5, rate);
    QVERIFY(b.unlimited());
    for (int i = 0; i < 10'000; ++i)
        QVERIFY(b.tryTake(kT0));
    QCOMPARE(b.msUntilAvailable(kT0), 0);
}

void TestTokenBucket::clockSteppingBackMintsNothing()
{
    TokenBucket b(10, 1);
    QCOMPARE(drain(b, kT0 + 10'000), 10);
    QCOMPARE(drain(b, kT0), 0); // the clock stepped back 10 s
    QCOMPARE(b.msUntilAvailable(kT0), 11'000);
    QCOMPARE(drain(b, kT0 + 10'999), 0);
    QCOMPARE(drain(b, kT0 + 11'000), 1);
}

void TestTokenBucket::longIdleFillsWithoutOverflow()
{
    TokenBucket b(190, 19);
    QCOMPARE(drain(b, 0), 190);
    QCOMPARE(b.available(std::numeric_limits<qint64>::max()), 190);
    QCOMPARE(drain(b, std::numeric_limits<qint64>::max()), 190);
}

QTEST_GUILESS_MAIN(TestTokenBucket)
#include "tst_token_bucket.moc"
