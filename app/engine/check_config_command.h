#pragma once

#include <QStringList>

namespace ringside {

/** `ringsided check-config [the daemon's options]`: reads the configuration exactly as a start would
 *  and prints what it would run — listeners, authentication, database, sinks; never a secret —
 *  without binding a port. Exit 0 if the configuration and database are acceptable, 2 (one line on
 *  stderr, the same a start prints) if not: for checking an edited /etc/ringside/ringsided.ini before
 *  `systemctl restart`. Ports and the database directory's permissions are only tested by starting. */
int runCheckConfigCommand(const QStringList &arguments);

enum class StoreFileCheck {
    Usable,   // new, or a store of this or an older schema (*description says which)
    Refused,  // a store from a newer Ringside, or not a database: a start must refuse it (exit 2,
              // a configuration error: restarting would meet the same file)
    Unknown,  // could not be looked at (permissions, a lock, I/O): the start itself finds out
};
/** What a start would find in the database file; *problem says why when not Usable. Opens an
 *  existing file read-only. */
StoreFileCheck inspectStoreFile(const QString &path, QString *description, QString *problem);

} // namespace ringside
