#include "store/retention.h"
#include "store/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ringside {

namespace {

bool run(QSqlDatabase &db, const QString &sql, const QVariantList &binds, int *changed, QString *error)
{
    QSqlQuery q(db);
    if (!Database::run(q, sql, binds, error))
        return false;
    if (changed)
        *changed = q.numRowsAffected();
    return true;
}

} // namespace

bool Retention::purge(QSqlDatabase &db, qint64 cutoffMs, qint64 nowMs, int batch, Purged *purged, QString *error)
{
    *purged = {};
    // The batch's calls, oldest first, through the index on first_received_at (a call's last
    // event is never older than its first, so the first cutoff test narrows the scan).
    const QStringList callSteps{
        QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS purge_calls (call_uuid TEXT PRIMARY KEY)"),
        QStringLiteral("DELETE FROM purge_calls"),
    };
    for (const QString &sql : callSteps) {
        if (!run(db, sql, {}, nullptr, error))
            return false;
    }
    if (!run(db,
             QStringLiteral("INSERT INTO purge_calls SELECT c.call_uuid FROM calls c INDEXED BY calls_started"
                            " WHERE c.first_received_at < ? AND c.last_received_at < ?"
                            " AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.call_uuid = c.call_uuid"
                            " AND d.state IN ('pending', 'retrying', 'dead'))"
                            " ORDER BY c.first_received_at LIMIT ?"),
             {cutoffMs, cutoffMs, batch}, &purged->calls, error))
        return false;
    const QStringList deletes{
        QStringLiteral("DELETE FROM delivery_attempts WHERE delivery_id IN"
                       " (SELECT d.id FROM deliveries d WHERE d.call_uuid IN (SELECT call_uuid FROM purge_calls))"),
        QStringLiteral("DELETE FROM deliveries WHERE call_uuid IN (SELECT call_uuid FROM purge_calls)"),
        QStringLiteral("DELETE FROM event_receipts WHERE event_id IN"
                       " (SELECT e.id FROM events e WHERE e.call_uuid IN (SELECT call_uuid FROM purge_calls))"),
        QStringLiteral("DELETE FROM events WHERE call_uuid IN (SELECT call_uuid FROM purge_calls)"),
        QStringLiteral("DELETE FROM sink_objects WHERE call_uuid IN (SELECT call_uuid FROM purge_calls)"),
        QStringLiteral("DELETE FROM calls WHERE call_uuid IN (SELECT call_uuid FROM purge_calls)"),
    };
    for (const QString &sql : deletes) {
        if (!run(db, sql, {}, nullptr, error))
            return false;
    }

    // Unprocessable events have no call; they go by when they arrived.
    if (!run(db,
             QStringLiteral("DELETE FROM event_receipts WHERE event_id IN (SELECT id FROM events INDEXED BY"
                            " events_received WHERE received_at < ? AND status = 'unprocessable' LIMIT ?)"),
             {cutoffMs, batch}, nullptr, error)
        || !run(db,
                QStringLiteral("DELETE FROM events WHERE id IN (SELECT id FROM events INDEXED BY events_received"
                               " WHERE received_at < ? AND status = 'unprocessable' LIMIT ?)"),
                {cutoffMs, batch}, &purged->unprocessable, error))
        return false;
    if (!run(db,
             QStringLiteral("DELETE FROM rejected_requests WHERE id IN (SELECT id FROM rejected_requests"
                            " WHERE received_at < ? ORDER BY id LIMIT ?)"),
             {cutoffMs, batch}, &purged->rejected, error))
        return false;
    const qint64 metricsCutoff = qMin(cutoffMs, nowMs - kMinMetricsMs);
    if (!run(db, QStringLiteral("DELETE FROM metric_minutes WHERE minute < ?"), {metricsCutoff},
             &purged->metricMinutes, error))
        return false;
    purged->more = purged->calls >= batch || purged->unprocessable >= batch || purged->rejected >= batch;
    return true;
}

} // namespace ringside
