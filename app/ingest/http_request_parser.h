#pragma once

#include "core/http_message.h"
#include "ingest/http_limits.h"

#include <QByteArray>
#include <QByteArrayView>

#include <http_parser.h>

namespace ringside {

/** Incremental HTTP/1.x request parser over libhttp-parser that enforces HttpLimits and stops
 *  after each complete message, so pipelined requests are taken one at a time. */
class HttpRequestParser
{
public:
    enum class Result {
        NeedMore,        // everything fed was consumed; the message is not complete yet
        MessageComplete, // request() is complete; later bytes stay buffered until reset()
        Error,           // errorStatus()/errorReason() say why; the connection must close
    };

    explicit HttpRequestParser(const HttpLimits &limits = {});
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    /** Parses bytes after any still buffered ones. Empty bytes just continue on the buffer.
     *  After MessageComplete (until reset()) or Error, bytes are only buffered. */
    Result feed(QByteArrayView bytes);
    /** Forgets the current message and gets ready for the next; buffered bytes are kept. */
    void reset();

    /** The first byte of a message (not counting blank lines between messages) was parsed. */
    bool messageStarted() const { return m_started; }
    bool headersComplete() const { return m_headersComplete; }
    bool messageComplete() const { return m_complete; }
    /** An HTTP/1.1 request with "Expect: 100-continue"; valid once headers are complete. */
    bool expectsContinue() const { return m_expectContinue; }
    /** http_should_keep_alive(): HTTP/1.1 unless "Connection: close", HTTP/1.0 only with
     *  "Connection: keep-alive". Valid once headers are complete. */
    bool keepAlive() const { return m_keepAlive; }

    int errorStatus() const { return m_errorStatus; }
    /** A short label for logs and metrics: "malformed", "header_too_large", "body_too_large",
     *  "version_not_supported". */
    QByteArray errorReason() const { return m_errorReason; }

    /** The message so far; complete after MessageComplete. */
    const HttpRequest &request() const { return m_request; }
    /** Moves the complete request out (call before reset()). */
    HttpRequest takeRequest() { return std::move(m_request); }
    /** What was read of a message that will not complete (for refused()), values trimmed. */
    HttpRequest partialRequest() const;

    /** Bytes received but not parsed yet (the pipelined requests behind this one). */
    qsizetype bufferedBytes() const { return m_buffer.size() - m_bufferPos; }

private:
    static int onMessageBegin(http_parser *p);
    static int onUrl(http_parser *p, const char *at, size_t length);
    static int onHeaderField(http_parser *p, const char *at, size_t length);
    static int onHeaderValue(http_parser *p, const char *at, size_t length);
    static int onHeadersComplete(http_parser *p);
    static int onBody(http_parser *p, const char *at, size_t length);
    static int onMessageComplete(http_parser *p);
    static const http_parser_settings s_settings;

    int checkHeaders();
    int fail(int status, const char *reason);
    void buffer(QByteArrayView bytes);
    size_t execute(const char *data, size_t size);
    Result finish(const char *data, qsizetype size, size_t parsed, bool fromBuffer);

    HttpLimits m_limits;
    http_parser m_parser;
    HttpRequest m_request;
    // Unparsed bytes from m_bufferPos on; an offset instead of remove(0, n) keeps a burst of
    // pipelined requests linear instead of quadratic.
    QByteArray m_buffer;
    qsizetype m_bufferPos = 0;
    int m_errorStatus = 0;
    QByteArray m_errorReason;
    bool m_started = false;
    bool m_headersComplete = false;
    bool m_complete = false;
    bool m_lastWasValue = true;
    bool m_expectContinue = false;
    bool m_keepAlive = false;
};

} // namespace ringside
