#include "sim/call_generator.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <cmath>
#include <cstring>

namespace ringside {

namespace {

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

struct Ending
{
    const char *outcome;
    const char *cause;
    int code; // Q.850
};
const Ending kAnswered{"answered", "normal_clearing", 16};
const Ending kUnanswered[] = {{"no_answer", "no_answer", 19}, {"busy", "user_busy", 17},
                              {"rejected", "call_rejected", 21}, {"failed", "no_circuit_available", 34}};

} // namespace

CallGenerator::CallGenerator(const TrafficProfile &profile, qint64 startEpochMs)
    : m_profile(profile), m_startEpochMs(startEpochMs), m_rng(profile.seed)
{
}

double CallGenerator::exponential(double mean, double cap)
{
    if (mean <= 0)
        return 0;
    // 1 - u is in (0, 1]: log never sees 0.
    return std::min(cap, -mean * std::log(1.0 - m_rng.generateDouble()));
}

bool CallGenerator::chance(double p)
{
    return p > 0 && m_rng.generateDouble() < p;
}

QString CallGenerator::uuid()
{
    // A version-4 UUID from the seeded generator: a seed gives the same calls every time.
    QByteArray bytes(16, 0);
    const quint64 halves[2] = {m_rng.generate64(), m_rng.generate64()};
    std::memcpy(bytes.data(), halves, 16);
    bytes[6] = char((bytes[6] & 0x0f) | 0x40);
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

PlannedCall CallGenerator::next()
{
    const TrafficProfile &p = m_profile;
    const int index = m_index++;
    const qint64 startOffsetMs =
        p.callsPerSecond > 0 ? qint64(double(index / p.burst * p.burst) / p.callsPerSecond * 1000.0) : 0;

    PlannedCall call;
    call.callUuid = uuid();
    const bool answered = chance(p.answerRate);
    const Ending *end = &kAnswered;
    if (!answered) {
        const double weights[] = {p.noAnswerWeight, p.busyWeight, p.rejectedWeight, p.failedWeight};
        double pick = m_rng.generateDouble() * (weights[0] + weights[1] + weights[2] + weights[3]);
        int i = 0;
        while (i < 3 && pick >= weights[i])
            pick -= weights[i++];
        end = &kUnanswered[i];
    }
    call.outcome = QLatin1String(end->outcome);
    const bool inbound = chance(p.inboundShare);
    call.direction = inbound ? QStringLiteral("inbound") : QStringLiteral("outbound");

    const qint64 ringMs = qint64(exponential(p.ringMeanSeconds, 60) * 1000);
    const qint64 talkMs = answered ? qint64(exponential(p.talkMeanSeconds, 7200) * 1000) : 0;
    const qint64 initiated = m_startEpochMs + startOffsetMs;
    const qint64 answeredAt = initiated + ringMs;
    const qint64 ended = answeredAt + talkMs;

    const QString customer = QStringLiteral("+4915%1").arg(m_rng.bounded(1'000'000'000), 9, 10, QLatin1Char('0'));
    const QString did = QStringLiteral("+4930555%1").arg(m_rng.bounded(p.dids), 4, 10, QLatin1Char('0'));
    const QJsonObject common{{QStringLiteral("call_uuid"), call.callUuid},
                             {QStringLiteral("from"), inbound ? customer : did},
                             {QStringLiteral("to"), inbound ? did : customer},
                             {QStringLiteral("direction"), call.direction},
                             {QStringLiteral("seat_id"), QStringLiteral("seat_%1").arg(m_rng.bounded(p.seats), 4, 16, QLatin1Char('0'))},
                             {QStringLiteral("did_id"), QStringLiteral("did_%1").arg(did.right(4))},
                             {QStringLiteral("initiated_at"), iso(initiated)}};
    struct Event
    {
        QString name;
        QJsonObject body;
        qint64 atMs;
    };
    QList<Event> events;
    QJsonObject e = common;
    e.insert(QStringLiteral("event"), QStringLiteral("call.initiated"));
    events.append({QStringLiteral("call.initiated"), e, initiated});
    if (answered) {
        events.append({QStringLiteral("call.answered"),
                       {{QStringLiteral("event"), QStringLiteral("call.answered")},
                        {QStringLiteral("call_uuid"), call.callUuid},
                        {QStringLiteral("answered_at"), iso(answeredAt)}},
                       answeredAt});
    }
    e = common;
    e.insert(QStringLiteral("event"), QStringLiteral("call.completed"));
    if (answered)
        e.insert(QStringLiteral("answered_at"), iso(answeredAt));
    const qint64 endedAt = answered ? ended : answeredAt;
    e.insert(QStringLiteral("ended_at"), iso(endedAt));
    e.insert(QStringLiteral("duration_seconds"), answered ? talkMs / 1000 : 0);
    e.insert(QStringLiteral("hangup_cause"), QLatin1String(end->cause));
    e.insert(QStringLiteral("hangup_cause_code"), end->code);
    events.append({QStringLiteral("call.completed"), e, endedAt});

    if (chance(p.reorderRate)) {
        std::reverse(events.begin(), events.end());
        call.reordered = true;
    }
    qint64 previousDue = startOffsetMs;
    for (const Event &ev : std::as_const(events)) {
        if (chance(p.dropRate)) {
            ++call.dropped;
            continue;
        }
        PlannedSend s;
        // Real time: when the provider would fire it; reordered calls keep their own order.
        s.dueMs = p.realTime ? std::max(previousDue, startOffsetMs + qint64(double(ev.atMs - initiated) * p.timeScale))
                             : startOffsetMs;
        previousDue = s.dueMs;
        s.id = (call.callUuid + QLatin1Char(':') + ev.name).toUtf8();
        s.body = QJsonDocument(ev.body).toJson(QJsonDocument::Compact);
        s.callUuid = call.callUuid;
        s.event = ev.name;
        call.sends.append(s);
        if (chance(p.duplicateRate)) {
            s.duplicate = true;
            call.sends.append(s);
        }
    }
    return call;
}

} // namespace ringside
