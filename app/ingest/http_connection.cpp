#include "ingest/http_connection.h"

#include "ingest/ingest_logging.h"

#include <QDateTime>
#include <QPointer>
#include <QTimerEvent>

#include <charconv>
#include <cstdio>
#include <ctime>

namespace ringside {

namespace {

// One read's worth of bytes, parsed straight from the stack; only a pipelined tail is copied.
constexpr qint64 kReadChunk = 16 * 1024;

constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";

// "Sun, 06 Nov 1994 08:49:37 GMT", rebuilt at most once a second per thread. Built by hand:
// strftime would follow the locale QCoreApplication installed.
QByteArrayView httpDate()
{
    static constexpr char kDays[7][4] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr char kMonths[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    thread_local std::time_t cachedSecond = -1;
    thread_local char cached[40];
    thread_local int cachedLength = 0;
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        const QDateTime utc = QDateTime::fromSecsSinceEpoch(qint64(now), Qt::UTC);
        const QDate d = utc.date();
        const QTime t = utc.time();
        cachedLength = std::snprintf(cached, sizeof cached, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                     kDays[d.dayOfWeek() - 1], d.day(), kMonths[d.month() - 1], d.year(),
                                     t.hour(), t.minute(), t.second());
        cachedSecond = now;
    }
    return QByteArrayView(cached, cachedLength);
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, qsizetype(result.ptr - digits));
}

// The connection frames the message itself; a handler's copy of these would contradict it.
bool isFramingHeader(const QByteArray &name)
{
    return name.compare("content-length", Qt::CaseInsensitive) == 0
        || name.compare("transfer-encoding", Qt::CaseInsensitive) == 0
        || name.compare("connection", Qt::CaseInsensitive) == 0
        || name.compare("date", Qt::CaseInsensitive) == 0
        || name.compare("server", Qt::CaseInsensitive) == 0;
}

// A CR or LF from a handler would let it (or whoever fed it) inject headers or responses.
bool isSafeHeader(const QByteArray &name, const QByteArray &value)
{
    return !name.isEmpty() && !name.contains('\r') && !name.contains('\n') && !name.contains(':')
        && !value.contains('\r') && !value.contains('\n');
}

} // namespace

