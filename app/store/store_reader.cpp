#include "store/store_reader.h"

#include "store/database.h"
#include "store/event_columns.h"
#include "store/schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace ringside {

namespace {

const char *const kCallColumns =
    "call_uuid, provider, state, events_seen, from_number, to_number, direction, seat_id, did_id,"
    " recording_url, initiated_at, answered_at, ended_at, duration_seconds, hangup_cause,"
    " hangup_cause_code, outcome, ring_ms, talk_ms, first_received_at, last_received_at";

CallRecord callFrom(const QSqlQuery &q)
{
    CallRecord r;
    int i = 0;
    r.callUuid = q.value(i++).toString();
    r.provider = q.value(i++).toString();
    r.state = eventTypeFromName(q.value(i++).toString()).value_or(EventType::Initiated);
    r.eventsSeen = q.value(i++).toInt();
    r.from = q.value(i++).toString();
    r.to = q.value(i++).toString();
    r.direction = q.value(i++).toString();
    r.seatId = q.value(i++).toString();
    r.didId = q.value(i++).toString();
    r.recordingUrl = q.value(i++).toString();
    r.initiatedAt = Database::optionalInt(q.value(i++));
    r.answeredAt = Database::optionalInt(q.value(i++));
    r.endedAt = Database::optionalInt(q.value(i++));
    r.durationSeconds = Database::optionalInt(q.value(i++));
    r.hangupCause = q.value(i++).toString();
    if (const auto code = Database::optionalInt(q.value(i++)))
        r.hangupCauseCode = int(*code);
    r.outcome = q.value(i++).toString();
    r.ringMs = Database::optionalInt(q.value(i++));
    r.talkMs = Database::optionalInt(q.value(i++));
    r.firstReceivedAt = q.value(i++).toLongLong();
    r.lastReceivedAt = q.value(i++).toLongLong();
    return r;
}

QByteArray csvField(const QString &s)
{
    QByteArray b = s.toUtf8();
    if (b.contains(',') || b.contains('"') || b.contains('\n') || b.contains('\r'))
        return '"' + b.replace("\"", "\"\"") + '"';
    return b;
}

QString cellText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return {};
}

/** Writes rows as JSON lines, or as CSV with a fixed header. */
class RowWriter
{
public:
    RowWriter(StoreReader::Format format, QIODevice &out, QStringList columns)
        : m_format(format), m_out(out), m_columns(std::move(columns))
    {
        if (m_format == StoreReader::Format::Csv) {
            QByteArrayList header;
            for (const QString &c : std::as_const(m_columns))
                header << csvField(c);
            m_out.write(header.join(',') + "\r\n");
        }
    }
    void write(const QJsonObject &row)
    {
        if (m_format == StoreReader::Format::JsonLines) {
            m_out.write(QJsonDocument(row).toJson(QJsonDocument::Compact) + '\n');
            return;
        }
        QByteArrayList cells;
        for (const QString &c : std::as_const(m_columns))
            cells << csvField(cellText(row.value(c)));
        m_out.write(cells.join(',') + "\r\n");
    }

private:
    StoreReader::Format m_format;
    QIODevice &m_out;
    QStringList m_columns;
};

} // namespace

StoreReader::~StoreReader()
{
    m_eventById.reset(); // statements before their connection
    m_callById.reset();
    if (m_db.isValid())
        Database::close(m_db);
}

bool StoreReader::open(const QString &path, QString *error)
{
    m_db = Database::open(path, Database::Mode::ReadOnly, error);
    if (!m_db.isValid())
        return false;
    if (!Schema::check(m_db, error)) {
        Database::close(m_db);
        return false;
    }
    return true;
}

bool StoreReader::exportCalls(Format format, QIODevice &out, QString *error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM calls ORDER BY first_received_at, call_uuid")
                    .arg(QLatin1String(kCallColumns)))) {
        *error = q.lastError().text();
        return false;
    }
    RowWriter writer(format, out,
                     {QStringLiteral("call_uuid"), QStringLiteral("provider"), QStringLiteral("state"),
                      QStringLiteral("completed"), QStringLiteral("from"), QStringLiteral("to"),
                      QStringLiteral("direction"), QStringLiteral("seat_id"), QStringLiteral("did_id"),
                      QStringLiteral("initiated_at"), QStringLiteral("answered_at"), QStringLiteral("ended_at"),
                      QStringLiteral("duration_seconds"), QStringLiteral("hangup_cause"),
                      QStringLiteral("hangup_cause_code"), QStringLiteral("outcome"), QStringLiteral("ring_ms"),
                      QStringLiteral("talk_ms"), QStringLiteral("recording_url"),
                      QStringLiteral("first_received_at"), QStringLiteral("last_received_at")});
    while (q.next())
        writer.write(callFrom(q).toJson());
    return true;
}

