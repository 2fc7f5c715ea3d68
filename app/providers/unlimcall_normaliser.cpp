#include "providers/unlimcall_normaliser.h"

#include "providers/flat_json_object.h"
#include "providers/q850.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <cmath>
#include <limits>

namespace ringside {

namespace {
QString typeName(const JsonScalar &v)
{
    switch (v.type) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

// Values from the payload are echoed into errors shortened: the raw body is stored anyway.
QString quoted(const QString &value)
{
    constexpr qsizetype kMaxEcho = 64;
    if (value.size() <= kMaxEcho)
        return u'"' + value + u'"';
    return u'"' + value.left(kMaxEcho) + QStringLiteral("\"... (%1 characters)").arg(value.size());
}

QString fieldName(QLatin1String key)
{
    return u'"' + QString(key) + u'"';
}

/** Reads typed fields from one payload object (parsed either way) and keeps the first problem it meets. */
class FieldReader
{
public:
    explicit FieldReader(const FlatJsonObject &object) : m_flat(&object) {}
    explicit FieldReader(const QJsonObject &object) : m_object(&object) {}

    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    /** A string that must be present and non-blank. */
    QString requiredString(QLatin1String key, qsizetype maxLength)
    {
        const JsonScalar v = value(key);
        if (isAbsent(v)) {
            fail(fieldName(key) + QStringLiteral(" is missing"));
            return {};
        }
        const QString s = checkedString(key, v, maxLength);
        if (!failed() && s.trimmed().isEmpty())
            fail(fieldName(key) + QStringLiteral(" is empty"));
        return s;
    }

    /** A string that may be absent or null (both read as empty). */
    QString optionalString(QLatin1String key, qsizetype maxLength)
    {
        const JsonScalar v = value(key);
        if (isAbsent(v))
            return {};
        return checkedString(key, v, maxLength);
    }

    /** An ISO 8601 time that may be absent, null or "" (a sender's way of saying "never"). */
    std::optional<qint64> optionalTime(QLatin1String key)
    {
        const JsonScalar v = value(key);
        if (isAbsent(v))
            return std::nullopt;
        if (v.type != QJsonValue::String) {
            fail(fieldName(key) + QStringLiteral(" must be an ISO 8601 time string, got ") + typeName(v));
            return std::nullopt;
        }
        const QString s = checkedString(key, v, UnlimCallNormaliser::kMaxStringLength);
        if (failed() || s.isEmpty())
            return std::nullopt;
        const auto ms = parseIsoTime(s);
        if (!ms)
            fail(fieldName(key) + QStringLiteral(" is not a valid ISO 8601 time: ") + quoted(s));
        return ms;
    }

    /** A whole number that may be absent or null; a fraction or another type is an error. */
    std::optional<double> optionalWholeNumber(QLatin1String key)
    {
        const JsonScalar v = value(key);
        if (isAbsent(v))
            return std::nullopt;
        if (v.type != QJsonValue::Double) {
            fail(fieldName(key) + QStringLiteral(" must be a number, got ") + typeName(v));
            return std::nullopt;
        }
        const double d = v.number;
        if (std::trunc(d) != d) {
            fail(fieldName(key) + QStringLiteral(" must be a whole number, got %1").arg(d));
            return std::nullopt;
        }
        return d;
    }

private:
    JsonScalar value(QLatin1String key) const
    {
        return m_flat ? m_flat->value(key) : JsonScalar::of(m_object->value(key));
    }
    static bool isAbsent(const JsonScalar &v)
    {
        return v.type == QJsonValue::Undefined || v.type == QJsonValue::Null;
    }

    QString checkedString(QLatin1String key, const JsonScalar &v, qsizetype maxLength)
    {
        if (v.type != QJsonValue::String) {
            fail(fieldName(key) + QStringLiteral(" must be a string, got ") + typeName(v));
            return {};
        }
        QString s = v.string;
        if (s.size() > maxLength) {
            fail(fieldName(key) + QStringLiteral(" is too long: %1 characters (at most %2)")
                                      .arg(s.size()).arg(maxLength));
            return {};
        }
        return s;
    }

    void fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
    }

    const FlatJsonObject *m_flat = nullptr;
    const QJsonObject *m_object = nullptr;
    QString m_error;
};

/** The canonical event the payload's fields describe, or the first problem with them. */
NormaliseResult readEvent(FieldReader &r, const QString &provider)
{
    using N = UnlimCallNormaliser;
    CanonicalEvent e;
    e.provider = provider;

    const QString eventName = r.requiredString(QLatin1String("event"), N::kMaxStringLength);
    if (r.failed())
        return NormaliseResult::fail(r.error());
    const auto type = eventTypeFromName(eventName);
    if (!type) {
        return NormaliseResult::fail(QStringLiteral("\"event\" has unknown value %1 (expected call.initiated, "
                                                    "call.answered or call.completed)")
                                         .arg(quoted(eventName)));
    }
    e.type = *type;

    e.callUuid = r.requiredString(QLatin1String("call_uuid"), N::kMaxCallUuidLength);
    e.from = r.optionalString(QLatin1String("from"), N::kMaxStringLength);
    e.to = r.optionalString(QLatin1String("to"), N::kMaxStringLength);
    const QString direction = r.optionalString(QLatin1String("direction"), N::kMaxStringLength).toLower();
    e.initiatedAt = r.optionalTime(QLatin1String("initiated_at"));
    e.answeredAt = r.optionalTime(QLatin1String("answered_at"));
    e.endedAt = r.optionalTime(QLatin1String("ended_at"));
    const auto duration = r.optionalWholeNumber(QLatin1String("duration_seconds"));
    e.hangupCause = r.optionalString(QLatin1String("hangup_cause"), N::kMaxStringLength).toLower();
    const auto code = r.optionalWholeNumber(QLatin1String("hangup_cause_code"));
    e.seatId = r.optionalString(QLatin1String("seat_id"), N::kMaxStringLength);
    e.didId = r.optionalString(QLatin1String("did_id"), N::kMaxStringLength);
    e.recordingUrl = r.optionalString(QLatin1String("recording_url"), N::kMaxRecordingUrlLength);
    if (r.failed())
        return NormaliseResult::fail(r.error());

    if (duration) {
        constexpr double kMaxDuration = std::numeric_limits<qint32>::max();
        if (*duration < 0 || *duration > kMaxDuration) {
            return NormaliseResult::fail(QStringLiteral("\"duration_seconds\" must be from 0 to %1, got %2")
                                             .arg(qint64(kMaxDuration))
                                             .arg(*duration, 0, 'f', 0));
        }
        e.durationSeconds = static_cast<qint64>(*duration);
    }

    // Anything else ("outbound-api", "in") is a guess we would rather not store.
    if (direction == u"inbound" || direction == u"outbound")
        e.direction = direction;

    // Codes outside Q.850's range are a sender's private numbers; keep the name, drop the number.
    if (code && *code >= 1 && *code <= 127)
        e.hangupCauseCode = static_cast<int>(*code);
    if (!e.hangupCauseCode) {
        if (const HangupCause *known = hangupCauseByName(e.hangupCause))
            e.hangupCauseCode = known->code;
    }
    // A bare code still deserves a readable name on the dashboard.
    if (e.hangupCause.isEmpty() && e.hangupCauseCode) {
        if (const HangupCause *known = hangupCauseByCode(*e.hangupCauseCode))
            e.hangupCause = QString(known->name).toLower();
    }

    return NormaliseResult::ok(std::move(e));
}
} // namespace


NormaliseResult UnlimCallNormaliser::normalise(const HttpRequest &request) const
{
    if (QByteArrayView(request.body).trimmed().isEmpty())
        return NormaliseResult::fail(QStringLiteral("body is empty"));
    // The usual flat payload without QJsonDocument; anything else (and every error) with it.
    if (const auto flat = FlatJsonObject::parse(request.body)) {
        FieldReader fields(*flat);
        return readEvent(fields, provider());
    }

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return NormaliseResult::fail(QStringLiteral("body is not valid JSON: %1 at offset %2")
                                         .arg(parseError.errorString())
                                         .arg(parseError.offset));
    }
    if (!doc.isObject()) {
        return NormaliseResult::fail(doc.isArray()
                                         ? QStringLiteral("body is a JSON array, not an object")
                                         : QStringLiteral("body is not a JSON object"));
    }
    const QJsonObject json = doc.object();
    FieldReader fields(json);
    return readEvent(fields, provider());
}

} // namespace ringside

