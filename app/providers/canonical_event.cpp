#include "providers/canonical_event.h"

#include <QDateTime>
#include <QJsonValue>

namespace ringside {

QString eventTypeName(EventType type)
{
    switch (type) {
    case EventType::Initiated: return QStringLiteral("call.initiated");
    case EventType::Answered: return QStringLiteral("call.answered");
    case EventType::Completed: return QStringLiteral("call.completed");
    }
    return {};
}

std::optional<EventType> eventTypeFromName(QStringView name)
{
    if (name == u"call.initiated")
        return EventType::Initiated;
    if (name == u"call.answered")
        return EventType::Answered;
    if (name == u"call.completed")
        return EventType::Completed;
    return std::nullopt;
}

std::optional<qint64> CanonicalEvent::eventTime() const
{
    switch (type) {
    case EventType::Initiated: return initiatedAt;
    case EventType::Answered: return answeredAt;
    case EventType::Completed: return endedAt;
    }
    return std::nullopt;
}

std::optional<qint64> parseIsoTime(QStringView text)
{
    if (text.isEmpty())
        return std::nullopt;
    const QString s = text.toString();
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid() || dt.timeSpec() == Qt::LocalTime) {
        // A time without an offset is taken as UTC: providers send UTC. Parse it as UTC directly:
        // Qt reads it as local time first, which rejects a wall-clock time in the host's DST gap.
        const QDateTime utc = QDateTime::fromString(s + u'Z', Qt::ISODateWithMs);
        if (utc.isValid())
            dt = utc;
        else if (dt.isValid())
            dt.setTimeSpec(Qt::UTC); // a date without a time: midnight UTC
    }
    if (!dt.isValid())
        return std::nullopt;
    return dt.toMSecsSinceEpoch();
}

QString formatIsoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

namespace {
void putString(QJsonObject &o, const char *key, const QString &v)
{
    if (!v.isEmpty())
        o.insert(QLatin1String(key), v);
}
void putTime(QJsonObject &o, const char *key, const std::optional<qint64> &v)
{
    if (v)
        o.insert(QLatin1String(key), formatIsoTime(*v));
}
QString getString(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
std::optional<qint64> getTime(const QJsonObject &o, const char *key)
{
    return parseIsoTime(o.value(QLatin1String(key)).toString());
}
std::optional<qint64> getInt(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble())
        return std::nullopt;
    // Casting a double outside qint64's range is undefined behaviour; stay within exact integers.
    const double d = v.toDouble();
    if (!(d >= -9007199254740992.0 && d <= 9007199254740992.0))
        return std::nullopt;
    return static_cast<qint64>(d);
}
} // namespace

QJsonObject CanonicalEvent::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("event"), eventTypeName(type));
    o.insert(QLatin1String("call_uuid"), callUuid);
    putString(o, "provider", provider);
    putString(o, "provider_event_id", providerEventId);
    putString(o, "from", from);
    putString(o, "to", to);
    putString(o, "direction", direction);
    putTime(o, "initiated_at", initiatedAt);
    putTime(o, "answered_at", answeredAt);
    putTime(o, "ended_at", endedAt);
    if (durationSeconds)
        o.insert(QLatin1String("duration_seconds"), *durationSeconds);
    putString(o, "hangup_cause", hangupCause);
    if (hangupCauseCode)
        o.insert(QLatin1String("hangup_cause_code"), *hangupCauseCode);
    putString(o, "seat_id", seatId);
    putString(o, "did_id", didId);
    putString(o, "recording_url", recordingUrl);
    return o;
}

std::optional<CanonicalEvent> CanonicalEvent::fromJson(const QJsonObject &o)
{
    const auto type = eventTypeFromName(o.value(QLatin1String("event")).toString());
    const QString uuid = getString(o, "call_uuid");
    if (!type || uuid.isEmpty())
        return std::nullopt;
    CanonicalEvent e;
    e.type = *type;
    e.callUuid = uuid;
    e.provider = getString(o, "provider");
    e.providerEventId = getString(o, "provider_event_id");
    e.from = getString(o, "from");
    e.to = getString(o, "to");
    e.direction = getString(o, "direction");
    e.initiatedAt = getTime(o, "initiated_at");
    e.answeredAt = getTime(o, "answered_at");
    e.endedAt = getTime(o, "ended_at");
    e.durationSeconds = getInt(o, "duration_seconds");
    e.hangupCause = getString(o, "hangup_cause");
    // Q.850 codes are 1..127; anything else would not survive the narrowing to int intact.
    if (const auto code = getInt(o, "hangup_cause_code"); code && *code >= 1 && *code <= 127)
        e.hangupCauseCode = static_cast<int>(*code);
    e.seatId = getString(o, "seat_id");
    e.didId = getString(o, "did_id");
    e.recordingUrl = getString(o, "recording_url");
    return e;
}

} // namespace ringside
