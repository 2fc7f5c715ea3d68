#include "models/engine_host.h"
#include "models/live_history.h"

#include <QTest>

using namespace ringside;

namespace {
LiveStats stats(qint64 atMs, quint64 received, qint64 pending = 0)
{
    LiveStats s;
    s.sampledAtMs = atMs;
    s.pipeline.received = received;
    s.pipeline.deduped = received / 10;
    s.delivered = received / 2;
    s.failedAttempts = 3;
    s.pipeline.unprocessable = 1;
    s.backlog = {{QStringLiteral("pending"), pending}, {QStringLiteral("retrying"), 2}, {QStringLiteral("dead"), 50}};
    s.receiverRunning = true;
    return s;
}
} // namespace

class TestLiveHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void compactsASample();
    void rateOverTheLastSeconds();
    void keepsOneSampleASecondForAnHour();
};

void TestLiveHistory::compactsASample()
{
    const PipelineSample s = LiveHistory::sampleOf(stats(1000, 100, 7));
    QCOMPARE(s.atMs, 1000);
    QCOMPARE(s.received, 100);
    QCOMPARE(s.deduped, 10);
    QCOMPARE(s.processed, 50);
    QCOMPARE(s.failedAttempts, 3);
    QCOMPARE(s.unprocessable, 1);
    QCOMPARE(s.backlog, 9); // pending + retrying; dead deliveries wait for a person, not for the CRM
}

void TestLiveHistory::rateOverTheLastSeconds()
{
    LiveHistory h;
    QCOMPARE(h.eventRate(), 0.0);
    h.add(stats(0, 0));
    QCOMPARE(h.eventRate(), 0.0);
    // 20 requests a second for 10 s, sampled twice a second; then a quiet 5 s.
    for (int i = 1; i <= 20; ++i)
        h.add(stats(i * 500, quint64(i * 10)));
    QCOMPARE(h.eventRate(), 20.0);
    for (int i = 21; i <= 30; ++i)
        h.add(stats(i * 500, 200));
    QCOMPARE(h.eventRate(), 0.0);
    h.add(stats(15'500, 230));
    // 30 more; the kept sample nearest 5 s back is from 10 s (one a second is kept).
    QCOMPARE(h.eventRate(), 30.0 / 5.5);
}

void TestLiveHistory::keepsOneSampleASecondForAnHour()
{
    LiveHistory h;
    for (qint64 t = 0; t <= 2 * 3600 * 1000; t += 250)
        h.add(stats(t, quint64(t / 1000)));
    const QList<PipelineSample> &s = h.samples();
    QCOMPARE(s.constLast().atMs, 2 * 3600 * 1000); // the newest is always there
    QVERIFY(s.constFirst().atMs >= 2 * 3600 * 1000 - LiveHistory::kKeepMs);
    QVERIFY(s.size() <= LiveHistory::kKeepMs / LiveHistory::kSpacingMs + 2);
    for (qsizetype i = 1; i + 1 < s.size(); ++i)
        QVERIFY(s.at(i).atMs - s.at(i - 1).atMs >= LiveHistory::kSpacingMs);
}

QTEST_GUILESS_MAIN(TestLiveHistory)
#include "tst_live_history.moc"
