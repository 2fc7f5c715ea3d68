#include "auth/bearer_token_auth.h"

#include "auth/constant_time.h"

#include <QCryptographicHash>

namespace ringside {

namespace {
QByteArray digest(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}
} // namespace

BearerTokenAuth::BearerTokenAuth(const QByteArray &token)
    : m_tokenDigest(digest(token))
{
}

AuthResult BearerTokenAuth::verify(const HttpRequest &request) const
{
    const QByteArray header = request.header(QByteArrayLiteral("authorization"));
    const qsizetype space = header.indexOf(' ');
    // The scheme name is case-insensitive (RFC 9110 11.1); the token itself is compared exactly.
    if (space < 0 || header.left(space).compare("bearer", Qt::CaseInsensitive) != 0)
        return AuthResult::reject(QByteArrayLiteral("missing_credentials"));
    const QByteArray presented = header.mid(space + 1).trimmed();
    if (presented.isEmpty())
        return AuthResult::reject(QByteArrayLiteral("missing_credentials"));
    if (!constantTimeEquals(digest(presented), m_tokenDigest))
        return AuthResult::reject(QByteArrayLiteral("bad_token"));
    return AuthResult::accept();
}

} // namespace ringside
