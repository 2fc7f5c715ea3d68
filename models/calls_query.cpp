#include "models/calls_query.h"
#include "store/database.h"
#include "store/schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ringside {

namespace {

// Worst state wins: one dead delivery makes the call's CRM status "failed".
const char *const kCrmStatus =
    "(SELECT CASE WHEN count(*) = 0 THEN 'none'"
    " WHEN sum(d.state = 'dead') > 0 THEN 'failed'"
    " WHEN sum(d.state = 'retrying') > 0 THEN 'retrying'"
    " WHEN sum(d.state = 'pending') > 0 THEN 'pending'"
    " ELSE 'delivered' END FROM deliveries d WHERE d.call_uuid = c.call_uuid)";

} // namespace

QStringList CallsQuery::crmStatuses()
{
    return {QStringLiteral("delivered"), QStringLiteral("failed"), QStringLiteral("retrying"),
            QStringLiteral("pending"), QStringLiteral("none")};
}

QStringList CallsQuery::outcomes()
{
    return {QStringLiteral("answered"), QStringLiteral("no_answer"), QStringLiteral("busy"),
            QStringLiteral("rejected"), QStringLiteral("failed"), QStringLiteral("incomplete")};
}

QList<CallRow> CallsQuery::page(QSqlDatabase &db, const CallsFilter &filter, const std::optional<Cursor> &after,
                                int limit, QString *error)
{
    QStringList where;
    QVariantList binds;
    if (after) {
        where << QStringLiteral("(c.first_received_at < ? OR (c.first_received_at = ? AND c.call_uuid < ?))");
        binds << after->firstReceivedAt << after->firstReceivedAt << after->callUuid;
    }
    if (const QString t = filter.text.trimmed(); !t.isEmpty()) {
        // Numbers, seats and DIDs match anywhere; a call id by its start (it is what people paste).
        // One instr() over the text the calls_started index holds, so the scan never reads the table.
        where << QStringLiteral("(instr(%1, ?) > 0 OR c.call_uuid >= ? AND c.call_uuid < ?)")
                     .arg(Schema::callSearchText());
        binds << t << t << Database::prefixEnd(t);
    }
    if (filter.outcome == QLatin1String("incomplete")) {
        where << QStringLiteral("c.completed = 0");
    } else if (!filter.outcome.isEmpty()) {
        where << QStringLiteral("c.outcome = ?");
        binds << filter.outcome;
    }
    if (filter.crmStatus == QLatin1String("none")) {
        where << QStringLiteral("NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.call_uuid = c.call_uuid)");
    } else if (!filter.crmStatus.isEmpty()) {
        // A rare state is found through the deliveries' state index first (an in-memory set built
        // once per query), instead of working out every call's status on the way down the list.
        if (filter.crmStatus != QLatin1String("delivered")) {
            where << QStringLiteral("c.call_uuid IN (SELECT d.call_uuid FROM deliveries d WHERE d.state = ?)");
            binds << (filter.crmStatus == QLatin1String("failed") ? QStringLiteral("dead") : filter.crmStatus);
        }
        where << QStringLiteral("%1 = ?").arg(QLatin1String(kCrmStatus));
        binds << filter.crmStatus;
    }
    const QString sql =
        QStringLiteral("SELECT c.call_uuid, c.first_received_at, c.from_number, c.to_number, c.seat_id, c.did_id,"
                       " c.direction, c.outcome, c.completed, c.ring_ms, c.talk_ms, c.hangup_cause,"
                       " c.hangup_cause_code, %1 FROM calls c INDEXED BY calls_started %2"
                       " ORDER BY c.first_received_at DESC, c.call_uuid DESC LIMIT ?")
            .arg(QLatin1String(kCrmStatus),
                 where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")));
    QSqlQuery q(db);
    binds << limit;
    if (!Database::run(q, sql, binds, error))
        return {};
    QList<CallRow> rows;
    while (q.next()) {
        CallRow r;
        int i = 0;
        r.callUuid = q.value(i++).toString();
        r.firstReceivedAt = q.value(i++).toLongLong();
        r.from = q.value(i++).toString();
        r.to = q.value(i++).toString();
        r.seatId = q.value(i++).toString();
        r.didId = q.value(i++).toString();
        r.direction = q.value(i++).toString();
        r.outcome = q.value(i++).toString();
        r.completed = q.value(i++).toBool();
        r.ringMs = Database::optionalInt(q.value(i++));
        r.talkMs = Database::optionalInt(q.value(i++));
        r.hangupCause = q.value(i++).toString();
        if (const auto code = Database::optionalInt(q.value(i++)))
            r.hangupCauseCode = int(*code);
        r.crmStatus = q.value(i++).toString();
        rows.append(std::move(r));
    }
    return rows;
}

} // namespace ringside
