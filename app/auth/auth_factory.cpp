#include "auth/auth_factory.h"

#include "auth/bearer_token_auth.h"
#include "auth/no_auth.h"
#include "auth/standard_webhooks_auth.h"

namespace ringside {

namespace {
std::unique_ptr<Authenticator> noAuthenticator(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return nullptr;
}

bool containsWhitespaceOrControl(const QByteArray &text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f)
            return true;
    }
    return false;
}
} // namespace

QStringList supportedAuthSchemes()
{
    return {QStringLiteral("none"), QStringLiteral("bearer"), QStringLiteral("standard-webhooks")};
}

std::unique_ptr<Authenticator> createAuthenticator(const AuthSpec &spec, const Clock &clock,
                                                   QString *error)
{
    const QString scheme = spec.scheme.trimmed().toLower();
    if (scheme == u"none")
        return std::make_unique<NoAuth>();

    if (scheme == u"bearer") {
        // Trim what a config file or environment variable adds by accident (a trailing newline).
        const QByteArray token = spec.token.trimmed();
        if (token.isEmpty())
            return noAuthenticator(error, QStringLiteral("auth scheme \"bearer\" needs a non-empty token"));
        // The receiver reads the token up to the end of the header, so inner spaces could never match.
        if (containsWhitespaceOrControl(token))
            return noAuthenticator(error, QStringLiteral("auth scheme \"bearer\": the token must not contain "
                                                         "spaces or control characters"));
        return std::make_unique<BearerTokenAuth>(token);
    }

    if (scheme == u"standard-webhooks") {
        if (spec.secrets.isEmpty())
            return noAuthenticator(error, QStringLiteral("auth scheme \"standard-webhooks\" needs at least one "
                                                         "secret (\"whsec_...\")"));
        QList<StandardWebhooksSecret> secrets;
        for (qsizetype i = 0; i < spec.secrets.size(); ++i) {
            QString why;
            auto secret = StandardWebhooksSecret::parse(spec.secrets.at(i), &why);
            if (!secret) {
                // Number the secret instead of quoting it: error messages end up in logs.
                return noAuthenticator(error, spec.secrets.size() == 1
                                                  ? why
                                                  : QStringLiteral("secret %1 of %2: %3")
                                                        .arg(i + 1).arg(spec.secrets.size()).arg(why));
            }
            secrets.append(*secret);
        }
        return std::make_unique<StandardWebhooksAuth>(secrets, clock);
    }

    return noAuthenticator(error, QStringLiteral("unknown auth scheme \"%1\" (expected one of: %2)")
                                      .arg(spec.scheme.left(64), supportedAuthSchemes().join(QStringLiteral(", "))));
}

} // namespace ringside
