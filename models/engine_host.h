#pragma once

#include "engine/engine_config.h"
#include "engine/event_reprocessor.h"
#include "metrics/histogram.h"
#include "metrics/pipeline_metrics.h"

#include <QMap>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

namespace ringside {

class Clock;
class Engine;
struct RetryFilter;

/** The live numbers the dashboard and status bar show, sampled from the running engine. */
struct LiveStats
{
    qint64 sampledAtMs = 0;
    PipelineMetrics::Snapshot pipeline;
    quint64 delivered = 0;      // CRM 2xx
    quint64 failedAttempts = 0; // CRM attempts that failed (each retry counts)
    quint64 dead = 0;           // deliveries that gave up
    Histogram::Snapshot processingLatency; // receipt -> CRM 2xx
    QMap<QString, qint64> backlog;         // deliveries by state
    QMap<QString, QString> sinkStates;     // sink -> "ok", "retrying", "paused", "circuit open"
    bool receiverRunning = false;
    bool storeHealthy = true;
    QStringList setupWarnings; // what loading the config and starting the engine warned about
};

/** Runs the engine inside the desktop app (its own threads; the GUI thread only starts, stops and
 *  samples it) and turns what it does into coalesced signals a window can follow: at most
 *  four storeChanged() a second however many events are committed. */
class EngineHost : public QObject
{
    Q_OBJECT
public:
    explicit EngineHost(const Clock &clock, QObject *parent = nullptr);
    ~EngineHost() override;

    /** Starts (or restarts, with a new config) the engine; false with a one-line *error. */
    bool start(const EngineConfig &config, QString *error);
    void stop();
    bool isRunning() const;
    const EngineConfig &config() const { return m_config; }
    /** "http://127.0.0.1:8080/webhooks/unlimcall" while running, else empty. */
    QString webhookUrl() const;
    QString describe() const;
    /** The webhook listener's port while running (the real one when configured as port 0), else 0. */
    quint16 webhookPort() const;
    LiveStats stats() const;

    void retryDeliveries(const RetryFilter &filter, std::function<void(int, QString)> done);
    void discardDeliveries(const QList<qint64> &ids, const QString &reason, std::function<void(int, QString)> done);
    void resumeSink(const QString &sink);
    void reprocessEvent(qint64 eventId, std::function<void(const ReprocessResult &)> done);

    /** Minimum time between two storeChanged() signals. */
    static constexpr int kCoalesceMs = 250;

Q_SIGNALS:
    /** Something was committed (events, attempt records, retries): models re-read. Coalesced. */
    void storeChanged();
    /** A fresh LiveStats sample, twice a second while running. */
    void statsSampled(const LiveStats &stats);
    void runningChanged(bool running);
    void sinkStateChanged(const QString &sink, const QString &state);

private:
    void noteChange();

    const Clock &m_clock;
    EngineConfig m_config;
    std::unique_ptr<Engine> m_engine;
    QMap<QString, QString> m_sinkStates;
    LiveStats m_lastSample;
    QTimer m_coalesce;
    QTimer m_sampler;
    bool m_storeHealthy = true;
};

} // namespace ringside
