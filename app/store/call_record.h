#pragma once

#include "providers/canonical_event.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace ringside {

/** One stored event of a call as the merge needs it. */
struct StoredEvent
{
    CanonicalEvent event;
    QString dedupKey;
    qint64 receivedAt = 0;
};

/** The merged record of one call: what all its events say together, whatever order they came in. */
struct CallRecord
{
    QString callUuid;
    QString provider;
    EventType state = EventType::Initiated; // the furthest event seen: it only moves forward
    int eventsSeen = 0;                     // bit (1 << EventType) for each event type seen
    QString from, to, direction, seatId, didId, recordingUrl;
    std::optional<qint64> initiatedAt, answeredAt, endedAt, durationSeconds;
    QString hangupCause;
    std::optional<int> hangupCauseCode;
    QString outcome;                 // "answered", "no_answer", "busy", "rejected", "failed"; empty until completed
    std::optional<qint64> ringMs;    // answered - initiated (or ended - initiated when never answered)
    std::optional<qint64> talkMs;    // ended - answered
    qint64 firstReceivedAt = 0;
    qint64 lastReceivedAt = 0;

    bool completed() const { return eventsSeen & (1 << int(EventType::Completed)); }
    /** Which of the three events have not arrived, e.g. {"call.answered"}. */
    QStringList missingEvents() const;
    QJsonObject toJson() const;

    bool operator==(const CallRecord &) const = default;

    /** Merges all events of one call. Each field comes from the furthest event that carries it
     *  (completed > answered > initiated; ties by event time, then dedup key), so the result does
     *  not depend on arrival order; receipt times only bound first/last received. */
    static CallRecord fold(QList<StoredEvent> events);
};

} // namespace ringside
