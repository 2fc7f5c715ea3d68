// ringside-sim: the sandbox CRM (failure injection, a report for tests) for demos, tests and load.
#include "core/clock.h"
#include "engine/engine_config.h"
#include "engine/unix_signals.h"
#include "ingest/http_server.h"
#include "sim/failure_plan.h"
#include "sim/sandbox_crm.h"
#include "sim/traffic_sender.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>
#include <cstdio>

using namespace ringside;

namespace {

constexpr const char *kUsage =
    "usage: ringside-sim crm --listen ADDRESS:PORT [failure flags]\n"
    "       ringside-sim send --url URL --calls N [--rate CPS] [traffic flags]\n"
    "       ringside-sim crm|send --help\n";

// A shutdown waits for delayed (latency) answers and for clients to close; this bounds the wait.
constexpr int kShutdownGraceMs = 5000;

int runCrm(QCoreApplication &app, QStringList args)
{
    args.removeAt(1); // "crm"
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sandbox CRM: a generic webhook sink (POST any path) and HubSpot's Calls API (/crm/v3/objects/calls),\n"
        "with seeded failure injection. GET /_sandbox/report, GET|POST /_sandbox/config, POST /_sandbox/reset,\n"
        "POST /_sandbox/release never fail."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("listen"), QStringLiteral("Address to listen on (default 127.0.0.1:8089; port 0: any)."),
                      QStringLiteral("ADDRESS:PORT"), QStringLiteral("127.0.0.1:8089")});
    parser.addOption({QStringLiteral("max-body-bytes"), QStringLiteral("Largest request body (default 1 MiB)."),
                      QStringLiteral("BYTES")});
    FailurePlan::addOptions(parser);
    parser.process(args);

    QString error;
    QHostAddress address;
    quint16 port = 0;
    FailurePlan plan;
    if (!EngineCommandLine::parseAddress(parser.value(QStringLiteral("listen")), &address, &port, &error)
        || !FailurePlan::fromParser(parser, &plan, &error)) {
        std::fprintf(stderr, "ringside-sim: %s\n", qPrintable(error));
        return 2;
    }
    HttpLimits limits;
    if (parser.isSet(QStringLiteral("max-body-bytes"))) {
        bool ok = false;
        limits.maxBodyBytes = parser.value(QStringLiteral("max-body-bytes")).toLongLong(&ok);
        if (!ok || limits.maxBodyBytes <= 0) {
            std::fprintf(stderr, "ringside-sim: --max-body-bytes must be a positive integer\n");
            return 2;
        }
    }

    UnixSignals unixSignals; // before the line that says we listen: from then on SIGTERM drains
    SandboxCrm crm(plan, Clock::system());
    HttpServer server(&crm, limits);
    if (!server.listen(address, port)) {
        std::fprintf(stderr, "ringside-sim: cannot listen on %s: %s\n",
                     qPrintable(parser.value(QStringLiteral("listen"))), qPrintable(server.errorString()));
        return 1;
    }
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(address.toString())
        : address.toString();
    std::printf("ringside-sim: sandbox CRM listening on http://%s:%u (seed %llu)\n", qPrintable(host),
                unsigned(server.serverPort()), static_cast<unsigned long long>(plan.seed));
    std::fflush(stdout);

    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &app, [&crm, &server, &app](int) {
        // Hanging requests would hold the drain forever: answer them first.
        crm.releaseHanging();
        QObject::connect(&server, &HttpServer::drained, &app, &QCoreApplication::quit);
        server.shutdown();
        QTimer::singleShot(kShutdownGraceMs, &app, &QCoreApplication::quit);
    });
    return app.exec();
}

int runSend(QCoreApplication &app, QStringList args)
{
    args.removeAt(1); // "send"
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Traffic simulator: sends realistic UnlimCall call events (initiated, answered, completed) to a webhook\n"
        "URL like a provider does, with duplicates, reordering, drops and the provider's retry schedule, and\n"
        "reports sent, acknowledged, retried, given up and the ack latency. Exit status 1 if anything was given up."));
    parser.addHelpOption();
    TrafficProfile::addOptions(parser);
    parser.process(args);
    TrafficProfile profile;
    QString error;
    if (!TrafficProfile::fromParser(parser, &profile, &error)) {
        std::fprintf(stderr, "ringside-sim: %s\n", qPrintable(error));
        return 2;
    }
    TrafficSender sender(profile);
    QObject::connect(&sender, &TrafficSender::finished, &app, &QCoreApplication::quit);
    UnixSignals unixSignals;
    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &app, [&app](int) { app.exit(130); });
    if (!sender.start(&error)) {
        std::fprintf(stderr, "ringside-sim: --ack-log: %s\n", qPrintable(error));
        return 2;
    }
    const int rc = app.exec();
    const TrafficReport &r = sender.report();
    if (parser.isSet(QStringLiteral("json")))
        std::printf("%s\n", QJsonDocument(r.json()).toJson(QJsonDocument::Compact).constData());
    else
        std::fputs(qPrintable(r.text()), stdout);
    if (rc != 0)
        return rc;
    return r.gaveUp > 0 ? 1 : 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // Debug output only on request (QT_LOGGING_RULES="ringside.*.debug=true"); stderr stays for real problems.
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ringside-sim"));

    const QStringList args = app.arguments();
    const QString command = args.value(1);
    if (command == QLatin1String("crm"))
        return runCrm(app, args);
    if (command == QLatin1String("send"))
        return runSend(app, args);
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    std::fputs(kUsage, stderr);
    return 2;
}
