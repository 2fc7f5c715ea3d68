#pragma once

#include "auth/auth_factory.h"
#include "delivery/sink_config.h"
#include "ingest/http_limits.h"
#include "store/incoming_event.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QString>

namespace ringside {

/** Everything the engine needs to run, from the INI config file overridden by command-line flags. */
struct EngineConfig
{
    QHostAddress listenAddress{QHostAddress::LocalHost};
    quint16 listenPort = 8080;
    QHostAddress adminAddress{QHostAddress::LocalHost};
    int adminPort = -1; // -1: listenPort + 1; 0: any free port
    QString databasePath;
    AuthSpec auth{QStringLiteral("none"), {}, {}};
    bool insecureNoAuth = false;
    HttpLimits limits;
    qint64 incompleteAfterMs = 4 * 3600 * 1000;
    qint64 maxDatabaseBytes = 0; // 0: no cap
    int maxBatch = 1024;         // events per transaction; 1 turns group commit off (for benchmarks)
    int rollupIntervalMs = 60'000;
    /** Finished calls, their events and deliveries are deleted this long after their last event;
     *  0 keeps everything. See Retention for what "finished" means. */
    int retentionDays = 0;
    int retentionIntervalMs = 3600'000; // how often the purge looks for expired data
    QList<SinkConfig> sinks;
    /** Worth telling whoever starts the engine, but no reason to refuse the start (one line each). */
    QStringList warnings;

    /** The refusals that must stop a start: e.g. a public address without authentication. */
    bool validate(QString *error) const;
    quint16 effectiveAdminPort() const;

    /** The default database file under the user's data directory. */
    static QString defaultDatabasePath();
    /** "http://127.0.0.1:8080", "http://[::1]:8080": how a listener is shown to people. */
    static QString endpointUrl(const QHostAddress &address, quint16 port);
};

/** Declares and reads the flags ringsided and ringside share. */
class EngineCommandLine
{
public:
    /** Adds --listen, --admin-listen, --db, --config, --webhook-secret, --webhook-token, --insecure-no-auth,
     *  --sink-url, --sink-secret, --sink-events. */
    static void addOptions(QCommandLineParser &parser);
    /** Reads --config (if given; else defaultConfigFile if that exists) then applies the flags on top;
     *  false with a one-line *error. */
    static bool load(const QCommandLineParser &parser, EngineConfig *config, QString *error,
                     const QString &defaultConfigFile = {});
    /** Reads an INI file into config (only the keys it has). */
    static bool loadFile(const QString &path, EngineConfig *config, QString *error);
    /** "ADDR:PORT", "[v6]:PORT" or ":PORT" -> address and port. */
    static bool parseAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error);
};

} // namespace ringside
