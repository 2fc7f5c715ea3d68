#pragma once

#include "auth/authenticator.h"

namespace ringside {

/** Accepts a request whose `Authorization: Bearer <token>` matches one shared token. */
class BearerTokenAuth final : public Authenticator
{
public:
    /** token must not be empty (createAuthenticator() checks that for configuration). */
    explicit BearerTokenAuth(const QByteArray &token);

    QByteArray scheme() const override { return QByteArrayLiteral("bearer"); }
    /** Rejects with "missing_credentials" (no header, another scheme, empty token) or "bad_token". */
    AuthResult verify(const HttpRequest &request) const override;

private:
    // Only the SHA-256 of the token is kept: comparing digests takes the same time whatever the
    // presented token's length, and the token itself never sits in this object's memory.
    QByteArray m_tokenDigest;
};

} // namespace ringside
