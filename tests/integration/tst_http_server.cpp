#include "core/thread_handoff.h"
#include "ingest/http_server.h"
#include "raw_http_client.h"

#include <QMutex>
#include <QMutexLocker>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

using namespace ringside;
using ringside::test::RawHttpClient;
using ringside::test::RawResponse;

namespace {

struct Refusal
{
    int status;
    QByteArray reason;
    QByteArray method;
};

/** Echoes bodies (or answers X-Answer-Bytes: N bytes), answers /slow?ms=N later from a timer,
 *  /close with closeConnection, and
 *  records every refused() call. Runs on the server's thread; counters are read by the test. */
class TestHandler : public HttpHandler
{
public:
    void handle(HttpRequest request, HttpRespond respond) override
    {
        ++handled;
        HttpResponse response;
        response.body = request.body;
        if (const QByteArray size = request.header("x-answer-bytes"); !size.isNull())
            response.body = QByteArray(size.toInt(), 'a'); // an answer much larger than the request
        response.headers.append({"X-Path", request.path});
        if (request.path == "/close")
            response.closeConnection = true;
        if (request.path == "/slow") {
            const int ms = request.query.mid(request.query.indexOf('=') + 1).toInt();
            QTimer::singleShot(ms, [this, respond, response] {
                ++responded;
                respond(response);
            });
            return;
        }
        ++responded;
        respond(response);
    }

    void refused(int status, const QByteArray &reason, const HttpRequest &partial) override
    {
        QMutexLocker lock(&m_mutex);
        m_refused.append({status, reason, partial.method});
    }

    QList<Refusal> refusals() const
    {
        QMutexLocker lock(&m_mutex);
        return m_refused;
    }
    int refusalCount() const { return int(refusals().size()); }

