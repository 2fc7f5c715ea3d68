#include "engine/check_config_command.h"

#include "engine/engine_config.h"
#include "providers/canonical_event.h"
#include "store/database.h"
#include "store/schema.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

namespace ringside {

namespace {

QString authText(const EngineConfig &config)
{
    const QString scheme = config.auth.scheme.trimmed().toLower();   // as createAuthenticator() reads it
    if (scheme == QLatin1String("standard-webhooks"))
        return QStringLiteral("standard-webhooks, signing secrets: %1").arg(config.auth.secrets.size());
    if (scheme == QLatin1String("bearer"))
        return QStringLiteral("bearer token");
    if (!config.listenAddress.isLoopback())
        return QStringLiteral("none, --insecure-no-auth: anyone who reaches the port can post events");
    return QStringLiteral("none (loopback only)");
}

/** Scheme, host and port only: a webhook URL's user info, query and even its path (Slack, Discord
 *  and most automation tools put the token there) may be the credential. */
QString urlWithoutSecrets(const QUrl &url)
{
    QString text = url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery
                                       | QUrl::RemoveFragment);
    if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
        text += QLatin1String("/...");
    return text;
}

QString sinkText(const SinkConfig &sink)
{
    QStringList events;
    for (EventType type : sink.events)
        events << eventTypeName(type);
    return QStringLiteral("%1: %2 %3 (%4)")
        .arg(sink.name, sink.type == SinkConfig::Type::HubSpot ? QStringLiteral("hubspot") : QStringLiteral("webhook"),
             urlWithoutSecrets(sink.url), events.join(QLatin1String(", ")));
}

} // namespace

StoreFileCheck inspectStoreFile(const QString &path, QString *description, QString *problem)
{
    struct stat status{};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0) {
        if (errno == ENOENT) {
            *description = QStringLiteral("%1 (new: created at start)").arg(path);
            return StoreFileCheck::Usable;
        }
        // EACCES above all: /var/lib/private is root's alone. Not "new": a real store may be there.
        *problem = QStringLiteral("cannot look at %1: %2 (run as root or as the service's user)")
                       .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return StoreFileCheck::Unknown;
    }
    QSqlDatabase db = Database::open(path, Database::Mode::ReadOnly, problem);
    if (!db.isValid())
        return StoreFileCheck::Unknown;
    QSqlQuery query(db);
    const bool read = query.exec(QStringLiteral("PRAGMA user_version")) && query.next();
    const int version = read ? query.value(0).toInt() : -1;
    const QSqlError queryError = query.lastError();
    query = QSqlQuery();
    Database::close(db);
    if (!read) {
        // SQLITE_NOTADB (26): not a database at all, so no restart will help. Anything else (a lock held
        // too long, an I/O error, a journal a read-only connection cannot roll back): let the start try.
        *problem = QStringLiteral("%1: %2").arg(path, queryError.text());
        return queryError.nativeErrorCode() == QLatin1String("26") ? StoreFileCheck::Refused : StoreFileCheck::Unknown;
    }
    if (version > Schema::currentVersion()) {
        *problem = QStringLiteral("%1: database schema version %2 is newer than this Ringside understands (%3); "
                                  "use a newer Ringside").arg(path).arg(version).arg(Schema::currentVersion());
        return StoreFileCheck::Refused;
    }
    *description = version < Schema::currentVersion()
                       ? QStringLiteral("%1 (schema %2: migrated to %3 at start)").arg(path).arg(version).arg(Schema::currentVersion())
                       : QStringLiteral("%1 (schema %2)").arg(path).arg(version);
    return StoreFileCheck::Usable;
}

int runCheckConfigCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Read the configuration as a start would and print what ringsided would run, without starting it.\n"
        "Exit status 0: the configuration and the database are acceptable; 2: they are not (the reason\n"
        "on stderr); 1: the database could not be checked (e.g. no permission to see it). A start can\n"
        "still fail on what only starting finds out: a port in use, a directory it cannot write."));
    parser.addHelpOption();
    EngineCommandLine::addOptions(parser);
    auto fail = [](const QString &message) {
        std::fprintf(stderr, "ringsided check-config: error: %s\n", qPrintable(message));
        return 2;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().constFirst()));

    EngineConfig config;
    QString error;
    if (!EngineCommandLine::load(parser, &config, &error))
        return fail(error);
    QString database;
    switch (inspectStoreFile(config.databasePath, &database, &error)) {
    case StoreFileCheck::Usable:
        break;
    case StoreFileCheck::Refused:
        return fail(error);
    case StoreFileCheck::Unknown:
        std::fprintf(stderr, "ringsided check-config: error: could not check the database: %s\n", qPrintable(error));
        return 1;
    }

    for (const QString &warning : std::as_const(config.warnings))
        std::fprintf(stderr, "ringsided check-config: warning: %s\n", qPrintable(warning));
    QStringList lines{
        QStringLiteral("ringsided check-config: OK, ringsided would start with:"),
        QStringLiteral("  webhooks  %1, auth: %2").arg(EngineConfig::endpointUrl(config.listenAddress, config.listenPort),
                                                       authText(config)),
        QStringLiteral("  admin     %1 (/metrics, /healthz)")
            .arg(EngineConfig::endpointUrl(config.adminAddress, config.effectiveAdminPort())),
        QStringLiteral("  database  %1").arg(database),
    };
    if (config.sinks.isEmpty())
        lines << QStringLiteral("  sinks     none (events are stored, not delivered)");
    for (qsizetype i = 0; i < config.sinks.size(); ++i)
        lines << QStringLiteral("  %1 %2").arg(i == 0 ? QStringLiteral("sinks    ") : QString(9, QLatin1Char(' ')),
                                               sinkText(config.sinks.at(i)));
    std::fputs(qPrintable(lines.join(QLatin1Char('\n')) + QLatin1Char('\n')), stdout);
    return 0;
}

} // namespace ringside
