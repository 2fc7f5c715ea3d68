#include "core/clock.h"
#include "load_client.h"
#include "models/engine_host.h"
#include "models/failures_attempts_model.h"
#include "models/failures_model.h"
#include "models/query_runner.h"
#include "raw_http_client.h"
#include "sandbox_process.h"
#include "ui/delivery_attempts_view.h"
#include "ui/failures_page.h"

#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

namespace {

/** The app's engine on a temporary store, delivering to a sandbox CRM, with the page on top. */
struct Rig
{
    QTemporaryDir dir;
    SandboxProcess crm;
    EngineHost host{Clock::system()};
    std::unique_ptr<QueryRunner> runner;
    std::unique_ptr<FailuresPage> page;

    bool start(const QStringList &crmFlags)
    {
        if (!crm.start(crmFlags))
            return false;
        SinkConfig sink;
        sink.name = QStringLiteral("crm");
        sink.url = QUrl(crm.url());
        sink.timeoutMs = 5000;
        QString error;
        sink.retry = RetryPolicy::fromSettings({{QStringLiteral("base_delay_s"), 0.02}, {QStringLiteral("max_delay_s"), 0.3}},
                                               &error);
        EngineConfig config;
        config.listenPort = 0;
        config.adminPort = 0;
        config.databasePath = dir.filePath(QStringLiteral("app.db"));
        config.sinks = {sink};
        if (!host.start(config, &error)) {
            qWarning() << error;
            return false;
        }
        runner = std::make_unique<QueryRunner>(config.databasePath);
        page = std::make_unique<FailuresPage>(*runner, host);
        page->resize(1280, 720);
        page->show();
        return true;
    }
    int post(const QString &callUuid)
    {
        const auto r = exchange(quint16(QUrl(host.webhookUrl()).port()), unlimcallRequest(callUuid, "call.completed"));
        return r ? r->status : 0;
    }
    QPushButton *button(const char *name) const { return page->findChild<QPushButton *>(QLatin1String(name)); }
    QString status() const { return page->findChild<QLabel *>(QStringLiteral("status"))->text(); }
};

} // namespace

class TestFailuresPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void deadDeliveryRetriedFromThePageReachesTheCrm();
    void pausedSinkIsShownAndResumed();
};

void TestFailuresPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFailuresPage::deadDeliveryRetriedFromThePageReachesTheCrm()
{
    Rig rig;
    // The CRM refuses every write with a permanent 400: the delivery is dead after one attempt.
    QVERIFY(rig.start({QStringLiteral("--error-rate"), QStringLiteral("1"), QStringLiteral("--error-status"),
                       QStringLiteral("400")}));
    QCOMPARE(rig.post(QStringLiteral("gui-retry")), 200);

    FailuresModel *model = rig.page->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 20000);
    const FailureRow row = model->row(0);
    QCOMPARE(row.callUuid, QStringLiteral("gui-retry"));
    QCOMPARE(row.state, QStringLiteral("dead"));
    QCOMPARE(row.httpStatus, std::optional<int>(400));
    QCOMPARE(row.attempts, 1);
    QCOMPARE(rig.crm.report().value(QLatin1String("records")).toInt(), 0);

    QPushButton *retry = rig.button("retrySelected");
    QVERIFY(!retry->isEnabled()); // nothing selected yet
    rig.page->table()->selectRow(0);
    QVERIFY(retry->isEnabled());
    // The details pane shows why it failed.
    FailuresAttemptsModel *attempts = rig.page->findChild<DeliveryAttemptsView *>()->model();
    QTRY_COMPARE(attempts->rowCount(), 1);
    QCOMPARE(attempts->row(0).httpStatus, std::optional<int>(400));
    QVERIFY(rig.page->grab().save(QStringLiteral("/tmp/failures_page.png")));

    QVERIFY(rig.crm.configure({{QStringLiteral("error_rate"), 0}})); // someone fixed the CRM
    QTest::mouseClick(retry, Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(rig.crm.report().value(QLatin1String("records")).toInt(), 1, 20000);
    QVERIFY(rig.crm.report().value(QLatin1String("calls")).toObject().contains(QStringLiteral("gui-retry")));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, 10000);
    QCOMPARE(model->matchingCount(), 0);
    QVERIFY2(rig.status().startsWith(QLatin1String("Retried 1 ")), qPrintable(rig.status()));
    // The delivered row left the list, and the details pane with it.
    QCOMPARE(attempts->rowCount(), 0);
}

void TestFailuresPage::pausedSinkIsShownAndResumed()
{
    Rig rig;
    // The CRM wants a token we do not send: 401, the sink pauses instead of burning attempts.
    QVERIFY(rig.start({QStringLiteral("--token"), QStringLiteral("rotated")}));
    auto *banner = rig.page->findChild<QWidget *>(QStringLiteral("pausedBanner"));
    QPushButton *resume = rig.button("resumeSink");
    QVERIFY(banner->isHidden());
    QCOMPARE(rig.post(QStringLiteral("gui-paused")), 200);

    QTRY_VERIFY_WITH_TIMEOUT(!banner->isHidden(), 20000);
    QVERIFY(resume->isEnabled());
    QVERIFY(banner->findChild<QLabel *>()->text().contains(QLatin1String("crm")));
    QVERIFY(rig.page->grab().save(QStringLiteral("/tmp/failures_page_paused.png")));

    QVERIFY(rig.crm.configure({{QStringLiteral("token"), QString()}})); // credentials fixed
    QTest::mouseClick(resume, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(rig.crm.report().value(QLatin1String("records")).toInt(), 1, 20000);
    QTRY_VERIFY(banner->isHidden());
}

QTEST_MAIN(TestFailuresPage)
#include "tst_failures_page.moc"
