#include "failures_fixture.h"
#include "models/failures_model.h"
#include "models/query_runner.h"
#include "store/delivery_queue.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

namespace {

constexpr int kCalls = 130;

QString callId(int i)
{
    return QStringLiteral("call-%1").arg(i, 3, 10, QLatin1Char('0'));
}

bool waitLoaded(QSignalSpy &loaded)
{
    if (!loaded.wait(10000))
        return false;
    return loaded.last().at(0).toString().isEmpty();
}

} // namespace

class TestFailuresModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pagesNewestFirst();
    void filters_data();
    void filters();
    void refreshKeepsRowIdentity();

private:
    std::unique_ptr<FailuresModel> model(const FailuresFilter &filter = {});

    FailuresFixture m_store;
    std::unique_ptr<QueryRunner> m_runner;
};

void TestFailuresModel::initTestCase()
{
    QString error;
    QVERIFY2(m_store.start(&error), qPrintable(error));
    // crm: even calls dead (400), odd ones retrying (503); backup: every fifth dead (422), the rest delivered.
    for (int i = 0; i < kCalls; ++i)
        QCOMPARE(m_store.write(callId(i), EventType::Completed).outcome, WriteResult::Outcome::Accepted);
    const QList<qint64> crm = m_store.deliveryIds(QStringLiteral("crm"));
    const QList<qint64> backup = m_store.deliveryIds(QStringLiteral("backup"));
    QCOMPARE(crm.size(), kCalls);
    QList<qint64> dead, retrying, deadBackup, delivered;
    for (int i = 0; i < kCalls; ++i) {
        (i % 2 == 0 ? dead : retrying) << crm.at(i);
        (i % 5 == 0 ? deadBackup : delivered) << backup.at(i);
    }
    QVERIFY(m_store.attemptMany(dead, 400, QStringLiteral("HTTP 400: Invalid phone number")));
    QVERIFY(m_store.attemptMany(retrying, 503, QStringLiteral("HTTP 503: Service Unavailable")));
    QVERIFY(m_store.attemptMany(deadBackup, 422, QStringLiteral("HTTP 422: unknown owner")));
    QVERIFY(m_store.attemptMany(delivered, 200, {}));
    m_runner = std::make_unique<QueryRunner>(m_store.path());
}

std::unique_ptr<FailuresModel> TestFailuresModel::model(const FailuresFilter &filter)
{
    auto m = std::make_unique<FailuresModel>(*m_runner);
    new QAbstractItemModelTester(m.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m.get());
    QSignalSpy loaded(m.get(), &FailuresModel::loaded);
    m->setFilter(filter);
    if (!waitLoaded(loaded))
        return nullptr;
    return m;
}

void TestFailuresModel::pagesNewestFirst()
{
    auto m = model();
    QVERIFY(m);
    QVERIFY(m->rowCount() >= FailuresModel::kPageSize);
    QCOMPARE(m->matchingCount(), qint64(kCalls + kCalls / 5));
    QVERIFY(loadAll(*m, *m_runner));
    QCOMPARE(m->rowCount(), kCalls + kCalls / 5);
    for (int i = 1; i < m->rowCount(); ++i)
        QVERIFY(m->row(i - 1).id > m->row(i).id);

    // The newest delivery: the last call's backup (delivered, so absent), then its crm one (odd: retrying).
    const FailureRow &top = m->row(0);
    QCOMPARE(top.callUuid, callId(kCalls - 1));
    QCOMPARE(top.sink, QStringLiteral("crm"));
    QCOMPARE(top.state, QStringLiteral("retrying"));
    QCOMPARE(top.event, QStringLiteral("call.completed"));
    QCOMPARE(top.attempts, 1);
    QCOMPARE(top.httpStatus, std::optional<int>(503));
    QCOMPARE(top.errorClass, QStringLiteral("http_5xx"));
    QVERIFY(top.nextAttemptAt.has_value());
    QCOMPARE(m->data(m->index(0, FailuresModel::State)).toString(), QStringLiteral("Retrying"));
    QCOMPARE(m->data(m->index(0, FailuresModel::HttpStatus)).toString(), QStringLiteral("503"));
    QCOMPARE(m->data(m->index(0, FailuresModel::Error)).toString(), QStringLiteral("HTTP 503: Service Unavailable"));
    QCOMPARE(m->data(m->index(0, 0), FailuresModel::DeliveryIdRole).toLongLong(), top.id);
    QVERIFY(!m->data(m->index(0, FailuresModel::NextAttempt)).toString().isEmpty());

    const int deadRow = m->rowOf(m_store.deliveryIds(QStringLiteral("crm")).first());
    QVERIFY(deadRow >= 0);
    QCOMPARE(m->row(deadRow).state, QStringLiteral("dead"));
    QVERIFY(!m->row(deadRow).nextAttemptAt); // a dead delivery has no plan
    QVERIFY(m->data(m->index(deadRow, FailuresModel::NextAttempt)).toString().isEmpty());
}

