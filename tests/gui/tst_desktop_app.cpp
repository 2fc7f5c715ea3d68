// The desktop app put together, offscreen: real engine on loopback, real HTTP, real SQLite.
#include "core/clock.h"
#include "daemon_process.h"
#include "engine/engine_config.h"
#include "models/calls_model.h"
#include "models/engine_host.h"
#include "models/test_call_sender.h"
#include "raw_http_client.h"
#include "load_client.h"
#include "store/database.h"
#include "store/schema.h"
#include "store_scalar.h"
#include "ui/calls_page.h"
#include "ui/dashboard_page.h"
#include "ui/desktop_app.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QIcon>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>
#include <csignal>

using namespace ringside;
using namespace ringside::test;

class TestDesktopApp : public QObject
{
    Q_OBJECT

private:
    struct Running
    {
        QTemporaryDir dir;
        QCommandLineParser parser;
        std::unique_ptr<DesktopApp> app;
    };
    std::unique_ptr<Running> launch(const QStringList &extra = {})
    {
        auto r = std::make_unique<Running>();
        EngineCommandLine::addOptions(r->parser);
        r->parser.process(QStringList{QStringLiteral("ringside"), QStringLiteral("--db"),
                                      r->dir.filePath(QStringLiteral("ringside.db")), QStringLiteral("--listen"),
                                      QStringLiteral("127.0.0.1:0"), QStringLiteral("--admin-listen"),
                                      QStringLiteral("127.0.0.1:0"), QStringLiteral("--config"),
                                      r->dir.filePath(QStringLiteral("ringside.ini"))} + extra);
        r->app = std::make_unique<DesktopApp>(r->parser, Clock::system());
        QString error;
        if (!r->app->start(false, &error)) {
            qWarning() << "start failed:" << error;
            return nullptr;
        }
        return r;
    }

private Q_SLOTS:
    void postedEventsAppearOnTheCallsPage()
    {
        auto r = launch();
        QVERIFY(r);
        const quint16 port = r->app->host().webhookPort();
        QVERIFY(port != 0);
        QVERIFY(r->app->window().receiverText().contains(QString::number(port)));
        for (const char *event : {"call.completed", "call.initiated"}) {
            const auto response = exchange(port, unlimcallRequest(QStringLiteral("c0ffee00-0000-4000-8000-000000000001"), event));
            QVERIFY(response);
            QCOMPARE(response->status, 200);
        }
        const auto other = exchange(port, unlimcallRequest(QStringLiteral("c0ffee00-0000-4000-8000-000000000002"), "call.initiated"));
        QVERIFY(other && other->status == 200);
        CallsModel &model = r->app->callsPage().model();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 5000);
        // Newest first, merged: the out-of-order call is one row, completed.
        const int row = model.rowOf(QStringLiteral("c0ffee00-0000-4000-8000-000000000001"));
        QVERIFY(row >= 0);
        QVERIFY(model.row(row).completed);
        QCOMPARE(model.index(0, 0).data(CallsModel::CallUuidRole).toString(),
                 QStringLiteral("c0ffee00-0000-4000-8000-000000000002"));

