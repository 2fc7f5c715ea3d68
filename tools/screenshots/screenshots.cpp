// Takes one screenshot per page of the real desktop app after pushing simulated calls through it.
//   ringside-screenshots OUTDIR      (RINGSIDE_BUILD_DIR must point at the build with ringside-sim)
#include "core/clock.h"
#include "engine/engine_config.h"
#include "models/engine_host.h"
#include "models/test_call_sender.h"
#include "sandbox_process.h"
#include "ui/calls_page.h"
#include "ui/desktop_app.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace ringside;

namespace {

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

int fail(const char *what)
{
    std::fprintf(stderr, "ringside-screenshots: %s\n", what);
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2)
        return fail("usage: ringside-screenshots OUTDIR");
    const QDir out(QString::fromLocal8Bit(argv[1]));
    QDir().mkpath(out.path());
    QTemporaryDir dir;

    // A CRM that refuses a few records for good (400: dead letters for the Failures page) and
    // answers the rest after a realistic delay.
    test::SandboxProcess crm;
    if (!crm.start({QStringLiteral("--error-rate"), QStringLiteral("0.05"), QStringLiteral("--error-status"),
                    QStringLiteral("400"), QStringLiteral("--seed"), QStringLiteral("4"), QStringLiteral("--latency-ms"),
                    QStringLiteral("20"), QStringLiteral("--latency-jitter-ms"), QStringLiteral("40")}))
        return fail("the sandbox CRM did not start (is RINGSIDE_BUILD_DIR set?)");
    const QString ini = dir.filePath(QStringLiteral("ringside.ini"));
    {
        QSettings s(ini, QSettings::IniFormat);
        s.setValue(QStringLiteral("sink.crm/type"), QStringLiteral("webhook"));
        s.setValue(QStringLiteral("sink.crm/url"), crm.url());
    }
    QCommandLineParser parser;
    EngineCommandLine::addOptions(parser);
    parser.process(QStringList{QStringLiteral("ringside"), QStringLiteral("--db"), dir.filePath(QStringLiteral("ringside.db")),
                               QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--admin-listen"),
                               QStringLiteral("127.0.0.1:0"), QStringLiteral("--config"), ini});
    DesktopApp desktop(parser, Clock::system());
    QString error;
    if (!desktop.start(false, &error))
        return fail(qPrintable(error));
    desktop.window().resize(1280, 800);

    // Two waves a little apart, so the rate and latency charts have a shape.
    for (int wave = 0; wave < 2; ++wave) {
        QEventLoop loop;
        QObject::connect(&desktop.testCallSender(), &TestCallSender::finished, &loop, &QEventLoop::quit);
        desktop.sendTestCalls(wave == 0 ? 120 : 60);
        loop.exec();
        settle(3000);
    }
    for (int i = 0; i < 100; ++i) { // the CRM drains (dead letters stay)
        const LiveStats s = desktop.host().stats();
        if (s.backlog.value(QStringLiteral("pending")) + s.backlog.value(QStringLiteral("retrying")) == 0)
            break;
        settle(200);
    }

    MainWindow &window = desktop.window();
    for (int i = 0; i < window.pageCount(); ++i) {
        window.showPage(window.page(i));
        // Select the first row so a page's detail pane (the call timeline, a delivery's attempts) shows.
        if (auto *table = window.page(i)->findChild<QTableView *>()) {
            settle(800);
            if (table->model() && table->model()->rowCount() > 0)
                table->selectRow(0);
        }
        settle(1500);
        const QString name = QStringLiteral("%1-%2.png").arg(i + 1).arg(window.pageTitle(i).toLower().replace(QLatin1Char(' '), QLatin1Char('-')));
        if (!window.grab().save(out.filePath(name)))
            return fail("could not save a screenshot");
        std::printf("%s\n", qPrintable(out.filePath(name)));
    }
    return 0;
}
