#include "models/events_query.h"

#include "store/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ringside {

namespace {

using Kind = EventLogRow::Kind;
using Kinds = EventsFilter::Kinds;


/** One table's part of the log, as rows ordered by its id. */
enum class Source { Events, Receipts, Rejected };

bool wanted(Source s, Kinds kinds)
{
    switch (s) {
    case Source::Events: return kinds.testAnyFlags(Kind::Accepted | Kind::Unprocessable);
    case Source::Receipts: return kinds.testFlag(Kind::Duplicate);
    case Source::Rejected: return kinds.testFlag(Kind::Rejected);
    }
    return false;
}

/** Rows of one table with above < id < below (either bound optional), newest first. */
QList<EventLogRow> read(QSqlDatabase &db, Source source, Kinds kinds, std::optional<qint64> below,
                        std::optional<qint64> above, int limit, QString *error)
{
    QStringList where;
    QVariantList binds;
    const QString id = source == Source::Receipts ? QStringLiteral("r.id") : QStringLiteral("id");
    if (below) {
        where << id + QStringLiteral(" < ?");
        binds << *below;
    }
    if (above) {
        where << id + QStringLiteral(" > ?");
        binds << *above;
    }
    // Events and receipts share one column layout: a receipt is read as its event, seen again.
    QString sql;
    switch (source) {
    case Source::Events:
        if (!kinds.testFlag(Kind::Accepted))
            where << QStringLiteral("status = 'unprocessable'");
        else if (!kinds.testFlag(Kind::Unprocessable))
            where << QStringLiteral("status = 'accepted'");
        sql = QStringLiteral("SELECT id, id, received_at, provider, event, call_uuid, status, error FROM events");
        break;
    case Source::Receipts:
        sql = QStringLiteral("SELECT r.id, r.event_id, r.received_at, e.provider, e.event, e.call_uuid, 'duplicate', NULL"
                             " FROM event_receipts r JOIN events e ON e.id = r.event_id");
        break;
    case Source::Rejected:
        sql = QStringLiteral("SELECT id, 0, received_at, NULL, NULL, NULL, status, reason, method, target, peer"
                             " FROM rejected_requests");
        break;
    }
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY %1 DESC LIMIT ?").arg(id);
    binds << limit;
    QSqlQuery q(db);
    if (!Database::run(q, sql, binds, error))
        return {};
    QList<EventLogRow> rows;
    while (q.next()) {
        EventLogRow r;
        r.id = q.value(0).toLongLong();
        r.eventId = q.value(1).toLongLong();
        r.receivedAt = q.value(2).toLongLong();
        r.provider = q.value(3).toString();
        r.event = q.value(4).toString();
        r.callUuid = q.value(5).toString();
        r.reason = q.value(7).toString();
        const QString status = q.value(6).toString();
        if (source == Source::Rejected) {
            r.kind = Kind::Rejected;
            r.httpStatus = status.toInt();
            r.method = q.value(8).toString();
            r.target = q.value(9).toString();
            r.peer = q.value(10).toString();
        } else {
            r.kind = status == QLatin1String("unprocessable") ? Kind::Unprocessable
                   : status == QLatin1String("duplicate")     ? Kind::Duplicate
                                                              : Kind::Accepted;
        }
        rows.append(std::move(r));
    }
    return rows;
}

constexpr Source kSources[] = {Source::Events, Source::Receipts, Source::Rejected};

std::optional<qint64> &part(EventsQuery::Cursor &c, Source s)
{
    switch (s) {
    case Source::Events: return c.events;
    case Source::Receipts: return c.receipts;
    case Source::Rejected: break;
    }
    return c.rejected;
}

/** Merges per-table runs (each newest first) into one list by receipt time, keeping at most `limit`
 *  rows; *taken gets, per table, the id of the last row that made it into the list. */
QList<EventLogRow> mergeNewestFirst(const QList<QList<EventLogRow>> &runs, int limit, EventsQuery::Cursor *taken)
{
    QList<qsizetype> at(runs.size(), 0);
    QList<EventLogRow> out;
    while (out.size() < limit) {
        int best = -1;
        for (int s = 0; s < runs.size(); ++s) {
            if (at[s] < runs[s].size()
                && (best < 0 || runs[s][at[s]].receivedAt > runs[best][at[best]].receivedAt))
                best = s;
        }
        if (best < 0)
            break;
        const EventLogRow &r = runs[best][at[best]++];
        part(*taken, kSources[best]) = r.id;
        out.append(r);
    }
    return out;
}

} // namespace

