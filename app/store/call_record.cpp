#include "store/call_record.h"

#include "providers/q850.h"

#include <algorithm>

namespace ringside {

namespace {
template<typename T>
void take(std::optional<T> &field, const std::optional<T> &value)
{
    if (value)
        field = value;
}
void take(QString &field, const QString &value)
{
    if (!value.isEmpty())
        field = value;
}
} // namespace

CallRecord CallRecord::fold(QList<StoredEvent> events)
{
    std::sort(events.begin(), events.end(), [](const StoredEvent &a, const StoredEvent &b) {
        if (a.event.type != b.event.type)
            return a.event.type < b.event.type;
        const qint64 ta = a.event.eventTime().value_or(0), tb = b.event.eventTime().value_or(0);
        if (ta != tb)
            return ta < tb;
        return a.dedupKey < b.dedupKey;
    });

    CallRecord r;
    for (const StoredEvent &s : events) {
        const CanonicalEvent &e = s.event;
        r.callUuid = e.callUuid;
        take(r.provider, e.provider);
        r.state = std::max(r.state, e.type);
        r.eventsSeen |= 1 << int(e.type);
        take(r.from, e.from);
        take(r.to, e.to);
        take(r.direction, e.direction);
        take(r.seatId, e.seatId);
        take(r.didId, e.didId);
        take(r.recordingUrl, e.recordingUrl);
        take(r.initiatedAt, e.initiatedAt);
        take(r.answeredAt, e.answeredAt);
        take(r.endedAt, e.endedAt);
        take(r.durationSeconds, e.durationSeconds);
        take(r.hangupCause, e.hangupCause);
        take(r.hangupCauseCode, e.hangupCauseCode);
        r.firstReceivedAt = r.firstReceivedAt == 0 ? s.receivedAt : std::min(r.firstReceivedAt, s.receivedAt);
        r.lastReceivedAt = std::max(r.lastReceivedAt, s.receivedAt);
    }

    if (r.initiatedAt && r.answeredAt)
        r.ringMs = *r.answeredAt - *r.initiatedAt;
    else if (r.initiatedAt && r.endedAt && r.completed())
        r.ringMs = *r.endedAt - *r.initiatedAt;
    if (r.answeredAt && r.endedAt)
        r.talkMs = *r.endedAt - *r.answeredAt;
    else if (r.answeredAt && r.durationSeconds && r.completed())
        r.talkMs = *r.durationSeconds * 1000;
    else if (r.completed())
        r.talkMs = 0;
    if (r.completed())
        r.outcome = outcomeName(outcomeFor(r.answeredAt.has_value(), r.hangupCauseCode, r.hangupCause));
    return r;
}

QStringList CallRecord::missingEvents() const
{
    QStringList missing;
    for (EventType t : {EventType::Initiated, EventType::Answered, EventType::Completed}) {
        // An unanswered completed call never had an answer to miss.
        if (t == EventType::Answered && completed() && !answeredAt)
            continue;
        if (!(eventsSeen & (1 << int(t))))
            missing << eventTypeName(t);
    }
    return missing;
}

QJsonObject CallRecord::toJson() const
{
    QJsonObject o;
    auto putS = [&o](const char *k, const QString &v) {
        if (!v.isEmpty())
            o.insert(QLatin1String(k), v);
    };
    auto putT = [&o](const char *k, const std::optional<qint64> &v) {
        if (v)
            o.insert(QLatin1String(k), formatIsoTime(*v));
    };
    auto putN = [&o](const char *k, const std::optional<qint64> &v) {
        if (v)
            o.insert(QLatin1String(k), double(*v));
    };
    o.insert(QLatin1String("call_uuid"), callUuid);
    putS("provider", provider);
    o.insert(QLatin1String("state"), eventTypeName(state));
    o.insert(QLatin1String("completed"), completed());
    putS("from", from);
    putS("to", to);
    putS("direction", direction);
    putS("seat_id", seatId);
    putS("did_id", didId);
    putS("recording_url", recordingUrl);
    putT("initiated_at", initiatedAt);
    putT("answered_at", answeredAt);
    putT("ended_at", endedAt);
    putN("duration_seconds", durationSeconds);
    putS("hangup_cause", hangupCause);
    if (hangupCauseCode)
        o.insert(QLatin1String("hangup_cause_code"), *hangupCauseCode);
    putS("outcome", outcome);
    putN("ring_ms", ringMs);
    putN("talk_ms", talkMs);
    putT("first_received_at", firstReceivedAt ? std::optional<qint64>(firstReceivedAt) : std::nullopt);
    putT("last_received_at", lastReceivedAt ? std::optional<qint64>(lastReceivedAt) : std::nullopt);
    return o;
}

} // namespace ringside