    std::atomic<int> handled{0};
    std::atomic<int> responded{0};

private:
    mutable QMutex m_mutex;
    QList<Refusal> m_refused;
};

/** An HttpServer on its own thread, as in production; the blocking test client needs that. */
class ServerRunner
{
public:
    explicit ServerRunner(const HttpLimits &limits)
    {
        server = new HttpServer(&handler, limits);
        server->moveToThread(&m_thread);
        QObject::connect(server, &HttpServer::drained, server, [this] { ++drained; }, Qt::DirectConnection);
        m_thread.start();
        invokeOn(server, [this] { listening = server->listen(QHostAddress::LocalHost, 0); }, Qt::BlockingQueuedConnection);
        port = server->serverPort();
    }
    ~ServerRunner()
    {
        // Deleted on its own thread, through invokeOn so that TSan sees this thread's earlier reads
        // (connectionCount()) happen before (QThread::quit's ordering is invisible to it).
        invokeOn(server, [this] { delete server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    void shutdown() { invokeOn(server, [s = server] { s->shutdown(); }); }

    TestHandler handler;
    HttpServer *server = nullptr;
    bool listening = false;
    quint16 port = 0;
    std::atomic<int> drained{0};

private:
    QThread m_thread;
};

HttpLimits testLimits()
{
    HttpLimits limits;
    limits.headerTimeoutMs = 3000;
    limits.bodyTimeoutMs = 3000;
    limits.idleTimeoutMs = 3000;
    limits.lingerTimeoutMs = 1000;
    return limits;
}

QByteArray get(const QByteArray &path, const QByteArray &extra = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { m_runner.reset(); }

    void keepAlive();
    void pipelinedRequestsAnsweredInOrder();
    void pipeliningBeyondTheBufferCap();
    void connectionPersistence_data();
    void connectionPersistence();
    void expectContinue();
    void chunkedBody();
    void protocolErrors_data();
    void protocolErrors();
    void headerTimeout();
    void bodyTimeout();
    void idleTimeoutClosesQuietly_data();
    void idleTimeoutClosesQuietly();
    void maxConnections();
    void asyncRespondAfterClientLeft();
    void halfClosedClientStillGetsItsAnswers_data();
    void halfClosedClientStillGetsItsAnswers();
    void halfClosedClientThatReadsSlowlyGetsEveryAnswer();
    void truncatedRequestBeforeFinIsRefused();
    void shutdownAnswersRequestInFlight();
    void shutdownWithoutConnections();
    void listenFailure();

private:
    ServerRunner &start(const HttpLimits &limits = testLimits())
    {
        m_runner = std::make_unique<ServerRunner>(limits);
        return *m_runner;
    }
    std::unique_ptr<ServerRunner> m_runner;
};

void TestHttpServer::keepAlive()
{
    ServerRunner &s = start();
    QVERIFY(s.listening);
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    for (int i = 0; i < 3; ++i) {
        const QByteArray body = "event-" + QByteArray::number(i);
        QVERIFY(client.send(RawHttpClient::post("/echo", body)));
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->reason, QByteArray("OK"));
        QCOMPARE(response->body, body);
        QCOMPARE(response->header("connection"), QByteArray("keep-alive"));
        QCOMPARE(response->header("server"), QByteArray("ringside"));
        QVERIFY(response->header("date").endsWith(" GMT"));
        QCOMPARE(response->header("x-path"), QByteArray("/echo"));
    }
    QCOMPARE(s.server->connectionCount(), 1);
    QCOMPARE(s.handler.handled.load(), 3);
}

void TestHttpServer::pipelinedRequestsAnsweredInOrder()
{
    ServerRunner &s = start();
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    // The first is answered 150 ms later; the others must still come after it.
    QVERIFY(client.send(RawHttpClient::post("/slow?ms=150", "first") + RawHttpClient::post("/echo", "second")
                        + RawHttpClient::post("/echo", "third")));
    for (const QByteArray expected : {"first", "second", "third"}) {
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, expected);
    }
}

void TestHttpServer::pipeliningBeyondTheBufferCap()
{
    ServerRunner &s = start();
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    // More than maxPipelinedBytes behind a slow first request: reading pauses, nothing is lost.
    const QByteArray filler(300, 'x');
    // Enough to fill both the parser's buffer and the socket's: the kernel then holds the rest.
    QByteArray burst = RawHttpClient::post("/slow?ms=200", "0");
    const int count = 600;
    for (int i = 1; i < count; ++i)
        burst += RawHttpClient::post("/echo", QByteArray::number(i), {{"X-Filler", filler}});
    QVERIFY(burst.size() > 3 * s.server->limits().maxPipelinedBytes);
    QVERIFY(client.send(burst));
    for (int i = 0; i < count; ++i) {
        const auto response = client.readResponse();
        QVERIFY2(response, QByteArray::number(i).constData());
        QCOMPARE(response->body, QByteArray::number(i));
    }
}

void TestHttpServer::connectionPersistence_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("closes");

    QTest::newRow("1.1 Connection: close") << get("/echo", "Connection: close\r\n") << true;
    QTest::newRow("1.1 default keep-alive") << get("/echo") << false;
    QTest::newRow("1.0 closes by default") << QByteArray("GET /echo HTTP/1.0\r\n\r\n") << true;
    QTest::newRow("1.0 with keep-alive") << QByteArray("GET /echo HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                                         << false;
    QTest::newRow("handler asks to close") << get("/close") << true;
}

void TestHttpServer::connectionPersistence()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, closes);

    ServerRunner &s = start();
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    QVERIFY(client.send(request));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("connection"), closes ? QByteArray("close") : QByteArray("keep-alive"));
    if (closes) {
        QVERIFY(client.waitForClosed(2000));
    } else {
        QVERIFY(client.send(request));
        const auto second = client.readResponse();
        QVERIFY(second);
        QCOMPARE(second->status, 200);
    }
}

