#include "models/call_timeline.h"
#include "store/store_reader.h"
#include "tst_call_timeline_fixture.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

class TestCallTimelineQuery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void receiptsInArrivalOrderWithDuplicateAndOutOfOrderFlags();
    void duplicateShowsTheStoredRequest();
    void callRecordAgreesWithTheCallsTable();
    void attemptsInOrderWithTheirDelivery();
    void waitingDeliveriesSayWhenTheyRunNext();
    void incompleteCallNamesTheMissingEvents();
    void unknownCallIsNoErrorAndNoTimeline();
    void everyStatementUsesAnIndex();
    void outOfOrderFlags_data();
    void outOfOrderFlags();

private:
    TimelineFixture m_store;
    CallTimeline m_call;
};

void TestCallTimelineQuery::initTestCase()
{
    QString error;
    QVERIFY2(m_store.start(&error), qPrintable(error));
    QVERIFY(m_store.buildOutOfOrderCall(QStringLiteral("call-ooo")));
    QVERIFY(m_store.buildIncompleteCall(QStringLiteral("call-open")));
    // A neighbour in the same store: its rows must not leak into call-ooo's timeline.
    QVERIFY(m_store.buildOutOfOrderCall(QStringLiteral("call-other")));
    const auto t = m_store.load(QStringLiteral("call-ooo"), &error);
    QVERIFY2(t, qPrintable(error));
    m_call = *t;
}

void TestCallTimelineQuery::receiptsInArrivalOrderWithDuplicateAndOutOfOrderFlags()
{
    const qint64 s = TimelineFixture::kSecond, t0 = TimelineFixture::kT0;
    const QList<TimelineReceipt> &r = m_call.receipts;
    QCOMPARE(r.size(), 4);
    QCOMPARE(r[0].type, EventType::Completed);
    QCOMPARE(r[1].type, EventType::Initiated);
    QCOMPARE(r[2].type, EventType::Answered);
    QCOMPARE(r[3].type, EventType::Initiated);
    QCOMPARE(r[0].receivedAt, t0 + 1 * s);
    QCOMPARE(r[3].receivedAt, t0 + 4 * s);

    QCOMPARE(r[0].duplicate, false);
    QCOMPARE(r[1].duplicate, false);
    QCOMPARE(r[2].duplicate, false);
    QCOMPARE(r[3].duplicate, true);
    QCOMPARE(r[3].eventId, r[1].eventId);
    QVERIFY(r[3].receiptId > 0);
    QCOMPARE(r[1].receiptId, 0);

    QCOMPARE(r[0].outOfOrder, false);
    QCOMPARE(r[1].outOfOrder, true);
    QCOMPARE(r[2].outOfOrder, true);
    QCOMPARE(r[3].outOfOrder, true);
    QCOMPARE(r[1].arrivedAfter, EventType::Completed);

    // Event times are the provider's: from the payload, not the receipt.
    const TimelineFixture::CallTimes times;
    QCOMPARE(r[0].eventTime, times.ended);
    QCOMPARE(r[1].eventTime, times.initiated);
    QCOMPARE(r[2].eventTime, times.answered);
    QCOMPARE(r[0].status, QStringLiteral("accepted"));
    QCOMPARE(r[0].dedupKey, QStringLiteral("unlimcall:call-ooo:call.completed"));
}

void TestCallTimelineQuery::duplicateShowsTheStoredRequest()
{
    const TimelineReceipt *first = m_call.receiptOf(m_call.receipts[3].eventId);
    QVERIFY(first);
    QVERIFY(!first->duplicate);
    QCOMPARE(first->type, EventType::Initiated);
    QVERIFY(first->payload.contains("\"call.initiated\""));
    QVERIFY(first->payload.contains("call-ooo"));
    QCOMPARE(first->contentType, QStringLiteral("application/json"));
    QVERIFY(first->headers.contains(QStringLiteral("webhook-id: unlimcall:call-ooo:call.initiated")));
    QCOMPARE(m_call.receipts[3].payload, first->payload);
}

