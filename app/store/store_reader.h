#pragma once

#include "store/call_record.h"
#include "store/sqlite_statement.h"

#include <QIODevice>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <functional>
#include <memory>

namespace ringside {

/** Read-only queries over the store on its own connection (WAL: never blocks the writer).
 *  Use one instance per thread. */
class StoreReader
{
public:
    StoreReader() = default;
    ~StoreReader();
    StoreReader(const StoreReader &) = delete;
    StoreReader &operator=(const StoreReader &) = delete;

    /** Opens path read-only and checks its schema; false with *error if it cannot. */
    bool open(const QString &path, QString *error);
    bool isOpen() const { return m_db.isValid(); }

    enum class Format { JsonLines, Csv };
    /** Writes every call record, oldest first. */
    bool exportCalls(Format format, QIODevice &out, QString *error);
    /** Writes every stored event (accepted and unprocessable) with its duplicate receipts. */
    bool exportEvents(Format format, QIODevice &out, QString *error);

    /** Calls with no call.completed whose last event arrived more than olderThanMs before nowMs. */
    QList<CallRecord> incompleteCalls(qint64 nowMs, qint64 olderThanMs, int limit, QString *error);
    qint64 countIncompleteCalls(qint64 nowMs, qint64 olderThanMs, QString *error);
    /** One stored event by id (accepted events only). */
    std::optional<CanonicalEvent> event(qint64 id, QString *error);
    /** One call's record, if stored. */
    std::optional<CallRecord> call(const QString &callUuid, QString *error);

    QSqlDatabase &database() { return m_db; }

private:
    QSqlDatabase m_db;
    std::unique_ptr<SqliteStatement> m_eventById;
    std::unique_ptr<QSqlQuery> m_callById;
};

} // namespace ringside
