#pragma once

#include "auth/authenticator.h"
#include "ingest/http_handler.h"
#include "providers/normaliser.h"

#include <QHash>
#include <QObject>
#include <memory>

namespace ringside {

class Clock;
class EventWriter;
class PipelineMetrics;
class RejectedSampler;

/** A webhook route: which provider format arrives on a path and how it is authenticated. */
struct WebhookRoute
{
    QByteArray path;
    std::shared_ptr<const Normaliser> normaliser;
    std::shared_ptr<const Authenticator> authenticator;
};

/** Answers the webhook listener: authenticate, normalise, hand to the writer, and say 200 only
 *  after the event is committed. Lives on the receiver thread. */
class WebhookService : public QObject, public HttpHandler
{
    Q_OBJECT
public:
    WebhookService(EventWriter &writer, PipelineMetrics &metrics, RejectedSampler &sampler, const Clock &clock,
                   QObject *parent = nullptr);

    void addRoute(WebhookRoute route);

    void handle(HttpRequest request, HttpRespond respond) override;
    void refused(int status, const QByteArray &reason, const HttpRequest &partial) override;

private:
    void reject(int status, const QByteArray &reason, const HttpRequest &request, const HttpRespond &respond,
                const QByteArray &message);

    EventWriter &m_writer;
    PipelineMetrics &m_metrics;
    RejectedSampler &m_sampler;
    const Clock &m_clock;
    QHash<QByteArray, WebhookRoute> m_routes;
};

} // namespace ringside