void TestCallTimelineQuery::callRecordAgreesWithTheCallsTable()
{
    StoreReader reader;
    QString error;
    QVERIFY(reader.open(m_store.path(), &error));
    const auto stored = reader.call(QStringLiteral("call-ooo"), &error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(m_call.call, *stored);
    QVERIFY(m_call.call.completed());
    QVERIFY(m_call.call.missingEvents().isEmpty());
    QCOMPARE(m_call.call.ringMs, 5 * TimelineFixture::kSecond);
    QCOMPARE(m_call.call.talkMs, 60 * TimelineFixture::kSecond);
}

void TestCallTimelineQuery::attemptsInOrderWithTheirDelivery()
{
    const QList<TimelineAttempt> &a = m_call.attempts;
    QCOMPARE(a.size(), 2);
    QCOMPARE(a[0].httpStatus, 503);
    QCOMPARE(a[0].result(), TimelineAttempt::Result::Failure);
    QCOMPARE(a[0].outcome, QStringLiteral("retry"));
    QCOMPARE(a[0].error, QStringLiteral("HTTP 503"));
    QCOMPARE(a[0].durationMs, 230);
    QCOMPARE(a[0].responseExcerpt, QByteArray("upstream unavailable"));
    QCOMPARE(a[1].httpStatus, 200);
    QCOMPARE(a[1].result(), TimelineAttempt::Result::Success);
    QVERIFY(a[0].startedAt < a[1].startedAt);
    // Both are the retried delivery of call.completed, the first event to arrive.
    QCOMPARE(a[0].deliveryId, a[1].deliveryId);
    QCOMPARE(a[0].sink, QStringLiteral("crm"));
    QCOMPARE(a[0].eventType, EventType::Completed);
    const TimelineDelivery *d = m_call.delivery(a[0].deliveryId);
    QVERIFY(d);
    QCOMPARE(d->state, QStringLiteral("delivered"));
    QCOMPARE(d->attempts, 2);
    QCOMPARE(d->nextAttemptAt, std::nullopt);
}

void TestCallTimelineQuery::waitingDeliveriesSayWhenTheyRunNext()
{
    QCOMPARE(m_call.deliveries.size(), 3); // one per event, duplicates enqueue nothing
    int waiting = 0;
    for (const TimelineDelivery &d : std::as_const(m_call.deliveries)) {
        if (!d.waiting())
            continue;
        ++waiting;
        QCOMPARE(d.state, QStringLiteral("pending"));
        QVERIFY(d.nextAttemptAt.has_value());
        QCOMPARE(d.attempts, 0);
    }
    QCOMPARE(waiting, 2);
    QCOMPARE(TimelineAttempt{}.result(), TimelineAttempt::Result::NoAnswer);
}

void TestCallTimelineQuery::incompleteCallNamesTheMissingEvents()
{
    QString error;
    const auto t = m_store.load(QStringLiteral("call-open"), &error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->receipts.size(), 1);
    QCOMPARE(t->receipts[0].outOfOrder, false);
    QVERIFY(!t->call.completed());
    QCOMPARE(t->call.missingEvents(), (QStringList{QStringLiteral("call.answered"), QStringLiteral("call.completed")}));
    QCOMPARE(t->deliveries.size(), 1);
    QVERIFY(t->attempts.isEmpty());
}

void TestCallTimelineQuery::unknownCallIsNoErrorAndNoTimeline()
{
    QString error = QStringLiteral("stale");
    QVERIFY(!m_store.load(QStringLiteral("no-such-call"), &error));
    QVERIFY(error.isEmpty());
}

void TestCallTimelineQuery::everyStatementUsesAnIndex()
{
    // With a million events a scan would be seconds: each statement must search by an index.
    StoreReader reader;
    QString error;
    QVERIFY(reader.open(m_store.path(), &error));
    const QStringList statements = CallTimelineQuery::statements();
    QCOMPARE(statements.size(), 5);
    for (const QString &sql : statements) {
        QSqlQuery q(reader.database());
        QVERIFY2(q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + sql), qPrintable(q.lastError().text()));
        q.addBindValue(QStringLiteral("call-ooo"));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QStringList plan;
        while (q.next())
            plan << q.value(3).toString();
        QVERIFY2(!plan.isEmpty(), qPrintable(sql));
        for (const QString &step : std::as_const(plan))
            QVERIFY2(!step.startsWith(QLatin1String("SCAN")), qPrintable(sql + QStringLiteral(" -> ") + plan.join(QStringLiteral(" | "))));
        QVERIFY2(plan.join(QLatin1Char(' ')).contains(QLatin1String("USING INDEX"))
                     || plan.join(QLatin1Char(' ')).contains(QLatin1String("USING COVERING INDEX")),
                 qPrintable(plan.join(QStringLiteral(" | "))));
    }
}

void TestCallTimelineQuery::outOfOrderFlags_data()
{
    QTest::addColumn<QString>("arrivals"); // I, A, C in receipt order
    QTest::addColumn<QString>("flags");    // '1' where out of order

    QTest::newRow("in order") << "IAC" << "000";
    QTest::newRow("completed first") << "CIA" << "011";
    QTest::newRow("answered before initiated") << "AIC" << "010";
    QTest::newRow("retried initiated after answered") << "IAIC" << "0010";
    QTest::newRow("retried completed at the end") << "IACC" << "0000";
}

void TestCallTimelineQuery::outOfOrderFlags()
{
    QFETCH(QString, arrivals);
    QFETCH(QString, flags);
    QList<TimelineReceipt> receipts;
    for (QChar c : std::as_const(arrivals)) {
        TimelineReceipt r;
        r.type = c == QLatin1Char('I') ? EventType::Initiated : c == QLatin1Char('A') ? EventType::Answered : EventType::Completed;
        receipts << r;
    }
    CallTimeline::markOutOfOrder(receipts);
    QString got;
    for (const TimelineReceipt &r : std::as_const(receipts))
        got += r.outOfOrder ? QLatin1Char('1') : QLatin1Char('0');
    QCOMPARE(got, flags);
}

QTEST_GUILESS_MAIN(TestCallTimelineQuery)
#include "tst_call_timeline_query.moc"
