#pragma once

#include "delivery/http_client_message.h"

#include <QByteArrayView>

#include <http_parser.h>

namespace ringside {

/** Incremental HTTP/1.x response parser over libhttp-parser (HTTP_RESPONSE mode) that keeps
 *  within HttpClientLimits, skips interim 1xx answers and stops after the final one. */
class HttpResponseParser
{
public:
    enum class Result {
        NeedMore,  // everything fed was consumed; the answer is not complete yet
        Complete,  // response() is the final answer
        Error,     // error() says why; the connection must close
    };

    explicit HttpResponseParser(const HttpClientLimits &limits = {});
    HttpResponseParser(const HttpResponseParser &) = delete;
    HttpResponseParser &operator=(const HttpResponseParser &) = delete;

    /** Parses the next bytes of the stream. After Complete or Error, further bytes are refused
     *  (Error): one request, one answer — bytes the server sends unasked make the connection unusable. */
    Result feed(QByteArrayView bytes);
    /** The server closed the connection: completes an answer whose body runs until the close,
     *  anything else unfinished is an Error. */
    Result finishAtClose();
    /** Forgets the answer and gets ready for the next one on the same connection. */
    void reset();

    /** Some byte of an answer arrived (a closed keep-alive connection shows none). */
    bool started() const { return m_started; }
    /** Valid after Complete: the connection can carry another request. */
    bool keepAlive() const { return m_keepAlive; }
    /** Valid after Error. */
    const QString &error() const { return m_error; }
    HttpClientResponse takeResponse() { return std::move(m_response); }

private:
    // What http_parser reports, in order; a non-zero return stops it.
    int beginAnswer();
    int addHeaderBytes(QByteArrayView bytes, bool isName);
    int endHeaders();
    int addBody(QByteArrayView bytes);
    int endAnswer();
    static const http_parser_settings s_settings;

    Result execute(const char *data, size_t size);
    Result fail(const QString &error);

    HttpClientLimits m_limits;
    http_parser m_parser;
    HttpClientResponse m_response;
    qsizetype m_headerBytes = 0;
    qsizetype m_bodyBytes = 0; // read so far, kept or not
    bool m_overLimit = false;  // stopped at maxBodyBytes
    QString m_error;
    bool m_started = false;
    bool m_complete = false;
    bool m_lastWasValue = true;
    bool m_keepAlive = false;
};

} // namespace ringside
