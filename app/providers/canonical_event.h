#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace ringside {

/** The three canonical events every provider format is normalised into (reference/PROVIDERS.md). */
enum class EventType { Initiated = 0, Answered = 1, Completed = 2 };

QString eventTypeName(EventType type); // "call.initiated"
std::optional<EventType> eventTypeFromName(QStringView name);

/** One provider event in the canonical model; times are milliseconds since the epoch (UTC). */
struct CanonicalEvent
{
    EventType type = EventType::Initiated;
    QString callUuid;
    QString provider;        // "unlimcall"
    QString providerEventId; // the provider's own event id (Telnyx data.id), when it sends one
    QString from;
    QString to;
    QString direction;       // "inbound" | "outbound" | empty
    std::optional<qint64> initiatedAt;
    std::optional<qint64> answeredAt;
    std::optional<qint64> endedAt;
    std::optional<qint64> durationSeconds;
    QString hangupCause;                  // lower-case name, e.g. "normal_clearing"
    std::optional<int> hangupCauseCode;   // Q.850, 1..127 only
    QString seatId;
    QString didId;
    QString recordingUrl;

    /** The time the event happened according to the payload, if it says. */
    std::optional<qint64> eventTime() const;

    /** Canonical JSON as stored and delivered (times as ISO 8601 UTC with milliseconds). */
    QJsonObject toJson() const;
    /** Inverse of toJson(); nullopt when event or call_uuid is missing. */
    static std::optional<CanonicalEvent> fromJson(const QJsonObject &json);

    bool operator==(const CanonicalEvent &) const = default;
};

/** ISO 8601 -> ms since epoch; accepts "Z" and numeric offsets, with or without fractions. */
std::optional<qint64> parseIsoTime(QStringView text);
/** ms since epoch -> "2026-06-04T09:14:22.000Z". */
QString formatIsoTime(qint64 ms);

} // namespace ringside
