#include "core/clock.h"
#include "store/database.h"
#include "store/event_writer.h"
#include "store/schema.h"
#include "store_scalar.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/resource.h>

using namespace ringside;
using ringside::test::storeScalar;

namespace {

IncomingEvent makeEvent(const QString &uuid, EventType type, qint64 receivedAt = 1000)
{
    CanonicalEvent e;
    e.type = type;
    e.callUuid = uuid;
    e.provider = QStringLiteral("unlimcall");
    e.from = QStringLiteral("+12025551234");
    if (type == EventType::Initiated)
        e.initiatedAt = 1'000'000;
    if (type == EventType::Answered)
        e.answeredAt = 1'007'000;
    if (type == EventType::Completed) {
        e.initiatedAt = 1'000'000;
        e.answeredAt = 1'007'000;
        e.endedAt = 1'203'000;
        e.hangupCauseCode = 16;
        e.hangupCause = QStringLiteral("normal_clearing");
    }
    IncomingEvent in;
    in.provider = e.provider;
    in.dedupKey = QStringLiteral("unlimcall:%1:%2").arg(uuid, eventTypeName(type));
    in.receivedAt = receivedAt;
    in.event = e;
    in.body = QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact);
    return in;
}

/** Parks the writer inside a transaction until `release` is released, so that work queues up behind it. */
bool holdWriter(EventWriter &w, QSemaphore &release)
{
    auto entered = std::make_shared<QSemaphore>();
    w.submitTask([entered, &release](QSqlDatabase &, QString *) {
        entered->release();
        release.acquire();
        return true;
    });
    return entered->tryAcquire(1, 10000);
}

} // namespace

class TestEventWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void migratesANewDatabase();
    void migratesAStoreAnOlderReleaseLeft();
    void answersOnlyAfterTheRowIsOnDisk();
    void groupsConcurrentEventsIntoOneCommit();
    void oneBadEventDoesNotSinkTheBatch();
    void duplicatesAreAnsweredAndTheirReceiptsKept();
    void duplicateWithinOneBatch();
    void mergesEventsIntoOneCallRecord();
    void mergesACallsEventsWithinOneBatch();
    void keepsUnprocessableBodiesRaw();
    void enqueuesOneDeliveryPerInterestedSink();
    void failedWritesAreReportedAndTheStoreRecovers();
    void aBatchWhoseCommitFailsIsNotAcknowledged();
    void refusesNewEventsWhenTheQueueIsFull();
    void aBatchBeingCommittedStillCountsAgainstTheCap();
    void refusesANewerSchema();
    void refusesAnUnwritablePath();

private:
    WriteResult submitAndWait(EventWriter &w, IncomingEvent e);
    /** Writes events in one transaction (queued behind a held one); their results, in order. */
    QList<WriteResult> writeInOneTransaction(EventWriter &w, const QList<IncomingEvent> &events);
    std::unique_ptr<QTemporaryDir> m_dir;
    EventWriter::Options options() const
    {
        EventWriter::Options o;
        o.path = m_path;
        return o;
    }
    QString m_path;
    ManualClock m_clock;
};

void TestEventWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("ringside.db"));
}

void TestEventWriter::cleanup()
{
    m_dir.reset();
}

WriteResult TestEventWriter::submitAndWait(EventWriter &w, IncomingEvent e)
{
    std::optional<WriteResult> result;
    w.submit(std::move(e), this, [&result](const WriteResult &r) { result = r; });
    (void)QTest::qWaitFor([&result] { return result.has_value(); }, 10000);
    return result.value_or(WriteResult{WriteResult::Outcome::Failed, 0, QStringLiteral("no answer in 10 s")});
}

QList<WriteResult> TestEventWriter::writeInOneTransaction(EventWriter &w, const QList<IncomingEvent> &events)
{
    QList<std::optional<WriteResult>> results(events.size());
    QSemaphore release;
    if (!holdWriter(w, release))
        return {};
    for (qsizetype i = 0; i < events.size(); ++i)
        w.submit(events[i], this, [&results, i](const WriteResult &r) { results[i] = r; });
    release.release();
    const auto allAnswered = [&results] {
        return std::all_of(results.cbegin(), results.cend(), [](const auto &r) { return r.has_value(); });
    };
    (void)QTest::qWaitFor(allAnswered, 10000);
    QList<WriteResult> out;
    for (const auto &r : results)
        out << r.value_or(WriteResult{WriteResult::Outcome::Failed, 0, QStringLiteral("no answer in 10 s")});
    return out;
}

