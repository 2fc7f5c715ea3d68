#include "engine/engine.h"

#include "core/clock.h"
#include "core/thread_handoff.h"
#include "delivery/delivery_metrics.h"
#include "delivery/delivery_worker.h"
#include "engine/admin_service.h"
#include "engine/engine_logging.h"
#include "engine/event_reprocessor.h"
#include "engine/rejected_sampler.h"
#include "engine/webhook_service.h"
#include "ingest/http_server.h"
#include "providers/unlimcall_normaliser.h"
#include "store/delivery_queue.h"
#include "store/event_writer.h"
#include "store/metric_store.h"
#include "store/retention.h"

#include <QCoreApplication>
#include <algorithm>
#include <chrono>
#include <limits>
#include <semaphore>
#include <openssl/crypto.h>
#include <sys/resource.h>

namespace ringside {

Q_LOGGING_CATEGORY(lcEngine, "ringside.engine")

namespace {
constexpr qint64 kPageSize = 4096; // SQLite's default page size

// Every connection is a descriptor, and services usually start with a soft limit of 1024 (systemd,
// most shells): the default max_connections, before the store, the admin port and the CRM's
// connections take theirs. Raise the soft limit toward the hard one, as nginx does with
// worker_rlimit_nofile; a warning when even the hard limit is too low, else empty.
QString ensureDescriptorsFor(int connections)
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return {};
    // Webhook connections, as many again being refused with 503 or being the CRM's, and the rest.
    const rlim_t wanted = rlim_t(std::max(connections, 0)) * 2 + 256;
    if (limit.rlim_cur >= wanted)
        return {};
    const rlim_t raised = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    if (raised > limit.rlim_cur) {
        rlimit next = limit;
        next.rlim_cur = raised;
        if (::setrlimit(RLIMIT_NOFILE, &next) == 0)
            limit = next;
    }
    if (limit.rlim_cur >= wanted)
        return {};
    return QStringLiteral("the open-file limit (%1) is low for %2 connections; raise it (ulimit -n, or "
                          "LimitNOFILE= under systemd) to %3 or set limits/max_connections")
        .arg(quint64(limit.rlim_cur)).arg(connections).arg(quint64(wanted));
}
} // namespace

