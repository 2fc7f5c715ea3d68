#include "delivery/http_response_parser.h"

namespace ringside {

namespace {

HttpResponseParser *self(http_parser *p)
{
    return static_cast<HttpResponseParser *>(p->data);
}

QByteArrayView view(const char *at, size_t length)
{
    return QByteArrayView(at, qsizetype(length));
}

// Any non-zero return makes http_parser stop with HPE_CB_*; the reason is kept by the parser.
constexpr int kStop = -1;

} // namespace

// In the class's scope, so the callbacks may call its private members.
const http_parser_settings HttpResponseParser::s_settings = [] {
    http_parser_settings s;
    http_parser_settings_init(&s);
    s.on_message_begin = [](http_parser *p) { return self(p)->beginAnswer(); };
    s.on_header_field = [](http_parser *p, const char *at, size_t n) { return self(p)->addHeaderBytes(view(at, n), true); };
    s.on_header_value = [](http_parser *p, const char *at, size_t n) { return self(p)->addHeaderBytes(view(at, n), false); };
    s.on_headers_complete = [](http_parser *p) { return self(p)->endHeaders(); };
    s.on_body = [](http_parser *p, const char *at, size_t n) { return self(p)->addBody(view(at, n)); };
    s.on_message_complete = [](http_parser *p) { return self(p)->endAnswer(); };
    return s;
}();

HttpResponseParser::HttpResponseParser(const HttpClientLimits &limits)
    : m_limits(limits)
{
    reset();
}

void HttpResponseParser::reset()
{
    http_parser_init(&m_parser, HTTP_RESPONSE);
    m_parser.data = this;
    m_response = HttpClientResponse();
    m_headerBytes = 0;
    m_bodyBytes = 0;
    m_overLimit = false;
    m_error.clear();
    m_started = false;
    m_complete = false;
    m_lastWasValue = true;
    m_keepAlive = false;
}

HttpResponseParser::Result HttpResponseParser::feed(QByteArrayView bytes)
{
    if (!m_error.isEmpty())
        return Result::Error;
    if (m_complete)
        return fail(QStringLiteral("the server sent more than one answer"));
    if (bytes.isEmpty()) // a zero length would tell http_parser the stream ended
        return Result::NeedMore;
    return execute(bytes.data(), size_t(bytes.size()));
}

HttpResponseParser::Result HttpResponseParser::finishAtClose()
{
    if (!m_error.isEmpty())
        return Result::Error;
    if (m_complete)
        return Result::Complete;
    if (!m_started)
        return fail(QStringLiteral("connection closed before any answer"));
    const Result r = execute(nullptr, 0);
    if (r == Result::NeedMore)
        return fail(QStringLiteral("connection closed before the answer was complete"));
    return r;
}

HttpResponseParser::Result HttpResponseParser::execute(const char *data, size_t size)
{
    const size_t parsed = http_parser_execute(&m_parser, &s_settings, data, size);
    const http_errno error = HTTP_PARSER_ERRNO(&m_parser);
    if (m_overLimit) {
        // Stopped on purpose at the body cap: the answer is what was kept, the rest is never read.
        m_complete = true;
        m_keepAlive = false;
        return Result::Complete;
    }
    if (!m_error.isEmpty())
        return Result::Error;
    if (m_complete) {
        // Paused after the final answer; anything behind it was never asked for.
        if (parsed < size)
            m_keepAlive = false;
        return Result::Complete;
    }
    if (error == HPE_INVALID_EOF_STATE)
        return fail(QStringLiteral("connection closed before the answer was complete"));
    if (error != HPE_OK)
        return fail(QStringLiteral("malformed answer: %1").arg(QLatin1String(http_errno_description(error))));
    if (!m_response.status && m_parser.nread > quint32(m_limits.maxHeaderBytes))
        return fail(QStringLiteral("answer headers larger than %1 bytes").arg(m_limits.maxHeaderBytes));
    return Result::NeedMore;
}

HttpResponseParser::Result HttpResponseParser::fail(const QString &error)
{
    m_error = error;
    m_complete = false;
    return Result::Error;
}

int HttpResponseParser::beginAnswer()
{
    m_started = true;
    m_response = HttpClientResponse(); // a 1xx before it leaves nothing behind
    m_headerBytes = 0;
    m_bodyBytes = 0;
    m_lastWasValue = true;
    return 0;
}

int HttpResponseParser::addHeaderBytes(QByteArrayView bytes, bool isName)
{
    if (m_response.status != 0) // chunked trailers: not part of the answer we report
        return 0;
    m_headerBytes += bytes.size();
    if (m_headerBytes > m_limits.maxHeaderBytes) {
        fail(QStringLiteral("answer headers larger than %1 bytes").arg(m_limits.maxHeaderBytes));
        return kStop;
    }
    // http_parser may hand a name or value over in pieces: a new header starts with a name piece
    // that follows a value.
    if (isName && m_lastWasValue)
        m_response.headers.emplaceBack();
    m_lastWasValue = !isName;
    auto &header = m_response.headers.last();
    if (isName)
        header.first.append(bytes.toByteArray().toLower());
    else
        header.second.append(bytes);
    return 0;
}

int HttpResponseParser::endHeaders()
{
    if (m_parser.http_major != 1) {
        fail(QStringLiteral("answer is not HTTP/1.x"));
        return kStop;
    }
    if (m_parser.status_code == 101 || m_parser.upgrade) { // we never ask to switch protocols
        fail(QStringLiteral("unexpected protocol switch (HTTP 101)"));
        return kStop;
    }
    if (m_parser.status_code < 100 || m_parser.status_code > 999) {
        fail(QStringLiteral("malformed answer: status %1").arg(m_parser.status_code));
        return kStop;
    }
    for (auto &h : m_response.headers)
        h.second = std::move(h.second).trimmed();
    m_response.status = int(m_parser.status_code);
    return 0;
}

int HttpResponseParser::addBody(QByteArrayView bytes)
{
    if (m_response.status < 200) // an interim answer has no body worth keeping
        return 0;
    const qsizetype room = qMax<qsizetype>(0, qMin(m_limits.keptBodyBytes, m_limits.maxBodyBytes) - m_response.body.size());
    m_response.body.append(bytes.first(qMin(room, bytes.size())));
    m_bodyBytes += bytes.size();
    if (m_bodyBytes > m_response.body.size())
        m_response.bodyTruncated = true;
    if (m_bodyBytes > m_limits.maxBodyBytes) {
        m_overLimit = true;
        return kStop;
    }
    return 0;
}

int HttpResponseParser::endAnswer()
{
    if (m_response.status < 200) // 100 Continue, 103 Early Hints: the real answer follows
        return 0;
    m_complete = true;
    m_keepAlive = http_should_keep_alive(&m_parser) != 0;
    // Stop here, so bytes behind the answer show up as unparsed.
    http_parser_pause(&m_parser, 1);
    return 0;
}

} // namespace ringside