void TestEventWriter::migratesANewDatabase()
{
    EventWriter w(options(), m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    QVERIFY(w.isHealthy());
    w.stop();
    QCOMPARE(storeScalar(m_path, QStringLiteral("PRAGMA user_version")), Schema::currentVersion());
    QString err;
    QSqlDatabase db = Database::open(m_path, Database::Mode::ReadOnly, &err);
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    }
    Database::close(db);
}

void TestEventWriter::migratesAStoreAnOlderReleaseLeft()
{
    for (int version = 1; version < Schema::currentVersion(); ++version) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.db"));
        {
            QString error;
            QSqlDatabase db = Database::open(path, Database::Mode::ReadWrite, &error);
            QVERIFY2(db.isValid(), qPrintable(error));
            QVERIFY2(Schema::migrateTo(db, version, &error), qPrintable(error));
            QCOMPARE(Schema::versionOf(db), version);
            // A call as every schema so far stores it.
            QVERIFY2(Database::exec(db, QStringLiteral("INSERT INTO calls (call_uuid, provider, state, events_seen,"
                                                       " completed, from_number, first_received_at, last_received_at)"
                                                       " VALUES ('old-call', 'unlimcall', 'completed', 3, 1,"
                                                       " '+12025551234', 1000, 2000)"), &error),
                     qPrintable(error));
            Database::close(db);
        }
        EventWriter::Options o;
        o.path = path;
        EventWriter w(o, m_clock);
        QString error;
        QVERIFY2(w.start(&error), qPrintable(QStringLiteral("from version %1: %2").arg(version).arg(error)));
        w.stop();
        QCOMPARE(storeScalar(path, QStringLiteral("PRAGMA user_version")), Schema::currentVersion());
        QCOMPARE(storeScalar(path, QStringLiteral("SELECT count(*) FROM calls WHERE call_uuid = 'old-call'"
                                                  " AND from_number = '+12025551234'")), 1);
        // Version 2's calls_started carries the search text: a search reads it from the index.
        QCOMPARE(storeScalar(path, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'calls_started'"
                                                  " AND sql LIKE '%coalesce(from_number%'")), 1);
    }
}

void TestEventWriter::answersOnlyAfterTheRowIsOnDisk()
{
    EventWriter w(options(), m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    qint64 rowsWhenAnswered = -1;
    bool answered = false;
    w.submit(makeEvent(QStringLiteral("call-1"), EventType::Initiated), this, [&](const WriteResult &r) {
        QCOMPARE(int(r.outcome), int(WriteResult::Outcome::Accepted));
        rowsWhenAnswered = storeScalar(m_path, QStringLiteral("SELECT count(*) FROM events WHERE call_uuid = 'call-1'"));
        answered = true;
    });
    QTRY_VERIFY(answered);
    QCOMPARE(rowsWhenAnswered, 1);
}

void TestEventWriter::groupsConcurrentEventsIntoOneCommit()
{
    EventWriter w(options(), m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    // Hold the writer inside a transaction while 300 events queue up behind it.
    QSemaphore release;
    QVERIFY(holdWriter(w, release));
    const quint64 commitsBefore = w.commits();
    int accepted = 0;
    for (int i = 0; i < 300; ++i)
        w.submit(makeEvent(QStringLiteral("call-%1").arg(i), EventType::Initiated), this,
                 [&accepted](const WriteResult &r) { accepted += r.outcome == WriteResult::Outcome::Accepted; });
    release.release();
    QTRY_COMPARE_WITH_TIMEOUT(accepted, 300, 10000);
    // The held batch, then all 300 that queued behind it in one transaction.
    QCOMPARE(w.commits() - commitsBefore, quint64(2));
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM events")), 300);
}

void TestEventWriter::oneBadEventDoesNotSinkTheBatch()
{
    EventWriter w(options(), m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    IncomingEvent bad = makeEvent(QStringLiteral("bad"), EventType::Initiated);
    bad.provider.clear(); // events.provider is NOT NULL: the store refuses this one
    bad.event.reset();
    const QList<WriteResult> results = writeInOneTransaction(
        w, {makeEvent(QStringLiteral("good-1"), EventType::Initiated), bad,
            makeEvent(QStringLiteral("good-2"), EventType::Initiated)});
    QCOMPARE(results.size(), 3);
    QCOMPARE(int(results[0].outcome), int(WriteResult::Outcome::Accepted));
    QCOMPARE(int(results[1].outcome), int(WriteResult::Outcome::Failed));
    QVERIFY2(results[1].error.contains(QLatin1String("NOT NULL")), qPrintable(results[1].error));
    QCOMPARE(int(results[2].outcome), int(WriteResult::Outcome::Accepted));
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM events")), 2);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM calls")), 2);
}

