#include "store/delivery_queue.h"

#include "store/database.h"

#include "providers/canonical_event.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QHash>
#include <algorithm>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ringside {

namespace {
/** The worker claims and records thousands of times a second: each statement is prepared once
 *  per connection. */
QSqlQuery &cached(QSqlDatabase &db, const QString &sql)
{
    return Database::prepared(db, sql);
}

bool fail(const QSqlQuery &q, QString *error)
{
    *error = q.lastError().text();
    return false;
}
QString newStateName(AttemptRecord::NewState s)
{
    switch (s) {
    case AttemptRecord::NewState::Delivered: return QStringLiteral("delivered");
    case AttemptRecord::NewState::Retrying: return QStringLiteral("retrying");
    case AttemptRecord::NewState::Dead: return QStringLiteral("dead");
    case AttemptRecord::NewState::Unchanged: return {};
    }
    return {};
}
} // namespace

bool DeliveryQueue::releaseLeases(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("UPDATE deliveries SET lease_until = NULL WHERE lease_until IS NOT NULL")) || fail(q, error);
}

QList<DeliveryJob> DeliveryQueue::claim(QSqlDatabase &db, const QString &sink, qint64 now, qint64 leaseMs, int limit,
                                        QString *error)
{
    QList<DeliveryJob> jobs;
    // Per-call FIFO: skip a delivery while an earlier one of the same call and sink is still waiting
    // (leased or not). Dead and delivered ones do not hold the queue.
    QSqlQuery &q = cached(db, QStringLiteral(
        "SELECT d.id, d.event_id, d.call_uuid, d.attempts, d.created_at, d.budget_start_at, d.idempotency_key"
        // INDEXED BY: walk the waiting deliveries in id order and stop at the LIMIT; left to itself the
        // planner ranges on next_attempt_at and sorts the whole backlog on every claim.
        " FROM deliveries d INDEXED BY deliveries_waiting"
        " WHERE d.sink = ? AND d.state IN ('pending', 'retrying') AND d.next_attempt_at <= ?"
        "   AND (d.lease_until IS NULL OR d.lease_until < ?)"
        "   AND NOT EXISTS (SELECT 1 FROM deliveries e INDEXED BY deliveries_call"
        "                   WHERE e.sink = d.sink AND e.call_uuid = d.call_uuid"
        "                   AND e.id < d.id AND e.state IN ('pending', 'retrying'))"
        " ORDER BY d.id LIMIT ?"));
    q.bindValue(0, sink);
    q.bindValue(1, now);
    q.bindValue(2, now);
    q.bindValue(3, limit);
    if (!q.exec()) {
        fail(q, error);
        return jobs;
    }
    while (q.next()) {
        DeliveryJob j;
        j.id = q.value(0).toLongLong();
        j.eventId = q.value(1).toLongLong();
        j.callUuid = q.value(2).toString();
        j.sink = sink;
        j.attempts = q.value(3).toInt();
        j.createdAt = q.value(4).toLongLong();
        j.budgetStartAt = q.value(5).toLongLong();
        j.idempotencyKey = q.value(6).toString();
        j.leaseUntil = now + leaseMs;
        jobs.append(j);
    }
    q.finish();
    QSqlQuery &lease = cached(db, QStringLiteral("UPDATE deliveries SET lease_until = ? WHERE id = ?"));
    for (const DeliveryJob &j : std::as_const(jobs)) {
        lease.bindValue(0, now + leaseMs);
        lease.bindValue(1, j.id);
        if (!lease.exec()) {
            fail(lease, error);
            return {};
        }
    }
    return jobs;
}

bool DeliveryQueue::record(QSqlDatabase &db, const QList<AttemptRecord> &attempts, QString *error)
{
    return std::all_of(attempts.cbegin(), attempts.cend(),
                       [&](const AttemptRecord &a) { return record(db, a, error); });
}

