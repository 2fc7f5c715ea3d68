#include "delivery/http_client_pool.h"
#include "fake_http_server.h"
#include "test_tls.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

#include <optional>

using namespace ringside;
using ringside::test::FakeHttpServer;
namespace TestTls = ringside::test::TestTls;
using Reply = FakeHttpServer::Reply;

namespace {

/** Collects the answers of a pool's requests in the order they finish. */
struct Answers
{
    QList<HttpClientResponse> list;
    HttpClientPool::Done collect()
    {
        return [this](HttpClientResponse r) { list.append(std::move(r)); };
    }
};

HttpClientRequest post(const QByteArray &body = "{}")
{
    HttpClientRequest r;
    r.target = "/crm-webhook";
    r.headers = {{"Content-Type", "application/json"}};
    r.body = body;
    r.resendIfStale = true; // as the webhook sink's, which carry an Idempotency-Key
    return r;
}

HttpClientPool::Options options(int connections = 4, int timeoutMs = 5000)
{
    return {connections, timeoutMs, {}};
}

/** The request's Idempotency-Key header: the same bytes on every copy of one delivery. */
QByteArray keyOf(const QByteArray &request)
{
    const qsizetype at = request.indexOf("\r\nIdempotency-Key: ");
    return at < 0 ? QByteArray() : request.mid(at + 19, request.indexOf("\r\n", at + 2) - at - 19);
}

/** One request to a server that answers it with `answer` (and closes after it if asked). */
HttpClientResponse answerTo(const QByteArray &answer, bool close = false)
{
    FakeHttpServer server;
    if (!server.listen())
        return HttpClientResponse::failure(QStringLiteral("the fake server did not start"));
    server.setScript([answer, close](int, const QByteArray &) { return Reply{answer, close}; });
    HttpClientPool pool(server.url(), options(1));
    Answers answers;
    pool.send(post(), answers.collect());
    if (!QTest::qWaitFor([&] { return !answers.list.isEmpty(); }, 10000))
        return HttpClientResponse::failure(QStringLiteral("no answer in 10 s"));
    // After an error the connection is never reused: a late byte must not be taken for the next answer.
    if (answers.list.last().status == 0 && !QTest::qWaitFor([&] { return server.connectionsOpen() == 0; }, 5000))
        return HttpClientResponse::failure(QStringLiteral("the connection stayed open after an error"));
    return answers.list.last();
}

} // namespace

/** The delivery thread's HTTP client against scripted servers over loopback: keep-alive, closes,
 *  limits and every way an exchange can fail, each with a reason a person can act on. */
class TestHttpClientPool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepAliveCarriesRequestsOnOneConnection();
    void serverClosingAfterEachAnswerMeansANewConnection();
    void requestThatCrossedAnIdleCloseIsSentOnceMore();
    void secondCloseWithoutAnswerIsAnError();
    void requestThatMustNotRepeatIsNotSentAgain();
    void noAnswerTimesOut();
    void malformedAnswerIsAnError_data();
    void malformedAnswerIsAnError();
    void oversizedHeadersAreAnError();
    void oversizedBodyIsCutAndTheConnectionClosed();
    void refusedConnectionSaysSo();
    void retryAfterIsReported();
    void chunkedBodyIsJoined();
    void bodyUntilCloseIsComplete();
    void closedEarlyIsAnError();
    void interimAnswerIsSkipped();
    void concurrencyIsBoundedAndTheRestWaits();
    void abandonedRequestsNeverAnswer();
    void unusableUrlFailsEveryRequest();
    void tlsHandshakeFailureIsAnError();
    void tlsKeepAliveCarriesRequests();
    void untrustedCertificateIsAnError();
    void keptExcerptDoesNotCostTheConnection();
    void idleConnectionClosesAfterItsTimeout();
    void unaskedBytesOnAnIdleConnectionCloseIt();
    void slowBodyPastTheDeadlineTimesOutAndIsNotReused();
    void closedMidAnswerOnAReusedConnectionIsNotSentAgain();
};

void TestHttpClientPool::keepAliveCarriesRequestsOnOneConnection()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    HttpClientPool pool(server.url(), options());
    Answers answers;
    for (int i = 0; i < 3; ++i) {
        pool.send(post(QByteArray::number(i)), answers.collect());
        QTRY_COMPARE(answers.list.size(), i + 1);
        QCOMPARE(answers.list.last().status, 200);
        QCOMPARE(answers.list.last().body, QByteArray("ok"));
    }
    QCOMPARE(server.connectionsAccepted(), 1);
    QCOMPARE(pool.connectionCount(), 1);
    // What went over the wire: a complete HTTP/1.1 request with Host and Content-Length.
    QVERIFY(server.requests().at(2).startsWith("POST /crm-webhook HTTP/1.1\r\nHost: 127.0.0.1:"));
    QVERIFY(server.requests().at(2).contains("\r\nContent-Length: 1\r\n"));
    QVERIFY(server.requests().at(2).endsWith("\r\n\r\n2"));
}

