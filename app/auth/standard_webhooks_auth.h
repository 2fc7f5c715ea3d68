#pragma once

#include "auth/authenticator.h"
#include "auth/standard_webhooks_signer.h"
#include "core/clock.h"

#include <QList>

namespace ringside {

/** Verifies Standard Webhooks signatures (`webhook-id`, `webhook-timestamp`, `webhook-signature`)
 *  against one or more secrets, so a key can be rotated without dropping traffic. */
class StandardWebhooksAuth final : public Authenticator
{
public:
    /** Reference libraries allow 5 minutes of clock skew either way. */
    static constexpr qint64 kDefaultToleranceSeconds = 300;
    static constexpr qsizetype kMaxMessageIdLength = 256;
    static constexpr qsizetype kMaxTimestampLength = 20;
    static constexpr qsizetype kMaxSignatureHeaderLength = 4096;

    /** clock must outlive this object. Any secret may match. */
    StandardWebhooksAuth(const QList<StandardWebhooksSecret> &secrets, const Clock &clock,
                         qint64 toleranceSeconds = kDefaultToleranceSeconds);

    QByteArray scheme() const override { return QByteArrayLiteral("standard-webhooks"); }
    /** On success AuthResult::messageId is the `webhook-id`. Reasons: "missing_credentials",
     *  "malformed_signature", "timestamp_out_of_tolerance", "bad_signature". */
    AuthResult verify(const HttpRequest &request) const override;

private:
    QList<StandardWebhooksSigner> m_signers;
    const Clock &m_clock;
    qint64 m_toleranceSeconds;
};

} // namespace ringside
