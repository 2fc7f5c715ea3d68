#include "fake_http_server.h"

#include <QSslServer>
#include <QTcpSocket>

namespace ringside::test {

FakeHttpServer::FakeHttpServer(QObject *parent) : QObject(parent), m_server(std::make_unique<QTcpServer>())
{
    m_script = [](int, const QByteArray &) { return Reply{response(200, "ok"), false}; };
    // Not newConnection(): a QSslServer announces that before the handshake, with nothing pending yet.
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &FakeHttpServer::onConnection);
}

FakeHttpServer::~FakeHttpServer()
{
    // The sockets die with m_server, after m_buffers: their last signals must not reach us.
    for (QTcpSocket *s : m_server->findChildren<QTcpSocket *>())
        s->disconnect(this);
}

bool FakeHttpServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost);
}

bool FakeHttpServer::listenTls(const QSslConfiguration &configuration)
{
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    connect(server.get(), &QTcpServer::pendingConnectionAvailable, this, &FakeHttpServer::onConnection);
    m_server = std::move(server);
    return m_server->listen(QHostAddress::LocalHost);
}

QUrl FakeHttpServer::url(const QString &pathAndQuery, const QString &scheme) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3").arg(scheme).arg(port()).arg(pathAndQuery));
}

int FakeHttpServer::connectionsOpen() const
{
    int open = 0;
    for (const QTcpSocket *s : m_server->findChildren<QTcpSocket *>())
        open += s->state() == QAbstractSocket::ConnectedState ? 1 : 0;
    return open;
}

QByteArray FakeHttpServer::response(int status, const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray r = "HTTP/1.1 " + QByteArray::number(status) + " Status\r\nContent-Length: "
                   + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : headers)
        r += name + ": " + value + "\r\n";
    return r + "\r\n" + body;
}

void FakeHttpServer::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_accepted;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        if (!m_greeting.isEmpty())
            socket->write(m_greeting);
    }
}

void FakeHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        qsizetype length = 0;
        for (const QByteArray &line : buffer.left(headEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < headEnd + 4 + length)
            break;
        const QByteArray request = buffer.left(headEnd + 4 + length);
        buffer.remove(0, request.size());
        const int index = int(m_requests.size());
        m_requests.append(request);
        const Reply reply = m_script(index, request);
        if (!reply.bytes.isEmpty())
            socket->write(reply.bytes);
        Q_EMIT requestReceived();
        if (reply.close) {
            socket->disconnectFromHost();
            return;
        }
    }
}

} // namespace ringside::test
