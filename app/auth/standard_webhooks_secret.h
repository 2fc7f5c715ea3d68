#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace ringside {

/** A Standard Webhooks signing key, parsed from its `whsec_<base64>` text form. */
class StandardWebhooksSecret
{
public:
    /** Parses "whsec_<base64>" (surrounding whitespace ignored). On a bad format returns nullopt and
     *  sets *error to a one-line message fit for stderr; the message never contains the secret. */
    static std::optional<StandardWebhooksSecret> parse(QStringView text, QString *error = nullptr);

    /** The decoded HMAC key bytes. */
    const QByteArray &key() const { return m_key; }

private:
    explicit StandardWebhooksSecret(QByteArray key) : m_key(std::move(key)) {}
    QByteArray m_key;
};

} // namespace ringside
