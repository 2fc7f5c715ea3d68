#include "store/event_writer.h"

#include "core/clock.h"
#include "store/call_record.h"
#include "store/database.h"
#include "store/event_columns.h"
#include "store/schema.h"
#include "store/store_logging.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <future>
#include <unordered_map>

namespace ringside {

struct EventWriter::Job
{
    std::optional<IncomingEvent> event;
    Task task;
    QObject *context = nullptr;
    WriteCallback eventDone;
    std::function<void(bool, QString)> taskDone;
    WriteResult result;
    qint64 bytes = 0;
    bool taskOk = false;
    QString taskError;
};

/** Prepared statements of the write connection, made once per open. */
struct EventWriter::Statements
{
    explicit Statements(QSqlDatabase &db)
        : insertEvent(db), findEvent(db), insertReceipt(db), callEvents(db), upsertCall(db),
          insertDelivery(db), savepoint(db), release(db), rollbackTo(db)
    {
    }
    bool prepare(QString *error)
    {
        const QString columns = QString::fromLatin1(EventColumns::names());
        const QString insertSql = QStringLiteral(
            "INSERT INTO events (dedup_key, status, error, received_at, event_time, content_type, headers, payload, %1)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?%2) ON CONFLICT (dedup_key) DO NOTHING")
            .arg(columns, QStringLiteral(", ?").repeated(EventColumns::count()));
        const QString callEventsSql = QStringLiteral(
            "SELECT dedup_key, received_at, %1 FROM events WHERE call_uuid = ? AND status = 'accepted' AND id <> ?")
            .arg(columns);
        const std::pair<QSqlQuery *, QString> all[] = {
            {&insertEvent, insertSql},
            {&findEvent, QStringLiteral("SELECT id FROM events WHERE dedup_key = ?")},
            {&insertReceipt, QStringLiteral("INSERT INTO event_receipts (event_id, received_at) VALUES (?, ?)")},
            {&callEvents, callEventsSql},
            {&upsertCall, QString::fromLatin1("INSERT INTO calls (call_uuid, provider, state, events_seen, completed, from_number,"
                          " to_number, direction, seat_id, did_id, recording_url, initiated_at, answered_at,"
                          " ended_at, duration_seconds, hangup_cause, hangup_cause_code, outcome, ring_ms,"
                          " talk_ms, first_received_at, last_received_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                          " ON CONFLICT (call_uuid) DO UPDATE SET provider = excluded.provider,"
                          " state = excluded.state, events_seen = excluded.events_seen,"
                          " completed = excluded.completed, from_number = excluded.from_number,"
                          " to_number = excluded.to_number, direction = excluded.direction,"
                          " seat_id = excluded.seat_id, did_id = excluded.did_id,"
                          " recording_url = excluded.recording_url, initiated_at = excluded.initiated_at,"
                          " answered_at = excluded.answered_at, ended_at = excluded.ended_at,"
                          " duration_seconds = excluded.duration_seconds, hangup_cause = excluded.hangup_cause,"
                          " hangup_cause_code = excluded.hangup_cause_code, outcome = excluded.outcome,"
                          " ring_ms = excluded.ring_ms, talk_ms = excluded.talk_ms,"
                          " first_received_at = excluded.first_received_at,"
                          " last_received_at = excluded.last_received_at")},
            {&insertDelivery, QString::fromLatin1("INSERT INTO deliveries (event_id, call_uuid, sink, state, created_at,"
                              " next_attempt_at, idempotency_key) VALUES (?, ?, ?, 'pending', ?, ?, ?)"
                              " ON CONFLICT (event_id, sink) DO NOTHING")},
            {&savepoint, QStringLiteral("SAVEPOINT job")},
            {&release, QStringLiteral("RELEASE job")},
            {&rollbackTo, QStringLiteral("ROLLBACK TO job")},
        };
        for (const auto &[query, sql] : all) {
            if (!query->prepare(sql)) {
                *error = query->lastError().text();
                return false;
            }
        }
        return true;
    }
    QSqlQuery insertEvent, findEvent, insertReceipt, callEvents, upsertCall, insertDelivery;
    QSqlQuery savepoint, release, rollbackTo;
};

namespace {
QVariant orNull(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}
QVariant orNull(const std::optional<int> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Int));
}
QVariant orNull(const QString &v)
{
    return v.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(v);
}
bool execPrepared(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}
} // namespace

