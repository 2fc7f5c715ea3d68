#include "models/call_timeline.h"

#include "store/database.h"
#include "store/event_columns.h"
#include "store/sqlite_statement.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace ringside {

namespace {

// Every statement is driven by an index on the call id (events_call, deliveries_call) and joins
// by the child's index (event_receipts_event, delivery_attempts_delivery).
QByteArray eventsSql()
{
    return "SELECT id, dedup_key, status, received_at, event_time, " + QByteArray(EventColumns::names())
        + " FROM events WHERE call_uuid = ?";
}
const char *const kPayloadsSql = "SELECT id, content_type, headers, payload FROM events WHERE call_uuid = ?";
const char *const kReceiptsSql = "SELECT r.id, r.event_id, r.received_at FROM events e"
                                 " JOIN event_receipts r ON r.event_id = e.id WHERE e.call_uuid = ?";
const char *const kDeliveriesSql =
    "SELECT d.id, d.event_id, d.sink, d.state, d.attempts, d.created_at, d.next_attempt_at, d.last_error"
    " FROM deliveries d WHERE d.call_uuid = ? ORDER BY d.id";
const char *const kAttemptsSql =
    "SELECT a.id, a.delivery_id, a.started_at, a.duration_ms, a.http_status, a.outcome, a.error, a.response_excerpt"
    " FROM deliveries d JOIN delivery_attempts a ON a.delivery_id = d.id WHERE d.call_uuid = ?"
    " ORDER BY a.started_at, a.id";

/** Ends the read transaction however load() leaves: an open one would pin the WAL snapshot. */
class ReadTransaction
{
public:
    explicit ReadTransaction(QSqlDatabase &db) : m_db(db), m_open(db.transaction()) {}
    ~ReadTransaction()
    {
        if (m_open)
            m_db.rollback();
    }
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;

private:
    QSqlDatabase &m_db;
    bool m_open;
};

bool runQuery(QSqlQuery &q, const char *sql, const QString &callUuid, QString *error)
{
    q.setForwardOnly(true);
    if (q.prepare(QString::fromLatin1(sql))) {
        q.addBindValue(callUuid);
        if (q.exec())
            return true;
    }
    *error = q.lastError().text();
    return false;
}

/** Where each event's first receipt is in t.receipts. */
QHash<qint64, qsizetype> firstReceipts(const CallTimeline &t)
{
    QHash<qint64, qsizetype> index;
    for (qsizetype i = 0; i < t.receipts.size(); ++i) {
        if (!t.receipts.at(i).duplicate)
            index.insert(t.receipts.at(i).eventId, i);
    }
    return index;
}

/** The stored events of the call: their first receipts, and the call record they fold into. */
bool loadEvents(QSqlDatabase &db, const QString &callUuid, CallTimeline &t, QString *error)
{
    SqliteStatement q;
    sqlite3 *handle = SqliteStatement::handleOf(db);
    if (!handle) {
        *error = QStringLiteral("not an SQLite connection");
        return false;
    }
    if (!q.prepare(handle, eventsSql().constData(), error))
        return false;
    q.bind(1, callUuid);
    QList<StoredEvent> stored;
    while (q.next()) {
        std::optional<CanonicalEvent> e = EventColumns::read(q, 5);
        if (!e)
            continue; // unprocessable: no call to belong to
        TimelineReceipt r;
        r.eventId = q.columnInt(0);
        r.dedupKey = q.columnText(1);
        r.status = q.columnText(2);
        r.receivedAt = q.columnInt(3);
        r.eventTime = q.columnOptInt(4);
        r.type = e->type;
        t.receipts.append(r);
        stored.append({std::move(*e), r.dedupKey, r.receivedAt});
    }
    if (q.failed()) {
        *error = q.error();
        return false;
    }
    // The same fold the writer stores in `calls`, so the timeline and the Calls page agree.
    if (!stored.isEmpty())
        t.call = CallRecord::fold(stored);
    return true;
}

bool loadPayloads(QSqlDatabase &db, const QString &callUuid, CallTimeline &t, QString *error)
{
    const QHash<qint64, qsizetype> byEvent = firstReceipts(t);
    QSqlQuery q(db);
    if (!runQuery(q, kPayloadsSql, callUuid, error))
        return false;
    while (q.next()) {
        const auto it = byEvent.constFind(q.value(0).toLongLong());
        if (it == byEvent.cend())
            continue;
        TimelineReceipt &r = t.receipts[*it];
        r.contentType = q.value(1).toString();
        r.headers = q.value(2).toString();
        r.payload = q.value(3).toByteArray();
    }
    return true;
}

bool loadDuplicateReceipts(QSqlDatabase &db, const QString &callUuid, CallTimeline &t, QString *error)
{
    const QHash<qint64, qsizetype> firstOf = firstReceipts(t);
    QSqlQuery q(db);
    if (!runQuery(q, kReceiptsSql, callUuid, error))
        return false;
    QList<TimelineReceipt> duplicates;
    while (q.next()) {
        const auto it = firstOf.constFind(q.value(1).toLongLong());
        if (it == firstOf.cend())
            continue;
        TimelineReceipt r = t.receipts.at(*it); // shares the first's payload (implicitly shared)
        r.receiptId = q.value(0).toLongLong();
        r.receivedAt = q.value(2).toLongLong();
        r.duplicate = true;
        duplicates.append(r);
    }
    t.receipts.append(duplicates);
    return true;
}

bool loadDeliveries(QSqlDatabase &db, const QString &callUuid, CallTimeline &t, QString *error)
{
    QHash<qint64, EventType> typeOf;
    for (const TimelineReceipt &r : std::as_const(t.receipts))
        typeOf.insert(r.eventId, r.type);
    QSqlQuery q(db);
    if (!runQuery(q, kDeliveriesSql, callUuid, error))
        return false;
    while (q.next()) {
        TimelineDelivery d;
        d.id = q.value(0).toLongLong();
        d.eventId = q.value(1).toLongLong();
        d.sink = q.value(2).toString();
        d.eventType = typeOf.value(d.eventId, EventType::Initiated);
        d.state = q.value(3).toString();
        d.attempts = q.value(4).toInt();
        d.createdAt = q.value(5).toLongLong();
        if (d.waiting())
            d.nextAttemptAt = Database::optionalInt(q.value(6));
        d.lastError = q.value(7).toString();
        t.deliveries.append(d);
    }
    return true;
}

bool loadAttempts(QSqlDatabase &db, const QString &callUuid, CallTimeline &t, QString *error)
{
    QSqlQuery q(db);
    if (!runQuery(q, kAttemptsSql, callUuid, error))
        return false;
    while (q.next()) {
        TimelineAttempt a;
        a.id = q.value(0).toLongLong();
        a.deliveryId = q.value(1).toLongLong();
        if (const TimelineDelivery *d = t.delivery(a.deliveryId)) {
            a.sink = d->sink;
            a.eventType = d->eventType;
        }
        a.startedAt = q.value(2).toLongLong();
        a.durationMs = Database::optionalInt(q.value(3));
        if (const auto status = Database::optionalInt(q.value(4)))
            a.httpStatus = int(*status);
        a.outcome = q.value(5).toString();
        a.error = q.value(6).toString();
        a.responseExcerpt = q.value(7).toByteArray();
        t.attempts.append(a);
    }
    return true;
}

} // namespace