bool StoreReader::exportEvents(Format format, QIODevice &out, QString *error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT e.id, e.dedup_key, e.provider, e.call_uuid, e.event, e.status, e.error, e.received_at,"
            " e.event_time, e.payload, (SELECT group_concat(r.received_at) FROM event_receipts r"
            " WHERE r.event_id = e.id) FROM events e ORDER BY e.id"))) {
        *error = q.lastError().text();
        return false;
    }
    RowWriter writer(format, out,
                     {QStringLiteral("id"), QStringLiteral("dedup_key"), QStringLiteral("provider"),
                      QStringLiteral("call_uuid"), QStringLiteral("event"), QStringLiteral("status"),
                      QStringLiteral("error"), QStringLiteral("received_at"), QStringLiteral("event_time"),
                      QStringLiteral("duplicate_receipts"), QStringLiteral("payload"),
                      QStringLiteral("payload_base64")});
    while (q.next()) {
        QJsonObject o;
        o.insert(QLatin1String("id"), q.value(0).toLongLong());
        o.insert(QLatin1String("dedup_key"), q.value(1).toString());
        o.insert(QLatin1String("provider"), q.value(2).toString());
        if (!q.value(3).isNull())
            o.insert(QLatin1String("call_uuid"), q.value(3).toString());
        if (!q.value(4).isNull())
            o.insert(QLatin1String("event"), q.value(4).toString());
        o.insert(QLatin1String("status"), q.value(5).toString());
        if (!q.value(6).isNull())
            o.insert(QLatin1String("error"), q.value(6).toString());
        o.insert(QLatin1String("received_at"), formatIsoTime(q.value(7).toLongLong()));
        if (!q.value(8).isNull())
            o.insert(QLatin1String("event_time"), formatIsoTime(q.value(8).toLongLong()));
        QJsonArray receipts;
        const QString list = q.value(10).toString();
        if (!list.isEmpty()) {
            for (const QString &t : list.split(QLatin1Char(',')))
                receipts.append(formatIsoTime(t.toLongLong()));
        }
        o.insert(QLatin1String("duplicate_receipts"), receipts);
        // Raw bytes as text when they are UTF-8 (they almost always are); otherwise base64.
        const QByteArray payload = q.value(9).toByteArray();
        const QString text = QString::fromUtf8(payload);
        if (text.toUtf8() == payload)
            o.insert(QLatin1String("payload"), text);
        else
            o.insert(QLatin1String("payload_base64"), QString::fromLatin1(payload.toBase64()));
        writer.write(o);
    }
    return true;
}

QList<CallRecord> StoreReader::incompleteCalls(qint64 nowMs, qint64 olderThanMs, int limit, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM calls WHERE completed = 0 AND last_received_at < ?"
                             " ORDER BY last_received_at LIMIT ?").arg(QLatin1String(kCallColumns)));
    q.addBindValue(nowMs - olderThanMs);
    q.addBindValue(limit);
    QList<CallRecord> calls;
    if (!q.exec()) {
        *error = q.lastError().text();
        return calls;
    }
    while (q.next())
        calls.append(callFrom(q));
    return calls;
}

qint64 StoreReader::countIncompleteCalls(qint64 nowMs, qint64 olderThanMs, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM calls WHERE completed = 0 AND last_received_at < ?"));
    q.addBindValue(nowMs - olderThanMs);
    if (!q.exec() || !q.next()) {
        *error = q.lastError().text();
        return -1;
    }
    return q.value(0).toLongLong();
}

std::optional<CanonicalEvent> StoreReader::event(qint64 id, QString *error)
{
    if (!m_eventById) {
        m_eventById = std::make_unique<SqliteStatement>();
        const QByteArray sql = QByteArray("SELECT ") + EventColumns::names() + " FROM events WHERE id = ? AND status = 'accepted'";
        if (!m_eventById->prepare(SqliteStatement::handleOf(m_db), sql.constData(), error)) {
            m_eventById.reset();
            return std::nullopt;
        }
    }
    SqliteStatement &q = *m_eventById;
    q.bind(1, id);
    std::optional<CanonicalEvent> e;
    if (q.next())
        e = EventColumns::read(q, 0);
    else if (q.failed())
        *error = q.error();
    q.reset(); // ends the read: an open statement would pin its WAL snapshot
    return e;
}

std::optional<CallRecord> StoreReader::call(const QString &callUuid, QString *error)
{
    // Prepared once: the delivery worker asks for a call on every attempt.
    if (!m_callById) {
        m_callById = std::make_unique<QSqlQuery>(m_db);
        m_callById->prepare(QStringLiteral("SELECT %1 FROM calls WHERE call_uuid = ?").arg(QLatin1String(kCallColumns)));
    }
    QSqlQuery &q = *m_callById;
    q.bindValue(0, callUuid);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    std::optional<CallRecord> r;
    if (q.next())
        r = callFrom(q);
    q.finish(); // ends the read: an open statement would pin its WAL snapshot
    return r;
}

} // namespace ringside
