// Reprocessing a stored unprocessable event after a mapping fix, against a real writer and a
// real SQLite file: the raw row is replaced by the call event in one transaction, keyed like the
// receiver would have keyed it, with its duplicate receipts, and queued for the CRM.
#include "core/clock.h"
#include "engine/event_reprocessor.h"
#include "providers/dedup_key.h"
#include "providers/unlimcall_normaliser.h"
#include "store/event_writer.h"
#include "store_scalar.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;

namespace {

const QByteArray kFixedBody =
    R"({"event":"call.completed","call_uuid":"b1c2d3e4-0000-4000-8000-000000000001","from":"+12025551234",)"
    R"("to":"+4930123456789","direction":"outbound","initiated_at":"2026-06-04T09:14:22.000Z",)"
    R"("answered_at":"2026-06-04T09:14:29.000Z","ended_at":"2026-06-04T09:17:45.000Z","duration_seconds":196,)"
    R"("hangup_cause":"normal_clearing","hangup_cause_code":16,"seat_id":"seat_0481ab","did_id":"did_de_1092"})";

/** What the provider really sent: an event name today's mapping does not know. */
QByteArray brokenBody()
{
    return QByteArray(kFixedBody).replace("\"call.completed\"", "\"CALL_COMPLETED\"");
}

/** The mapping after the fix: knows the upper-case event names, otherwise the real normaliser. */
class FixedNormaliser final : public Normaliser
{
public:
    QString provider() const override { return m_real.provider(); }
    NormaliseResult normalise(const HttpRequest &request) const override
    {
        HttpRequest fixed = request;
        fixed.body.replace("\"CALL_COMPLETED\"", "\"call.completed\"");
        return m_real.normalise(fixed);
    }

private:
    UnlimCallNormaliser m_real;
};

} // namespace

class TestEventReprocessor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void todaysMappingStillRefusesTheBrokenBody();
    void aFixedMappingTurnsItIntoACallEvent();
    void keepsTheSendersMessageIdAsTheDedupKey();
    void anEventStoredMeanwhileMakesItADuplicate();
    void stillUnprocessableLeavesTheRowAlone();
    void onlyUnprocessableEventsCanBeReprocessed();

private:
    WriteResult submitAndWait(IncomingEvent e);
    ReprocessResult reprocessAndWait(EventReprocessor &r, qint64 id);
    IncomingEvent rawEvent(const QByteArray &body, const QString &messageId = {}, qint64 receivedAt = 5000);
    IncomingEvent acceptedEvent(const QByteArray &body, qint64 receivedAt);
    qint64 scalar(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock;
    std::unique_ptr<EventWriter> m_writer;
};

void TestEventReprocessor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    EventWriter::Options options;
    options.path = m_dir->filePath(QStringLiteral("ringside.db"));
    options.sinks = {SinkSubscription{QStringLiteral("crm")}};
    m_writer = std::make_unique<EventWriter>(options, m_clock);
    QString error;
    QVERIFY2(m_writer->start(&error), qPrintable(error));
}

void TestEventReprocessor::cleanup()
{
    m_writer.reset();
    m_dir.reset();
}

WriteResult TestEventReprocessor::submitAndWait(IncomingEvent e)
{
    std::optional<WriteResult> result;
    m_writer->submit(std::move(e), this, [&result](const WriteResult &r) { result = r; });
    (void)QTest::qWaitFor([&result] { return result.has_value(); }, 10000);
    return result.value_or(WriteResult{WriteResult::Outcome::Failed, 0, QStringLiteral("no answer in 10 s")});
}

ReprocessResult TestEventReprocessor::reprocessAndWait(EventReprocessor &r, qint64 id)
{
    std::optional<ReprocessResult> result;
    r.reprocess(id, [&result](const ReprocessResult &x) { result = x; });
    (void)QTest::qWaitFor([&result] { return result.has_value(); }, 10000);
    return result.value_or(ReprocessResult{ReprocessResult::Outcome::Failed, 0, QStringLiteral("no answer in 10 s")});
}