void TestFailuresModel::filters_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("sink");
    QTest::addColumn<QString>("errorClass");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected");
    using S = FailuresFilter::State;
    QTest::newRow("dead") << int(S::Dead) << QString() << QString() << QString() << kCalls / 2 + kCalls / 5;
    QTest::newRow("retrying") << int(S::Retrying) << QString() << QString() << QString() << kCalls / 2;
    QTest::newRow("sink backup") << int(S::Both) << QStringLiteral("backup") << QString() << QString() << kCalls / 5;
    QTest::newRow("class 5xx") << int(S::Both) << QString() << QStringLiteral("http_5xx") << QString() << kCalls / 2;
    QTest::newRow("text, any case") << int(S::Both) << QString() << QString() << QStringLiteral("invalid PHONE") << kCalls / 2;
    // call-010 .. call-019: ten crm deliveries, and backup ones for 010 and 015.
    QTest::newRow("call id prefix") << int(S::Both) << QString() << QString() << QStringLiteral("call-01") << 12;
    QTest::newRow("nothing") << int(S::Retrying) << QStringLiteral("backup") << QString() << QString() << 0;
}

void TestFailuresModel::filters()
{
    QFETCH(int, state);
    QFETCH(QString, sink);
    QFETCH(QString, errorClass);
    QFETCH(QString, text);
    QFETCH(int, expected);
    FailuresFilter f;
    f.state = FailuresFilter::State(state);
    f.sink = sink;
    f.errorClass = errorClass;
    f.text = text;
    auto m = model(f);
    QVERIFY(m);
    QVERIFY(loadAll(*m, *m_runner));
    QCOMPARE(m->rowCount(), expected);
    QCOMPARE(m->matchingCount(), qint64(expected));
    for (int i = 0; i < m->rowCount(); ++i) {
        const FailureRow &r = m->row(i);
        if (!sink.isEmpty())
            QCOMPARE(r.sink, sink);
        if (f.state != FailuresFilter::State::Both)
            QCOMPARE(r.state, f.state == FailuresFilter::State::Dead ? QStringLiteral("dead") : QStringLiteral("retrying"));
    }
}

void TestFailuresModel::refreshKeepsRowIdentity()
{
    auto m = model();
    QVERIFY(m);
    QVERIFY(loadAll(*m, *m_runner));
    const int before = m->rowCount();
    // The user has a row selected far down the list.
    const QPersistentModelIndex kept(m->index(40, FailuresModel::Call));
    const qint64 keptId = m->row(40).id;
    QSignalSpy resets(m.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m.get(), &QAbstractItemModel::dataChanged);

    // Five rows above it are retried by hand (they leave), one more attempt lands on a row below it,
    // and a new call's delivery dies (it arrives on top).
    QList<qint64> retried;
    for (int i = 2; i < 7; ++i)
        retried << m->row(i).id;
    RetryFilter byIds;
    byIds.ids = retried;
    const qint64 now = m_store.clock().nowMs();
    QVERIFY(m_store.run([byIds, now](QSqlDatabase &db, QString *e) { return DeliveryQueue::retry(db, byIds, now, e) == 5; }));
    const int belowRow = 60;
    const qint64 belowId = m->row(belowRow).id;
    QCOMPARE(m->row(belowRow).state, QStringLiteral("retrying"));
    m_store.attempt(belowId, 502, QStringLiteral("HTTP 502: Bad Gateway"));
    QCOMPARE(m_store.write(QStringLiteral("late-call"), EventType::Completed).outcome, WriteResult::Outcome::Accepted);
    const qint64 newest = m_store.deliveryIds(QStringLiteral("crm")).constLast();
    m_store.attempt(newest, 400, QStringLiteral("HTTP 400: Invalid phone number"));

    m->refresh();
    QVERIFY(settle(*m_runner));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(m->rowCount(), before - 5 + 1);
    QCOMPARE(m->row(0).id, newest);
    for (qint64 id : std::as_const(retried))
        QCOMPARE(m->rowOf(id), -1);
    QVERIFY(kept.isValid());
    QCOMPARE(m->data(kept, FailuresModel::DeliveryIdRole).toLongLong(), keptId);
    QCOMPARE(kept.row(), 40 - 5 + 1);
    const int below = m->rowOf(belowId);
    QCOMPARE(m->row(below).attempts, 2);
    QCOMPARE(m->row(below).httpStatus, std::optional<int>(502));
    QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [below](const QList<QVariant> &args) {
        return args.at(0).value<QModelIndex>().row() <= below && args.at(1).value<QModelIndex>().row() >= below;
    }));
    QCOMPARE(m->matchingCount(), qint64(before - 5 + 1));
}

QTEST_MAIN(TestFailuresModel)
#include "tst_failures_model.moc"
