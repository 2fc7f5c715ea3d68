// Retention on a real SQLite file: what expires goes with everything that hangs off it, and
// nothing a person still has to act on (pending, retrying or dead deliveries) is touched.
#include "store/database.h"
#include "store/retention.h"
#include "store/schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;

namespace {
constexpr qint64 kDay = 24LL * 3600 * 1000;
constexpr qint64 kNow = 1'780'000'000'000;
constexpr qint64 kCutoff = kNow - 30 * kDay;
constexpr qint64 kOld = kCutoff - kDay;
constexpr qint64 kRecent = kCutoff + kDay;
} // namespace

class TestRetention : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void finishedCallsGoWithEverythingHangingOffThem();
    void callsAPersonMustStillActOnStay();
    void aCallWithALateEventStays();
    void unprocessableEventsAndRejectedSamplesGoByReceiptTime();
    void metricsStayForTheDashboardsLongestWindow();
    void worksInBatches();

private:
    void exec(const QString &sql, const QVariantList &binds = {});
    qint64 scalar(const QString &sql);
    /** A call with one event per time in `received`, one duplicate receipt, and one delivery in `state`
     *  (none when state is empty) with one attempt. */
    void addCall(const QString &uuid, const QList<qint64> &received, const QString &state);
    Retention::Purged purge(int batch = 500);

    std::unique_ptr<QTemporaryDir> m_dir;
    QSqlDatabase m_db;
};

void TestRetention::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    m_db = Database::open(m_dir->filePath(QStringLiteral("r.db")), Database::Mode::ReadWrite, &error);
    QVERIFY2(m_db.isValid(), qPrintable(error));
    QVERIFY2(Schema::migrate(m_db, &error), qPrintable(error));
}

void TestRetention::cleanup()
{
    Database::close(m_db);
    m_dir.reset();
}

void TestRetention::exec(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_db);
    QVERIFY2(q.prepare(sql), qPrintable(q.lastError().text()));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
}

qint64 TestRetention::scalar(const QString &sql)
{
    QSqlQuery q(m_db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

void TestRetention::addCall(const QString &uuid, const QList<qint64> &received, const QString &state)
{
    for (int i = 0; i < received.size(); ++i) {
        exec(QStringLiteral("INSERT INTO events (dedup_key, status, received_at, call_uuid, provider)"
                            " VALUES (?, 'accepted', ?, ?, 'unlimcall')"),
             {uuid + QString::number(i), received[i], uuid});
    }
    exec(QStringLiteral("INSERT INTO event_receipts (event_id, received_at)"
                        " SELECT id, received_at + 1000 FROM events WHERE call_uuid = ? LIMIT 1"), {uuid});
    const auto [first, last] = std::minmax_element(received.cbegin(), received.cend());
    exec(QStringLiteral("INSERT INTO calls (call_uuid, provider, state, events_seen, completed, first_received_at,"
                        " last_received_at) VALUES (?, 'unlimcall', 'completed', 7, 1, ?, ?)"),
         {uuid, *first, *last});
    if (state.isEmpty())
        return;
    exec(QStringLiteral("INSERT INTO deliveries (event_id, call_uuid, sink, state, created_at, budget_start_at,"
                        " next_attempt_at, idempotency_key) SELECT id, call_uuid, 'crm', ?, received_at, received_at,"
                        " received_at, 'k-' || id FROM events WHERE call_uuid = ? LIMIT 1"), {state, uuid});
    exec(QStringLiteral("INSERT INTO delivery_attempts (delivery_id, started_at, outcome)"
                        " SELECT id, created_at, 'x' FROM deliveries WHERE call_uuid = ?"), {uuid});
    exec(QStringLiteral("INSERT INTO sink_objects (sink, call_uuid, object_id) VALUES ('crm', ?, 'obj')"), {uuid});
}

Retention::Purged TestRetention::purge(int batch)
{
    Retention::Purged purged;
    QString error;
    [&] { QVERIFY2(Retention::purge(m_db, kCutoff, kNow, batch, &purged, &error), qPrintable(error)); }();
    return purged;
}

void TestRetention::finishedCallsGoWithEverythingHangingOffThem()
{
    addCall(QStringLiteral("old-delivered"), {kOld, kOld + 5000}, QStringLiteral("delivered"));
    addCall(QStringLiteral("old-discarded"), {kOld}, QStringLiteral("skipped"));
    addCall(QStringLiteral("old-no-sink"), {kOld}, QString());
    addCall(QStringLiteral("recent"), {kRecent}, QStringLiteral("delivered"));

    const Retention::Purged p = purge();
    QCOMPARE(p.calls, 3);
    QVERIFY(!p.more);
    QSqlQuery q(m_db);
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(call_uuid) FROM calls")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("recent"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM event_receipts")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM deliveries")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM delivery_attempts")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM sink_objects")), 1);
    // Nothing left pointing at a deleted row.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM event_receipts WHERE event_id NOT IN (SELECT id FROM events)")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM delivery_attempts"
                                   " WHERE delivery_id NOT IN (SELECT id FROM deliveries)")), 0);
}

