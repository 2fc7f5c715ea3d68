// ringside-gui-bench: the desktop app's benchmark (bench/gui_bench.sh drives it).
//   generate --db PATH --events N   a realistic store of N events (a new file)
//   check --db PATH --events N      exit 0 if PATH is such a store, made by this generator
//   measure --db PATH [...]         the app in this process: launch, searches, memory, GUI stalls
#include "bench_store_generator.h"
#include "gui_measurement.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTextStream>
#include <cstdio>
#include <optional>

using namespace ringside;

namespace {

QString fingerprintFile(const QString &db)
{
    return db + QStringLiteral(".generated");
}

bool parseCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &command,
                  const QList<QCommandLineOption> &options)
{
    parser.setApplicationDescription(QStringLiteral("ringside-gui-bench ") + command);
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("command"), command);
    parser.addOptions(options);
    parser.process(arguments);
    if (parser.value(QStringLiteral("db")).isEmpty()) {
        std::fprintf(stderr, "ringside-gui-bench %s: --db is required\n", qPrintable(command));
        return false;
    }
    return true;
}

/** --db and --events of generate and check; nullopt after printing what is wrong. */
struct StoreArgs
{
    QString db;
    qint64 events = 0;
};
std::optional<StoreArgs> storeArgs(const QCoreApplication &app, const QString &command, const QString &dbHelp,
                                   const QString &eventsHelp)
{
    QCommandLineParser parser;
    if (!parseCommand(parser, app.arguments(), command,
                      {{QStringLiteral("db"), dbHelp, QStringLiteral("path")},
                       {QStringLiteral("events"), eventsHelp, QStringLiteral("n"), QStringLiteral("1000000")}}))
        return std::nullopt;
    bool ok = false;
    const qint64 events = parser.value(QStringLiteral("events")).toLongLong(&ok);
    if (!ok || events <= 0) {
        std::fprintf(stderr, "ringside-gui-bench %s: --events must be a positive whole number\n", qPrintable(command));
        return std::nullopt;
    }
    return StoreArgs{parser.value(QStringLiteral("db")), events};
}

int generate(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto args = storeArgs(app, QStringLiteral("generate"), QStringLiteral("The new database file."),
                                QStringLiteral("Events to store."));
    if (!args)
        return 2;
    const auto &[db, events] = *args;
    QElapsedTimer t;
    t.start();
    BenchStoreGenerator generator(db, events, QDateTime::currentMSecsSinceEpoch());
    QString error;
    const bool ok = generator.run(&error, [](const QString &line) {
        std::fprintf(stderr, "generate: %s\n", qPrintable(line));
    });
    if (!ok) {
        std::fprintf(stderr, "ringside-gui-bench generate: %s\n", qPrintable(error));
        return 1;
    }
    QFile marker(fingerprintFile(db));
    if (!marker.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || marker.write(BenchStoreGenerator::fingerprint(events).toUtf8() + '\n') < 0) {
        std::fprintf(stderr, "ringside-gui-bench generate: cannot write %s\n", qPrintable(marker.fileName()));
        return 1;
    }
    const BenchStoreGenerator::Counts &c = generator.counts();
    QTextStream out(stdout);
    out << "generate_seconds=" << QString::number(double(t.elapsed()) / 1000.0, 'f', 1) << '\n'
        << "events=" << c.events << "\nunprocessable=" << c.unprocessable << "\ncalls=" << c.calls
        << "\nreceipts=" << c.receipts << "\ndeliveries=" << c.deliveries << "\nattempts=" << c.attempts
        << "\nmetric_rows=" << c.metricRows << "\nrejected=" << c.rejected
        << "\ndb_bytes=" << QFileInfo(db).size() << Qt::endl;
    return 0;
}

int check(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto args = storeArgs(app, QStringLiteral("check"), QStringLiteral("The database file."),
                                QStringLiteral("Events it must hold."));
    if (!args)
        return 2;
    const auto &[db, events] = *args;
    QFile marker(fingerprintFile(db));
    if (!QFileInfo::exists(db) || !marker.open(QIODevice::ReadOnly)
        || QString::fromUtf8(marker.readAll()).trimmed() != BenchStoreGenerator::fingerprint(events)) {
        std::fprintf(stderr, "%s: not made by this generator for %lld events\n", qPrintable(db), events);
        return 1;
    }
    QString error;
    const qint64 n = BenchStoreGenerator::countEvents(db, &error);
    if (n != events) {
        std::fprintf(stderr, "%s: %lld events, not %lld %s\n", qPrintable(db), n, events, qPrintable(error));
        return 1;
    }
    return 0;
}

