#include "delivery/delivery_worker.h"

#include "core/clock.h"
#include "delivery/delivery_logging.h"
#include "delivery/delivery_metrics.h"
#include "delivery/hubspot_sink.h"
#include "delivery/webhook_sink.h"
#include "store/event_writer.h"

namespace ringside {

Q_LOGGING_CATEGORY(lcDelivery, "ringside.delivery")

namespace {
constexpr qint64 kLeaseMs = 5 * 60 * 1000;   // longer than any attempt's timeout
constexpr int kFallbackPollMs = 5000;         // picks up retries made by another process (ringsided retry)
// Rounds of the sink's concurrency kept claimed ahead. A claim waits for a writer commit (an fsync,
// and on a busy machine milliseconds until the writer thread runs): with only two rounds ahead a
// fast CRM drained the ready list first, and sending stalled on every claim.
constexpr int kClaimAheadRounds = 16;
// A rate-limited sink claims ahead no more than its bucket lets out in this time.
constexpr qint64 kClaimAheadMs = 10'000;

/** How many deliveries a sink keeps claimed ahead (in flight, being claimed or ready). */
int claimWindow(const SinkConfig &c)
{
    qint64 window = qint64(kClaimAheadRounds) * c.concurrency;
    if (c.ratePerSecond > 0)
        window = qMin(window, qMax<qint64>(c.concurrency, qint64(c.burst + c.ratePerSecond * kClaimAheadMs / 1000.0)));
    return int(window);
}

/** Whether an attempt started now could still end inside the delivery's lease: one that
 *  outlived its lease could be claimed and sent a second time meanwhile. The HubSpot sink makes up
 *  to two requests per attempt, each with the full timeout. */
bool leaseLeftFor(const DeliveryJob &job, const SinkConfig &c, qint64 now)
{
    // At most half a lease: a fresh claim always qualifies, so this can never give back forever.
    return job.leaseUntil - now > qMin(2 * qint64(c.timeoutMs) + 5'000, kLeaseMs / 2);
}

QString errorClassOf(const AttemptResult &r)
{
    if (r.httpStatus == 0)
        return r.timedOut ? QStringLiteral("timeout") : QStringLiteral("network");
    if (r.httpStatus == 401 || r.httpStatus == 403)
        return QStringLiteral("auth");
    if (r.httpStatus == 429)
        return QStringLiteral("rate_limited");
    if (r.httpStatus >= 500)
        return QStringLiteral("http_5xx");
    return QStringLiteral("http_4xx");
}
} // namespace

DeliveryWorker::DeliveryWorker(QList<SinkConfig> sinks, EventWriter &writer, QString databasePath,
                               DeliveryMetrics &metrics, const Clock &clock, QObject *parent)
    : QObject(parent), m_writer(writer), m_databasePath(std::move(databasePath)), m_metrics(metrics), m_clock(clock),
      m_recordTimer(this), m_timer(this), m_backlogTimer(this)
{
    for (const SinkConfig &c : sinks) {
        auto r = std::make_unique<Runtime>(Runtime{
            c, nullptr, TokenBucket(qint64(c.burst > 0 ? c.burst : c.ratePerSecond), c.ratePerSecond),
            CircuitBreaker(c.breakerThreshold, c.breakerOpenMs), {}, 0, 0, false, {}});
        m_sinks.emplace(c.name, std::move(r));
        m_metrics.setSinkState(c.name, QStringLiteral("ok")); // scraped before the first pump, too
    }
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DeliveryWorker::pump);
    // Zero interval: the attempts that finish in one pass of the event loop go to the writer together.
    m_recordTimer.setSingleShot(true);
    connect(&m_recordTimer, &QTimer::timeout, this, &DeliveryWorker::flushRecords);
    m_backlogTimer.setInterval(2000);
    connect(&m_backlogTimer, &QTimer::timeout, this, &DeliveryWorker::refreshBacklog);
}

DeliveryWorker::~DeliveryWorker() = default;

void DeliveryWorker::start()
{
    // Created here so their sockets live on the worker's thread.
    for (auto &[name, r] : m_sinks) {
        if (r->config.type == SinkConfig::Type::HubSpot)
            r->sink = std::make_unique<HubSpotSink>(r->config);
        else
            r->sink = std::make_unique<WebhookSink>(r->config);
    }
    QString error;
    if (!m_reader.open(m_databasePath, &error))
        qCWarning(lcDelivery) << "cannot read the store:" << error;
    m_running = true;
    // Whatever a crashed run had in flight goes back to the queue before anything is claimed.
    m_writer.submitTask([](QSqlDatabase &db, QString *err) { return DeliveryQueue::releaseLeases(db, err); }, this,
                        [this](bool, const QString &) { pump(); });
    m_backlogTimer.start();
}

void DeliveryWorker::stop()
{
    m_running = false;
    m_timer.stop();
    m_backlogTimer.stop();
    // Abandon in-flight attempts without recording them: their leases expire and they are retried.
    for (auto &[name, r] : m_sinks) {
        if (r->sink)
            r->sink->abandon();
    }
    // Attempts that did finish are recorded: the writer commits what is queued before it stops.
    m_recordTimer.stop();
    if (!m_unrecorded.isEmpty())
        submitRecords();
}

void DeliveryWorker::wake()
{
    if (m_running)
        pump();
}

void DeliveryWorker::resumeSink(const QString &sink)
{
    auto it = m_sinks.find(sink);
    if (it == m_sinks.end())
        return;
    it->second->paused = false;
    publishState(*it->second);
    pump();
}

QString DeliveryWorker::sinkState(const QString &sink) const
{
    auto it = m_sinks.find(sink);
    return it == m_sinks.end() ? QString() : it->second->lastState;
}

void DeliveryWorker::publishState(Runtime &r)
{
    QString state = QStringLiteral("ok");
    if (r.paused)
        state = QStringLiteral("paused");
    else if (r.breaker.state() != CircuitBreaker::State::Closed)
        state = QStringLiteral("circuit open");
    if (state != r.lastState) {
        if (!r.lastState.isEmpty()) // the first "ok" at start is not news
            qCInfo(lcDelivery).noquote() << "sink" << r.config.name << "is" << state;
        r.lastState = state;
        m_metrics.setSinkState(r.config.name, state);
        Q_EMIT sinkStateChanged(r.config.name, state);
    }
}

void DeliveryWorker::pump()
{
    if (!m_running)
        return;
    const qint64 now = m_clock.nowMs();
    for (auto &[name, rp] : m_sinks) {
        Runtime &r = *rp;
        publishState(r);
        if (r.paused)
            continue;
        dispatch(r);
        if (r.breaker.state() == CircuitBreaker::State::Closed) {
            // Keep work claimed ahead, and claim in chunks: a send must not wait for a claim's
            // commit, and one commit should lease many deliveries.
            const int window = claimWindow(r.config);
            const int room = window - r.inFlight - r.claiming - int(r.ready.size());
            if (room >= qMax(1, window / 4) || (r.inFlight == 0 && r.claiming == 0 && room > 0))
                claim(r, room, false);
        } else if (r.inFlight == 0 && r.claiming == 0 && r.ready.isEmpty() && r.breaker.allow(now)) {
            // The circuit is open: one probe, and queued deliveries are not burned meanwhile.
            claim(r, 1, true);
        }
    }
    scheduleWake();
}

void DeliveryWorker::claim(Runtime &r, int count, bool probe)
{
    r.claiming += count;
    const QString sink = r.config.name;
    const qint64 now = m_clock.nowMs();
    auto jobs = std::make_shared<QList<DeliveryJob>>();
    m_writer.submitTask([sink, now, count, jobs](QSqlDatabase &db, QString *error) {
        *jobs = DeliveryQueue::claim(db, sink, now, kLeaseMs, count, error);
        return error->isEmpty();
    }, this, [this, &r, count, jobs, probe](bool, const QString &) {
        r.claiming -= count;
        if (!m_running) // leases expire; the next start releases them
            return;
        if (probe && jobs->isEmpty())
            r.breaker.abandonProbe(m_clock.nowMs()); // nothing to probe with; try again later
        r.ready.append(*jobs);
        dispatch(r);
        // Nothing due now (the rest waits for a retry time): arm the timer for the next one.
        scheduleWake();
        // A full claim means there may be more: ask again once slots free up (finished() pumps).
    });
}

void DeliveryWorker::dispatch(Runtime &r)
{
    const qint64 now = m_clock.nowMs();
    // An open circuit sends nothing either (its probe goes out HalfOpen); a failure inside the loop
    // can open it.
    const auto holding = [&r] { return r.paused || r.breaker.state() == CircuitBreaker::State::Open; };
    QList<qint64> expiring;
    while (!r.ready.isEmpty() && r.inFlight < r.config.concurrency && !holding()) {
        if (!leaseLeftFor(r.ready.first(), r.config, now)) {
            // Waited too long in the ready list (a slow or rate-limited CRM): back to the queue,
            // from where it is claimed again with a fresh lease, in order.
            expiring << r.ready.takeFirst().id;
            continue;
        }
        if (!r.bucket.tryTake(now)) {
            m_timer.start(int(qBound<qint64>(1, r.bucket.msUntilAvailable(now), qint64(60'000))));
            break;
        }
        send(r, r.ready.takeFirst());
    }
    if (!expiring.isEmpty()) {
        m_writer.submitTask([expiring](QSqlDatabase &db, QString *error) {
            return DeliveryQueue::unlease(db, expiring, error);
        }, this, [this](bool, const QString &) { pump(); });
    }
    if (holding() && !r.ready.isEmpty()) {
        // Give the leases back: nothing is sent while the credentials are wrong or the CRM is down,
        // and what was claimed ahead must not be burned on it.
        QList<qint64> ids;
        for (const DeliveryJob &j : std::as_const(r.ready))
            ids << j.id;
        r.ready.clear();
        m_writer.submitTask([ids](QSqlDatabase &db, QString *error) { return DeliveryQueue::unlease(db, ids, error); });
    }
}

void DeliveryWorker::send(Runtime &r, const DeliveryJob &job)
{
    QString error;
    DeliveryPayload payload;
    payload.job = job;
    payload.nowMs = m_clock.nowMs();
    if (!m_payloads.read(m_reader.database(), payload, &error)) {
        AttemptResult missing;
        missing.error = QStringLiteral("cannot read the call or event from the store: %1").arg(error);
        finished(r, job, missing, payload.nowMs);
        return;
    }
    ++r.inFlight;
    const qint64 startedAt = payload.nowMs;
    r.sink->send(payload, [this, &r, job, startedAt](const AttemptResult &result) {
        --r.inFlight;
        finished(r, job, result, startedAt);
        pump(); // the slot is free: the next delivery goes now, not after this one's record commits
    });
}

void DeliveryWorker::finished(Runtime &r, const DeliveryJob &job, const AttemptResult &result, qint64 startedAt)
{
    const qint64 now = m_clock.nowMs();
    const auto verdict = RetryPolicy::classify(result.httpStatus, result.httpStatus == 0);
    const auto retryAfter = result.retryAfter.isEmpty() ? std::nullopt
                                                        : RetryPolicy::parseRetryAfter(result.retryAfter, now);
    // xorshift: jitter needs spread, not cryptographic quality.
    m_rng ^= m_rng << 13;
    m_rng ^= m_rng >> 7;
    m_rng ^= m_rng << 17;
    const double random01 = double(m_rng >> 11) / double(1ull << 53);
    const auto decision = r.config.retry.decide(job.attempts + 1, job.budgetStartAt, now, verdict, retryAfter,
                                                random01, result.error);

    AttemptRecord a;
    a.deliveryId = job.id;
    a.startedAt = startedAt;
    a.durationMs = now - startedAt;
    a.httpStatus = result.httpStatus;
    a.error = result.error;
    a.responseExcerpt = result.responseExcerpt;
    a.errorClass = verdict == RetryPolicy::Verdict::Delivered ? QString() : errorClassOf(result);
    a.sink = r.config.name;
    a.callUuid = job.callUuid;
    a.objectId = result.objectId;
    switch (decision.state) {
    case RetryPolicy::Decision::State::Delivered:
        a.outcome = QStringLiteral("delivered");
        a.newState = AttemptRecord::NewState::Delivered;
        r.breaker.recordSuccess();
        m_metrics.succeeded(double(now - job.createdAt) / 1000.0);
        break;
    case RetryPolicy::Decision::State::Retry:
        a.outcome = QStringLiteral("retry");
        a.newState = AttemptRecord::NewState::Retrying;
        a.nextAttemptAt = decision.nextAttemptAtMs;
        r.breaker.recordFailure(now);
        m_metrics.failedAttempt();
        break;
    case RetryPolicy::Decision::State::Dead:
        a.outcome = QStringLiteral("dead");
        a.newState = AttemptRecord::NewState::Dead;
        a.error = decision.reason.isEmpty() ? result.error : decision.reason;
        if (verdict == RetryPolicy::Verdict::Transient)
            r.breaker.recordFailure(now);
        else // a permanent 4xx still says the sink is up
            r.breaker.recordSuccess();
        m_metrics.failedAttempt();
        m_metrics.dead();
        break;
    case RetryPolicy::Decision::State::Paused:
        // Every write would fail: stop sending, spend no attempt, wait for a person.
        a.outcome = QStringLiteral("paused");
        a.newState = AttemptRecord::NewState::Unchanged;
        a.countsAgainstBudget = false;
        r.paused = true;
        m_metrics.failedAttempt();
        qCWarning(lcDelivery).noquote() << "sink" << r.config.name << "paused:" << result.error;
        break;
    }
    publishState(r);
    m_unrecorded.append(std::move(a));
    if (!m_recording && !m_recordTimer.isActive())
        m_recordTimer.start(0);
}

void DeliveryWorker::flushRecords()
{
    if (!m_recording && !m_unrecorded.isEmpty())
        submitRecords();
}

void DeliveryWorker::submitRecords()
{
    m_recording = true;
    auto batch = std::make_shared<const QList<AttemptRecord>>(std::exchange(m_unrecorded, {}));
    m_writer.submitTask([batch](QSqlDatabase &db, QString *error) { return DeliveryQueue::record(db, *batch, error); },
                        this, [this, batch](bool ok, const QString &error) {
        m_recording = false;
        // Not recorded: the deliveries keep their leases, which expire, and are sent again.
        if (!ok)
            qCWarning(lcDelivery) << "cannot record" << batch->size() << "attempts:" << error;
        for (const AttemptRecord &a : *batch)
            Q_EMIT attemptRecorded(a.deliveryId, a.outcome);
        if (m_running)
            flushRecords(); // what finished while this batch was committing
        pump();
    });
}

void DeliveryWorker::scheduleWake()
{
    // While attempts are in flight (or their records on the way) their completions pump again; the
    // lookup below is for idle times.
    if (m_recording || !m_unrecorded.isEmpty())
        return;
    for (const auto &[name, r] : m_sinks)
        if (r->inFlight > 0 || r->claiming > 0)
            return;
    QStringList active;
    for (const auto &[name, r] : m_sinks)
        if (!r->paused)
            active << name;
    QString error;
    const auto due = m_reader.isOpen() ? DeliveryQueue::nextDue(m_reader.database(), active, &error) : std::nullopt;
    qint64 wait = kFallbackPollMs;
    if (due)
        wait = qBound<qint64>(0, *due - m_clock.nowMs(), qint64(kFallbackPollMs));
    for (const auto &[name, r] : m_sinks)
        if (r->breaker.state() == CircuitBreaker::State::Open)
            wait = qMin(wait, qMax<qint64>(1, r->breaker.msUntilProbe(m_clock.nowMs())));
    if (!m_timer.isActive() || m_timer.remainingTime() > wait)
        m_timer.start(int(qMax<qint64>(wait, 10)));
}

void DeliveryWorker::refreshBacklog()
{
    QString error;
    if (m_reader.isOpen())
        m_metrics.setBacklog(DeliveryQueue::countByState(m_reader.database(), &error));
}

} // namespace ringside
