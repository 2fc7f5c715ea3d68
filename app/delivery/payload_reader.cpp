#include "delivery/payload_reader.h"

#include "store/event_columns.h"

namespace ringside {

namespace {

// The calls columns, by the CallRecord member each fills. Read by name from these tables rather
// than by hand-kept positions.
struct TextColumn
{
    const char *name;
    QString CallRecord::*field;
};
constexpr TextColumn kTextColumns[] = {
    {"call_uuid", &CallRecord::callUuid}, {"provider", &CallRecord::provider}, {"from_number", &CallRecord::from},
    {"to_number", &CallRecord::to},       {"direction", &CallRecord::direction}, {"seat_id", &CallRecord::seatId},
    {"did_id", &CallRecord::didId},       {"recording_url", &CallRecord::recordingUrl},
    {"hangup_cause", &CallRecord::hangupCause}, {"outcome", &CallRecord::outcome},
};
struct NumberColumn
{
    const char *name;
    std::optional<qint64> CallRecord::*field;
};
constexpr NumberColumn kNumberColumns[] = {
    {"initiated_at", &CallRecord::initiatedAt}, {"answered_at", &CallRecord::answeredAt},
    {"ended_at", &CallRecord::endedAt},         {"duration_seconds", &CallRecord::durationSeconds},
    {"ring_ms", &CallRecord::ringMs},           {"talk_ms", &CallRecord::talkMs},
};
// Then, in this order: state, events_seen, hangup_cause_code, first_received_at, last_received_at.
constexpr const char *kOtherColumns = "c.state, c.events_seen, c.hangup_cause_code, c.first_received_at, c.last_received_at";
constexpr int kOtherColumnCount = 5;
constexpr int kCallColumnCount = int(std::size(kTextColumns) + std::size(kNumberColumns)) + kOtherColumnCount;

QByteArray statementSql()
{
    QByteArray call;
    for (const TextColumn &c : kTextColumns)
        call += QByteArray("c.") + c.name + ", ";
    for (const NumberColumn &c : kNumberColumns)
        call += QByteArray("c.") + c.name + ", ";
    call += kOtherColumns;
    // ?1 event id, ?2 sink, ?3 call_uuid. The event's columns come first, in EventColumns order;
    // the subquery keeps their unqualified names apart from the calls columns of the same name.
    return "SELECT e.*, " + call + ", (SELECT object_id FROM sink_objects WHERE sink = ?2 AND call_uuid = ?3)"
           " FROM (SELECT " + QByteArray(EventColumns::names()) + " FROM events WHERE id = ?1 AND status = 'accepted') e"
           " JOIN calls c ON c.call_uuid = ?3";
}

CallRecord callFrom(const SqliteStatement &q, int i)
{
    CallRecord r;
    for (const TextColumn &c : kTextColumns)
        r.*c.field = q.columnText(i++);
    for (const NumberColumn &c : kNumberColumns)
        r.*c.field = q.columnOptInt(i++);
    r.state = eventTypeFromName(q.columnText(i++)).value_or(EventType::Initiated);
    r.eventsSeen = int(q.columnInt(i++));
    if (const auto code = q.columnOptInt(i++))
        r.hangupCauseCode = int(*code);
    r.firstReceivedAt = q.columnInt(i++);
    r.lastReceivedAt = q.columnInt(i++);
    return r;
}

} // namespace

bool PayloadReader::read(QSqlDatabase &db, DeliveryPayload &payload, QString *error)
{
    if (!m_prepared) {
        sqlite3 *handle = SqliteStatement::handleOf(db);
        if (!handle) {
            *error = QStringLiteral("the store is not open");
            return false;
        }
        m_prepared = m_statement.prepare(handle, statementSql().constData(), error);
        if (!m_prepared)
            return false;
    }
    SqliteStatement &q = m_statement;
    q.bind(1, payload.job.eventId);
    q.bind(2, payload.job.sink);
    q.bind(3, payload.job.callUuid);
    std::optional<CanonicalEvent> event;
    if (q.next()) {
        event = EventColumns::read(q, 0);
        payload.call = callFrom(q, EventColumns::count());
        payload.knownObjectId = q.columnText(EventColumns::count() + kCallColumnCount);
    } else if (q.failed()) {
        *error = q.error();
    }
    q.reset(); // ends the read: an open statement would pin its WAL snapshot
    if (!event) {
        if (error->isEmpty())
            *error = QStringLiteral("event %1 or call %2 not in the store").arg(payload.job.eventId).arg(payload.job.callUuid);
        return false;
    }
    payload.event = std::move(*event);
    return true;
}

} // namespace ringside
