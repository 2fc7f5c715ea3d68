#include "engine/admin_service.h"

#include "core/clock.h"
#include "engine/engine_logging.h"
#include "metrics/pipeline_metrics.h"
#include "metrics/prometheus_text.h"

namespace ringside {

AdminService::AdminService(PipelineMetrics &metrics, std::function<bool()> storeHealthy, QString databasePath,
                           qint64 incompleteAfterMs, const Clock &clock, QObject *parent)
    : QObject(parent), m_metrics(metrics), m_storeHealthy(std::move(storeHealthy)),
      m_databasePath(std::move(databasePath)), m_incompleteAfterMs(incompleteAfterMs), m_clock(clock)
{
}

void AdminService::refreshIncompleteCalls()
{
    QString error;
    if (!m_reader.isOpen() && !m_reader.open(m_databasePath, &error)) {
        qCWarning(lcEngine) << "admin: cannot read the store:" << error;
        return;
    }
    const qint64 n = m_reader.countIncompleteCalls(m_clock.nowMs(), m_incompleteAfterMs, &error);
    if (n >= 0)
        m_metrics.setCallsIncomplete(n);
}

void AdminService::handle(HttpRequest request, HttpRespond respond)
{
    const bool isGet = request.method == "GET" || request.method == "HEAD";
    if (request.path == "/metrics" || request.path == "/healthz") {
        if (!isGet) {
            HttpResponse r = HttpResponse::text(405, "method not allowed");
            r.headers.emplaceBack(QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD"));
            respond(r);
            return;
        }
    }
    if (request.path == "/healthz") {
        respond(m_storeHealthy() ? HttpResponse::text(200, "ok") : HttpResponse::text(503, "store not writable"));
        return;
    }
    if (request.path == "/metrics") {
        refreshIncompleteCalls();
        HttpResponse r;
        r.contentType = PrometheusText::contentType();
        r.body = PrometheusText::render(m_metrics.snapshot());
        PrometheusText::appendHeader(r.body, "ringside_store_writable", "gauge",
                                     "1 while the store takes events, 0 while they are answered 503.");
        r.body += m_storeHealthy() ? "ringside_store_writable 1\n" : "ringside_store_writable 0\n";
        if (m_extra)
            r.body += m_extra();
        respond(r);
        return;
    }
    respond(HttpResponse::text(404, "not found; try /metrics or /healthz"));
}

} // namespace ringside
