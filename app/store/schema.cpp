#include "store/schema.h"
#include "store/database.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QStringList>
#include <algorithm>

namespace ringside {

namespace {

// Each entry moves the schema from version i to i + 1. Never edit a released entry: append.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
        // 1: events, receipts of duplicates, call records, the delivery queue, metrics rollups, rejected samples.
        {
            QStringLiteral(R"(CREATE TABLE events (
                id                INTEGER PRIMARY KEY,
                dedup_key         TEXT NOT NULL UNIQUE,
                status            TEXT NOT NULL CHECK (status IN ('accepted', 'unprocessable')),
                error             TEXT,
                received_at       INTEGER NOT NULL,
                event_time        INTEGER,
                event             TEXT,
                call_uuid         TEXT,
                provider          TEXT NOT NULL,
                provider_event_id TEXT,
                from_number       TEXT,
                to_number         TEXT,
                direction         TEXT,
                initiated_at      INTEGER,
                answered_at       INTEGER,
                ended_at          INTEGER,
                duration_seconds  INTEGER,
                hangup_cause      TEXT,
                hangup_cause_code INTEGER,
                seat_id           TEXT,
                did_id            TEXT,
                recording_url     TEXT,
                content_type      TEXT,
                headers           TEXT,
                payload           BLOB))"),
            QStringLiteral("CREATE INDEX events_call ON events (call_uuid)"),
            QStringLiteral("CREATE INDEX events_received ON events (received_at)"),
            QStringLiteral(R"(CREATE TABLE event_receipts (
                id          INTEGER PRIMARY KEY,
                event_id    INTEGER NOT NULL REFERENCES events (id),
                received_at INTEGER NOT NULL))"),
            QStringLiteral("CREATE INDEX event_receipts_event ON event_receipts (event_id)"),
            QStringLiteral(R"(CREATE TABLE calls (
                call_uuid         TEXT PRIMARY KEY,
                provider          TEXT NOT NULL,
                state             TEXT NOT NULL,
                events_seen       INTEGER NOT NULL,
                completed         INTEGER NOT NULL,
                from_number       TEXT,
                to_number         TEXT,
                direction         TEXT,
                seat_id           TEXT,
                did_id            TEXT,
                recording_url     TEXT,
                initiated_at      INTEGER,
                answered_at       INTEGER,
                ended_at          INTEGER,
                duration_seconds  INTEGER,
                hangup_cause      TEXT,
                hangup_cause_code INTEGER,
                outcome           TEXT,
                ring_ms           INTEGER,
                talk_ms           INTEGER,
                first_received_at INTEGER NOT NULL,
                last_received_at  INTEGER NOT NULL))"),
            QStringLiteral("CREATE INDEX calls_open ON calls (last_received_at) WHERE completed = 0"),
            QStringLiteral("CREATE INDEX calls_started ON calls (first_received_at)"),
            QStringLiteral(R"(CREATE TABLE deliveries (
                id              INTEGER PRIMARY KEY,
                event_id        INTEGER NOT NULL REFERENCES events (id),
                call_uuid       TEXT NOT NULL,
                sink            TEXT NOT NULL,
                state           TEXT NOT NULL DEFAULT 'pending'
                                CHECK (state IN ('pending', 'retrying', 'delivered', 'dead', 'skipped')),
                attempts        INTEGER NOT NULL DEFAULT 0,
                created_at      INTEGER NOT NULL,
                budget_start_at INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                lease_until     INTEGER,
                last_attempt_at INTEGER,
                delivered_at    INTEGER,
                last_status     INTEGER,
                last_error      TEXT,
                error_class     TEXT,
                idempotency_key TEXT NOT NULL,
                UNIQUE (event_id, sink)))"),
            // Waiting deliveries in id order: the claim walks this and stops at its LIMIT, however
            // long the backlog (an index on next_attempt_at made it sort the whole backlog).
            QStringLiteral("CREATE INDEX deliveries_waiting ON deliveries (sink, id)"
                           " WHERE state IN ('pending', 'retrying')"),
            QStringLiteral("CREATE INDEX deliveries_next ON deliveries (sink, next_attempt_at)"
                           " WHERE state IN ('pending', 'retrying')"),
            QStringLiteral("CREATE INDEX deliveries_state ON deliveries (state, id)"),
            QStringLiteral("CREATE INDEX deliveries_call ON deliveries (call_uuid, id)"),
            QStringLiteral(R"(CREATE TABLE delivery_attempts (
                id               INTEGER PRIMARY KEY,
                delivery_id      INTEGER NOT NULL REFERENCES deliveries (id),
                started_at       INTEGER NOT NULL,
                duration_ms      INTEGER,
                http_status      INTEGER,
                error            TEXT,
                response_excerpt BLOB,
                outcome          TEXT NOT NULL))"),
            QStringLiteral("CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id)"),
            QStringLiteral(R"(CREATE TABLE metric_minutes (
                minute INTEGER NOT NULL,
                series TEXT NOT NULL,
                value  INTEGER NOT NULL,
                PRIMARY KEY (minute, series)) WITHOUT ROWID)"),
            QStringLiteral(R"(CREATE TABLE rejected_requests (
                id          INTEGER PRIMARY KEY,
                received_at INTEGER NOT NULL,
                status      INTEGER NOT NULL,
                reason      TEXT NOT NULL,
                method      TEXT,
                target      TEXT,
                peer        TEXT,
                headers     TEXT,
                body_head   BLOB))"),
            // The CRM's own id for a call once a sink created it: later writes go to that object
            // directly, because a CRM's search can lag behind its creates (HubSpot's does).
            QStringLiteral(R"(CREATE TABLE sink_objects (
                sink      TEXT NOT NULL,
                call_uuid TEXT NOT NULL,
                object_id TEXT NOT NULL,
                PRIMARY KEY (sink, call_uuid)) WITHOUT ROWID)"),
            QStringLiteral("CREATE TABLE health_probe (id INTEGER PRIMARY KEY, filler BLOB)"),
        },
        // 2: the Calls page's search reads this index instead of the table: newest first, with the
        // text it searches in each entry, so a search that matches few calls scans the index
        // (about a tenth of the table's size) and reads only the matching rows. Same B-tree as
        // before, only wider entries: ingest pays no extra insert.
        {
            QStringLiteral("DROP INDEX calls_started"),
            QStringLiteral("CREATE INDEX calls_started ON calls (first_received_at, call_uuid, %1)")
                .arg(Schema::callSearchText()),
        },
    };
    return steps;
}

} // namespace

