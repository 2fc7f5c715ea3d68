#pragma once

#include "engine/engine_config.h"
#include "metrics/minute_rollup.h"
#include "metrics/pipeline_metrics.h"

#include <QHostAddress>
#include <QObject>
#include <QStringList>
#include <QThread>
#include <QTimer>
#include <memory>

namespace ringside {

class AdminService;
class DeliveryMetrics;
class DeliveryWorker;
struct RetryFilter;
class Clock;
class EventReprocessor;
class EventWriter;
class HttpServer;
struct ReprocessResult;
class RejectedSampler;
class WebhookService;

/** The whole engine without widgets: receiver thread, writer thread, admin thread and the
 *  per-minute metric rollups, started and stopped as one. ringsided and ringside both run it. */
class Engine : public QObject
{
    Q_OBJECT
public:
    /** The clock must outlive the engine: stop() and its threads read it until they are done. */
    explicit Engine(EngineConfig config, const Clock &clock, QObject *parent = nullptr);
    ~Engine() override;

    /** Opens the store, builds the routes and starts listening; false with a one-line *error. */
    bool start(QString *error);
    /** Stops accepting, answers what is in flight after its commit, writes the last rollup and
     *  closes the store. Blocks until done; safe to call twice. */
    void stop();

    quint16 webhookPort() const { return m_webhookPort; }
    quint16 adminPort() const { return m_adminPort; }
    const EngineConfig &config() const { return m_config; }
    /** What the last start() warned about (also logged), e.g. a low open-file limit. */
    const QStringList &warnings() const { return m_warnings; }
    PipelineMetrics &metrics() { return m_metrics; }
    EventWriter &writer() { return *m_writer; }
    /** "webhooks on http://127.0.0.1:8080, admin on http://127.0.0.1:8081, database /path" */
    QString describe() const;

    /** Writes the metric deltas since the last rollup into the store now. */
    void rollupNow();
    /** Deletes what the retention setting says has expired, batch by batch; no-op without one. */
    void purgeExpired();

Q_SIGNALS:
    /** A purge run finished (every batch of it); calls = how many calls it removed. */
    void purged(int calls);

public:

    /** The delivery worker (null without sinks); lives on its own thread: use queued calls. */
    DeliveryWorker *deliveryWorker() const { return m_worker; }
    DeliveryMetrics &deliveryMetrics() { return *m_deliveryMetrics; }
    /** Puts matching dead deliveries back in the queue (history kept); `done` gets the count. */
    void retryDeliveries(const RetryFilter &filter, std::function<void(int, QString)> done = {});
    void discardDeliveries(const QList<qint64> &ids, const QString &reason, std::function<void(int, QString)> done = {});
    void resumeSink(const QString &sink);
    /** Runs a stored unprocessable event through the current normaliser; see EventReprocessor. */
    void reprocessEvent(qint64 eventId, std::function<void(const ReprocessResult &)> done);

private:
    struct Listener
    {
        QThread thread;
        HttpServer *server = nullptr;
        QObject *handler = nullptr;
        quint16 port = 0;
    };
    void purgeBatch();
    bool startListener(Listener &l, QObject *handler, const QHostAddress &address, quint16 port, QString *error);
    void drainListener(Listener &l);
    void destroyListener(Listener &l);

    EngineConfig m_config;
    const Clock &m_clock;
    PipelineMetrics m_metrics;
    MinuteRollup m_rollup;
    QMap<QString, qint64> m_unsavedRollup;
    struct
    {
        qint64 delivered = 0, failed = 0, dead = 0;
        Histogram::Snapshot latency;
    } m_lastDelivery;
    QTimer m_rollupTimer;
    QTimer m_retentionTimer;
    bool m_purging = false;
    int m_purgedCalls = 0;
    std::unique_ptr<EventWriter> m_writer;
    std::unique_ptr<RejectedSampler> m_sampler;
    std::unique_ptr<EventReprocessor> m_reprocessor;
    std::unique_ptr<DeliveryMetrics> m_deliveryMetrics;
    QThread m_deliveryThread;
    DeliveryWorker *m_worker = nullptr;
    Listener m_webhooks;
    Listener m_admin;
    quint16 m_webhookPort = 0;
    quint16 m_adminPort = 0;
    bool m_running = false;
    QStringList m_warnings;
};

} // namespace ringside
