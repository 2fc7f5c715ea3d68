#pragma once

#include "delivery/circuit_breaker.h"
#include "delivery/payload_reader.h"
#include "delivery/sink.h"
#include "delivery/sink_config.h"
#include "delivery/token_bucket.h"
#include "store/store_reader.h"

#include <QObject>
#include <QTimer>
#include <map>
#include <memory>

namespace ringside {

class Clock;
class DeliveryMetrics;
class EventWriter;

/** Gets every queued delivery into its CRM: claims due deliveries through the writer, sends them
 *  (many in flight, one at a time per call), judges each answer with the sink's retry policy and
 *  records it. Lives on its own thread; talk to it through queued calls. */
class DeliveryWorker : public QObject
{
    Q_OBJECT
public:
    DeliveryWorker(QList<SinkConfig> sinks, EventWriter &writer, QString databasePath, DeliveryMetrics &metrics,
                   const Clock &clock, QObject *parent = nullptr);
    ~DeliveryWorker() override;

    /** "ok", "paused" or "circuit open" */
    QString sinkState(const QString &sink) const;

public Q_SLOTS:
    /** Opens the reader, returns leases of a previous run, and starts sending. */
    void start();
    /** New work may be due (a commit, a manual retry, a clock change in tests). */
    void wake();
    /** A person (or a config change) says the sink's credentials are fixed. */
    void resumeSink(const QString &sink);
    /** Stops claiming; attempts in flight are abandoned (their leases expire; at-least-once). */
    void stop();

Q_SIGNALS:
    void sinkStateChanged(const QString &sink, const QString &state);
    /** After each recorded attempt (tests and the GUI follow progress with it). */
    void attemptRecorded(qint64 deliveryId, const QString &outcome);

private:
    struct Runtime
    {
        SinkConfig config;
        std::unique_ptr<Sink> sink;
        TokenBucket bucket;
        CircuitBreaker breaker;
        QList<DeliveryJob> ready; // claimed, waiting for a token
        int inFlight = 0;
        int claiming = 0;
        bool paused = false;
        QString lastState;
    };
    void pump();
    void claim(Runtime &r, int count, bool probe);
    void dispatch(Runtime &r);
    void send(Runtime &r, const DeliveryJob &job);
    void finished(Runtime &r, const DeliveryJob &job, const AttemptResult &result, qint64 startedAt);
    /** Hands the finished attempts to the writer as one task, unless a batch is with it already. */
    void flushRecords();
    void submitRecords();
    void publishState(Runtime &r);
    void scheduleWake();
    void refreshBacklog();

    std::map<QString, std::unique_ptr<Runtime>> m_sinks;
    EventWriter &m_writer;
    QString m_databasePath;
    DeliveryMetrics &m_metrics;
    const Clock &m_clock;
    StoreReader m_reader;
    PayloadReader m_payloads; // after m_reader: its statement goes before the connection closes
    // Finished attempts not yet with the writer. One batch at a time goes to it: while one commits,
    // the next collects, so a busy drain costs one writer task per batch instead of per attempt.
    QList<AttemptRecord> m_unrecorded;
    bool m_recording = false;
    QTimer m_recordTimer;
    QTimer m_timer;
    QTimer m_backlogTimer;
    bool m_running = false;
    quint64 m_rng = 0x9E3779B97F4A7C15ull;
};

} // namespace ringside
