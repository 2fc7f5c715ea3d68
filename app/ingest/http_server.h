#pragma once

#include "ingest/http_handler.h"
#include "ingest/http_limits.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QString>

#include <atomic>

namespace ringside {

class HttpConnection;

/** The HTTP/1.1 receiver: accepts connections, serves them under HttpLimits through an
 *  HttpHandler, and drains them on shutdown. Runs wholly on the thread it lives on; move it to
 *  its own QThread before listen(), and call listen() and shutdown() on that thread. */
class HttpServer : public QObject
{
    Q_OBJECT
public:
    /** handler must outlive the server; it is called on the server's thread only. */
    explicit HttpServer(HttpHandler *handler, const HttpLimits &limits = {}, QObject *parent = nullptr);
    ~HttpServer() override;

    bool listen(const QHostAddress &address = QHostAddress::Any, quint16 port = 0);
    /** Why the last listen() failed. */
    QString errorString() const;
    /** The bound port once listening (useful after listen(..., 0)); safe from any thread. */
    quint16 serverPort() const { return m_port.load(std::memory_order_relaxed); }
    bool isListening() const;
    /** Open client connections, not counting ones being refused with 503; safe from any thread. */
    int connectionCount() const { return m_connectionCount.load(std::memory_order_relaxed); }
    const HttpLimits &limits() const { return m_limits; }

public slots:
    /** Stops listening, closes idle connections at once, lets requests in progress get their
     *  response (with "Connection: close"), and emits drained() when no connection is left. */
    void shutdown();

signals:
    /** After shutdown(), once the last connection closed (at once if there was none). */
    void drained();

private:
    class Listener;

    void acceptSocket(qintptr socketDescriptor);
    void onConnectionClosed(HttpConnection *connection);
    void updateCount();
    void checkDrained();

    HttpHandler *m_handler;
    HttpLimits m_limits;
    Listener *m_listener;
    QSet<HttpConnection *> m_connections;
    QSet<HttpConnection *> m_refusing; // answered 503, closing; kept apart so they take no slot
    QString m_errorString;
    std::atomic<quint16> m_port{0};
    std::atomic<int> m_connectionCount{0};
    bool m_shuttingDown = false;
    bool m_drainedEmitted = false;
};

} // namespace ringside
