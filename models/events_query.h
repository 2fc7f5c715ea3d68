#pragma once

#include <QFlags>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace ringside {

/** One line of the raw event log: something that reached a webhook route, and what became of it. */
struct EventLogRow
{
    enum class Kind { Accepted = 1, Duplicate = 2, Unprocessable = 4, Rejected = 8 };
    Kind kind = Kind::Accepted;
    qint64 id = 0;      // events.id, event_receipts.id or rejected_requests.id, by kind
    qint64 eventId = 0; // the stored event (a duplicate's original); 0 for a rejected request
    qint64 receivedAt = 0;
    int httpStatus = 200; // what the receiver answered
    QString provider;
    QString event;     // "call.completed"; empty when it could not be read
    QString callUuid;
    QString reason;    // unprocessable: the normaliser's error; rejected: the refusal reason
    QString method, target, peer; // rejected: the request line and who sent it

    bool operator==(const EventLogRow &) const = default;
};

/** Everything stored about one row, loaded only when a person opens it. */
struct EventLogDetail
{
    QString dedupKey;
    QString contentType;
    QString headers;      // "name: value" lines, credentials already redacted by the receiver
    QByteArray body;
    bool bodyTruncated = false; // a rejected request keeps only its first KiB
    bool bodyExpired = false;   // payload retention removed it
    int receipts = 0;           // how often the provider sent it (1 + duplicates)

    bool operator==(const EventLogDetail &) const = default;
};

/** Which kinds of rows the Events page shows. */
struct EventsFilter
{
    Q_DECLARE_FLAGS(Kinds, EventLogRow::Kind)
    Kinds kinds = Kinds(0xF);

    bool operator==(const EventsFilter &) const = default;
};
Q_DECLARE_OPERATORS_FOR_FLAGS(EventsFilter::Kinds)

/** The Events page's SQL. The log is three tables (events, their duplicate receipts, refused
 *  requests), each read newest first by its own id and merged by receipt time, so a page costs the
 *  same however long the log is. */
class EventsQuery
{
public:
    /** Where each table's part of the log continues: after (below) these ids. */
    struct Cursor
    {
        std::optional<qint64> events, receipts, rejected;
        bool operator==(const Cursor &) const = default;
    };

    /** Up to `limit` rows older than `after`, newest first; *next is where the page after it starts. */
    static QList<EventLogRow> page(QSqlDatabase &db, const EventsFilter &filter, const Cursor &after, int limit,
                                   Cursor *next, QString *error);
    /** Rows newer than `head` (the newest id seen per table), newest first, at most `limit` per table;
     *  *newHead is the new newest. *more is set when a table had more than `limit` new rows. */
    static QList<EventLogRow> newer(QSqlDatabase &db, const EventsFilter &filter, const Cursor &head, int limit,
                                    Cursor *newHead, bool *more, QString *error);
    /** The newest id of each table, for a head cursor when the log starts empty. */
    static Cursor heads(QSqlDatabase &db, QString *error);
    /** A duplicate's detail is its original's: a receipt keeps no bytes of its own. */
    static std::optional<EventLogDetail> detail(QSqlDatabase &db, const EventLogRow &row, QString *error);
};

} // namespace ringside