TimelineAttempt::Result TimelineAttempt::result() const
{
    if (!httpStatus)
        return Result::NoAnswer;
    return *httpStatus >= 200 && *httpStatus < 300 ? Result::Success : Result::Failure;
}

const TimelineReceipt *CallTimeline::receiptOf(qint64 eventId) const
{
    for (const TimelineReceipt &r : receipts) {
        if (r.eventId == eventId && !r.duplicate)
            return &r;
    }
    return nullptr;
}

const TimelineDelivery *CallTimeline::delivery(qint64 id) const
{
    for (const TimelineDelivery &d : deliveries) {
        if (d.id == id)
            return &d;
    }
    return nullptr;
}

void CallTimeline::markOutOfOrder(QList<TimelineReceipt> &receipts)
{
    std::optional<EventType> furthest;
    for (TimelineReceipt &r : receipts) {
        r.outOfOrder = furthest && r.type < *furthest;
        r.arrivedAfter = r.outOfOrder ? furthest : std::nullopt;
        if (!furthest || r.type > *furthest)
            furthest = r.type;
    }
}

QStringList CallTimelineQuery::statements()
{
    return {QString::fromLatin1(eventsSql()), QString::fromLatin1(kPayloadsSql), QString::fromLatin1(kReceiptsSql),
            QString::fromLatin1(kDeliveriesSql), QString::fromLatin1(kAttemptsSql)};
}

std::optional<CallTimeline> CallTimelineQuery::load(QSqlDatabase &db, const QString &callUuid, QString *error)
{
    // One snapshot for all statements: an attempt committed in between cannot name a delivery we missed.
    ReadTransaction snapshot(db);
    CallTimeline t;
    if (!loadEvents(db, callUuid, t, error))
        return std::nullopt;
    if (t.receipts.isEmpty()) {
        error->clear();
        return std::nullopt;
    }
    if (!loadPayloads(db, callUuid, t, error) || !loadDuplicateReceipts(db, callUuid, t, error)
        || !loadDeliveries(db, callUuid, t, error) || !loadAttempts(db, callUuid, t, error))
        return std::nullopt;
    // Receipt order; ties (one commit, one millisecond) by event id so the result is stable.
    std::stable_sort(t.receipts.begin(), t.receipts.end(), [](const TimelineReceipt &a, const TimelineReceipt &b) {
        if (a.receivedAt != b.receivedAt)
            return a.receivedAt < b.receivedAt;
        if (a.duplicate != b.duplicate)
            return !a.duplicate;
        return a.eventId != b.eventId ? a.eventId < b.eventId : a.receiptId < b.receiptId;
    });
    CallTimeline::markOutOfOrder(t.receipts);
    return t;
}

} // namespace ringside