QString Schema::callSearchText()
{
    // Queries must spell it exactly like this for SQLite to read it from the index.
    return QStringLiteral("(coalesce(from_number, '') || ' ' || coalesce(to_number, '') || ' '"
                          " || coalesce(seat_id, '') || ' ' || coalesce(did_id, ''))");
}

int Schema::currentVersion()
{
    return int(migrations().size());
}

int Schema::versionOf(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

bool Schema::check(QSqlDatabase &db, QString *error)
{
    const int version = versionOf(db);
    if (version == currentVersion())
        return true;
    if (version > currentVersion())
        *error = QStringLiteral("database schema version %1 is newer than this Ringside understands (%2); "
                                "use a newer Ringside").arg(version).arg(currentVersion());
    else
        *error = QStringLiteral("database schema version %1 is older than %2; start ringsided once to migrate it")
                     .arg(version).arg(currentVersion());
    return false;
}

bool Schema::migrateFile(const QString &path, QString *error)
{
    QSqlDatabase db = Database::open(path, Database::Mode::ReadWrite, error);
    if (!db.isValid())
        return false;
    const bool migrated = migrate(db, error);
    Database::close(db);
    return migrated;
}

bool Schema::isOlder(const QString &path)
{
    if (!QFileInfo::exists(path))
        return false;
    QString error;
    QSqlDatabase db = Database::open(path, Database::Mode::ReadOnly, &error);
    if (!db.isValid())
        return false;
    const int version = versionOf(db);
    Database::close(db);
    return version >= 0 && version < currentVersion();
}

bool Schema::migrate(QSqlDatabase &db, QString *error)
{
    return migrateTo(db, currentVersion(), error);
}

bool Schema::migrateTo(QSqlDatabase &db, int target, QString *error)
{
    target = std::min(target, currentVersion());
    int version = versionOf(db);
    if (version < 0) {
        *error = QStringLiteral("cannot read the schema version (is this a Ringside database?)");
        return false;
    }
    if (version > currentVersion())
        return check(db, error);
    while (version < target) {
        if (!Database::exec(db, QStringLiteral("BEGIN IMMEDIATE"), error))
            return false;
        // Another process may have migrated while we waited for the lock.
        version = versionOf(db);
        if (version >= target) {
            Database::exec(db, QStringLiteral("COMMIT"), nullptr);
            return version <= currentVersion() || check(db, error);
        }
        for (const QString &sql : migrations().at(version)) {
            if (!Database::exec(db, sql, error)) {
                *error = QStringLiteral("migration to schema %1 failed: %2").arg(version + 1).arg(*error);
                Database::exec(db, QStringLiteral("ROLLBACK"), nullptr);
                return false;
            }
        }
        // PRAGMA user_version is transactional in SQLite: the step and its number commit together.
        if (!Database::exec(db, QStringLiteral("PRAGMA user_version = %1").arg(version + 1), error)
            || !Database::exec(db, QStringLiteral("COMMIT"), error)) {
            Database::exec(db, QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
        ++version;
    }
    return true;
}

} // namespace ringside
