// The Calls page's model over a real SQLite store: paging by keyset, filters, refresh at the top.
#include "models/calls_model.h"
#include "models/query_runner.h"
#include "store/database.h"
#include "store/schema.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;

class TestCallsModel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    QSqlDatabase m_db;

    void addCall(int i, const QString &outcome, const QString &deliveryState = {}, const QString &uuid = {})
    {
        QSqlQuery q(m_db);
        QVERIFY(q.prepare(QStringLiteral(
            "INSERT INTO calls (call_uuid, provider, state, events_seen, completed, from_number, to_number, seat_id,"
            " did_id, direction, outcome, ring_ms, talk_ms, hangup_cause, hangup_cause_code, first_received_at,"
            " last_received_at) VALUES (?, 'unlimcall', 'call.completed', 7, ?, ?, '+4930111', ?, 'did_1', 'outbound',"
            " ?, 4000, 65000, 'normal_clearing', 16, ?, ?)")));
        q.addBindValue(uuid.isEmpty() ? QStringLiteral("call-%1").arg(i, 5, 10, QLatin1Char('0')) : uuid);
        q.addBindValue(outcome.isEmpty() ? 0 : 1);
        q.addBindValue(QStringLiteral("+1202555%1").arg(i, 4, 10, QLatin1Char('0')));
        q.addBindValue(QStringLiteral("seat_%1").arg(i % 7));
        q.addBindValue(outcome.isEmpty() ? QVariant() : QVariant(outcome));
        q.addBindValue(1'000'000 + i * 1000);
        q.addBindValue(1'000'000 + i * 1000);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        if (!deliveryState.isEmpty()) {
            QSqlQuery d(m_db);
            QVERIFY(d.prepare(QStringLiteral(
                "INSERT INTO deliveries (event_id, call_uuid, sink, state, created_at, budget_start_at,"
                " next_attempt_at, idempotency_key) VALUES (?, ?, 'crm', ?, 0, 0, 0, ?)")));
            d.addBindValue(i);
            d.addBindValue(QStringLiteral("call-%1").arg(i, 5, 10, QLatin1Char('0')));
            d.addBindValue(deliveryState);
            d.addBindValue(QStringLiteral("crm:%1").arg(i));
            QVERIFY2(d.exec(), qPrintable(d.lastError().text()));
        }
    }

private Q_SLOTS:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("calls-%1.db").arg(QDateTime::currentMSecsSinceEpoch()));
        QString error;
        m_db = Database::open(m_path, Database::Mode::ReadWrite, &error);
        QVERIFY2(m_db.isValid(), qPrintable(error));
        QVERIFY2(Schema::migrate(m_db, &error), qPrintable(error));
    }
    void cleanup() { Database::close(m_db); }

    void pagesInNewestFirstWithoutLoadingEverything()
    {
        for (int i = 0; i < 250; ++i)
            addCall(i, i % 10 == 0 ? QString() : QStringLiteral("answered"), i == 42 ? QStringLiteral("dead") : QStringLiteral("delivered"));
        QueryRunner runner(m_path);
        CallsModel model(runner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &CallsModel::loaded);
        model.setFilter({});
        QVERIFY(loaded.wait());
        QCOMPARE(loaded.last().at(0).toString(), QString());
        // One page per fetch (the tester may ask for the next page itself, as a view would).
        QVERIFY(model.rowCount() >= CallsModel::kPageSize && model.rowCount() % CallsModel::kPageSize == 0);
        QCOMPARE(model.row(0).callUuid, QStringLiteral("call-00249"));
        const auto scrolled = [&model] {
            if (model.canFetchMore({}))
                model.fetchMore({});
            return model.rowCount();
        };
        QTRY_COMPARE_WITH_TIMEOUT(scrolled(), 250, 5000);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.row(249).callUuid, QStringLiteral("call-00000"));
        // Keyset pages neither skip nor repeat a row.
        QSet<QString> seen;
        for (int i = 0; i < model.rowCount(); ++i)
            seen.insert(model.row(i).callUuid);
        QCOMPARE(seen.size(), 250);
    }

    void filtersBySearchOutcomeAndCrmStatus()
    {
        for (int i = 0; i < 30; ++i)
            addCall(i, i % 10 == 0 ? QString() : QStringLiteral("busy"), i == 7 ? QStringLiteral("dead")
                                                                   : i == 8 ? QStringLiteral("retrying") : QStringLiteral("delivered"));
        // A call id that goes on past the prefix with a character outside the BMP.
        addCall(30, QStringLiteral("busy"), {}, QStringLiteral("call-0002\U0001F4DE"));
        QueryRunner runner(m_path);
        CallsModel model(runner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &CallsModel::loaded);

        model.setFilter({QStringLiteral("5550017"), {}, {}});
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.row(0).callUuid, QStringLiteral("call-00017"));

        model.setFilter({QStringLiteral("call-0002"), {}, {}}); // a call id by its start
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 11);

        model.setFilter({{}, QStringLiteral("incomplete"), {}});
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 3);

        model.setFilter({{}, {}, QStringLiteral("failed")});
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.row(0).crmStatus, QStringLiteral("failed"));

        model.setFilter({{}, QStringLiteral("busy"), QStringLiteral("retrying")});
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.row(0).callUuid, QStringLiteral("call-00008"));

        model.setFilter({QStringLiteral("no such number"), {}, {}});
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 0);
    }

    void refreshInsertsNewCallsAtTheTopAndUpdatesChangedOnes()
    {
        for (int i = 0; i < 5; ++i)
            addCall(i, QStringLiteral("answered"), QStringLiteral("pending"));
        QueryRunner runner(m_path);
        CallsModel model(runner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &CallsModel::loaded);
        model.setFilter({});
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 5);

        addCall(5, QStringLiteral("answered"));
        addCall(6, QStringLiteral("answered"));
        QSqlQuery(m_db).exec(QStringLiteral("UPDATE deliveries SET state = 'delivered' WHERE call_uuid = 'call-00000'"));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.row(0).callUuid, QStringLiteral("call-00006"));
        QCOMPARE(model.row(6).crmStatus, QStringLiteral("delivered"));
        QCOMPARE(model.row(5).crmStatus, QStringLiteral("pending"));
    }

    void aMissingDatabaseIsReportedNotCrashed()
    {
        QueryRunner runner(m_dir.filePath(QStringLiteral("nope/none.db")));
        CallsModel model(runner);
        QSignalSpy loaded(&model, &CallsModel::loaded);
        model.setFilter({});
        QVERIFY(loaded.wait());
        QVERIFY(!loaded.last().at(0).toString().isEmpty());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));
    }
};

QTEST_MAIN(TestCallsModel)
#include "tst_calls_model.moc"
