#pragma once

#include <QStringList>

namespace ringside {

/** `ringsided check-config [the daemon's options]`: reads the configuration exactly as a start would
 *  and prints what it would run — listeners, authentication, database, sinks; never a secret —
 *  without binding a port or writing anything. Exit 0 if it would start, 2 (one line on stderr)
 *  if not: for checking an edited /etc/ringside/ringsided.ini before `systemctl restart`. */
int runCheckConfigCommand(const QStringList &arguments);

} // namespace ringside
