#include "auth/standard_webhooks_auth.h"

#include "auth/constant_time.h"

namespace ringside {

namespace {
const QByteArray kMissing = QByteArrayLiteral("missing_credentials");
const QByteArray kMalformed = QByteArrayLiteral("malformed_signature");
const QByteArray kOutOfTolerance = QByteArrayLiteral("timestamp_out_of_tolerance");
const QByteArray kBadSignature = QByteArrayLiteral("bad_signature");

bool isDigits(QByteArrayView text)
{
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return !text.isEmpty();
}

// The id becomes a dedup key and shows up in the UI: visible ASCII only.
bool isPrintableAscii(QByteArrayView text)
{
    for (char c : text) {
        if (c < 0x21 || c > 0x7e)
            return false;
    }
    return true;
}
} // namespace

StandardWebhooksAuth::StandardWebhooksAuth(const QList<StandardWebhooksSecret> &secrets,
                                           const Clock &clock, qint64 toleranceSeconds)
    : m_clock(clock)
    , m_toleranceSeconds(toleranceSeconds)
{
    m_signers.reserve(secrets.size());
    for (const auto &secret : secrets)
        m_signers.append(StandardWebhooksSigner(secret));
}

AuthResult StandardWebhooksAuth::verify(const HttpRequest &request) const
{
    const QByteArray id = request.header(QByteArrayLiteral("webhook-id"));
    const QByteArray timestamp = request.header(QByteArrayLiteral("webhook-timestamp"));
    const QByteArray signatures = request.header(QByteArrayLiteral("webhook-signature"));
    if (id.isEmpty() || timestamp.isEmpty() || signatures.isEmpty())
        return AuthResult::reject(kMissing);

    // Caps bound the work an unauthenticated sender can make us do.
    if (id.size() > kMaxMessageIdLength || !isPrintableAscii(id))
        return AuthResult::reject(kMalformed);
    if (timestamp.size() > kMaxTimestampLength || !isDigits(timestamp))
        return AuthResult::reject(kMalformed);
    if (signatures.size() > kMaxSignatureHeaderLength)
        return AuthResult::reject(kMalformed);

    bool ok = false;
    const qint64 sentSeconds = timestamp.toLongLong(&ok);
    if (!ok)
        return AuthResult::reject(kMalformed);
    const qint64 nowSeconds = m_clock.nowMs() / 1000;
    // A replayed capture is refused once it is older than the tolerance, a forged future one too.
    if (sentSeconds < nowSeconds - m_toleranceSeconds || sentSeconds > nowSeconds + m_toleranceSeconds)
        return AuthResult::reject(kOutOfTolerance);

    // Versions other than v1 are skipped: a sender may add a newer scheme alongside v1.
    QList<QByteArray> candidates;
    const QList<QByteArray> entries = signatures.split(' ');
    for (const QByteArray &entry : entries) {
        const qsizetype comma = entry.indexOf(',');
        if (comma < 0 || QByteArrayView(entry).first(comma) != "v1")
            continue;
        const auto decoded = QByteArray::fromBase64Encoding(entry.sliced(comma + 1),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        // Keep a slot even for undecodable entries: a v1 entry was present, it just cannot match.
        candidates.append(decoded ? decoded.decoded : QByteArray());
    }
    if (candidates.isEmpty())
        return AuthResult::reject(kMalformed);

    for (const auto &signer : m_signers) {
        const QByteArray expected = signer.mac(id, timestamp, request.body);
        for (const QByteArray &candidate : std::as_const(candidates)) {
            if (constantTimeEquals(candidate, expected))
                return AuthResult::accept(QString::fromLatin1(id));
        }
    }
    return AuthResult::reject(kBadSignature);
}

} // namespace ringside
