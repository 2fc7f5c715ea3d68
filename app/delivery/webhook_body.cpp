#include "delivery/webhook_body.h"

#include <QLocale>
#include <chrono>
#include <cmath>

namespace ringside {

namespace {

/** Members of one JSON object, written in the order given — which must be QJsonObject's (sorted
 *  by key), so that the bytes match what QJsonDocument writes. */
class ObjectWriter
{
public:
    explicit ObjectWriter(QByteArray &out) : m_out(out) { m_out += '{'; }
    ~ObjectWriter() { m_out += '}'; }
    ObjectWriter(const ObjectWriter &) = delete;
    ObjectWriter &operator=(const ObjectWriter &) = delete;

    /** Starts a member whose value the caller writes. */
    QByteArray &key(const char *name)
    {
        Q_ASSERT(qstrcmp(m_last, name) < 0);
        m_last = name;
        if (m_out.back() != '{')
            m_out += ',';
        m_out.append('"').append(name).append("\":");
        return m_out;
    }
    void string(const char *name, const QString &value) { writeString(key(name), value); }
    /** Left out when empty, as CallRecord::toJson() and CanonicalEvent::toJson() do. */
    void nonEmpty(const char *name, const QString &value)
    {
        if (!value.isEmpty())
            string(name, value);
    }
    void integer(const char *name, qint64 value) { key(name).append(QByteArray::number(value)); }
    void integer(const char *name, const std::optional<qint64> &value)
    {
        if (value)
            integer(name, *value);
    }
    /** A number the models hand over as a double. QJsonValue keeps a double that holds an integer
     *  within ±2^53 as that integer; anything larger is printed in the double's shortest form. */
    void number(const char *name, const std::optional<qint64> &value)
    {
        if (!value)
            return;
        constexpr double kExactIntegers = 9007199254740992.0; // 2^53
        const double d = double(*value);
        key(name).append(std::abs(d) <= kExactIntegers ? QByteArray::number(qint64(d))
                                                       : QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
    }
    void boolean(const char *name, bool value) { key(name).append(value ? "true" : "false"); }
    void time(const char *name, const std::optional<qint64> &ms)
    {
        if (ms)
            writeTime(key(name), *ms);
    }

private:
    static void writeString(QByteArray &out, QStringView s);
    static void writeTime(QByteArray &out, qint64 ms);
    QByteArray &m_out;
    const char *m_last = "";
};

char hexDigit(uint v)
{
    return char(v < 10 ? '0' + v : 'a' + v - 10);
}

// QJsonDocument's escaping: the two JSON specials and control characters escaped, everything else
// as UTF-8 — except a lone surrogate, which has no UTF-8 form and is written as \uXXXX.
void ObjectWriter::writeString(QByteArray &out, QStringView s)
{
    out += '"';
    const char16_t *p = s.utf16();
    const char16_t *end = p + s.size();
    for (; p < end; ++p) {
        const char16_t u = *p;
        if (u >= 0x20 && u < 0x80 && u != '"' && u != '\\') {
            out += char(u);
        } else if (u == '"' || u == '\\') {
            out.append('\\').append(char(u));
        } else if (u < 0x20) {
            out += '\\';
            switch (u) {
            case '\b': out += 'b'; break;
            case '\f': out += 'f'; break;
            case '\n': out += 'n'; break;
            case '\r': out += 'r'; break;
            case '\t': out += 't'; break;
            default: out.append("u00").append(hexDigit(u >> 4)).append(hexDigit(u & 0xf)); break;
            }
        } else if (u < 0x800) {
            out.append(char(0xc0 | (u >> 6))).append(char(0x80 | (u & 0x3f)));
        } else if (QChar::isHighSurrogate(u) && p + 1 < end && QChar::isLowSurrogate(p[1])) {
            const char32_t c = QChar::surrogateToUcs4(u, p[1]);
            ++p;
            out.append(char(0xf0 | (c >> 18))).append(char(0x80 | ((c >> 12) & 0x3f)));
            out.append(char(0x80 | ((c >> 6) & 0x3f))).append(char(0x80 | (c & 0x3f)));
        } else if (QChar::isSurrogate(u)) {
            out.append("\\u").append(hexDigit(u >> 12)).append(hexDigit((u >> 8) & 0xf));
            out.append(hexDigit((u >> 4) & 0xf)).append(hexDigit(u & 0xf));
        } else {
            out.append(char(0xe0 | (u >> 12))).append(char(0x80 | ((u >> 6) & 0x3f))).append(char(0x80 | (u & 0x3f)));
        }
    }
    out += '"';
}

// formatIsoTime()'s "2026-06-04T09:14:22.000Z" without QDateTime, which cost more than the rest
// of the body; years outside 1970..9999 (never a real call) go through formatIsoTime() itself.
void ObjectWriter::writeTime(QByteArray &out, qint64 ms)
{
    using namespace std::chrono;
    constexpr qint64 kYear10000 = 253'402'300'800'000;
    if (ms < 0 || ms >= kYear10000) {
        writeString(out, formatIsoTime(ms));
        return;
    }
    const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(ms)));
    const year_month_day date(day);
    const qint64 inDay = ms - duration_cast<milliseconds>(day.time_since_epoch()).count();
    char buf[] = "\"0000-00-00T00:00:00.000Z\"";
    const auto put = [&buf](int at, int digits, unsigned value) {
        for (int i = at + digits - 1; i >= at; --i, value /= 10)
            buf[i] = char('0' + value % 10);
    };
    put(1, 4, unsigned(int(date.year())));
    put(6, 2, unsigned(date.month()));
    put(9, 2, unsigned(date.day()));
    put(12, 2, unsigned(inDay / 3'600'000));
    put(15, 2, unsigned(inDay / 60'000 % 60));
    put(18, 2, unsigned(inDay / 1000 % 60));
    put(21, 3, unsigned(inDay % 1000));
    out.append(buf, sizeof buf - 1);
}

void writeCall(QByteArray &out, const CallRecord &c)
{
    ObjectWriter o(out);
    o.time("answered_at", c.answeredAt);
    o.string("call_uuid", c.callUuid);
    o.boolean("completed", c.completed());
    o.nonEmpty("did_id", c.didId);
    o.nonEmpty("direction", c.direction);
    o.number("duration_seconds", c.durationSeconds);
    o.time("ended_at", c.endedAt);
    o.time("first_received_at", c.firstReceivedAt ? std::optional<qint64>(c.firstReceivedAt) : std::nullopt);
    o.nonEmpty("from", c.from);
    o.nonEmpty("hangup_cause", c.hangupCause);
    o.integer("hangup_cause_code", c.hangupCauseCode ? std::optional<qint64>(*c.hangupCauseCode) : std::nullopt);
    o.time("initiated_at", c.initiatedAt);
    o.time("last_received_at", c.lastReceivedAt ? std::optional<qint64>(c.lastReceivedAt) : std::nullopt);
    o.nonEmpty("outcome", c.outcome);
    o.nonEmpty("provider", c.provider);
    o.nonEmpty("recording_url", c.recordingUrl);
    o.number("ring_ms", c.ringMs);
    o.nonEmpty("seat_id", c.seatId);
    o.string("state", eventTypeName(c.state));
    o.number("talk_ms", c.talkMs);
    o.nonEmpty("to", c.to);
}

void writeEvent(QByteArray &out, const CanonicalEvent &e)
{
    ObjectWriter o(out);
    o.time("answered_at", e.answeredAt);
    o.string("call_uuid", e.callUuid);
    o.nonEmpty("did_id", e.didId);
    o.nonEmpty("direction", e.direction);
    o.integer("duration_seconds", e.durationSeconds);
    o.time("ended_at", e.endedAt);
    o.string("event", eventTypeName(e.type));
    o.nonEmpty("from", e.from);
    o.nonEmpty("hangup_cause", e.hangupCause);
    o.integer("hangup_cause_code", e.hangupCauseCode ? std::optional<qint64>(*e.hangupCauseCode) : std::nullopt);
    o.time("initiated_at", e.initiatedAt);
    o.nonEmpty("provider", e.provider);
    o.nonEmpty("provider_event_id", e.providerEventId);
    o.nonEmpty("recording_url", e.recordingUrl);
    o.nonEmpty("seat_id", e.seatId);
    o.nonEmpty("to", e.to);
}

} // namespace

QByteArray WebhookBody::write(const DeliveryPayload &p, const QString &sinkName)
{
    QByteArray out;
    out.reserve(2048);
    {
        ObjectWriter body(out);
        writeCall(body.key("call"), p.call);
        {
            ObjectWriter delivery(body.key("delivery"));
            delivery.integer("attempt", p.job.attempts + 1);
            delivery.number("id", p.job.id);
            delivery.string("idempotency_key", p.job.idempotencyKey);
            delivery.string("sink", sinkName);
        }
        writeEvent(body.key("event"), p.event);
    }
    return out;
}

} // namespace ringside
