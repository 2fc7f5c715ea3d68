#include "failures_fixture.h"

#include "core/http_message.h"
#include "engine/rejected_sampler.h"
#include "models/query_runner.h"
#include "store/delivery_queue.h"
#include "store/store_reader.h"

#include <QAbstractItemModel>
#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTest>

namespace ringside::test {

bool settle(QueryRunner &runner)
{
    return QTest::qWaitFor([&runner] { return runner.pending() == 0; }, 10000);
}

bool loadAll(QAbstractItemModel &model, QueryRunner &runner)
{
    for (;;) {
        if (!settle(runner))
            return false;
        if (!model.canFetchMore({}))
            return true;
        model.fetchMore({});
    }
}

FailuresFixture::FailuresFixture() : m_clock(1'780'000'000'000)
{
}

FailuresFixture::~FailuresFixture()
{
    if (m_writer)
        m_writer->stop();
}

bool FailuresFixture::start(QString *error)
{
    EventWriter::Options options;
    options.path = path();
    options.sinks = {SinkSubscription{QStringLiteral("crm"), {}}, SinkSubscription{QStringLiteral("backup"), {}}};
    options.sinks[0].events = options.sinks[1].events = {EventType::Initiated, EventType::Answered, EventType::Completed};
    m_writer = std::make_unique<EventWriter>(options, m_clock);
    return m_writer->start(error);
}

IncomingEvent FailuresFixture::incoming(const QString &callUuid, EventType type, const QByteArray &body) const
{
    CanonicalEvent e;
    e.type = type;
    e.callUuid = callUuid;
    e.provider = QStringLiteral("unlimcall");
    IncomingEvent in;
    in.provider = e.provider;
    in.dedupKey = QStringLiteral("unlimcall:%1:%2").arg(callUuid, eventTypeName(type));
    in.receivedAt = m_clock.nowMs();
    in.event = e;
    in.contentType = "application/json";
    in.headersText = "content-type: application/json\nauthorization: [redacted]\n";
    in.body = body.isEmpty() ? "{\"call_uuid\":\"" + callUuid.toUtf8() + "\",\"event\":\"" + eventTypeName(type).toUtf8() + "\"}"
                             : body;
    return in;
}

WriteResult FailuresFixture::write(const QString &callUuid, EventType type, const QByteArray &body)
{
    std::optional<WriteResult> result;
    m_writer->submit(incoming(callUuid, type, body), this, [&result](const WriteResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        qWarning() << "the writer did not answer";
    m_clock.advanceMs(10);
    return result.value_or(WriteResult{});
}

bool FailuresFixture::writeMany(const QString &prefix, int n)
{
    int done = 0, failed = 0;
    for (int i = 0; i < n; ++i) {
        m_writer->submit(incoming(QStringLiteral("%1-%2").arg(prefix).arg(i, 4, 10, QLatin1Char('0')), EventType::Completed, {}),
                         this, [&done, &failed](const WriteResult &r) {
                             ++done;
                             failed += r.outcome != WriteResult::Outcome::Accepted;
                         });
        m_clock.advanceMs(1);
    }
    return QTest::qWaitFor([&done, n] { return done == n; }, 60000) && failed == 0;
}

WriteResult FailuresFixture::writeUnprocessable(const QByteArray &body, const QString &error)
{
    IncomingEvent in;
    in.provider = QStringLiteral("unlimcall");
    in.dedupKey = QStringLiteral("unlimcall:raw:%1").arg(QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()));
    in.receivedAt = m_clock.nowMs();
    in.error = error;
    in.contentType = "application/json";
    in.headersText = "content-type: application/json\n";
    in.body = body;
    std::optional<WriteResult> result;
    m_writer->submit(in, this, [&result](const WriteResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        qWarning() << "the writer did not answer";
    m_clock.advanceMs(10);
    return result.value_or(WriteResult{});
}

void FailuresFixture::reject(int status, const QByteArray &reason, const QByteArray &body)
{
    HttpRequest request;
    request.method = "POST";
    request.target = request.path = "/webhooks/unlimcall";
    request.headers = {{"content-type", "application/json"}, {"authorization", "Bearer wrong"}};
    request.body = body;
    request.peerAddress = "127.0.0.1";
    RejectedSampler sampler(*m_writer, m_clock);
    sampler.sample(status, reason, request);
    run([](QSqlDatabase &, QString *) { return true; }); // the sample is in once the next task committed
    m_clock.advanceMs(10);
}

bool FailuresFixture::run(const EventWriter::Task &task)
{
    std::optional<bool> ok;
    m_writer->submitTask(task, this, [&ok](bool success, const QString &error) {
        if (!success)
            qWarning() << error;
        ok = success;
    });
    return QTest::qWaitFor([&ok] { return ok.has_value(); }, 10000) && *ok;
}

QList<qint64> FailuresFixture::deliveryIds(const QString &sink)
{
    StoreReader reader;
    QString error;
    QList<qint64> ids;
    if (!reader.open(path(), &error))
        return ids;
    QSqlQuery q(reader.database());
    q.prepare(sink.isEmpty() ? QStringLiteral("SELECT id FROM deliveries ORDER BY id")
                             : QStringLiteral("SELECT id FROM deliveries WHERE sink = ? ORDER BY id"));
    if (!sink.isEmpty())
        q.addBindValue(sink);
    q.exec();
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

AttemptRecord FailuresFixture::record(qint64 deliveryId, int httpStatus, const QString &error,
                                      const QByteArray &response) const
{
    AttemptRecord a;
    a.deliveryId = deliveryId;
    a.startedAt = m_clock.nowMs();
    a.durationMs = 42;
    a.httpStatus = httpStatus;
    a.error = error;
    a.responseExcerpt = response;
    if (httpStatus >= 200 && httpStatus < 300) {
        a.outcome = QStringLiteral("delivered");
        a.newState = AttemptRecord::NewState::Delivered;
    } else if (httpStatus >= 400 && httpStatus < 500) {
        a.outcome = QStringLiteral("dead");
        a.newState = AttemptRecord::NewState::Dead;
        a.errorClass = QStringLiteral("http_4xx");
    } else {
        a.outcome = QStringLiteral("retry");
        a.newState = AttemptRecord::NewState::Retrying;
        a.nextAttemptAt = a.startedAt + 60'000;
        a.errorClass = httpStatus ? QStringLiteral("http_5xx") : QStringLiteral("network");
    }
    return a;
}

void FailuresFixture::attempt(qint64 deliveryId, int httpStatus, const QString &error, const QByteArray &response)
{
    const AttemptRecord a = record(deliveryId, httpStatus, error, response);
    QVERIFY(run([a](QSqlDatabase &db, QString *e) { return DeliveryQueue::record(db, a, e); }));
    m_clock.advanceMs(10);
}

bool FailuresFixture::attemptMany(const QList<qint64> &deliveryIds, int httpStatus, const QString &error)
{
    QList<AttemptRecord> records;
    for (qint64 id : deliveryIds)
        records << record(id, httpStatus, error, {});
    m_clock.advanceMs(10);
    // One writer task for all of them, one record call each (the single-attempt API).
    return run([records](QSqlDatabase &db, QString *e) {
        for (const AttemptRecord &r : records) {
            if (!DeliveryQueue::record(db, r, e))
                return false;
        }
        return true;
    });
}

qint64 FailuresFixture::scalar(const QString &sql)
{
    StoreReader reader;
    QString error;
    if (!reader.open(path(), &error))
        return -1;
    QSqlQuery q(reader.database());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace ringside::test