void TestHttpServer::expectContinue()
{
    ServerRunner &s = start();
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    QVERIFY(client.send("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 7\r\n\r\n"));
    // The body is not sent yet: the 100 must come on the headers alone.
    const auto interim = client.readResponse(2000);
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    QVERIFY(client.send("payload"));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray("payload"));
}

void TestHttpServer::chunkedBody()
{
    ServerRunner &s = start();
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    QVERIFY(client.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"));
    QVERIFY(client.send("5\r\nhel"));
    QVERIFY(client.send("lo\r\n7\r\n, world\r\n"));
    QVERIFY(client.send("0\r\n\r\n"));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray("hello, world"));
}

void TestHttpServer::protocolErrors_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");

    QTest::newRow("400 malformed request line") << QByteArray("GARBAGE\r\n\r\n") << 400 << QByteArray("malformed");
    QTest::newRow("400 Content-Length and chunked")
        << QByteArray("POST /echo HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n") << 400
        << QByteArray("malformed");
    QTest::newRow("431 headers too large")
        << get("/echo", "X-Big: " + QByteArray(20 * 1024, 'a') + "\r\n") << 431 << QByteArray("header_too_large");
    // Only the headers are sent: the 413 must not wait for a body.
    QTest::newRow("413 by Content-Length, body never sent")
        << QByteArray("POST /echo HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n") << 413 << QByteArray("body_too_large");
    // The client is still sending when the 413 goes out: the close must not reset the connection
    // (and destroy the 413) because of the unread body.
    QTest::newRow("413 while the body is on its way")
        << RawHttpClient::post("/echo", QByteArray(2 * 1024 * 1024, 'b')) << 413 << QByteArray("body_too_large");
    QTest::newRow("413 instead of 100 Continue")
        << QByteArray("POST /echo HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2000000\r\n\r\n") << 413
        << QByteArray("body_too_large");
    QTest::newRow("505 HTTP/2.0") << QByteArray("GET /echo HTTP/2.0\r\n\r\n") << 505
                                  << QByteArray("version_not_supported");
}

void TestHttpServer::protocolErrors()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);

    ServerRunner &s = start();
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    QVERIFY(client.send(request));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, status); // not a 100 first, even with Expect
    QCOMPARE(response->header("connection"), QByteArray("close"));
    QVERIFY(!response->body.isEmpty());
    QVERIFY(client.waitForClosed(2000));
    QTRY_COMPARE(s.handler.refusalCount(), 1);
    QCOMPARE(s.handler.refusals().first().status, status);
    QCOMPARE(s.handler.refusals().first().reason, reason);
    QCOMPARE(s.handler.handled.load(), 0);
}

