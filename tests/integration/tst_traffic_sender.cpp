// The traffic simulator over real loopback HTTP: into the real engine (every event stored once,
// every duplicate deduped), and against a receiver that fails, where the provider retry schedule
// (scaled down) is what brings the events in.
#include "core/clock.h"
#include "engine/engine.h"
#include "ingest/http_handler.h"
#include "ingest/http_server.h"
#include "sim/traffic_sender.h"
#include "store/store_reader.h"

#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;

namespace {

/** A receiver that answers 503 to the first `failures` tries of every event, then 200. */
class FlakyReceiver : public HttpHandler
{
public:
    explicit FlakyReceiver(int failures) : m_failures(failures) {}
    void handle(HttpRequest request, HttpRespond respond) override
    {
        const QByteArray id = request.header("webhook-id").isEmpty() ? request.body : request.header("webhook-id");
        const int seen = m_tries[id]++;
        respond(HttpResponse::text(seen < m_failures ? 503 : 200, "x"));
    }
    QHash<QByteArray, int> m_tries;

private:
    int m_failures;
};

TrafficReport run(TrafficProfile profile)
{
    TrafficSender sender(profile);
    QSignalSpy finished(&sender, &TrafficSender::finished);
    sender.start();
    if (!finished.wait(60'000))
        qWarning("the run did not finish in 60 s");
    return sender.report();
}

} // namespace

class TestTrafficSender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyEventIntoTheEngineOnceDuplicatesDeduped();
    void theRetryScheduleBringsFailedEventsIn();
    void givesUpAfterTheSchedule();
    void signsWhenGivenASecret();
};

void TestTrafficSender::everyEventIntoTheEngineOnceDuplicatesDeduped()
{
    QTemporaryDir dir;
    EngineConfig c;
    c.listenPort = 0;
    c.adminPort = 0;
    c.databasePath = dir.filePath(QStringLiteral("e.db"));
    Engine engine(c, Clock::system());
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));

    TrafficProfile p;
    p.url = QUrl(QStringLiteral("http://127.0.0.1:%1/webhooks/unlimcall").arg(engine.webhookPort()));
    p.calls = 400;
    p.duplicateRate = 0.2;
    p.reorderRate = 0.3;
    p.connections = 12;
    const TrafficReport r = run(p);
    QCOMPARE(r.calls, 400);
    QCOMPARE(r.gaveUp, 0);
    QCOMPARE(r.retried, 0);
    QCOMPARE(r.acknowledgedEvents(), qint64(r.events));
    QVERIFY(r.duplicatesSent > 0);

    const auto s = engine.metrics().snapshot();
    QCOMPARE(qint64(s.received), r.requests);
    QCOMPARE(qint64(s.accepted), qint64(r.events));
    QCOMPARE(qint64(s.deduped), qint64(r.duplicatesSent));
    StoreReader reader;
    QVERIFY(reader.open(c.databasePath, &error));
    QSqlQuery q(reader.database());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*), sum(completed) FROM calls")) && q.next());
    QCOMPARE(q.value(0).toInt(), 400);
    QCOMPARE(q.value(1).toInt(), 400); // reordered or not, every call is complete
}

void TestTrafficSender::theRetryScheduleBringsFailedEventsIn()
{
    FlakyReceiver receiver(2);
    HttpServer server(&receiver);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TrafficProfile p;
    p.url = QUrl(QStringLiteral("http://127.0.0.1:%1/webhooks/unlimcall").arg(server.serverPort()));
    p.calls = 30;
    p.retrySeconds = {30, 120, 600};
    p.timeScale = 0.0005; // 15 ms, 60 ms, 300 ms
    const TrafficReport r = run(p);
    QCOMPARE(r.gaveUp, 0);
    QCOMPARE(r.acknowledged, qint64(r.events));
    QCOMPARE(r.retried, 2LL * r.events);
    QCOMPARE(r.requests, 3LL * r.events);
    QCOMPARE(r.failures.value(QStringLiteral("HTTP 503")), 2LL * r.events);
}

void TestTrafficSender::givesUpAfterTheSchedule()
{
    FlakyReceiver receiver(1'000'000);
    HttpServer server(&receiver);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TrafficProfile p;
    p.url = QUrl(QStringLiteral("http://127.0.0.1:%1/webhooks/unlimcall").arg(server.serverPort()));
    p.calls = 5;
    p.retrySeconds = {1, 1};
    p.timeScale = 0.001;
    const TrafficReport r = run(p);
    QCOMPARE(r.acknowledged, 0);
    QCOMPARE(r.gaveUp, qint64(r.events));
    QCOMPARE(r.requests, 3LL * r.events);
    QVERIFY(r.text().contains(QStringLiteral("given up     %1").arg(r.events)));
}

void TestTrafficSender::signsWhenGivenASecret()
{
    QTemporaryDir dir;
    EngineConfig c;
    c.listenPort = 0;
    c.adminPort = 0;
    c.databasePath = dir.filePath(QStringLiteral("e.db"));
    const QString secret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    c.auth = {QStringLiteral("standard-webhooks"), {}, {secret}};
    Engine engine(c, Clock::system());
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    TrafficProfile p;
    p.url = QUrl(QStringLiteral("http://127.0.0.1:%1/webhooks/unlimcall").arg(engine.webhookPort()));
    p.calls = 20;
    p.duplicateRate = 0.5;
    p.auth = {QStringLiteral("standard-webhooks"), {}, {secret}};
    const TrafficReport r = run(p);
    QCOMPARE(r.gaveUp, 0);
    QCOMPARE(qint64(engine.metrics().snapshot().accepted), qint64(r.events));
    // The webhook-id is the dedup key: a duplicate, re-signed with its own timestamp, still dedups.
    QCOMPARE(qint64(engine.metrics().snapshot().deduped), qint64(r.duplicatesSent));

    p.auth = {QStringLiteral("standard-webhooks"), {}, {QStringLiteral("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")}};
    p.retrySeconds = {};
    p.calls = 2;
    p.seed = 9;
    const TrafficReport refused = run(p);
    // Every send, duplicates included, refused at once and (no schedule) given up.
    QCOMPARE(refused.gaveUp, qint64(refused.events + refused.duplicatesSent));
    QCOMPARE(refused.failures.value(QStringLiteral("HTTP 401")), refused.gaveUp);
}

QTEST_GUILESS_MAIN(TestTrafficSender)
#include "tst_traffic_sender.moc"
