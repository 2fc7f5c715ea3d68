#pragma once

#include "auth/authenticator.h"

namespace ringside {

/** Accepts every request: for a route behind a trusted proxy or a local demo, chosen explicitly. */
class NoAuth final : public Authenticator
{
public:
    QByteArray scheme() const override { return QByteArrayLiteral("none"); }
    AuthResult verify(const HttpRequest &request) const override;
};

} // namespace ringside
