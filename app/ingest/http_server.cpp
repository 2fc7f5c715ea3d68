#include "ingest/http_server.h"

#include "ingest/http_connection.h"
#include "ingest/ingest_logging.h"

#include <QTcpServer>

namespace ringside {

Q_LOGGING_CATEGORY(lcIngest, "ringside.ingest")

/** The listening socket; hands each accepted descriptor to HttpServer instead of queueing
 *  QTcpSockets, so every connection is built (and lives) on the server's thread. */
class HttpServer::Listener : public QTcpServer
{
public:
    explicit Listener(HttpServer *server)
        : QTcpServer(server)
        , m_server(server)
    {
    }

protected:
    void incomingConnection(qintptr socketDescriptor) override { m_server->acceptSocket(socketDescriptor); }

private:
    HttpServer *m_server;
};

HttpServer::HttpServer(HttpHandler *handler, const HttpLimits &limits, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_limits(limits)
    , m_listener(new Listener(this))
{
    Q_ASSERT(handler);
}

HttpServer::~HttpServer()
{
    // Delete connections while this object is still whole: their sockets' last signals must not
    // reach a half-destroyed server.
    const QSet<HttpConnection *> all = m_connections + m_refusing;
    m_connections.clear();
    m_refusing.clear();
    for (HttpConnection *connection : all) {
        connection->disconnect(this);
        delete connection;
    }
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_listener->listen(address, port)) {
        m_errorString = m_listener->errorString();
        // The caller reports the failure; a warning here would make it two lines on stderr.
        qCDebug(lcIngest) << "cannot listen on" << address.toString() << port << ":" << m_errorString;
        return false;
    }
    m_errorString.clear();
    m_port.store(m_listener->serverPort(), std::memory_order_relaxed);
    m_shuttingDown = false;
    m_drainedEmitted = false;
    qCDebug(lcIngest) << "listening on" << address.toString() << m_listener->serverPort();
    return true;
}

QString HttpServer::errorString() const
{
    return m_errorString;
}

bool HttpServer::isListening() const
{
    return m_listener->isListening();
}

void HttpServer::acceptSocket(qintptr socketDescriptor)
{
    auto *connection = new HttpConnection(socketDescriptor, m_handler, m_limits, this);
    if (!connection->isOpen()) {
        delete connection;
        return;
    }
    connect(connection, &HttpConnection::closed, this, &HttpServer::onConnectionClosed);
    if (m_connections.size() >= m_limits.maxConnections) {
        // Answer instead of dropping: the provider then retries later rather than guessing.
        qCDebug(lcIngest) << "connection limit" << m_limits.maxConnections << "reached: 503";
        m_refusing.insert(connection);
        connection->refuse(503, "too_many_connections");
        return;
    }
    m_connections.insert(connection);
    updateCount();
}

void HttpServer::onConnectionClosed(HttpConnection *connection)
{
    if (!m_connections.remove(connection) && !m_refusing.remove(connection))
        return;
    connection->deleteLater(); // we may be inside one of its socket's signals
    updateCount();
    checkDrained();
}

void HttpServer::updateCount()
{
    m_connectionCount.store(int(m_connections.size()), std::memory_order_relaxed);
}

void HttpServer::shutdown()
{
    if (m_shuttingDown) {
        checkDrained();
        return;
    }
    m_shuttingDown = true;
    m_listener->close();
    qCDebug(lcIngest) << "shutting down," << m_connections.size() << "connection(s) open";
    // A copy: idle connections close (and leave the sets) right inside shutdown().
    const QSet<HttpConnection *> all = m_connections + m_refusing;
    for (HttpConnection *connection : all)
        connection->shutdown();
    checkDrained();
}

void HttpServer::checkDrained()
{
    if (!m_shuttingDown || m_drainedEmitted || !m_connections.isEmpty() || !m_refusing.isEmpty())
        return;
    m_drainedEmitted = true;
    qCDebug(lcIngest) << "drained";
    emit drained();
}

} // namespace ringside
