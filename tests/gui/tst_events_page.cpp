#include "core/clock.h"
#include "load_client.h"
#include "models/engine_host.h"
#include "models/events_model.h"
#include "models/query_runner.h"
#include "raw_http_client.h"
#include "ui/events_page.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

using Kind = EventLogRow::Kind;

namespace {
const QByteArray kToken = "s3cret-webhook-token";
}

class TestEventsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rejectedAndUnprocessableRequestsShowWhy();

private:
    int rowOf(const EventsModel &model, Kind kind) const;
    /** Selects a row and waits until its detail is on screen. */
    bool open(EventsPage &page, int row);
};

void TestEventsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

int TestEventsPage::rowOf(const EventsModel &model, Kind kind) const
{
    for (int i = 0; i < model.rowCount(); ++i) {
        if (model.row(i).kind == kind)
            return i;
    }
    return -1;
}

bool TestEventsPage::open(EventsPage &page, int row)
{
    QSignalSpy shown(&page, &EventsPage::detailShown);
    page.table()->selectRow(row);
    return shown.wait(10000);
}

void TestEventsPage::rejectedAndUnprocessableRequestsShowWhy()
{
    QTemporaryDir dir;
    EngineConfig config;
    config.listenPort = 0;
    config.adminPort = 0;
    config.databasePath = dir.filePath(QStringLiteral("events.db"));
    config.auth = {QStringLiteral("bearer"), kToken, {}};
    EngineHost host(Clock::system());
    QString error;
    QVERIFY2(host.start(config, &error), qPrintable(error));
    QueryRunner runner(config.databasePath);
    EventsPage page(runner, host);
    page.resize(1280, 760);
    page.show();

    const auto port = quint16(QUrl(host.webhookUrl()).port());
    const QByteArray good = "Bearer " + kToken;
    // A wrong token, a payload the normaliser cannot read, and one good event.
    QCOMPARE(exchange(port, unlimcallRequest(QStringLiteral("bad-auth"), "call.completed",
                                             {{"Authorization", "Bearer not-the-token"}}))->status, 401);
    QCOMPARE(exchange(port, RawHttpClient::post("/webhooks/unlimcall", "{\"event\": \"call.initiated\", oops",
                                                {{"Authorization", good}, {"Content-Type", "application/json"}}))->status,
             200);
    QCOMPARE(exchange(port, unlimcallRequest(QStringLiteral("good-call"), "call.completed", {{"Authorization", good}}))->status,
             200);

    EventsModel *model = page.model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 10000);

    const int rejected = rowOf(*model, Kind::Rejected);
    QVERIFY(rejected >= 0);
    QCOMPARE(model->data(model->index(rejected, EventsModel::Answer)).toInt(), 401);
    QVERIFY(model->data(model->index(rejected, EventsModel::Why)).toString().startsWith(QLatin1String("Wrong token (bad_token)")));
    QVERIFY(open(page, rejected));
    auto *title = page.findChild<QLabel *>(QStringLiteral("detailTitle"));
    auto *headers = page.findChild<QPlainTextEdit *>(QStringLiteral("headers"));
    auto *body = page.findChild<QPlainTextEdit *>(QStringLiteral("body"));
    QVERIFY2(title->text().contains(QLatin1String("Wrong token")), qPrintable(title->text()));
    QVERIFY(headers->toPlainText().contains(QLatin1String("authorization: [redacted]")));
    QVERIFY(!headers->toPlainText().contains(QLatin1String("not-the-token")));
    QVERIFY(body->toPlainText().contains(QLatin1String("\"call_uuid\": \"bad-auth\""))); // pretty-printed

    const int unprocessable = rowOf(*model, Kind::Unprocessable);
    QVERIFY(unprocessable >= 0);
    const QString why = model->data(model->index(unprocessable, EventsModel::Why)).toString();
    QVERIFY2(why.contains(QLatin1String("JSON")), qPrintable(why));
    QVERIFY(open(page, unprocessable));
    QCOMPARE(body->toPlainText(), QStringLiteral("{\"event\": \"call.initiated\", oops")); // not JSON: as sent
    QVERIFY(title->text().contains(why));
    // Reprocess: today's mapping still cannot read it, so it says why and changes nothing.
    auto *reprocess = page.findChild<QPushButton *>(QStringLiteral("reprocess"));
    QVERIFY(reprocess->isEnabled());
    QVERIFY(!reprocess->toolTip().isEmpty());
    QSignalSpy reprocessed(&page, &EventsPage::reprocessed);
    QTest::mouseClick(reprocess, Qt::LeftButton);
    QVERIFY(!reprocess->isEnabled()); // no second click while the first is under way
    QVERIFY(reprocessed.wait(10000));
    const auto result = reprocessed.first().at(0).value<ReprocessResult>();
    QCOMPARE(int(result.outcome), int(ReprocessResult::Outcome::StillUnprocessable));
    auto *status = page.findChild<QLabel *>(QStringLiteral("status"));
    QVERIFY2(status->text().startsWith(QLatin1String("Still unprocessable, nothing changed:")), qPrintable(status->text()));
    QVERIFY(reprocess->isEnabled());
    QCOMPARE(rowOf(*model, Kind::Unprocessable), unprocessable);
    QVERIFY(page.grab().save(QStringLiteral("/tmp/events_page.png")));

    const int accepted = rowOf(*model, Kind::Accepted);
    QVERIFY(open(page, accepted));
    QVERIFY(!reprocess->isEnabled()); // only an unprocessable event can be reprocessed
    QVERIFY(body->toPlainText().contains(QLatin1String("\n    \"call_uuid\": \"good-call\"")));
    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("copyCurl")), Qt::LeftButton);
    const QString curl = QGuiApplication::clipboard()->text();
    QCOMPARE(curl, page.curlCommand());
    QVERIFY(curl.contains(QLatin1String("curl -sS -i -X POST '") + host.webhookUrl() + QLatin1Char('\'')));
    QVERIFY(curl.contains(QLatin1String("-H 'Authorization: Bearer <WEBHOOK-TOKEN>'")));
    QVERIFY(curl.contains(QLatin1String("\"call_uuid\":\"good-call\"")));
    QVERIFY(!curl.contains(QString::fromLatin1(kToken)));
}

QTEST_MAIN(TestEventsPage)
#include "tst_events_page.moc"
