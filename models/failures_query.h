#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

namespace ringside {

struct RetryFilter;

/** One row of the Failures page: a delivery that is dead or waiting for its next retry. */
struct FailureRow
{
    qint64 id = 0;
    qint64 eventId = 0;
    QString callUuid;
    QString event; // "call.completed", ...
    QString sink;
    QString state; // "dead" or "retrying"
    int attempts = 0;
    std::optional<int> httpStatus;
    QString errorClass;
    QString error;
    std::optional<qint64> lastAttemptAt;
    std::optional<qint64> nextAttemptAt; // only while retrying
    qint64 createdAt = 0;

    bool operator==(const FailureRow &) const = default;
};

/** What the Failures page is filtered by; empty strings match everything. */
struct FailuresFilter
{
    enum class State { Dead, Retrying, Both };
    State state = State::Both;
    QString sink;
    QString errorClass; // one of FailuresQuery::errorClasses()
    QString text;       // part of the CRM's error, or the start of a call id

    bool operator==(const FailuresFilter &) const = default;
};

/** One recorded attempt of a delivery, for the Failures page's details pane. */
struct AttemptRow
{
    qint64 id = 0;
    qint64 startedAt = 0;
    std::optional<qint64> durationMs;
    std::optional<int> httpStatus;
    QString error;
    QByteArray responseExcerpt;
    QString outcome; // "delivered", "retry", "dead", "paused"

    bool operator==(const AttemptRow &) const = default;
};

/** The Failures page's SQL: dead and retrying deliveries, newest first, by keyset on the id (never
 *  OFFSET), and the streams of ids a bulk retry works through. */
class FailuresQuery
{
public:
    /** The error classes the delivery worker records ("network", "timeout", "auth", ...). */
    static QStringList errorClasses();

    /** Rows with id < beforeId (when given) and id >= minId (when given), newest first. */
    static QList<FailureRow> page(QSqlDatabase &db, const FailuresFilter &filter, std::optional<qint64> beforeId,
                                  std::optional<qint64> minId, int limit, QString *error);
    /** Ids of matching rows with id > afterId, oldest first: a bulk action's next chunk. */
    static QList<qint64> idsAfter(QSqlDatabase &db, const FailuresFilter &filter, qint64 afterId, int limit,
                                  QString *error);
    static qint64 count(QSqlDatabase &db, const FailuresFilter &filter, QString *error);
    /** Every attempt of one delivery, oldest first. */
    static QList<AttemptRow> attempts(QSqlDatabase &db, qint64 deliveryId, QString *error);

    /** The engine's own filter for "retry every dead delivery matching", when the page's filter
     *  says no more than it can express (no text, and dead deliveries are part of it). */
    static std::optional<RetryFilter> deadRetryFilter(const FailuresFilter &filter);
};

} // namespace ringside
