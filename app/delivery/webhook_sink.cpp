#include "delivery/webhook_sink.h"

#include "auth/standard_webhooks_secret.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace ringside {

WebhookSink::WebhookSink(const SinkConfig &config, QList<QNetworkAccessManager *> networks, QObject *parent)
    : Sink(parent), m_config(config), m_networks(std::move(networks))
{
    if (!config.signingSecret.isEmpty()) {
        if (auto secret = StandardWebhooksSecret::parse(config.signingSecret))
            m_signer.emplace(*secret);
    }
}

QByteArray WebhookSink::body(const DeliveryPayload &p, const QString &sinkName)
{
    const QJsonObject delivery{{QStringLiteral("id"), double(p.job.id)},
                               {QStringLiteral("sink"), sinkName},
                               {QStringLiteral("attempt"), p.job.attempts + 1},
                               {QStringLiteral("idempotency_key"), p.job.idempotencyKey}};
    const QJsonObject o{{QStringLiteral("call"), p.call.toJson()},
                        {QStringLiteral("event"), p.event.toJson()},
                        {QStringLiteral("delivery"), delivery}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

AttemptResult attemptResultOf(QNetworkReply *reply)
{
    AttemptResult r;
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (r.httpStatus == 0) {
        r.timedOut = reply->error() == QNetworkReply::OperationCanceledError
                     || reply->error() == QNetworkReply::TimeoutError;
        r.error = r.timedOut ? QStringLiteral("timed out") : reply->errorString();
    }
    r.retryAfter = reply->rawHeader("Retry-After");
    r.responseExcerpt = reply->read(1024);
    if (r.httpStatus >= 300 && r.error.isEmpty())
        r.error = QStringLiteral("HTTP %1: %2").arg(r.httpStatus).arg(QString::fromUtf8(r.responseExcerpt.left(200)).simplified());
    return r;
}

void WebhookSink::send(const DeliveryPayload &payload, Done done)
{
    const QByteArray bytes = body(payload, m_config.name);
    QNetworkRequest request(m_config.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Idempotency-Key", payload.job.idempotencyKey.toUtf8());
    request.setRawHeader("User-Agent", "ringside");
    request.setTransferTimeout(m_config.timeoutMs);
    // A POST that is redirected is not delivered: treat 3xx as the CRM's answer.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (m_signer) {
        const QByteArray id = payload.job.idempotencyKey.toUtf8();
        const qint64 ts = payload.nowMs / 1000;
        request.setRawHeader("webhook-id", id);
        request.setRawHeader("webhook-timestamp", QByteArray::number(ts));
        request.setRawHeader("webhook-signature", m_signer->sign(id, ts, bytes));
    }
    QNetworkAccessManager *network = m_networks.at(m_next++ % m_networks.size());
    QNetworkReply *reply = network->post(request, bytes);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        done(attemptResultOf(reply));
    });
}

} // namespace ringside
