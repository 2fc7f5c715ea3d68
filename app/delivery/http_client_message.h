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

/** How much of an answer the client reads and how long a connection may wait: a CRM (or something
 *  posing as one) must not be able to make the delivery thread buffer without bound. */
struct HttpClientLimits
{
    qsizetype maxHeaderBytes = 64 * 1024; // status line and headers
    // Read (and thrown away past keptBodyBytes) so the connection stays usable; a longer body ends
    // the read there: the answer is what was kept, and the connection closes.
    qsizetype maxBodyBytes = 64 * 1024;
    qsizetype keptBodyBytes = 64 * 1024;  // at most maxBodyBytes
    // An idle keep-alive connection closes after this: shorter than common server keep-alive
    // timeouts (5 s in Node), so our request rarely crosses the server's close.
    int idleTimeoutMs = 4000;
};

/** One HTTP/1.1 request as a sink builds it; the client adds Host, Content-Length and framing. */
struct HttpClientRequest
{
    QByteArray method = "POST";
    QByteArray target = "/";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // May go out once more, unasked, when a kept-alive connection turns out closed under it before a
    // byte of the answer came back. Only for a request whose repetition does no harm: one that
    // carries an Idempotency-Key, a search, a PATCH of the same fields.
    bool resendIfStale = false;

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
    QByteArray body;       // at most HttpClientLimits::keptBodyBytes
    bool bodyTruncated = false; // the answer's body was longer than what `body` holds

    /** First value of a header (name in lower case), or a null QByteArray. */
    QByteArray header(const QByteArray &lowerName) const;
    static HttpClientResponse failure(const QString &error, bool timedOut = false);
};

} // namespace ringside
