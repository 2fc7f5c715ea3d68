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

namespace {
// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = y / 400; // y >= 0 here
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint64(era) * 146097 + doe - 719468;
}

int daysInMonth(int y, int m)
{
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

// The form providers send, "2026-06-04T09:14:22.000Z" (fraction and Z optional), read without
// QDateTime, which costs microseconds per call. Anything else (offsets, other fractions, leap
// seconds, hour 24, years before 1970) is left to QDateTime: nullopt here does not mean invalid.
std::optional<qint64> parseCommonIsoTime(QStringView t)
{
    const qsizetype n = t.size();
    if (n != 19 && n != 20 && n != 23 && n != 24)
        return std::nullopt;
    int digits[17];
    int count = 0;
    for (qsizetype i = 0; i < 19 || (n >= 23 && i < 23); ++i) {
        const char16_t c = t[i].unicode();
        char16_t separator = 0;
        switch (i) {
        case 4: case 7: separator = u'-'; break;
        case 10: separator = u'T'; break;
        case 13: case 16: separator = u':'; break;
        case 19: separator = u'.'; break;
        }
        if (separator) {
            if (c != separator)
                return std::nullopt;
        } else if (c >= u'0' && c <= u'9') {
            digits[count++] = c - u'0';
        } else {
            return std::nullopt;
        }
    }
    const bool zulu = n == 20 || n == 24;
    if (zulu && t[n - 1] != u'Z')
        return std::nullopt;
    const auto number = [&digits](int from, int length) {
        int v = 0;
        for (int i = from; i < from + length; ++i)
            v = v * 10 + digits[i];
        return v;
    };
    const int year = number(0, 4), month = number(4, 2), day = number(6, 2);
    const int hour = number(8, 2), minute = number(10, 2), second = number(12, 2);
    const int ms = n >= 23 ? number(14, 3) : 0;
    if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23
        || minute > 59 || second > 59)
        return std::nullopt;
    return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60'000 + second * 1000 + ms;
}
} // namespace

std::optional<qint64> parseIsoTime(QStringView text)
{
    if (text.isEmpty())
        return std::nullopt;
    if (const auto common = parseCommonIsoTime(text))
        return common;
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
