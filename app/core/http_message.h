#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace ringside {

/** One parsed HTTP request, as the receiver hands it to routes, authenticators and normalisers. */
struct HttpRequest
{
    QByteArray method;   // "POST"
    QByteArray target;   // "/webhooks/unlimcall?x=1", as sent
    QByteArray path;     // "/webhooks/unlimcall", percent-decoding left to the route
    QByteArray query;    // "x=1", without '?'
    int versionMajor = 1;
    int versionMinor = 1;
    /** Header names lower-cased, values as sent (trimmed); order and repeats kept. */
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray peerAddress; // "127.0.0.1"

    /** First value of a header (name in lower case), or a null QByteArray. */
    QByteArray header(const QByteArray &lowerName) const;
    bool hasHeader(const QByteArray &lowerName) const;
};

/** An HTTP response the receiver writes back; the connection adds framing headers itself. */
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers, e.g. Retry-After, Allow
    bool closeConnection = false;

    static HttpResponse text(int status, const QByteArray &body);
    /** A compact JSON body; contentType lets a simulated API answer exactly like the real one. */
    static HttpResponse json(int status, const QJsonObject &body,
                             const QByteArray &contentType = QByteArrayLiteral("application/json"));
    static QByteArray reasonPhrase(int status);
};

} // namespace ringside
