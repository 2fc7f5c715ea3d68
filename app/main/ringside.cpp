// ringside: the desktop app. The engine runs in background threads; the window shows it live.
#include "core/clock.h"
#include "engine/engine_config.h"
#include "engine/unix_signals.h"
#include "ui/desktop_app.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <cstdio>

using namespace ringside;

int main(int argc, char *argv[])
{
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ringside"));
    QApplication::setApplicationVersion(QStringLiteral(RINGSIDE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("ringside")); // ties the window to ringside.desktop

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Ringside desktop: receives call-event webhooks, stores them durably, delivers call records to your CRM "
        "and shows it all live."));
    parser.addHelpOption();
    parser.addVersionOption();
    EngineCommandLine::addOptions(parser);
    parser.process(app);

    // SIGTERM (logout, systemctl --user stop, kill) and Ctrl+C close the app as its Quit does: the
    // engine answers what is in flight and writes its last metric rollup before the process ends.
    UnixSignals unixSignals;
    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &app, &QCoreApplication::quit);
    DesktopApp desktop(parser, Clock::system());
    QString error;
    if (!desktop.start(!qEnvironmentVariableIsSet("RINGSIDE_NO_FIRST_RUN"), &error)) {
        std::fprintf(stderr, "ringside: %s\n", qPrintable(error));
        return 1;
    }
    return app.exec();
}
