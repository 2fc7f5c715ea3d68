#include "store/wal_checkpointer.h"

#include "store/database.h"
#include "store/sqlite_statement.h"
#include "store/store_logging.h"

#include <sqlite3.h>

namespace ringside {

namespace {
// Passes of one background round: each copies what the writer appended during the one before.
constexpr int kMaxPasses = 4;
} // namespace

WalCheckpointer::WalCheckpointer(Options options)
    : m_options(std::move(options)), m_nextRequestAt(m_options.backgroundFrames)
{
}

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

void WalCheckpointer::start()
{
    m_worker.start("rs-checkpoint", [this] { run(); });
}

void WalCheckpointer::stop()
{
    m_worker.stop();
    m_threadReady.store(false);
}

void WalCheckpointer::attach(sqlite3 *writer)
{
    // Replaces SQLite's automatic checkpoint, which is itself a WAL hook.
    sqlite3_wal_hook(writer, &WalCheckpointer::onWalCommit, this);
}

int WalCheckpointer::onWalCommit(void *self, sqlite3 *, const char *, int frames)
{
    // Inside COMMIT: only note the size; afterCommit() acts once the transaction is over.
    static_cast<WalCheckpointer *>(self)->m_walFrames = frames;
    return SQLITE_OK;
}

void WalCheckpointer::afterCommit(sqlite3 *writer)
{
    const int frames = m_walFrames;
    const State state = m_state.load();
    if (state == State::TailDue) {
        checkpointFrom(writer, frames);
        m_state.store(State::Idle);
        return;
    }
    if (state == State::Idle && frames >= m_nextRequestAt) {
        if (m_threadReady.load()) {
            {
                std::lock_guard lock(m_worker.mutex());
                m_state.store(State::Running);
            }
            m_worker.wake().notify_one();
        } else {
            checkpointFrom(writer, frames); // no background thread: as SQLite would
        }
        return;
    }
    if (frames >= m_options.fallbackFrames)
        checkpointFrom(writer, frames); // the background thread falls behind; SQLITE_BUSY if it is mid-way
}

void WalCheckpointer::checkpointFrom(sqlite3 *writer, int frames)
{
    int logFrames = 0, copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied);
    // All copied: the next transaction starts the WAL over. Otherwise a reader still needs the old
    // frames; try again only after the WAL grew by another round, not after every commit.
    const bool complete = rc == SQLITE_OK && logFrames == copied;
    m_nextRequestAt = complete ? m_options.backgroundFrames : frames + m_options.backgroundFrames;
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        qCWarning(lcStore) << "WAL checkpoint failed:" << sqlite3_errstr(rc);
}

void WalCheckpointer::run()
{
    QString error;
    QSqlDatabase db = Database::open(m_options.path, Database::Mode::Checkpoint, &error);
    sqlite3 *handle = db.isValid() ? SqliteStatement::handleOf(db) : nullptr;
    if (!handle) {
        qCWarning(lcStore) << "no background checkpoints; the writer checkpoints itself:" << error;
        if (db.isValid())
            Database::close(db);
        return;
    }
    m_threadReady.store(true);
    for (;;) {
        {
            std::unique_lock lock(m_worker.mutex());
            m_worker.wake().wait(lock, [this] { return m_worker.stopping() || m_state.load() == State::Running; });
            if (m_worker.stopping())
                break;
        }
        // Each pass copies what the writer appended during the one before; stop once a pass had
        // little to do (the writer's tail will be as short) or a reader holds the rest back.
        int copiedBefore = -1;
        for (int pass = 0; pass < kMaxPasses; ++pass) {
            int logFrames = 0, copied = 0;
            const int rc = sqlite3_wal_checkpoint_v2(handle, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied);
            if (rc != SQLITE_OK) {
                if (rc != SQLITE_BUSY)
                    qCWarning(lcStore) << "background WAL checkpoint failed:" << sqlite3_errstr(rc);
                break;
            }
            // (copied is the running total; it falls when the WAL started over in between.)
            if (copiedBefore >= 0 && copied - copiedBefore <= m_options.tailFrames)
                break;
            copiedBefore = copied;
        }
        m_backgroundCheckpoints.fetch_add(1);
        m_state.store(State::TailDue);
    }
    Database::close(db);
}

} // namespace ringside
