#include "delivery/sink_config.h"

#include "auth/standard_webhooks_secret.h"
#include "core/ini_text.h"

namespace ringside {

bool SinkConfig::validate(QString *error) const
{
    if (name.isEmpty() || name.contains(QLatin1Char(' '))) {
        *error = QStringLiteral("a sink needs a name without spaces");
        return false;
    }
    // Never the URL itself in these messages: its user info, path or query may hold a credential.
    const bool httpScheme = url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
    if (!url.isValid() || url.scheme().isEmpty()) {
        *error = QStringLiteral("sink %1: url is not a valid http(s) URL").arg(name);
        return false;
    }
    if (!httpScheme) {
        // A scheme is letters, digits, '+', '-', '.': nothing else of the URL can show through it.
        *error = QStringLiteral("sink %1: url is not an http(s) URL (its scheme is '%2')").arg(name, url.scheme().left(16));
        return false;
    }
    if (url.host().isEmpty()) {   // "https:/hooks/..." parses, with the host as part of the path
        *error = QStringLiteral("sink %1: url has no host (write https://host/path)").arg(name);
        return false;
    }
    if (!signingSecret.isEmpty()) {
        QString why;
        if (!StandardWebhooksSecret::parse(signingSecret, &why)) {
            *error = QStringLiteral("sink %1: %2").arg(name, why);
            return false;
        }
    }
    if (type == Type::HubSpot && token.isEmpty()) {
        *error = QStringLiteral("sink %1: HubSpot needs a token").arg(name);
        return false;
    }
    if (concurrency < 1 || timeoutMs < 1 || breakerThreshold < 1 || events.isEmpty()) {
        *error = QStringLiteral("sink %1: concurrency, timeout, breaker threshold and events must be set").arg(name);
        return false;
    }
    return true;
}

QList<SinkConfig> SinkConfig::fromSettings(QSettings &s, QString *error)
{
    QList<SinkConfig> sinks;
    const QStringList groups = s.childGroups();
    for (const QString &group : groups) {
        if (!group.startsWith(QLatin1String("sink.")))
            continue;
        SinkConfig c;
        c.name = group.mid(5);
        s.beginGroup(group);
        const QString type = iniText(s, QStringLiteral("type"), QStringLiteral("webhook"));
        if (type == QLatin1String("hubspot")) {
            c.type = Type::HubSpot;
            c.url = QUrl(iniText(s, QStringLiteral("url"), QStringLiteral("https://api.hubapi.com")));
            // HubSpot private apps: 190 requests per 10 s.
            c.ratePerSecond = 19;
            c.burst = 190;
        } else if (type == QLatin1String("webhook")) {
            c.url = QUrl(iniText(s, QStringLiteral("url")));
        } else {
            *error = QStringLiteral("sink %1: unknown type '%2' (webhook or hubspot)").arg(c.name, type);
            s.endGroup();
            return {};
        }
        c.signingSecret = iniText(s, QStringLiteral("secret"));
        c.token = iniText(s, QStringLiteral("token")).toUtf8();
        const QString events = iniText(s, QStringLiteral("events"), QStringLiteral("all"));
        if (events == QLatin1String("completed"))
            c.events = {EventType::Completed};
        else if (events != QLatin1String("all")) {
            *error = QStringLiteral("sink %1: events must be all or completed").arg(c.name);
            s.endGroup();
            return {};
        }
        c.concurrency = s.value(QStringLiteral("concurrency"), c.concurrency).toInt();
        c.ratePerSecond = s.value(QStringLiteral("rate_per_second"), c.ratePerSecond).toDouble();
        c.burst = s.value(QStringLiteral("burst"), c.burst).toDouble();
        c.timeoutMs = s.value(QStringLiteral("timeout_ms"), c.timeoutMs).toInt();
        c.breakerThreshold = s.value(QStringLiteral("breaker_threshold"), c.breakerThreshold).toInt();
        c.breakerOpenMs = s.value(QStringLiteral("breaker_open_s"), c.breakerOpenMs / 1000).toLongLong() * 1000;
        QVariantMap retry;
        for (const QString &key : s.childKeys())
            retry.insert(key, s.value(key));
        QString why;
        c.retry = RetryPolicy::fromSettings(retry, &why);
        if (!why.isEmpty()) {
            *error = QStringLiteral("sink %1: %2").arg(c.name, why);
            s.endGroup();
            return {};
        }
        for (const QString &pair : iniText(s, QStringLiteral("owners")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QStringList parts = pair.split(QLatin1Char(':'));
            if (parts.size() != 2 || parts[0].trimmed().isEmpty() || parts[1].trimmed().isEmpty()) {
                *error = QStringLiteral("sink %1: owners entry '%2' is not seat_id:owner_id").arg(c.name, pair.trimmed());
                s.endGroup();
                return {};
            }
            c.seatOwners.insert(parts[0].trimmed(), parts[1].trimmed());
        }
        s.endGroup();
        if (!c.validate(error))
            return {};
        sinks.append(c);
    }
    return sinks;
}

} // namespace ringside
