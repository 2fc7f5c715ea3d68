#pragma once

#include "delivery/retry_policy.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>

namespace ringside {

/** One CRM target as the Settings dialog edits it. */
struct SinkSettings
{
    QString name;
    QString type = QStringLiteral("webhook"); // "webhook" or "hubspot"
    QString url;
    QString secret;                            // webhook: whsec_... to sign deliveries; hubspot: the token
    QString events = QStringLiteral("all");    // "all" or "completed"
    int maxAttempts = RetryPolicy::kDefaultMaxAttempts;
    int maxAgeHours = int(RetryPolicy::kDefaultMaxAgeMs / 3'600'000);

    bool operator==(const SinkSettings &) const = default;
};

/** What the desktop app lets a person set, kept in an INI file in ringsided's --config format, so
 *  the same file runs the headless engine too. The [desktop] group holds what only the app uses. */
struct DesktopSettings
{
    Q_DECLARE_TR_FUNCTIONS(DesktopSettings)
public:
    QString listen = QStringLiteral("127.0.0.1:8080");
    QString adminListen;                      // empty: 127.0.0.1, webhook port + 1
    QString authScheme = QStringLiteral("none"); // "none", "bearer", "standard-webhooks"
    QString authSecret;                       // bearer token, or whsec_... keys separated by spaces
    QString database;                         // empty: the default path
    int retentionDays = 0;                    // finished calls older than this are deleted; 0 keeps all
    QList<SinkSettings> sinks;
    QString language;                         // empty: follow the system locale; "en", "de"
    // Alert thresholds (models/alert_rules.h has what each means).
    int failureSpikePercent = 10;
    int dedupSpikePercent = 30;
    int backlogAlert = 10;          // deliveries the backlog grew by over 10 minutes
    int incompleteCallsAlert = 1;   // calls without call.completed in the last 24 h

    static constexpr int kMaxRetentionDays = 36500;

    bool operator==(const DesktopSettings &) const = default;

    /** Field name -> readable problem, for every field that is wrong ("listen", "sink.0.url", ...). */
    QMap<QString, QString> problems() const;
    /** The problem of one field, or empty: what the dialog shows as the user types. */
    QString problem(const QString &field) const;

    /** Reads the file; missing keys keep their defaults. */
    static DesktopSettings load(const QString &path);
    /** Writes the file (owner-only permissions: it may hold secrets); false with *error. */
    bool save(const QString &path, QString *error) const;
    /** The app's settings file under the user's config directory. */
    static QString defaultPath();
};

} // namespace ringside
