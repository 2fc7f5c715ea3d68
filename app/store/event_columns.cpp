#include "store/event_columns.h"

#include <QVariant>

namespace ringside::EventColumns {

namespace {
QVariant opt(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}
QVariant opt(const QString &v)
{
    return v.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(v);
}
std::optional<qint64> optInt(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}
} // namespace

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

void bind(QSqlQuery &q, int i, const CanonicalEvent &e)
{
    q.bindValue(i++, eventTypeName(e.type));
    q.bindValue(i++, e.callUuid);
    q.bindValue(i++, opt(e.provider));
    q.bindValue(i++, opt(e.providerEventId));
    q.bindValue(i++, opt(e.from));
    q.bindValue(i++, opt(e.to));
    q.bindValue(i++, opt(e.direction));
    q.bindValue(i++, opt(e.initiatedAt));
    q.bindValue(i++, opt(e.answeredAt));
    q.bindValue(i++, opt(e.endedAt));
    q.bindValue(i++, opt(e.durationSeconds));
    q.bindValue(i++, opt(e.hangupCause));
    q.bindValue(i++, e.hangupCauseCode ? QVariant(*e.hangupCauseCode) : QVariant(QMetaType(QMetaType::Int)));
    q.bindValue(i++, opt(e.seatId));
    q.bindValue(i++, opt(e.didId));
    q.bindValue(i++, opt(e.recordingUrl));
}

std::optional<CanonicalEvent> read(const QSqlQuery &q, int i)
{
    const auto type = eventTypeFromName(q.value(i++).toString());
    if (!type)
        return std::nullopt;
    CanonicalEvent e;
    e.type = *type;
    e.callUuid = q.value(i++).toString();
    e.provider = q.value(i++).toString();
    e.providerEventId = q.value(i++).toString();
    e.from = q.value(i++).toString();
    e.to = q.value(i++).toString();
    e.direction = q.value(i++).toString();
    e.initiatedAt = optInt(q.value(i++));
    e.answeredAt = optInt(q.value(i++));
    e.endedAt = optInt(q.value(i++));
    e.durationSeconds = optInt(q.value(i++));
    e.hangupCause = q.value(i++).toString();
    if (const auto code = optInt(q.value(i++)))
        e.hangupCauseCode = int(*code);
    e.seatId = q.value(i++).toString();
    e.didId = q.value(i++).toString();
    e.recordingUrl = q.value(i++).toString();
    return e;
}

} // namespace ringside::EventColumns
