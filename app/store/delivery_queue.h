#pragma once

#include <QIODevice>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace ringside {

/** One delivery a worker has claimed (leased) for an attempt. */
struct DeliveryJob
{
    qint64 id = 0;
    qint64 eventId = 0;
    QString callUuid;
    QString sink;
    int attempts = 0;         // attempts in the current budget (a manual retry starts a new one)
    qint64 createdAt = 0;     // when the event was received
    qint64 budgetStartAt = 0; // when the current retry budget started
    QString idempotencyKey;
    qint64 leaseUntil = 0;    // set by claim(): after it, the delivery may be claimed again
};

/** The outcome of one attempt, as the worker records it. */
struct AttemptRecord
{
    enum class NewState { Delivered, Retrying, Dead, Unchanged };
    qint64 deliveryId = 0;
    qint64 startedAt = 0;
    qint64 durationMs = 0;
    int httpStatus = 0;          // 0: no HTTP answer
    QString error;               // network error or the CRM's reason
    QByteArray responseExcerpt;  // first KiB of the answer
    QString outcome;             // "delivered", "retry", "dead", "paused"
    NewState newState = NewState::Retrying;
    qint64 nextAttemptAt = 0;
    QString errorClass;          // "network", "timeout", "http_5xx", "http_429", "http_4xx", "auth", ...
    bool countsAgainstBudget = true;
    QString sink;                // with objectId: remember the CRM's id for this call
    QString callUuid;
    QString objectId;
};

/** Which dead deliveries a person wants retried. */
struct RetryFilter
{
    QList<qint64> ids;
    bool allDead = false;
    QString sink;
    QString errorClass;
    std::optional<qint64> since;
    std::optional<qint64> until;
};

/** The delivery queue's SQL: claims with leases and per-call FIFO, attempt records, manual retry. */
class DeliveryQueue
{
public:
    /** At start: whatever was leased by a process that died goes back to the queue. */
    static bool releaseLeases(QSqlDatabase &db, QString *error);
    /** Leases up to `limit` due deliveries of `sink`, oldest first, never two of one call at once and
     *  never one whose call has an earlier delivery still waiting (per-call FIFO). */
    static QList<DeliveryJob> claim(QSqlDatabase &db, const QString &sink, qint64 now, qint64 leaseMs, int limit,
                                    QString *error);
    /** Records one finished attempt and moves its delivery on. */
    static bool record(QSqlDatabase &db, const AttemptRecord &attempt, QString *error);
    /** Records a batch of finished attempts (one writer task for many); stops at the first failure
     *  (the writer's savepoint around the task then undoes the batch). */
    static bool record(QSqlDatabase &db, const QList<AttemptRecord> &attempts, QString *error);
    /** Gives a lease back without an attempt (e.g. the sink was paused meanwhile). */
    static bool unlease(QSqlDatabase &db, const QList<qint64> &ids, QString *error);
    /** Dead (and, for ids, retrying) deliveries back to pending with a fresh budget; history kept. */
    static int retry(QSqlDatabase &db, const RetryFilter &filter, qint64 now, QString *error);
    /** Marks deliveries resolved without sending them. */
    static int discard(QSqlDatabase &db, const QList<qint64> &ids, const QString &reason, qint64 now, QString *error);
    /** The earliest next_attempt_at among waiting deliveries of these sinks. */
    static std::optional<qint64> nextDue(QSqlDatabase &db, const QStringList &sinks, QString *error);
    /** state -> count, for the backlog gauge and the conservation check. */
    static QMap<QString, qint64> countByState(QSqlDatabase &db, QString *error);

    enum class Format { JsonLines, Csv };
    static bool exportDeliveries(QSqlDatabase &db, const QString &state, Format format, QIODevice &out,
                                 QString *error);
};

} // namespace ringside
