#pragma once

#include <QStringList>

namespace ringside {

/** `ringsided check-config [the daemon's options]`: reads the configuration exactly as a start would
 *  and prints what it would run — listeners, authentication, database, sinks; never a secret —
 *  without binding a port. Exit 0 if the configuration and database are acceptable, 2 (one line on
 *  stderr, the same a start prints) if not: for checking an edited /etc/ringside/ringsided.ini before
 *  `systemctl restart`. Ports and the database directory's permissions are only tested by starting. */
int runCheckConfigCommand(const QStringList &arguments);

/** What a start would find in the database file: new, or its schema version (*description). False
 *  with *error when a start must refuse it — a store from a newer Ringside, or no Ringside store at
 *  all: a configuration error (exit 2), since restarting would meet the same file. Opens read-only. */
bool inspectStoreFile(const QString &path, QString *description, QString *error);

} // namespace ringside
