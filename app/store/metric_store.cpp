#include "store/metric_store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace ringside {

bool MetricStore::add(QSqlDatabase &db, qint64 minuteMs, const Rows &rows, QString *error)
{
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral("INSERT INTO metric_minutes (minute, series, value) VALUES (?, ?, ?)"
                                  " ON CONFLICT (minute, series) DO UPDATE SET value = value + excluded.value"))) {
        *error = q.lastError().text();
        return false;
    }
    for (const auto &[series, value] : rows) {
        q.bindValue(0, minuteMs);
        q.bindValue(1, series);
        q.bindValue(2, value);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

QMap<QString, QMap<qint64, qint64>> MetricStore::hourly(QSqlDatabase &db, qint64 fromMs, qint64 toMs,
                                                         const QStringList &series, QString *error)
{
    QMap<QString, QMap<qint64, qint64>> out;
    QSqlQuery q(db);
    QStringList marks;
    for (int i = 0; i < series.size(); ++i)
        marks << QStringLiteral("?");
    q.prepare(QStringLiteral("SELECT series, (minute / 3600000) * 3600000 AS hour, sum(value) FROM metric_minutes"
                             " WHERE minute >= ? AND minute < ? AND series IN (%1) GROUP BY series, hour")
                  .arg(marks.join(QLatin1Char(','))));
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    for (const QString &s : series)
        q.addBindValue(s);
    if (!q.exec()) {
        *error = q.lastError().text();
        return out;
    }
    while (q.next())
        out[q.value(0).toString()][q.value(1).toLongLong()] = q.value(2).toLongLong();
    return out;
}

} // namespace ringside
