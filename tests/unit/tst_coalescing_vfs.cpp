#include "store/database.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <sqlite3.h>

using namespace ringside;

namespace {

QByteArray blob(int n, int seed)
{
    QByteArray b(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        b[i] = char((i * 31 + seed * 7) & 0xff);
    return b;
}

/** Rows and a digest of every payload, as a connection of its own sees them. */
QPair<qint64, QByteArray> contentOf(const QString &path)
{
    QString error;
    QSqlDatabase db = Database::open(path, Database::Mode::ReadOnly, &error);
    qint64 rows = 0;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT payload FROM t ORDER BY id"))) {
            while (q.next()) {
                ++rows;
                hash.addData(q.value(0).toByteArray());
            }
        }
    }
    Database::close(db);
    return {rows, hash.result()};
}

} // namespace

/** Database connections write their WAL through CoalescingVfs: what they commit must be in the
 *  files, readable by others, whatever the shape of the writes. */
class TestCoalescingVfs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void everyCommitIsVisibleToAnotherConnection_data();
    void everyCommitIsVisibleToAnotherConnection();
    void committedDataIsInTheFilesWithoutAClose();
    void aFailedWriteFailsTheConnectionsLaterCommits();

private:
    bool insert(QSqlDatabase &db, int id, const QByteArray &payload);
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestCoalescingVfs::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("vfs.db"));
}

void TestCoalescingVfs::cleanup()
{
    m_dir.reset();
}

bool TestCoalescingVfs::insert(QSqlDatabase &db, int id, const QByteArray &payload)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO t (id, payload) VALUES (?, ?)"));
    q.addBindValue(id);
    q.addBindValue(payload);
    return q.exec();
}

void TestCoalescingVfs::everyCommitIsVisibleToAnotherConnection_data()
{
    QTest::addColumn<QString>("synchronous");
    QTest::addColumn<int>("cachePages");
    QTest::newRow("FULL: synced at every commit") << QStringLiteral("FULL") << 2000;
    // NORMAL: no sync at commit, so only the commit frame tells that the commit is complete.
    QTest::newRow("NORMAL: visible without a sync") << QStringLiteral("NORMAL") << 2000;
    // A tiny cache spills uncommitted pages into the WAL mid-transaction and rewrites them.
    QTest::newRow("FULL, spilling transactions") << QStringLiteral("FULL") << 10;
}

void TestCoalescingVfs::everyCommitIsVisibleToAnotherConnection()
{
    QFETCH(QString, synchronous);
    QFETCH(int, cachePages);
    QString error;
    QSqlDatabase db = Database::open(m_path, Database::Mode::ReadWrite, &error);
    QVERIFY2(db.isValid(), qPrintable(error));
    QVERIFY(Database::exec(db, QStringLiteral("PRAGMA synchronous=%1").arg(synchronous), &error));
    QVERIFY(Database::exec(db, QStringLiteral("PRAGMA cache_size=%1").arg(cachePages), &error));
    QVERIFY(Database::exec(db, QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)"), &error));

    QList<QByteArray> payloads;
    int id = 0;
    // Small and large transactions, a row larger than the write buffer, and a rolled-back
    // transaction whose frames the next one overwrites.
    const QList<QList<int>> transactions = {{100}, {5000, 70000}, {5 * 1024 * 1024}, {300, 300, 300}};
    for (int round = 0; round < 3; ++round) {
        for (const QList<int> &sizes : transactions) {
            QVERIFY(Database::exec(db, QStringLiteral("BEGIN IMMEDIATE"), &error));
            for (int size : sizes) {
                const QByteArray payload = blob(size, ++id);
                QVERIFY(insert(db, id, payload));
                payloads.append(payload);
            }
            QVERIFY2(Database::exec(db, QStringLiteral("COMMIT"), &error), qPrintable(error));
            const auto [rows, digest] = contentOf(m_path);
            QCOMPARE(rows, qint64(id));
            QCryptographicHash expected(QCryptographicHash::Sha256);
            for (const QByteArray &payload : std::as_const(payloads))
                expected.addData(payload);
            QCOMPARE(digest, expected.result());
        }
        QVERIFY(Database::exec(db, QStringLiteral("BEGIN IMMEDIATE"), &error));
        for (int i = 0; i < 50; ++i)
            QVERIFY(insert(db, 1'000'000 + i, blob(20000, i)));
        QVERIFY(Database::exec(db, QStringLiteral("ROLLBACK"), &error));
        // A checkpoint in between: the WAL starts over and is written from its beginning again.
        QVERIFY(Database::exec(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), &error));
    }
    Database::close(db);
    QCOMPARE(contentOf(m_path).first, qint64(id));
}

