#include "models/failures_query.h"

#include "store/delivery_queue.h"

#include "store/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ringside {

namespace {

struct Where
{
    QStringList terms;
    QVariantList binds;

    QString sql() const { return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND ")); }
};

Where whereOf(const FailuresFilter &f)
{
    Where w;
    switch (f.state) {
    case FailuresFilter::State::Dead:
        w.terms << QStringLiteral("d.state = 'dead'");
        break;
    case FailuresFilter::State::Retrying:
        w.terms << QStringLiteral("d.state = 'retrying'");
        break;
    case FailuresFilter::State::Both:
        w.terms << QStringLiteral("d.state IN ('dead', 'retrying')");
        break;
    }
    if (!f.sink.isEmpty()) {
        w.terms << QStringLiteral("d.sink = ?");
        w.binds << f.sink;
    }
    if (!f.errorClass.isEmpty()) {
        w.terms << QStringLiteral("d.error_class = ?");
        w.binds << f.errorClass;
    }
    if (const QString t = f.text.trimmed(); !t.isEmpty()) {
        // The CRM's words match anywhere and in any case; a call id by its start (it is what people paste).
        w.terms << QStringLiteral("(instr(lower(d.last_error), lower(?)) > 0 OR (d.call_uuid >= ? AND d.call_uuid < ?))");
        w.binds << t << t << Database::prefixEnd(t);
    }
    return w;
}


template<typename T>
std::optional<T> optional(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<T>(v.value<T>());
}

} // namespace

QStringList FailuresQuery::errorClasses()
{
    return {QStringLiteral("http_4xx"), QStringLiteral("http_5xx"), QStringLiteral("rate_limited"),
            QStringLiteral("auth"), QStringLiteral("timeout"), QStringLiteral("network")};
}

QList<FailureRow> FailuresQuery::page(QSqlDatabase &db, const FailuresFilter &filter, std::optional<qint64> beforeId,
                                      std::optional<qint64> minId, int limit, QString *error)
{
    Where w = whereOf(filter);
    if (beforeId) {
        w.terms << QStringLiteral("d.id < ?");
        w.binds << *beforeId;
    }
    if (minId) {
        w.terms << QStringLiteral("d.id >= ?");
        w.binds << *minId;
    }
    w.binds << limit;
    QSqlQuery q(db);
    const QString sql = QStringLiteral(
        "SELECT d.id, d.event_id, d.call_uuid, e.event, d.sink, d.state, d.attempts, d.last_status, d.error_class,"
        " d.last_error, d.last_attempt_at, d.next_attempt_at, d.created_at"
        " FROM deliveries d LEFT JOIN events e ON e.id = d.event_id%1 ORDER BY d.id DESC LIMIT ?").arg(w.sql());
    if (!Database::run(q, sql, w.binds, error))
        return {};
    QList<FailureRow> rows;
    while (q.next()) {
        FailureRow r;
        int i = 0;
        r.id = q.value(i++).toLongLong();
        r.eventId = q.value(i++).toLongLong();
        r.callUuid = q.value(i++).toString();
        r.event = q.value(i++).toString();
        r.sink = q.value(i++).toString();
        r.state = q.value(i++).toString();
        r.attempts = q.value(i++).toInt();
        r.httpStatus = optional<int>(q.value(i++));
        r.errorClass = q.value(i++).toString();
        r.error = q.value(i++).toString();
        r.lastAttemptAt = optional<qint64>(q.value(i++));
        const qint64 next = q.value(i++).toLongLong();
        if (r.state == QLatin1String("retrying"))
            r.nextAttemptAt = next; // a dead delivery's next_attempt_at is history, not a plan
        r.createdAt = q.value(i++).toLongLong();
        rows.append(std::move(r));
    }
    return rows;
}

QList<qint64> FailuresQuery::idsAfter(QSqlDatabase &db, const FailuresFilter &filter, qint64 afterId, int limit,
                                      QString *error)
{
    Where w = whereOf(filter);
    w.terms << QStringLiteral("d.id > ?");
    w.binds << afterId << limit;
    QSqlQuery q(db);
    if (!Database::run(q, QStringLiteral("SELECT d.id FROM deliveries d%1 ORDER BY d.id LIMIT ?").arg(w.sql()), w.binds, error))
        return {};
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

qint64 FailuresQuery::count(QSqlDatabase &db, const FailuresFilter &filter, QString *error)
{
    const Where w = whereOf(filter);
    QSqlQuery q(db);
    if (!Database::run(q, QStringLiteral("SELECT count(*) FROM deliveries d%1").arg(w.sql()), w.binds, error) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QList<AttemptRow> FailuresQuery::attempts(QSqlDatabase &db, qint64 deliveryId, QString *error)
{
    QSqlQuery q(db);
    if (!Database::run(q, QStringLiteral("SELECT id, started_at, duration_ms, http_status, error, response_excerpt, outcome"
                               " FROM delivery_attempts WHERE delivery_id = ? ORDER BY id"),
             {deliveryId}, error))
        return {};
    QList<AttemptRow> rows;
    while (q.next()) {
        AttemptRow a;
        int i = 0;
        a.id = q.value(i++).toLongLong();
        a.startedAt = q.value(i++).toLongLong();
        a.durationMs = optional<qint64>(q.value(i++));
        a.httpStatus = optional<int>(q.value(i++));
        a.error = q.value(i++).toString();
        a.responseExcerpt = q.value(i++).toByteArray();
        a.outcome = q.value(i++).toString();
        rows.append(std::move(a));
    }
    return rows;
}

std::optional<RetryFilter> FailuresQuery::deadRetryFilter(const FailuresFilter &filter)
{
    if (filter.state == FailuresFilter::State::Retrying || !filter.text.trimmed().isEmpty())
        return std::nullopt;
    RetryFilter r;
    r.allDead = true;
    r.sink = filter.sink;
    r.errorClass = filter.errorClass;
    return r;
}

} // namespace ringside