HttpConnection::HttpConnection(qintptr socketDescriptor, HttpHandler *handler, const HttpLimits &limits,
                               QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_limits(limits)
    , m_parser(limits)
{
    QString error;
    if (!m_stream.open(socketDescriptor, &error)) {
        qCWarning(lcIngest) << "cannot take over accepted socket:" << error;
        m_state = State::Closed;
        return;
    }
    m_peerAddress = m_stream.peerAddress();
    connect(&m_stream, &TcpStream::readyRead, this, &HttpConnection::processInput);
    connect(&m_stream, &TcpStream::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(&m_stream, &TcpStream::disconnected, this, &HttpConnection::onDisconnected);
    settle();
}

HttpConnection::~HttpConnection()
{
    m_stream.disconnect(this); // its descriptor closes with it, quietly
}

bool HttpConnection::isIdle() const
{
    return m_state == State::Idle && m_parser.bufferedBytes() == 0 && m_stream.bytesAvailable() == 0;
}

void HttpConnection::setState(State state)
{
    m_state = state;
    m_timerStale = true;
}

// The one timer is restarted when the state changed, not per read: a slow client costs
// nothing per byte, and a burst of reads costs no timer traffic.
void HttpConnection::syncTimer()
{
    if (!m_timerStale)
        return;
    m_timerStale = false;
    int timeoutMs = 0;
    switch (m_state) {
    case State::Idle:
        // Before its first request a connection gets no longer than a request's headers would:
        // otherwise silent connections could hold every slot for the whole idle timeout.
        timeoutMs = m_sequence == 0 ? qMin(m_limits.idleTimeoutMs, m_limits.headerTimeoutMs)
                                    : m_limits.idleTimeoutMs;
        break;
    case State::Headers:
        timeoutMs = m_limits.headerTimeoutMs;
        break;
    case State::Body:
        timeoutMs = m_limits.bodyTimeoutMs;
        break;
    case State::Closing:
        timeoutMs = m_limits.lingerTimeoutMs;
        break;
    case State::Handling: // the handler answers; its own deadlines apply
    case State::Closed:
        m_timer.stop();
        return;
    }
    m_timer.start(timeoutMs, Qt::CoarseTimer, this);
}

void HttpConnection::processInput()
{
    if (m_inProcessInput || m_state == State::Closed)
        return;
    m_inProcessInput = true;
    char chunk[kReadChunk];
    for (;;) {
        if (m_state == State::Closed)
            break;
        if (m_state == State::Closing) {
            discardInput();
            break;
        }
        if (m_state == State::Handling) {
            // Read ahead for pipelining up to the cap; past it the bytes wait in the socket.
            if (m_parser.bufferedBytes() >= m_limits.maxPipelinedBytes)
                break;
            const qint64 n = m_stream.read(chunk, kReadChunk);
            if (n <= 0)
                break;
            m_parser.feed(QByteArrayView(chunk, n));
            continue;
        }
        if (m_state == State::Idle && m_stream.bytesToWrite() > m_limits.maxPipelinedBytes) {
            // The client is not reading its responses: take no new request until it does.
            m_waitingForWrites = true;
            break;
        }

        HttpRequestParser::Result result;
        if (m_parser.bufferedBytes() > 0) {
            result = m_parser.feed({});
        } else {
            const qint64 n = m_stream.read(chunk, kReadChunk);
            if (n <= 0)
                break;
            result = m_parser.feed(QByteArrayView(chunk, n));
        }

        switch (result) {
        case HttpRequestParser::Result::NeedMore:
            if (m_state == State::Idle && m_parser.messageStarted())
                setState(State::Headers);
            if (m_state == State::Headers && m_parser.headersComplete()) {
                setState(State::Body);
                // The length is acceptable (else it was a 413): tell the client to send the body.
                if (m_parser.expectsContinue())
                    m_stream.write(QByteArrayView(kContinue, qsizetype(sizeof kContinue - 1)));
            }
            break;
        case HttpRequestParser::Result::MessageComplete:
            handleRequest();
            break;
        case HttpRequestParser::Result::Error:
            protocolError(m_parser.errorStatus(), m_parser.errorReason(), m_parser.partialRequest());
            break;
        }
    }
    if (m_stream.inputEnded())
        onInputEnded();
    m_inProcessInput = false;
    settle();
}

void HttpConnection::handleRequest()
{
    setState(State::Handling);
    m_keepAlive = m_parser.keepAlive();
    HttpRequest request = m_parser.takeRequest();
    request.peerAddress = m_peerAddress;
    m_headRequest = request.method == "HEAD";
    const quint32 sequence = ++m_sequence;
    // The handler may answer much later (after a COMMIT); by then this connection may be gone,
    // so the callback holds a guarded pointer, and the sequence makes a stale answer harmless.
    QPointer<HttpConnection> self(this);
    m_handler->handle(std::move(request), [self, sequence](HttpResponse response) {
        if (self)
            self->respond(sequence, std::move(response));
    });
}

void HttpConnection::respond(quint32 sequence, HttpResponse response)
{
    if (m_state != State::Handling || sequence != m_sequence) {
        qCDebug(lcIngest) << "response dropped: request" << sequence << "is no longer waiting for one";
        return;
    }
    const bool close = response.closeConnection || !m_keepAlive || m_closeAfterResponse;
    writeResponse(response, close);
    if (close) {
        startClosing();
    } else {
        m_parser.reset();
        setState(State::Idle);
    }
    processInput(); // the next pipelined request, if any; also restarts the timer
}

void HttpConnection::writeResponse(const HttpResponse &response, bool close)
{
    const int status = response.status;
    // 1xx, 204 and 304 never carry a body, and HEAD gets the headers a GET would.
    const bool bodyless = status < 200 || status == 204 || status == 304;
    const bool sendBody = !bodyless && !m_headRequest;

    QByteArray out;
    out.reserve(200 + response.headers.size() * 48 + (sendBody ? response.body.size() : 0));
    out.append("HTTP/1.1 ");
    appendNumber(out, status);
    out.append(' ');
    out.append(HttpResponse::reasonPhrase(status));
    out.append("\r\nServer: ringside\r\nDate: ");
    out.append(httpDate());
    out.append("\r\n");
    if (!bodyless) {
        if (!response.contentType.isEmpty()) {
            out.append("Content-Type: ");
            out.append(response.contentType);
            out.append("\r\n");
        }
        out.append("Content-Length: ");
        appendNumber(out, response.body.size());
        out.append("\r\n");
    }
    out.append(close ? "Connection: close\r\n" : "Connection: keep-alive\r\n");
    for (const auto &header : response.headers) {
        if (isFramingHeader(header.first) || !isSafeHeader(header.first, header.second)) {
            qCWarning(lcIngest) << "response header dropped:" << header.first;
            continue;
        }
        out.append(header.first);
        out.append(": ");
        out.append(header.second);
        out.append("\r\n");
    }
    out.append("\r\n");
    if (sendBody)
        out.append(response.body);
    m_stream.write(out); // one send, now: one segment for a small response
}

void HttpConnection::protocolError(int status, const QByteArray &reason, const HttpRequest &partial)
{
    qCDebug(lcIngest) << "refused" << status << reason << "from" << m_peerAddress;
    m_keepAlive = false;
    m_headRequest = false;
    // Counted before the answer leaves: a client that saw it may read the metrics at once.
    m_handler->refused(status, reason, partial);
    HttpResponse response = HttpResponse::text(status, HttpResponse::reasonPhrase(status).toLower());
    writeResponse(response, true);
    startClosing();
}

void HttpConnection::refuse(int status, const QByteArray &reason)
{
    if (m_state == State::Closed)
        return;
    protocolError(status, reason, HttpRequest());
    settle();
}

void HttpConnection::shutdown()
{
    m_closeAfterResponse = true;
    if (m_state == State::Idle && isIdle()) {
        if (m_stream.bytesToWrite() > 0) {
            startClosing(); // flush the last response first
        } else {
            setState(State::Closing);
            m_stream.close(); // nothing to send, nothing unread: a plain close
        }
    }
    // A request being read or handled finishes; its response then closes the connection.
    settle();
}

void HttpConnection::startClosing()
{
    setState(State::Closing);
    if (m_stream.bytesToWrite() == 0)
        finishWrites(); // otherwise once onBytesWritten sees the buffer empty
}

// Half-close: the client sees our FIN after the response, while we keep reading (and dropping)
// what it still sends. A full close with unread bytes would send RST, and an RST can destroy a
// response the client has not read yet, e.g. the 413 for a body that is still arriving.
void HttpConnection::finishWrites()
{
    if (m_halfClosed)
        return;
    m_halfClosed = true;
    if (m_stream.shutdownWrite()) {
        discardInput();
        if (m_stream.inputEnded())
            m_stream.close(); // both sides are done
        return;
    }
    m_stream.close();
}

// Until the client closes its side (the stream then ends) or the linger timeout.
void HttpConnection::discardInput()
{
    char chunk[kReadChunk];
    while (m_stream.read(chunk, kReadChunk) > 0) {
    }
}

// The client sent FIN, so no request comes after the ones already read. One it half-closed after
// (as HTTP/1.0 tools and some scripts do) is still answered before we close; see respond().
void HttpConnection::onInputEnded()
{
    switch (m_state) {
    case State::Idle:
        // Requests may still wait in the buffer while the client catches up with our responses;
        // onBytesWritten() resumes them, and this comes back when none is left.
        if (!m_waitingForWrites)
            startClosing(); // after the responses already written
        break;
    case State::Headers:
    case State::Body:
        protocolError(400, "truncated_request", m_parser.partialRequest()); // it cannot be finished
        break;
    case State::Closing:
        if (m_halfClosed)
            m_stream.close(); // otherwise finishWrites() closes once our bytes are out
        break;
    case State::Handling: // its response comes first
    case State::Closed:
        break;
    }
}

void HttpConnection::onBytesWritten()
{
    if (m_state == State::Closing) {
        if (m_stream.bytesToWrite() == 0)
            finishWrites();
        return;
    }
    if (m_waitingForWrites && m_stream.bytesToWrite() <= m_limits.maxPipelinedBytes) {
        m_waitingForWrites = false;
        processInput();
    }
}

void HttpConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    setState(State::Closed);
    m_timer.stop();
    emit closed(this);
}

void HttpConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timer.stop();
    switch (m_state) {
    case State::Idle:
        // No byte of a new request: nobody is waiting for an answer, so just close.
        qCDebug(lcIngest) << "idle connection closed" << m_peerAddress;
        setState(State::Closing);
        // Unsent or unread bytes make this a reset: a client that stopped reading its responses.
        m_stream.close();
        break;
    case State::Headers:
        protocolError(408, "header_timeout", m_parser.partialRequest());
        break;
    case State::Body:
        protocolError(408, "body_timeout", m_parser.partialRequest());
        break;
    case State::Closing:
        qCDebug(lcIngest) << "closing connection did not finish in time" << m_peerAddress;
        m_stream.close();
        break;
    case State::Handling:
    case State::Closed:
        break;
    }
    settle();
}

bool HttpConnection::wantsInput() const
{
    switch (m_state) {
    case State::Idle:
    case State::Headers:
    case State::Body:
        return !m_waitingForWrites;
    case State::Handling:
        // Read ahead for pipelining up to the cap; past it the bytes wait in the kernel.
        return m_parser.bufferedBytes() < m_limits.maxPipelinedBytes;
    case State::Closing:
        return true; // drained and dropped
    case State::Closed:
        return false;
    }
    return false;
}

void HttpConnection::settle()
{
    syncTimer();
    m_stream.setReadingEnabled(wantsInput());
}

} // namespace ringside
