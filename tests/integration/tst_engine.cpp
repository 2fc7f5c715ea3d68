#include "auth/standard_webhooks_secret.h"
#include "auth/standard_webhooks_signer.h"
#include "core/clock.h"
#include "engine/engine.h"
#include "load_client.h"
#include "raw_http_client.h"
#include "store/event_writer.h"
#include "store/metric_store.h"
#include "store/store_reader.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

namespace {
const char *const kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

QByteArray body(const QString &uuid, const char *event = "call.initiated")
{
    const QByteArray r = unlimcallRequest(uuid, event);
    return r.mid(r.indexOf("\r\n\r\n") + 4);
}
} // namespace

class TestEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void acceptsThenDeduplicates();
    void unknownPathAndWrongMethod();
    void keepsUnprocessableBodies();
    void verifiesStandardWebhooksSignatures();
    void bearerToken();
    void answers503WhileTheStoreCannotWriteAndRecovers();
    void metricsOnlyOnTheAdminListener();
    void conservationHoldsAcrossEveryKindOfAnswer();
    void rollupsSurviveARestart();
    void refusesAPublicAddressWithoutAuth();
    void retentionDeletesExpiredCallsOnItsOwn();

private:
    bool startEngine(EngineConfig config = {});
    EngineConfig baseConfig() const;
    qint64 scalar(const QString &sql);
    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock{QDateTime::currentMSecsSinceEpoch()};
    std::unique_ptr<Engine> m_engine;
};

EngineConfig TestEngine::baseConfig() const
{
    EngineConfig c;
    c.listenPort = 0;
    c.adminPort = 0;
    c.databasePath = m_dir->filePath(QStringLiteral("engine.db"));
    return c;
}

bool TestEngine::startEngine(EngineConfig config)
{
    if (config.databasePath.isEmpty())
        config = baseConfig();
    m_engine = std::make_unique<Engine>(config, m_clock);
    QString error;
    const bool ok = m_engine->start(&error);
    if (!ok)
        qWarning() << error;
    return ok;
}

qint64 TestEngine::scalar(const QString &sql)
{
    StoreReader reader;
    QString error;
    if (!reader.open(m_engine->config().databasePath, &error))
        return -1;
    QSqlQuery q(reader.database());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

void TestEngine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestEngine::cleanup()
{
    m_engine.reset();
    m_dir.reset();
}

void TestEngine::acceptsThenDeduplicates()
{
    QVERIFY(startEngine());
    const QByteArray request = unlimcallRequest(QStringLiteral("call-1"), "call.initiated");
    auto first = exchange(m_engine->webhookPort(), request);
    QVERIFY(first);
    QCOMPARE(first->status, 200);
    QCOMPARE(first->body.trimmed(), QByteArray("accepted"));
    auto again = exchange(m_engine->webhookPort(), request);
    QVERIFY(again);
    QCOMPARE(again->status, 200);
    QCOMPARE(again->body.trimmed(), QByteArray("duplicate"));
    // A different event of the same call is a new event, not a duplicate.
    auto answered = exchange(m_engine->webhookPort(), unlimcallRequest(QStringLiteral("call-1"), "call.answered"));
    QCOMPARE(answered->body.trimmed(), QByteArray("accepted"));

    const auto s = m_engine->metrics().snapshot();
    QCOMPARE(s.received, quint64(3));
    QCOMPARE(s.accepted, quint64(2));
    QCOMPARE(s.deduped, quint64(1));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events")), 2);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM event_receipts")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT events_seen FROM calls WHERE call_uuid = 'call-1'")), 0b011);
}

