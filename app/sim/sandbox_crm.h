#pragma once

#include "ingest/http_handler.h"
#include "sim/failure_injector.h"
#include "sim/failure_plan.h"
#include "sim/hubspot_calls_api.h"
#include "sim/sandbox_ledger.h"
#include "sim/webhook_sink_api.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

namespace ringside {

class Clock;

/** A CRM for demos, tests and benchmarks: a generic webhook sink and HubSpot's Calls API with
 *  seeded failure injection, plus /_sandbox/ control and report routes that never fail.
 *  Lives on its HttpServer's thread (it answers late requests from its own timers). */
class SandboxCrm : public QObject, public HttpHandler
{
    Q_OBJECT
public:
    SandboxCrm(const FailurePlan &plan, const Clock &clock, QObject *parent = nullptr);
    ~SandboxCrm() override;

    void handle(HttpRequest request, HttpRespond respond) override;

    /** What GET /_sandbox/report answers. */
    QJsonObject report(bool withCalls = true) const;
    const FailurePlan &plan() const { return m_injector.plan(); }
    int hangingCount() const { return int(m_hanging.size()); }

public slots:
    /** Answers every request an injected hang is holding with 503, so a shutdown can drain. */
    int releaseHanging();

private:
    void handleControl(const HttpRequest &request, const HttpRespond &respond);
    void handleCrm(const HttpRequest &request, const HttpRespond &respond, const FailureDecision &decision);
    void answer(const HttpRespond &respond, const HttpResponse &response);
    HttpResponse failureResponse(const FailureDecision &decision) const;
    bool authorised(const HttpRequest &request) const;

    const FailurePlan m_initialPlan;
    FailureInjector m_injector;
    SandboxLedger m_ledger;
    HubSpotCallsApi m_hubspot;
    WebhookSinkApi m_webhook;
    QList<HttpRespond> m_hanging;
};

} // namespace ringside
