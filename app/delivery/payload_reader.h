#pragma once

#include "delivery/sink.h"
#include "store/sqlite_statement.h"

#include <QSqlDatabase>

namespace ringside {

/** Reads what one attempt sends — the triggering event, the call's merged record and the CRM's id
 *  for the call — in one prepared SQLite statement on the worker's read connection: through QtSql
 *  the three lookups cost more than the HTTP exchange itself. */
class PayloadReader
{
public:
    /** Fills payload.event, payload.call and payload.knownObjectId for payload.job; false with
     *  *error when the event or the call is not in the store (or the read fails). */
    bool read(QSqlDatabase &db, DeliveryPayload &payload, QString *error);

private:
    SqliteStatement m_statement;
    bool m_prepared = false;
};

} // namespace ringside
