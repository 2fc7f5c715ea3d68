#pragma once

#include <QStringList>

namespace ringside {

/** `ringsided deliveries --db PATH [--state S] [--format jsonl|csv]`: lists deliveries on stdout. */
int runDeliveriesCommand(const QStringList &arguments);
/** `ringsided retry --db PATH (--id N ... | --all-dead [--sink NAME] [--since T])`: dead deliveries back
 *  to the queue of a running (or stopped) daemon's database; the daemon picks them up within seconds. */
int runRetryCommand(const QStringList &arguments);

} // namespace ringside