bool DeliveryQueue::record(QSqlDatabase &db, const AttemptRecord &a, QString *error)
{
    QSqlQuery &q = cached(db, QStringLiteral("INSERT INTO delivery_attempts (delivery_id, started_at, duration_ms,"
                                             " http_status, error, response_excerpt, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, a.deliveryId);
    q.bindValue(1, a.startedAt);
    q.bindValue(2, a.durationMs);
    q.bindValue(3, a.httpStatus ? QVariant(a.httpStatus) : QVariant(QMetaType(QMetaType::Int)));
    q.bindValue(4, a.error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(a.error));
    q.bindValue(5, a.responseExcerpt);
    q.bindValue(6, a.outcome);
    if (!q.exec())
        return fail(q, error);

    const QString state = newStateName(a.newState);
    QSqlQuery &u = cached(db, QStringLiteral(
        "UPDATE deliveries SET lease_until = NULL, last_attempt_at = ?, last_status = ?, last_error = ?,"
        " error_class = ?, attempts = attempts + ?, state = coalesce(?, state),"
        " next_attempt_at = CASE WHEN ? THEN ? ELSE next_attempt_at END,"
        " delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END WHERE id = ?"));
    int i = 0;
    u.bindValue(i++, a.startedAt);
    u.bindValue(i++, a.httpStatus ? QVariant(a.httpStatus) : QVariant(QMetaType(QMetaType::Int)));
    u.bindValue(i++, a.error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(a.error));
    u.bindValue(i++, a.errorClass.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(a.errorClass));
    u.bindValue(i++, a.countsAgainstBudget ? 1 : 0);
    u.bindValue(i++, state.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(state));
    u.bindValue(i++, a.newState == AttemptRecord::NewState::Retrying ? 1 : 0);
    u.bindValue(i++, a.nextAttemptAt);
    u.bindValue(i++, state.isEmpty() ? QStringLiteral("") : state);
    u.bindValue(i++, a.startedAt + a.durationMs);
    u.bindValue(i++, a.deliveryId);
    if (!u.exec())
        return fail(u, error);
    if (!a.objectId.isEmpty()) {
        QSqlQuery &o = cached(db, QStringLiteral("INSERT INTO sink_objects (sink, call_uuid, object_id) VALUES (?, ?, ?)"
                                                 " ON CONFLICT (sink, call_uuid) DO UPDATE SET object_id = excluded.object_id"));
        o.bindValue(0, a.sink);
        o.bindValue(1, a.callUuid);
        o.bindValue(2, a.objectId);
        if (!o.exec())
            return fail(o, error);
    }
    return true;
}

bool DeliveryQueue::unlease(QSqlDatabase &db, const QList<qint64> &ids, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE deliveries SET lease_until = NULL WHERE id = ?"));
    for (qint64 id : ids) {
        q.bindValue(0, id);
        if (!q.exec())
            return fail(q, error);
    }
    return true;
}

int DeliveryQueue::retry(QSqlDatabase &db, const RetryFilter &f, qint64 now, QString *error)
{
    QStringList where;
    QVariantList binds;
    if (!f.ids.isEmpty()) {
        QStringList marks;
        for (qint64 id : f.ids) {
            marks << QStringLiteral("?");
            binds << id;
        }
        where << QStringLiteral("id IN (%1) AND state IN ('dead', 'retrying')").arg(marks.join(QLatin1Char(',')));
    } else if (f.allDead) {
        where << QStringLiteral("state = 'dead'");
    } else {
        *error = QStringLiteral("say which deliveries to retry (ids, or all dead)");
        return -1;
    }
    if (!f.sink.isEmpty()) {
        where << QStringLiteral("sink = ?");
        binds << f.sink;
    }
    if (!f.errorClass.isEmpty()) {
        where << QStringLiteral("error_class = ?");
        binds << f.errorClass;
    }
    if (f.since) {
        where << QStringLiteral("created_at >= ?");
        binds << *f.since;
    }
    if (f.until) {
        where << QStringLiteral("created_at < ?");
        binds << *f.until;
    }
    QSqlQuery q(db);
    // A fresh budget; the attempt history in delivery_attempts stays.
    q.prepare(QStringLiteral("UPDATE deliveries SET state = 'pending', attempts = 0, budget_start_at = ?,"
                             " next_attempt_at = ?, lease_until = NULL WHERE %1").arg(where.join(QLatin1String(" AND "))));
    q.addBindValue(now);
    q.addBindValue(now);
    for (const QVariant &b : std::as_const(binds))
        q.addBindValue(b);
    if (!q.exec()) {
        fail(q, error);
        return -1;
    }
    return q.numRowsAffected();
}

int DeliveryQueue::discard(QSqlDatabase &db, const QList<qint64> &ids, const QString &reason, qint64 now, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE deliveries SET state = 'skipped', last_error = ?, lease_until = NULL,"
                             " last_attempt_at = coalesce(last_attempt_at, ?)"
                             " WHERE id = ? AND state IN ('pending', 'retrying', 'dead')"));
    int n = 0;
    for (qint64 id : ids) {
        q.bindValue(0, QStringLiteral("discarded: %1").arg(reason));
        q.bindValue(1, now);
        q.bindValue(2, id);
        if (!q.exec()) {
            fail(q, error);
            return -1;
        }
        n += q.numRowsAffected();
    }
    return n;
}