int measure(int argc, char **argv, qint64 mainNs)
{
    // As ringside's main(): the same logging rules and application names before anything else.
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ringside"));
    QApplication::setOrganizationName(QStringLiteral("ringside"));
    QApplication::setApplicationVersion(QStringLiteral(RINGSIDE_VERSION));
    GuiMeasurement::Options o;
    o.appNs = GuiMeasurement::realtimeNs();
    o.mainNs = mainNs;

    QCommandLineParser parser;
    const QString defaultScript = QStringLiteral(RINGSIDE_SOURCE_DIR "/bench/wrk/paced_event.lua");
    if (!parseCommand(parser, app.arguments(), QStringLiteral("measure"),
                      {{QStringLiteral("db"), QStringLiteral("The store to open."), QStringLiteral("path")},
                       {QStringLiteral("no-ingest"), QStringLiteral("Skip the stall run (it writes to the store).")},
                       {QStringLiteral("rate"), QStringLiteral("Events/s of the stall run."), QStringLiteral("n"),
                        QString::number(o.rate)},
                       {QStringLiteral("seconds"), QStringLiteral("Length of the stall run."), QStringLiteral("s"),
                        QString::number(o.seconds)},
                       {QStringLiteral("threads"), QStringLiteral("wrk threads."), QStringLiteral("n"),
                        QString::number(o.threads)},
                       {QStringLiteral("connections"), QStringLiteral("wrk connections."), QStringLiteral("n"),
                        QString::number(o.connections)},
                       {QStringLiteral("search-rounds"), QStringLiteral("Times each search runs."),
                        QStringLiteral("n"), QString::number(o.searchRounds)},
                       {QStringLiteral("idle-seconds"), QStringLiteral("Watchdog on the idle app first."),
                        QStringLiteral("s"), QString::number(o.idleSeconds)},
                       {QStringLiteral("wrk"), QStringLiteral("The wrk binary."), QStringLiteral("path"), o.wrk},
                       {QStringLiteral("wrk-script"), QStringLiteral("The pacing script."), QStringLiteral("path"),
                        defaultScript}}))
        return 2;
    o.database = parser.value(QStringLiteral("db"));
    o.ingest = !parser.isSet(QStringLiteral("no-ingest"));
    const std::pair<int *, const char *> numbers[] = {
        {&o.rate, "rate"}, {&o.seconds, "seconds"}, {&o.threads, "threads"}, {&o.connections, "connections"},
        {&o.searchRounds, "search-rounds"}, {&o.idleSeconds, "idle-seconds"}};
    for (const auto &[into, name] : numbers) {
        bool ok = false;
        *into = parser.value(QLatin1String(name)).toInt(&ok);
        if (!ok || *into < (qstrcmp(name, "idle-seconds") == 0 ? 0 : 1)) {
            std::fprintf(stderr, "ringside-gui-bench measure: --%s must be a positive whole number\n", name);
            return 2;
        }
    }
    o.wrk = parser.value(QStringLiteral("wrk"));
    o.wrkScript = parser.value(QStringLiteral("wrk-script"));
    if (!QFileInfo::exists(o.database)) {
        std::fprintf(stderr, "ringside-gui-bench measure: no database at %s\n", qPrintable(o.database));
        return 2;
    }
    bool fromScript = false;
    o.execNs = qEnvironmentVariable("RINGSIDE_BENCH_EXEC_NS").toLongLong(&fromScript);
    if (!fromScript || o.execNs <= 0 || o.execNs > mainNs)
        o.execNs = mainNs;

    QTextStream out(stdout);
    out << "launch_from=" << (o.execNs == mainNs ? "main" : "exec") << Qt::endl;
    GuiMeasurement measurement(o, out);
    return measurement.run();
}

} // namespace

int main(int argc, char **argv)
{
    const qint64 mainNs = GuiMeasurement::realtimeNs();
    const QByteArray command = argc > 1 ? QByteArray(argv[1]) : QByteArray();
    if (command == "generate")
        return generate(argc, argv);
    if (command == "check")
        return check(argc, argv);
    if (command == "measure")
        return measure(argc, argv, mainNs);
    std::fprintf(stderr, "usage: ringside-gui-bench generate|check|measure --db PATH [options]; --help after a "
                         "command lists its options\n");
    return 2;
}
