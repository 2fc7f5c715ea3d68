#pragma once

#include <QStringList>
#include <QTextStream>

namespace ringside {

/** `ringsided export --db PATH --what calls|events --format jsonl|csv`: writes stored records to stdout. */
int runExportCommand(const QStringList &arguments);

} // namespace ringside
