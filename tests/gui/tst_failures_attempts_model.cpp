#include "failures_fixture.h"
#include "models/failures_attempts_model.h"
#include "models/query_runner.h"
#include "store/delivery_queue.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

class TestFailuresAttemptsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void showsEveryAttemptOldestFirst();
    void newAttemptsAreAppended();
    void responseText_data();
    void responseText();

private:
    /** Shows the test's delivery and waits for its three attempts. */
    bool showDelivery(FailuresAttemptsModel &model);

    FailuresFixture m_store;
    std::unique_ptr<QueryRunner> m_runner;
    qint64 m_delivery = 0;
};

void TestFailuresAttemptsModel::initTestCase()
{
    QString error;
    QVERIFY2(m_store.start(&error), qPrintable(error));
    QCOMPARE(m_store.write(QStringLiteral("a-call"), EventType::Completed).outcome, WriteResult::Outcome::Accepted);
    m_delivery = m_store.deliveryIds(QStringLiteral("crm")).first();
    m_store.attempt(m_delivery, 0, QStringLiteral("Connection refused"));
    m_store.attempt(m_delivery, 503, QStringLiteral("HTTP 503"), "<html>busy</html>");
    m_store.attempt(m_delivery, 400, QStringLiteral("HTTP 400: Invalid phone number"),
                    R"({"error":"invalid_phone","field":"to"})");
    m_runner = std::make_unique<QueryRunner>(m_store.path());
}

bool TestFailuresAttemptsModel::showDelivery(FailuresAttemptsModel &model)
{
    QSignalSpy loaded(&model, &FailuresAttemptsModel::loaded);
    model.setDelivery(m_delivery);
    return loaded.wait() && model.rowCount() == 3;
}

void TestFailuresAttemptsModel::showsEveryAttemptOldestFirst()
{
    FailuresAttemptsModel model(*m_runner);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(showDelivery(model));
    auto text = [&model](int row, int column) { return model.data(model.index(row, column)).toString(); };
    QCOMPARE(text(0, FailuresAttemptsModel::HttpStatus), QStringLiteral("—"));
    QCOMPARE(text(0, FailuresAttemptsModel::Error), QStringLiteral("Connection refused"));
    QCOMPARE(text(0, FailuresAttemptsModel::Outcome), QStringLiteral("Failed, will retry"));
    QCOMPARE(text(2, FailuresAttemptsModel::HttpStatus), QStringLiteral("400"));
    QCOMPARE(text(2, FailuresAttemptsModel::Outcome), QStringLiteral("Failed, gave up"));
    QCOMPARE(text(2, FailuresAttemptsModel::Response), QStringLiteral(R"({"error":"invalid_phone","field":"to"})"));
    QCOMPARE(text(2, FailuresAttemptsModel::Duration), QStringLiteral("42 ms"));
    QVERIFY(model.row(0).startedAt < model.row(2).startedAt);

    model.setDelivery(0);
    QCOMPARE(model.rowCount(), 0);
}

void TestFailuresAttemptsModel::newAttemptsAreAppended()
{
    FailuresAttemptsModel model(*m_runner);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(showDelivery(model));

    RetryFilter byId;
    byId.ids = {m_delivery};
    const qint64 now = m_store.clock().nowMs();
    QVERIFY(m_store.run([byId, now](QSqlDatabase &db, QString *e) { return DeliveryQueue::retry(db, byId, now, e) == 1; }));
    m_store.attempt(m_delivery, 200, {});

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy loaded(&model, &FailuresAttemptsModel::loaded);
    model.refresh();
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.data(model.index(3, FailuresAttemptsModel::Outcome)).toString(), QStringLiteral("Delivered"));
}

void TestFailuresAttemptsModel::responseText_data()
{
    QTest::addColumn<QByteArray>("excerpt");
    QTest::addColumn<QString>("expected");
    QTest::newRow("json") << QByteArray(R"({"ok":false})") << QStringLiteral(R"({"ok":false})");
    // Cut in the middle of "é" (C3 A9): the excerpt is a prefix, so that is not binary.
    QTest::newRow("cut utf-8") << QByteArray("caf\xc3") << QStringLiteral("caf");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff", 4) << QStringLiteral("(4 byte(s) of binary data)");
}

void TestFailuresAttemptsModel::responseText()
{
    QFETCH(QByteArray, excerpt);
    QFETCH(QString, expected);
    QCOMPARE(FailuresAttemptsModel::responseText(excerpt), expected);
}

QTEST_MAIN(TestFailuresAttemptsModel)
#include "tst_failures_attempts_model.moc"
