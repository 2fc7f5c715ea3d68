#include "store/sqlite_statement.h"

#include <QSqlDriver>
#include <QVariant>
#include <sqlite3.h>

namespace ringside {

SqliteStatement::~SqliteStatement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

sqlite3 *SqliteStatement::handleOf(const QSqlDatabase &db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

bool SqliteStatement::prepare(sqlite3 *db, const char *sql, QString *error)
{
    m_db = db;
    if (m_stmt)
        sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        return false;
    }
    return true;
}

void SqliteStatement::bind(int pos, const QString &text)
{
    if (text.isEmpty())
        sqlite3_bind_null(m_stmt, pos);
    else
        sqlite3_bind_text16(m_stmt, pos, text.utf16(), int(text.size() * 2), SQLITE_STATIC);
}

void SqliteStatement::bind(int pos, const QByteArray &blob)
{
    if (blob.isNull())
        sqlite3_bind_null(m_stmt, pos);
    else
        sqlite3_bind_blob64(m_stmt, pos, blob.constData(), sqlite3_uint64(blob.size()), SQLITE_STATIC);
}

void SqliteStatement::bind(int pos, qint64 value)
{
    sqlite3_bind_int64(m_stmt, pos, value);
}

void SqliteStatement::bind(int pos, const std::optional<qint64> &value)
{
    if (value)
        sqlite3_bind_int64(m_stmt, pos, *value);
    else
        sqlite3_bind_null(m_stmt, pos);
}

void SqliteStatement::bindNull(int pos)
{
    sqlite3_bind_null(m_stmt, pos);
}

bool SqliteStatement::exec(QString *error)
{
    m_lastStep = sqlite3_step(m_stmt);
    const bool ok = m_lastStep == SQLITE_DONE || m_lastStep == SQLITE_ROW;
    if (!ok && error)
        *error = this->error();
    reset();
    return ok;
}

bool SqliteStatement::next()
{
    m_lastStep = sqlite3_step(m_stmt);
    return m_lastStep == SQLITE_ROW;
}

bool SqliteStatement::failed() const
{
    return m_lastStep != SQLITE_ROW && m_lastStep != SQLITE_DONE;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 SqliteStatement::columnInt(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

std::optional<qint64> SqliteStatement::columnOptInt(int col) const
{
    if (sqlite3_column_type(m_stmt, col) == SQLITE_NULL)
        return std::nullopt;
    return sqlite3_column_int64(m_stmt, col);
}

QString SqliteStatement::columnText(int col) const
{
    const auto *text = static_cast<const char16_t *>(sqlite3_column_text16(m_stmt, col));
    if (!text)
        return {};
    return QString::fromUtf16(text, sqlite3_column_bytes16(m_stmt, col) / 2);
}

int SqliteStatement::changes() const
{
    return sqlite3_changes(m_db);
}

qint64 SqliteStatement::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

QString SqliteStatement::error() const
{
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

} // namespace ringside