void TestEventWriter::duplicatesAreAnsweredAndTheirReceiptsKept()
{
    EventWriter w(options(), m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    const WriteResult first = submitAndWait(w, makeEvent(QStringLiteral("call-d"), EventType::Answered, 1000));
    const WriteResult again = submitAndWait(w, makeEvent(QStringLiteral("call-d"), EventType::Answered, 2000));
    QCOMPARE(int(first.outcome), int(WriteResult::Outcome::Accepted));
    QCOMPARE(int(again.outcome), int(WriteResult::Outcome::Duplicate));
    QCOMPARE(again.eventId, first.eventId);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM events")), 1);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT received_at FROM event_receipts")), 2000);
    // call.answered after call.initiated is not a duplicate: the key is never call_uuid alone.
    QCOMPARE(int(submitAndWait(w, makeEvent(QStringLiteral("call-d"), EventType::Initiated)).outcome),
             int(WriteResult::Outcome::Accepted));
}

void TestEventWriter::duplicateWithinOneBatch()
{
    EventWriter w(options(), m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    const IncomingEvent e = makeEvent(QStringLiteral("call-b"), EventType::Completed);
    QList<WriteResult::Outcome> outcomes;
    for (const WriteResult &r : writeInOneTransaction(w, {e, e, e}))
        outcomes << r.outcome;
    QCOMPARE(outcomes.count(WriteResult::Outcome::Accepted), 1);
    QCOMPARE(outcomes.count(WriteResult::Outcome::Duplicate), 2);
}

void TestEventWriter::mergesEventsIntoOneCallRecord()
{
    EventWriter w(options(), m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    submitAndWait(w, makeEvent(QStringLiteral("call-m"), EventType::Completed, 3000));
    submitAndWait(w, makeEvent(QStringLiteral("call-m"), EventType::Initiated, 4000));
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM calls")), 1);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT completed FROM calls")), 1);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT events_seen FROM calls")), 0b101);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT talk_ms FROM calls")), 196000);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT last_received_at FROM calls")), 4000);
}

void TestEventWriter::mergesACallsEventsWithinOneBatch()
{
    EventWriter w(options(), m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    // Out of order and in one transaction: the later ones find the row the first one created.
    QList<IncomingEvent> events;
    for (EventType t : {EventType::Completed, EventType::Initiated, EventType::Answered})
        events << makeEvent(QStringLiteral("call-x"), t, 3000 + int(t));
    QCOMPARE(writeInOneTransaction(w, events).size(), 3);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM calls")), 1);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT events_seen FROM calls")), 0b111);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT talk_ms FROM calls")), 196000);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT first_received_at FROM calls")), 3000);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT last_received_at FROM calls")), 3002);
}

void TestEventWriter::keepsUnprocessableBodiesRaw()
{
    EventWriter w(options(), m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    IncomingEvent in;
    in.provider = QStringLiteral("unlimcall");
    in.dedupKey = QStringLiteral("unlimcall:raw:abc");
    in.receivedAt = 5000;
    in.error = QStringLiteral("body is not valid JSON");
    in.body = QByteArrayLiteral("{not json");
    QCOMPARE(int(submitAndWait(w, in).outcome), int(WriteResult::Outcome::Accepted));
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM events WHERE status = 'unprocessable'"
                                           " AND payload = CAST('{not json' AS BLOB)")), 1);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM calls")), 0);
}

