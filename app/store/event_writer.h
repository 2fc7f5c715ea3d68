#pragma once

#include "store/call_record.h"
#include "store/incoming_event.h"

#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

struct sqlite3;

namespace ringside {

class Clock;
class SqliteStatement;
class WalCheckpointer;

/** The single write connection: a thread that commits whatever arrived together in one
 *  transaction (group commit) and reports each event's fate only after COMMIT returned. */
class EventWriter : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString path;
        int maxBatch = 1024;
        /** 0 = no limit; otherwise PRAGMA max_page_count, a hard cap on the file's size. */
        qint64 maxPageCount = 0;
        int reopenIntervalMs = 1000;
        /** Queued bytes (bodies waiting for a commit) beyond which new events fail at once with 503. */
        qint64 maxQueuedBytes = 256LL * 1024 * 1024;
        /** The health probe commits this much, so "healthy" means the largest event fits. */
        qint64 probeBytes = 1024 * 1024;
        QList<SinkSubscription> sinks;
    };
    /** Work that runs inside the writer's transaction (rollups, samples, delivery bookkeeping). */
    using Task = std::function<bool(QSqlDatabase &db, QString *error)>;

    EventWriter(Options options, const Clock &clock, QObject *parent = nullptr);
    ~EventWriter() override;

    /** Opens the database, migrates it and starts the thread; false with *error if it cannot. */
    bool start(QString *error);
    /** Commits what is queued, answers it, and closes the database. */
    void stop();

    /** Queues one event; `done` runs on `context`'s thread after the commit (or failure). */
    void submit(IncomingEvent event, QObject *context, WriteCallback done);
    /** Queues a task for the next transaction; `done` (optional) runs on `context`'s thread. */
    void submitTask(Task task, QObject *context = nullptr, std::function<void(bool, QString)> done = {});

    /** True while the last write (or probe) succeeded: what /healthz reports. */
    bool isHealthy() const { return m_healthy.load(); }
    /** Transactions committed so far (group commit makes this far smaller than the event count). */
    quint64 commits() const { return m_commits.load(); }
    /** Changes the size cap at run time (the disk-full test and an operator's knob). */
    void setMaxPageCount(qint64 pages);

Q_SIGNALS:
    /** Emitted (from the writer thread) after each successful commit with new events. */
    void committed(int accepted);
    void healthChanged(bool healthy);

private:
    struct Job;
    struct Statements;
    enum class Isolation { None, SavepointPerEvent };
    enum class BatchOutcome {
        Written,     // every event written (duplicates included)
        EventFailed, // at least one event could not be written; the transaction is still open
        Lost,        // SQLite rolled the whole transaction back
    };
    void run();
    bool openStore(QString *error);
    void closeStore();
    bool commitBatch(std::vector<Job> &batch, bool *anyFailed, int *accepted, QString *error);
    void answer(std::vector<Job> &batch, int accepted);
    BatchOutcome writeEvents(std::vector<Job> &batch, Isolation isolation, int *accepted, QString *error);
    /** Runs work in a savepoint, rolled back if it fails (*workError says why); false (with *error)
     *  only if the savepoint itself is gone, i.e. the transaction was lost. */
    bool inSavepoint(const std::function<bool(QString *)> &work, QString *workError, QString *error);
    bool writeEvent(Job &job, QString *error);
    bool insertEvent(Job &job, QString *error);
    /** Reprocessing: deletes the unprocessable event being replaced; fails if it is not one. */
    bool takeUnprocessable(qint64 id, QString *error);
    bool moveReceipts(qint64 from, qint64 to, QString *error);
    bool mergeCall(const StoredEvent &added, qint64 addedId, QString *error);
    /** Binds a call record to insertNewCall/upsertCall, by reference: r must outlive the exec. */
    static void bindCall(SqliteStatement &statement, const CallRecord &r);
    bool enqueueDeliveries(qint64 eventId, const CanonicalEvent &event, qint64 now, QString *error);
    bool probe();
    void setHealthy(bool healthy);
    void finish(std::vector<Job> &batch);

    Options m_options;
    const Clock &m_clock;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    qint64 m_queuedBytes = 0;
    bool m_stopping = false;
    std::atomic<bool> m_healthy{false};
    std::atomic<qint64> m_pendingMaxPageCount{-1};
    std::atomic<quint64> m_commits{0};
    QSqlDatabase m_db;
    std::unique_ptr<Statements> m_stmts;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    sqlite3 *m_handle = nullptr; // m_db's SQLite connection
};

} // namespace ringside