QList<EventLogRow> EventsQuery::page(QSqlDatabase &db, const EventsFilter &filter, const Cursor &after, int limit,
                                     Cursor *next, QString *error)
{
    Cursor c = after;
    QList<QList<EventLogRow>> runs;
    for (Source s : kSources) {
        if (wanted(s, filter.kinds))
            runs.append(read(db, s, filter.kinds, part(c, s), std::nullopt, limit, error));
        else
            runs.append(QList<EventLogRow>());
        if (!error->isEmpty())
            return {};
    }
    const QList<EventLogRow> rows = mergeNewestFirst(runs, limit, &c);
    *next = c;
    return rows;
}

QList<EventLogRow> EventsQuery::newer(QSqlDatabase &db, const EventsFilter &filter, const Cursor &head, int limit,
                                      Cursor *newHead, bool *more, QString *error)
{
    Cursor h = head;
    QList<QList<EventLogRow>> runs;
    *more = false;
    for (Source s : kSources) {
        QList<EventLogRow> run;
        if (wanted(s, filter.kinds))
            run = read(db, s, filter.kinds, std::nullopt, part(h, s), limit + 1, error);
        if (!error->isEmpty())
            return {};
        if (run.size() > limit) {
            *more = true;
            run.resize(limit);
        }
        if (!run.isEmpty())
            part(h, s) = run.constFirst().id;
        runs.append(run);
    }
    Cursor ignored;
    const QList<EventLogRow> rows = mergeNewestFirst(runs, int(3 * limit), &ignored);
    *newHead = h;
    return rows;
}

EventsQuery::Cursor EventsQuery::heads(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!Database::run(q, QStringLiteral("SELECT (SELECT coalesce(max(id), 0) FROM events),"
                                " (SELECT coalesce(max(id), 0) FROM event_receipts),"
                                " (SELECT coalesce(max(id), 0) FROM rejected_requests)"), {}, error)
        || !q.next())
        return {};
    return {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()};
}

std::optional<EventLogDetail> EventsQuery::detail(QSqlDatabase &db, const EventLogRow &row, QString *error)
{
    QSqlQuery q(db);
    EventLogDetail d;
    if (row.kind == Kind::Rejected) {
        if (!Database::run(q, QStringLiteral("SELECT headers, body_head FROM rejected_requests WHERE id = ?"), {row.id}, error)
            || !q.next())
            return std::nullopt;
        d.headers = q.value(0).toString();
        d.body = q.value(1).toByteArray();
        d.bodyTruncated = d.body.size() >= 1024; // the sampler keeps the first KiB
        for (const QString &line : d.headers.split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("content-type:"), Qt::CaseInsensitive))
                d.contentType = line.mid(13).trimmed();
        }
        return d;
    }
    if (!Database::run(q, QStringLiteral("SELECT dedup_key, content_type, headers, payload, payload IS NULL,"
                                " 1 + (SELECT count(*) FROM event_receipts r WHERE r.event_id = e.id)"
                                " FROM events e WHERE id = ?"), {row.eventId}, error)
        || !q.next())
        return std::nullopt;
    d.dedupKey = q.value(0).toString();
    d.contentType = q.value(1).toString();
    d.headers = q.value(2).toString();
    d.body = q.value(3).toByteArray();
    d.bodyExpired = q.value(4).toBool();
    d.receipts = q.value(5).toInt();
    return d;
}

} // namespace ringside