void TestEventWriter::enqueuesOneDeliveryPerInterestedSink()
{
    EventWriter::Options o = options();
    o.sinks = {SinkSubscription{QStringLiteral("crm")},
               SinkSubscription{QStringLiteral("warehouse"), {EventType::Completed}}};
    EventWriter w(o, m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    for (EventType t : {EventType::Initiated, EventType::Answered, EventType::Completed})
        submitAndWait(w, makeEvent(QStringLiteral("call-q"), t));
    submitAndWait(w, makeEvent(QStringLiteral("call-q"), EventType::Completed)); // duplicate: no new delivery
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM deliveries WHERE sink = 'crm'")), 3);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM deliveries WHERE sink = 'warehouse'")), 1);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(DISTINCT idempotency_key) FROM deliveries")), 4);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM deliveries WHERE state = 'pending'")), 4);
}

void TestEventWriter::failedWritesAreReportedAndTheStoreRecovers()
{
    EventWriter::Options o = options();
    o.reopenIntervalMs = 50;
    EventWriter w(o, m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    QSignalSpy health(&w, &EventWriter::healthChanged);
    const qint64 pages = storeScalar(m_path, QStringLiteral("PRAGMA page_count"));
    w.setMaxPageCount(pages); // the file may not grow by a single page: a full disk, in effect

    // Fill what room is left until a write fails.
    std::optional<WriteResult> failed;
    for (int i = 0; i < 10000 && !failed; ++i) {
        IncomingEvent e = makeEvent(QStringLiteral("fill-%1").arg(i), EventType::Completed);
        e.body = QByteArray(2000, 'x');
        const WriteResult r = submitAndWait(w, e);
        if (r.outcome == WriteResult::Outcome::Failed)
            failed = r;
    }
    QVERIFY(failed.has_value());
    QVERIFY2(failed->error.contains(QLatin1String("full"), Qt::CaseInsensitive), qPrintable(failed->error));
    QVERIFY(!w.isHealthy());
    const qint64 storedBefore = storeScalar(m_path, QStringLiteral("SELECT count(*) FROM events"));

    w.setMaxPageCount(0); // space returns
    QTRY_VERIFY_WITH_TIMEOUT(w.isHealthy(), 5000);
    QCOMPARE(int(submitAndWait(w, makeEvent(QStringLiteral("after"), EventType::Initiated)).outcome),
             int(WriteResult::Outcome::Accepted));
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM events")), storedBefore + 1);
    QVERIFY(health.count() >= 2);
}

void TestEventWriter::aBatchWhoseCommitFailsIsNotAcknowledged()
{
    EventWriter::Options o = options();
    o.reopenIntervalMs = 50;
    EventWriter w(o, m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    QCOMPARE(int(submitAndWait(w, makeEvent(QStringLiteral("before"), EventType::Initiated)).outcome),
             int(WriteResult::Outcome::Accepted));
    QSignalSpy committed(&w, &EventWriter::committed);

    // The disk fills up under the COMMIT itself: every file this process writes is capped just
    // above its present size, and a write past that fails (EFBIG, an I/O error to SQLite).
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    QVERIFY(getrlimit(RLIMIT_FSIZE, &old) == 0);
    rlimit capped = old;
    capped.rlim_cur = rlim_t(std::max(QFileInfo(m_path).size(), QFileInfo(m_path + QStringLiteral("-wal")).size())
                             + 16 * 1024);
    QVERIFY(setrlimit(RLIMIT_FSIZE, &capped) == 0);
    QList<IncomingEvent> batch;
    for (int i = 0; i < 3; ++i) {
        batch << makeEvent(QStringLiteral("lost-%1").arg(i), EventType::Initiated);
        batch.last().body = QByteArray(200 * 1024, 'x');
    }
    const QList<WriteResult> results = writeInOneTransaction(w, batch);
    QVERIFY(setrlimit(RLIMIT_FSIZE, &old) == 0);

    QCOMPARE(results.size(), 3);
    for (const WriteResult &r : results) // the receiver answers 503: the provider retries
        QCOMPARE(int(r.outcome), int(WriteResult::Outcome::Failed));
    QCOMPARE(committed.count(), 0);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM events")), 1);

    QTRY_VERIFY_WITH_TIMEOUT(w.isHealthy(), 5000);
    QCOMPARE(int(submitAndWait(w, batch.first()).outcome), int(WriteResult::Outcome::Accepted));
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM events")), 2);
}

void TestEventWriter::refusesNewEventsWhenTheQueueIsFull()
{
    EventWriter::Options o = options();
    o.maxQueuedBytes = 64 * 1024;
    EventWriter w(o, m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    QSemaphore release; // a stalled disk, in effect
    QVERIFY(holdWriter(w, release));
    QList<WriteResult> results;
    for (int i = 0; i < 10; ++i) {
        IncomingEvent e = makeEvent(QStringLiteral("q-%1").arg(i), EventType::Initiated);
        e.body = QByteArray(10 * 1024, 'x');
        w.submit(e, this, [&results](const WriteResult &r) { results << r; });
    }
    // Those over the cap are answered (with a failure, i.e. 503) without waiting for the disk.
    QTRY_VERIFY(results.size() >= 4);
    for (const WriteResult &r : std::as_const(results)) {
        QCOMPARE(int(r.outcome), int(WriteResult::Outcome::Failed));
        QCOMPARE(r.error, QStringLiteral("write queue full"));
    }
    release.release();
    QTRY_COMPARE(results.size(), 10);
    QCOMPARE(storeScalar(m_path, QStringLiteral("SELECT count(*) FROM events")),
             qint64(std::count_if(results.cbegin(), results.cend(),
                                  [](const WriteResult &r) { return r.outcome == WriteResult::Outcome::Accepted; })));
}

// The cap bounds the bodies held in memory: those of a batch stuck in a slow commit count too,
// not only those still queued behind it.
void TestEventWriter::aBatchBeingCommittedStillCountsAgainstTheCap()
{
    EventWriter::Options o = options();
    o.maxQueuedBytes = 64 * 1024;
    EventWriter w(o, m_clock);
    QString error;
    QVERIFY2(w.start(&error), qPrintable(error));
    const auto event = [](const QString &id) {
        IncomingEvent e = makeEvent(id, EventType::Initiated);
        e.body = QByteArray(10 * 1024, 'x');
        return e;
    };

    QSemaphore releaseFirst, releaseSecond;
    // A failed check returns early: the writer must not stay stuck, or its stop() would hang.
    const auto unstick = qScopeGuard([&] {
        releaseFirst.release();
        releaseSecond.release();
    });
    QVERIFY(holdWriter(w, releaseFirst));
    QList<WriteResult> first; // five ~10 KiB events: under the cap, queued behind the held batch
    for (int i = 0; i < 5; ++i)
        w.submit(event(QStringLiteral("a-%1").arg(i)), this, [&first](const WriteResult &r) { first << r; });
    auto secondEntered = std::make_shared<QSemaphore>();
    w.submitTask([secondEntered, &releaseSecond](QSqlDatabase &, QString *) {
        secondEntered->release();
        releaseSecond.acquire();
        return true;
    });
    releaseFirst.release();
    // The writer took the five events and the task as one batch and is now stuck in it.
    QVERIFY(secondEntered->tryAcquire(1, 10000));

    QList<WriteResult> second;
    for (int i = 0; i < 5; ++i)
        w.submit(event(QStringLiteral("b-%1").arg(i)), this, [&second](const WriteResult &r) { second << r; });
    // At most one more fits next to the five in the stuck batch; the rest are refused at once.
    QTRY_VERIFY(second.size() >= 4);
    QCOMPARE(first.size(), 0);
    for (const WriteResult &r : std::as_const(second))
        QCOMPARE(r.error, QStringLiteral("write queue full"));

    releaseSecond.release();
    QTRY_COMPARE(first.size(), 5);
    QTRY_COMPARE(second.size(), 5);
    for (const WriteResult &r : std::as_const(first))
        QCOMPARE(int(r.outcome), int(WriteResult::Outcome::Accepted));
}

void TestEventWriter::refusesANewerSchema()
{
    {
        EventWriter w(options(), m_clock);
        QString error;
        QVERIFY2(w.start(&error), qPrintable(error));
    }
    QString error;
    QSqlDatabase db = Database::open(m_path, Database::Mode::ReadWrite, &error);
    QVERIFY(Database::exec(db, QStringLiteral("PRAGMA user_version = 99"), &error));
    Database::close(db);
    EventWriter w(options(), m_clock);
    QVERIFY(!w.start(&error));
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
}

void TestEventWriter::refusesAnUnwritablePath()
{
    EventWriter::Options o = options();
    o.path = QStringLiteral("/proc/ringside-test/ringside.db");
    EventWriter w(o, m_clock);
    QString error;
    QVERIFY(!w.start(&error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestEventWriter)
#include "tst_event_writer.moc"
