#include "ingest/http_server.h"

#include "ingest/http_connection.h"
#include "ingest/ingest_logging.h"

#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace ringside {

Q_LOGGING_CATEGORY(lcIngest, "ringside.ingest")

namespace {
constexpr qsizetype kMaxRefusing = 256; // connections answered 503 and still closing
}

/** The listening socket. QTcpServer binds and listens; the accepting is done here, because
 *  QTcpServer's own loop cannot tell running out of descriptors from "nothing to accept": its
 *  socket engine keeps only the first error it ever records, which is the EAGAIN of an emptied
 *  backlog, so a later EMFILE looks temporary and the level-triggered notifier spins a core on
 *  accept() until descriptors free up (or, if EMFILE came first, it stops accepting for good).
 *  Each accepted descriptor goes to HttpServer, so every connection lives on the server's thread. */
class HttpServer::Listener : public QTcpServer
{
public:
    explicit Listener(HttpServer *server)
        : QTcpServer(server)
        , m_server(server)
    {
        // A child, so that it moves to the server's thread with us.
        m_retry->setSingleShot(true);
        m_retry->setInterval(100);
        QObject::connect(m_retry, &QTimer::timeout, this, [this] {
            if (m_notifier)
                m_notifier->setEnabled(true);
        });
    }
    ~Listener() override { stop(); }

    bool start(const QHostAddress &address, quint16 port)
    {
        if (!listen(address, port))
            return false;
        pauseAccepting(); // QTcpServer's notifier stays off; ours takes the connections
        m_notifier = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Read, this);
        QObject::connect(m_notifier, &QSocketNotifier::activated, this, [this] { acceptPending(); });
        return true;
    }

    void stop()
    {
        m_retry->stop();
        delete m_notifier; // before the descriptor it watches goes
        m_notifier = nullptr;
        close();
    }

private:
    void acceptPending()
    {
        const int listening = int(socketDescriptor());
        // A bounded round: a flood of connections must not keep this thread from its requests.
        for (int i = 0; i < 64 && m_notifier; ++i) {
            const int fd = ::accept4(listening, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd >= 0) {
                if (m_failing) {
                    m_failing = false;
                    if (m_warned)
                        qCInfo(lcIngest) << "accepting connections again";
                }
                m_server->acceptSocket(fd);
                continue;
            }
            switch (errno) {
            case EAGAIN:
#if EWOULDBLOCK != EAGAIN
            case EWOULDBLOCK:
#endif
                return;
            case EINTR:
            case ECONNABORTED: // the client gave up while queued
            case EPROTO:
            case ENETDOWN:
            case ENOPROTOOPT:
            case EHOSTDOWN:
            case ENONET:
            case EHOSTUNREACH:
            case ENETUNREACH:
                continue; // that connection's own trouble (accept(2) reports it here)
            default:
                // EMFILE, ENFILE, ENOBUFS, ENOMEM: wait for resources; the clients wait in the backlog.
                if (!m_failing) {
                    // Once a minute at most: under a flood this flaps with every connection that ends.
                    m_warned = !m_lastWarning.isValid() || m_lastWarning.hasExpired(60'000);
                    if (m_warned) {
                        m_lastWarning.start();
                        qCWarning(lcIngest).nospace() << "cannot accept connections: " << std::strerror(errno)
                                                      << "; retrying every " << m_retry->interval() << " ms";
                    }
                }
                m_failing = true;
                m_notifier->setEnabled(false);
                m_retry->start();
                return;
            }
        }
    }

    HttpServer *m_server;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_retry = new QTimer(this);
    QElapsedTimer m_lastWarning;
    bool m_failing = false; // since an accept failed for want of resources, until one succeeds
    bool m_warned = false;  // this failure was logged (so its end is too)
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
    if (!m_listener->start(address, port)) {
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
        if (m_refusing.size() >= kMaxRefusing) {
            // A flood: each 503 holds its descriptor while it lingers; past this, just close.
            qCDebug(lcIngest) << "connection limit reached and" << kMaxRefusing << "refusals pending: closed";
            delete connection;
            return;
        }
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
    m_listener->stop();
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
