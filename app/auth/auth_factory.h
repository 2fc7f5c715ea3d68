#pragma once

#include "auth/authenticator.h"
#include "core/clock.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>

namespace ringside {

/** A route's authentication as configured: the scheme and the credentials it needs. */
struct AuthSpec
{
    QString scheme;      // "none" | "bearer" | "standard-webhooks" (case-insensitive)
    QByteArray token;    // bearer: the shared token
    QStringList secrets; // standard-webhooks: one or more "whsec_..." (several while rotating keys)
};

/** The scheme names createAuthenticator() understands, for help texts and error messages. */
QStringList supportedAuthSchemes();

/** Builds the authenticator a spec describes; clock must outlive it. On a bad spec returns null
 *  and sets *error to a one-line message that names the problem but never a secret or token. */
std::unique_ptr<Authenticator> createAuthenticator(const AuthSpec &spec, const Clock &clock,
                                                   QString *error = nullptr);

} // namespace ringside