Engine::Engine(EngineConfig config, const Clock &clock, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_clock(clock), m_deliveryMetrics(std::make_unique<DeliveryMetrics>())
{
    m_rollupTimer.setInterval(m_config.rollupIntervalMs);
    connect(&m_rollupTimer, &QTimer::timeout, this, &Engine::rollupNow);
    m_retentionTimer.setInterval(m_config.retentionIntervalMs);
    connect(&m_retentionTimer, &QTimer::timeout, this, &Engine::purgeExpired);
}

Engine::~Engine()
{
    stop();
}

bool Engine::startListener(Listener &l, QObject *handler, const QHostAddress &address, quint16 port, QString *error)
{
    l.handler = handler;
    l.server = new HttpServer(dynamic_cast<HttpHandler *>(handler), m_config.limits);
    handler->moveToThread(&l.thread);
    l.server->moveToThread(&l.thread);
    l.thread.setObjectName(handler->metaObject()->className() == QByteArrayLiteral("ringside::WebhookService")
                               ? QStringLiteral("rs-webhooks") : QStringLiteral("rs-admin"));
    l.thread.start();
    bool ok = false;
    QString why;
    // Sockets must be created on the thread that serves them.
    invokeOn(l.server, [&] {
        ok = l.server->listen(address, port);
        why = l.server->errorString();
        l.port = l.server->serverPort();
    }, Qt::BlockingQueuedConnection);
    if (!ok)
        *error = QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(why);
    return ok;
}

void Engine::drainListener(Listener &l)
{
    if (!l.server)
        return;
    // std::binary_semaphore rather than QSemaphore: its atomics are compiled into this binary, so
    // ThreadSanitizer sees that the listener thread's work happens before this thread goes on.
    std::binary_semaphore drained{0};
    QMetaObject::Connection c = connect(l.server, &HttpServer::drained, l.server, [&drained] { drained.release(); },
                                        Qt::DirectConnection);
    invokeOn(l.server, [server = l.server] { server->shutdown(); }); // after the connect above, for TSan too
    if (!drained.try_acquire_for(std::chrono::seconds(15)))
        qCWarning(lcEngine) << "connections still open after 15 s; closing them";
    disconnect(c);
}

void Engine::destroyListener(Listener &l)
{
    if (!l.server)
        return;
    // Queued after every writer callback already posted to this thread, so those run first.
    invokeOn(l.server, [&l] {
        delete l.server;
        delete l.handler;
    }, Qt::BlockingQueuedConnection);
    l.server = nullptr;
    l.handler = nullptr;
    l.thread.quit();
    l.thread.wait();
}

bool Engine::start(QString *error)
{
    if (m_running)
        return true;
    if (!m_config.validate(error))
        return false;
    m_warnings.clear();
    if (const QString warning = ensureDescriptorsFor(m_config.limits.maxConnections); !warning.isEmpty()) {
        qCWarning(lcEngine).noquote() << warning;
        m_warnings << warning;
    }
    std::shared_ptr<const Authenticator> auth(createAuthenticator(m_config.auth, m_clock, error).release());
    if (!auth)
        return false;

    EventWriter::Options options;
    options.path = m_config.databasePath;
    options.maxPageCount = m_config.maxDatabaseBytes > 0 ? m_config.maxDatabaseBytes / kPageSize : 0;
    for (const SinkConfig &sink : std::as_const(m_config.sinks))
        options.sinks.append(sink.subscription());
    options.maxBatch = m_config.maxBatch;
    options.probeBytes = m_config.limits.maxBodyBytes;
    m_writer = std::make_unique<EventWriter>(options, m_clock);
    if (!m_writer->start(error))
        return false;
    m_sampler = std::make_unique<RejectedSampler>(*m_writer, m_clock);

    auto *webhooks = new WebhookService(*m_writer, m_metrics, *m_sampler, m_clock);
    const auto unlimcall = std::make_shared<UnlimCallNormaliser>();
    webhooks->addRoute({"/webhooks/unlimcall", unlimcall, auth});
    m_reprocessor = std::make_unique<EventReprocessor>(*m_writer);
    m_reprocessor->addNormaliser(unlimcall);
    EventWriter *writer = m_writer.get();
    auto *admin = new AdminService(m_metrics, [writer] { return writer->isHealthy(); }, m_config.databasePath,
                                   m_config.incompleteAfterMs, m_clock);
    DeliveryMetrics *deliveryMetrics = m_deliveryMetrics.get();
    admin->setExtraMetrics([deliveryMetrics] { return deliveryMetrics->prometheusText(); });

    m_running = true; // from here on stop() undoes whatever started
    if (!startListener(m_webhooks, webhooks, m_config.listenAddress, m_config.listenPort, error)) {
        delete admin; // not handed to a listener yet: nothing else owns it
        stop();
        return false;
    }
    if (!startListener(m_admin, admin, m_config.adminAddress, m_config.effectiveAdminPort(), error)) {
        stop();
        return false;
    }
    m_webhookPort = m_webhooks.port;
    m_adminPort = m_admin.port;
    if (!m_config.sinks.isEmpty()) {
        m_worker = new DeliveryWorker(m_config.sinks, *m_writer, m_config.databasePath, *m_deliveryMetrics, m_clock);
        m_worker->moveToThread(&m_deliveryThread);
        m_deliveryThread.setObjectName(QStringLiteral("rs-delivery"));
        // A commit with new deliveries wakes the worker at once: no polling lag in the normal case.
        connect(m_writer.get(), &EventWriter::committed, m_worker, &DeliveryWorker::wake, Qt::QueuedConnection);
        m_deliveryThread.start();
        invokeOn(m_worker, [w = m_worker] { w->start(); });
    }
    m_rollupTimer.start();
    if (m_config.retentionDays > 0) {
        m_retentionTimer.start();
        QMetaObject::invokeMethod(this, &Engine::purgeExpired, Qt::QueuedConnection);
    }
    qCDebug(lcEngine).noquote() << "started:" << describe() << "auth" << auth->scheme();
    return true;
}

void Engine::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_rollupTimer.stop();
    m_retentionTimer.stop();
    drainListener(m_webhooks); // every request in flight is answered after its commit first
    drainListener(m_admin);
    if (m_worker) // no new claims; attempts in flight are abandoned and their leases expire
        invokeOn(m_worker, [w = m_worker] { w->stop(); }, Qt::BlockingQueuedConnection);
    rollupNow();
    // The writer stops before the handlers go: a job whose client gave up still calls back into
    // its WebhookService, which must exist until the writer is done.
    m_writer->stop();
    destroyListener(m_webhooks);
    destroyListener(m_admin);
    if (m_worker) {
        // After the writer: its last callbacks to the worker are already queued ahead of this.
        invokeOn(m_worker, [this] {
            delete m_worker;
            // The sinks' sockets go now, on this thread, and then OpenSSL's state for it: freed
            // later, during Qt's own thread clean-up, OpenSSL would already have let go of it.
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            OPENSSL_thread_stop();
        }, Qt::BlockingQueuedConnection);
        m_worker = nullptr;
        m_deliveryThread.quit();
        m_deliveryThread.wait();
    }
    m_reprocessor.reset();
    m_sampler.reset();
    m_writer.reset();
}

void Engine::purgeExpired()
{
    if (!m_running || m_config.retentionDays <= 0 || m_purging)
        return;
    m_purging = true;
    m_purgedCalls = 0;
    purgeBatch();
}

