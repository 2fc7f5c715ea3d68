#include "core/clock.h"
#include "core/thread_handoff.h"
#include "daemon_process.h"
#include "delivery/delivery_metrics.h"
#include "delivery/delivery_worker.h"
#include "engine/engine.h"
#include "load_client.h"
#include "raw_http_client.h"
#include "sandbox_process.h"
#include "store/delivery_queue.h"
#include "store/store_reader.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

namespace {

/** The delivery worker's sinkStateChanged signals (what the desktop app listens to), as the test's
 *  thread sees them. Connected on the worker's thread and handed over through invokeOn: a
 *  QSignalSpy on the worker appended on the worker's thread while the test read it (TSan). */
class SinkStates
{
public:
    explicit SinkStates(DeliveryWorker *worker) : m_worker(worker)
    {
        invokeOn(worker, [this] {
            m_connection = QObject::connect(m_worker, &DeliveryWorker::sinkStateChanged, m_worker,
                                            [this](const QString &, const QString &state) {
                                                invokeOn(&m_context, [this, state] { m_states << state; });
                                            }, Qt::DirectConnection);
        }, Qt::BlockingQueuedConnection);
    }
    /** Before the engine stops (declare after the rig): disconnected on the worker's thread, so no
     *  signal is half-way through to this object when it goes. */
    ~SinkStates()
    {
        invokeOn(m_worker, [this] { QObject::disconnect(m_connection); }, Qt::BlockingQueuedConnection);
    }
    QString last() const { return m_states.isEmpty() ? QString() : m_states.last(); }

private:
    DeliveryWorker *m_worker;
    QMetaObject::Connection m_connection;
    QObject m_context; // lives on the test's thread
    QStringList m_states;
};

/** A scenario's own engine and sandbox CRM. */
struct Rig
{
    QTemporaryDir dir;
    SandboxProcess crm;
    std::unique_ptr<Engine> engine;

    QString db() const { return dir.filePath(QStringLiteral("delivery.db")); }

    SinkConfig sink() const
    {
        SinkConfig s;
        s.name = QStringLiteral("default");
        s.url = QUrl(crm.url());
        s.concurrency = 16;
        s.timeoutMs = 5000;
        s.breakerThreshold = 20;
        s.breakerOpenMs = 100;
        QString error;
        // Fast retries: the test is about what happens, not about waiting for it.
        s.retry = RetryPolicy::fromSettings({{QStringLiteral("base_delay_s"), 0.02}, {QStringLiteral("max_delay_s"), 0.3},
                                             {QStringLiteral("max_attempts"), 40}}, &error);
        return s;
    }
    bool startEngine(const Clock &clock, std::optional<SinkConfig> s = std::nullopt)
    {
        EngineConfig c;
        c.listenPort = 0;
        c.adminPort = 0;
        c.databasePath = db();
        c.sinks = {s ? *s : sink()};
        engine = std::make_unique<Engine>(c, clock);
        QString error;
        if (!engine->start(&error))
            qWarning() << error;
        return error.isEmpty();
    }
    QMap<QString, qint64> backlog() const
    {
        StoreReader reader;
        QString error;
        if (!reader.open(db(), &error))
            return {};
        return DeliveryQueue::countByState(reader.database(), &error);
    }
    qint64 scalar(const QString &sql) const
    {
        StoreReader reader;
        QString error;
        if (!reader.open(db(), &error))
            return -1;
        QSqlQuery q(reader.database());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }
};

QList<QByteArray> callsWithDuplicatesAndReordering(int calls, const QString &prefix)
{
    QRandomGenerator rng(42);
    QList<QByteArray> requests;
    for (int i = 0; i < calls; ++i) {
        const QString uuid = QStringLiteral("%1-%2").arg(prefix).arg(i);
        QList<const char *> events{"call.initiated", "call.answered", "call.completed"};
        std::shuffle(events.begin(), events.end(), rng); // out of order, as providers deliver
        for (const char *e : events) {
            requests << unlimcallRequest(uuid, e);
            if (rng.bounded(10) == 0) // a provider retry
                requests << unlimcallRequest(uuid, e);
        }
    }
    return requests;
}

bool send(quint16 port, const QList<QByteArray> &requests)
{
    LoadClient client(port, 16, requests);
    QSignalSpy done(&client, &LoadClient::finished);
    client.start();
    if (!done.wait(60000)) {
        qWarning("send: no answer to every request within 60 s");
        return false;
    }
    QMap<int, int> byStatus; // 0: no answer (connection lost)
    for (int status : client.statuses())
        ++byStatus[status];
    if (byStatus.value(200) != requests.size())
        qWarning() << "send: answers by status" << byStatus;
    return byStatus.value(200) == requests.size();
}

} // namespace

