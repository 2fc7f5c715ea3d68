#include "store_scalar.h"

#include "store/database.h"

#include <QSqlQuery>
#include <QVariant>

namespace ringside::test {

qint64 storeScalar(const QString &databasePath, const QString &sql)
{
    QString error;
    QSqlDatabase db = Database::open(databasePath, Database::Mode::ReadOnly, &error);
    qint64 v = -1;
    {
        QSqlQuery q(db);
        if (q.exec(sql) && q.next())
            v = q.value(0).toLongLong();
    }
    Database::close(db);
    return v;
}

} // namespace ringside::test
