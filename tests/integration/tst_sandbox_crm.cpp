#include "core/clock.h"
#include "core/thread_handoff.h"
#include "ingest/http_server.h"
#include "raw_http_client.h"
#include "sim/sandbox_crm.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <memory>

using namespace ringside;
using ringside::test::RawHttpClient;
using ringside::test::RawResponse;

namespace {

constexpr int kTimeoutMs = 5000;

/** A SandboxCrm behind a real HttpServer on its own thread, as ringside-sim runs it; the blocking
 *  test client needs the server elsewhere. The clock is manual so time windows are exact. */
class SandboxRunner
{
public:
    explicit SandboxRunner(const FailurePlan &plan)
    {
        HttpLimits limits;
        limits.idleTimeoutMs = 3000;
        limits.lingerTimeoutMs = 1000;
        m_context = new QObject;
        crm = new SandboxCrm(plan, clock);
        server = new HttpServer(crm, limits);
        for (QObject *o : {m_context, static_cast<QObject *>(crm), static_cast<QObject *>(server)})
            o->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
        m_thread.start();
        invokeOn(m_context, [this] { listening = server->listen(QHostAddress::LocalHost, 0); }, Qt::BlockingQueuedConnection);
        port = server->serverPort();
    }
    ~SandboxRunner()
    {
        // The server goes first: its connections call the handler.
        invokeOn(
            m_context,
            [this] {
                delete server;
                delete crm;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    ManualClock clock;
    SandboxCrm *crm = nullptr;
    HttpServer *server = nullptr;
    bool listening = false;
    quint16 port = 0;

private:
    QThread m_thread;
    QObject *m_context = nullptr;
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

QByteArray requestBytes(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                        const Headers &headers = {})
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &h : headers)
        r += h.first + ": " + h.second + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PATCH")
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

QByteArray delivery(const QString &uuid, const char *event, int attempt = 1)
{
    const QJsonObject body{
        {QStringLiteral("call"), QJsonObject{{QStringLiteral("call_uuid"), uuid},
                                             {QStringLiteral("state"), QLatin1String(event)},
                                             {QStringLiteral("outcome"), QStringLiteral("answered")}}},
        {QStringLiteral("event"), QJsonObject{{QStringLiteral("event"), QLatin1String(event)},
                                              {QStringLiteral("call_uuid"), uuid}}},
        {QStringLiteral("delivery"), QJsonObject{{QStringLiteral("id"), 1}, {QStringLiteral("attempt"), attempt}}},
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QJsonObject json(const RawResponse &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

QByteArray searchFor(const char *uuid)
{
    return QByteArray(R"({"filterGroups":[{"filters":[{"propertyName":"call_uuid","operator":"EQ","value":")") + uuid
        + R"("}]}],"properties":["call_uuid","hs_call_status"]})";
}

} // namespace

class TestSandboxCrm : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { m_runner.reset(); }

    void webhookUpsertReplayAndReport();
    void hubspotSearchCreateSearchPatch();
    void unauthorisedWithWrongTokenAndAfterRuntimeChange();
    void errorRateOneFailsEverythingAndAppliesNothing_data();
    void errorRateOneFailsEverythingAndAppliesNothing();
    void rateLimitedCarriesRetryAfter();
    void outageByRequestCountThenRecovery();
    void outageByTimeAndForced();
    void latencyAnswersLater();
    void hangingRequestIsNotAnsweredWhileOthersAre();
    void configChangesBehaviour();
    void resetClearsState();
    void controlRoutesNeverFailNorNeedAuth();
    void sameSeedSameRun();

