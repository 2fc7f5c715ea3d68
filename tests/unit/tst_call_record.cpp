#include "store/call_record.h"

#include <QTest>
#include <algorithm>
#include <numeric>

using namespace ringside;

namespace {

qint64 t(const char *iso)
{
    return *parseIsoTime(QString::fromLatin1(iso));
}

CanonicalEvent initiated(const QString &uuid)
{
    CanonicalEvent e;
    e.type = EventType::Initiated;
    e.callUuid = uuid;
    e.provider = QStringLiteral("unlimcall");
    e.from = QStringLiteral("+12025551234");
    e.to = QStringLiteral("+4930123456789");
    e.direction = QStringLiteral("outbound");
    e.initiatedAt = t("2026-06-04T09:14:22.000Z");
    e.seatId = QStringLiteral("seat_0481ab");
    e.didId = QStringLiteral("did_de_1092");
    return e;
}

CanonicalEvent answered(const QString &uuid)
{
    CanonicalEvent e;
    e.type = EventType::Answered;
    e.callUuid = uuid;
    e.provider = QStringLiteral("unlimcall");
    e.answeredAt = t("2026-06-04T09:14:29.000Z");
    return e;
}

CanonicalEvent completed(const QString &uuid, bool wasAnswered, int code, const char *cause)
{
    CanonicalEvent e = initiated(uuid);
    e.type = EventType::Completed;
    if (wasAnswered)
        e.answeredAt = t("2026-06-04T09:14:29.000Z");
    e.endedAt = t("2026-06-04T09:17:45.000Z");
    e.durationSeconds = wasAnswered ? 196 : 0;
    e.hangupCause = QString::fromLatin1(cause);
    e.hangupCauseCode = code;
    return e;
}

StoredEvent stored(const CanonicalEvent &e, qint64 receivedAt)
{
    return {e, QStringLiteral("unlimcall:%1:%2").arg(e.callUuid, eventTypeName(e.type)), receivedAt};
}

/** The record without receipt bookkeeping, which legitimately depends on when things arrived. */
CallRecord content(CallRecord r)
{
    r.firstReceivedAt = r.lastReceivedAt = 0;
    return r;
}

} // namespace

class TestCallRecord : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyOrderGivesTheSameRecord_data();
    void everyOrderGivesTheSameRecord();
    void derivedFields_data();
    void derivedFields();
    void lateInitiatedChangesNothingItShouldNot();
    void stateOnlyMovesForward();
    void missingEvents();
    void receiptBounds();
};

void TestCallRecord::everyOrderGivesTheSameRecord_data()
{
    QTest::addColumn<bool>("answeredCall");
    QTest::addColumn<bool>("withDuplicates");
    QTest::newRow("answered call") << true << false;
    QTest::newRow("answered call, each event twice") << true << true;
    QTest::newRow("busy call") << false << false;
    QTest::newRow("busy call, each event twice") << false << true;
}

void TestCallRecord::everyOrderGivesTheSameRecord()
{
    QFETCH(bool, answeredCall);
    QFETCH(bool, withDuplicates);
    const QString uuid = QStringLiteral("a3f7c291-4b8e-4d2a-9c1f-08d7b3e4f6a2");
    QList<CanonicalEvent> events{initiated(uuid)};
    if (answeredCall)
        events << answered(uuid) << completed(uuid, true, 16, "normal_clearing");
    else
        events << completed(uuid, false, 17, "user_busy");

    QList<int> order(events.size());
    std::iota(order.begin(), order.end(), 0);
    std::optional<CallRecord> first;
    int permutations = 0;
    do {
        QList<StoredEvent> arrived;
        qint64 receivedAt = 1000;
        for (int i : order) {
            arrived << stored(events[i], receivedAt++);
            if (withDuplicates) // a retried duplicate carries the same dedup key and is folded once
                arrived << stored(events[i], receivedAt++);
        }
        // The store keeps one row per dedup key; model that before folding.
        QList<StoredEvent> unique;
        for (const StoredEvent &s : arrived)
            if (std::none_of(unique.begin(), unique.end(), [&](const StoredEvent &u) { return u.dedupKey == s.dedupKey; }))
                unique << s;
        const CallRecord r = content(CallRecord::fold(unique));
        if (!first)
            first = r;
        QCOMPARE(r, *first);
        ++permutations;
    } while (std::next_permutation(order.begin(), order.end()));
    QCOMPARE(permutations, answeredCall ? 6 : 2);
    QVERIFY(first->completed());
    QCOMPARE(first->outcome, answeredCall ? QStringLiteral("answered") : QStringLiteral("busy"));
}

