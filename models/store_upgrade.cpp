#include "models/store_upgrade.h"

#include "store/database.h"
#include "store/schema.h"

#include <QFileInfo>

namespace ringside {

bool StoreUpgrade::isNeeded(const QString &path)
{
    if (!QFileInfo::exists(path))
        return false;
    QString error;
    QSqlDatabase db = Database::open(path, Database::Mode::ReadOnly, &error);
    if (!db.isValid())
        return false;
    const int version = Schema::versionOf(db);
    Database::close(db);
    return version >= 0 && version < Schema::currentVersion();
}

QString StoreUpgrade::run(const QString &path)
{
    QString error;
    QSqlDatabase db = Database::open(path, Database::Mode::ReadWrite, &error);
    if (!db.isValid())
        return error;
    if (!Schema::migrate(db, &error) && error.isEmpty())
        error = QStringLiteral("the database could not be upgraded");
    Database::close(db);
    return error;
}

} // namespace ringside
