#pragma once

#include "providers/canonical_event.h"

#include <QByteArrayView>
#include <QString>

namespace ringside {

/** The unique key an event is stored under, so a provider's retry of it is recognised as a duplicate:
 *  "<provider>:id:<messageId>" when the sender gave a message id (webhook-id), else
 *  "<provider>:id:<providerEventId>", else "<provider>:<call_uuid>:<event>" — never call_uuid alone,
 *  which would drop call.answered after call.initiated. */
QString dedupKey(const QString &provider, const CanonicalEvent &event, const QString &messageId);

/** The key for a body that could not be normalised: the message id key when there is one (so a fixed
 *  mapping reprocessing it lands on the same key), else "<provider>:raw:<sha256 hex of body>". */
QString rawDedupKey(const QString &provider, const QString &messageId, QByteArrayView body);

} // namespace ringside
