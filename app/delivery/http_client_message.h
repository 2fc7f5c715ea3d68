#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace ringside {

/** Where requests go: scheme, host and port of a URL, and the Host header that names them. */
struct HttpOrigin
{
    QString host;
    quint16 port = 0;
    bool tls = false;
    QByteArray hostHeader; // "crm.example.com" or "127.0.0.1:8081" (the port only when not the default)

    /** http and https URLs only; false with *error otherwise. */
    static bool fromUrl(const QUrl &url, HttpOrigin *origin, QString *error);
    /** The request target of a URL: its path (at least "/") and query, as sent on the wire. */
    static QByteArray targetOf(const QUrl &url);
};

/** How much of an answer the client reads: a CRM (or something posing as one) must not be able
 *  to make the delivery thread buffer without bound. */
struct HttpClientLimits
{
    qsizetype maxHeaderBytes = 64 * 1024; // status line and headers
    qsizetype maxBodyBytes = 64 * 1024;   // kept; a longer body is cut here and the connection closed
};

/** One HTTP/1.1 request as a sink builds it; the client adds Host, Content-Length and framing. */
struct HttpClientRequest
{
    QByteArray method = "POST";
    QByteArray target = "/";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    /** The bytes on the wire; false with *error if a header would break the framing (CR, LF or
     *  NUL in it, a name that is not a token). */
    bool serialize(const QByteArray &hostHeader, QByteArray *out, QString *error) const;
};

/** How one exchange ended: an answer (status != 0) or a failure with a reason. */
struct HttpClientResponse
{
    int status = 0;        // 0: no complete answer (see error)
    bool timedOut = false;
    QString error;         // empty for an answer
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed
    QByteArray body;       // at most HttpClientLimits::maxBodyBytes
    bool bodyTruncated = false;

    /** First value of a header (name in lower case), or a null QByteArray. */
    QByteArray header(const QByteArray &lowerName) const;
    static HttpClientResponse failure(const QString &error, bool timedOut = false);
};

} // namespace ringside