void TestHttpClientPool::serverClosingAfterEachAnswerMeansANewConnection()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setScript([](int i, const QByteArray &) {
        // Alternately announced (Connection: close) and silent closes after a complete answer.
        const QList<QPair<QByteArray, QByteArray>> headers{{"Connection", "close"}};
        return Reply{FakeHttpServer::response(200, "ok", i % 2 ? headers : QList<QPair<QByteArray, QByteArray>>{}), true};
    });
    HttpClientPool pool(server.url(), options(1));
    Answers answers;
    for (int i = 0; i < 4; ++i) {
        pool.send(post(), answers.collect());
        QTRY_COMPARE(answers.list.size(), i + 1);
        QCOMPARE(answers.list.last().status, 200);
        QVERIFY2(answers.list.last().error.isEmpty(), qPrintable(answers.list.last().error));
    }
    QCOMPARE(server.connectionsAccepted(), 4);
}

void TestHttpClientPool::requestThatCrossedAnIdleCloseIsSentOnceMore()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    // The second request arrives on a connection the server has decided to close: it closes
    // without a word, as a server whose keep-alive timeout ran out at that moment would.
    server.setScript([](int i, const QByteArray &) {
        return i == 1 ? Reply{{}, true} : Reply{FakeHttpServer::response(200, "ok"), false};
    });
    HttpClientPool pool(server.url(), options(1));
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    HttpClientRequest second = post("second");
    second.headers.append(qMakePair(QByteArray("Idempotency-Key"), QByteArray("crm:2")));
    pool.send(second, answers.collect());
    QTRY_COMPARE(answers.list.size(), 2);
    QCOMPARE(answers.list.last().status, 200);
    QCOMPARE(server.requests().size(), 3);
    // The very same request once more — same Idempotency-Key — so a CRM that did get the first
    // copy recognises the second: at-least-once, never a second record.
    QCOMPARE(server.requests().at(2), server.requests().at(1));
    QCOMPARE(keyOf(server.requests().at(2)), QByteArray("crm:2"));
    QCOMPARE(server.connectionsAccepted(), 2);
}

void TestHttpClientPool::secondCloseWithoutAnswerIsAnError()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setScript([](int i, const QByteArray &) {
        return i == 0 ? Reply{FakeHttpServer::response(200, "ok"), false} : Reply{{}, true};
    });
    HttpClientPool pool(server.url(), options(1));
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 2);
    // Sent once more on a fresh connection, not forever.
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(answers.list.last().status, 0);
    QCOMPARE(answers.list.last().error, QStringLiteral("connection closed before any answer"));
    QVERIFY(!answers.list.last().timedOut);
}

void TestHttpClientPool::requestThatMustNotRepeatIsNotSentAgain()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setScript([](int i, const QByteArray &) {
        return i == 1 ? Reply{{}, true} : Reply{FakeHttpServer::response(200, "ok"), false};
    });
    HttpClientPool pool(server.url(), options(1));
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    HttpClientRequest create = post("create");
    create.resendIfStale = false; // e.g. HubSpot's create, which has no idempotency key
    pool.send(create, answers.collect());
    QTRY_COMPARE(answers.list.size(), 2);
    QCOMPARE(answers.list.last().status, 0);
    QCOMPARE(answers.list.last().error, QStringLiteral("connection closed before any answer"));
    QCOMPARE(server.requests().size(), 2);
}

void TestHttpClientPool::noAnswerTimesOut()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setScript([](int, const QByteArray &) { return Reply{}; });
    HttpClientPool pool(server.url(), options(1, 200));
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    QCOMPARE(answers.list.last().status, 0);
    QVERIFY(answers.list.last().timedOut);
    QCOMPARE(answers.list.last().error, QStringLiteral("timed out after 200 ms"));
    // The connection is not reused: a late answer must not be taken for the next request's.
    QTRY_COMPARE(server.connectionsOpen(), 0);
}

