#include "models/desktop_settings.h"

#include "auth/standard_webhooks_secret.h"
#include "core/ini_text.h"
#include "engine/engine_config.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

namespace ringside {

namespace {

QString addressProblem(const QString &text, bool optional)
{
    if (optional && text.trimmed().isEmpty())
        return {};
    QHostAddress address;
    quint16 port = 0;
    QString error;
    if (!EngineCommandLine::parseAddress(text.trimmed(), &address, &port, &error))
        return DesktopSettings::tr("Use ADDRESS:PORT, e.g. 127.0.0.1:8080 (%1)").arg(error);
    return {};
}

QString secretProblem(const QString &scheme, const QString &secret)
{
    if (scheme == QLatin1String("bearer")) {
        if (secret.size() < 16)
            return DesktopSettings::tr("A bearer token needs at least 16 characters");
        if (secret.contains(QLatin1Char(' ')))
            return DesktopSettings::tr("A bearer token cannot contain spaces");
    } else if (scheme == QLatin1String("standard-webhooks")) {
        const QStringList keys = secret.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (keys.isEmpty())
            return DesktopSettings::tr("Enter the provider's signing secret (whsec_...)");
        for (const QString &key : keys) {
            QString why;
            if (!StandardWebhooksSecret::parse(key, &why))
                return DesktopSettings::tr("Not a valid signing secret: %1").arg(why);
        }
    }
    return {};
}

QString sinkProblem(const SinkSettings &s, const QString &what)
{
    if (what == QLatin1String("name")) {
        if (s.name.isEmpty() || s.name.contains(QLatin1Char(' ')) || s.name.contains(QLatin1Char('/')))
            return DesktopSettings::tr("A sink needs a name without spaces or slashes");
    } else if (what == QLatin1String("url")) {
        const QUrl url(s.url, QUrl::StrictMode);
        if (s.type == QLatin1String("hubspot") && s.url.isEmpty())
            return {};
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty())
            return DesktopSettings::tr("Enter an http:// or https:// URL");
    } else if (what == QLatin1String("secret")) {
        if (s.type == QLatin1String("hubspot") && s.secret.isEmpty())
            return DesktopSettings::tr("HubSpot needs a private app token");
        QString why;
        if (s.type == QLatin1String("webhook") && !s.secret.isEmpty() && !StandardWebhooksSecret::parse(s.secret, &why))
            return DesktopSettings::tr("Not a valid signing secret: %1").arg(why);
    } else if (what == QLatin1String("attempts")) {
        if (s.maxAttempts < 1 || s.maxAttempts > 100)
            return DesktopSettings::tr("Between 1 and 100 attempts");
    } else if (what == QLatin1String("age")) {
        if (s.maxAgeHours < 1 || s.maxAgeHours > 24 * 30)
            return DesktopSettings::tr("Between 1 hour and 30 days");
    }
    return {};
}

const QStringList kSinkFields{QStringLiteral("name"), QStringLiteral("url"), QStringLiteral("secret"),
                              QStringLiteral("attempts"), QStringLiteral("age")};

} // namespace

QString DesktopSettings::problem(const QString &field) const
{
    if (field == QLatin1String("listen"))
        return addressProblem(listen, false);
    if (field == QLatin1String("admin_listen"))
        return addressProblem(adminListen, true);
    if (field == QLatin1String("auth_secret"))
        return secretProblem(authScheme, authSecret);
    if (field == QLatin1String("auth_scheme")) {
        QHostAddress address;
        quint16 port = 0;
        QString ignored;
        if (authScheme == QLatin1String("none")
            && EngineCommandLine::parseAddress(listen.trimmed(), &address, &port, &ignored) && !address.isLoopback())
            return tr("Without authentication the receiver only listens on this machine (127.0.0.1)");
        return {};
    }
    if (field.startsWith(QLatin1String("sink."))) {
        const QStringList parts = field.split(QLatin1Char('.'));
        const int i = parts.value(1).toInt();
        if (parts.size() != 3 || i < 0 || i >= sinks.size())
            return {};
        if (parts[2] == QLatin1String("name")) {
            for (int j = 0; j < i; ++j) {
                if (sinks[j].name == sinks[i].name)
                    return tr("Two sinks cannot share a name");
            }
        }
        return sinkProblem(sinks[i], parts[2]);
    }
    if (field == QLatin1String("retention_days")) {
        if (retentionDays < 0 || retentionDays > kMaxRetentionDays)
            return tr("Between 0 (keep everything) and %1 days").arg(kMaxRetentionDays);
        return {};
    }
    const std::pair<const char *, int> bounded[] = {{"failure_spike", failureSpikePercent},
                                                    {"dedup_spike", dedupSpikePercent},
                                                    {"backlog_alert", backlogAlert},
                                                    {"incomplete_alert", incompleteCallsAlert}};
    for (const auto &[name, value] : bounded) {
        if (field == QLatin1String(name) && value < 1)
            return tr("Must be at least 1");
    }
    return {};
}