        r->app->callsPage().search(QStringLiteral("c0ffee00-0000-4000-8000-000000000002"));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 5000);
        QCOMPARE(model.row(0).callUuid, QStringLiteral("c0ffee00-0000-4000-8000-000000000002"));
    }

    void sigtermClosesTheAppLikeItsQuit()
    {
        // The real binary, as a session manager or `kill` meets it.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString db = dir.filePath(QStringLiteral("ringside.db"));
        const quint16 port = DaemonProcess::freePort();
        const quint16 adminPort = DaemonProcess::freePort();
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("RINGSIDE_NO_FIRST_RUN"), QStringLiteral("1"));
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(QString::fromLocal8Bit(qgetenv("RINGSIDE_BUILD_DIR")) + QStringLiteral("/app/main/ringside"),
                  {QStringLiteral("--db"), db, QStringLiteral("--config"), dir.filePath(QStringLiteral("ringside.ini")),
                   QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--admin-listen"),
                   QStringLiteral("127.0.0.1:%1").arg(adminPort)});
        QVERIFY(app.waitForStarted(10000));
        const auto healthy = [adminPort] {
            const auto r = exchange(adminPort, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 500);
            return r && r->status == 200;
        };
        QTRY_VERIFY_WITH_TIMEOUT(healthy() || app.state() == QProcess::NotRunning, 20000);
        QVERIFY2(app.state() == QProcess::Running, app.readAll().constData());
        const auto posted = exchange(port, unlimcallRequest(QStringLiteral("c0ffee00-0000-4000-8000-0000000000aa"),
                                                            "call.completed"));
        QVERIFY(posted && posted->status == 200);

        ::kill(pid_t(app.processId()), SIGTERM);
        QVERIFY(app.waitForFinished(20000));
        QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0, app.readAll().constData());
        // Only a graceful stop writes the minute's counters (the next rollup was up to a minute away).
        QCOMPARE(storeScalar(db, QStringLiteral("SELECT coalesce(sum(value), 0) FROM metric_minutes WHERE series = 'received'")), 1);
    }

    void theWindowCarriesRingsidesIcon()
    {
        auto r = launch();
        QVERIFY(r);
        const QIcon icon = QApplication::windowIcon();
        QVERIFY(icon.availableSizes().contains(QSize(32, 32)));
        // The picture, not a placeholder: blue corner area, the white hub in the middle, the green dot.
        const QImage image = icon.pixmap(64, 64).toImage();
        QCOMPARE(image.size(), QSize(64, 64));
        QCOMPARE(image.pixelColor(10, 54), QColor(0x15, 0x65, 0xc0));
        QCOMPARE(image.pixelColor(32, 32), QColor(Qt::white));
        QCOMPARE(image.pixelColor(47, 17), QColor(0x66, 0xbb, 0x6a));
        QCOMPARE(image.pixelColor(0, 0).alpha(), 0); // rounded corner
        QCOMPARE(r->app->window().windowIcon().cacheKey(), icon.cacheKey());
    }

    void testCallsGoThroughTheRealReceiver()
    {
        auto r = launch();
        QVERIFY(r);
        QSignalSpy finished(&r->app->testCallSender(), &TestCallSender::finished);
        r->app->sendTestCalls(10);
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().at(1).toInt(), 0); // none refused
        QVERIFY(finished.first().at(0).toInt() >= 10 * 2);
        QTRY_COMPARE_WITH_TIMEOUT(r->app->callsPage().model().rowCount(), 10, 5000);
        const LiveStats s = r->app->host().stats();
        QVERIFY(s.pipeline.deduped > 0 || s.pipeline.accepted >= 20);
        QVERIFY(s.pipeline.conserved());
    }

    void testCallsAreSignedWhenTheReceiverWantsSignatures()
    {
        // With Standard Webhooks auth, unsigned requests get 401: the sender must sign them.
        auto r = launch({QStringLiteral("--webhook-secret"), QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")});
        QVERIFY(r);
        QSignalSpy finished(&r->app->testCallSender(), &TestCallSender::finished);
        r->app->sendTestCalls(3);
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().at(1).toInt(), 0);
        QCOMPARE(r->app->host().stats().pipeline.rejectedTotal(), 0u);
    }

    // A desktop user never sees stderr: a warning about the setup must be on the dashboard.
    void setupWarningsAreDashboardAlerts()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("ringside.ini"));
        {
            QFile f(ini);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[auth]\ntoken=s3cret-token-for-the-test\n");
        }
        QVERIFY(QFile::setPermissions(ini, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        QCommandLineParser parser;
        EngineCommandLine::addOptions(parser);
        parser.process(QStringList{QStringLiteral("ringside"), QStringLiteral("--db"), dir.filePath(QStringLiteral("r.db")),
                                   QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                   QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:0"),
                                   QStringLiteral("--config"), ini});
        DesktopApp app(parser, Clock::system());
        QString error;
        QVERIFY2(app.start(false, &error), qPrintable(error));
        const auto hasSetupAlert = [&app] {
            const QList<Alert> alerts = app.dashboardPage().alerts();
            return std::any_of(alerts.cbegin(), alerts.cend(), [](const Alert &a) {
                return a.key.startsWith(QLatin1String("setup:")) && a.text.contains(QLatin1String("other users can read it"));
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(hasSetupAlert(), 5000);

        // Fixed and restarted (Settings applies by restarting the engine): the alert goes away.
        QVERIFY(QFile::setPermissions(ini, QFile::ReadOwner | QFile::WriteOwner));
        EngineConfig config;
        QVERIFY2(EngineCommandLine::load(parser, &config, &error, ini), qPrintable(error));
        QVERIFY(config.warnings.isEmpty());
        QVERIFY2(app.host().start(config, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(!hasSetupAlert(), 5000);
    }

    // An update's schema upgrade can take seconds on a big store: it runs on a worker thread while
    // the GUI thread goes on with its events (a timer due before start() fires during it).
    void anUpgradeLeavesTheGuiThreadFree()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.db"));
        {
            QString error;
            QSqlDatabase db = Database::open(path, Database::Mode::ReadWrite, &error);
            QVERIFY2(db.isValid(), qPrintable(error));
            QVERIFY2(Schema::migrateTo(db, Schema::currentVersion() - 1, &error), qPrintable(error));
            Database::close(db);
        }
        QVERIFY(Schema::isOlder(path));
        QCommandLineParser parser;
        EngineCommandLine::addOptions(parser);
        parser.process(QStringList{QStringLiteral("ringside"), QStringLiteral("--db"), path, QStringLiteral("--listen"),
                                   QStringLiteral("127.0.0.1:0"), QStringLiteral("--admin-listen"),
                                   QStringLiteral("127.0.0.1:0"), QStringLiteral("--config"),
                                   dir.filePath(QStringLiteral("ringside.ini"))});
        bool timerFired = false;
        QTimer::singleShot(0, this, [&timerFired] { timerFired = true; });
        DesktopApp app(parser, Clock::system());
        QString error;
        QVERIFY2(app.start(false, &error), qPrintable(error));
        QVERIFY(timerFired);
        QVERIFY(!Schema::isOlder(path));
        QCOMPARE(storeScalar(path, QStringLiteral("PRAGMA user_version")), Schema::currentVersion());

        // An everyday start (store current) does not run an event loop inside start().
        app.host().stop();
        timerFired = false;
        QTimer::singleShot(0, this, [&timerFired] { timerFired = true; });
        DesktopApp again(parser, Clock::system());
        QVERIFY2(again.start(false, &error), qPrintable(error));
        QVERIFY(!timerFired);
    }

    void aBusyPortIsAClearError()
    {
        auto first = launch();
        QVERIFY(first);
        const QString taken = QStringLiteral("127.0.0.1:%1").arg(first->app->host().webhookPort());
        QTemporaryDir dir;
        QCommandLineParser parser;
        EngineCommandLine::addOptions(parser);
        parser.process(QStringList{QStringLiteral("ringside"), QStringLiteral("--db"), dir.filePath(QStringLiteral("x.db")),
                                   QStringLiteral("--listen"), taken, QStringLiteral("--config"),
                                   dir.filePath(QStringLiteral("x.ini"))});
        DesktopApp second(parser, Clock::system());
        QString error;
        QVERIFY(!second.start(false, &error));
        QVERIFY2(error.contains(taken), qPrintable(error));
    }
};

QTEST_MAIN(TestDesktopApp)
#include "tst_desktop_app.moc"
