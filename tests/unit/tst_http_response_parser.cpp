#include "delivery/http_response_parser.h"

#include <QTest>

using namespace ringside;
using Result = HttpResponseParser::Result;

namespace {

/** Feeds `bytes` in pieces of `step` bytes (0: all at once); returns the last result. */
Result feedInSteps(HttpResponseParser &p, const QByteArray &bytes, int step)
{
    if (step <= 0)
        return p.feed(bytes);
    Result r = Result::NeedMore;
    for (qsizetype i = 0; i < bytes.size() && r == Result::NeedMore; i += step)
        r = p.feed(QByteArrayView(bytes).sliced(i, qMin(qsizetype(step), bytes.size() - i)));
    return r;
}

} // namespace

/** Tests the delivery client's response parser: framing, interim answers, keep-alive and limits. */
class TestHttpResponseParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void framing_data();
    void framing();
    void keepAlive_data();
    void keepAlive();
    void bodyUntilCloseCompletesAtClose();
    void closeBeforeAnythingIsAnError();
    void closeInTheMiddleIsAnError();
    void bytesBehindTheAnswerEndKeepAlive();
    void headerLimit();
    void bodyLimitCutsTheBody();
    void resetServesTheNextAnswer();
};

void TestHttpResponseParser::framing_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") << 200
                                    << QByteArray("hello");
    QTest::newRow("no body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << 204 << QByteArray();
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
                             << 200 << QByteArray("abcde");
    QTest::newRow("100 then 200") << QByteArray("HTTP/1.1 100 Continue\r\nX-A: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                                  << 200 << QByteArray("ok");
    QTest::newRow("reason with spaces") << QByteArray("HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\n\r\n") << 429
                                        << QByteArray();
}

void TestHttpResponseParser::framing()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    for (int step : {0, 1, 7}) {
        HttpResponseParser p;
        QCOMPARE(feedInSteps(p, bytes, step), Result::Complete);
        const HttpClientResponse r = p.takeResponse();
        QCOMPARE(r.status, status);
        QCOMPARE(r.body, body);
        QVERIFY(r.header("x-a").isNull()); // an interim answer's headers are not the answer's
    }
}

void TestHttpResponseParser::keepAlive_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n") << false;
    QTest::newRow("1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")
                                    << true;
}

void TestHttpResponseParser::keepAlive()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, keepAlive);
    HttpResponseParser p;
    QCOMPARE(p.feed(bytes), Result::Complete);
    QCOMPARE(p.keepAlive(), keepAlive);
}

void TestHttpResponseParser::bodyUntilCloseCompletesAtClose()
{
    HttpResponseParser p;
    QCOMPARE(p.feed("HTTP/1.1 200 OK\r\nRetry-After:  30 \r\n\r\npart one, "), Result::NeedMore);
    QCOMPARE(p.feed("part two"), Result::NeedMore);
    QCOMPARE(p.finishAtClose(), Result::Complete);
    QVERIFY(!p.keepAlive());
    const HttpClientResponse r = p.takeResponse();
    QCOMPARE(r.body, QByteArray("part one, part two"));
    QCOMPARE(r.header("retry-after"), QByteArray("30"));
}

void TestHttpResponseParser::closeBeforeAnythingIsAnError()
{
    HttpResponseParser p;
    QVERIFY(!p.started());
    QCOMPARE(p.finishAtClose(), Result::Error);
    QCOMPARE(p.error(), QStringLiteral("connection closed before any answer"));
}

void TestHttpResponseParser::closeInTheMiddleIsAnError()
{
    HttpResponseParser p;
    QCOMPARE(p.feed("HTTP/1.1 200 OK\r\nContent-Len"), Result::NeedMore);
    QVERIFY(p.started());
    QCOMPARE(p.finishAtClose(), Result::Error);
    QCOMPARE(p.error(), QStringLiteral("connection closed before the answer was complete"));
}

void TestHttpResponseParser::bytesBehindTheAnswerEndKeepAlive()
{
    HttpResponseParser p;
    QCOMPARE(p.feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n"), Result::Complete);
    QVERIFY(!p.keepAlive()); // the stream is out of step with our requests
    QCOMPARE(p.takeResponse().body, QByteArray("ok"));
    QCOMPARE(p.feed("more"), Result::Error);
}

void TestHttpResponseParser::headerLimit()
{
    HttpClientLimits limits;
    limits.maxHeaderBytes = 1024;
    for (const QByteArray &filler : {QByteArray("X-Big: ") + QByteArray(2000, 'v'), QByteArray(2000, 'n') + ": v"}) {
        HttpResponseParser p(limits);
        QCOMPARE(feedInSteps(p, "HTTP/1.1 200 OK\r\n" + filler + "\r\nContent-Length: 0\r\n\r\n", 100), Result::Error);
        QCOMPARE(p.error(), QStringLiteral("answer headers larger than 1024 bytes"));
    }
    // Many small headers count together.
    HttpResponseParser p(limits);
    QByteArray many = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 200; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    QCOMPARE(feedInSteps(p, many + "\r\n", 64), Result::Error);
}

void TestHttpResponseParser::bodyLimitCutsTheBody()
{
    HttpClientLimits limits;
    limits.maxBodyBytes = 10;
    HttpResponseParser p(limits);
    QCOMPARE(feedInSteps(p, "HTTP/1.1 500 Oops\r\nContent-Length: 40\r\n\r\n" + QByteArray(40, 'e'), 4), Result::Complete);
    QVERIFY(!p.keepAlive()); // the rest of the body is still on the wire
    const HttpClientResponse r = p.takeResponse();
    QCOMPARE(r.status, 500);
    QVERIFY(r.bodyTruncated);
    QCOMPARE(r.body, QByteArray(10, 'e'));
}

void TestHttpResponseParser::resetServesTheNextAnswer()
{
    HttpResponseParser p;
    QCOMPARE(p.feed("HTTP/1.1 503 Busy\r\nContent-Length: 1\r\n\r\nx"), Result::Complete);
    QCOMPARE(p.takeResponse().status, 503);
    p.reset();
    QVERIFY(!p.started());
    QCOMPARE(p.feed("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\ny"), Result::Complete);
    const HttpClientResponse r = p.takeResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("y"));
}

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_http_response_parser.moc"