class TestDelivery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyCallReachesTheCrmExactlyOnceDespiteFailures();
    void permanentFailureIsDeadAtOnceAndRetriedByHand();
    void unauthorizedPausesTheSinkWithoutBurningAttempts();
    void retryAfterIsHonoured();
    void openCircuitGivesClaimedDeliveriesBack();
    void claimedAheadPastTheLeaseIsNotSentTwice();
    void killedDaemonDeliversEverythingOnceAfterRestart();
    void hubspotSinkWritesOneCallObjectPerCall();
    void retryCommandReachesARunningDaemon();
    void discardResolvesWithoutSendingAndRollupsCount();
    void signedDeliveriesVerifyAtAStandardWebhooksReceiver();
};

void TestDelivery::everyCallReachesTheCrmExactlyOnceDespiteFailures()
{
    Rig rig;
    QVERIFY(rig.crm.start({QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--error-rate"), QStringLiteral("0.3"),
                           QStringLiteral("--error-status"), QStringLiteral("503"), QStringLiteral("--rate-429"),
                           QStringLiteral("0.05"), QStringLiteral("--retry-after"), QStringLiteral("1")}));
    QVERIFY(rig.startEngine(Clock::system()));
    const QList<QByteArray> requests = callsWithDuplicatesAndReordering(1000, QStringLiteral("rel"));
    QVERIFY(send(rig.engine->webhookPort(), requests));

    QTRY_VERIFY_WITH_TIMEOUT(rig.backlog().value(QStringLiteral("delivered")) == 3000, 240000);
    const auto backlog = rig.backlog();
    QCOMPARE(backlog.value(QStringLiteral("pending")) + backlog.value(QStringLiteral("retrying")), 0);
    QCOMPARE(backlog.value(QStringLiteral("dead")), 0);

    const QJsonObject report = rig.crm.report();
    QCOMPARE(report.value(QLatin1String("duplicate_records")).toInt(), 0);
    const QJsonObject calls = report.value(QLatin1String("calls")).toObject();
    QCOMPARE(calls.size(), 1000);
    for (auto it = calls.begin(); it != calls.end(); ++it) {
        const QJsonObject call = it.value().toObject();
        QCOMPARE(call.value(QLatin1String("creates")).toInt(), 1);
        QCOMPARE(call.value(QLatin1String("applied_events")).toArray().size(), 3);
        const QJsonObject final = call.value(QLatin1String("final")).toObject();
        QCOMPARE(final.value(QLatin1String("state")).toString(), QStringLiteral("call.completed"));
        QCOMPARE(final.value(QLatin1String("outcome")).toString(), QStringLiteral("answered"));
    }
    QVERIFY(report.value(QLatin1String("injected")).toObject().value(QLatin1String("error")).toInt() > 500);

    // Conservation: accepted = delivered + pending + retrying + dead + skipped.
    const auto s = rig.engine->metrics().snapshot();
    QCOMPARE(s.accepted, quint64(3000));
    QCOMPARE(s.received, quint64(requests.size()));
    qint64 total = 0;
    for (qint64 n : backlog)
        total += n;
    QCOMPARE(total, qint64(s.accepted));
    QVERIFY(rig.engine->deliveryMetrics().failedTotal() > 500);
}

