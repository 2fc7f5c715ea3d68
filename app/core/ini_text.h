#pragma once

#include <QSettings>
#include <QStringList>
#include <QVariant>

namespace ringside {

/** An INI setting as the text its author wrote. QSettings reads an unquoted value with commas as
 *  a list ("a:1,b:2" -> {"a:1", "b:2"}), and QVariant turns a list of two or more into an empty
 *  string, so a plain value().toString() silently loses such a value (an owners map, a URL with
 *  a comma in its query, a path). Items come back joined by a bare comma. */
inline QString iniText(const QSettings &settings, const QString &key, const QString &fallback = {})
{
    const QVariant value = settings.value(key, fallback);
    if (value.typeId() == QMetaType::QStringList || value.typeId() == QMetaType::QVariantList)
        return value.toStringList().join(QLatin1Char(','));
    return value.toString();
}

} // namespace ringside
