#include "ingest/http_request_parser.h"

#include <QTest>

using namespace ringside;

namespace {

using Result = HttpRequestParser::Result;

// Feeds input in pieces of chunkSize bytes (all at once when 0), as a socket might deliver it.
Result feedInChunks(HttpRequestParser &parser, const QByteArray &input, int chunkSize)
{
    if (chunkSize <= 0)
        return parser.feed(input);
    Result result = Result::NeedMore;
    for (qsizetype i = 0; i < input.size(); i += chunkSize) {
        result = parser.feed(QByteArrayView(input).sliced(i, qMin<qsizetype>(chunkSize, input.size() - i)));
        if (result != Result::NeedMore)
            break;
    }
    return result;
}

QByteArray flatten(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray out;
    for (const auto &h : headers)
        out += h.first + '=' + h.second + ';';
    return out;
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesRequest_data();
    void parsesRequest();
    void rejects_data();
    void rejects();
    void headerLimitIsExact_data();
    void headerLimitIsExact();
    void keepsPipelinedRequestForAfterReset();
    void buffersWhileComplete();
    void reportsPartialRequest();
    void blankLinesDoNotStartAMessage();
};

void TestHttpRequestParser::parsesRequest_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("chunkSize");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("minor");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<bool>("expectContinue");

    const QByteArray get = "GET /health HTTP/1.1\r\nHost: a\r\n\r\n";
    QTest::newRow("simple GET") << get << 0 << QByteArray("GET") << QByteArray("/health") << QByteArray()
                                << QByteArray("host=a;") << QByteArray() << 1 << true << false;
    QTest::newRow("simple GET, byte by byte") << get << 1 << QByteArray("GET") << QByteArray("/health")
                                              << QByteArray() << QByteArray("host=a;") << QByteArray() << 1
                                              << true << false;

    const QByteArray post = "POST /webhooks/x HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n{\"id\":\"42\"}";
    QTest::newRow("POST with body") << post << 0 << QByteArray("POST") << QByteArray("/webhooks/x")
                                    << QByteArray() << QByteArray("host=a;content-length=11;")
                                    << QByteArray("{\"id\":\"42\"}") << 1 << true << false;
    QTest::newRow("POST in 7-byte pieces") << post << 7 << QByteArray("POST") << QByteArray("/webhooks/x")
                                           << QByteArray() << QByteArray("host=a;content-length=11;")
                                           << QByteArray("{\"id\":\"42\"}") << 1 << true << false;

    QTest::newRow("headers lower-cased, trimmed, repeated, empty")
        << QByteArray("GET / HTTP/1.1\r\nX-Foo:   a  \r\nx-FOO: b\r\nX-Empty:\r\nHost: h\r\n\r\n") << 0
        << QByteArray("GET") << QByteArray("/") << QByteArray()
        << QByteArray("x-foo=a;x-foo=b;x-empty=;host=h;") << QByteArray() << 1 << true << false;
    QTest::newRow("headers split across reads")
        << QByteArray("GET / HTTP/1.1\r\nX-Long-Name: some value\r\nHost: h\r\n\r\n") << 3
        << QByteArray("GET") << QByteArray("/") << QByteArray()
        << QByteArray("x-long-name=some value;host=h;") << QByteArray() << 1 << true << false;

    QTest::newRow("query split") << QByteArray("GET /a/b?x=1&y=%20 HTTP/1.1\r\n\r\n") << 0 << QByteArray("GET")
                                 << QByteArray("/a/b") << QByteArray("x=1&y=%20") << QByteArray()
                                 << QByteArray() << 1 << true << false;
    QTest::newRow("absolute form") << QByteArray("GET http://example.com:8080/p?q=1 HTTP/1.1\r\n\r\n") << 0
                                   << QByteArray("GET") << QByteArray("/p") << QByteArray("q=1") << QByteArray()
                                   << QByteArray() << 1 << true << false;

    const QByteArray chunked = "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";
    QTest::newRow("chunked body assembled") << chunked << 0 << QByteArray("POST") << QByteArray("/c")
                                            << QByteArray() << QByteArray("transfer-encoding=chunked;")
                                            << QByteArray("hello world") << 1 << true << false;
    QTest::newRow("chunked body, byte by byte") << chunked << 1 << QByteArray("POST") << QByteArray("/c")
                                                << QByteArray() << QByteArray("transfer-encoding=chunked;")
                                                << QByteArray("hello world") << 1 << true << false;

    QTest::newRow("expect 100-continue")
        << QByteArray("POST /e HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\nok") << 0
        << QByteArray("POST") << QByteArray("/e") << QByteArray()
        << QByteArray("expect=100-Continue;content-length=2;") << QByteArray("ok") << 1 << true << true;
    QTest::newRow("expect ignored for HTTP/1.0")
        << QByteArray("POST /e HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok") << 0
        << QByteArray("POST") << QByteArray("/e") << QByteArray()
        << QByteArray("expect=100-continue;content-length=2;") << QByteArray("ok") << 0 << false << false;