/** Stored the way the receiver stores a body its normaliser refused. */
IncomingEvent TestEventReprocessor::rawEvent(const QByteArray &body, const QString &messageId, qint64 receivedAt)
{
    IncomingEvent in;
    in.provider = QStringLiteral("unlimcall");
    in.dedupKey = rawDedupKey(in.provider, messageId, body);
    in.receivedAt = receivedAt;
    in.error = QStringLiteral("unknown event type \"CALL_COMPLETED\"");
    in.contentType = "application/json";
    in.headersText = "content-type: application/json\n";
    if (!messageId.isEmpty())
        in.headersText += "webhook-id: " + messageId.toUtf8() + "\n";
    in.body = body;
    return in;
}

IncomingEvent TestEventReprocessor::acceptedEvent(const QByteArray &body, qint64 receivedAt)
{
    HttpRequest request;
    request.body = body;
    NormaliseResult n = UnlimCallNormaliser().normalise(request);
    IncomingEvent in;
    in.provider = QStringLiteral("unlimcall");
    in.dedupKey = dedupKey(in.provider, *n.event, {});
    in.receivedAt = receivedAt;
    in.event = n.event;
    in.body = body;
    return in;
}

qint64 TestEventReprocessor::scalar(const QString &sql)
{
    return test::storeScalar(m_dir->filePath(QStringLiteral("ringside.db")), sql);
}

void TestEventReprocessor::todaysMappingStillRefusesTheBrokenBody()
{
    // The premise of the other tests: the body really is unprocessable today.
    HttpRequest request;
    request.body = brokenBody();
    QVERIFY(!UnlimCallNormaliser().normalise(request).event);
    QVERIFY(FixedNormaliser().normalise(request).event);
}

void TestEventReprocessor::aFixedMappingTurnsItIntoACallEvent()
{
    const WriteResult raw = submitAndWait(rawEvent(brokenBody()));
    QCOMPARE(int(raw.outcome), int(WriteResult::Outcome::Accepted));
    // The provider resent it meanwhile: a duplicate receipt of the raw event.
    QCOMPARE(int(submitAndWait(rawEvent(brokenBody(), {}, 9000)).outcome), int(WriteResult::Outcome::Duplicate));

    EventReprocessor reprocessor(*m_writer);
    reprocessor.addNormaliser(std::make_shared<FixedNormaliser>());
    const ReprocessResult r = reprocessAndWait(reprocessor, raw.eventId);
    QCOMPARE(int(r.outcome), int(ReprocessResult::Outcome::Accepted));
    QVERIFY2(r.message.isEmpty(), qPrintable(r.message));

    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events WHERE status = 'unprocessable'")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT received_at FROM events WHERE id = %1 AND status = 'accepted'"
                                   " AND dedup_key = 'unlimcall:b1c2d3e4-0000-4000-8000-000000000001:call.completed'")
                        .arg(r.eventId)),
             5000); // when it reached us, not when it was reprocessed
    QCOMPARE(scalar(QStringLiteral("SELECT event_id FROM event_receipts WHERE received_at = 9000")), r.eventId);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM calls WHERE call_uuid = 'b1c2d3e4-0000-4000-8000-000000000001'"
                                   " AND completed = 1 AND outcome = 'answered' AND talk_ms = 196000")),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM deliveries WHERE event_id = %1 AND sink = 'crm'"
                                   " AND state = 'pending'").arg(r.eventId)),
             1);

    // A second click finds nothing to do and changes nothing.
    QCOMPARE(int(reprocessAndWait(reprocessor, raw.eventId).outcome), int(ReprocessResult::Outcome::NotFound));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM deliveries")), 1);
}