void TestDelivery::permanentFailureIsDeadAtOnceAndRetriedByHand()
{
    Rig rig;
    QVERIFY(rig.crm.start({QStringLiteral("--error-rate"), QStringLiteral("1"), QStringLiteral("--error-status"),
                           QStringLiteral("400")}));
    QVERIFY(rig.startEngine(Clock::system()));
    QCOMPARE(exchange(rig.engine->webhookPort(), unlimcallRequest(QStringLiteral("bad"), "call.completed"))->status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(rig.backlog().value(QStringLiteral("dead")), 1, 20000);
    QCOMPARE(rig.scalar(QStringLiteral("SELECT count(*) FROM delivery_attempts")), 1);
    QCOMPARE(rig.scalar(QStringLiteral("SELECT last_status FROM deliveries")), 400);
    QCOMPARE(rig.scalar(QStringLiteral("SELECT count(*) FROM deliveries WHERE last_error LIKE '%400%'")), 1);

    QVERIFY(rig.crm.configure({{QStringLiteral("error_rate"), 0}})); // the CRM is fixed
    std::optional<int> retried;
    rig.engine->retryDeliveries(RetryFilter{{}, true, {}, {}, {}, {}}, [&retried](int n, const QString &) { retried = n; });
    QTRY_VERIFY(retried.has_value());
    QCOMPARE(*retried, 1);
    QTRY_COMPARE_WITH_TIMEOUT(rig.backlog().value(QStringLiteral("delivered")), 1, 20000);
    QCOMPARE(rig.scalar(QStringLiteral("SELECT count(*) FROM delivery_attempts")), 2); // history kept
    QCOMPARE(rig.crm.report().value(QLatin1String("records")).toInt(), 1);
}

void TestDelivery::unauthorizedPausesTheSinkWithoutBurningAttempts()
{
    Rig rig;
    QVERIFY(rig.crm.start({QStringLiteral("--token"), QStringLiteral("rotated")}));
    QVERIFY(rig.startEngine(Clock::system()));
    SinkStates states(rig.engine->deliveryWorker());
    for (const char *e : {"call.initiated", "call.answered", "call.completed"})
        QCOMPARE(exchange(rig.engine->webhookPort(), unlimcallRequest(QStringLiteral("auth"), e))->status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(states.last(), QStringLiteral("paused"), 20000);
    // What an ops engineer's Prometheus alerts on: the paused state of this sink, and only that one.
    const auto sinkStateLines = [&rig] {
        QList<QByteArray> found;
        const QByteArray body = exchange(rig.engine->adminPort(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")->body;
        for (const QByteArray &line : body.split('\n')) {
            if (line.startsWith("ringside_sink_state{"))
                found << line;
        }
        return found;
    };
    QCOMPARE(sinkStateLines(), (QList<QByteArray>{"ringside_sink_state{sink=\"default\",state=\"ok\"} 0",
                                                  "ringside_sink_state{sink=\"default\",state=\"paused\"} 1",
                                                  "ringside_sink_state{sink=\"default\",state=\"circuit_open\"} 0"}));
    // Give the worker every chance to (wrongly) keep sending.
    QTest::qWait(300);
    QCOMPARE(rig.scalar(QStringLiteral("SELECT count(*) FROM delivery_attempts")), 1);
    QCOMPARE(rig.scalar(QStringLiteral("SELECT sum(attempts) FROM deliveries")), 0);
    QCOMPARE(rig.backlog().value(QStringLiteral("dead")), 0);

    QVERIFY(rig.crm.configure({{QStringLiteral("token"), QString()}})); // credentials fixed
    rig.engine->resumeSink(QStringLiteral("default"));
    QTRY_COMPARE_WITH_TIMEOUT(rig.backlog().value(QStringLiteral("delivered")), 3, 20000);
    QCOMPARE(rig.crm.report().value(QLatin1String("records")).toInt(), 1);
    QVERIFY(sinkStateLines().contains("ringside_sink_state{sink=\"default\",state=\"ok\"} 1"));
}

void TestDelivery::retryAfterIsHonoured()
{
    ManualClock clock(QDateTime::currentMSecsSinceEpoch()); // before the rig: the engine must not outlive it
    Rig rig;
    QVERIFY(rig.crm.start({QStringLiteral("--rate-429"), QStringLiteral("1"), QStringLiteral("--retry-after"),
                           QStringLiteral("120")}));
    QVERIFY(rig.startEngine(clock));
    QCOMPARE(exchange(rig.engine->webhookPort(), unlimcallRequest(QStringLiteral("slow"), "call.completed"))->status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(rig.backlog().value(QStringLiteral("retrying")), 1, 20000);
    const qint64 wait = rig.scalar(QStringLiteral("SELECT next_attempt_at - last_attempt_at FROM deliveries"));
    QVERIFY2(wait >= 120000, qPrintable(QString::number(wait)));
    QVERIFY(rig.crm.configure({{QStringLiteral("rate_429"), 0}}));

    DeliveryWorker *worker = rig.engine->deliveryWorker();
    clock.advanceMs(wait - 1000); // not yet due
    QMetaObject::invokeMethod(worker, &DeliveryWorker::wake, Qt::QueuedConnection);
    QTest::qWait(300);
    QCOMPARE(rig.scalar(QStringLiteral("SELECT count(*) FROM delivery_attempts")), 1);
    clock.advanceMs(2000); // due now
    QMetaObject::invokeMethod(worker, &DeliveryWorker::wake, Qt::QueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(rig.backlog().value(QStringLiteral("delivered")), 1, 20000);
}

void TestDelivery::openCircuitGivesClaimedDeliveriesBack()
{
    Rig rig;
    // Every write fails slowly, so the worker has claimed far ahead by the time the circuit opens.
    QVERIFY(rig.crm.start({QStringLiteral("--error-rate"), QStringLiteral("1"), QStringLiteral("--error-status"),
                           QStringLiteral("503"), QStringLiteral("--latency-ms"), QStringLiteral("300")}));
    SinkConfig sink = rig.sink();
    sink.concurrency = 4;
    sink.breakerThreshold = 3;
    sink.breakerOpenMs = 600'000; // no probe during the test
    QVERIFY(rig.startEngine(Clock::system(), sink));
    SinkStates states(rig.engine->deliveryWorker());
    QList<QByteArray> requests;
    for (int i = 0; i < 60; ++i)
        requests << unlimcallRequest(QStringLiteral("down-%1").arg(i), "call.completed");
    QVERIFY(send(rig.engine->webhookPort(), requests));

    QTRY_COMPARE_WITH_TIMEOUT(states.last(), QStringLiteral("circuit open"), 20000);
    // What was claimed ahead goes back to the queue unsent; only the attempts already on the wire count.
    QTRY_COMPARE_WITH_TIMEOUT(rig.scalar(QStringLiteral("SELECT count(*) FROM deliveries WHERE lease_until IS NOT NULL")),
                              0, 20000);
    const qint64 attempts = rig.scalar(QStringLiteral("SELECT count(*) FROM delivery_attempts"));
    QVERIFY2(attempts <= sink.breakerThreshold + sink.concurrency, qPrintable(QString::number(attempts)));
    QCOMPARE(rig.crm.report(false).value(QLatin1String("requests")).toInt(), attempts);
    const auto backlog = rig.backlog();
    QCOMPARE(backlog.value(QStringLiteral("pending")) + backlog.value(QStringLiteral("retrying")), 60);
}

void TestDelivery::claimedAheadPastTheLeaseIsNotSentTwice()
{
    ManualClock clock(QDateTime::currentMSecsSinceEpoch()); // before the rig: the engine must not outlive it
    Rig rig;
    QVERIFY(rig.crm.start({}));
    // One token a second, and the clock only moves when the test says so: what is claimed ahead
    // waits in the worker until the clock has moved.
    SinkConfig sink = rig.sink();
    sink.concurrency = 1;
    sink.ratePerSecond = 1;
    sink.burst = 1;
    sink.timeoutMs = 1000;
    QVERIFY(rig.startEngine(clock, sink));
    QList<QByteArray> requests;
    for (int i = 0; i < 6; ++i)
        requests << unlimcallRequest(QStringLiteral("lease-%1").arg(i), "call.completed");
    QVERIFY(send(rig.engine->webhookPort(), requests));
    // One read: delivered, or claimed and waiting in the worker.
    QTRY_COMPARE_WITH_TIMEOUT(rig.scalar(QStringLiteral("SELECT count(*) FROM deliveries WHERE state = 'delivered'"
                                                        " OR lease_until IS NOT NULL")), 6, 20000);
    QTRY_COMPARE(rig.backlog().value(QStringLiteral("delivered")), 1); // the one token so far

    // Their leases (5 min) run out while they sit in the worker, waiting for tokens: the worker
    // must not send them on leases it no longer holds, nor claim them a second time. Then time
    // runs, a second (a token) per look.
    clock.advanceMs(5 * 60 * 1000 + 1000);
    QTRY_VERIFY_WITH_TIMEOUT((clock.advanceMs(1000), rig.backlog().value(QStringLiteral("delivered")) == 6), 60000);
    // One more call, which queues behind anything the worker still holds: once it is delivered,
    // a second copy of any of the first six would have gone out before it.
    QVERIFY(send(rig.engine->webhookPort(), {unlimcallRequest(QStringLiteral("lease-last"), "call.completed")}));
    QTRY_VERIFY_WITH_TIMEOUT((clock.advanceMs(1000), rig.backlog().value(QStringLiteral("delivered")) == 7), 60000);
    QCOMPARE(rig.scalar(QStringLiteral("SELECT count(*) FROM delivery_attempts")), 7);
    QCOMPARE(rig.crm.report(false).value(QLatin1String("requests")).toInt(), 7);
}

void TestDelivery::killedDaemonDeliversEverythingOnceAfterRestart()
{
    QTemporaryDir dir;
    SandboxProcess crm;
    QVERIFY(crm.start({QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--error-rate"), QStringLiteral("0.3"),
                       QStringLiteral("--latency-ms"), QStringLiteral("30")}));
    const QString db = dir.filePath(QStringLiteral("kill.db"));
    const QString config = dir.filePath(QStringLiteral("ringside.ini"));
    {
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[sink.default]\nurl=" + crm.url().toUtf8()
                + "\nbase_delay_s=0.05\nmax_delay_s=0.5\nmax_attempts=40\nbreaker_threshold=50\n");
    }
    DaemonProcess daemon(db);
    QVERIFY2(daemon.start({QStringLiteral("--config"), config}), qPrintable(daemon.output()));
    QList<QByteArray> requests;
    for (int i = 0; i < 200; ++i)
        for (const char *e : {"call.initiated", "call.answered", "call.completed"})
            requests << unlimcallRequest(QStringLiteral("kill-%1").arg(i), e);
    QVERIFY2(send(daemon.port(), requests), // if not: what the daemon said (a sanitizer report, say)
             qPrintable(daemon.output() + QString::fromLocal8Bit(daemon.process().readAllStandardError())));
    // Kill it while deliveries are in flight and retries are pending.
    QTRY_VERIFY_WITH_TIMEOUT(crm.report(false).value(QLatin1String("records")).toInt() >= 40, 30000);
    daemon.killHard();
    const int before = crm.report(false).value(QLatin1String("unique_idempotency_keys")).toInt();
    QVERIFY2(before < 600, "the kill must land before everything was delivered");

    QVERIFY2(daemon.start({QStringLiteral("--config"), config}), qPrintable(daemon.output()));
    QTRY_VERIFY_WITH_TIMEOUT(crm.report(false).value(QLatin1String("unique_idempotency_keys")).toInt() == 600, 120000);
    QByteArray out, err;
    QTRY_VERIFY_WITH_TIMEOUT((DaemonProcess::run({QStringLiteral("deliveries"), QStringLiteral("--db"), db,
                                                  QStringLiteral("--state"), QStringLiteral("delivered")}, &out, &err),
                              out.count('\n') == 600), 30000);
    QCOMPARE(daemon.terminate(), 0);
    const QJsonObject report = crm.report();
    QCOMPARE(report.value(QLatin1String("duplicate_records")).toInt(), 0);
    QCOMPARE(report.value(QLatin1String("records")).toInt(), 200);
    const QJsonObject calls = report.value(QLatin1String("calls")).toObject();
    for (auto it = calls.begin(); it != calls.end(); ++it)
        QCOMPARE(it.value().toObject().value(QLatin1String("creates")).toInt(), 1);
}

void TestDelivery::hubspotSinkWritesOneCallObjectPerCall()
{
    Rig rig;
    // HubSpot's search lags behind its creates; here it misses anything younger than a minute, so
    // only remembering the created object's id keeps this call to one object.
    QVERIFY(rig.crm.start({QStringLiteral("--token"), QStringLiteral("pat-eu1-test"), QStringLiteral("--search-delay-ms"),
                           QStringLiteral("60000")}));
    SinkConfig hubspot = rig.sink();
    hubspot.name = QStringLiteral("hubspot");
    hubspot.type = SinkConfig::Type::HubSpot;
    hubspot.url = QUrl(rig.crm.url(QString()));
    hubspot.token = "pat-eu1-test";
    hubspot.seatOwners.insert(QStringLiteral("seat_0481ab"), QStringLiteral("77001"));
    QVERIFY(rig.startEngine(Clock::system(), hubspot));
    for (const char *e : {"call.completed", "call.initiated", "call.answered"})
        QCOMPARE(exchange(rig.engine->webhookPort(), unlimcallRequest(QStringLiteral("hs-1"), e))->status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(rig.backlog().value(QStringLiteral("delivered")), 3, 20000);

    const QJsonObject report = rig.crm.report();
    QCOMPARE(report.value(QLatin1String("records")).toInt(), 1);
    QCOMPARE(report.value(QLatin1String("duplicate_records")).toInt(), 0);
    const QJsonObject call = report.value(QLatin1String("calls")).toObject().value(QLatin1String("hs-1")).toObject();
    QCOMPARE(call.value(QLatin1String("creates")).toInt(), 1);
    QCOMPARE(call.value(QLatin1String("updates")).toInt(), 2);
    const QJsonObject props = call.value(QLatin1String("final")).toObject();
    QCOMPARE(props.value(QLatin1String("hs_call_status")).toVariant().toString(), QStringLiteral("COMPLETED"));
    QCOMPARE(props.value(QLatin1String("hs_call_duration")).toVariant().toString(), QStringLiteral("196000"));
    QCOMPARE(props.value(QLatin1String("hs_call_direction")).toVariant().toString(), QStringLiteral("OUTBOUND"));
    QCOMPARE(props.value(QLatin1String("hubspot_owner_id")).toVariant().toString(), QStringLiteral("77001"));
}

void TestDelivery::retryCommandReachesARunningDaemon()
{
    QTemporaryDir dir;
    SandboxProcess crm;
    QVERIFY(crm.start({QStringLiteral("--error-rate"), QStringLiteral("1"), QStringLiteral("--error-status"),
                       QStringLiteral("422")}));
    const QString db = dir.filePath(QStringLiteral("cli.db"));
    DaemonProcess daemon(db);
    QVERIFY2(daemon.start({QStringLiteral("--sink-url"), crm.url()}), qPrintable(daemon.output()));
    QCOMPARE(exchange(daemon.port(), unlimcallRequest(QStringLiteral("cli-1"), "call.completed"))->status, 200);
    QByteArray out, err;
    const QStringList listDead{QStringLiteral("deliveries"), QStringLiteral("--db"), db, QStringLiteral("--state"),
                               QStringLiteral("dead")};
    QTRY_VERIFY_WITH_TIMEOUT((DaemonProcess::run(listDead, &out, &err), out.count('\n') == 1), 20000);
    QVERIFY(out.contains("\"last_status\":422"));

    QVERIFY(crm.configure({{QStringLiteral("error_rate"), 0}}));
    QCOMPARE(DaemonProcess::run({QStringLiteral("retry"), QStringLiteral("--db"), db, QStringLiteral("--all-dead")}, &out, &err), 0);
    QVERIFY2(out.contains("1 deliveries queued again"), out.constData());
    // The daemon notices a retry made by another process within its fallback poll (5 s).
    QTRY_COMPARE_WITH_TIMEOUT(crm.report(false).value(QLatin1String("records")).toInt(), 1, 20000);
    QCOMPARE(DaemonProcess::run({QStringLiteral("retry"), QStringLiteral("--db"), db}, &out, &err), 2);
    QVERIFY(err.contains("--id N"));
    QCOMPARE(daemon.terminate(), 0);
}

void TestDelivery::discardResolvesWithoutSendingAndRollupsCount()
{
    Rig rig;
    QVERIFY(rig.crm.start({QStringLiteral("--error-rate"), QStringLiteral("1"), QStringLiteral("--error-status"),
                           QStringLiteral("400")}));
    QVERIFY(rig.startEngine(Clock::system()));
    for (const char *e : {"call.initiated", "call.completed"})
        QCOMPARE(exchange(rig.engine->webhookPort(), unlimcallRequest(QStringLiteral("disc"), e))->status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(rig.backlog().value(QStringLiteral("dead")), 2, 20000);
    std::optional<int> discarded;
    rig.engine->discardDeliveries({1}, QStringLiteral("test call, not for the CRM"),
                                  [&discarded](int n, const QString &) { discarded = n; });
    QTRY_VERIFY(discarded.has_value());
    QCOMPARE(*discarded, 1);
    QCOMPARE(rig.backlog().value(QStringLiteral("skipped")), 1);
    QCOMPARE(rig.scalar(QStringLiteral("SELECT count(*) FROM deliveries WHERE last_error LIKE 'discarded: test call%'")), 1);

    rig.engine->stop(); // writes the last rollup
    StoreReader reader;
    QString error;
    QVERIFY(reader.open(rig.db(), &error));
    QSqlQuery q(reader.database());
    QVERIFY(q.exec(QStringLiteral("SELECT sum(value) FROM metric_minutes WHERE series = 'dead'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
    QVERIFY(q.exec(QStringLiteral("SELECT sum(value) FROM metric_minutes WHERE series = 'delivery_failed'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
}

void TestDelivery::signedDeliveriesVerifyAtAStandardWebhooksReceiver()
{
    // The receiving end: another Ringside engine that verifies Standard Webhooks signatures.
    const QString secret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    QTemporaryDir receiverDir;
    EngineConfig rc;
    rc.listenPort = 0;
    rc.adminPort = 0;
    rc.databasePath = receiverDir.filePath(QStringLiteral("receiver.db"));
    rc.auth = {QStringLiteral("standard-webhooks"), {}, {secret}};
    Engine receiver(rc, Clock::system());
    QString error;
    QVERIFY2(receiver.start(&error), qPrintable(error));

    Rig rig;
    SinkConfig signedSink = rig.sink();
    signedSink.url = QUrl(QStringLiteral("http://127.0.0.1:%1/webhooks/unlimcall").arg(receiver.webhookPort()));
    signedSink.signingSecret = secret;
    QVERIFY(rig.startEngine(Clock::system(), signedSink));
    for (const char *e : {"call.initiated", "call.completed"})
        QCOMPARE(exchange(rig.engine->webhookPort(), unlimcallRequest(QStringLiteral("signed"), e))->status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(rig.backlog().value(QStringLiteral("delivered")), 2, 20000);
    const auto s = receiver.metrics().snapshot();
    QCOMPARE(s.rejectedTotal(), quint64(0)); // every signature verified
    QCOMPARE(s.accepted, quint64(2));
}

QTEST_GUILESS_MAIN(TestDelivery)
#include "tst_delivery.moc"