    QTest::newRow("1.1 keep-alive by default") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 0 << QByteArray("GET")
                                               << QByteArray("/") << QByteArray() << QByteArray() << QByteArray()
                                               << 1 << true << false;
    QTest::newRow("1.1 with Connection: close")
        << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") << 0 << QByteArray("GET") << QByteArray("/")
        << QByteArray() << QByteArray("connection=close;") << QByteArray() << 1 << false << false;
    QTest::newRow("1.0 closes by default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << 0 << QByteArray("GET")
                                           << QByteArray("/") << QByteArray() << QByteArray() << QByteArray()
                                           << 0 << false << false;
    QTest::newRow("1.0 with keep-alive")
        << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << 0 << QByteArray("GET")
        << QByteArray("/") << QByteArray() << QByteArray("connection=Keep-Alive;") << QByteArray() << 0 << true
        << false;
}

void TestHttpRequestParser::parsesRequest()
{
    QFETCH(QByteArray, input);
    QFETCH(int, chunkSize);

    HttpRequestParser parser;
    QCOMPARE(feedInChunks(parser, input, chunkSize), Result::MessageComplete);
    QVERIFY(parser.headersComplete());
    QCOMPARE(parser.bufferedBytes(), 0);
    QTEST(parser.keepAlive(), "keepAlive");
    QTEST(parser.expectsContinue(), "expectContinue");

    const HttpRequest request = parser.takeRequest();
    QTEST(request.method, "method");
    QTEST(request.path, "path");
    QTEST(request.query, "query");
    QTEST(flatten(request.headers), "headers");
    QTEST(request.body, "body");
    QCOMPARE(request.versionMajor, 1);
    QTEST(request.versionMinor, "minor");
}

void TestHttpRequestParser::rejects_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("chunkSize");
    QTest::addColumn<int>("maxBody");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");

    const QByteArray big(20 * 1024, 'a');
    QTest::newRow("431 header section too large")
        << QByteArray("GET / HTTP/1.1\r\nX-Big: " + big + "\r\n\r\n") << 0 << 1024 << 431
        << QByteArray("header_too_large");
    QTest::newRow("431 before the header section ends")
        << QByteArray("GET / HTTP/1.1\r\nX-Big: " + big) << 4096 << 1024 << 431 << QByteArray("header_too_large");
    QTest::newRow("431 long request line") << QByteArray("GET /" + big + " HTTP/1.1\r\n\r\n") << 0 << 1024 << 431
                                           << QByteArray("header_too_large");
    // No body follows: the length alone decides, before a byte of it is read.
    QTest::newRow("413 by Content-Length, before the body")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1025\r\n\r\n") << 0 << 1024 << 413
        << QByteArray("body_too_large");
    QTest::newRow("413 by chunked growth")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n") << 0
        << 10 << 413 << QByteArray("body_too_large");
    QTest::newRow("400 malformed request line") << QByteArray("GARBAGE\r\n\r\n") << 0 << 1024 << 400
                                                << QByteArray("malformed");
    QTest::newRow("400 bad version") << QByteArray("GET / HTTP/x\r\n\r\n") << 0 << 1024 << 400
                                     << QByteArray("malformed");
    QTest::newRow("400 Content-Length with chunked")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        << 0 << 1024 << 400 << QByteArray("malformed");
    QTest::newRow("400 two different Content-Lengths")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!") << 0 << 1024 << 400
        << QByteArray("malformed");
    QTest::newRow("400 bad chunk size")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n") << 0 << 1024
        << 400 << QByteArray("malformed");
    QTest::newRow("400 space before colon") << QByteArray("POST / HTTP/1.1\r\nContent-Length : 1\r\n\r\nx") << 0
                                            << 1024 << 400 << QByteArray("malformed");
    QTest::newRow("400 invalid header name") << QByteArray("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n") << 0 << 1024
                                             << 400 << QByteArray("malformed");
    QTest::newRow("400 control char in value") << QByteArray("GET / HTTP/1.1\r\nX: a\x01b\r\n\r\n") << 0 << 1024
                                               << 400 << QByteArray("malformed");
    QTest::newRow("505 HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 0 << 1024 << 505
                                  << QByteArray("version_not_supported");
    QTest::newRow("505 HTTP/0.9 simple request") << QByteArray("GET /\r\n\r\n") << 0 << 1024 << 505
                                                 << QByteArray("version_not_supported");
    QTest::newRow("505 HTTP/1.2") << QByteArray("GET / HTTP/1.2\r\n\r\n") << 0 << 1024 << 505
                                  << QByteArray("version_not_supported");
}

void TestHttpRequestParser::rejects()
{
    QFETCH(QByteArray, input);
    QFETCH(int, chunkSize);
    QFETCH(int, maxBody);

    HttpLimits limits;
    limits.maxBodyBytes = maxBody;
    HttpRequestParser parser(limits);
    QCOMPARE(feedInChunks(parser, input, chunkSize), Result::Error);
    QTEST(parser.errorStatus(), "status");
    QTEST(parser.errorReason(), "reason");
    // An error is final for this connection.
    QCOMPARE(parser.feed("GET / HTTP/1.1\r\n\r\n"), Result::Error);
}

void TestHttpRequestParser::headerLimitIsExact_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("chunkSize");
    QTest::addColumn<bool>("accepted");