void TestEventReprocessor::keepsTheSendersMessageIdAsTheDedupKey()
{
    const WriteResult raw = submitAndWait(rawEvent(brokenBody(), QStringLiteral("msg_2zxT")));
    EventReprocessor reprocessor(*m_writer);
    reprocessor.addNormaliser(std::make_shared<FixedNormaliser>());
    const ReprocessResult r = reprocessAndWait(reprocessor, raw.eventId);
    QCOMPARE(int(r.outcome), int(ReprocessResult::Outcome::Accepted));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events WHERE id = %1 AND dedup_key = 'unlimcall:id:msg_2zxT'")
                        .arg(r.eventId)),
             1);
    // The provider's next retry of that message is a duplicate of the call event now.
    IncomingEvent retry = acceptedEvent(kFixedBody, 12000);
    retry.dedupKey = QStringLiteral("unlimcall:id:msg_2zxT");
    QCOMPARE(int(submitAndWait(std::move(retry)).outcome), int(WriteResult::Outcome::Duplicate));
}

void TestEventReprocessor::anEventStoredMeanwhileMakesItADuplicate()
{
    const WriteResult raw = submitAndWait(rawEvent(brokenBody()));
    // The provider fixed its side first and sent the same event correctly.
    const WriteResult good = submitAndWait(acceptedEvent(kFixedBody, 7000));
    QCOMPARE(int(good.outcome), int(WriteResult::Outcome::Accepted));

    EventReprocessor reprocessor(*m_writer);
    reprocessor.addNormaliser(std::make_shared<FixedNormaliser>());
    const ReprocessResult r = reprocessAndWait(reprocessor, raw.eventId);
    QCOMPARE(int(r.outcome), int(ReprocessResult::Outcome::Duplicate));
    QCOMPARE(r.eventId, good.eventId);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT event_id FROM event_receipts WHERE received_at = 5000")), good.eventId);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM deliveries")), 1); // still one CRM write for the event
}

void TestEventReprocessor::stillUnprocessableLeavesTheRowAlone()
{
    const WriteResult raw = submitAndWait(rawEvent(brokenBody()));
    EventReprocessor reprocessor(*m_writer);
    reprocessor.addNormaliser(std::make_shared<UnlimCallNormaliser>()); // no fix yet
    const ReprocessResult r = reprocessAndWait(reprocessor, raw.eventId);
    QCOMPARE(int(r.outcome), int(ReprocessResult::Outcome::StillUnprocessable));
    QVERIFY2(r.message.contains(QLatin1String("CALL_COMPLETED")), qPrintable(r.message));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events WHERE id = %1 AND status = 'unprocessable'")
                        .arg(raw.eventId)),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM calls")), 0);
    QVERIFY(m_writer->isHealthy());
}

void TestEventReprocessor::onlyUnprocessableEventsCanBeReprocessed()
{
    const WriteResult good = submitAndWait(acceptedEvent(kFixedBody, 7000));
    EventReprocessor reprocessor(*m_writer);
    reprocessor.addNormaliser(std::make_shared<FixedNormaliser>());
    QCOMPARE(int(reprocessAndWait(reprocessor, good.eventId).outcome), int(ReprocessResult::Outcome::NotFound));
    QCOMPARE(int(reprocessAndWait(reprocessor, 424242).outcome), int(ReprocessResult::Outcome::NotFound));

    // A provider this version does not know: said so, nothing changed.
    IncomingEvent other = rawEvent("<xml/>");
    other.provider = QStringLiteral("someprovider");
    other.dedupKey = rawDedupKey(other.provider, {}, other.body);
    const WriteResult raw = submitAndWait(std::move(other));
    const ReprocessResult r = reprocessAndWait(reprocessor, raw.eventId);
    QCOMPARE(int(r.outcome), int(ReprocessResult::Outcome::StillUnprocessable));
    QVERIFY2(r.message.contains(QLatin1String("someprovider")), qPrintable(r.message));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events")), 2);
}

QTEST_GUILESS_MAIN(TestEventReprocessor)
#include "tst_event_reprocessor.moc"
