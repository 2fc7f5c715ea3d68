#pragma once

#include "auth/standard_webhooks_signer.h"
#include "delivery/sink.h"
#include "delivery/sink_config.h"

#include <QNetworkAccessManager>
#include <optional>

namespace ringside {

/** POSTs the merged call record and the triggering event as JSON, with a stable Idempotency-Key and,
 *  when a secret is set, Standard Webhooks signature headers the receiver can verify. */
class WebhookSink : public Sink
{
    Q_OBJECT
public:
    /** Requests are spread over `networks`: each manager has its own HTTP thread and its own limit
     *  of six connections per host. */
    WebhookSink(const SinkConfig &config, QList<QNetworkAccessManager *> networks, QObject *parent = nullptr);
    void send(const DeliveryPayload &payload, Done done) override;

    /** The JSON body of one delivery. */
    static QByteArray body(const DeliveryPayload &payload, const QString &sinkName);

private:
    SinkConfig m_config;
    QList<QNetworkAccessManager *> m_networks;
    int m_next = 0;
    std::optional<StandardWebhooksSigner> m_signer;
};

/** Collects an AttemptResult from a finished reply (status, error, Retry-After, first KiB). */
AttemptResult attemptResultOf(QNetworkReply *reply);

} // namespace ringside
