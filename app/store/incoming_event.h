#pragma once

#include "providers/canonical_event.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace ringside {

/** An authenticated webhook request on its way to disk: normalised, or kept raw as unprocessable. */
struct IncomingEvent
{
    QString dedupKey;
    QString provider;
    qint64 receivedAt = 0;                // ms since epoch, when the request was fully read
    std::optional<CanonicalEvent> event;  // empty: unprocessable, kept raw with `error`
    QString error;
    QByteArray contentType;
    QByteArray headersText;               // the request's headers ("name: value" lines), credentials redacted
    QByteArray body;                      // raw bytes as received
    /** Reprocessing: the stored unprocessable event this one replaces, in the same transaction
     *  (its row is deleted, its duplicate receipts move to the result). 0 for a new request. */
    qint64 replacesEventId = 0;
};

/** What the store did with one IncomingEvent. */
struct WriteResult
{
    enum class Outcome { Accepted, Duplicate, Failed };
    Outcome outcome = Outcome::Failed;
    qint64 eventId = 0;
    QString error; // why, when Failed
};

using WriteCallback = std::function<void(const WriteResult &)>;

/** A sink's wish list: which canonical events it wants a delivery for. */
struct SinkSubscription
{
    QString name;
    QList<EventType> events{EventType::Initiated, EventType::Answered, EventType::Completed};
};

} // namespace ringside
