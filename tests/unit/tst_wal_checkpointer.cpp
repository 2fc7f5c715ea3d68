#include "store/database.h"
#include "store/sqlite_statement.h"
#include "store/wal_checkpointer.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;

/** WalCheckpointer keeps the writer's WAL short without checkpointing inside its commits. */
class TestWalCheckpointer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void theWalStartsOverAfterEveryBackgroundCheckpoint();
    void withoutItsThreadTheWriterCheckpointsItself();
    void aReaderHoldingOldFramesDoesNotMakeItSpin();

private:
    /** One transaction of one ~3 KB row, then what the writer does after each commit. */
    void commitRow(WalCheckpointer &checkpointer);
    qint64 walBytes() const { return QFileInfo(m_path + QStringLiteral("-wal")).size(); }
    qint64 rows();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QSqlDatabase m_db;
    int m_rows = 0;
};

void TestWalCheckpointer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("wal.db"));
    QString error;
    m_db = Database::open(m_path, Database::Mode::ReadWrite, &error);
    QVERIFY2(m_db.isValid(), qPrintable(error));
    // Commits without a sync each keep the test fast; checkpoints still sync (their own connection).
    QVERIFY(Database::exec(m_db, QStringLiteral("PRAGMA synchronous=NORMAL"), &error));
    QVERIFY(Database::exec(m_db, QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)"), &error));
    m_rows = 0;
}

void TestWalCheckpointer::cleanup()
{
    Database::close(m_db);
    m_dir.reset();
}

void TestWalCheckpointer::commitRow(WalCheckpointer &checkpointer)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO t (payload) VALUES (?)"));
    q.addBindValue(QByteArray(3000, 'r'));
    QVERIFY(q.exec());
    ++m_rows;
    checkpointer.afterCommit(SqliteStatement::handleOf(m_db));
}

qint64 TestWalCheckpointer::rows()
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next() ? q.value(0).toLongLong() : -1;
}

void TestWalCheckpointer::theWalStartsOverAfterEveryBackgroundCheckpoint()
{
    WalCheckpointer checkpointer({m_path, 100, 8, 1'000'000});
    checkpointer.start();
    QTRY_VERIFY(checkpointer.hasThread());
    checkpointer.attach(SqliteStatement::handleOf(m_db));
    for (quint64 round = 1; round <= 20; ++round) {
        for (int i = 0; i < 150; ++i) // about 300 frames
            commitRow(checkpointer);
        QTRY_VERIFY(checkpointer.backgroundCheckpoints() >= round);
    }
    // The WAL is written from its beginning again after each checkpoint: without the checkpointer
    // it would hold all 6000 frames (SQLite's own checkpoint is switched off), with it a round or two.
    QVERIFY2(walBytes() < 2000 * 4120, qPrintable(QStringLiteral("WAL of %1 bytes").arg(walBytes())));
    QCOMPARE(rows(), qint64(m_rows));
}

void TestWalCheckpointer::withoutItsThreadTheWriterCheckpointsItself()
{
    WalCheckpointer checkpointer({m_path, 100, 8, 1'000'000}); // never started
    checkpointer.attach(SqliteStatement::handleOf(m_db));
    for (int i = 0; i < 1200; ++i)
        commitRow(checkpointer);
    QCOMPARE(checkpointer.backgroundCheckpoints(), quint64(0));
    QVERIFY2(walBytes() < 300 * 4200, qPrintable(QStringLiteral("WAL %1 bytes").arg(walBytes())));
    QCOMPARE(rows(), qint64(m_rows));
}

void TestWalCheckpointer::aReaderHoldingOldFramesDoesNotMakeItSpin()
{
    WalCheckpointer checkpointer({m_path, 100, 8, 1'000'000});
    checkpointer.start();
    QTRY_VERIFY(checkpointer.hasThread());
    checkpointer.attach(SqliteStatement::handleOf(m_db));
    commitRow(checkpointer);

    QString error;
    QSqlDatabase reader = Database::open(m_path, Database::Mode::ReadOnly, &error);
    QVERIFY2(reader.isValid(), qPrintable(error));
    {
        // An open read transaction pins the frames it can see: no checkpoint may copy past them.
        QSqlQuery pin(reader);
        QVERIFY(pin.exec(QStringLiteral("BEGIN")));
        QVERIFY(pin.exec(QStringLiteral("SELECT count(*) FROM t")) && pin.next());
        for (int i = 0; i < 1000; ++i)
            commitRow(checkpointer);
        // A new round only after the WAL grew by another 100 frames, not after every commit.
        QVERIFY2(checkpointer.backgroundCheckpoints() <= 100,
                 qPrintable(QString::number(checkpointer.backgroundCheckpoints())));
        QVERIFY(pin.exec(QStringLiteral("COMMIT")));
    }
    Database::close(reader);
    // Released: the next round copies everything and the WAL starts over (the commit that copies
    // the last frames may still add a few at the end), so later rounds write over its beginning
    // instead of growing it.
    const quint64 before = checkpointer.backgroundCheckpoints();
    qint64 walAfterSecondRound = 0;
    for (int round = 1; round <= 5; ++round) {
        for (int i = 0; i < 150; ++i)
            commitRow(checkpointer);
        QTRY_VERIFY(checkpointer.backgroundCheckpoints() >= before + quint64(round));
        if (round == 2)
            walAfterSecondRound = walBytes();
    }
    QCOMPARE(walBytes(), walAfterSecondRound);
    QCOMPARE(rows(), qint64(m_rows));
}

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_wal_checkpointer.moc"