EventWriter::EventWriter(Options options, const Clock &clock, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_clock(clock)
{
}

EventWriter::~EventWriter()
{
    stop();
}

bool EventWriter::start(QString *error)
{
    // Open once on the caller's thread first, so a bad path or a newer schema is reported at start
    // with a clear message; the writer thread then opens its own connection.
    QSqlDatabase db = Database::open(m_options.path, Database::Mode::ReadWrite, error);
    if (!db.isValid())
        return false;
    const bool migrated = Schema::migrate(db, error);
    Database::close(db);
    if (!migrated)
        return false;

    std::promise<QString> opened;
    auto openedFuture = opened.get_future();
    m_thread = std::thread([this, &opened] {
        QString err;
        const bool ok = openStore(&err);
        m_healthy.store(ok);
        opened.set_value(ok ? QString() : err);
        run();
    });
    const QString openError = openedFuture.get();
    if (!openError.isEmpty()) {
        *error = openError;
        stop();
        return false;
    }
    return true;
}

void EventWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void EventWriter::submit(IncomingEvent event, QObject *context, WriteCallback done)
{
    const qint64 bytes = event.body.size() + event.headersText.size() + 256;
    Job job;
    job.event = std::move(event);
    job.context = context;
    job.eventDone = std::move(done);
    {
        std::lock_guard lock(m_mutex);
        // A stalled disk must not turn into unbounded memory: past the cap, answer 503 at once.
        if (m_queuedBytes + bytes > m_options.maxQueuedBytes) {
            job.result = {WriteResult::Outcome::Failed, 0, QStringLiteral("write queue full")};
            std::vector<Job> refused;
            refused.push_back(std::move(job));
            finish(refused);
            return;
        }
        m_queuedBytes += bytes;
        job.bytes = bytes;
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void EventWriter::submitTask(Task task, QObject *context, std::function<void(bool, QString)> done)
{
    Job job;
    job.task = std::move(task);
    job.context = context;
    job.taskDone = std::move(done);
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void EventWriter::setMaxPageCount(qint64 pages)
{
    {
        // Under the lock, so the writer cannot miss the wake-up between its check and its wait.
        std::lock_guard lock(m_mutex);
        m_pendingMaxPageCount.store(pages);
    }
    m_wake.notify_one();
}

void EventWriter::setHealthy(bool healthy)
{
    if (m_healthy.exchange(healthy) != healthy) {
        if (healthy)
            qCInfo(lcStore) << "store is writable again";
        else
            qCWarning(lcStore) << "store is not writable; answering 503 until it recovers";
        Q_EMIT healthChanged(healthy);
    }
}

bool EventWriter::openStore(QString *error)
{
    m_db = Database::open(m_options.path, Database::Mode::ReadWrite, error);
    if (!m_db.isValid())
        return false;
    if (m_options.maxPageCount > 0)
        Database::exec(m_db, QStringLiteral("PRAGMA max_page_count = %1").arg(m_options.maxPageCount), nullptr);
    m_stmts = std::make_unique<Statements>(m_db);
    if (!Schema::check(m_db, error) || !m_stmts->prepare(error)) {
        closeStore();
        return false;
    }
    return true;
}

void EventWriter::closeStore()
{
    m_stmts.reset();
    if (m_db.isValid())
        Database::close(m_db);
}

void EventWriter::run()
{
    for (;;) {
        std::vector<Job> batch;
        {
            std::unique_lock lock(m_mutex);
            const auto wakeUp = [this] {
                return !m_queue.empty() || m_stopping || m_pendingMaxPageCount.load() >= 0;
            };
            if (m_healthy.load())
                m_wake.wait(lock, wakeUp);
            else
                m_wake.wait_for(lock, std::chrono::milliseconds(m_options.reopenIntervalMs), wakeUp);
            if (m_queue.empty() && m_stopping)
                break;
            while (!m_queue.empty() && int(batch.size()) < m_options.maxBatch) {
                m_queuedBytes -= m_queue.front().bytes;
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        if (const qint64 pages = m_pendingMaxPageCount.exchange(-1); pages >= 0) {
            m_options.maxPageCount = pages;
            if (m_db.isValid())
                Database::exec(m_db, QStringLiteral("PRAGMA max_page_count = %1")
                                         .arg(pages > 0 ? pages : 4294967294LL), nullptr);
        }
        if (batch.empty()) {
            if (!m_healthy.load())
                setHealthy(probe());
            continue;
        }
        QString error;
        if (!m_db.isValid() && !openStore(&error)) {
            for (Job &job : batch) {
                job.result = {WriteResult::Outcome::Failed, 0, error};
                job.taskError = error;
            }
            setHealthy(false);
        } else if (bool anyFailed = false; commitBatch(batch, &anyFailed, &error)) {
            // Committed, but an event the store could not take (size cap, I/O) means it is not healthy.
            setHealthy(!anyFailed);
        } else {
            qCWarning(lcStore) << "commit failed:" << error;
            for (Job &job : batch) {
                job.result = {WriteResult::Outcome::Failed, 0, error};
                job.taskOk = false;
                job.taskError = error;
            }
            // Reopen on the next round: after an I/O error the connection may be unusable.
            closeStore();
            setHealthy(false);
        }
        finish(batch);
    }
    closeStore();
}

bool EventWriter::commitBatch(std::vector<Job> &batch, bool *anyFailed, QString *error)
{
    if (!Database::exec(m_db, QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    int accepted = 0;
    for (Job &job : batch) {
        QString jobError;
        // A savepoint per job: one event the store cannot take does not sink the others.
        if (!execPrepared(m_stmts->savepoint, &jobError)) {
            *error = jobError;
            Database::exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
        bool ok;
        if (job.event) {
            ok = writeEvent(job, &jobError);
            if (ok && job.result.outcome == WriteResult::Outcome::Accepted)
                ++accepted;
        } else {
            ok = job.task(m_db, &jobError);
            job.taskOk = ok;
            job.taskError = jobError;
        }
        if (ok) {
            execPrepared(m_stmts->release, &jobError);
        } else {
            QString ignored;
            // SQLite rolls the whole transaction back itself on some errors (disk full, I/O):
            // then there is no savepoint left and the whole batch has failed.
            if (!execPrepared(m_stmts->rollbackTo, &ignored)) {
                *error = jobError;
                Database::exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
                return false;
            }
            execPrepared(m_stmts->release, &ignored);
            if (job.event) {
                job.result = {WriteResult::Outcome::Failed, 0, jobError};
                *anyFailed = true;
            }
            qCWarning(lcStore) << "write failed:" << jobError;
        }
    }
    if (!Database::exec(m_db, QStringLiteral("COMMIT"), error)) {
        Database::exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }
    m_commits.fetch_add(1);
    if (accepted > 0)
        Q_EMIT committed(accepted);
    return true;
}

bool EventWriter::writeEvent(Job &job, QString *error)
{
    const IncomingEvent &in = *job.event;
    Statements &s = *m_stmts;
    const bool processable = in.event.has_value();
    QSqlQuery &q = s.insertEvent;
    q.bindValue(0, in.dedupKey);
    q.bindValue(1, processable ? QStringLiteral("accepted") : QStringLiteral("unprocessable"));
    q.bindValue(2, orNull(in.error));
    q.bindValue(3, in.receivedAt);
    q.bindValue(4, processable ? orNull(in.event->eventTime()) : QVariant(QMetaType(QMetaType::LongLong)));
    q.bindValue(5, QString::fromLatin1(in.contentType));
    q.bindValue(6, QString::fromUtf8(in.headersText));
    q.bindValue(7, in.body);
    if (processable) {
        EventColumns::bind(q, 8, *in.event);
    } else {
        // Unprocessable: only what is known for sure; the raw payload keeps the rest.
        CanonicalEvent none;
        none.provider = in.provider;
        EventColumns::bind(q, 8, none);
        q.bindValue(8, QVariant(QMetaType(QMetaType::QString)));  // event
        q.bindValue(9, QVariant(QMetaType(QMetaType::QString)));  // call_uuid
    }
    if (!execPrepared(q, error))
        return false;

    if (q.numRowsAffected() == 0) {
        // Already stored: answer 200 all the same, and keep this receipt for the call's timeline.
        s.findEvent.bindValue(0, in.dedupKey);
        if (!execPrepared(s.findEvent, error) || !s.findEvent.next()) {
            *error = error->isEmpty() ? QStringLiteral("duplicate vanished") : *error;
            return false;
        }
        const qint64 id = s.findEvent.value(0).toLongLong();
        s.findEvent.finish();
        s.insertReceipt.bindValue(0, id);
        s.insertReceipt.bindValue(1, in.receivedAt);
        if (!execPrepared(s.insertReceipt, error))
            return false;
        job.result = {WriteResult::Outcome::Duplicate, id, {}};
        return true;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    if (processable) {
        if (!mergeCall({*in.event, in.dedupKey, in.receivedAt}, id, error)
            || !enqueueDeliveries(id, *in.event, in.receivedAt, error))
            return false;
    }
    job.result = {WriteResult::Outcome::Accepted, id, {}};
    return true;
}

bool EventWriter::mergeCall(const StoredEvent &added, qint64 addedId, QString *error)
{
    Statements &s = *m_stmts;
    // The event just inserted is already in memory; read only the call's other events (none for a new call).
    s.callEvents.bindValue(0, added.event.callUuid);
    s.callEvents.bindValue(1, addedId);
    if (!execPrepared(s.callEvents, error))
        return false;
    QList<StoredEvent> events{added};
    while (s.callEvents.next()) {
        if (auto e = EventColumns::read(s.callEvents, 2))
            events.append({std::move(*e), s.callEvents.value(0).toString(), s.callEvents.value(1).toLongLong()});
    }
    s.callEvents.finish();
    const CallRecord r = CallRecord::fold(events);

    QSqlQuery &u = s.upsertCall;
    int i = 0;
    u.bindValue(i++, r.callUuid);
    u.bindValue(i++, r.provider);
    u.bindValue(i++, eventTypeName(r.state));
    u.bindValue(i++, r.eventsSeen);
    u.bindValue(i++, r.completed() ? 1 : 0);
    u.bindValue(i++, orNull(r.from));
    u.bindValue(i++, orNull(r.to));
    u.bindValue(i++, orNull(r.direction));
    u.bindValue(i++, orNull(r.seatId));
    u.bindValue(i++, orNull(r.didId));
    u.bindValue(i++, orNull(r.recordingUrl));
    u.bindValue(i++, orNull(r.initiatedAt));
    u.bindValue(i++, orNull(r.answeredAt));
    u.bindValue(i++, orNull(r.endedAt));
    u.bindValue(i++, orNull(r.durationSeconds));
    u.bindValue(i++, orNull(r.hangupCause));
    u.bindValue(i++, orNull(r.hangupCauseCode));
    u.bindValue(i++, orNull(r.outcome));
    u.bindValue(i++, orNull(r.ringMs));
    u.bindValue(i++, orNull(r.talkMs));
    u.bindValue(i++, r.firstReceivedAt);
    u.bindValue(i++, r.lastReceivedAt);
    return execPrepared(u, error);
}

bool EventWriter::enqueueDeliveries(qint64 eventId, const CanonicalEvent &event, qint64 now, QString *error)
{
    for (const SinkSubscription &sink : std::as_const(m_options.sinks)) {
        if (!sink.events.contains(event.type))
            continue;
        QSqlQuery &q = m_stmts->insertDelivery;
        q.bindValue(0, eventId);
        q.bindValue(1, event.callUuid);
        q.bindValue(2, sink.name);
        q.bindValue(3, now);
        q.bindValue(4, now);
        // Stable across retries and restarts: the CRM can drop a second copy by this key alone.
        q.bindValue(5, QStringLiteral("%1:%2").arg(sink.name).arg(eventId));
        if (!execPrepared(q, error))
            return false;
    }
    return true;
}

bool EventWriter::probe()
{
    QString error;
    if (!m_db.isValid() && !openStore(&error))
        return false;
    // A real commit of a largest-possible event: succeeds only if the disk (and size cap) has room for one.
    const bool ok = Database::exec(m_db, QStringLiteral("BEGIN IMMEDIATE"), &error)
        && Database::exec(m_db, QStringLiteral("INSERT INTO health_probe (filler) VALUES (zeroblob(%1))")
                                    .arg(m_options.probeBytes), &error)
        && Database::exec(m_db, QStringLiteral("DELETE FROM health_probe"), &error)
        && Database::exec(m_db, QStringLiteral("COMMIT"), &error);
    if (!ok) {
        Database::exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
        closeStore();
    }
    return ok;
}

void EventWriter::finish(std::vector<Job> &batch)
{
    // One queued call per receiving thread and batch, not one per event.
    std::unordered_map<QObject *, std::vector<Job *>> byContext;
    for (Job &job : batch) {
        if (job.context && (job.eventDone || job.taskDone))
            byContext[job.context].push_back(&job);
    }
    for (auto &[context, jobs] : byContext) {
        auto callbacks = std::make_shared<std::vector<std::function<void()>>>();
        for (Job *job : jobs) {
            if (job->eventDone)
                callbacks->push_back([cb = std::move(job->eventDone), r = job->result] { cb(r); });
            else
                callbacks->push_back([cb = std::move(job->taskDone), ok = job->taskOk, e = job->taskError] { cb(ok, e); });
        }
        QMetaObject::invokeMethod(context, [callbacks] {
            for (auto &cb : *callbacks)
                cb();
        }, Qt::QueuedConnection);
    }
}

} // namespace ringside
