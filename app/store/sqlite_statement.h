#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace ringside {

/** A prepared statement on the raw SQLite handle of a QtSql connection, for the writer's hot
 *  path: binding through QVariant/QSqlResult costs more than SQLite's own work per event. */
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    /** The sqlite3* behind a QSQLITE connection, or nullptr. */
    static sqlite3 *handleOf(const QSqlDatabase &db);

    bool prepare(sqlite3 *db, const char *sql, QString *error);

    // Positions start at 1, as in SQLite. Bound text/blobs must outlive step().
    void bind(int pos, const QString &text);       // empty -> NULL
    void bind(int pos, const QByteArray &blob);    // null -> NULL
    void bind(int pos, qint64 value);
    void bind(int pos, const std::optional<qint64> &value);
    void bindNull(int pos);

    /** Runs to completion (no rows expected); resets for reuse. */
    bool exec(QString *error);
    /** For queries: true while a row is available; after false, failed() tells an error from the end. */
    bool next();
    bool failed() const;
    void reset();

    qint64 columnInt(int col) const;
    std::optional<qint64> columnOptInt(int col) const;
    QString columnText(int col) const;

    int changes() const;
    qint64 lastInsertId() const;
    QString error() const;

private:
    /** Room for n bytes that stays valid until reset(). */
    char *scratch(qsizetype n);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    int m_lastStep = 0;
    // The UTF-8 of bound strings: chunks kept across executions, so binding allocates nothing;
    // a value larger than a chunk gets memory of its own until reset().
    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::vector<std::unique_ptr<char[]>> m_large;
    size_t m_chunk = 0; // the chunk being filled
    qsizetype m_chunkUsed = 0;
};

} // namespace ringside
