#include "auth/standard_webhooks_secret.h"

namespace ringside {

namespace {
constexpr QStringView kPrefix = u"whsec_";

std::optional<StandardWebhooksSecret> noSecret(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}
} // namespace

std::optional<StandardWebhooksSecret> StandardWebhooksSecret::parse(QStringView text, QString *error)
{
    // A secret pasted from a file or an environment variable often carries a trailing newline.
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return noSecret(error, QStringLiteral("Standard Webhooks secret is empty; expected \"whsec_<base64 key>\""));
    if (!trimmed.startsWith(kPrefix))
        return noSecret(error, QStringLiteral("Standard Webhooks secret must start with \"whsec_\" "
                                              "followed by the base64 key"));
    const QStringView encoded = trimmed.mid(kPrefix.size());
    if (encoded.isEmpty())
        return noSecret(error, QStringLiteral("Standard Webhooks secret has an empty key after \"whsec_\""));

    // Non-Latin-1 text cannot be base64; toLatin1() would turn it into '?' and hide the mistake.
    for (QChar c : encoded) {
        if (c.unicode() > 0x7f)
            return noSecret(error, QStringLiteral("Standard Webhooks secret is not valid base64 after \"whsec_\""));
    }
    // Qt accepts a lone trailing character (length % 4 == 1), which no encoder produces.
    const auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || encoded.size() % 4 == 1)
        return noSecret(error, QStringLiteral("Standard Webhooks secret is not valid base64 after \"whsec_\""));
    if (decoded.decoded.isEmpty())
        return noSecret(error, QStringLiteral("Standard Webhooks secret has an empty key after \"whsec_\""));
    return StandardWebhooksSecret(decoded.decoded);
}

} // namespace ringside
