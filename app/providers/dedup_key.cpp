#include "providers/dedup_key.h"

#include <QCryptographicHash>

namespace ringside {

namespace {
QString idKey(const QString &provider, const QString &id)
{
    return provider + QLatin1String(":id:") + id;
}
} // namespace

QString dedupKey(const QString &provider, const CanonicalEvent &event, const QString &messageId)
{
    if (!messageId.isEmpty())
        return idKey(provider, messageId);
    if (!event.providerEventId.isEmpty())
        return idKey(provider, event.providerEventId);
    return provider + u':' + event.callUuid + u':' + eventTypeName(event.type);
}

QString rawDedupKey(const QString &provider, const QString &messageId, QByteArrayView body)
{
    if (!messageId.isEmpty())
        return idKey(provider, messageId);
    return provider + QLatin1String(":raw:")
        + QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
}

} // namespace ringside
