#include "store/sqlite_statement.h"

#include <QSqlDriver>
#include <QStringEncoder>
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

namespace {
constexpr qsizetype kChunkBytes = 16 * 1024;
} // namespace

char *SqliteStatement::scratch(qsizetype n)
{
    if (n > kChunkBytes) {
        m_large.push_back(std::make_unique<char[]>(size_t(n)));
        return m_large.back().get();
    }
    if (m_chunks.empty()) {
        m_chunks.push_back(std::make_unique<char[]>(size_t(kChunkBytes)));
    } else if (m_chunkUsed + n > kChunkBytes) {
        if (++m_chunk == m_chunks.size())
            m_chunks.push_back(std::make_unique<char[]>(size_t(kChunkBytes)));
        m_chunkUsed = 0;
    }
    char *out = m_chunks[m_chunk].get() + m_chunkUsed;
    m_chunkUsed += n;
    return out;
}

void SqliteStatement::bind(int pos, const QString &text)
{
    if (text.isEmpty()) {
        sqlite3_bind_null(m_stmt, pos);
        return;
    }
    // The database stores UTF-8: handing SQLite UTF-16 makes it allocate and convert each value
    // byte by byte, which costs more than Qt's conversion into memory the statement keeps.
    QStringEncoder toUtf8(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
    char *out = scratch(toUtf8.requiredSpace(text.size()));
    const char *end = toUtf8.appendToBuffer(out, text);
    sqlite3_bind_text(m_stmt, pos, out, int(end - out), SQLITE_STATIC);
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
    // Nothing is bound any more: the scratch memory can be used again.
    m_large.clear();
    m_chunk = 0;
    m_chunkUsed = 0;
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