void Engine::purgeBatch()
{
    // Small batches, each its own writer task: webhooks committed in between wait for one batch
    // at most, never for the whole backlog.
    constexpr int kBatch = 500;
    const qint64 now = m_clock.nowMs();
    const qint64 cutoff = now - qint64(m_config.retentionDays) * 24 * 3600 * 1000;
    auto purged = std::make_shared<Retention::Purged>();
    m_writer->submitTask([cutoff, now, purged](QSqlDatabase &db, QString *error) {
        return Retention::purge(db, cutoff, now, kBatch, purged.get(), error);
    }, this, [this, purged](bool ok, const QString &error) {
        m_purgedCalls += purged->calls;
        if (ok && purged->more && m_running) {
            purgeBatch();
            return;
        }
        if (!ok)
            qCWarning(lcEngine).noquote() << "retention purge failed:" << error;
        else if (m_purgedCalls > 0)
            qCInfo(lcEngine).noquote() << "retention: removed" << m_purgedCalls << "calls older than"
                                       << m_config.retentionDays << "days";
        m_purging = false;
        Q_EMIT this->purged(m_purgedCalls);
    });
}

void Engine::rollupNow()
{
    if (!m_writer)
        return;
    MinuteRollup::Rows rows = m_rollup.take(m_metrics.snapshot());
    // The delivery side's series: processed (2xx from the CRM), failed attempts, dead, latency buckets.
    const DeliveryMetrics &d = *m_deliveryMetrics;
    const Histogram::Snapshot latency = d.latency();
    const auto addDelta = [&rows](const QString &series, qint64 now, qint64 &last) {
        if (now != last)
            rows.append({series, now - last});
        last = now;
    };
    addDelta(QStringLiteral("delivered"), qint64(d.succeededTotal()), m_lastDelivery.delivered);
    addDelta(QStringLiteral("delivery_failed"), qint64(d.failedTotal()), m_lastDelivery.failed);
    addDelta(QStringLiteral("dead"), qint64(d.deadTotal()), m_lastDelivery.dead);
    const Histogram::Snapshot delta = m_lastDelivery.latency.counts.empty() ? latency : latency - m_lastDelivery.latency;
    for (size_t i = 0; i < delta.counts.size(); ++i) {
        if (delta.counts[i] != 0)
            rows.append({MinuteRollup::bucketSeries("processing_latency", i < delta.bounds.size()
                                                        ? delta.bounds[i] : std::numeric_limits<double>::infinity()),
                         qint64(delta.counts[i])});
    }
    if (delta.count != 0)
        rows.append({QStringLiteral("processing_latency:sum_us"), qint64(delta.sum * 1e6)});
    m_lastDelivery.latency = latency;
    // Rows a failed rollup could not write go into this one: a store outage must not erase
    // the very minutes that show it.
    for (auto it = m_unsavedRollup.cbegin(); it != m_unsavedRollup.cend(); ++it)
        rows.append({it.key(), it.value()});
    m_unsavedRollup.clear();
    if (rows.isEmpty())
        return;
    const qint64 minute = m_clock.nowMs() / 60'000 * 60'000;
    m_writer->submitTask([rows, minute](QSqlDatabase &db, QString *error) {
        return MetricStore::add(db, minute, rows, error);
    }, this, [this, rows](bool ok, const QString &) {
        if (ok)
            return;
        for (const auto &[series, value] : rows)
            m_unsavedRollup[series] += value;
    });
}

void Engine::retryDeliveries(const RetryFilter &filter, std::function<void(int, QString)> done)
{
    auto count = std::make_shared<int>(0);
    const qint64 now = m_clock.nowMs();
    m_writer->submitTask([filter, now, count](QSqlDatabase &db, QString *error) {
        *count = DeliveryQueue::retry(db, filter, now, error);
        return *count >= 0;
    }, this, [this, count, done](bool ok, const QString &error) {
        if (ok && m_worker)
            QMetaObject::invokeMethod(m_worker, &DeliveryWorker::wake, Qt::QueuedConnection);
        if (done)
            done(ok ? *count : -1, error);
    });
}

void Engine::reprocessEvent(qint64 eventId, std::function<void(const ReprocessResult &)> done)
{
    if (!m_reprocessor)
        return done({ReprocessResult::Outcome::Failed, 0, QStringLiteral("the engine is not running")});
    m_reprocessor->reprocess(eventId, std::move(done));
}

void Engine::discardDeliveries(const QList<qint64> &ids, const QString &reason, std::function<void(int, QString)> done)
{
    auto count = std::make_shared<int>(0);
    const qint64 now = m_clock.nowMs();
    m_writer->submitTask([ids, reason, now, count](QSqlDatabase &db, QString *error) {
        *count = DeliveryQueue::discard(db, ids, reason, now, error);
        return *count >= 0;
    }, this, [count, done](bool ok, const QString &error) {
        if (done)
            done(ok ? *count : -1, error);
    });
}

void Engine::resumeSink(const QString &sink)
{
    if (m_worker)
        invokeOn(m_worker, [w = m_worker, sink] { w->resumeSink(sink); });
}

QString Engine::describe() const
{
    return QStringLiteral("webhooks on %1, admin on %2 (/metrics, /healthz), database %3")
        .arg(EngineConfig::endpointUrl(m_config.listenAddress, m_webhookPort),
             EngineConfig::endpointUrl(m_config.adminAddress, m_adminPort), m_config.databasePath);
}

} // namespace ringside
