#pragma once

#include <QList>
#include <QMap>
#include <QPair>
#include <QSqlDatabase>
#include <QString>

namespace ringside {

/** Per-minute metric rows in the store: written by the writer, summed per hour by readers. */
class MetricStore
{
public:
    using Rows = QList<QPair<QString, qint64>>;

    /** Adds rows to the minute that starts at minuteMs (upsert: value += row). */
    static bool add(QSqlDatabase &db, qint64 minuteMs, const Rows &rows, QString *error);

    /** Sum of each series per hour over [fromMs, toMs): series -> (hour start ms -> value). */
    static QMap<QString, QMap<qint64, qint64>> hourly(QSqlDatabase &db, qint64 fromMs, qint64 toMs,
                                                      const QStringList &series, QString *error);
};

} // namespace ringside
