#include "delivery/http_client_connection.h"

#include "delivery/delivery_logging.h"

#include <QSignalBlocker>
#include <QSslSocket>
#include <QTcpSocket>
#include <limits>

namespace ringside {

HttpClientConnection::HttpClientConnection(const HttpOrigin &origin, const HttpClientLimits &limits, QObject *parent)
    : QObject(parent), m_origin(origin), m_idleTimeoutMs(limits.idleTimeoutMs), m_parser(limits), m_timer(this)
{
    if (origin.tls) {
        auto *ssl = new QSslSocket(this);
        connect(ssl, &QSslSocket::encrypted, this, &HttpClientConnection::writeRequest);
        m_socket = ssl;
    } else {
        m_socket = new QTcpSocket(this);
    }
    connect(m_socket, &QAbstractSocket::connected, this, [this] {
        // Headers and body leave in one write; Nagle would hold back nothing useful.
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (!m_origin.tls)
            writeRequest();
    });
    connect(m_socket, &QIODevice::readyRead, this, &HttpClientConnection::onReadyRead);
    connect(m_socket, &QAbstractSocket::disconnected, this, &HttpClientConnection::onClosed);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &HttpClientConnection::onError);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpClientConnection::onTimeout);
}

HttpClientConnection::~HttpClientConnection()
{
    // Closing emits signals; nobody here wants them any more.
    m_done = nullptr;
    m_socket->disconnect(this);
    m_socket->abort();
}

void HttpClientConnection::send(QByteArray request, bool resendIfStale, QDeadlineTimer deadline, int timeoutMs,
                                Done done)
{
    Q_ASSERT(!isBusy());
    m_request = std::move(request);
    m_mayResend = resendIfStale;
    m_done = std::move(done);
    m_timeoutMs = timeoutMs;
    m_resent = false;
    m_written = false;
    m_parser.reset();
    m_timer.stop(); // the idle timer of a kept-alive connection
    // A deadline already past fires from the event loop, like any other ending.
    if (!deadline.isForever())
        m_timer.start(int(qBound<qint64>(0, deadline.remainingTime(), qint64(std::numeric_limits<int>::max()))));
    if (m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesAvailable() > 0) {
        // Bytes came while the connection was idle and are not read yet: they would be taken for
        // this request's answer. The stream is out of step; start afresh.
        closeSocket();
    }
    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        // The keep-alive case; for TLS writeRequest() waits for the handshake. A write that fails
        // at once reports from inside it: finish() defers `done` while m_sending.
        m_sending = true;
        writeRequest();
        m_sending = false;
        return;
    }
    // Connect from the event loop: send() may run inside this socket's own disconnected() or
    // errorOccurred(), after which Qt still resets the socket's peer fields.
    QMetaObject::invokeMethod(this, &HttpClientConnection::connectOrWrite, Qt::QueuedConnection);
}

void HttpClientConnection::connectOrWrite()
{
    if (!isBusy() || m_written)
        return; // abandoned or finished meanwhile, or already on its way
    switch (m_socket->state()) {
    case QAbstractSocket::ConnectedState:
        writeRequest();
        return;
    case QAbstractSocket::HostLookupState:
    case QAbstractSocket::ConnectingState:
        return; // connected() or encrypted() writes
    default:
        break;
    }
    closeSocket();
    if (m_origin.tls)
        static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(m_origin.host, m_origin.port);
    else
        m_socket->connectToHost(m_origin.host, m_origin.port);
}

void HttpClientConnection::writeRequest()
{
    if (!isBusy() || m_written)
        return;
    if (m_origin.tls && !static_cast<QSslSocket *>(m_socket)->isEncrypted())
        return; // encrypted() comes back here
    m_written = true;
    m_socket->write(m_request);
    // Now, not on the next write notification: saves a wake-up of the event loop per request.
    m_socket->flush();
}