QMap<QString, QString> DesktopSettings::problems() const
{
    QStringList fields{QStringLiteral("listen"), QStringLiteral("admin_listen"), QStringLiteral("auth_scheme"),
                       QStringLiteral("auth_secret"), QStringLiteral("failure_spike"), QStringLiteral("dedup_spike"),
                       QStringLiteral("backlog_alert"), QStringLiteral("incomplete_alert"),
                       QStringLiteral("retention_days")};
    for (int i = 0; i < sinks.size(); ++i) {
        for (const QString &f : kSinkFields)
            fields << QStringLiteral("sink.%1.%2").arg(i).arg(f);
    }
    QMap<QString, QString> out;
    for (const QString &f : std::as_const(fields)) {
        if (const QString p = problem(f); !p.isEmpty())
            out.insert(f, p);
    }
    return out;
}

DesktopSettings DesktopSettings::load(const QString &path)
{
    DesktopSettings d;
    QSettings s(path, QSettings::IniFormat);
    d.listen = iniText(s, QStringLiteral("server/listen"), d.listen);
    d.adminListen = iniText(s, QStringLiteral("server/admin_listen"));
    d.authScheme = iniText(s, QStringLiteral("auth/scheme"), d.authScheme);
    d.authSecret = d.authScheme == QLatin1String("bearer") ? iniText(s, QStringLiteral("auth/token"))
                                                           : iniText(s, QStringLiteral("auth/secrets"));
    d.database = iniText(s, QStringLiteral("store/db"));
    d.retentionDays = s.value(QStringLiteral("store/retention_days"), d.retentionDays).toInt();
    for (const QString &group : s.childGroups()) {
        if (!group.startsWith(QLatin1String("sink.")))
            continue;
        s.beginGroup(group);
        SinkSettings k;
        k.name = group.mid(5);
        k.type = iniText(s, QStringLiteral("type"), k.type);
        k.url = iniText(s, QStringLiteral("url"));
        k.secret = iniText(s, k.type == QLatin1String("hubspot") ? QStringLiteral("token") : QStringLiteral("secret"));
        k.events = iniText(s, QStringLiteral("events"), k.events);
        k.maxAttempts = s.value(QStringLiteral("max_attempts"), k.maxAttempts).toInt();
        k.maxAgeHours = s.value(QStringLiteral("max_age_h"), k.maxAgeHours).toInt();
        s.endGroup();
        d.sinks.append(k);
    }
    s.beginGroup(QStringLiteral("desktop"));
    d.language = iniText(s, QStringLiteral("language"));
    d.failureSpikePercent = s.value(QStringLiteral("failure_spike_percent"), d.failureSpikePercent).toInt();
    d.dedupSpikePercent = s.value(QStringLiteral("dedup_spike_percent"), d.dedupSpikePercent).toInt();
    d.backlogAlert = s.value(QStringLiteral("backlog_alert"), d.backlogAlert).toInt();
    d.incompleteCallsAlert = s.value(QStringLiteral("incomplete_calls_alert"), d.incompleteCallsAlert).toInt();
    s.endGroup();
    return d;
}

bool DesktopSettings::save(const QString &path, QString *error) const
{
    if (const auto p = problems(); !p.isEmpty()) {
        *error = p.first();
        return false;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    {
        QSettings s(path, QSettings::IniFormat);
        s.clear();
        s.setValue(QStringLiteral("server/listen"), listen.trimmed());
        if (!adminListen.trimmed().isEmpty())
            s.setValue(QStringLiteral("server/admin_listen"), adminListen.trimmed());
        s.setValue(QStringLiteral("auth/scheme"), authScheme);
        if (authScheme == QLatin1String("bearer"))
            s.setValue(QStringLiteral("auth/token"), authSecret);
        else if (authScheme == QLatin1String("standard-webhooks"))
            s.setValue(QStringLiteral("auth/secrets"), authSecret.simplified());
        if (!database.isEmpty())
            s.setValue(QStringLiteral("store/db"), database);
        if (retentionDays > 0)
            s.setValue(QStringLiteral("store/retention_days"), retentionDays);
        for (const SinkSettings &k : sinks) {
            s.beginGroup(QStringLiteral("sink.") + k.name);
            s.setValue(QStringLiteral("type"), k.type);
            if (!k.url.isEmpty())
                s.setValue(QStringLiteral("url"), k.url);
            if (!k.secret.isEmpty())
                s.setValue(k.type == QLatin1String("hubspot") ? QStringLiteral("token") : QStringLiteral("secret"), k.secret);
            s.setValue(QStringLiteral("events"), k.events);
            s.setValue(QStringLiteral("max_attempts"), k.maxAttempts);
            s.setValue(QStringLiteral("max_age_h"), k.maxAgeHours);
            s.endGroup();
        }
        s.beginGroup(QStringLiteral("desktop"));
        s.setValue(QStringLiteral("language"), language);
        s.setValue(QStringLiteral("failure_spike_percent"), failureSpikePercent);
        s.setValue(QStringLiteral("dedup_spike_percent"), dedupSpikePercent);
        s.setValue(QStringLiteral("backlog_alert"), backlogAlert);
        s.setValue(QStringLiteral("incomplete_calls_alert"), incompleteCallsAlert);
        s.endGroup();
        s.sync();
        if (s.status() != QSettings::NoError) {
            *error = tr("Could not write %1").arg(path);
            return false;
        }
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

QString DesktopSettings::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("ringside.ini"));
}

} // namespace ringside
