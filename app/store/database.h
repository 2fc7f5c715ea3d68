#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>
#include <optional>

namespace ringside {

/** Opens SQLite connections the way every part of the store needs them (unique names, pragmas). */
class Database
{
public:
    enum class Mode {
        ReadWrite,
        ReadOnly,
        /** Read-write without the writability probe at open, whose write lock would compete with a
         *  busy writer: for a connection that only checkpoints. */
        Checkpoint,
    };

    /** Opens a new connection on the calling thread; on failure returns an invalid handle and sets *error. */
    static QSqlDatabase open(const QString &path, Mode mode, QString *error);
    /** Closes and unregisters a connection made by open(). */
    static void close(QSqlDatabase &db);
    /** A statement prepared once per connection and kept until close(): for SQL that runs thousands
     *  of times a second. Use it on the connection's own thread only. */
    static QSqlQuery &prepared(QSqlDatabase &db, const QString &sql);
    /** Runs one statement, returning false and a readable *error on failure. */
    static bool exec(QSqlDatabase &db, const QString &sql, QString *error);
    /** The end of a prefix range in SQLite's BINARY (UTF-8 byte) order: every string starting with
     *  `prefix` is >= prefix and < prefixEnd(prefix). It appends U+10FFFF, the greatest code point
     *  (a surrogate pair in QString: QChar(0x10FFFF) would be cut to U+FFFF, which sorts below
     *  every character outside the BMP). */
    static QString prefixEnd(const QString &prefix);
    /** Prepares sql on q (forward only), binds the values in order and runs it; false with a
     *  readable *error. The rows, if any, are read from q afterwards. */
    static bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString *error);
    /** A column that may be NULL: nullopt for NULL, else the integer. */
    static std::optional<qint64> optionalInt(const QVariant &value);
};

} // namespace ringside
