#pragma once

#include "delivery/retry_policy.h"
#include "providers/canonical_event.h"
#include "store/incoming_event.h"

#include <QHash>
#include <QList>
#include <QSettings>
#include <QString>
#include <QUrl>

namespace ringside {

/** One configured CRM target and how to treat it: which events, how fast, how to retry. */
struct SinkConfig
{
    enum class Type { Webhook, HubSpot };
    QString name;
    Type type = Type::Webhook;
    QUrl url;                  // webhook: the endpoint; hubspot: the API base (https://api.hubapi.com)
    QString signingSecret;     // webhook: whsec_... signs requests the Standard Webhooks way
    QByteArray token;          // hubspot: the private app's Bearer token
    QList<EventType> events{EventType::Initiated, EventType::Answered, EventType::Completed};
    int concurrency = 16;
    double ratePerSecond = 0;  // 0: unlimited
    double burst = 0;
    int timeoutMs = 30'000;
    int breakerThreshold = 5;
    qint64 breakerOpenMs = 30'000;
    RetryPolicy retry;
    QHash<QString, QString> seatOwners; // hubspot: seat_id -> hubspot_owner_id

    SinkSubscription subscription() const { return {name, events}; }
    bool validate(QString *error) const;

    /** [sink.NAME] groups of an INI file: type, url, secret, token, events (all|completed),
     *  concurrency, rate_per_second, burst, timeout_ms, breaker_threshold, breaker_open_s, retry keys,
     *  owners (seat:owner,...). */
    static QList<SinkConfig> fromSettings(QSettings &settings, QString *error);
};

} // namespace ringside
