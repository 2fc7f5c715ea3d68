#pragma once

#include <QSqlDatabase>
#include <QString>

namespace ringside {

/** The versioned schema: applies the migrations this binary knows, in order, at start. */
class Schema
{
public:
    /** The newest schema version this binary knows. */
    static int currentVersion();
    /** Brings db up to currentVersion(); a newer database is a clear error, not a crash. */
    static bool migrate(QSqlDatabase &db, QString *error);
    /** Opens the store file, brings it up to currentVersion() and closes it: what a start does
     *  first. Any thread (the desktop app runs it on a worker: seconds on a big store). */
    static bool migrateFile(const QString &path, QString *error);
    /** The store file exists and is older than this build's schema. False for a new, newer or
     *  unreadable one: migrateFile() on those is quick or fails with the reason. */
    static bool isOlder(const QString &path);
    /** Brings db up to `version` only (tests build a store as an older release left it). */
    static bool migrateTo(QSqlDatabase &db, int version, QString *error);
    /** For read-only users: ok only if db is exactly at currentVersion(). */
    static bool check(QSqlDatabase &db, QString *error);
    static int versionOf(QSqlDatabase &db);
    /** A call's from, to, seat and DID as one text, as the calls_started index holds it: a
     *  search for "part of any of them" is one instr() over this. */
    static QString callSearchText();
};

} // namespace ringside