void HttpClientConnection::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    if (!isBusy()) {
        // Bytes nobody asked for (a server's 408 on an idle connection): the stream is out of step.
        if (!bytes.isEmpty())
            closeSocket();
        return;
    }
    switch (m_parser.feed(bytes)) {
    case HttpResponseParser::Result::NeedMore:
        return;
    case HttpResponseParser::Result::Complete: {
        const bool keepOpen = m_parser.keepAlive();
        finish(m_parser.takeResponse(), keepOpen);
        return;
    }
    case HttpResponseParser::Result::Error:
        fail(m_parser.error());
        return;
    }
}

void HttpClientConnection::onClosed()
{
    if (!isBusy())
        return; // an idle keep-alive connection the server closed: the next send() reconnects
    onReadyRead(); // what came with the close may complete the answer
    if (!isBusy() || resendOnFreshConnection())
        return;
    if (m_parser.finishAtClose() == HttpResponseParser::Result::Complete)
        finish(m_parser.takeResponse(), false);
    else
        fail(m_parser.error());
}

void HttpClientConnection::onError()
{
    if (!isBusy())
        return;
    if (m_socket->error() == QAbstractSocket::RemoteHostClosedError) {
        onClosed();
        return;
    }
    if (resendOnFreshConnection())
        return;
    const QString reason = m_socket->errorString();
    if (m_written)
        fail(reason);
    else
        fail(QStringLiteral("cannot connect to %1:%2: %3").arg(m_origin.host).arg(m_origin.port).arg(reason));
}

void HttpClientConnection::onTimeout()
{
    if (isBusy())
        fail(QStringLiteral("timed out after %1 ms").arg(m_timeoutMs), true);
    else
        closeSocket(); // idle too long: closed by us, not under a request by the server
}

bool HttpClientConnection::resendOnFreshConnection()
{
    // Only when the request went out on a connection that had carried earlier exchanges and not a
    // byte came back: the server closed it while idle, and our request crossed its close. The
    // Idempotency-Key makes a second copy harmless should the first have arrived after all.
    if (!m_mayResend || m_resent || !m_written || m_answered == 0 || m_parser.started())
        return false;
    qCInfo(lcDelivery) << "the server closed a kept-alive connection to" << m_origin.host << "under a request"
                       << "before answering a byte: sending it once more on a new connection";
    m_resent = true;
    m_written = false;
    m_parser.reset();
    closeSocket();
    QMetaObject::invokeMethod(this, &HttpClientConnection::connectOrWrite, Qt::QueuedConnection);
    return true;
}

void HttpClientConnection::fail(const QString &error, bool timedOut)
{
    finish(HttpClientResponse::failure(error, timedOut), false);
}

void HttpClientConnection::finish(HttpClientResponse response, bool keepOpen)
{
    m_timer.stop();
    Done done = std::move(m_done);
    m_done = nullptr;
    m_request.clear();
    // An answer that came before our request was all written (a server that answers early): the
    // rest of it would reach the server as the start of the next request.
    if (keepOpen && m_socket->bytesToWrite() > 0)
        keepOpen = false;
    if (keepOpen) {
        ++m_answered;
        if (m_idleTimeoutMs > 0)
            m_timer.start(m_idleTimeoutMs);
    } else {
        closeSocket();
    }
    m_parser.reset();
    if (m_sending) {
        // Never inside send(): the caller is not ready for its answer yet.
        QMetaObject::invokeMethod(this, [this, generation = m_generation, done = std::move(done),
                                         response = std::move(response)]() mutable {
            if (generation == m_generation)
                done(std::move(response));
        }, Qt::QueuedConnection);
        return;
    }
    // Last: `done` may send the next request on this very connection.
    done(std::move(response));
}

void HttpClientConnection::abandon()
{
    ++m_generation;
    m_done = nullptr;
    m_timer.stop();
    closeSocket();
    m_parser.reset();
}

void HttpClientConnection::closeSocket()
{
    m_answered = 0;
    // Our own close is no news to our slots.
    const QSignalBlocker blocker(m_socket);
    m_socket->abort();
}

} // namespace ringside