void TestHttpClientPool::malformedAnswerIsAnError_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("error");
    QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n") << QStringLiteral("malformed answer");
    QTest::newRow("bad status") << QByteArray("HTTP/1.1 abc OK\r\n\r\n") << QStringLiteral("malformed answer");
    QTest::newRow("two lengths") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok")
                                 << QStringLiteral("malformed answer");
    QTest::newRow("bad chunk") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                               << QStringLiteral("malformed answer");
    QTest::newRow("HTTP/2 preface") << QByteArray("HTTP/2.0 200 OK\r\n\r\n") << QStringLiteral("answer is not HTTP/1.x");
    QTest::newRow("protocol switch") << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n")
                                     << QStringLiteral("unexpected protocol switch");
}

void TestHttpClientPool::malformedAnswerIsAnError()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, error);
    const HttpClientResponse r = answerTo(answer);
    QCOMPARE(r.status, 0);
    QVERIFY2(r.error.startsWith(error), qPrintable(r.error));
}

void TestHttpClientPool::oversizedHeadersAreAnError()
{
    const HttpClientResponse r = answerTo(FakeHttpServer::response(200, "ok", {{"X-Filler", QByteArray(70 * 1024, 'x')}}));
    QCOMPARE(r.status, 0);
    QCOMPARE(r.error, QStringLiteral("answer headers larger than 65536 bytes"));
}

void TestHttpClientPool::oversizedBodyIsCutAndTheConnectionClosed()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setScript([](int, const QByteArray &) {
        return Reply{FakeHttpServer::response(200, QByteArray(200 * 1024, 'b')), false};
    });
    HttpClientPool pool(server.url(), options(1));
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    // The status line and headers were read whole: the CRM's answer stands, its body is cut.
    const HttpClientResponse &r = answers.list.last();
    QCOMPARE(r.status, 200);
    QVERIFY(r.error.isEmpty());
    QVERIFY(r.bodyTruncated);
    QCOMPARE(r.body.size(), 64 * 1024);
    QTRY_COMPARE(server.connectionsOpen(), 0);
    pool.send(post(), answers.collect()); // and the pool goes on with a fresh connection
    QTRY_COMPARE(answers.list.size(), 2);
    QCOMPARE(answers.list.last().status, 200);
    QCOMPARE(server.connectionsAccepted(), 2);
}

void TestHttpClientPool::refusedConnectionSaysSo()
{
    quint16 port = 0;
    {
        FakeHttpServer gone; // a port that was free a moment ago: nothing listens there now
        QVERIFY(gone.listen());
        port = gone.port();
    }
    HttpClientPool pool(QUrl(QStringLiteral("http://127.0.0.1:%1/x").arg(port)), options(1));
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    QCOMPARE(answers.list.last().status, 0);
    QVERIFY(!answers.list.last().timedOut);
    const QString error = answers.list.last().error;
    QVERIFY2(error.startsWith(QStringLiteral("cannot connect to 127.0.0.1:%1: ").arg(port)), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(error));
}

void TestHttpClientPool::retryAfterIsReported()
{
    const HttpClientResponse r = answerTo(FakeHttpServer::response(503, "busy", {{"Retry-After", " 7 "}}));
    QCOMPARE(r.status, 503);
    QCOMPARE(r.header("retry-after"), QByteArray("7"));
    QCOMPARE(r.body, QByteArray("busy"));
}

void TestHttpClientPool::chunkedBodyIsJoined()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setScript([](int, const QByteArray &) {
        return Reply{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "6\r\nhello \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n", false};
    });
    HttpClientPool pool(server.url(), options(1));
    Answers answers;
    for (int i = 0; i < 2; ++i) { // and the connection stays usable after it
        pool.send(post(), answers.collect());
        QTRY_COMPARE(answers.list.size(), i + 1);
        QCOMPARE(answers.list.last().status, 200);
        QCOMPARE(answers.list.last().body, QByteArray("hello world"));
        QVERIFY(answers.list.last().header("x-trailer").isNull()); // trailers are not headers
    }
    QCOMPARE(server.connectionsAccepted(), 1);
}

void TestHttpClientPool::bodyUntilCloseIsComplete()
{
    const HttpClientResponse r = answerTo("HTTP/1.0 202 Accepted\r\n\r\nqueued", true);
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body, QByteArray("queued"));
}

void TestHttpClientPool::closedEarlyIsAnError()
{
    const HttpClientResponse r = answerTo("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..", true);
    QCOMPARE(r.status, 0);
    QCOMPARE(r.error, QStringLiteral("connection closed before the answer was complete"));
}

void TestHttpClientPool::interimAnswerIsSkipped()
{
    const HttpClientResponse r = answerTo("HTTP/1.1 100 Continue\r\n\r\n" + FakeHttpServer::response(201, "made"));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.body, QByteArray("made"));
}

