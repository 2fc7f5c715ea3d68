#pragma once

#include "delivery/http_client_message.h"
#include "delivery/http_response_parser.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>
#include <functional>

class QTcpSocket;

namespace ringside {

/** One keep-alive HTTP/1.1 connection (TLS for https) that carries one request at a time:
 *  connects on demand, reconnects after the server closed it, and ends every exchange with an
 *  answer or a reason — refused, timed out, malformed, closed early.
 *
 *  One deadline per exchange bounds all of it — DNS, connect, TLS handshake, write, headers and
 *  body — so a server that trickles bytes cannot stretch it; an idle connection closes after
 *  HttpClientLimits::idleTimeoutMs. It is kept open only after a complete answer that allows
 *  keep-alive; after anything else it closes. */
class HttpClientConnection : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(HttpClientResponse)>;

    HttpClientConnection(const HttpOrigin &origin, const HttpClientLimits &limits, QObject *parent = nullptr);
    ~HttpClientConnection() override;

    bool isBusy() const { return bool(m_done); }
    /** Sends one serialized request. `done` runs exactly once, later (never inside send()), on
     *  this thread; the connection is idle again by then. Requires !isBusy(). */
    void send(QByteArray request, bool resendIfStale, QDeadlineTimer deadline, int timeoutMs, Done done);
    /** Drops the exchange in flight without calling its `done` (even one already due), and
     *  closes the connection. */
    void abandon();

private:
    void connectOrWrite();
    void writeRequest();
    void onReadyRead();
    void onClosed();
    void onError();
    void onTimeout();
    /** Ends the exchange: the connection is idle (or closed) before `done` runs. */
    void finish(HttpClientResponse response, bool keepOpen);
    void fail(const QString &error, bool timedOut = false);
    /** A reused connection the server had already closed: send once more on a fresh one. */
    bool resendOnFreshConnection();
    void closeSocket();

    HttpOrigin m_origin;
    int m_idleTimeoutMs = 0;
    QTcpSocket *m_socket = nullptr;
    HttpResponseParser m_parser;
    QTimer m_timer;
    QByteArray m_request;
    Done m_done;
    int m_timeoutMs = 0;
    int m_answered = 0;        // exchanges completed on the current TCP connection
    bool m_mayResend = false;  // HttpClientRequest::resendIfStale
    bool m_resent = false;     // this request was already sent once more
    bool m_written = false;
    bool m_sending = false;    // inside send()
    quint64 m_generation = 0;  // abandon() makes a deferred `done` moot
};

} // namespace ringside
