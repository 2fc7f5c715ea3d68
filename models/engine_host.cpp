#include "models/engine_host.h"

#include "core/clock.h"
#include "delivery/delivery_metrics.h"
#include "delivery/delivery_worker.h"
#include "engine/engine.h"
#include "store/delivery_queue.h"
#include "store/event_writer.h"

namespace ringside {

EngineHost::EngineHost(const Clock &clock, QObject *parent) : QObject(parent), m_clock(clock)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &EngineHost::storeChanged);
    m_sampler.setInterval(500);
    connect(&m_sampler, &QTimer::timeout, this, [this] {
        const LiveStats now = stats();
        const LiveStats &last = m_lastSample;
        // Any counter that moved means rows changed on disk: duplicates, attempts, retries included.
        if (now.pipeline.received != last.pipeline.received || now.delivered != last.delivered
            || now.failedAttempts != last.failedAttempts || now.dead != last.dead || now.backlog != last.backlog)
            noteChange();
        m_lastSample = now;
        Q_EMIT statsSampled(now);
    });
}

EngineHost::~EngineHost()
{
    stop();
}

bool EngineHost::start(const EngineConfig &config, QString *error)
{
    if (!config.validate(error))
        return false;
    stop();
    auto engine = std::make_unique<Engine>(config, m_clock);
    if (!engine->start(error))
        return false;
    m_engine = std::move(engine);
    m_config = m_engine->config();
    m_sinkStates.clear();
    for (const SinkConfig &s : std::as_const(m_config.sinks))
        m_sinkStates.insert(s.name, QStringLiteral("ok"));
    connect(&m_engine->writer(), &EventWriter::committed, this, &EngineHost::noteChange, Qt::QueuedConnection);
    connect(&m_engine->writer(), &EventWriter::healthChanged, this, [this](bool healthy) {
        m_storeHealthy = healthy;
        Q_EMIT statsSampled(stats());
    }, Qt::QueuedConnection);
    if (DeliveryWorker *worker = m_engine->deliveryWorker()) {
        connect(worker, &DeliveryWorker::sinkStateChanged, this, [this](const QString &sink, const QString &state) {
            m_sinkStates.insert(sink, state);
            Q_EMIT sinkStateChanged(sink, state);
        }, Qt::QueuedConnection);
        connect(worker, &DeliveryWorker::attemptRecorded, this, &EngineHost::noteChange, Qt::QueuedConnection);
    }
    m_storeHealthy = true;
    m_sampler.start();
    Q_EMIT runningChanged(true);
    noteChange();
    return true;
}

void EngineHost::stop()
{
    if (!m_engine)
        return;
    m_sampler.stop();
    m_engine->stop();
    m_engine.reset();
    Q_EMIT runningChanged(false);
}

bool EngineHost::isRunning() const
{
    return m_engine != nullptr;
}

QString EngineHost::webhookUrl() const
{
    if (!m_engine)
        return {};
    QHostAddress a = m_config.listenAddress;
    if (a == QHostAddress::Any || a == QHostAddress::AnyIPv4)
        a = QHostAddress::LocalHost;
    else if (a == QHostAddress::AnyIPv6)
        a = QHostAddress::LocalHostIPv6;
    const QString host = a.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(a.toString())
                                                                       : a.toString();
    return QStringLiteral("http://%1:%2/webhooks/unlimcall").arg(host).arg(m_engine->webhookPort());
}

quint16 EngineHost::webhookPort() const
{
    return m_engine ? m_engine->webhookPort() : 0;
}

QString EngineHost::describe() const
{
    return m_engine ? m_engine->describe() : tr("engine stopped");
}

LiveStats EngineHost::stats() const
{
    LiveStats s;
    s.sampledAtMs = m_clock.nowMs();
    s.receiverRunning = m_engine != nullptr;
    s.storeHealthy = m_storeHealthy;
    s.sinkStates = m_sinkStates;
    if (!m_engine)
        return s;
    s.setupWarnings = m_config.warnings + m_engine->warnings();
    s.pipeline = m_engine->metrics().snapshot();
    const DeliveryMetrics &d = m_engine->deliveryMetrics();
    s.delivered = d.succeededTotal();
    s.failedAttempts = d.failedTotal();
    s.dead = d.deadTotal();
    s.processingLatency = d.latency();
    s.backlog = d.backlog();
    return s;
}

void EngineHost::retryDeliveries(const RetryFilter &filter, std::function<void(int, QString)> done)
{
    if (!m_engine) {
        done(0, tr("the engine is not running"));
        return;
    }
    m_engine->retryDeliveries(filter, [this, done = std::move(done)](int n, const QString &error) {
        noteChange();
        done(n, error);
    });
}

void EngineHost::discardDeliveries(const QList<qint64> &ids, const QString &reason,
                                   std::function<void(int, QString)> done)
{
    if (!m_engine) {
        done(0, tr("the engine is not running"));
        return;
    }
    m_engine->discardDeliveries(ids, reason, [this, done = std::move(done)](int n, const QString &error) {
        noteChange();
        done(n, error);
    });
}

void EngineHost::reprocessEvent(qint64 eventId, std::function<void(const ReprocessResult &)> done)
{
    if (!m_engine) {
        done({ReprocessResult::Outcome::Failed, 0, tr("the engine is not running")});
        return;
    }
    m_engine->reprocessEvent(eventId, [this, done = std::move(done)](const ReprocessResult &result) {
        noteChange();
        done(result);
    });
}

void EngineHost::resumeSink(const QString &sink)
{
    if (m_engine)
        m_engine->resumeSink(sink);
}

void EngineHost::noteChange()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

} // namespace ringside
