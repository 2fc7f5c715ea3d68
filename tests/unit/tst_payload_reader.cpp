#include "core/clock.h"
#include "delivery/payload_reader.h"
#include "store/event_writer.h"
#include "store/store_reader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ringside;

/** Tests that the delivery worker's one-statement read gives exactly what the store holds: the
 *  triggering event, the call's merged record and the CRM object id of that sink. */
class TestPayloadReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void readsTheEventAndTheMergedCall();
    void readsTheObjectIdOfItsOwnSink();
    void missingEventIsAnError();

private:
    bool run(EventWriter::Task task);
    QTemporaryDir m_dir;
    QString m_path;
    ManualClock m_clock;
    std::unique_ptr<EventWriter> m_writer;
    QList<DeliveryJob> m_jobs;
};

bool TestPayloadReader::run(EventWriter::Task task)
{
    std::optional<bool> ok;
    m_writer->submitTask(std::move(task), this, [&ok](bool r, const QString &) { ok = r; });
    return QTest::qWaitFor([&ok] { return ok.has_value(); }, 10000) && *ok;
}

void TestPayloadReader::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("p.db"));
    EventWriter::Options options;
    options.path = m_path;
    options.sinks = {SinkSubscription{QStringLiteral("crm"), {EventType::Initiated, EventType::Completed}}};
    m_writer = std::make_unique<EventWriter>(options, m_clock);
    QString error;
    QVERIFY2(m_writer->start(&error), qPrintable(error));
    for (EventType type : {EventType::Initiated, EventType::Completed}) {
        CanonicalEvent e;
        e.type = type;
        e.callUuid = QStringLiteral("c-1");
        e.provider = QStringLiteral("unlimcall");
        e.providerEventId = QStringLiteral("evt-%1").arg(int(type));
        e.from = QStringLiteral("+12025550100");
        e.to = QStringLiteral("+33 1 \"quoted\"");
        e.direction = QStringLiteral("outbound");
        e.seatId = QStringLiteral("seat-7");
        e.initiatedAt = 1'780'000'000'000;
        if (type == EventType::Completed) {
            e.endedAt = 1'780'000'065'000;
            e.durationSeconds = 65;
            e.hangupCause = QStringLiteral("NORMAL_CLEARING");
            e.hangupCauseCode = 16;
            e.recordingUrl = QStringLiteral("https://rec.example/1.wav");
        }
        IncomingEvent in;
        in.provider = e.provider;
        in.dedupKey = QStringLiteral("unlimcall:c-1:%1").arg(eventTypeName(type));
        in.receivedAt = 1'780'000'070'000 + int(type);
        in.event = e;
        in.body = "{}";
        bool done = false;
        m_writer->submit(in, this, [&done](const WriteResult &) { done = true; });
        QTRY_VERIFY(done);
    }
    // Claim both, as the worker would (per-call FIFO hands out the first only; take them one by one).
    for (int i = 0; i < 2; ++i) {
        QList<DeliveryJob> jobs;
        QVERIFY(run([&jobs](QSqlDatabase &db, QString *e) {
            jobs = DeliveryQueue::claim(db, QStringLiteral("crm"), 1'790'000'000'000, 60'000, 10, e);
            return e->isEmpty() && jobs.size() == 1;
        }));
        m_jobs += jobs;
        AttemptRecord a;
        a.deliveryId = jobs.first().id;
        a.startedAt = 1'790'000'000'000;
        a.outcome = QStringLiteral("delivered");
        a.newState = AttemptRecord::NewState::Delivered;
        a.sink = QStringLiteral("crm");
        a.callUuid = QStringLiteral("c-1");
        a.objectId = QStringLiteral("hs-9");
        QVERIFY(run([a](QSqlDatabase &db, QString *e) { return DeliveryQueue::record(db, QList<AttemptRecord>{a}, e); }));
    }
}

void TestPayloadReader::readsTheEventAndTheMergedCall()
{
    StoreReader store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    PayloadReader reader;
    for (const DeliveryJob &job : std::as_const(m_jobs)) {
        DeliveryPayload payload;
        payload.job = job;
        QVERIFY2(reader.read(store.database(), payload, &error), qPrintable(error));
        QCOMPARE(payload.event, *store.event(job.eventId, &error));
        QCOMPARE(payload.call, *store.call(job.callUuid, &error));
    }
    DeliveryPayload last;
    last.job = m_jobs.last();
    QVERIFY(reader.read(store.database(), last, &error));
    QCOMPARE(last.call.state, EventType::Completed);
    QCOMPARE(last.call.hangupCauseCode, std::optional<int>(16));
    QCOMPARE(last.call.to, QStringLiteral("+33 1 \"quoted\""));
    QCOMPARE(last.event.recordingUrl, QStringLiteral("https://rec.example/1.wav"));
}

void TestPayloadReader::readsTheObjectIdOfItsOwnSink()
{
    StoreReader store;
    QString error;
    QVERIFY(store.open(m_path, &error));
    PayloadReader reader;
    DeliveryPayload payload;
    payload.job = m_jobs.first();
    QVERIFY(reader.read(store.database(), payload, &error));
    QCOMPARE(payload.knownObjectId, QStringLiteral("hs-9"));
    payload.job.sink = QStringLiteral("other");
    QVERIFY(reader.read(store.database(), payload, &error));
    QVERIFY(payload.knownObjectId.isEmpty());
}

void TestPayloadReader::missingEventIsAnError()
{
    StoreReader store;
    QString error;
    QVERIFY(store.open(m_path, &error));
    PayloadReader reader;
    DeliveryPayload payload;
    payload.job = m_jobs.first();
    payload.job.eventId = 999'999;
    QVERIFY(!reader.read(store.database(), payload, &error));
    QCOMPARE(error, QStringLiteral("event 999999 or call c-1 not in the store"));
}

QTEST_GUILESS_MAIN(TestPayloadReader)
#include "tst_payload_reader.moc"