void TestHttpServer::headerTimeout()
{
    HttpLimits limits = testLimits();
    limits.headerTimeoutMs = 250;
    ServerRunner &s = start(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    QVERIFY(client.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Le"));
    const auto response = client.readResponse(3000);
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    QCOMPARE(response->header("connection"), QByteArray("close"));
    QVERIFY(client.waitForClosed(2000));
    QTRY_COMPARE(s.handler.refusalCount(), 1);
    const Refusal refusal = s.handler.refusals().first();
    QCOMPARE(refusal.status, 408);
    QCOMPARE(refusal.reason, QByteArray("header_timeout"));
    QCOMPARE(refusal.method, QByteArray("POST"));
}

void TestHttpServer::bodyTimeout()
{
    HttpLimits limits = testLimits();
    limits.bodyTimeoutMs = 250;
    ServerRunner &s = start(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    QVERIFY(client.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc"));
    const auto response = client.readResponse(3000);
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    QVERIFY(client.waitForClosed(2000));
    QTRY_COMPARE(s.handler.refusalCount(), 1);
    QCOMPARE(s.handler.refusals().first().status, 408);
    QCOMPARE(s.handler.refusals().first().reason, QByteArray("body_timeout"));
}

void TestHttpServer::idleTimeoutClosesQuietly_data()
{
    QTest::addColumn<bool>("afterARequest");
    QTest::newRow("between requests") << true;
    QTest::newRow("before the first request") << false;
}

void TestHttpServer::idleTimeoutClosesQuietly()
{
    QFETCH(bool, afterARequest);
    HttpLimits limits = testLimits();
    limits.idleTimeoutMs = 250;
    limits.headerTimeoutMs = 250;
    ServerRunner &s = start(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    if (afterARequest) {
        QVERIFY(client.send(get("/echo")));
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
    }
    QVERIFY(client.waitForClosed(3000));
    QVERIFY(!client.readResponse(100)); // no 408: nobody was waiting for an answer
    QCOMPARE(s.handler.refusalCount(), 0);
    QTRY_COMPARE(s.server->connectionCount(), 0);
}

void TestHttpServer::maxConnections()
{
    HttpLimits limits = testLimits();
    limits.maxConnections = 2;
    ServerRunner &s = start(limits);
    RawHttpClient first, second, third;
    QVERIFY(first.connectTo(s.port));
    QVERIFY(second.connectTo(s.port));
    QTRY_COMPARE(s.server->connectionCount(), 2);

    QVERIFY(third.connectTo(s.port));
    QVERIFY(third.send(get("/echo")));
    const auto refused = third.readResponse();
    QVERIFY(refused);
    QCOMPARE(refused->status, 503);
    QCOMPARE(refused->header("connection"), QByteArray("close"));
    QVERIFY(!refused->body.isEmpty());
    QVERIFY(third.waitForClosed(2000));
    QTRY_COMPARE(s.handler.refusalCount(), 1);
    QCOMPARE(s.handler.refusals().first().status, 503);
    QCOMPARE(s.handler.refusals().first().reason, QByteArray("too_many_connections"));
    QCOMPARE(s.handler.handled.load(), 0);

    // The ones inside the limit are served as usual.
    QVERIFY(first.send(get("/echo")));
    const auto ok = first.readResponse();
    QVERIFY(ok);
    QCOMPARE(ok->status, 200);
    QCOMPARE(s.server->connectionCount(), 2);
}

void TestHttpServer::asyncRespondAfterClientLeft()
{
    ServerRunner &s = start();
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(s.port));
        QVERIFY(client.send(RawHttpClient::post("/slow?ms=150", "late")));
        QTRY_COMPARE(s.handler.handled.load(), 1);
        client.socket().abort();
    }
    QTRY_COMPARE(s.server->connectionCount(), 0);
    QTRY_COMPARE(s.handler.responded.load(), 1); // answered into a connection that is gone

    const auto response = ringside::test::exchange(s.port, get("/echo"));
    QVERIFY(response);
    QCOMPARE(response->status, 200);
}

// A client that sends FIN right after its request (HTTP/1.0 tools, `nc -N`, some scripts) still
// reads: every request it sent is answered, in order, and then the connection closes.
void TestHttpServer::halfClosedClientStillGetsItsAnswers_data()
{
    QTest::addColumn<QByteArrayList>("paths");
    QTest::newRow("answered at once") << QByteArrayList{"/echo"};
    QTest::newRow("FIN while handled") << QByteArrayList{"/slow?ms=200"};
    QTest::newRow("pipelined, then FIN") << QByteArrayList{"/slow?ms=200", "/echo", "/slow?ms=50"};
}

void TestHttpServer::halfClosedClientStillGetsItsAnswers()
{
    QFETCH(QByteArrayList, paths);
    ServerRunner &s = start();
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    QByteArray requests;
    for (int i = 0; i < paths.size(); ++i)
        requests += RawHttpClient::post(paths[i], "body " + QByteArray::number(i));
    QVERIFY(client.send(requests));
    QVERIFY(client.finishSending());
    for (int i = 0; i < paths.size(); ++i) {
        const auto response = client.readResponse();
        QVERIFY2(response, qPrintable(QStringLiteral("no answer to request %1").arg(i)));
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, "body " + QByteArray::number(i));
    }
    QVERIFY(client.waitForClosed(2000));
    QTRY_COMPARE(s.server->connectionCount(), 0);
    QCOMPARE(s.handler.handled.load(), int(paths.size()));
    QCOMPARE(s.handler.refusalCount(), 0);
}

// The FIN is read (behind the last small request) while the first is handled; its large answer
// then backs up because the client does not read yet, so the server pauses the requests still
// buffered. They must be answered once the client reads, not dropped with the connection.
void TestHttpServer::halfClosedClientThatReadsSlowlyGetsEveryAnswer()
{
    ServerRunner &s = start();
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    // 32 MiB: more than the kernel's socket buffers on both ends take, so most of it waits in ours.
    const int bigSize = 32 * 1024 * 1024;
    QVERIFY(client.send(RawHttpClient::post("/slow?ms=200", "first", {{"X-Answer-Bytes", QByteArray::number(bigSize)}})
                        + RawHttpClient::post("/echo", "second") + RawHttpClient::post("/echo", "third")));
    QVERIFY(client.finishSending());
    QTRY_COMPARE(s.handler.responded.load(), 1);
    const auto first = client.readResponse(20000);
    QVERIFY(first);
    QCOMPARE(first->status, 200);
    QCOMPARE(first->body.size(), bigSize);
    for (const QByteArray &expected : {QByteArray("second"), QByteArray("third")}) {
        const auto response = client.readResponse();
        QVERIFY2(response, expected.constData());
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, expected);
    }
    QVERIFY(client.waitForClosed(5000));
    QCOMPARE(s.handler.handled.load(), 3);
}

void TestHttpServer::truncatedRequestBeforeFinIsRefused()
{
    ServerRunner &s = start();
    RawHttpClient client;
    QVERIFY(client.connectTo(s.port));
    QVERIFY(client.send("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nabc"));
    QVERIFY(client.finishSending());
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 400);
    QCOMPARE(response->header("connection"), QByteArray("close"));
    QVERIFY(client.waitForClosed(2000));
    QCOMPARE(s.handler.handled.load(), 0);
    QTRY_COMPARE(s.handler.refusalCount(), 1);
    QCOMPARE(s.handler.refusals().first().reason, QByteArray("truncated_request"));
    QCOMPARE(s.handler.refusals().first().method, QByteArray("POST"));
}

