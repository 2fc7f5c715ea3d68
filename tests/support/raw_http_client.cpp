#include "raw_http_client.h"

#include <QDeadlineTimer>

#include <sys/socket.h>

namespace ringside::test {

QByteArray RawResponse::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return h.second;
    return {};
}

bool RawHttpClient::connectTo(quint16 port, const QString &host, int timeoutMs)
{
    m_socket.connectToHost(host, port);
    return m_socket.waitForConnected(timeoutMs);
}

bool RawHttpClient::send(const QByteArray &bytes)
{
    if (m_socket.write(bytes) != bytes.size())
        return false;
    while (m_socket.bytesToWrite() > 0) {
        if (!m_socket.waitForBytesWritten(5000))
            return false;
    }
    return true;
}

bool RawHttpClient::fill(int timeoutMs)
{
    if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(timeoutMs))
        return false;
    m_buffer += m_socket.readAll();
    return true;
}

std::optional<RawResponse> RawHttpClient::readResponse(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    qsizetype headerEnd;
    while ((headerEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
        if (deadline.hasExpired() || !fill(int(deadline.remainingTime())))
            return std::nullopt;
    }
    RawResponse r;
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QByteArray statusLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = statusLine.split(' ');
    if (parts.size() < 2 || !parts[0].startsWith("HTTP/1."))
        return std::nullopt;
    r.status = parts[1].toInt();
    r.reason = statusLine.mid(parts[0].size() + parts[1].size() + 2);
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const int colon = line.indexOf(':');
        if (colon > 0)
            r.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    m_buffer.remove(0, headerEnd + 4);
    if (r.status < 200 || r.status == 204)
        return r;
    if (r.header("transfer-encoding").toLower() == "chunked") {
        for (;;) {
            qsizetype lineEnd;
            while ((lineEnd = m_buffer.indexOf("\r\n")) < 0)
                if (deadline.hasExpired() || !fill(int(deadline.remainingTime())))
                    return std::nullopt;
            bool ok = false;
            const qsizetype size = m_buffer.left(lineEnd).split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok)
                return std::nullopt;
            while (m_buffer.size() < lineEnd + 2 + size + 2)
                if (deadline.hasExpired() || !fill(int(deadline.remainingTime())))
                    return std::nullopt;
            r.body += m_buffer.mid(lineEnd + 2, size);
            m_buffer.remove(0, lineEnd + 2 + size + 2);
            if (size == 0)
                return r;
        }
    }
    const QByteArray lengthHeader = r.header("content-length");
    if (lengthHeader.isNull()) { // body until close
        while (m_socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired())
            if (!fill(int(deadline.remainingTime())))
                break;
        m_buffer += m_socket.readAll();
        r.body = m_buffer;
        m_buffer.clear();
        return r;
    }
    const qsizetype length = lengthHeader.toLongLong();
    while (m_buffer.size() < length)
        if (deadline.hasExpired() || !fill(int(deadline.remainingTime())))
            return std::nullopt;
    r.body = m_buffer.left(length);
    m_buffer.remove(0, length);
    return r;
}

bool RawHttpClient::finishSending()
{
    // send() flushed everything; the socket itself has no half-close.
    return m_socket.bytesToWrite() == 0 && ::shutdown(int(m_socket.socketDescriptor()), SHUT_WR) == 0;
}

bool RawHttpClient::waitForClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket.state() != QAbstractSocket::UnconnectedState) {
        if (deadline.hasExpired())
            return false;
        if (m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            m_buffer += m_socket.readAll();
        else if (m_socket.state() == QAbstractSocket::ConnectedState && deadline.hasExpired())
            return false;
    }
    return true;
}

QByteArray RawHttpClient::post(const QByteArray &path, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray r = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    for (const auto &h : headers)
        r += h.first + ": " + h.second + "\r\n";
    r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return r;
}

std::optional<RawResponse> exchange(quint16 port, const QByteArray &request, int timeoutMs)
{
    RawHttpClient c;
    if (!c.connectTo(port, QStringLiteral("127.0.0.1"), timeoutMs) || !c.send(request))
        return std::nullopt;
    return c.readResponse(timeoutMs);
}

} // namespace ringside::test