void TestCoalescingVfs::committedDataIsInTheFilesWithoutAClose()
{
    QString error;
    QSqlDatabase db = Database::open(m_path, Database::Mode::ReadWrite, &error);
    QVERIFY2(db.isValid(), qPrintable(error));
    QVERIFY(Database::exec(db, QStringLiteral("PRAGMA wal_autocheckpoint=0"), &error));
    QVERIFY(Database::exec(db, QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)"), &error));
    for (int i = 1; i <= 20; ++i) {
        QVERIFY(Database::exec(db, QStringLiteral("BEGIN IMMEDIATE"), &error));
        QVERIFY(insert(db, i, blob(3000, i)));
        QVERIFY(Database::exec(db, QStringLiteral("COMMIT"), &error));
    }
    // What a kill -9 would leave: the files as they are while the writer is still open.
    const QString copy = m_dir->filePath(QStringLiteral("copy.db"));
    QVERIFY(QFile::copy(m_path, copy));
    QVERIFY(QFile::copy(m_path + QStringLiteral("-wal"), copy + QStringLiteral("-wal")));
    QCOMPARE(contentOf(copy).first, qint64(20));
    Database::close(db);
}

namespace {
/** A full disk under CoalescingVfs: the VFS it wraps fails WAL writes with SQLITE_FULL (what the
 *  unix VFS reports for ENOSPC) while diskFull is set. Installed before the first connection. */
std::atomic<bool> diskFull{false};
sqlite3_vfs g_fullVfs;
sqlite3_io_methods g_walMethods;
const sqlite3_io_methods *g_walBase = nullptr;

int fullWalWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    return diskFull ? SQLITE_FULL : g_walBase->xWrite(file, data, amount, offset);
}

int fullOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    sqlite3_vfs *base = static_cast<sqlite3_vfs *>(g_fullVfs.pAppData);
    const int rc = base->xOpen(base, name, file, flags, outFlags);
    if (rc == SQLITE_OK && (flags & SQLITE_OPEN_WAL) && file->pMethods) {
        g_walBase = file->pMethods;
        g_walMethods = *file->pMethods;
        g_walMethods.xWrite = fullWalWrite;
        file->pMethods = &g_walMethods;
    }
    return rc;
}

bool installFullDiskVfs()
{
    sqlite3_vfs *base = sqlite3_vfs_find(nullptr);
    g_fullVfs = *base;
    g_fullVfs.pNext = nullptr;
    g_fullVfs.zName = "test-full-disk";
    g_fullVfs.pAppData = base;
    g_fullVfs.xOpen = fullOpen;
    return sqlite3_vfs_register(&g_fullVfs, 1) == SQLITE_OK;
}
} // namespace

void TestCoalescingVfs::initTestCase()
{
    QVERIFY(installFullDiskVfs()); // before Database::open wraps the default VFS
}

void TestCoalescingVfs::aFailedWriteFailsTheConnectionsLaterCommits()
{
    QString error;
    QSqlDatabase db = Database::open(m_path, Database::Mode::ReadWrite, &error);
    QVERIFY2(db.isValid(), qPrintable(error));
    QVERIFY(Database::exec(db, QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)"), &error));
    for (int i = 1; i <= 5; ++i)
        QVERIFY(insert(db, i, blob(1000, i)));
    // A tiny cache spills the transaction's pages into the WAL buffer long before its COMMIT.
    QVERIFY(Database::exec(db, QStringLiteral("PRAGMA cache_size=10"), &error));
    QVERIFY(Database::exec(db, QStringLiteral("BEGIN IMMEDIATE"), &error));
    for (int i = 100; i < 150; ++i)
        QVERIFY(insert(db, i, blob(20000, i)));
    // A statement that reads those pages back flushes the buffer: the disk is full there, outside
    // any write of SQLite's, and SQLITE_FULL rolls back only that statement.
    diskFull = true;
    QVERIFY(!Database::exec(db, QStringLiteral("UPDATE t SET id = id + 1000 WHERE id >= 100"), &error));
    diskFull = false;
    // Room again, but the lost bytes were frames SQLite believes written: no commit of this
    // connection may reference them.
    insert(db, 1000, blob(100, 1000));
    QVERIFY(!Database::exec(db, QStringLiteral("COMMIT"), &error));
    Database::exec(db, QStringLiteral("ROLLBACK"), nullptr);
    Database::close(db);
    QCOMPARE(contentOf(m_path).first, qint64(5));

    // A new connection writes again, onto an intact database.
    db = Database::open(m_path, Database::Mode::ReadWrite, &error);
    QVERIFY2(db.isValid(), qPrintable(error));
    QVERIFY(insert(db, 6, blob(1000, 6)));
    {
        QSqlQuery check(db);
        QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
    }
    Database::close(db);
    QCOMPARE(contentOf(m_path).first, qint64(6));
}

QTEST_GUILESS_MAIN(TestCoalescingVfs)
#include "tst_coalescing_vfs.moc"
