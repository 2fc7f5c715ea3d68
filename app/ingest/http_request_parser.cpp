#include "ingest/http_request_parser.h"

#include <climits>
#include <cstring>

namespace ringside {

namespace {

HttpRequestParser *self(http_parser *p)
{
    return static_cast<HttpRequestParser *>(p->data);
}

// Header names are case-insensitive; lower-casing while copying saves a second pass.
void appendLower(QByteArray &to, const char *at, size_t length)
{
    const qsizetype start = to.size();
    to.resize(start + qsizetype(length));
    char *out = to.data() + start;
    for (size_t i = 0; i < length; ++i) {
        const char c = at[i];
        out[i] = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
    }
}

// RFC 9110 tchar. http_parser (non-strict build) lets spaces through in header names, and
// "Transfer-Encoding :" style names are a classic request-smuggling trick.
bool isToken(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
            || (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

const http_parser_settings HttpRequestParser::s_settings = [] {
    http_parser_settings s;
    http_parser_settings_init(&s);
    s.on_message_begin = &HttpRequestParser::onMessageBegin;
    s.on_url = &HttpRequestParser::onUrl;
    s.on_header_field = &HttpRequestParser::onHeaderField;
    s.on_header_value = &HttpRequestParser::onHeaderValue;
    s.on_headers_complete = &HttpRequestParser::onHeadersComplete;
    s.on_body = &HttpRequestParser::onBody;
    s.on_message_complete = &HttpRequestParser::onMessageComplete;
    return s;
}();

HttpRequestParser::HttpRequestParser(const HttpLimits &limits)
    : m_limits(limits)
{
    reset();
}

void HttpRequestParser::reset()
{
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    m_request = HttpRequest();
    m_errorStatus = 0;
    m_errorReason.clear();
    m_started = false;
    m_headersComplete = false;
    m_complete = false;
    m_lastWasValue = true;
    m_expectContinue = false;
    m_keepAlive = false;
}

void HttpRequestParser::buffer(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    if (m_bufferPos > 0) {
        m_buffer.remove(0, m_bufferPos);
        m_bufferPos = 0;
    }
    m_buffer.append(bytes);
}

HttpRequestParser::Result HttpRequestParser::feed(QByteArrayView bytes)
{
    if (m_errorStatus != 0)
        return Result::Error;
    if (m_complete) {
        buffer(bytes);
        return Result::MessageComplete;
    }
    if (bufferedBytes() == 0) {
        // Common case: parse straight from the caller's bytes; only a pipelined tail is copied.
        m_buffer.clear();
        m_bufferPos = 0;
        if (bytes.isEmpty()) // a zero length would tell http_parser the stream ended
            return Result::NeedMore;
        const size_t parsed = execute(bytes.data(), size_t(bytes.size()));
        return finish(bytes.data(), bytes.size(), parsed, false);
    }
    buffer(bytes);
    const char *data = m_buffer.constData() + m_bufferPos;
    const qsizetype size = bufferedBytes();
    const size_t parsed = execute(data, size_t(size));
    return finish(data, size, parsed, true);
}

size_t HttpRequestParser::execute(const char *data, size_t size)
{
    size_t parsed = 0;
    if (!m_headersComplete) {
        // Let the parser see no more than the header budget: if the section has not ended
        // within it, it is too large, whatever follows. (http_parser's own limit is a global.)
        const quint64 used = m_parser.nread; // request line and headers so far
        const quint64 budget = quint64(m_limits.maxHeaderBytes);
        const size_t allowed = used >= budget ? 0 : size_t(budget - used);
        const size_t first = qMin(size, allowed);
        if (first > 0)
            parsed = http_parser_execute(&m_parser, &s_settings, data, first);
        if (HTTP_PARSER_ERRNO(&m_parser) != HPE_OK)
            return parsed;
        if (!m_headersComplete) {
            if (size > first)
                fail(431, "header_too_large");
            return parsed;
        }
    }
    if (parsed < size)
        parsed += http_parser_execute(&m_parser, &s_settings, data + parsed, size - parsed);
    return parsed;
}

HttpRequestParser::Result HttpRequestParser::finish(const char *data, qsizetype size, size_t parsed,
                                                    bool fromBuffer)
{
    const http_errno error = HTTP_PARSER_ERRNO(&m_parser);
    if (error == HPE_PAUSED && m_complete) {
        const qsizetype rest = size - qsizetype(parsed);
        if (fromBuffer) {
            m_bufferPos += qsizetype(parsed);
            if (m_bufferPos == m_buffer.size()) {
                m_buffer.clear();
                m_bufferPos = 0;
            }
        } else if (rest > 0) {
            m_buffer = QByteArray(data + parsed, rest);
        }
        return Result::MessageComplete;
    }
    if (fromBuffer) {
        m_buffer.clear();
        m_bufferPos = 0;
    }
    if (error != HPE_OK || m_errorStatus != 0) {
        if (m_errorStatus == 0) { // not one of our own limits: the parser rejected the bytes
            if (error == HPE_HEADER_OVERFLOW)
                fail(431, "header_too_large");
            else
                fail(400, "malformed");
        }
        return Result::Error;
    }
    return Result::NeedMore;
}

int HttpRequestParser::fail(int status, const char *reason)
{
    m_errorStatus = status;
    m_errorReason = QByteArray::fromRawData(reason, qsizetype(qstrlen(reason)));
    return -1; // any non-zero return makes http_parser stop with an error
}

HttpRequest HttpRequestParser::partialRequest() const
{
    HttpRequest r = m_request;
    if (r.method.isEmpty() && !r.target.isEmpty())
        r.method = http_method_str(http_method(m_parser.method));
    for (auto &h : r.headers)
        h.second = std::move(h.second).trimmed();
    return r;
}

int HttpRequestParser::onMessageBegin(http_parser *p)
{
    self(p)->m_started = true;
    return 0;
}

int HttpRequestParser::onUrl(http_parser *p, const char *at, size_t length)
{
    self(p)->m_request.target.append(at, qsizetype(length));
    return 0;
}

int HttpRequestParser::onHeaderField(http_parser *p, const char *at, size_t length)
{
    HttpRequestParser *s = self(p);
    if (s->m_headersComplete) // chunked trailers: not part of the request we hand on
        return 0;
    if (s->m_lastWasValue) {
        if (s->m_request.headers.isEmpty())
            s->m_request.headers.reserve(16);
        s->m_request.headers.emplaceBack();
        s->m_lastWasValue = false;
    }
    appendLower(s->m_request.headers.last().first, at, length);
    return 0;
}

int HttpRequestParser::onHeaderValue(http_parser *p, const char *at, size_t length)
{
    HttpRequestParser *s = self(p);
    if (s->m_headersComplete)
        return 0;
    s->m_request.headers.last().second.append(at, qsizetype(length));
    s->m_lastWasValue = true;
    return 0;
}

int HttpRequestParser::onHeadersComplete(http_parser *p)
{
    return self(p)->checkHeaders();
}

int HttpRequestParser::checkHeaders()
{
    if (m_parser.http_major != 1 || m_parser.http_minor > 1)
        return fail(505, "version_not_supported");

    const char *method = http_method_str(http_method(m_parser.method));
    m_request.method = QByteArray::fromRawData(method, qsizetype(qstrlen(method))); // static strings
    m_request.versionMajor = m_parser.http_major;
    m_request.versionMinor = m_parser.http_minor;

    http_parser_url url;
    http_parser_url_init(&url);
    const bool isConnect = m_parser.method == HTTP_CONNECT;
    if (http_parser_parse_url(m_request.target.constData(), size_t(m_request.target.size()), isConnect, &url) != 0)
        return fail(400, "malformed");
    if (url.field_set & (1 << UF_PATH))
        m_request.path = m_request.target.mid(url.field_data[UF_PATH].off, url.field_data[UF_PATH].len);
    else
        m_request.path = m_request.target; // "*" or CONNECT's authority
    if (url.field_set & (1 << UF_QUERY))
        m_request.query = m_request.target.mid(url.field_data[UF_QUERY].off, url.field_data[UF_QUERY].len);

    for (auto &h : m_request.headers) {
        if (!isToken(h.first))
            return fail(400, "malformed");
        h.second = std::move(h.second).trimmed();
        if (h.first == "expect" && h.second.compare("100-continue", Qt::CaseInsensitive) == 0)
            m_expectContinue = m_parser.http_minor >= 1; // HTTP/1.0 clients do not wait for 100
    }
    // CONNECT would turn the rest of the stream into a tunnel we do not serve.
    m_keepAlive = http_should_keep_alive(&m_parser) != 0 && !isConnect;

    // content_length is ULLONG_MAX when no Content-Length was sent (chunked or no body).
    if (m_parser.content_length != ULLONG_MAX) {
        if (m_parser.content_length > quint64(m_limits.maxBodyBytes))
            return fail(413, "body_too_large"); // before a single body byte is read
        if (m_parser.content_length > 0)
            m_request.body.reserve(qsizetype(m_parser.content_length));
    }
    m_headersComplete = true;
    return 0;
}

int HttpRequestParser::onBody(http_parser *p, const char *at, size_t length)
{
    HttpRequestParser *s = self(p);
    // Only a chunked body can grow past the limit here; a declared length was checked already.
    if (s->m_request.body.size() + qsizetype(length) > s->m_limits.maxBodyBytes)
        return s->fail(413, "body_too_large");
    s->m_request.body.append(at, qsizetype(length));
    return 0;
}

int HttpRequestParser::onMessageComplete(http_parser *p)
{
    HttpRequestParser *s = self(p);
    s->m_complete = true;
    s->m_keepAlive = s->m_keepAlive && http_should_keep_alive(p) != 0;
    // Stop here: the next pipelined request waits in the buffer until this one is answered.
    http_parser_pause(p, 1);
    return 0;
}

} // namespace ringside