void TestEngine::unknownPathAndWrongMethod()
{
    QVERIFY(startEngine());
    auto notFound = exchange(m_engine->webhookPort(), RawHttpClient::post("/webhooks/nope", "{}"));
    QCOMPARE(notFound->status, 404);
    auto wrongMethod = exchange(m_engine->webhookPort(), "GET /webhooks/unlimcall HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(wrongMethod->status, 405);
    QCOMPARE(wrongMethod->header("allow"), QByteArray("POST"));
    const auto s = m_engine->metrics().snapshot();
    QCOMPARE(s.rejected.value("not_found"), quint64(1));
    QCOMPARE(s.rejected.value("method_not_allowed"), quint64(1));
}

void TestEngine::keepsUnprocessableBodies()
{
    QVERIFY(startEngine());
    auto r = exchange(m_engine->webhookPort(), RawHttpClient::post("/webhooks/unlimcall", "{\"event\": \"call.initiated\""));
    QCOMPARE(r->status, 200);
    auto missing = exchange(m_engine->webhookPort(), RawHttpClient::post("/webhooks/unlimcall", "{\"event\":\"call.initiated\"}"));
    QCOMPARE(missing->status, 200);
    QCOMPARE(m_engine->metrics().snapshot().unprocessable, quint64(2));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events WHERE status = 'unprocessable' AND error LIKE '%call_uuid%'")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events WHERE status = 'unprocessable' AND error LIKE '%JSON%'")), 1);
}

void TestEngine::verifiesStandardWebhooksSignatures()
{
    EngineConfig c = baseConfig();
    c.auth = {QStringLiteral("standard-webhooks"), {}, {QString::fromLatin1(kSecret)}};
    QVERIFY(startEngine(c));
    const StandardWebhooksSigner signer(*StandardWebhooksSecret::parse(QString::fromLatin1(kSecret)));
    const qint64 now = m_clock.nowMs() / 1000;
    auto signedRequest = [&](const QByteArray &id, qint64 ts, const QByteArray &b, const QByteArray &sig = {}) {
        return RawHttpClient::post("/webhooks/unlimcall", b,
                                   {{"webhook-id", id}, {"webhook-timestamp", QByteArray::number(ts)},
                                    {"webhook-signature", sig.isEmpty() ? signer.sign(id, ts, b) : sig}});
    };
    const QByteArray b1 = body(QStringLiteral("sig-call"));
    QCOMPARE(exchange(m_engine->webhookPort(), signedRequest("msg_1", now, b1))->status, 200);
    // The same webhook-id is the dedup key, whatever the body says.
    auto dup = exchange(m_engine->webhookPort(), signedRequest("msg_1", now, body(QStringLiteral("other-call"))));
    QCOMPARE(dup->body.trimmed(), QByteArray("duplicate"));
    QCOMPARE(exchange(m_engine->webhookPort(), signedRequest("msg_2", now, b1, "v1,AAAA"))->status, 401);
    QCOMPARE(exchange(m_engine->webhookPort(), signedRequest("msg_3", now - 301, b1))->status, 401);
    QCOMPARE(exchange(m_engine->webhookPort(), RawHttpClient::post("/webhooks/unlimcall", b1))->status, 401);

    const auto s = m_engine->metrics().snapshot();
    QCOMPARE(s.rejected.value("bad_signature"), quint64(1));
    QCOMPARE(s.rejected.value("timestamp_out_of_tolerance"), quint64(1));
    QCOMPARE(s.rejected.value("missing_credentials"), quint64(1));
    QTRY_COMPARE(scalar(QStringLiteral("SELECT count(*) FROM rejected_requests WHERE status = 401")), 3);
}

