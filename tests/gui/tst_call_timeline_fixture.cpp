#include "tst_call_timeline_fixture.h"

#include "store/delivery_queue.h"
#include "store/store_reader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace ringside::test {

TimelineFixture::TimelineFixture() = default;

TimelineFixture::~TimelineFixture()
{
    if (m_writer)
        m_writer->stop();
}

bool TimelineFixture::start(QString *error)
{
    EventWriter::Options options;
    options.path = path();
    options.sinks = {SinkSubscription{QStringLiteral("crm")}};
    m_writer = std::make_unique<EventWriter>(options, m_clock);
    return m_writer->start(error);
}

WriteResult TimelineFixture::receive(const QString &callUuid, EventType type, qint64 receivedAt, const CallTimes &times)
{
    CanonicalEvent e;
    e.type = type;
    e.callUuid = callUuid;
    e.provider = QStringLiteral("unlimcall");
    e.from = QStringLiteral("+12025550143");
    e.to = QStringLiteral("+4930901820");
    e.direction = QStringLiteral("outbound");
    e.seatId = QStringLiteral("seat-7");
    e.initiatedAt = times.initiated;
    if (type != EventType::Initiated)
        e.answeredAt = times.answered;
    if (type == EventType::Completed) {
        e.endedAt = times.ended;
        e.hangupCause = QStringLiteral("normal_clearing");
        e.hangupCauseCode = 16;
    }
    IncomingEvent in;
    in.provider = e.provider;
    in.dedupKey = QStringLiteral("unlimcall:%1:%2").arg(callUuid, eventTypeName(type));
    in.receivedAt = receivedAt;
    in.event = e;
    in.contentType = "application/json";
    in.headersText = "content-type: application/json\nwebhook-id: " + in.dedupKey.toUtf8() + "\n";
    in.body = QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact);
    std::optional<WriteResult> result;
    m_writer->submit(in, this, [&result](const WriteResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        qWarning() << "the writer did not answer";
    return result.value_or(WriteResult{});
}

WriteResult TimelineFixture::receive(const QString &callUuid, EventType type, qint64 receivedAt)
{
    return receive(callUuid, type, receivedAt, CallTimes{});
}

bool TimelineFixture::run(const EventWriter::Task &task)
{
    std::optional<bool> ok;
    m_writer->submitTask(task, this, [&ok](bool success, const QString &error) {
        if (!success)
            qWarning() << error;
        ok = success;
    });
    return QTest::qWaitFor([&ok] { return ok.has_value(); }, 10000) && *ok;
}

bool TimelineFixture::attempt(const QString &callUuid, qint64 at, int httpStatus, qint64 durationMs,
                              const QString &error)
{
    return run([=](QSqlDatabase &db, QString *err) {
        // Claim as the worker does, keep this call's first job, give the others back.
        const QList<DeliveryJob> jobs = DeliveryQueue::claim(db, QStringLiteral("crm"), at, 30'000, 100, err);
        std::optional<qint64> mine;
        QList<qint64> others;
        for (const DeliveryJob &job : jobs) {
            if (!mine && job.callUuid == callUuid)
                mine = job.id;
            else
                others << job.id;
        }
        if (!DeliveryQueue::unlease(db, others, err))
            return false;
        if (!mine) {
            *err = QStringLiteral("nothing due for ") + callUuid;
            return false;
        }
        AttemptRecord a;
        a.deliveryId = *mine;
        a.startedAt = at;
        a.durationMs = durationMs;
        a.httpStatus = httpStatus;
        a.error = error;
        const bool ok = httpStatus >= 200 && httpStatus < 300;
        a.outcome = ok ? QStringLiteral("delivered") : QStringLiteral("retry");
        a.newState = ok ? AttemptRecord::NewState::Delivered : AttemptRecord::NewState::Retrying;
        a.nextAttemptAt = at + 2 * kSecond;
        a.errorClass = ok ? QString() : QStringLiteral("http_5xx");
        a.responseExcerpt = ok ? QByteArray("{\"id\":\"crm-1\"}") : QByteArray("upstream unavailable");
        return DeliveryQueue::record(db, a, err);
    });
}

std::optional<CallTimeline> TimelineFixture::load(const QString &callUuid, QString *error)
{
    StoreReader reader;
    if (!reader.open(path(), error))
        return std::nullopt;
    return CallTimelineQuery::load(reader.database(), callUuid, error);
}

CallTimeline TimelineFixture::timeline(const QString &callUuid)
{
    QString error;
    const auto t = load(callUuid, &error);
    if (!t)
        qFatal("cannot load the timeline of %s: %s", qPrintable(callUuid), qPrintable(error));
    return *t;
}

bool TimelineFixture::buildOutOfOrderCall(const QString &callUuid)
{
    const qint64 s = kSecond;
    // Received completed first, then initiated and answered, then a provider retry of initiated.
    return receive(callUuid, EventType::Completed, kT0 + 1 * s).outcome == WriteResult::Outcome::Accepted
        && receive(callUuid, EventType::Initiated, kT0 + 2 * s).outcome == WriteResult::Outcome::Accepted
        && receive(callUuid, EventType::Answered, kT0 + 3 * s).outcome == WriteResult::Outcome::Accepted
        && receive(callUuid, EventType::Initiated, kT0 + 4 * s).outcome == WriteResult::Outcome::Duplicate
        // The first delivery (call.completed's) fails, then goes through on its retry.
        && attempt(callUuid, kT0 + 1 * s + 100, 503, 230, QStringLiteral("HTTP 503"))
        && attempt(callUuid, kT0 + 3 * s + 100, 200, 120);
}

bool TimelineFixture::buildIncompleteCall(const QString &callUuid)
{
    return receive(callUuid, EventType::Initiated, kT0 + 10 * kSecond).outcome == WriteResult::Outcome::Accepted;
}

} // namespace ringside::test
