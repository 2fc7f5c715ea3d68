#pragma once

#include "providers/canonical_event.h"

#include "store/sqlite_statement.h"

namespace ringside {

/** The canonical event's typed columns in the events table, shared by writer and readers so
 *  that no JSON is built or parsed on the write path. */
namespace EventColumns {

/** "event, call_uuid, provider, provider_event_id, from_number, ..." in bind/read order. */
const char *names();
int count();
/** Binds the columns in names() order starting at (1-based) position first. Binds by reference:
 *  e must outlive the statement's next step. */
void bind(SqliteStatement &q, int first, const CanonicalEvent &e);
/** Reads an event from the columns in names() order starting at (0-based) column first. */
std::optional<CanonicalEvent> read(const SqliteStatement &q, int first);

} // namespace EventColumns
} // namespace ringside