private:
    void start(const FailurePlan &plan = {})
    {
        m_runner = std::make_unique<SandboxRunner>(plan);
        QVERIFY(m_runner->listening);
    }
    RawResponse send(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                     const Headers &headers = {})
    {
        const auto r = ringside::test::exchange(m_runner->port, requestBytes(method, path, body, headers), kTimeoutMs);
        return r.value_or(RawResponse{});
    }
    RawResponse hook(const QString &uuid, const char *event, const QByteArray &key = {}, const Headers &extra = {})
    {
        Headers h = extra;
        if (!key.isEmpty())
            h.append({QByteArrayLiteral("Idempotency-Key"), key});
        return send("POST", "/hooks/crm", delivery(uuid, event), h);
    }
    QJsonObject report() { return json(send("GET", "/_sandbox/report")); }
    int configure(const QByteArray &changes) { return send("POST", "/_sandbox/config", changes).status; }

    std::unique_ptr<SandboxRunner> m_runner;
};

void TestSandboxCrm::webhookUpsertReplayAndReport()
{
    start();
    const QString c1 = QStringLiteral("a3f7c291-4b8e-4d2a-9c1f-08d7b3e4f6a2");
    RawResponse r = hook(c1, "call.initiated", "d1");
    QCOMPARE(r.status, 200);
    const QString id = json(r)[QLatin1String("id")].toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(hook(c1, "call.answered", "d2").status, 200);
    // The pipeline retried d2 (its first answer got lost): answered again, applied once.
    r = hook(c1, "call.answered", "d2");
    QCOMPARE(r.status, 200);
    QCOMPARE(json(r)[QLatin1String("id")].toString(), id);
    QCOMPARE(r.header("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(hook(c1, "call.completed", "d3").status, 200);
    QCOMPARE(hook(QStringLiteral("other"), "call.initiated", "d4").status, 200);
    QCOMPARE(send("POST", "/hooks/crm", "{not json").status, 400);
    r = send("POST", "/hooks/crm", R"({"call":{"state":"call.initiated"}})");
    QCOMPARE(r.status, 400);
    QVERIFY(json(r)[QLatin1String("error")].toString().contains(QLatin1String("call_uuid")));

    const QJsonObject rep = report();
    QCOMPARE(rep[QLatin1String("requests")].toInt(), 7);
    QCOMPARE(rep[QLatin1String("by_status")][QLatin1String("200")].toInt(), 5);
    QCOMPARE(rep[QLatin1String("by_status")][QLatin1String("400")].toInt(), 2);
    QCOMPARE(rep[QLatin1String("records")].toInt(), 2);
    QCOMPARE(rep[QLatin1String("unique_idempotency_keys")].toInt(), 4);
    QCOMPARE(rep[QLatin1String("idempotent_replays")].toInt(), 1);
    QCOMPARE(rep[QLatin1String("duplicate_records")].toInt(), 0);
    const QJsonObject call = rep[QLatin1String("calls")][c1].toObject();
    QCOMPARE(call[QLatin1String("creates")].toInt(), 1);
    QCOMPARE(call[QLatin1String("updates")].toInt(), 2);
    QCOMPARE(call[QLatin1String("record_ids")].toArray(), QJsonArray{id});
    QCOMPARE(call[QLatin1String("applied_events")].toArray(),
             (QJsonArray{QStringLiteral("call.initiated"), QStringLiteral("call.answered"), QStringLiteral("call.completed")}));
    QCOMPARE(call[QLatin1String("final")][QLatin1String("state")].toString(), QStringLiteral("call.completed"));
    QCOMPARE(call[QLatin1String("final")][QLatin1String("call_uuid")].toString(), c1);
}

void TestSandboxCrm::hubspotSearchCreateSearchPatch()
{
    FailurePlan plan;
    plan.token = QStringLiteral("pat-sandbox");
    start(plan);
    const Headers auth{{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer pat-sandbox")}};

    RawResponse r = send("POST", "/crm/v3/objects/calls/search", searchFor("c1"), auth);
    QCOMPARE(r.status, 200);
    QCOMPARE(json(r)[QLatin1String("total")].toInt(-1), 0);
    QVERIFY(json(r)[QLatin1String("results")].toArray().isEmpty());

    r = send("POST", "/crm/v3/objects/calls",
             R"({"properties":{"call_uuid":"c1","hs_timestamp":"2026-06-04T09:14:22.000Z","hs_call_status":"IN_PROGRESS",
                 "hs_call_direction":"OUTBOUND"}})",
             auth);
    QCOMPARE(r.status, 201);
    const QString id = json(r)[QLatin1String("id")].toString();
    QVERIFY(!id.isEmpty());

    r = send("POST", "/crm/v3/objects/calls/search", searchFor("c1"), auth);
    QCOMPARE(r.status, 200);
    QCOMPARE(json(r)[QLatin1String("total")].toInt(), 1);
    QCOMPARE(json(r)[QLatin1String("results")][0][QLatin1String("id")].toString(), id);

    r = send("PATCH", "/crm/v3/objects/calls/" + id.toLatin1(),
             R"({"properties":{"hs_call_status":"COMPLETED","hs_call_duration":196000}})", auth);
    QCOMPARE(r.status, 200);
    QCOMPARE(json(r)[QLatin1String("properties")][QLatin1String("hs_call_duration")].toString(), QStringLiteral("196000"));
    QCOMPARE(send("PATCH", "/crm/v3/objects/calls/424242", R"({"properties":{}})", auth).status, 404);

    const QJsonObject call = report()[QLatin1String("calls")][QLatin1String("c1")].toObject();
    QCOMPARE(call[QLatin1String("creates")].toInt(), 1);
    QCOMPARE(call[QLatin1String("updates")].toInt(), 1);
    QCOMPARE(call[QLatin1String("final")][QLatin1String("hs_call_status")].toString(), QStringLiteral("COMPLETED"));
    QCOMPARE(call[QLatin1String("final")][QLatin1String("hs_call_direction")].toString(), QStringLiteral("OUTBOUND"));
}

void TestSandboxCrm::unauthorisedWithWrongTokenAndAfterRuntimeChange()
{
    FailurePlan plan;
    plan.token = QStringLiteral("old");
    start(plan);
    const Headers oldAuth{{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer old")}};
    const Headers newAuth{{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer new")}};

    RawResponse r = hook(QStringLiteral("c1"), "call.initiated", "k1");
    QCOMPARE(r.status, 401);
    QCOMPARE(json(r)[QLatin1String("category")].toString(), QStringLiteral("INVALID_AUTHENTICATION"));
    QCOMPARE(hook(QStringLiteral("c1"), "call.initiated", "k1", newAuth).status, 401);
    QCOMPARE(send("POST", "/crm/v3/objects/calls/search", searchFor("c1"), newAuth).status, 401);
    QCOMPARE(hook(QStringLiteral("c1"), "call.initiated", "k1", oldAuth).status, 200);

    // The CRM admin rotates the credentials.
    QCOMPARE(configure(R"({"token":"new"})"), 200);
    QCOMPARE(hook(QStringLiteral("c1"), "call.answered", "k2", oldAuth).status, 401);
    QCOMPARE(hook(QStringLiteral("c1"), "call.answered", "k2", newAuth).status, 200);
    QCOMPARE(configure(R"({"token":null})"), 200);
    QCOMPARE(hook(QStringLiteral("c1"), "call.completed", "k3").status, 200);

    const QJsonObject rep = report();
    QCOMPARE(rep[QLatin1String("by_status")][QLatin1String("401")].toInt(), 4);
    QCOMPARE(rep[QLatin1String("calls")][QLatin1String("c1")][QLatin1String("applied_events")].toArray(),
             (QJsonArray{QStringLiteral("call.initiated"), QStringLiteral("call.answered"), QStringLiteral("call.completed")}));
}

void TestSandboxCrm::errorRateOneFailsEverythingAndAppliesNothing_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("500") << 500;
    QTest::newRow("503") << 503;
}

void TestSandboxCrm::errorRateOneFailsEverythingAndAppliesNothing()
{
    QFETCH(int, status);
    FailurePlan plan;
    plan.errorRate = 1.0;
    plan.errorStatus = status;
    start(plan);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(hook(QStringLiteral("c%1").arg(i), "call.initiated", "k" + QByteArray::number(i)).status, status);
        QCOMPARE(send("POST", "/crm/v3/objects/calls", R"({"properties":{"call_uuid":"h","hs_timestamp":"1"}})").status,
                 status);
    }
    QJsonObject rep = report();
    QCOMPARE(rep[QLatin1String("requests")].toInt(), 10);
    QCOMPARE(rep[QLatin1String("by_status")][QString::number(status)].toInt(), 10);
    QCOMPARE(rep[QLatin1String("injected")][QLatin1String("error")].toInt(), 10);
    QCOMPARE(rep[QLatin1String("records")].toInt(), 0);
    QCOMPARE(rep[QLatin1String("unique_idempotency_keys")].toInt(), 0);

    // The retry after the failure is applied: the failed attempt did not burn the key.
    QCOMPARE(configure(R"({"error_rate":0})"), 200);
    QCOMPARE(hook(QStringLiteral("c0"), "call.initiated", "k0").status, 200);
    rep = report();
    QCOMPARE(rep[QLatin1String("records")].toInt(), 1);
    QCOMPARE(rep[QLatin1String("idempotent_replays")].toInt(), 0);
}

void TestSandboxCrm::rateLimitedCarriesRetryAfter()
{
    FailurePlan plan;
    plan.rate429 = 1.0;
    plan.retryAfterSeconds = 2;
    start(plan);
    for (const QByteArray &path : {QByteArray("/crm/v3/objects/calls/search"), QByteArray("/hooks/crm")}) {
        const RawResponse r = send("POST", path, searchFor("c1"));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.header("retry-after"), QByteArray("2"));
        QCOMPARE(json(r)[QLatin1String("errorType")].toString(), QStringLiteral("RATE_LIMIT"));
        QCOMPARE(json(r)[QLatin1String("status")].toString(), QStringLiteral("error"));
    }
    QCOMPARE(hook(QStringLiteral("c1"), "call.initiated").status, 429);
    QCOMPARE(report()[QLatin1String("records")].toInt(), 0);
    QCOMPARE(report()[QLatin1String("injected")][QLatin1String("rate_limited")].toInt(), 3);
}

void TestSandboxCrm::outageByRequestCountThenRecovery()
{
    FailurePlan plan;
    plan.outageAfterRequests = 2;
    plan.outageRequests = 3;
    start(plan);
    const QList<int> expected{200, 200, 503, 503, 503, 200, 200};
    QList<int> got;
    for (int i = 0; i < expected.size(); ++i)
        got << hook(QStringLiteral("c%1").arg(i), "call.initiated").status;
    QCOMPARE(got, expected);
    const QJsonObject rep = report();
    QCOMPARE(rep[QLatin1String("records")].toInt(), 4);
    QVERIFY(!rep[QLatin1String("calls")].toObject().contains(QLatin1String("c2")));
    QCOMPARE(rep[QLatin1String("injected")][QLatin1String("outage")].toInt(), 3);
}

void TestSandboxCrm::outageByTimeAndForced()
{
    start();
    QCOMPARE(configure(R"({"outage_after_seconds":1,"outage_seconds":2})"), 200);
    QCOMPARE(hook(QStringLiteral("c1"), "call.initiated").status, 200);
    m_runner->clock.advanceMs(1000);
    QCOMPARE(hook(QStringLiteral("c1"), "call.answered").status, 503);
    m_runner->clock.advanceMs(1999);
    QCOMPARE(hook(QStringLiteral("c1"), "call.answered").status, 503);
    m_runner->clock.advanceMs(1);
    QCOMPARE(hook(QStringLiteral("c1"), "call.answered").status, 200);

    QCOMPARE(configure(R"({"outage":true})"), 200);
    QCOMPARE(hook(QStringLiteral("c1"), "call.completed").status, 503);
    QCOMPARE(send("POST", "/crm/v3/objects/calls/search", searchFor("c1")).status, 503);
    QCOMPARE(configure(R"({"outage":false})"), 200);
    QCOMPARE(hook(QStringLiteral("c1"), "call.completed").status, 200);
    QCOMPARE(report()[QLatin1String("calls")][QLatin1String("c1")][QLatin1String("applied_events")].toArray(),
             (QJsonArray{QStringLiteral("call.initiated"), QStringLiteral("call.answered"), QStringLiteral("call.completed")}));
}

void TestSandboxCrm::latencyAnswersLater()
{
    FailurePlan plan;
    plan.latencyMs = 300;
    start(plan);
    QElapsedTimer timer;
    timer.start();
    const RawResponse r = hook(QStringLiteral("c1"), "call.initiated");
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(r.status, 200);
    QVERIFY2(elapsed >= 300, qPrintable(QString::number(elapsed)));
    QCOMPARE(report()[QLatin1String("records")].toInt(), 1);

    // Two slow requests on two connections overlap: the delay is a timer, not a blocked thread.
    RawHttpClient a, b;
    QVERIFY(a.connectTo(m_runner->port));
    QVERIFY(b.connectTo(m_runner->port));
    timer.restart();
    QVERIFY(a.send(requestBytes("POST", "/hooks/crm", delivery(QStringLiteral("c2"), "call.initiated"))));
    QVERIFY(b.send(requestBytes("POST", "/hooks/crm", delivery(QStringLiteral("c3"), "call.initiated"))));
    QCOMPARE(a.readResponse(kTimeoutMs).value_or(RawResponse{}).status, 200);
    QCOMPARE(b.readResponse(kTimeoutMs).value_or(RawResponse{}).status, 200);
    QVERIFY2(timer.elapsed() >= 300 && timer.elapsed() < 600, qPrintable(QString::number(timer.elapsed())));
}

void TestSandboxCrm::hangingRequestIsNotAnsweredWhileOthersAre()
{
    FailurePlan plan;
    plan.hangRate = 1.0;
    start(plan);
    RawHttpClient hung;
    QVERIFY(hung.connectTo(m_runner->port));
    QVERIFY(hung.send(requestBytes("POST", "/hooks/crm", delivery(QStringLiteral("c1"), "call.initiated"))));
    QVERIFY(!hung.readResponse(300)); // the client would time out here

    // The sandbox still serves: control routes, and CRM requests on other connections.
    QCOMPARE(report()[QLatin1String("hanging")].toInt(), 1);
    QCOMPARE(configure(R"({"hang_rate":0})"), 200);
    QCOMPARE(hook(QStringLiteral("c2"), "call.initiated").status, 200);
    QVERIFY(!hung.readResponse(100));
    QJsonObject rep = report();
    QCOMPARE(rep[QLatin1String("injected")][QLatin1String("hang")].toInt(), 1);
    QCOMPARE(rep[QLatin1String("records")].toInt(), 1); // the hung request was not applied
    QVERIFY(!rep[QLatin1String("calls")].toObject().contains(QLatin1String("c1")));

    // Released (as on shutdown), the held request finally gets a 503.
    const RawResponse released = send("POST", "/_sandbox/release");
    QCOMPARE(json(released)[QLatin1String("released")].toInt(), 1);
    QCOMPARE(hung.readResponse(kTimeoutMs).value_or(RawResponse{}).status, 503);
    QCOMPARE(report()[QLatin1String("hanging")].toInt(), 0);
}

void TestSandboxCrm::configChangesBehaviour()
{
    start();
    RawResponse r = send("GET", "/_sandbox/config");
    QCOMPARE(r.status, 200);
    QCOMPARE(json(r)[QLatin1String("error_rate")].toDouble(-1), 0.0);
    QCOMPARE(json(r)[QLatin1String("token_required")].toBool(true), false);

    r = send("POST", "/_sandbox/config", R"({"error_rate":2})");
    QCOMPARE(r.status, 400);
    QVERIFY(json(r)[QLatin1String("error")].toString().contains(QLatin1String("error_rate")));
    QCOMPARE(send("POST", "/_sandbox/config", R"({"no_such_knob":1})").status, 400);
    QCOMPARE(send("POST", "/_sandbox/config", "[1]").status, 400);
    QCOMPARE(hook(QStringLiteral("c1"), "call.initiated").status, 200);

    r = send("POST", "/_sandbox/config", R"({"error_rate":1,"error_status":500,"token":"t"})");
    QCOMPARE(r.status, 200);
    QCOMPARE(json(r)[QLatin1String("error_status")].toInt(), 500);
    QCOMPARE(json(r)[QLatin1String("token_required")].toBool(), true);
    QCOMPARE(hook(QStringLiteral("c1"), "call.answered").status, 500);
    QCOMPARE(configure(R"({"error_rate":0})"), 200);
    QCOMPARE(hook(QStringLiteral("c1"), "call.answered").status, 401);
    QCOMPARE(report()[QLatin1String("plan")][QLatin1String("error_status")].toInt(), 500);
}

void TestSandboxCrm::resetClearsState()
{
    FailurePlan plan;
    plan.rate429 = 0.0;
    start(plan);
    QCOMPARE(hook(QStringLiteral("c1"), "call.initiated", "k1").status, 200);
    QCOMPARE(configure(R"({"rate_429":1})"), 200);
    QCOMPARE(send("POST", "/_sandbox/reset").status, 200);
    QJsonObject rep = report();
    QCOMPARE(rep[QLatin1String("records")].toInt(), 0);
    QCOMPARE(rep[QLatin1String("requests")].toInt(), 0);
    QCOMPARE(rep[QLatin1String("unique_idempotency_keys")].toInt(), 0);
    QVERIFY(rep[QLatin1String("calls")].toObject().isEmpty());
    QCOMPARE(hook(QStringLiteral("c1"), "call.initiated", "k1").status, 429); // the plan stays

    QCOMPARE(send("POST", "/_sandbox/reset?plan=initial").status, 200);
    const RawResponse r = hook(QStringLiteral("c1"), "call.initiated", "k1");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("idempotent-replayed"), QByteArray()); // the key was forgotten with the state
    QCOMPARE(send("GET", "/_sandbox/reset").status, 405);
    QCOMPARE(send("GET", "/_sandbox/nothing").status, 404);
}

void TestSandboxCrm::controlRoutesNeverFailNorNeedAuth()
{
    FailurePlan plan;
    plan.outage = true;
    plan.hangRate = 1.0;
    plan.latencyMs = 2000;
    plan.token = QStringLiteral("secret");
    start(plan);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(send("GET", "/_sandbox/report").status, 200);
    QCOMPARE(send("GET", "/_sandbox/config").status, 200);
    QCOMPARE(send("POST", "/_sandbox/config", R"({"latency_ms":0})").status, 200);
    QVERIFY(timer.elapsed() < 2000);
    const QJsonObject rep = report();
    QCOMPARE(rep[QLatin1String("requests")].toInt(), 0);
    QCOMPARE(rep[QLatin1String("control_requests")].toInt(), 4);
}

void TestSandboxCrm::sameSeedSameRun()
{
    FailurePlan plan;
    plan.seed = 7;
    plan.errorRate = 0.4;
    plan.rate429 = 0.3;
    start(plan);
    const auto run = [this] {
        QList<int> statuses;
        for (int i = 0; i < 30; ++i)
            statuses << hook(QStringLiteral("c%1").arg(i % 5), "call.answered").status;
        return statuses;
    };
    const QList<int> first = run();
    QVERIFY(first.contains(200) && first.contains(503) && first.contains(429));
    QCOMPARE(send("POST", "/_sandbox/reset").status, 200);
    QCOMPARE(run(), first);
}

QTEST_GUILESS_MAIN(TestSandboxCrm)
#include "tst_sandbox_crm.moc"