void TestCallRecord::derivedFields_data()
{
    QTest::addColumn<bool>("answeredCall");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<qint64>("ringMs");
    QTest::addColumn<qint64>("talkMs");
    QTest::newRow("answered, normal clearing 16") << true << 16 << "normal_clearing" << "answered" << 7000LL << 196000LL;
    QTest::newRow("busy, code 17") << false << 17 << "user_busy" << "busy" << 203000LL << 0LL;
    QTest::newRow("no answer, code 19") << false << 19 << "no_answer" << "no_answer" << 203000LL << 0LL;
    QTest::newRow("rejected, code 21") << false << 21 << "call_rejected" << "rejected" << 203000LL << 0LL;
    QTest::newRow("failed, code 38") << false << 38 << "network_out_of_order" << "failed" << 203000LL << 0LL;
}

void TestCallRecord::derivedFields()
{
    QFETCH(bool, answeredCall);
    QFETCH(int, code);
    QFETCH(QString, cause);
    QFETCH(QString, outcome);
    QFETCH(qint64, ringMs);
    QFETCH(qint64, talkMs);
    const QString uuid = QStringLiteral("c1");
    const CallRecord r = CallRecord::fold({stored(initiated(uuid), 1),
                                          stored(completed(uuid, answeredCall, code, cause.toLatin1().constData()), 2)});
    QCOMPARE(r.outcome, outcome);
    QCOMPARE(r.ringMs.value_or(-1), ringMs);
    QCOMPARE(r.talkMs.value_or(-1), talkMs);
    QCOMPARE(r.hangupCauseCode.value_or(0), code);
}

void TestCallRecord::lateInitiatedChangesNothingItShouldNot()
{
    const QString uuid = QStringLiteral("c2");
    CanonicalEvent late = initiated(uuid);
    late.from = QStringLiteral("+19999999999"); // a stale value in the early event
    const CallRecord r = CallRecord::fold({stored(completed(uuid, true, 16, "normal_clearing"), 1), stored(late, 2)});
    QCOMPARE(r.from, QStringLiteral("+12025551234"));
    QCOMPARE(r.state, EventType::Completed);
}

void TestCallRecord::stateOnlyMovesForward()
{
    const QString uuid = QStringLiteral("c3");
    const CallRecord r = CallRecord::fold({stored(answered(uuid), 1), stored(initiated(uuid), 2)});
    QCOMPARE(r.state, EventType::Answered);
    QVERIFY(!r.completed());
    QVERIFY(r.outcome.isEmpty());
    QCOMPARE(r.ringMs.value_or(-1), 7000);
    QVERIFY(!r.talkMs);
}

void TestCallRecord::missingEvents()
{
    const QString uuid = QStringLiteral("c4");
    QCOMPARE(CallRecord::fold({stored(initiated(uuid), 1)}).missingEvents(),
             QStringList({QStringLiteral("call.answered"), QStringLiteral("call.completed")}));
    // An unanswered call that completed is missing nothing but its initiated event.
    QCOMPARE(CallRecord::fold({stored(completed(uuid, false, 17, "user_busy"), 1)}).missingEvents(),
             QStringList({QStringLiteral("call.initiated")}));
    QCOMPARE(CallRecord::fold({stored(initiated(uuid), 1), stored(completed(uuid, true, 16, "normal_clearing"), 2)})
                 .missingEvents(),
             QStringList({QStringLiteral("call.answered")}));
}

void TestCallRecord::receiptBounds()
{
    const QString uuid = QStringLiteral("c5");
    const CallRecord r = CallRecord::fold({stored(answered(uuid), 500), stored(initiated(uuid), 900),
                                          stored(completed(uuid, true, 16, "normal_clearing"), 700)});
    QCOMPARE(r.firstReceivedAt, 500);
    QCOMPARE(r.lastReceivedAt, 900);
}

QTEST_GUILESS_MAIN(TestCallRecord)
#include "tst_call_record.moc"
