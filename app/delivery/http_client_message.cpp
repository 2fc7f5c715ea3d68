#include "delivery/http_client_message.h"

#include <algorithm>
#include <cstring>

namespace ringside {

namespace {

// RFC 9110 tchar: anything else in a name could smuggle a second header or request.
bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

bool isSafeValue(const QByteArray &value)
{
    return std::none_of(value.cbegin(), value.cend(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

} // namespace

bool HttpOrigin::fromUrl(const QUrl &url, HttpOrigin *origin, QString *error)
{
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || url.host().isEmpty()) {
        // Scheme and host only: a webhook URL's path or query may be its credential.
        *error = QStringLiteral("not an http(s) URL: %1")
                     .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery
                                              | QUrl::RemoveFragment));
        return false;
    }
    origin->tls = scheme == QLatin1String("https");
    const int defaultPort = origin->tls ? 443 : 80;
    origin->host = url.host();
    origin->port = quint16(url.port(defaultPort));
    // An IPv6 literal needs its brackets back in the Host header.
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    origin->hostHeader = origin->port == defaultPort ? host : host + ':' + QByteArray::number(origin->port);
    return true;
}

QByteArray HttpOrigin::targetOf(const QUrl &url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return target;
}

bool HttpClientRequest::serialize(const QByteArray &hostHeader, QByteArray *out, QString *error) const
{
    if (method.isEmpty() || !std::all_of(method.cbegin(), method.cend(), isTokenChar) || target.isEmpty()
        || target.contains(' ') || !isSafeValue(target)) {
        *error = QStringLiteral("invalid request line");
        return false;
    }
    qsizetype size = method.size() + target.size() + hostHeader.size() + body.size() + 64;
    for (const auto &[name, value] : headers) {
        if (name.isEmpty() || !std::all_of(name.cbegin(), name.cend(), isTokenChar) || !isSafeValue(value)) {
            // The name only: a value may be a secret.
            *error = QStringLiteral("invalid header %1").arg(QString::fromLatin1(name.left(64)).simplified());
            return false;
        }
        size += name.size() + value.size() + 4;
    }
    out->clear();
    out->reserve(size);
    out->append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader);
    out->append("\r\nContent-Length: ").append(QByteArray::number(body.size())).append("\r\n");
    for (const auto &[name, value] : headers)
        out->append(name).append(": ").append(value).append("\r\n");
    out->append("\r\n").append(body);
    return true;
}

QByteArray HttpClientResponse::header(const QByteArray &lowerName) const
{
    const auto it = std::find_if(headers.cbegin(), headers.cend(), [&](const auto &h) { return h.first == lowerName; });
    return it == headers.cend() ? QByteArray() : it->second;
}

HttpClientResponse HttpClientResponse::failure(const QString &error, bool timedOut)
{
    HttpClientResponse r;
    r.error = error;
    r.timedOut = timedOut;
    return r;
}

} // namespace ringside