void TestEngine::bearerToken()
{
    EngineConfig c = baseConfig();
    c.auth = {QStringLiteral("bearer"), "s3cret-token", {}};
    QVERIFY(startEngine(c));
    const QByteArray b = body(QStringLiteral("tok-call"));
    QCOMPARE(exchange(m_engine->webhookPort(),
                      RawHttpClient::post("/webhooks/unlimcall", b, {{"Authorization", "Bearer s3cret-token"}}))->status, 200);
    QCOMPARE(exchange(m_engine->webhookPort(),
                      RawHttpClient::post("/webhooks/unlimcall", b, {{"Authorization", "Bearer wrong"},
                                                                     {"X-Auth-Token", "also-secret"}}))->status, 401);
    // The sample keeps the request for inspection, but never a credential.
    QTRY_COMPARE(scalar(QStringLiteral("SELECT count(*) FROM rejected_requests")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM rejected_requests WHERE headers LIKE '%wrong%'")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM rejected_requests WHERE headers LIKE '%also-secret%'")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM rejected_requests WHERE headers LIKE '%[redacted]%'")), 1);
}

void TestEngine::answers503WhileTheStoreCannotWriteAndRecovers()
{
    QVERIFY(startEngine());
    const quint16 port = m_engine->webhookPort();
    QCOMPARE(exchange(port, unlimcallRequest(QStringLiteral("warm"), "call.initiated"))->status, 200);
    m_engine->writer().setMaxPageCount(scalar(QStringLiteral("PRAGMA page_count")));

    int status = 200, sent = 0, acknowledged = 0;
    std::optional<RawResponse> refused;
    while (status == 200 && sent < 5000) {
        auto r = exchange(port, unlimcallRequest(QStringLiteral("fill-%1").arg(sent++), "call.completed"));
        QVERIFY(r);
        status = r->status;
        if (status == 200)
            ++acknowledged;
        else
            refused = r;
    }
    QCOMPARE(status, 503);
    QVERIFY(!refused->header("retry-after").isEmpty());
    QCOMPARE(exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")->status, 503);
    QCOMPARE(exchange(m_engine->adminPort(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")->status, 503);
    const auto writableGauge = [this] {
        const QList<QByteArray> lines = exchange(m_engine->adminPort(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")->body.split('\n');
        return lines.contains("ringside_store_writable 1") ? 1 : lines.contains("ringside_store_writable 0") ? 0 : -1;
    };
    QCOMPARE(writableGauge(), 0); // for Prometheus, which does not poll /healthz
    // Every 200 is on disk; the 503 is not.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events WHERE call_uuid LIKE 'fill-%'")), acknowledged);

    m_engine->writer().setMaxPageCount(0);
    QTRY_COMPARE_WITH_TIMEOUT(exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")->status, 200, 10000);
    QCOMPARE(writableGauge(), 1);
    QCOMPARE(exchange(port, unlimcallRequest(QStringLiteral("fill-%1").arg(sent - 1), "call.completed"))->status, 200);
    QVERIFY(m_engine->metrics().snapshot().conserved());
}

void TestEngine::metricsOnlyOnTheAdminListener()
{
    QVERIFY(startEngine());
    exchange(m_engine->webhookPort(), unlimcallRequest(QStringLiteral("m"), "call.initiated"));
    auto metrics = exchange(m_engine->adminPort(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(metrics->status, 200);
    QVERIFY(metrics->header("content-type").startsWith("text/plain; version=0.0.4"));
    for (const char *name : {"ringside_events_received_total 1", "ringside_events_accepted_total 1",
                             "ringside_events_deduped_total 0", "ringside_events_unprocessable_total 0",
                             "ringside_ack_latency_seconds_count 1", "ringside_calls_incomplete 0"})
        QVERIFY2(metrics->body.contains(name), name);
    QCOMPARE(exchange(m_engine->webhookPort(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")->status, 404);
    QCOMPARE(exchange(m_engine->adminPort(), "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")->status, 405);
}

void TestEngine::conservationHoldsAcrossEveryKindOfAnswer()
{
    EngineConfig c = baseConfig();
    c.limits.headerTimeoutMs = 300;
    QVERIFY(startEngine(c));
    const quint16 port = m_engine->webhookPort();
    const QList<QPair<QByteArray, int>> requests = {
        {unlimcallRequest(QStringLiteral("c1"), "call.initiated"), 200},
        {unlimcallRequest(QStringLiteral("c1"), "call.initiated"), 200},
        {RawHttpClient::post("/webhooks/unlimcall", "not json"), 200},
        {RawHttpClient::post("/nowhere", "{}"), 404},
        {"POST /webhooks/unlimcall HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n", 413},
        {"POST /webhooks/unlimcall HTTP/1.1\r\nX-Big: " + QByteArray(20000, 'a') + "\r\n\r\n", 431},
        {"BREW /pot HTCPCP/1.0\r\n\r\n", 400},
    };
    for (const auto &[request, expected] : requests) {
        auto r = exchange(port, request);
        QVERIFY(r);
        QCOMPARE(r->status, expected);
    }
    // A partial request that times out is a request too.
    RawHttpClient slow;
    QVERIFY(slow.connectTo(port));
    QVERIFY(slow.send("POST /webhooks/unlimcall HTTP/1.1\r\nHost: x\r\n"));
    auto timedOut = slow.readResponse(5000);
    QVERIFY(timedOut);
    QCOMPARE(timedOut->status, 408);

    const auto s = m_engine->metrics().snapshot();
    QCOMPARE(s.received, quint64(requests.size() + 1));
    QCOMPARE(s.accepted, quint64(2));
    QCOMPARE(s.deduped, quint64(1));
    QCOMPARE(s.rejectedTotal(), quint64(5));
    QVERIFY(s.conserved());
}

void TestEngine::rollupsSurviveARestart()
{
    QVERIFY(startEngine());
    for (int i = 0; i < 5; ++i)
        exchange(m_engine->webhookPort(), unlimcallRequest(QStringLiteral("r%1").arg(i), "call.initiated"));
    exchange(m_engine->webhookPort(), unlimcallRequest(QStringLiteral("r0"), "call.initiated"));
    m_engine->stop(); // writes the last rollup before closing
    StoreReader reader;
    QString error;
    QVERIFY(reader.open(baseConfig().databasePath, &error));
    const qint64 now = m_clock.nowMs();
    const auto hourly = MetricStore::hourly(reader.database(), now - 3600'000, now + 3600'000,
                                            {QStringLiteral("received"), QStringLiteral("deduped")}, &error);
    QCOMPARE(hourly.value(QStringLiteral("received")).value(now / 3600'000 * 3600'000), 6);
    QCOMPARE(hourly.value(QStringLiteral("deduped")).value(now / 3600'000 * 3600'000), 1);
}

void TestEngine::refusesAPublicAddressWithoutAuth()
{
    EngineConfig c = baseConfig();
    c.listenAddress = QHostAddress::Any;
    m_engine = std::make_unique<Engine>(c, m_clock);
    QString error;
    QVERIFY(!m_engine->start(&error));
    QVERIFY2(error.contains(QLatin1String("--insecure-no-auth")), qPrintable(error));
}

void TestEngine::retentionDeletesExpiredCallsOnItsOwn()
{
    EngineConfig c = baseConfig();
    c.retentionDays = 1;
    m_engine = std::make_unique<Engine>(c, m_clock);
    QSignalSpy purged(m_engine.get(), &Engine::purged);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    QVERIFY(purged.wait()); // the run at start: nothing has expired yet
    QCOMPARE(purged.takeFirst().at(0).toInt(), 0);

    const quint16 port = m_engine->webhookPort();
    for (const char *event : {"call.initiated", "call.answered", "call.completed"})
        QCOMPARE(exchange(port, unlimcallRequest(QStringLiteral("call-old"), event))->status, 200);
    QCOMPARE(exchange(port, RawHttpClient::post("/webhooks/unlimcall", "not json"))->status, 200);
    m_clock.advanceMs(2 * 24 * 3600 * 1000LL);
    QCOMPARE(exchange(port, unlimcallRequest(QStringLiteral("call-new"), "call.initiated"))->status, 200);

    m_engine->purgeExpired(); // what the hourly timer does
    QVERIFY(purged.wait());
    QCOMPARE(purged.takeFirst().at(0).toInt(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM calls")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM calls WHERE call_uuid = 'call-new'")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events")), 1);
    // The counters are history, not rows: what was received stays received.
    QCOMPARE(m_engine->metrics().snapshot().accepted, quint64(5));
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
