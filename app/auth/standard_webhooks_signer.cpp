#include "auth/standard_webhooks_signer.h"

#include <QMessageAuthenticationCode>

namespace ringside {

StandardWebhooksSigner::StandardWebhooksSigner(StandardWebhooksSecret secret)
    : m_secret(std::move(secret))
{
}

QByteArray StandardWebhooksSigner::sign(QByteArrayView messageId, qint64 timestampSeconds,
                                        QByteArrayView body) const
{
    return QByteArrayLiteral("v1,")
        + mac(messageId, QByteArray::number(timestampSeconds), body).toBase64();
}

QByteArray StandardWebhooksSigner::mac(QByteArrayView messageId, QByteArrayView timestamp,
                                       QByteArrayView body) const
{
    // A local instance per call keeps the signer usable from several threads at once.
    QMessageAuthenticationCode hmac(QCryptographicHash::Sha256, m_secret.key());
    hmac.addData(messageId.data(), messageId.size());
    hmac.addData(".", 1);
    hmac.addData(timestamp.data(), timestamp.size());
    hmac.addData(".", 1);
    hmac.addData(body.data(), body.size());
    return hmac.result();
}

} // namespace ringside
