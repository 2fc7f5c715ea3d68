#pragma once

#include "store/call_record.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

namespace ringside {

/** One arrival of one event over HTTP: the first (the stored event) or a provider's retried duplicate. */
struct TimelineReceipt
{
    qint64 eventId = 0;
    qint64 receiptId = 0; // event_receipts.id of a duplicate; 0 for the first receipt
    EventType type = EventType::Initiated;
    QString dedupKey;
    std::optional<qint64> eventTime; // the provider's clock, from the payload
    qint64 receivedAt = 0;           // our clock
    bool duplicate = false;
    /** Arrived after a receipt of an event later in the call (e.g. initiated after completed). */
    bool outOfOrder = false;
    std::optional<EventType> arrivedAfter; // when outOfOrder: the furthest event received before it
    QString status; // "accepted" or "unprocessable"
    // The stored request. A duplicate's body is not stored: these are the first receipt's.
    QByteArray payload;
    QString contentType;
    QString headers;

    bool operator==(const TimelineReceipt &) const = default;
};

/** One CRM delivery of one event to one sink, as it stands now. */
struct TimelineDelivery
{
    qint64 id = 0;
    qint64 eventId = 0;
    QString sink;
    EventType eventType = EventType::Initiated;
    QString state; // "pending", "retrying", "delivered", "dead", "skipped"
    int attempts = 0;
    qint64 createdAt = 0;
    std::optional<qint64> nextAttemptAt; // only while pending or retrying
    QString lastError;

    bool waiting() const { return state == QLatin1String("pending") || state == QLatin1String("retrying"); }
    bool operator==(const TimelineDelivery &) const = default;
};

/** One HTTP attempt of a delivery. */
struct TimelineAttempt
{
    enum class Result { Success, Failure, NoAnswer };

    qint64 id = 0;
    qint64 deliveryId = 0;
    QString sink;
    EventType eventType = EventType::Initiated;
    qint64 startedAt = 0;
    std::optional<qint64> durationMs;
    std::optional<int> httpStatus; // none: the CRM never answered (network error, timeout)
    QString outcome;               // "delivered", "retry", "dead", "paused"
    QString error;
    QByteArray responseExcerpt;

    /** 2xx, another HTTP status, or no answer at all: what the timeline colours by. */
    Result result() const;
    bool operator==(const TimelineAttempt &) const = default;
};

/** Everything the timeline shows about one call: its merged record, every receipt of every
 *  event, and every CRM delivery and attempt. */
struct CallTimeline
{
    CallRecord call;
    QList<TimelineReceipt> receipts;     // in receipt order
    QList<TimelineDelivery> deliveries;  // in id (creation) order
    QList<TimelineAttempt> attempts;     // in start order

    /** The first receipt of an event (it carries the stored payload), or nullptr. */
    const TimelineReceipt *receiptOf(qint64 eventId) const;
    const TimelineDelivery *delivery(qint64 id) const;

    /** Sets outOfOrder on receipts sorted in receipt order. */
    static void markOutOfOrder(QList<TimelineReceipt> &receipts);

    bool operator==(const CallTimeline &) const = default;
};

/** The timeline's SQL: four index lookups by call (events, their duplicate receipts, deliveries,
 *  attempts) in one read transaction, so a million stored events cost what ten do. */
class CallTimelineQuery
{
public:
    /** The call's timeline; nullopt with *error empty when no accepted event of the call is stored. */
    static std::optional<CallTimeline> load(QSqlDatabase &db, const QString &callUuid, QString *error);

    /** The statements load() runs, each with one `?` for the call id (the tests check their query plans). */
    static QStringList statements();
};

} // namespace ringside
