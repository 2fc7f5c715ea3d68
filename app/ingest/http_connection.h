#pragma once

#include "core/http_message.h"
#include "ingest/http_handler.h"
#include "ingest/http_limits.h"
#include "ingest/http_request_parser.h"
#include "ingest/tcp_stream.h"

#include <QBasicTimer>
#include <QObject>

namespace ringside {

/** One client connection of an HttpServer: reads requests one at a time, hands each to the
 *  HttpHandler, writes the responses in order, and enforces the limits and timeouts. */
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    /** Takes over an accepted socket; must run on the thread that will serve it. */
    HttpConnection(qintptr socketDescriptor, HttpHandler *handler, const HttpLimits &limits,
                   QObject *parent = nullptr);
    ~HttpConnection() override;

    /** False if the descriptor could not be taken over; the connection is then closed. */
    bool isOpen() const { return m_state != State::Closed; }
    /** No request in progress or waiting: closing it now loses nothing. */
    bool isIdle() const;

    /** Answers status at once without reading a request, calls refused(), and closes
     *  (the server uses it for 503 when full). */
    void refuse(int status, const QByteArray &reason);
    /** Graceful close: at once when idle, otherwise after the response to the request in
     *  progress, which is sent with "Connection: close". */
    void shutdown();

signals:
    /** The socket is gone; the owner deletes the connection (deleteLater). Emitted once. */
    void closed(ringside::HttpConnection *connection);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    enum class State {
        Idle,     // between requests (no byte of the next one parsed yet)
        Headers,  // reading a request line and headers
        Body,     // reading a body
        Handling, // the handler has the request; later bytes are buffered up to a cap
        Closing,  // last response written; flushing, then draining the client's leftovers
        Closed,   // socket gone
    };

    void processInput();
    void handleRequest();
    void respond(quint32 sequence, HttpResponse response);
    void writeResponse(const HttpResponse &response, bool close);
    void protocolError(int status, const QByteArray &reason, const HttpRequest &partial);
    void startClosing();
    void finishWrites();
    void discardInput();
    void onInputEnded();
    void setState(State state);
    /** After any change: the timer of the state, and whether to read the socket at all. */
    void settle();
    void syncTimer();
    bool wantsInput() const;
    void onBytesWritten();
    void onDisconnected();

    TcpStream m_stream;
    HttpHandler *m_handler;
    HttpLimits m_limits;
    HttpRequestParser m_parser;
    QBasicTimer m_timer; // the one timeout of whatever state the connection is in
    QByteArray m_peerAddress;
    State m_state = State::Idle;
    quint32 m_sequence = 0;          // which request a respond callback belongs to
    bool m_timerStale = true;        // the state changed since the timer was last started
    bool m_inProcessInput = false;   // respond() called from inside handle() must not recurse
    bool m_keepAlive = true;
    bool m_headRequest = false;
    bool m_closeAfterResponse = false; // set by shutdown()
    bool m_waitingForWrites = false;   // too many unsent response bytes to start the next request
    bool m_halfClosed = false;
};

} // namespace ringside
