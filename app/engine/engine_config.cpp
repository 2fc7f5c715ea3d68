#include "engine/engine_config.h"

#include "core/clock.h"
#include "core/ini_text.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace ringside {

QString EngineConfig::endpointUrl(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(address.toString())
                             : address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(port);
}

quint16 EngineConfig::effectiveAdminPort() const
{
    if (adminPort >= 0)
        return quint16(adminPort);
    return listenPort == 0 ? 0 : quint16(listenPort + 1);
}

QString EngineConfig::defaultDatabasePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(dir).filePath(QStringLiteral("ringside/ringside.db"));
}

bool EngineConfig::validate(QString *error) const
{
    // Trimmed as createAuthenticator() trims: a quoted " none" must not slip past this check.
    const bool noAuth = auth.scheme.trimmed().compare(QLatin1String("none"), Qt::CaseInsensitive) == 0;
    if (noAuth && !listenAddress.isLoopback() && !insecureNoAuth) {
        *error = QStringLiteral("refusing to listen on %1 without webhook authentication; set --webhook-secret "
                                "or --webhook-token, or pass --insecure-no-auth")
                     .arg(listenAddress.toString());
        return false;
    }
    // The same check the engine makes at start, here so that a bad secret or scheme is a
    // configuration error (exit 2, which systemd does not restart) like every other one.
    if (!createAuthenticator(auth, Clock::system(), error))
        return false;
    if (databasePath.isEmpty()) {
        *error = QStringLiteral("no database path");
        return false;
    }
    if (limits.maxBodyBytes <= 0 || limits.maxHeaderBytes <= 0 || limits.maxConnections <= 0
        || limits.headerTimeoutMs <= 0 || limits.bodyTimeoutMs <= 0 || limits.idleTimeoutMs <= 0) {
        *error = QStringLiteral("limits and timeouts must be greater than zero");
        return false;
    }
    QStringList names;
    for (const SinkConfig &sink : sinks) {
        if (!sink.validate(error))
            return false;
        if (names.contains(sink.name)) {
            *error = QStringLiteral("two sinks are named %1").arg(sink.name);
            return false;
        }
        names << sink.name;
    }
    if (adminPort < 0 && listenPort == 65535) {
        *error = QStringLiteral("the admin port defaults to the webhook port + 1; with port 65535 set --admin-listen");
        return false;
    }
    return true;
}

bool EngineCommandLine::parseAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon < 0) {
        *error = QStringLiteral("'%1' is not ADDRESS:PORT").arg(text);
        return false;
    }
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535) {
        *error = QStringLiteral("'%1' has no valid port (0-65535)").arg(text);
        return false;
    }
    QHostAddress a;
    if (host.isEmpty() || host == QLatin1String("*"))
        a = QHostAddress::Any;
    else if (host == QLatin1String("localhost"))
        a = QHostAddress::LocalHost;
    else if (!a.setAddress(host)) {
        *error = QStringLiteral("'%1' is not an IP address").arg(host);
        return false;
    }
    *address = a;
    *port = quint16(p);
    return true;
}

namespace {
bool readInt(QSettings &s, const char *key, qint64 *out, QString *error)
{
    if (!s.contains(QLatin1String(key)))
        return true;
    bool ok = false;
    const qint64 v = s.value(QLatin1String(key)).toLongLong(&ok);
    if (!ok || v < 0) {
        *error = QStringLiteral("config: %1 must be a non-negative integer").arg(QLatin1String(key));
        return false;
    }
    *out = v;
    return true;
}
} // namespace

