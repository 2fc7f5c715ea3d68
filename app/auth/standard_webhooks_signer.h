#pragma once

#include "auth/standard_webhooks_secret.h"

#include <QByteArray>
#include <QByteArrayView>

namespace ringside {

/** Signs a message the Standard Webhooks way: HMAC-SHA256 over "<id>.<timestamp>.<body>". */
class StandardWebhooksSigner
{
public:
    explicit StandardWebhooksSigner(StandardWebhooksSecret secret);

    /** The `webhook-signature` header value: "v1,<base64 signature>". */
    QByteArray sign(QByteArrayView messageId, qint64 timestampSeconds, QByteArrayView body) const;
    /** The raw 32-byte HMAC; timestamp as the exact text of the `webhook-timestamp` header. */
    QByteArray mac(QByteArrayView messageId, QByteArrayView timestamp, QByteArrayView body) const;

private:
    StandardWebhooksSecret m_secret;
};

} // namespace ringside
