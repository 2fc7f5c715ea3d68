#pragma once

#include "auth/standard_webhooks_signer.h"
#include "delivery/http_client_pool.h"
#include "delivery/sink.h"
#include "delivery/sink_config.h"

#include <optional>

namespace ringside {

/** POSTs the merged call record and the triggering event as JSON (WebhookBody), with a stable
 *  Idempotency-Key and, when a secret is set, Standard Webhooks signature headers the receiver can
 *  verify. */
class WebhookSink : public Sink
{
    Q_OBJECT
public:
    /** Keeps up to config.concurrency keep-alive connections to the endpoint. */
    explicit WebhookSink(const SinkConfig &config, QObject *parent = nullptr);
    void send(const DeliveryPayload &payload, Done done) override;
    void abandon() override;

private:
    SinkConfig m_config;
    QByteArray m_target;
    HttpClientPool m_pool;
    std::optional<StandardWebhooksSigner> m_signer;
};

/** Collects an AttemptResult from a finished exchange (status, error, Retry-After, first KiB). */
AttemptResult attemptResultOf(const HttpClientResponse &response);

} // namespace ringside