std::optional<qint64> DeliveryQueue::nextDue(QSqlDatabase &db, const QStringList &sinks, QString *error)
{
    // One indexed min() per sink (deliveries_next): O(log n) however long the backlog.
    QSqlQuery &q = cached(db, QStringLiteral("SELECT min(next_attempt_at) FROM deliveries WHERE sink = ?"
                                             " AND state IN ('pending', 'retrying')"));
    std::optional<qint64> due;
    for (const QString &sink : sinks) {
        q.bindValue(0, sink);
        if (!q.exec() || !q.next()) {
            fail(q, error);
            return std::nullopt;
        }
        if (!q.value(0).isNull())
            due = due ? qMin(*due, q.value(0).toLongLong()) : q.value(0).toLongLong();
        q.finish(); // a reader left open would pin its WAL snapshot and hold back checkpoints
    }
    return due;
}

QMap<QString, qint64> DeliveryQueue::countByState(QSqlDatabase &db, QString *error)
{
    QMap<QString, qint64> counts{{QStringLiteral("pending"), 0}, {QStringLiteral("retrying"), 0},
                                 {QStringLiteral("delivered"), 0}, {QStringLiteral("dead"), 0},
                                 {QStringLiteral("skipped"), 0}};
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT state, count(*) FROM deliveries GROUP BY state"))) {
        fail(q, error);
        return counts;
    }
    while (q.next())
        counts[q.value(0).toString()] = q.value(1).toLongLong();
    return counts;
}

bool DeliveryQueue::exportDeliveries(QSqlDatabase &db, const QString &state, Format format, QIODevice &out,
                                     QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT d.id, d.sink, d.call_uuid, e.event, d.state, d.attempts, d.created_at, d.next_attempt_at,"
        " d.last_attempt_at, d.delivered_at, d.last_status, d.last_error, d.error_class, d.idempotency_key,"
        " (SELECT count(*) FROM delivery_attempts a WHERE a.delivery_id = d.id)"
        " FROM deliveries d JOIN events e ON e.id = d.event_id"
        " WHERE (? = '' OR d.state = ?) ORDER BY d.id"));
    // A null QString binds as NULL, and NULL = '' is not true: bind an empty, non-null string.
    const QString wanted = state.isEmpty() ? QStringLiteral("") : state;
    q.addBindValue(wanted);
    q.addBindValue(wanted);
    if (!q.exec())
        return fail(q, error);
    static const QStringList columns{
        QStringLiteral("id"), QStringLiteral("sink"), QStringLiteral("call_uuid"), QStringLiteral("event"),
        QStringLiteral("state"), QStringLiteral("attempts"), QStringLiteral("created_at"),
        QStringLiteral("next_attempt_at"), QStringLiteral("last_attempt_at"), QStringLiteral("delivered_at"),
        QStringLiteral("last_status"), QStringLiteral("last_error"), QStringLiteral("error_class"),
        QStringLiteral("idempotency_key"), QStringLiteral("attempts_total")};
    if (format == Format::Csv)
        out.write(columns.join(QLatin1Char(',')).toUtf8() + "\r\n");
    const QList<int> timeColumns{6, 7, 8, 9};
    while (q.next()) {
        QJsonObject o;
        QByteArrayList cells;
        for (int i = 0; i < columns.size(); ++i) {
            const QVariant v = q.value(i);
            QJsonValue jv;
            if (!v.isNull())
                jv = timeColumns.contains(i) ? QJsonValue(formatIsoTime(v.toLongLong())) : QJsonValue::fromVariant(v);
            if (!jv.isNull())
                o.insert(columns[i], jv);
            QByteArray cell = jv.isString() ? jv.toString().toUtf8()
                              : jv.isDouble() ? QByteArray::number(jv.toDouble(), 'g', 17) : QByteArray();
            if (cell.contains(',') || cell.contains('"') || cell.contains('\n'))
                cell = '"' + cell.replace("\"", "\"\"") + '"';
            cells << cell;
        }
        if (format == Format::JsonLines)
            out.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
        else
            out.write(cells.join(',') + "\r\n");
    }
    return true;
}

} // namespace ringside