void TestRetention::callsAPersonMustStillActOnStay()
{
    for (const char *state : {"pending", "retrying", "dead"})
        addCall(QStringLiteral("old-%1").arg(QLatin1String(state)), {kOld}, QLatin1String(state));
    QCOMPARE(purge().calls, 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM calls")), 3);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM delivery_attempts")), 3);
}

void TestRetention::aCallWithALateEventStays()
{
    // Its first event is old, but it was still going on after the cutoff.
    addCall(QStringLiteral("long"), {kOld, kRecent}, QStringLiteral("delivered"));
    QCOMPARE(purge().calls, 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM events")), 2);
}

void TestRetention::unprocessableEventsAndRejectedSamplesGoByReceiptTime()
{
    for (qint64 t : {kOld, kRecent}) {
        exec(QStringLiteral("INSERT INTO events (dedup_key, status, received_at, provider, payload)"
                            " VALUES (?, 'unprocessable', ?, 'unlimcall', 'not json')"),
             {QStringLiteral("raw-%1").arg(t), t});
        exec(QStringLiteral("INSERT INTO rejected_requests (received_at, status, reason) VALUES (?, 401, 'bad')"), {t});
    }
    exec(QStringLiteral("INSERT INTO event_receipts (event_id, received_at) SELECT id, received_at FROM events"));
    const Retention::Purged p = purge();
    QCOMPARE(p.unprocessable, 1);
    QCOMPARE(p.rejected, 1);
    QCOMPARE(scalar(QStringLiteral("SELECT received_at FROM events")), kRecent);
    QCOMPARE(scalar(QStringLiteral("SELECT received_at FROM rejected_requests")), kRecent);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM event_receipts")), 1);
}

void TestRetention::metricsStayForTheDashboardsLongestWindow()
{
    for (qint64 t : {kOld, kRecent})
        exec(QStringLiteral("INSERT INTO metric_minutes (minute, series, value) VALUES (?, 'received', 1)"), {t});
    QCOMPARE(purge().metricMinutes, 1);
    QCOMPARE(scalar(QStringLiteral("SELECT minute FROM metric_minutes")), kRecent);

    // A one-day retention still leaves the 7-day dashboard its data.
    const qint64 sixDaysAgo = kNow - 6 * kDay;
    exec(QStringLiteral("INSERT INTO metric_minutes (minute, series, value) VALUES (?, 'received', 1)"), {sixDaysAgo});
    Retention::Purged p;
    QString error;
    QVERIFY(Retention::purge(m_db, kNow - kDay, kNow, 500, &p, &error));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM metric_minutes WHERE minute = %1").arg(sixDaysAgo)), 1);
}

void TestRetention::worksInBatches()
{
    for (int i = 0; i < 5; ++i)
        addCall(QStringLiteral("old-%1").arg(i), {kOld + i}, QStringLiteral("delivered"));
    Retention::Purged p = purge(2);
    QCOMPARE(p.calls, 2);
    QVERIFY(p.more);
    // Oldest first.
    QCOMPARE(scalar(QStringLiteral("SELECT min(first_received_at) FROM calls")), kOld + 2);
    p = purge(2);
    QCOMPARE(p.calls, 2);
    p = purge(2);
    QCOMPARE(p.calls, 1);
    QVERIFY(!p.more);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM calls")), 0);
}

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
