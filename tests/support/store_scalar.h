#pragma once

#include <QString>

namespace ringside::test {

/** The first column of the first row of sql, read on a fresh read-only connection to the database
 *  file (what another process would see on disk); -1 if it cannot be read. */
qint64 storeScalar(const QString &databasePath, const QString &sql);

} // namespace ringside::test
