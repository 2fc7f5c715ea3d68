#include "store/event_writer.h"

#include "core/clock.h"
#include "core/thread_handoff.h"
#include "store/call_record.h"
#include "store/database.h"
#include "store/event_columns.h"
#include "store/schema.h"
#include "store/sqlite_statement.h"
#include "store/store_logging.h"
#include "store/wal_checkpointer.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <future>
#include <pthread.h>
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
    bool prepare(QSqlDatabase &db, QString *error)
    {
        sqlite3 *handle = SqliteStatement::handleOf(db);
        if (!handle) {
            *error = QStringLiteral("not an SQLite connection");
            return false;
        }
        const QByteArray columns = EventColumns::names();
        const QByteArray insertSql =
            "INSERT INTO events (dedup_key, status, error, received_at, event_time, content_type, headers, payload, "
            + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?" + QByteArray(", ?").repeated(EventColumns::count())
            + ") ON CONFLICT (dedup_key) DO NOTHING";
        const QByteArray callEventsSql = "SELECT dedup_key, received_at, " + columns
            + " FROM events WHERE call_uuid = ? AND status = 'accepted' AND id <> ?";
        const QByteArray insertCallSql =
            "INSERT INTO calls (call_uuid, provider, state, events_seen, completed, from_number, to_number,"
            " direction, seat_id, did_id, recording_url, initiated_at, answered_at, ended_at, duration_seconds,"
            " hangup_cause, hangup_cause_code, outcome, ring_ms, talk_ms, first_received_at, last_received_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        const std::pair<SqliteStatement *, QByteArray> all[] = {
            {&begin, "BEGIN IMMEDIATE"},
            {&commit, "COMMIT"},
            {&insertEvent, insertSql},
            {&findEvent, "SELECT id FROM events WHERE dedup_key = ?"},
            {&insertReceipt, "INSERT INTO event_receipts (event_id, received_at) VALUES (?, ?)"},
            {&callEvents, callEventsSql},
            {&insertNewCall, insertCallSql + " ON CONFLICT (call_uuid) DO NOTHING"},
            {&upsertCall, insertCallSql + " ON CONFLICT (call_uuid) DO UPDATE SET provider = excluded.provider,"
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
                          " last_received_at = excluded.last_received_at"},
            {&insertDelivery, "INSERT INTO deliveries (event_id, call_uuid, sink, state, created_at,"
                              " budget_start_at, next_attempt_at, idempotency_key)"
                              " VALUES (?, ?, ?, 'pending', ?, ?, ?, ?)"
                              " ON CONFLICT (event_id, sink) DO NOTHING"},
            {&savepoint, "SAVEPOINT job"},
            {&release, "RELEASE job"},
            {&rollbackTo, "ROLLBACK TO job"},
        };
        for (const auto &[statement, sql] : all) {
            if (!statement->prepare(handle, sql.constData(), error))
                return false;
        }
        return true;
    }
    SqliteStatement begin, commit;
    SqliteStatement insertEvent, findEvent, insertReceipt, callEvents, insertNewCall, upsertCall, insertDelivery;
    SqliteStatement savepoint, release, rollbackTo;
};

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
    if (!Schema::migrateFile(m_options.path, error))
        return false;

    m_checkpointer = std::make_unique<WalCheckpointer>(WalCheckpointer::Options{m_options.path});
    std::promise<QString> opened;
    auto openedFuture = opened.get_future();
    m_thread = std::thread([this, &opened] {
        pthread_setname_np(pthread_self(), "rs-writer"); // visible in top -H and gdb
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
    m_checkpointer->start();
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
    if (m_checkpointer)
        m_checkpointer->stop(); // after the writer: nothing appends to the WAL any more
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
    // A WAL that grew while a reader held old frames is cut back to this when it starts over.
    Database::exec(m_db, QStringLiteral("PRAGMA journal_size_limit = %1").arg(64 * 1024 * 1024), nullptr);
    m_stmts = std::make_unique<Statements>();
    if (!Schema::check(m_db, error) || !m_stmts->prepare(m_db, error)) {
        closeStore();
        return false;
    }
    m_handle = SqliteStatement::handleOf(m_db);
    m_checkpointer->attach(m_handle);
    return true;
}

void EventWriter::closeStore()
{
    m_handle = nullptr;
    m_stmts.reset();
    if (m_db.isValid())
        Database::close(m_db);
}

void EventWriter::run()
{
    for (;;) {
        std::vector<Job> batch;
        qint64 batchBytes = 0; // still counted against maxQueuedBytes until the batch is answered
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
                batchBytes += m_queue.front().bytes;
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
        bool committed = false;
        int accepted = 0;
        if (!m_db.isValid() && !openStore(&error)) {
            for (Job &job : batch) {
                job.result = {WriteResult::Outcome::Failed, 0, error};
                job.taskError = error;
            }
            setHealthy(false);
        } else if (bool anyFailed = false; commitBatch(batch, &anyFailed, &accepted, &error)) {
            // Committed, but an event the store could not take (size cap, I/O) means it is not healthy.
            setHealthy(!anyFailed);
            committed = true;
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
        answer(batch, committed ? accepted : 0); // a failed commit may have counted events first
        {
            // Only now: a batch stuck in a slow commit holds its bodies in memory as much as the queue does.
            std::lock_guard lock(m_mutex);
            m_queuedBytes -= batchBytes;
        }
        // After answering: a checkpoint the writer has to run itself then delays no response.
        if (committed)
            m_checkpointer->afterCommit(m_handle);
    }
    closeStore();
}

void EventWriter::answer(std::vector<Job> &batch, int accepted)
{
    if (accepted > 0)
        Q_EMIT committed(accepted);
    finish(batch);
}

bool EventWriter::commitBatch(std::vector<Job> &batch, bool *anyFailed, int *accepted, QString *error)
{
    if (!m_stmts->begin.exec(error))
        return false;
    // Events first, without a savepoint each: a savepoint copies every page an event touches into
    // the sub-journal, the writer's largest cost after the WAL itself. Only if one of them fails is
    // the batch redone with a savepoint per event, so that the bad one fails alone.
    *accepted = 0;
    if (writeEvents(batch, Isolation::None, accepted, error) != BatchOutcome::Written) {
        Database::exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
        if (!m_stmts->begin.exec(error))
            return false;
        *accepted = 0;
        if (writeEvents(batch, Isolation::SavepointPerEvent, accepted, error) == BatchOutcome::Lost) {
            Database::exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
        *anyFailed = std::any_of(batch.cbegin(), batch.cend(), [](const Job &job) {
            return job.event && job.result.outcome == WriteResult::Outcome::Failed;
        });
    }
    // Tasks after the events (they are rare): each in its own savepoint, so a failing task
    // fails alone and never makes the events run twice.
    for (Job &job : batch) {
        if (job.event)
            continue;
        if (!inSavepoint([&](QString *jobError) { return job.task(m_db, jobError); }, &job.taskError, error)) {
            Database::exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
        job.taskOk = job.taskError.isEmpty();
    }
    if (!m_stmts->commit.exec(error)) {
        Database::exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }
    m_commits.fetch_add(1);
    return true;
}

EventWriter::BatchOutcome EventWriter::writeEvents(std::vector<Job> &batch, Isolation isolation, int *accepted,
                                                   QString *error)
{
    bool anyFailed = false;
    for (Job &job : batch) {
        if (!job.event)
            continue;
        QString jobError;
        bool ok;
        if (isolation == Isolation::None) {
            ok = writeEvent(job, &jobError);
            if (!ok) {
                *error = jobError;
                return BatchOutcome::EventFailed;
            }
        } else {
            if (!inSavepoint([&](QString *e) { return writeEvent(job, e); }, &jobError, error))
                return BatchOutcome::Lost;
            ok = jobError.isEmpty();
        }
        if (!ok) {
            job.result = {WriteResult::Outcome::Failed, 0, jobError};
            anyFailed = true;
            qCWarning(lcStore) << "write failed:" << jobError;
        } else if (job.result.outcome == WriteResult::Outcome::Accepted) {
            ++*accepted;
        }
    }
    return anyFailed ? BatchOutcome::EventFailed : BatchOutcome::Written;
}

bool EventWriter::inSavepoint(const std::function<bool(QString *)> &work, QString *workError, QString *error)
{
    workError->clear();
    if (!m_stmts->savepoint.exec(error))
        return false;
    if (work(workError)) {
        m_stmts->release.exec(nullptr);
        workError->clear();
        return true;
    }
    if (workError->isEmpty())
        *workError = QStringLiteral("unknown error");
    // SQLite rolls the whole transaction back itself on some errors (disk full, I/O): then there
    // is no savepoint left and the whole batch has failed.
    QString ignored;
    if (!m_stmts->rollbackTo.exec(&ignored)) {
        *error = *workError;
        return false;
    }
    m_stmts->release.exec(&ignored);
    return true;
}

bool EventWriter::writeEvent(Job &job, QString *error)
{
    const IncomingEvent &in = *job.event;
    if (in.replacesEventId != 0 && !takeUnprocessable(in.replacesEventId, error))
        return false;
    if (!insertEvent(job, error))
        return false;
    // The replaced event's receipts (its duplicates) belong to whatever it became.
    return in.replacesEventId == 0 || moveReceipts(in.replacesEventId, job.result.eventId, error);
}

bool EventWriter::takeUnprocessable(qint64 id, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM events WHERE id = ? AND status = 'unprocessable'"));
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    if (q.numRowsAffected() != 1) {
        *error = QStringLiteral("event %1 is not an unprocessable event (already reprocessed?)").arg(id);
        return false;
    }
    return true;
}

bool EventWriter::moveReceipts(qint64 from, qint64 to, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE event_receipts SET event_id = ? WHERE event_id = ?"));
    q.addBindValue(to);
    q.addBindValue(from);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

bool EventWriter::insertEvent(Job &job, QString *error)
{
    const IncomingEvent &in = *job.event;
    Statements &s = *m_stmts;
    const bool processable = in.event.has_value();
    static const QString accepted = QStringLiteral("accepted"), unprocessable = QStringLiteral("unprocessable");
    const QString contentType = QString::fromLatin1(in.contentType);
    const QString headers = QString::fromUtf8(in.headersText);
    CanonicalEvent none; // unprocessable: only the provider is known for sure; the raw payload keeps the rest
    none.provider = in.provider;

    SqliteStatement &q = s.insertEvent;
    q.bind(1, in.dedupKey);
    q.bind(2, processable ? accepted : unprocessable);
    q.bind(3, in.error);
    q.bind(4, in.receivedAt);
    q.bind(5, processable ? in.event->eventTime() : std::nullopt);
    q.bind(6, contentType);
    q.bind(7, headers);
    q.bind(8, in.body.isNull() ? QByteArray("") : in.body);
    EventColumns::bind(q, 9, processable ? *in.event : none);
    if (!processable) {
        q.bindNull(9);  // event
        q.bindNull(10); // call_uuid
    }
    if (!q.exec(error))
        return false;

    if (q.changes() == 0) {
        // Already stored: answer 200 all the same, and keep this receipt for the call's timeline.
        s.findEvent.bind(1, in.dedupKey);
        const bool found = s.findEvent.next();
        const qint64 id = found ? s.findEvent.columnInt(0) : 0;
        s.findEvent.reset();
        if (!found) {
            *error = QStringLiteral("duplicate vanished");
            return false;
        }
        s.insertReceipt.bind(1, id);
        s.insertReceipt.bind(2, in.receivedAt);
        if (!s.insertReceipt.exec(error))
            return false;
        job.result = {WriteResult::Outcome::Duplicate, id, {}};
        return true;
    }
    const qint64 id = q.lastInsertId();
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
    // A call's first event (the common case) is the whole record: insert it without looking for
    // the call's other events. Every accepted event of a call is merged into its row in the same
    // transaction, so no row means no other events.
    const CallRecord alone = CallRecord::fold({added}); // bound by reference: alive until exec
    bindCall(s.insertNewCall, alone);
    if (!s.insertNewCall.exec(error))
        return false;
    if (s.insertNewCall.changes() == 1)
        return true;

    // The event just inserted is already in memory; read only the call's other events.
    QList<StoredEvent> events{added};
    SqliteStatement &q = s.callEvents;
    q.bind(1, added.event.callUuid);
    q.bind(2, addedId);
    while (q.next()) {
        if (auto e = EventColumns::read(q, 2))
            events.append({std::move(*e), q.columnText(0), q.columnInt(1)});
    }
    if (q.failed()) {
        *error = q.error();
        q.reset();
        return false;
    }
    q.reset();
    const CallRecord merged = CallRecord::fold(std::move(events));
    bindCall(s.upsertCall, merged);
    return s.upsertCall.exec(error);
}

void EventWriter::bindCall(SqliteStatement &u, const CallRecord &r)
{
    static const QString unknown = QStringLiteral("unknown");
    static const QString states[] = {eventTypeName(EventType::Initiated), eventTypeName(EventType::Answered),
                                     eventTypeName(EventType::Completed)};
    int i = 1;
    u.bind(i++, r.callUuid);
    u.bind(i++, r.provider.isEmpty() ? unknown : r.provider);
    u.bind(i++, states[int(r.state)]);
    u.bind(i++, qint64(r.eventsSeen));
    u.bind(i++, qint64(r.completed() ? 1 : 0));
    u.bind(i++, r.from);
    u.bind(i++, r.to);
    u.bind(i++, r.direction);
    u.bind(i++, r.seatId);
    u.bind(i++, r.didId);
    u.bind(i++, r.recordingUrl);
    u.bind(i++, r.initiatedAt);
    u.bind(i++, r.answeredAt);
    u.bind(i++, r.endedAt);
    u.bind(i++, r.durationSeconds);
    u.bind(i++, r.hangupCause);
    u.bind(i++, r.hangupCauseCode ? std::optional<qint64>(*r.hangupCauseCode) : std::nullopt);
    u.bind(i++, r.outcome);
    u.bind(i++, r.ringMs);
    u.bind(i++, r.talkMs);
    u.bind(i++, r.firstReceivedAt);
    u.bind(i++, r.lastReceivedAt);
}

bool EventWriter::enqueueDeliveries(qint64 eventId, const CanonicalEvent &event, qint64 now, QString *error)
{
    for (const SinkSubscription &sink : std::as_const(m_options.sinks)) {
        if (!sink.events.contains(event.type))
            continue;
        // Stable across retries and restarts: the CRM can drop a second copy by this key alone.
        const QString key = QStringLiteral("%1:%2").arg(sink.name).arg(eventId);
        SqliteStatement &q = m_stmts->insertDelivery;
        q.bind(1, eventId);
        q.bind(2, event.callUuid);
        q.bind(3, sink.name);
        q.bind(4, now);
        q.bind(5, now);
        q.bind(6, now);
        q.bind(7, key);
        if (!q.exec(error))
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
            // The event goes along to be freed on the thread that allocated it, not on the writer's.
            if (job->eventDone) {
                callbacks->push_back(
                    [cb = std::move(job->eventDone), r = job->result, e = std::move(job->event)] { cb(r); });
            } else {
                callbacks->push_back(
                    [cb = std::move(job->taskDone), ok = job->taskOk, e = job->taskError] { cb(ok, e); });
            }
        }
        // The only reference goes with the call, so the callbacks (and the events in them) are
        // destroyed on the receiving thread whichever thread finishes first.
        invokeOn(context, [callbacks = std::move(callbacks)] {
            for (auto &cb : *callbacks)
                cb();
        });
    }
}

} // namespace ringside
