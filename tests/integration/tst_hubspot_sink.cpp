#include "delivery/hubspot_sink.h"
#include "fake_http_server.h"
#include "test_tls.h"

#include <QSslSocket>
#include <QTest>

#include <optional>

using namespace ringside;
using ringside::test::FakeHttpServer;
using Reply = FakeHttpServer::Reply;
namespace TestTls = ringside::test::TestTls;

namespace {

DeliveryPayload payload(const QString &knownObjectId = {})
{
    DeliveryPayload p;
    p.job.id = 42;
    p.job.eventId = 7;
    p.job.callUuid = QStringLiteral("c-1");
    p.job.sink = QStringLiteral("hubspot");
    p.job.idempotencyKey = QStringLiteral("hubspot:7");
    p.call.callUuid = QStringLiteral("c-1");
    p.call.provider = QStringLiteral("unlimcall");
    p.event.type = EventType::Completed;
    p.event.callUuid = QStringLiteral("c-1");
    p.nowMs = 1'780'000'123'456;
    p.knownObjectId = knownObjectId;
    return p;
}

std::optional<AttemptResult> attempt(HubSpotSink &sink, const DeliveryPayload &p)
{
    std::optional<AttemptResult> result;
    sink.send(p, [&result](const AttemptResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        return std::nullopt;
    return result;
}

} // namespace

/** The HubSpot Calls sink on the wire, over TLS as against api.hubapi.com: search by call_uuid,
 *  create or PATCH by id, with the Bearer token, all on one kept-alive TLS connection. */
class TestHubSpotSink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void createsThenPatchesOverOneTlsConnection();
    void unauthorizedIsReportedAsSuch();

private:
    SinkConfig config() const;
    FakeHttpServer m_server;
};

void TestHubSpotSink::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    TestTls::trustCertificate();
    QVERIFY(m_server.listenTls(TestTls::serverConfiguration()));
}

SinkConfig TestHubSpotSink::config() const
{
    SinkConfig c;
    c.name = QStringLiteral("hubspot");
    c.type = SinkConfig::Type::HubSpot;
    c.url = m_server.url(QString(), QStringLiteral("https"));
    c.token = "pat-test";
    c.concurrency = 2;
    c.timeoutMs = 10'000;
    return c;
}

void TestHubSpotSink::createsThenPatchesOverOneTlsConnection()
{
    m_server.setScript([](int i, const QByteArray &) {
        switch (i) {
        case 0: return Reply{FakeHttpServer::response(200, R"({"total":0,"results":[]})"), false};
        case 1: return Reply{FakeHttpServer::response(201, R"({"id":"901","properties":{}})"), false};
        default: return Reply{FakeHttpServer::response(200, R"({"id":"901"})"), false};
        }
    });
    HubSpotSink sink(config());
    const auto created = attempt(sink, payload());
    QVERIFY(created);
    QVERIFY2(created->error.isEmpty(), qPrintable(created->error));
    QCOMPARE(created->httpStatus, 201);
    QCOMPARE(created->objectId, QStringLiteral("901"));
    const auto patched = attempt(sink, payload(created->objectId));
    QVERIFY(patched);
    QCOMPARE(patched->httpStatus, 200);
    QCOMPARE(patched->objectId, QStringLiteral("901"));

    const QList<QByteArray> &requests = m_server.requests();
    QCOMPARE(requests.size(), 3);
    QVERIFY(requests.at(0).startsWith("POST /crm/v3/objects/calls/search HTTP/1.1\r\n"));
    QVERIFY(requests.at(0).contains("\r\nAuthorization: Bearer pat-test\r\n"));
    QVERIFY(requests.at(0).contains(R"("value":"c-1")"));
    QVERIFY(requests.at(1).startsWith("POST /crm/v3/objects/calls HTTP/1.1\r\n"));
    QVERIFY(requests.at(2).startsWith("PATCH /crm/v3/objects/calls/901 HTTP/1.1\r\n"));
    QVERIFY(requests.at(2).contains(R"("call_uuid":"c-1")"));
    QCOMPARE(m_server.connectionsAccepted(), 1);
}

void TestHubSpotSink::unauthorizedIsReportedAsSuch()
{
    m_server.setScript([](int, const QByteArray &) {
        return Reply{FakeHttpServer::response(401, R"({"status":"error","category":"INVALID_AUTHENTICATION"})"), false};
    });
    HubSpotSink sink(config());
    const auto r = attempt(sink, payload());
    QVERIFY(r);
    // The worker pauses the sink on it (tst_delivery); here: the status and the reason come through.
    QCOMPARE(r->httpStatus, 401);
    QVERIFY2(r->error.contains(QLatin1String("INVALID_AUTHENTICATION")), qPrintable(r->error));
}

QTEST_GUILESS_MAIN(TestHubSpotSink)
#include "tst_hubspot_sink.moc"