    const int max = int(HttpLimits().maxHeaderBytes);
    QTest::newRow("at the limit") << max << 0 << true;
    QTest::newRow("at the limit, byte by byte") << max << 1 << true;
    QTest::newRow("one byte over") << max + 1 << 0 << false;
    QTest::newRow("one byte over, byte by byte") << max + 1 << 1 << false;
}

void TestHttpRequestParser::headerLimitIsExact()
{
    QFETCH(int, size);
    QFETCH(int, chunkSize);
    QFETCH(bool, accepted);

    const QByteArray head = "POST / HTTP/1.1\r\nX: ";
    const QByteArray tail = "\r\nContent-Length: 2\r\n\r\n";
    const QByteArray input = head + QByteArray(size - head.size() - tail.size(), 'v') + tail + "ok";
    HttpRequestParser parser;
    const Result result = feedInChunks(parser, input, chunkSize);
    QCOMPARE(result, accepted ? Result::MessageComplete : Result::Error);
    if (accepted)
        QCOMPARE(parser.request().body, QByteArray("ok"));
    else
        QCOMPARE(parser.errorStatus(), 431);
}

void TestHttpRequestParser::keepsPipelinedRequestForAfterReset()
{
    HttpRequestParser parser;
    const QByteArray first = "POST /one HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
    const QByteArray second = "GET /two?x HTTP/1.1\r\n\r\n";
    QCOMPARE(parser.feed(first + second), Result::MessageComplete);
    QCOMPARE(parser.request().path, QByteArray("/one"));
    QCOMPARE(parser.request().body, QByteArray("abc"));
    QCOMPARE(parser.bufferedBytes(), second.size());

    parser.reset();
    QCOMPARE(parser.feed({}), Result::MessageComplete);
    QCOMPARE(parser.request().path, QByteArray("/two"));
    QCOMPARE(parser.request().query, QByteArray("x"));
    QCOMPARE(parser.bufferedBytes(), 0);

    parser.reset();
    QCOMPARE(parser.feed({}), Result::NeedMore);
    QVERIFY(!parser.messageStarted());
}

void TestHttpRequestParser::buffersWhileComplete()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed("GET /a HTTP/1.1\r\n\r\nGET /b HT"), Result::MessageComplete);
    // Until reset() the next request is only buffered, even when it completes.
    QCOMPARE(parser.feed("TP/1.1\r\n\r\nGET /c HTTP/1.1\r\n"), Result::MessageComplete);
    QCOMPARE(parser.request().path, QByteArray("/a"));

    parser.reset();
    QCOMPARE(parser.feed({}), Result::MessageComplete);
    QCOMPARE(parser.request().path, QByteArray("/b"));
    parser.reset();
    QCOMPARE(parser.feed({}), Result::NeedMore);
    QVERIFY(parser.messageStarted());
    QCOMPARE(parser.feed("\r\n"), Result::MessageComplete);
    QCOMPARE(parser.request().path, QByteArray("/c"));
}

void TestHttpRequestParser::reportsPartialRequest()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed("POST /slow HTTP/1.1\r\nHost: a\r\nX-Id:  7 \r\nContent-Le"), Result::NeedMore);
    QVERIFY(parser.messageStarted());
    QVERIFY(!parser.headersComplete());
    const HttpRequest partial = parser.partialRequest();
    QCOMPARE(partial.method, QByteArray("POST"));
    QCOMPARE(partial.target, QByteArray("/slow"));
    QCOMPARE(partial.header("x-id"), QByteArray("7"));
}

void TestHttpRequestParser::blankLinesDoNotStartAMessage()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed("\r\n\r\n"), Result::NeedMore);
    QVERIFY(!parser.messageStarted());
    QCOMPARE(parser.feed("GET / HTTP/1.1\r\n\r\n"), Result::MessageComplete);
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_http_request_parser.moc"
