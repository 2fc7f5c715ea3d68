#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace ringside {

/** One row of the Calls page: the merged call plus where it stands in the CRM. */
struct CallRow
{
    QString callUuid;
    qint64 firstReceivedAt = 0;
    QString from, to, seatId, didId, direction;
    QString outcome; // empty while the call is incomplete
    bool completed = false;
    std::optional<qint64> ringMs, talkMs;
    QString hangupCause;
    std::optional<int> hangupCauseCode;
    QString crmStatus; // see CallsQuery::crmStatuses()

    bool operator==(const CallRow &) const = default;
};

/** What the Calls page is filtered by; empty members match everything. */
struct CallsFilter
{
    QString text;      // part of a number, seat or DID, or the start of a call id
    QString outcome;   // "answered", "no_answer", "busy", "rejected", "failed" or "incomplete"
    QString crmStatus; // one of CallsQuery::crmStatuses()

    bool operator==(const CallsFilter &) const = default;
};

/** The Calls page's SQL: newest first, a page at a time by keyset (never OFFSET), so the
 *  thousandth page costs what the first does and a million events are never loaded. */
class CallsQuery
{
public:
    /** Where the next page starts: just after this row. */
    struct Cursor
    {
        qint64 firstReceivedAt = 0;
        QString callUuid;
    };

    /** "delivered", "failed" (a dead delivery), "retrying", "pending", "none" (no sink wanted it). */
    static QStringList crmStatuses();
    static QStringList outcomes();

    static QList<CallRow> page(QSqlDatabase &db, const CallsFilter &filter, const std::optional<Cursor> &after,
                               int limit, QString *error);
};

} // namespace ringside
