// ringsided: the Ringside engine without a GUI, for servers, CI and benchmarks.
#include "core/clock.h"
#include "engine/check_config_command.h"
#include "engine/delivery_commands.h"
#include "engine/engine.h"
#include "engine/export_command.h"
#include "engine/systemd_notify.h"
#include "engine/unix_signals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <cstdio>

using namespace ringside;

int main(int argc, char *argv[])
{
    // Debug output only on request (QT_LOGGING_RULES="ringside.*.debug=true"); stderr stays for real problems.
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));
    // One shape for every stderr line, the engine's log lines as much as our own messages:
    // "ringsided: warning: ringside.engine: ...". QT_MESSAGE_PATTERN, if set, still wins.
    qSetMessagePattern(QStringLiteral("ringsided: %{if-warning}warning: %{endif}%{if-critical}error: %{endif}"
                                      "%{if-fatal}fatal: %{endif}%{if-category}%{category}: %{endif}%{message}"));
    // Qt's own Unix event dispatcher has less overhead per socket event than the glib one.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ringside"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RINGSIDE_VERSION));

    const QStringList args = app.arguments();
    if (args.value(1) == QLatin1String("export"))
        return runExportCommand(args.mid(1));
    if (args.value(1) == QLatin1String("deliveries"))
        return runDeliveriesCommand(args.mid(1));
    if (args.value(1) == QLatin1String("retry"))
        return runRetryCommand(args.mid(1));
    if (args.value(1) == QLatin1String("check-config"))
        return runCheckConfigCommand(args.mid(1));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Receives call-event webhooks, stores each durably before answering 200, and merges them per call.\n"
        "Subcommands: check-config, export, deliveries, retry (ringsided SUBCOMMAND --help)."));
    parser.addHelpOption();
    parser.addVersionOption();
    EngineCommandLine::addOptions(parser);
    parser.process(app);

    EngineConfig config;
    QString error;
    if (!EngineCommandLine::load(parser, &config, &error)) {
        std::fprintf(stderr, "ringsided: error: %s\n", qPrintable(error));
        return 2;
    }
    for (const QString &warning : std::as_const(config.warnings))
        std::fprintf(stderr, "ringsided: warning: %s\n", qPrintable(warning));
    // Before the engine starts: from the moment it listens, a SIGTERM must mean a graceful stop,
    // and a flood of connections could take every descriptor the signal pipe needs.
    UnixSignals unixSignals;
    Engine engine(config, Clock::system());
    if (!engine.start(&error)) {
        std::fprintf(stderr, "ringsided: error: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("ringsided: listening: %s\n", qPrintable(engine.describe()));
    std::fflush(stdout);
    // Under systemd's Type=notify the start job ends here; outside systemd this does nothing.
    if (!SystemdNotify::send(SystemdNotify::ready(QStringLiteral("listening: ") + engine.describe()), &error))
        std::fprintf(stderr, "ringsided: warning: %s\n", qPrintable(error));

    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &app, [&engine, &app](int) {
        QString notifyError;
        if (!SystemdNotify::send(SystemdNotify::stopping(), &notifyError))
            std::fprintf(stderr, "ringsided: warning: %s\n", qPrintable(notifyError));
        engine.stop();
        app.quit();
    });
    return app.exec();
}
