#include "store/event_columns.h"


namespace ringside::EventColumns {

const char *names()
{
    return "event, call_uuid, provider, provider_event_id, from_number, to_number, direction, initiated_at,"
           " answered_at, ended_at, duration_seconds, hangup_cause, hangup_cause_code, seat_id, did_id,"
           " recording_url";
}

int count()
{
    return 16;
}

void bind(SqliteStatement &q, int i, const CanonicalEvent &e)
{
    static const QString names[] = {eventTypeName(EventType::Initiated), eventTypeName(EventType::Answered),
                                    eventTypeName(EventType::Completed)};
    q.bind(i++, names[int(e.type)]);
    q.bind(i++, e.callUuid);
    q.bind(i++, e.provider);
    q.bind(i++, e.providerEventId);
    q.bind(i++, e.from);
    q.bind(i++, e.to);
    q.bind(i++, e.direction);
    q.bind(i++, e.initiatedAt);
    q.bind(i++, e.answeredAt);
    q.bind(i++, e.endedAt);
    q.bind(i++, e.durationSeconds);
    q.bind(i++, e.hangupCause);
    q.bind(i++, e.hangupCauseCode ? std::optional<qint64>(*e.hangupCauseCode) : std::nullopt);
    q.bind(i++, e.seatId);
    q.bind(i++, e.didId);
    q.bind(i++, e.recordingUrl);
}

std::optional<CanonicalEvent> read(const SqliteStatement &q, int i)
{
    const auto type = eventTypeFromName(q.columnText(i++));
    if (!type)
        return std::nullopt;
    CanonicalEvent e;
    e.type = *type;
    e.callUuid = q.columnText(i++);
    e.provider = q.columnText(i++);
    e.providerEventId = q.columnText(i++);
    e.from = q.columnText(i++);
    e.to = q.columnText(i++);
    e.direction = q.columnText(i++);
    e.initiatedAt = q.columnOptInt(i++);
    e.answeredAt = q.columnOptInt(i++);
    e.endedAt = q.columnOptInt(i++);
    e.durationSeconds = q.columnOptInt(i++);
    e.hangupCause = q.columnText(i++);
    if (const auto code = q.columnOptInt(i++))
        e.hangupCauseCode = int(*code);
    e.seatId = q.columnText(i++);
    e.didId = q.columnText(i++);
    e.recordingUrl = q.columnText(i++);
    return e;
}

} // namespace ringside::EventColumns
