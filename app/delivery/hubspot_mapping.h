#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace ringside {

struct CallRecord;

/** HubSpot's default call dispositions (reference/PROVIDERS.md). */
namespace HubSpotDisposition {
inline constexpr char kConnected[] = "f240bbac-87c9-4f6e-bf70-924b57d47db7";
inline constexpr char kBusy[] = "9d9162e7-6cf3-4944-bf63-4dff82258764";
inline constexpr char kNoAnswer[] = "73a0d17f-1163-4015-bdd5-ec830791da20";
} // namespace HubSpotDisposition

/** The `properties` object of a HubSpot CRM v3 Call for one merged call record. Values are
 *  strings, as HubSpot stores and returns them; a field the record does not have is left out
 *  rather than sent empty, so an upsert of a partial record never blanks what HubSpot has.
 *
 *  - hs_timestamp: ISO 8601 of initiated_at, else answered_at, else ended_at, else first receipt.
 *  - hs_call_status: COMPLETED (answered, completed), BUSY (busy or rejected), NO_ANSWER,
 *    CANCELED (caller cancelled while it rang: ORIGINATOR_CANCEL), FAILED, IN_PROGRESS (answered,
 *    not completed), RINGING (not answered, not completed).
 *  - hs_call_disposition: Connected when answered, Busy for busy/rejected, No answer for
 *    no answer/cancelled; none for failed or still ringing.
 *  - hs_call_duration: talk time in milliseconds.
 *  - hs_call_recording_url only for https; hubspot_owner_id when seatToOwner maps the seat;
 *    callUuidProperty (the upsert key) carries call_uuid. */
QJsonObject hubspotCallProperties(const CallRecord &call,
                                  const QString &callUuidProperty = QStringLiteral("call_uuid"),
                                  const QHash<QString, QString> &seatToOwner = {});

} // namespace ringside
