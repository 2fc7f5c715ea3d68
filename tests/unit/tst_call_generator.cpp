// The traffic simulator's calls: valid UnlimCall events, the profile's mix within statistical
// tolerance, and the misbehaviours (duplicates, reordering, drops) exactly as asked.
#include "providers/unlimcall_normaliser.h"
#include "sim/call_generator.h"

#include <QTest>

using namespace ringside;

class TestCallGenerator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameCalls();
    void everyEventIsValidUnlimCall();
    void mixFollowsTheProfile();
    void misbehavesAsAsked();
    void pacesCallsByRateAndBurst();
    void realTimeSendsEachEventAtItsTime();
};

namespace {
constexpr qint64 kStart = 1'780'000'000'000;

QList<PlannedCall> generate(const TrafficProfile &p, int n)
{
    CallGenerator g(p, kStart);
    QList<PlannedCall> calls;
    for (int i = 0; i < n; ++i)
        calls << g.next();
    return calls;
}
} // namespace

void TestCallGenerator::sameSeedSameCalls()
{
    TrafficProfile p;
    p.duplicateRate = 0.2;
    p.reorderRate = 0.2;
    const auto a = generate(p, 50), b = generate(p, 50);
    for (int i = 0; i < 50; ++i) {
        QCOMPARE(a[i].callUuid, b[i].callUuid);
        QCOMPARE(a[i].sends.size(), b[i].sends.size());
        QCOMPARE(a[i].sends.last().body, b[i].sends.last().body);
    }
    p.seed = 2;
    QVERIFY(generate(p, 1)[0].callUuid != a[0].callUuid);
}

void TestCallGenerator::everyEventIsValidUnlimCall()
{
    TrafficProfile p;
    const UnlimCallNormaliser normaliser;
    for (const PlannedCall &call : generate(p, 500)) {
        QCOMPARE(call.sends.size(), call.outcome == QLatin1String("answered") ? 3 : 2);
        for (const PlannedSend &s : call.sends) {
            HttpRequest r;
            r.body = s.body;
            const NormaliseResult n = normaliser.normalise(r);
            QVERIFY2(n.event, qPrintable(n.error + QLatin1String(": ") + QString::fromUtf8(s.body)));
            QCOMPARE(n.event->callUuid, call.callUuid);
            QCOMPARE(eventTypeName(n.event->type), s.event);
            if (s.event == QLatin1String("call.completed")) {
                QVERIFY(n.event->endedAt >= n.event->initiatedAt);
                QCOMPARE(n.event->direction, call.direction);
            }
        }
    }
}

void TestCallGenerator::mixFollowsTheProfile()
{
    TrafficProfile p;
    p.answerRate = 0.7;
    p.inboundShare = 0.25;
    p.noAnswerWeight = 1, p.busyWeight = 1, p.rejectedWeight = 0, p.failedWeight = 2;
    const int n = 10'000;
    QMap<QString, int> outcomes;
    int inbound = 0;
    for (const PlannedCall &c : generate(p, n)) {
        outcomes[c.outcome] += 1;
        inbound += c.direction == QLatin1String("inbound");
    }
    // Binomial standard deviation at n = 10,000 is under 0.005: 0.02 is four of them.
    QVERIFY(qAbs(outcomes.value(QStringLiteral("answered")) / double(n) - 0.7) < 0.02);
    QVERIFY(qAbs(inbound / double(n) - 0.25) < 0.02);
    QCOMPARE(outcomes.value(QStringLiteral("rejected")), 0);
    const double unanswered = n - outcomes.value(QStringLiteral("answered"));
    QVERIFY(qAbs(outcomes.value(QStringLiteral("failed")) / unanswered - 0.5) < 0.03);
    QVERIFY(qAbs(outcomes.value(QStringLiteral("busy")) / unanswered - 0.25) < 0.03);
}

void TestCallGenerator::misbehavesAsAsked()
{
    TrafficProfile p;
    p.answerRate = 1; // three events a call
    p.duplicateRate = 0.1;
    p.reorderRate = 0.3;
    p.dropRate = 0.05;
    const int n = 5000;
    int duplicates = 0, sent = 0, dropped = 0, reordered = 0;
    for (const PlannedCall &c : generate(p, n)) {
        dropped += c.dropped;
        reordered += c.reordered;
        QStringList order;
        for (int i = 0; i < c.sends.size(); ++i) {
            const PlannedSend &s = c.sends[i];
            if (s.duplicate) {
                ++duplicates;
                QCOMPARE(s.body, c.sends[i - 1].body); // the same event, the same id
                QCOMPARE(s.id, c.sends[i - 1].id);
                continue;
            }
            ++sent;
            order << s.event;
        }
        QCOMPARE(order.size() + c.dropped, 3);
        if (c.reordered && c.dropped == 0)
            QCOMPARE(order.first(), QStringLiteral("call.completed"));
        else if (c.dropped == 0)
            QCOMPARE(order.first(), QStringLiteral("call.initiated"));
    }
    QCOMPARE(sent + dropped, 3 * n);
    QVERIFY(qAbs(dropped / (3.0 * n) - 0.05) < 0.01);
    QVERIFY(qAbs(duplicates / double(sent) - 0.1) < 0.015);
    QVERIFY(qAbs(reordered / double(n) - 0.3) < 0.03);
}

void TestCallGenerator::pacesCallsByRateAndBurst()
{
    TrafficProfile p;
    p.callsPerSecond = 50;
    p.burst = 5;
    const auto calls = generate(p, 12);
    // Five at once, then the next five 100 ms later (5 calls at 50/s).
    QCOMPARE(calls[0].sends.first().dueMs, 0);
    QCOMPARE(calls[4].sends.first().dueMs, 0);
    QCOMPARE(calls[5].sends.first().dueMs, 100);
    QCOMPARE(calls[11].sends.first().dueMs, 200);
}

void TestCallGenerator::realTimeSendsEachEventAtItsTime()
{
    TrafficProfile p;
    p.answerRate = 1;
    p.realTime = true;
    p.timeScale = 0.5;
    p.ringMeanSeconds = 10;
    p.talkMeanSeconds = 100;
    for (const PlannedCall &c : generate(p, 20)) {
        QCOMPARE(c.sends.size(), 3);
        HttpRequest r;
        r.body = c.sends[2].body;
        const auto completed = UnlimCallNormaliser().normalise(r).event;
        QVERIFY(completed);
        // The completed event goes out after the call's length, halved by the time scale.
        const qint64 expected = (*completed->endedAt - *completed->initiatedAt) / 2;
        QVERIFY2(qAbs(c.sends[2].dueMs - expected) <= 1, qPrintable(QString::number(c.sends[2].dueMs - expected)));
        QVERIFY(c.sends[0].dueMs <= c.sends[1].dueMs && c.sends[1].dueMs <= c.sends[2].dueMs);
    }
}

QTEST_GUILESS_MAIN(TestCallGenerator)
#include "tst_call_generator.moc"
