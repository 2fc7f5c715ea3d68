#include "delivery/webhook_body.h"
#include "delivery/webhook_sink.h"
#include "fake_http_server.h"

#include <QSignalSpy>
#include <QTest>

using namespace ringside;
using ringside::test::FakeHttpServer;
using Reply = FakeHttpServer::Reply;

namespace {

const QString kSecret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

DeliveryPayload payload()
{
    DeliveryPayload p;
    p.job.id = 42;
    p.job.eventId = 7;
    p.job.callUuid = QStringLiteral("c-1");
    p.job.sink = QStringLiteral("crm");
    p.job.attempts = 2;
    p.job.idempotencyKey = QStringLiteral("crm:7");
    p.call.callUuid = QStringLiteral("c-1");
    p.call.provider = QStringLiteral("unlimcall");
    p.event.type = EventType::Completed;
    p.event.callUuid = QStringLiteral("c-1");
    p.nowMs = 1'780'000'123'456;
    return p;
}

SinkConfig config(const QUrl &url, const QString &secret = {}, int timeoutMs = 5000)
{
    SinkConfig c;
    c.name = QStringLiteral("crm");
    c.url = url;
    c.signingSecret = secret;
    c.concurrency = 2;
    c.timeoutMs = timeoutMs;
    return c;
}

/** One attempt through the sink, waited for. */
std::optional<AttemptResult> attempt(WebhookSink &sink)
{
    std::optional<AttemptResult> result;
    sink.send(payload(), [&result](const AttemptResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        return std::nullopt;
    return result;
}

QByteArray headerOf(const QByteArray &request, const QByteArray &name)
{
    for (const QByteArray &line : request.left(request.indexOf("\r\n\r\n")).split('\n')) {
        if (line.startsWith(name + ": "))
            return line.mid(name.size() + 2).trimmed();
    }
    return {};
}

} // namespace

/** Tests the generic webhook sink on the wire: the headers a receiver relies on (idempotency,
 *  signature), and how each kind of answer becomes an attempt result for the retry policy. */
class TestWebhookSink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestCarriesKeyAndSignature();
    void unsignedRequestHasNoSignatureHeaders();
    void answersBecomeAttemptResults_data();
    void answersBecomeAttemptResults();
    void timeoutIsReportedAsSuch();
};

void TestWebhookSink::requestCarriesKeyAndSignature()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    WebhookSink sink(config(server.url(QStringLiteral("/hook?tenant=a")), kSecret));
    const auto result = attempt(sink);
    QVERIFY(result);
    QCOMPARE(result->httpStatus, 200);
    QVERIFY(result->error.isEmpty());

    const QByteArray request = server.requests().value(0);
    QVERIFY(request.startsWith("POST /hook?tenant=a HTTP/1.1\r\n"));
    QCOMPARE(headerOf(request, "Content-Type"), QByteArray("application/json"));
    QCOMPARE(headerOf(request, "Idempotency-Key"), QByteArray("crm:7"));
    QCOMPARE(headerOf(request, "User-Agent"), QByteArray("ringside"));
    const QByteArray body = request.mid(request.indexOf("\r\n\r\n") + 4);
    QCOMPARE(body, WebhookBody::write(payload(), QStringLiteral("crm")));
    QCOMPARE(headerOf(request, "webhook-id"), QByteArray("crm:7"));
    QCOMPARE(headerOf(request, "webhook-timestamp"), QByteArray("1780000123"));
    const StandardWebhooksSigner signer(*StandardWebhooksSecret::parse(kSecret));
    QCOMPARE(headerOf(request, "webhook-signature"), signer.sign("crm:7", 1780000123, body));
    QVERIFY(!request.contains(kSecret.toLatin1()));
}

void TestWebhookSink::unsignedRequestHasNoSignatureHeaders()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    WebhookSink sink(config(server.url()));
    QVERIFY(attempt(sink));
    const QByteArray request = server.requests().value(0);
    QCOMPARE(headerOf(request, "Idempotency-Key"), QByteArray("crm:7"));
    QVERIFY(headerOf(request, "webhook-signature").isNull());
}

void TestWebhookSink::answersBecomeAttemptResults_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("excerptBytes");
    QTest::newRow("2xx") << FakeHttpServer::response(201, "{\"id\":\"9\"}") << 201 << QString() << QByteArray() << 10;
    QTest::newRow("429 with Retry-After")
        << FakeHttpServer::response(429, "slow down", {{"Retry-After", "3"}}) << 429 << "HTTP 429: slow down"
        << QByteArray("3") << 9;
    QTest::newRow("503 with a date")
        << FakeHttpServer::response(503, "", {{"Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"}}) << 503 << "HTTP 503: "
        << QByteArray("Wed, 21 Oct 2026 07:28:00 GMT") << 0;
    // A redirect is the CRM's answer: a POST that went elsewhere was not delivered.
    QTest::newRow("302 not followed") << FakeHttpServer::response(302, "moved", {{"Location", "http://127.0.0.1:9/"}})
                                      << 302 << "HTTP 302: moved" << QByteArray() << 5;
    QTest::newRow("long error page") << FakeHttpServer::response(500, QByteArray(5000, 'x')) << 500
                                     << "HTTP 500: " + QString(200, QLatin1Char('x')) << QByteArray() << 1024;
    QTest::newRow("garbage") << QByteArray("nonsense\r\n\r\n") << 0 << "malformed answer: invalid constant string"
                             << QByteArray() << 0;
}

void TestWebhookSink::answersBecomeAttemptResults()
{
    QFETCH(QByteArray, answer);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, excerptBytes);
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setScript([answer](int, const QByteArray &) { return Reply{answer, false}; });
    WebhookSink sink(config(server.url()));
    const auto result = attempt(sink);
    QVERIFY(result);
    QCOMPARE(result->httpStatus, status);
    QCOMPARE(result->error, error);
    QCOMPARE(result->retryAfter, retryAfter);
    QCOMPARE(result->responseExcerpt.size(), excerptBytes);
    QVERIFY(!result->timedOut);
    QCOMPARE(server.requests().size(), 1);
}

void TestWebhookSink::timeoutIsReportedAsSuch()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setScript([](int, const QByteArray &) { return Reply{}; });
    WebhookSink sink(config(server.url(), {}, 150));
    const auto result = attempt(sink);
    QVERIFY(result);
    QCOMPARE(result->httpStatus, 0);
    QVERIFY(result->timedOut);
    QCOMPARE(result->error, QStringLiteral("timed out after 150 ms"));
}

QTEST_GUILESS_MAIN(TestWebhookSink)
#include "tst_webhook_sink.moc"