void TestHttpClientPool::concurrencyIsBoundedAndTheRestWaits()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    int mostOpen = 0;
    server.setScript([&](int i, const QByteArray &) {
        mostOpen = qMax(mostOpen, server.connectionsOpen());
        return Reply{FakeHttpServer::response(200, QByteArray::number(i)), false};
    });
    HttpClientPool pool(server.url(), options(2));
    Answers answers;
    for (int i = 0; i < 7; ++i)
        pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 7);
    for (const HttpClientResponse &r : std::as_const(answers.list))
        QCOMPARE(r.status, 200);
    QCOMPARE(server.connectionsAccepted(), 2);
    QCOMPARE(pool.connectionCount(), 2);
    QVERIFY(mostOpen <= 2);
}

void TestHttpClientPool::abandonedRequestsNeverAnswer()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setScript([](int i, const QByteArray &) {
        return i == 0 ? Reply{} : Reply{FakeHttpServer::response(200, "ok"), false};
    });
    HttpClientPool pool(server.url(), options(1, 60'000));
    Answers answers;
    pool.send(post(), answers.collect());
    pool.send(post(), answers.collect()); // waits for the only connection
    QTRY_COMPARE(server.requests().size(), 1);
    pool.abandonAll();
    QTRY_COMPARE(server.connectionsOpen(), 0); // the connection closed, with no answer to anyone
    QVERIFY(answers.list.isEmpty());
    // The pool is still good for new work.
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    QCOMPARE(answers.list.last().status, 200);
    QCOMPARE(server.requests().size(), 2); // the abandoned waiting request was never sent
}

void TestHttpClientPool::unusableUrlFailsEveryRequest()
{
    HttpClientPool pool(QUrl(QStringLiteral("ftp://example.com/x")), options(1));
    Answers answers;
    pool.send(post(), answers.collect());
    QVERIFY(answers.list.isEmpty()); // never from inside send()
    QTRY_COMPARE(answers.list.size(), 1);
    QCOMPARE(answers.list.last().error, QStringLiteral("not an http(s) URL: ftp://example.com"));

    HttpClientRequest bad = post();
    bad.headers.append(qMakePair(QByteArray("X-Evil"), QByteArray("a\r\nX-Injected: 1")));
    HttpClientPool good(QUrl(QStringLiteral("http://127.0.0.1:9/x")), options(1));
    good.send(bad, answers.collect());
    QTRY_COMPARE(answers.list.size(), 2);
    QCOMPARE(answers.list.last().error, QStringLiteral("invalid header X-Evil"));
}

void TestHttpClientPool::tlsHandshakeFailureIsAnError()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setGreeting(FakeHttpServer::response(200, "plain text is no ServerHello"));
    HttpClientPool pool(server.url(QStringLiteral("/x"), QStringLiteral("https")), options(1, 10'000));
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    QCOMPARE(answers.list.last().status, 0);
    QVERIFY(!answers.list.last().timedOut);
    QVERIFY2(answers.list.last().error.startsWith(QStringLiteral("cannot connect to 127.0.0.1:")),
             qPrintable(answers.list.last().error));
    QVERIFY(server.requests().isEmpty()); // nothing went out in the clear
}

void TestHttpClientPool::tlsKeepAliveCarriesRequests()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    TestTls::trustCertificate();
    FakeHttpServer server;
    QVERIFY(server.listenTls(TestTls::serverConfiguration()));
    HttpClientPool pool(server.url(QStringLiteral("/x"), QStringLiteral("https")), options(1, 10'000));
    Answers answers;
    for (int i = 0; i < 3; ++i) {
        pool.send(post(QByteArray::number(i)), answers.collect());
        QTRY_COMPARE_WITH_TIMEOUT(answers.list.size(), i + 1, 10'000);
        QVERIFY2(answers.list.last().error.isEmpty(), qPrintable(answers.list.last().error));
        QCOMPARE(answers.list.last().status, 200);
    }
    QCOMPARE(server.requests().size(), 3);
    QVERIFY(server.requests().at(2).endsWith("\r\n\r\n2"));
    QCOMPARE(server.connectionsAccepted(), 1); // one handshake for all three
}

void TestHttpClientPool::untrustedCertificateIsAnError()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    // Only the system's authorities: the test certificate is not among them.
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setCaCertificates(QSslConfiguration::systemCaCertificates());
    QSslConfiguration::setDefaultConfiguration(c);
    FakeHttpServer server;
    QVERIFY(server.listenTls(TestTls::serverConfiguration()));
    HttpClientPool pool(server.url(QStringLiteral("/x"), QStringLiteral("https")), options(1, 10'000));
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE_WITH_TIMEOUT(answers.list.size(), 1, 10'000);
    QCOMPARE(answers.list.last().status, 0);
    QVERIFY2(answers.list.last().error.startsWith(QStringLiteral("cannot connect to 127.0.0.1:")),
             qPrintable(answers.list.last().error));
    QVERIFY(server.requests().isEmpty()); // nothing went to a server we could not verify
}

void TestHttpClientPool::keptExcerptDoesNotCostTheConnection()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setScript([](int, const QByteArray &) {
        return Reply{FakeHttpServer::response(200, QByteArray(10 * 1024, 'b')), false};
    });
    HttpClientPool::Options o = options(1);
    o.limits.keptBodyBytes = 1024;
    HttpClientPool pool(server.url(), o);
    Answers answers;
    for (int i = 0; i < 2; ++i) {
        pool.send(post(), answers.collect());
        QTRY_COMPARE(answers.list.size(), i + 1);
        QCOMPARE(answers.list.last().status, 200);
        QCOMPARE(answers.list.last().body, QByteArray(1024, 'b'));
        QVERIFY(answers.list.last().bodyTruncated);
    }
    // Read to its end (under the cap), so the connection was still in step for the second request.
    QCOMPARE(server.connectionsAccepted(), 1);
}

void TestHttpClientPool::idleConnectionClosesAfterItsTimeout()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    HttpClientPool::Options o = options(1);
    o.limits.idleTimeoutMs = 50;
    HttpClientPool pool(server.url(), o);
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    QTRY_COMPARE(server.connectionsOpen(), 0); // closed by us
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 2);
    QCOMPARE(answers.list.last().status, 200);
    QCOMPARE(server.connectionsAccepted(), 2);
    QCOMPARE(server.requests().size(), 2); // a fresh connection, not a resend
}

void TestHttpClientPool::unaskedBytesOnAnIdleConnectionCloseIt()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    // With the answer, a second one nobody asked for (as a server's 408 on an idle connection).
    server.setScript([](int i, const QByteArray &) {
        return Reply{FakeHttpServer::response(200, "ok") + (i == 0 ? FakeHttpServer::response(408, "idle") : QByteArray()),
                     false};
    });
    HttpClientPool pool(server.url(), options(1));
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    QCOMPARE(answers.list.last().status, 200);
    QTRY_COMPARE(server.connectionsOpen(), 0); // out of step: never used again
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 2);
    QCOMPARE(answers.list.last().status, 200); // not the stray 408
    QCOMPARE(server.connectionsAccepted(), 2);
}

void TestHttpClientPool::slowBodyPastTheDeadlineTimesOutAndIsNotReused()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    // Headers at once, then ten bytes of a hundred, then nothing: the deadline counts for the
    // whole exchange, not from the last byte.
    server.setScript([](int i, const QByteArray &) {
        return i == 0 ? Reply{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..", false}
                      : Reply{FakeHttpServer::response(200, "ok"), false};
    });
    HttpClientPool pool(server.url(), options(1, 300));
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    QCOMPARE(answers.list.last().status, 0);
    QVERIFY(answers.list.last().timedOut);
    QTRY_COMPARE(server.connectionsOpen(), 0); // half-read: closed, its remaining bytes never parsed
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 2);
    QCOMPARE(answers.list.last().status, 200);
    QCOMPARE(answers.list.last().body, QByteArray("ok"));
    QCOMPARE(server.connectionsAccepted(), 2);
}

void TestHttpClientPool::closedMidAnswerOnAReusedConnectionIsNotSentAgain()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setScript([](int i, const QByteArray &) {
        return i == 0 ? Reply{FakeHttpServer::response(200, "ok"), false}
                      : Reply{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial", true};
    });
    HttpClientPool pool(server.url(), options(1));
    Answers answers;
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 1);
    pool.send(post(), answers.collect());
    QTRY_COMPARE(answers.list.size(), 2);
    // The server had started answering: it got the request, so sending it again is the retry
    // policy's decision (with backoff), never the connection's.
    QCOMPARE(answers.list.last().status, 0);
    QCOMPARE(answers.list.last().error, QStringLiteral("connection closed before the answer was complete"));
    QCOMPARE(server.requests().size(), 2);
}

QTEST_GUILESS_MAIN(TestHttpClientPool)
#include "tst_http_client_pool.moc"