void TestHttpServer::shutdownAnswersRequestInFlight()
{
    ServerRunner &s = start();
    RawHttpClient busy, idle;
    QVERIFY(busy.connectTo(s.port));
    QVERIFY(idle.connectTo(s.port));
    QVERIFY(busy.send(RawHttpClient::post("/slow?ms=300", "in flight")));
    QTRY_COMPARE(s.handler.handled.load(), 1);
    QTRY_COMPARE(s.server->connectionCount(), 2);

    s.shutdown();
    QVERIFY(idle.waitForClosed(2000)); // idle: closed at once
    QCOMPARE(s.drained.load(), 0);

    const auto response = busy.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray("in flight"));
    QCOMPARE(response->header("connection"), QByteArray("close"));
    QVERIFY(busy.waitForClosed(2000));
    QTRY_COMPARE(s.drained.load(), 1);
    QCOMPARE(s.server->connectionCount(), 0);

    RawHttpClient late;
    QVERIFY(!late.connectTo(s.port, QStringLiteral("127.0.0.1"), 1000)); // no longer listening
}

void TestHttpServer::shutdownWithoutConnections()
{
    ServerRunner &s = start();
    s.shutdown();
    QTRY_COMPARE(s.drained.load(), 1);
}

void TestHttpServer::listenFailure()
{
    ServerRunner &s = start();
    TestHandler handler;
    HttpServer second(&handler);
    QVERIFY(!second.listen(QHostAddress::LocalHost, s.port));
    QVERIFY(!second.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_http_server.moc"
