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
#include <utility>

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
    // A store this binary must not touch is a configuration error like the rest (exit 2: systemd does
    // not restart it), where the engine's own refusal would be exit 1 and a restart every 2 s.
    QString storeDescription = config.databasePath;
    if (inspectStoreFile(config.databasePath, &storeDescription, &error) == StoreFileCheck::Refused) {
        std::fprintf(stderr, "ringsided: error: %s\n", qPrintable(error));
        return 2;
    }
    // Before the engine starts: from the moment it listens, a SIGTERM must mean a graceful stop,
    // and a flood of connections could take every descriptor the signal pipe needs.
    UnixSignals unixSignals;
    // systemd (Type=notify) hears how the start goes; outside systemd this does nothing. A socket
    // that cannot be reached is said once, and never stops the service.
    bool notifyFailed = false;
    const auto notifySystemd = [&notifyFailed](const QByteArray &state) {
        QString why;
        if (!SystemdNotify::send(state, &why) && !std::exchange(notifyFailed, true))
            std::fprintf(stderr, "ringsided: warning: %s\n", qPrintable(why));
    };
    // What `systemctl status` shows until READY: opening the store can take long after an upgrade.
    notifySystemd(SystemdNotify::status(QStringLiteral("starting: opening the store (migrating its schema if "
                                                       "needed): ") + storeDescription));
    Engine engine(config, Clock::system());
    if (!engine.start(&error)) {
        std::fprintf(stderr, "ringsided: error: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("ringsided: listening: %s\n", qPrintable(engine.describe()));
    std::fflush(stdout);
    notifySystemd(SystemdNotify::ready(QStringLiteral("listening: ") + engine.describe()));   // the start job ends here

    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &app, [&engine, &app, &notifySystemd](int) {
        notifySystemd(SystemdNotify::stopping());
        engine.stop();
        app.quit();
    });
    return app.exec();
}