bool EngineCommandLine::loadFile(const QString &path, EngineConfig *c, QString *error)
{
    if (!QFileInfo(path).isReadable()) {
        *error = QStringLiteral("cannot read config file %1").arg(path);
        return false;
    }
    QSettings s(path, QSettings::IniFormat);
    if (s.status() != QSettings::NoError) {
        *error = QStringLiteral("config file %1 is not a valid INI file").arg(path);
        return false;
    }
    if (s.contains(QStringLiteral("server/listen"))
        && !parseAddress(iniText(s, QStringLiteral("server/listen")), &c->listenAddress, &c->listenPort, error))
        return false;
    if (s.contains(QStringLiteral("server/admin_listen"))) {
        quint16 port = 0;
        if (!parseAddress(iniText(s, QStringLiteral("server/admin_listen")), &c->adminAddress, &port, error))
            return false;
        c->adminPort = port;
    }
    c->insecureNoAuth = s.value(QStringLiteral("server/insecure_no_auth"), c->insecureNoAuth).toBool();
    if (s.contains(QStringLiteral("store/db")))
        c->databasePath = iniText(s, QStringLiteral("store/db"));
    qint64 maxMb = 0;
    if (!readInt(s, "store/max_size_mb", &maxMb, error))
        return false;
    if (maxMb > 0)
        c->maxDatabaseBytes = maxMb * 1024 * 1024;
    if (s.contains(QStringLiteral("auth/scheme")))
        c->auth.scheme = iniText(s, QStringLiteral("auth/scheme"));
    if (s.contains(QStringLiteral("auth/token")))
        c->auth.token = iniText(s, QStringLiteral("auth/token")).toUtf8();
    if (s.contains(QStringLiteral("auth/secrets"))) {
        // Separated by spaces (as documented) or commas: secrets are base64, neither can be part of one.
        c->auth.secrets = iniText(s, QStringLiteral("auth/secrets"))
                              .split(QRegularExpression(QStringLiteral("[ ,]")), Qt::SkipEmptyParts);
    }

    QString sinkError;
    const QList<SinkConfig> sinks = SinkConfig::fromSettings(s, &sinkError);
    if (!sinkError.isEmpty()) {
        *error = QStringLiteral("config: %1").arg(sinkError);
        return false;
    }
    c->sinks += sinks;
    const bool holdsSecrets = !c->auth.token.isEmpty() || !c->auth.secrets.isEmpty()
        || std::any_of(sinks.cbegin(), sinks.cend(),
                       [](const SinkConfig &k) { return !k.signingSecret.isEmpty() || !k.token.isEmpty(); });
    if (holdsSecrets && (QFileInfo(path).permissions() & (QFile::ReadGroup | QFile::ReadOther))) {
        // As ssh does for keys, but a warning: refusing would break a running setup on upgrade.
        c->warnings << QStringLiteral("config file %1 holds secrets and other users can read it; "
                                      "chmod 600 it").arg(path);
    }

    qint64 v;
    struct IntKey { const char *key; std::function<void(qint64)> set; };
    HttpLimits &l = c->limits;
    const IntKey keys[] = {
        {"limits/max_header_bytes", [&](qint64 x) { l.maxHeaderBytes = int(x); }},
        {"limits/max_body_bytes", [&](qint64 x) { l.maxBodyBytes = x; }},
        {"limits/header_timeout_ms", [&](qint64 x) { l.headerTimeoutMs = int(x); }},
        {"limits/body_timeout_ms", [&](qint64 x) { l.bodyTimeoutMs = int(x); }},
        {"limits/idle_timeout_ms", [&](qint64 x) { l.idleTimeoutMs = int(x); }},
        {"limits/max_connections", [&](qint64 x) { l.maxConnections = int(x); }},
        {"calls/incomplete_after_minutes", [&](qint64 x) { c->incompleteAfterMs = x * 60'000; }},
        {"store/max_batch", [&](qint64 x) { c->maxBatch = int(qMax<qint64>(1, x)); }},
        {"store/retention_days", [&](qint64 x) { c->retentionDays = int(qMin<qint64>(x, 100 * 365)); }},
    };
    for (const IntKey &k : keys) {
        v = -1;
        if (!readInt(s, k.key, &v, error))
            return false;
        if (v >= 0)
            k.set(v);
    }
    return true;
}

void EngineCommandLine::addOptions(QCommandLineParser &p)
{
    p.addOptions({
        {QStringLiteral("listen"), QStringLiteral("Webhook listener (default 127.0.0.1:8080)."), QStringLiteral("ADDR:PORT")},
        {QStringLiteral("admin-listen"), QStringLiteral("Admin listener for /metrics and /healthz (default 127.0.0.1, webhook port + 1)."),
         QStringLiteral("ADDR:PORT")},
        {QStringLiteral("db"), QStringLiteral("SQLite database file (default under the user's data directory)."), QStringLiteral("PATH")},
        {QStringLiteral("config"), QStringLiteral("INI configuration file; flags override it."), QStringLiteral("FILE")},
        {QStringLiteral("webhook-secret"), QStringLiteral("Verify webhooks with Standard Webhooks HMAC (repeat while rotating keys)."),
         QStringLiteral("whsec_...")},
        {QStringLiteral("webhook-token"), QStringLiteral("Require 'Authorization: Bearer TOKEN' on webhooks."), QStringLiteral("TOKEN")},
        {QStringLiteral("insecure-no-auth"), QStringLiteral("Allow a non-loopback listener without webhook authentication.")},
        {QStringLiteral("sink-url"), QStringLiteral("Deliver call records to this webhook (sink 'default')."), QStringLiteral("URL")},
        {QStringLiteral("sink-secret"), QStringLiteral("Sign deliveries the Standard Webhooks way."), QStringLiteral("whsec_...")},
        {QStringLiteral("sink-events"), QStringLiteral("Which events the --sink-url sink gets: all (default) or completed."),
         QStringLiteral("all|completed")},
    });
}

bool EngineCommandLine::load(const QCommandLineParser &p, EngineConfig *c, QString *error,
                             const QString &defaultConfigFile)
{
    c->databasePath = EngineConfig::defaultDatabasePath();
    if (p.isSet(QStringLiteral("config")) && !loadFile(p.value(QStringLiteral("config")), c, error))
        return false;
    if (!p.isSet(QStringLiteral("config")) && !defaultConfigFile.isEmpty() && QFileInfo::exists(defaultConfigFile)
        && !loadFile(defaultConfigFile, c, error))
        return false;
    if (p.isSet(QStringLiteral("listen"))
        && !parseAddress(p.value(QStringLiteral("listen")), &c->listenAddress, &c->listenPort, error)) {
        *error = QStringLiteral("--listen: ") + *error;
        return false;
    }
    if (p.isSet(QStringLiteral("admin-listen"))) {
        quint16 port = 0;
        if (!parseAddress(p.value(QStringLiteral("admin-listen")), &c->adminAddress, &port, error)) {
            *error = QStringLiteral("--admin-listen: ") + *error;
            return false;
        }
        c->adminPort = port;
    }
    if (p.isSet(QStringLiteral("db")))
        c->databasePath = p.value(QStringLiteral("db"));
    // The environment keeps secrets out of `ps` and /proc/*/cmdline; a flag still wins.
    const QString envSecret = qEnvironmentVariable("RINGSIDE_WEBHOOK_SECRET");
    const QString envToken = qEnvironmentVariable("RINGSIDE_WEBHOOK_TOKEN");
    if (!envSecret.isEmpty() && !p.isSet(QStringLiteral("webhook-token")))
        c->auth = {QStringLiteral("standard-webhooks"), {}, envSecret.split(QLatin1Char(' '), Qt::SkipEmptyParts)};
    else if (!envToken.isEmpty() && !p.isSet(QStringLiteral("webhook-secret")))
        c->auth = {QStringLiteral("bearer"), envToken.toUtf8(), {}};
    if (p.isSet(QStringLiteral("webhook-secret")) && p.isSet(QStringLiteral("webhook-token"))) {
        *error = QStringLiteral("--webhook-secret and --webhook-token are alternatives; give one");
        return false;
    }
    if (p.isSet(QStringLiteral("webhook-secret")))
        c->auth = {QStringLiteral("standard-webhooks"), {}, p.values(QStringLiteral("webhook-secret"))};
    if (p.isSet(QStringLiteral("webhook-token")))
        c->auth = {QStringLiteral("bearer"), p.value(QStringLiteral("webhook-token")).toUtf8(), {}};
    if (p.isSet(QStringLiteral("insecure-no-auth")))
        c->insecureNoAuth = true;
    if (p.isSet(QStringLiteral("sink-url"))) {
        SinkConfig sink;
        sink.name = QStringLiteral("default");
        sink.url = QUrl(p.value(QStringLiteral("sink-url")));
        sink.signingSecret = p.value(QStringLiteral("sink-secret"));
        const QString events = p.value(QStringLiteral("sink-events"));
        if (events == QLatin1String("completed"))
            sink.events = {EventType::Completed};
        else if (!events.isEmpty() && events != QLatin1String("all")) {
            *error = QStringLiteral("--sink-events must be all or completed");
            return false;
        }
        c->sinks.removeIf([](const SinkConfig &s) { return s.name == QLatin1String("default"); });
        c->sinks.append(sink);
    } else if (p.isSet(QStringLiteral("sink-secret"))) {
        *error = QStringLiteral("--sink-secret needs --sink-url");
        return false;
    }
    return c->validate(error);
}

} // namespace ringside
