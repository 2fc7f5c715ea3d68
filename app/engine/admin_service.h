#pragma once

#include "ingest/http_handler.h"
#include "store/store_reader.h"

#include <QObject>
#include <functional>

namespace ringside {

class Clock;
class PipelineMetrics;

/** Answers the admin listener (loopback by default): GET /metrics (Prometheus) and GET /healthz.
 *  Lives on its own thread with its own read-only connection, so a scrape never stalls ingest. */
class AdminService : public QObject, public HttpHandler
{
    Q_OBJECT
public:
    AdminService(PipelineMetrics &metrics, std::function<bool()> storeHealthy, QString databasePath,
                 qint64 incompleteAfterMs, const Clock &clock, QObject *parent = nullptr);

    void handle(HttpRequest request, HttpRespond respond) override;
    /** Extra Prometheus text appended to /metrics (later: delivery metrics). */
    void setExtraMetrics(std::function<QByteArray()> extra) { m_extra = std::move(extra); }

private:
    void refreshIncompleteCalls();

    PipelineMetrics &m_metrics;
    std::function<bool()> m_storeHealthy;
    std::function<QByteArray()> m_extra;
    QString m_databasePath;
    qint64 m_incompleteAfterMs;
    const Clock &m_clock;
    StoreReader m_reader;
};

} // namespace ringside
