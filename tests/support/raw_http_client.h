#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QTcpSocket>
#include <optional>

namespace ringside::test {

/** One HTTP response as read off the wire by RawHttpClient. */
struct RawResponse
{
    int status = 0;
    QByteArray reason;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    QByteArray header(const QByteArray &lowerName) const;
};

/** A blocking HTTP/1.1 client over one socket, for tests that need exact bytes on the wire.
 *  The server must run on another thread (or process): this client blocks its own. */
class RawHttpClient
{
public:
    bool connectTo(quint16 port, const QString &host = QStringLiteral("127.0.0.1"), int timeoutMs = 5000);
    /** Writes raw bytes and flushes them. */
    bool send(const QByteArray &bytes);
    /** Reads exactly one response (Content-Length or chunked framed; 1xx returned as is). */
    std::optional<RawResponse> readResponse(int timeoutMs = 5000);
    /** Half-closes: sends FIN, as HTTP/1.0 tools do after their request, and keeps reading. */
    bool finishSending();
    /** True once the server closed the connection (waits up to timeoutMs). */
    bool waitForClosed(int timeoutMs = 5000);
    QTcpSocket &socket() { return m_socket; }

    /** A complete POST with Content-Length. */
    static QByteArray post(const QByteArray &path, const QByteArray &body,
                           const QList<QPair<QByteArray, QByteArray>> &headers = {});

private:
    bool fill(int timeoutMs);
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

/** Convenience: one request on a fresh connection. */
std::optional<RawResponse> exchange(quint16 port, const QByteArray &request, int timeoutMs = 5000);

} // namespace ringside::test
