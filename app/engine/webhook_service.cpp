#include "engine/webhook_service.h"

#include "core/clock.h"
#include "engine/rejected_sampler.h"
#include "metrics/pipeline_metrics.h"
#include "providers/dedup_key.h"
#include "store/event_writer.h"

#include <QElapsedTimer>

namespace ringside {

WebhookService::WebhookService(EventWriter &writer, PipelineMetrics &metrics, RejectedSampler &sampler,
                               const Clock &clock, QObject *parent)
    : QObject(parent), m_writer(writer), m_metrics(metrics), m_sampler(sampler), m_clock(clock)
{
}

void WebhookService::addRoute(WebhookRoute route)
{
    const QByteArray path = route.path;
    m_routes.insert(path, std::move(route));
}

void WebhookService::reject(int status, const QByteArray &reason, const HttpRequest &request,
                            const HttpRespond &respond, const QByteArray &message)
{
    m_metrics.record(PipelineMetrics::Outcome::Rejected, reason);
    m_sampler.sample(status, reason, request);
    HttpResponse r = HttpResponse::text(status, message);
    if (status == 405)
        r.headers.emplaceBack(QByteArrayLiteral("Allow"), QByteArrayLiteral("POST"));
    if (status == 401)
        r.headers.emplaceBack(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
    respond(r);
}

void WebhookService::handle(HttpRequest request, HttpRespond respond)
{
    if (request.path == "/healthz") {
        if (request.method != "GET" && request.method != "HEAD") {
            HttpResponse r = HttpResponse::text(405, "method not allowed");
            r.headers.emplaceBack(QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD"));
            respond(r);
            return;
        }
        respond(m_writer.isHealthy() ? HttpResponse::text(200, "ok") : HttpResponse::text(503, "store not writable"));
        return;
    }
    const auto route = m_routes.constFind(request.path);
    if (route == m_routes.cend())
        return reject(404, "not_found", request, respond, "no webhook route at this path");
    if (request.method != "POST")
        return reject(405, "method_not_allowed", request, respond, "webhooks are POSTed");

    const AuthResult auth = route->authenticator->verify(request);
    if (!auth.ok)
        return reject(401, auth.reason, request, respond, "unauthorized: " + auth.reason);

    QElapsedTimer timer;
    timer.start();
    const NormaliseResult normalised = route->normaliser->normalise(request);
    const QString provider = route->normaliser->provider();

    IncomingEvent in;
    in.provider = provider;
    in.receivedAt = m_clock.nowMs();
    in.contentType = request.header("content-type");
    in.headersText = RejectedSampler::redactedHeaders(request);
    in.body = std::move(request.body);
    const bool unprocessable = !normalised.event.has_value();
    if (unprocessable) {
        // Authenticated but not understood: keep the raw bytes so it can be reprocessed, never drop it.
        in.dedupKey = rawDedupKey(provider, auth.messageId, in.body);
        in.error = normalised.error;
    } else {
        in.dedupKey = dedupKey(provider, *normalised.event, auth.messageId);
        in.event = normalised.event;
    }

    m_writer.submit(std::move(in), this, [this, respond, timer, unprocessable](const WriteResult &result) {
        HttpResponse r;
        switch (result.outcome) {
        case WriteResult::Outcome::Accepted:
            m_metrics.record(PipelineMetrics::Outcome::Accepted, {}, unprocessable);
            r = HttpResponse::text(200, unprocessable ? "accepted (stored raw: unprocessable)" : "accepted");
            break;
        case WriteResult::Outcome::Duplicate:
            m_metrics.record(PipelineMetrics::Outcome::Deduped);
            r = HttpResponse::text(200, "duplicate");
            break;
        case WriteResult::Outcome::Failed:
            // Not on disk: the provider must retry, so never 200 here.
            m_metrics.record(PipelineMetrics::Outcome::Rejected, "store_unavailable");
            r = HttpResponse::text(503, "store unavailable, retry later");
            r.headers.emplaceBack(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5"));
            break;
        }
        // Observed before the answer leaves: a client that saw it may read the metrics at once.
        m_metrics.observeAckLatency(double(timer.nsecsElapsed()) / 1e9);
        respond(r);
    });
}

void WebhookService::refused(int status, const QByteArray &reason, const HttpRequest &partial)
{
    m_metrics.record(PipelineMetrics::Outcome::Rejected, reason);
    m_sampler.sample(status, reason, partial);
}

} // namespace ringside
