#include "store/database.h"
#include "store/coalescing_vfs.h"
#include "store/store_logging.h"

#include <QAtomicInt>
#include <QHash>
#include <QMutex>
#include <memory>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <sqlite3.h>

namespace ringside {

Q_LOGGING_CATEGORY(lcStore, "ringside.store")

namespace {
// Before the process's first connection, while SQLite still accepts global settings.
void configureSqliteOnce()
{
    static const bool done = [] {
        // Memory statistics nobody reads would take a global mutex on every allocation.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        // Every connection then writes a commit's WAL frames with one system call.
        return CoalescingVfs::install();
    }();
    Q_UNUSED(done)
}
} // namespace

QSqlDatabase Database::open(const QString &path, Mode mode, QString *error)
{
    configureSqliteOnce();
    static QAtomicInt counter;
    const QString name = QStringLiteral("ringside-%1").arg(counter.fetchAndAddRelaxed(1));

    if (mode == Mode::ReadOnly && !QFileInfo::exists(path)) {
        *error = QStringLiteral("no database at %1").arg(path);
        return {};
    }
    if (mode != Mode::ReadOnly) {
        const QFileInfo info(path);
        if (!QDir().mkpath(info.absolutePath())) {
            *error = QStringLiteral("cannot create directory %1").arg(info.absolutePath());
            return {};
        }
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    // Readers never block the writer in WAL mode; a short busy timeout covers checkpoints.
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");
    if (mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    db.setConnectOptions(options);
    if (!db.open()) {
        *error = QStringLiteral("cannot open database %1: %2").arg(path, db.lastError().text());
        close(db);
        return {};
    }
    const QStringList pragmas = mode != Mode::ReadOnly
        ? QStringList{QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
                      QStringLiteral("PRAGMA foreign_keys=OFF"), QStringLiteral("PRAGMA temp_store=MEMORY")}
        : QStringList{QStringLiteral("PRAGMA query_only=ON")};
    for (const QString &p : pragmas) {
        if (!exec(db, p, error)) {
            *error = QStringLiteral("cannot open database %1: %2").arg(path, *error);
            close(db);
            return {};
        }
    }
    if (mode == Mode::ReadWrite) {
        // Probe that the file is really writable now, not at the first webhook.
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")) || !q.exec(QStringLiteral("COMMIT"))) {
            *error = QStringLiteral("database %1 is not writable: %2").arg(path, q.lastError().text());
            close(db);
            return {};
        }
    }
    return db;
}

namespace {
QMutex g_preparedMutex;
// connection name -> SQL -> statement; the statements die with their connection in close().
QHash<QString, QHash<QString, std::shared_ptr<QSqlQuery>>> g_prepared;
} // namespace

QSqlQuery &Database::prepared(QSqlDatabase &db, const QString &sql)
{
    QMutexLocker lock(&g_preparedMutex);
    auto &statements = g_prepared[db.connectionName()];
    auto it = statements.find(sql);
    if (it == statements.end()) {
        auto query = std::make_shared<QSqlQuery>(db);
        query->prepare(sql);
        it = statements.insert(sql, query);
    }
    return **it;
}

void Database::close(QSqlDatabase &db)
{
    const QString name = db.connectionName();
    {
        QMutexLocker lock(&g_preparedMutex);
        g_prepared.remove(name); // statements before their connection
    }
    db.close();
    db = QSqlDatabase();
    if (!name.isEmpty())
        QSqlDatabase::removeDatabase(name);
}

bool Database::exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

bool Database::run(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString *error)
{
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        *error = q.lastError().text();
        return false;
    }
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

QString Database::prefixEnd(const QString &prefix)
{
    static const char32_t kLast = 0x10FFFF;
    return prefix + QString::fromUcs4(&kLast, 1);
}

std::optional<qint64> Database::optionalInt(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

} // namespace ringside
