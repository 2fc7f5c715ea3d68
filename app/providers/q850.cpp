#include "providers/q850.h"

namespace ringside {

namespace {
QList<HangupCause> buildTable()
{
    auto q = [](int code, const char *name, const char *text) {
        return HangupCause{code, QLatin1String(name), QLatin1String(text)};
    };
    // FreeSWITCH numbers these above 127 (487, 602, ...); they are not Q.850, so no code is stored.
    auto fs = [](const char *name, const char *text) {
        return HangupCause{std::nullopt, QLatin1String(name), QLatin1String(text)};
    };
    return {
        q(1, "UNALLOCATED_NUMBER", "Unallocated (unassigned) number"),
        q(3, "NO_ROUTE_DESTINATION", "No route to destination"),
        q(16, "NORMAL_CLEARING", "Normal call clearing"),
        q(17, "USER_BUSY", "User busy"),
        q(18, "NO_USER_RESPONSE", "No user responding"),
        q(19, "NO_ANSWER", "No answer from user (user alerted)"),
        q(20, "SUBSCRIBER_ABSENT", "Subscriber absent"),
        q(21, "CALL_REJECTED", "Call rejected"),
        q(22, "NUMBER_CHANGED", "Number changed"),
        q(27, "DESTINATION_OUT_OF_ORDER", "Destination out of order"),
        q(28, "INVALID_NUMBER_FORMAT", "Invalid number format (address incomplete)"),
        q(31, "NORMAL_UNSPECIFIED", "Normal, unspecified"),
        q(34, "NORMAL_CIRCUIT_CONGESTION", "No circuit/channel available"),
        q(38, "NETWORK_OUT_OF_ORDER", "Network out of order"),
        q(41, "NORMAL_TEMPORARY_FAILURE", "Temporary failure"),
        q(42, "SWITCH_CONGESTION", "Switching equipment congestion"),
        q(44, "REQUESTED_CHAN_UNAVAIL", "Requested circuit/channel not available"),
        q(50, "FACILITY_NOT_SUBSCRIBED", "Requested facility not subscribed"),
        q(58, "BEARERCAPABILITY_NOTAVAIL", "Bearer capability not presently available"),
        q(63, "SERVICE_UNAVAILABLE", "Service or option not available, unspecified"),
        q(88, "INCOMPATIBLE_DESTINATION", "Incompatible destination"),
        q(102, "RECOVERY_ON_TIMER_EXPIRE", "Recovery on timer expiry"),
        q(111, "PROTOCOL_ERROR", "Protocol error, unspecified"),
        q(127, "INTERWORKING", "Interworking, unspecified"),
        fs("ORIGINATOR_CANCEL", "Caller cancelled the call"),
        fs("ALLOTTED_TIMEOUT", "Allotted call time expired"),
        fs("MEDIA_TIMEOUT", "Media timeout"),
        fs("USER_NOT_REGISTERED", "User not registered"),
        fs("GATEWAY_DOWN", "Gateway down"),
    };
}
} // namespace

const QList<HangupCause> &knownHangupCauses()
{
    static const QList<HangupCause> table = buildTable();
    return table;
}

const HangupCause *hangupCauseByCode(int code)
{
    for (const HangupCause &cause : knownHangupCauses()) {
        if (cause.code == code)
            return &cause;
    }
    return nullptr;
}

const HangupCause *hangupCauseByName(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return nullptr;
    for (const HangupCause &cause : knownHangupCauses()) {
        if (trimmed.compare(cause.name, Qt::CaseInsensitive) == 0)
            return &cause;
    }
    return nullptr;
}

QString outcomeName(CallOutcome outcome)
{
    switch (outcome) {
    case CallOutcome::Answered: return QStringLiteral("answered");
    case CallOutcome::NoAnswer: return QStringLiteral("no_answer");
    case CallOutcome::Busy: return QStringLiteral("busy");
    case CallOutcome::Rejected: return QStringLiteral("rejected");
    case CallOutcome::Failed: return QStringLiteral("failed");
    }
    return {};
}

CallOutcome outcomeFor(bool answered, std::optional<int> code, QStringView causeName)
{
    if (answered)
        return CallOutcome::Answered;
    if (!code) {
        if (const HangupCause *known = hangupCauseByName(causeName))
            code = known->code;
    }
    if (code) {
        switch (*code) {
        case 17: return CallOutcome::Busy;
        case 16: // the caller gave up while it was ringing
        case 18:
        case 19:
        case 20: return CallOutcome::NoAnswer;
        case 21: return CallOutcome::Rejected;
        default: return CallOutcome::Failed;
        }
    }
    // Names without a Q.850 code that still mean "nobody picked up" (FreeSWITCH, Telnyx).
    const QStringView name = causeName.trimmed();
    for (const char *noAnswer : {"originator_cancel", "no_answer", "timeout"}) {
        if (name.compare(QLatin1String(noAnswer), Qt::CaseInsensitive) == 0)
            return CallOutcome::NoAnswer;
    }
    return CallOutcome::Failed;
}

} // namespace ringside
