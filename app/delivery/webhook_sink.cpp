#include "delivery/webhook_sink.h"

#include "auth/standard_webhooks_secret.h"
#include "delivery/webhook_body.h"

namespace ringside {

namespace {
constexpr qsizetype kExcerptBytes = 1024; // what an attempt record keeps of the answer

HttpClientPool::Options poolOptions(const SinkConfig &config)
{
    HttpClientPool::Options o;
    o.maxConnections = config.concurrency;
    o.timeoutMs = config.timeoutMs;
    // Only the excerpt is kept; a longer answer is read on (up to the cap) so the connection stays usable.
    o.limits.keptBodyBytes = kExcerptBytes;
    return o;
}
} // namespace

WebhookSink::WebhookSink(const SinkConfig &config, QObject *parent)
    : Sink(parent), m_config(config), m_target(HttpOrigin::targetOf(config.url)),
      m_pool(config.url, poolOptions(config), this)
{
    if (!config.signingSecret.isEmpty()) {
        if (auto secret = StandardWebhooksSecret::parse(config.signingSecret))
            m_signer.emplace(*secret);
    }
}

AttemptResult attemptResultOf(const HttpClientResponse &response)
{
    AttemptResult r;
    r.httpStatus = response.status;
    r.timedOut = response.timedOut;
    r.error = response.error;
    r.retryAfter = response.header("retry-after");
    r.responseExcerpt = response.body.left(kExcerptBytes);
    if (r.httpStatus >= 300 && r.error.isEmpty())
        r.error = QStringLiteral("HTTP %1: %2").arg(r.httpStatus).arg(QString::fromUtf8(r.responseExcerpt.left(200)).simplified());
    return r;
}

void WebhookSink::send(const DeliveryPayload &payload, Done done)
{
    HttpClientRequest request;
    request.target = m_target;
    request.body = WebhookBody::write(payload, m_config.name);
    const QByteArray key = payload.job.idempotencyKey.toUtf8();
    request.headers = {{"Content-Type", "application/json"}, {"Idempotency-Key", key}, {"User-Agent", "ringside"}};
    request.resendIfStale = true; // the Idempotency-Key makes a second copy harmless
    if (m_signer) {
        const qint64 ts = payload.nowMs / 1000;
        request.headers.append({"webhook-id", key});
        request.headers.append({"webhook-timestamp", QByteArray::number(ts)});
        request.headers.append({"webhook-signature", m_signer->sign(key, ts, request.body)});
    }
    // No redirects are followed: a POST that is redirected is not delivered, so 3xx is the CRM's answer.
    m_pool.send(request, [done = std::move(done)](HttpClientResponse response) { done(attemptResultOf(response)); });
}

void WebhookSink::abandon()
{
    m_pool.abandonAll();
}

} // namespace ringside
