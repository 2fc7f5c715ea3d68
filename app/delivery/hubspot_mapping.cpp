#include "delivery/hubspot_mapping.h"

#include "providers/canonical_event.h"
#include "providers/q850.h"
#include "store/call_record.h"

#include <QStringList>
#include <QUrl>

namespace ringside {

namespace {

// The CRM record is read by people in HubSpot, not in Ringside's UI, so these texts are not
// translated with the app's language.

/** "42 s", "3 min 05 s", "1 h 02 min 05 s". */
QString callDurationText(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min %3 s")
        .arg(s / 3600)
        .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString title(const CallRecord &call, const QString &direction)
{
    if (direction == QLatin1String("outbound"))
        return call.to.isEmpty() ? QStringLiteral("Outbound call") : QStringLiteral("Outbound call to %1").arg(call.to);
    if (direction == QLatin1String("inbound"))
        return call.from.isEmpty() ? QStringLiteral("Inbound call") : QStringLiteral("Inbound call from %1").arg(call.from);
    if (!call.from.isEmpty() && !call.to.isEmpty())
        return QStringLiteral("Call from %1 to %2").arg(call.from, call.to);
    if (!call.to.isEmpty())
        return QStringLiteral("Call to %1").arg(call.to);
    if (!call.from.isEmpty())
        return QStringLiteral("Call from %1").arg(call.from);
    return QStringLiteral("Call");
}

QString outcomeSentence(const QString &outcome)
{
    if (outcome == QLatin1String("answered"))
        return QStringLiteral("Answered.");
    if (outcome == QLatin1String("no_answer"))
        return QStringLiteral("No answer.");
    if (outcome == QLatin1String("busy"))
        return QStringLiteral("Busy.");
    if (outcome == QLatin1String("rejected"))
        return QStringLiteral("Rejected.");
    return QStringLiteral("Failed.");
}

/** "Hangup cause: USER_BUSY (Q.850 17)." with whichever of name and code are known. */
QString hangupSentence(const CallRecord &call)
{
    QString name;
    std::optional<int> code = call.hangupCauseCode;
    if (!call.hangupCause.isEmpty()) {
        const HangupCause *known = hangupCauseByName(call.hangupCause);
        name = known ? QString(known->name) : call.hangupCause.trimmed().toUpper();
        if (!code && known)
            code = known->code;
    } else if (code) {
        if (const HangupCause *known = hangupCauseByCode(*code))
            name = QString(known->name);
    }
    if (!name.isEmpty() && code)
        return QStringLiteral("Hangup cause: %1 (Q.850 %2).").arg(name).arg(*code);
    if (!name.isEmpty())
        return QStringLiteral("Hangup cause: %1.").arg(name);
    if (code)
        return QStringLiteral("Hangup cause: Q.850 %1.").arg(*code);
    return {};
}

void put(QJsonObject &o, const char *key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), value);
}

} // namespace

QJsonObject hubspotCallProperties(const CallRecord &call, const QString &callUuidProperty,
                                  const QHash<QString, QString> &seatToOwner)
{
    QJsonObject p;

    // HubSpot requires hs_timestamp; the first receipt stands in when no event carried a time.
    std::optional<qint64> when = call.initiatedAt;
    if (!when)
        when = call.answeredAt;
    if (!when)
        when = call.endedAt;
    if (!when && call.firstReceivedAt > 0)
        when = call.firstReceivedAt;
    if (when)
        p.insert(QLatin1String("hs_timestamp"), formatIsoTime(*when));

    const QString direction = call.direction.trimmed().toLower();
    put(p, "hs_call_title", title(call, direction));
    if (direction == QLatin1String("outbound"))
        p.insert(QLatin1String("hs_call_direction"), QStringLiteral("OUTBOUND"));
    else if (direction == QLatin1String("inbound"))
        p.insert(QLatin1String("hs_call_direction"), QStringLiteral("INBOUND"));

    put(p, "hs_call_from_number", call.from);
    put(p, "hs_call_to_number", call.to);

    const bool answered = call.answeredAt.has_value() || (call.eventsSeen & (1 << int(EventType::Answered)));
    QString status, disposition, outcome;
    if (call.completed()) {
        outcome = !call.outcome.isEmpty()
            ? call.outcome
            : outcomeName(outcomeFor(call.answeredAt.has_value(), call.hangupCauseCode, call.hangupCause));
        if (outcome == QLatin1String("answered")) {
            status = QStringLiteral("COMPLETED");
            disposition = QLatin1String(HubSpotDisposition::kConnected);
        } else if (outcome == QLatin1String("busy") || outcome == QLatin1String("rejected")) {
            // HubSpot has no "rejected": a declined call is, to the agent, a busy line to try again.
            status = QStringLiteral("BUSY");
            disposition = QLatin1String(HubSpotDisposition::kBusy);
        } else if (outcome == QLatin1String("no_answer")) {
            const bool cancelled = call.hangupCause.trimmed().compare(QLatin1String("originator_cancel"),
                                                                      Qt::CaseInsensitive) == 0;
            status = cancelled ? QStringLiteral("CANCELED") : QStringLiteral("NO_ANSWER");
            disposition = QLatin1String(HubSpotDisposition::kNoAnswer);
        } else {
            status = QStringLiteral("FAILED");
        }
    } else if (answered) {
        status = QStringLiteral("IN_PROGRESS");
        disposition = QLatin1String(HubSpotDisposition::kConnected);
    } else {
        status = QStringLiteral("RINGING");
    }
    p.insert(QLatin1String("hs_call_status"), status);
    put(p, "hs_call_disposition", disposition);

    if (call.talkMs)
        p.insert(QLatin1String("hs_call_duration"), QString::number(std::max<qint64>(0, *call.talkMs)));

    QStringList body;
    if (call.completed())
        body << outcomeSentence(outcome);
    else
        body << (answered ? QStringLiteral("Answered, in progress.") : QStringLiteral("Ringing, not answered yet."));
    const QString hangup = hangupSentence(call);
    if (!hangup.isEmpty())
        body << hangup;
    if (call.ringMs && *call.ringMs >= 0)
        body << QStringLiteral("Ring time: %1.").arg(callDurationText(*call.ringMs));
    if (answered && call.talkMs && *call.talkMs >= 0)
        body << QStringLiteral("Talk time: %1.").arg(callDurationText(*call.talkMs));
    p.insert(QLatin1String("hs_call_body"), body.join(QLatin1Char(' ')));

    // HubSpot fetches the recording itself and only over https; an http link would be refused.
    const QString recording = call.recordingUrl.trimmed();
    if (!recording.isEmpty()) {
        const QUrl url(recording, QUrl::StrictMode);
        if (url.isValid() && url.scheme() == QLatin1String("https") && !url.host().isEmpty())
            p.insert(QLatin1String("hs_call_recording_url"), recording);
    }

    if (!call.seatId.isEmpty())
        put(p, "hubspot_owner_id", seatToOwner.value(call.seatId));
    if (!callUuidProperty.isEmpty() && !call.callUuid.isEmpty())
        p.insert(callUuidProperty, call.callUuid);
    return p;
}

} // namespace ringside
