#pragma once

#include <QLatin1String>
#include <QList>
#include <QString>
#include <optional>

namespace ringside {

/** One hangup cause: its Q.850 code (none for FreeSWITCH-only causes), FreeSWITCH name and English text. */
struct HangupCause
{
    std::optional<int> code; // Q.850, 1..127; empty for FreeSWITCH-only causes such as ORIGINATOR_CANCEL
    QLatin1String name;      // "USER_BUSY"
    QLatin1String text;      // "User busy"
};

/** Every cause Ringside knows (reference/PROVIDERS.md), Q.850 codes first in code order. */
const QList<HangupCause> &knownHangupCauses();
/** The cause with this Q.850 code, or nullptr. */
const HangupCause *hangupCauseByCode(int code);
/** The cause with this FreeSWITCH-style name, case-insensitive ("user_busy" finds USER_BUSY), or nullptr. */
const HangupCause *hangupCauseByName(QStringView name);

/** How a call ended from the caller's point of view: the figure a team lead counts. */
enum class CallOutcome { Answered, NoAnswer, Busy, Rejected, Failed };

/** "answered", "no_answer", "busy", "rejected", "failed". */
QString outcomeName(CallOutcome outcome);

/** Classifies a finished call. The code wins over the name; without a code a known name supplies one.
 *  16 without an answer means the caller hung up while it rang, so it counts as no answer. */
CallOutcome outcomeFor(bool answered, std::optional<int> code, QStringView causeName);

} // namespace ringside
