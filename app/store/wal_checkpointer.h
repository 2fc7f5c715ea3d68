#pragma once

#include "store/worker_thread.h"

#include <QString>

#include <atomic>

struct sqlite3;

namespace ringside {

/** Checkpoints the write connection's WAL on its own thread and connection, so that commits do
 *  not wait while pages are copied into the database file and synced (SQLite's automatic
 *  checkpoint runs inside the COMMIT that crosses its threshold).
 *
 *  A WAL only starts over when a checkpoint has copied every frame in it, and the writer keeps
 *  appending while the background checkpoint runs. So once that finishes, the writer copies the
 *  short tail itself between two transactions (tailOrRequest), and its next transaction restarts
 *  the WAL from the beginning: the file stays at about backgroundFrames pages. */
class WalCheckpointer
{
public:
    struct Options
    {
        QString path;
        /** WAL frames (pages) after which the background thread checkpoints; SQLite's own default. */
        int backgroundFrames = 1000;
        /** The background thread repeats its checkpoint until no more than this many frames are left
         *  for the writer (or it stops making progress). */
        int tailFrames = 64;
        /** If the WAL still grows past this, the writer checkpoints on its own, as SQLite would. */
        int fallbackFrames = 16000;
    };

    explicit WalCheckpointer(Options options);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    /** Starts the thread, which opens its own connection. Without it (it could not open the
     *  database) the writer checkpoints on its own at backgroundFrames. */
    void start();
    void stop();

    /** Takes over checkpointing of the writer's connection (instead of SQLite's automatic one);
     *  call on the writer's thread whenever it opens its connection. */
    void attach(sqlite3 *writer);
    /** Call on the writer's thread after each commit, outside a transaction: starts a background
     *  checkpoint when due, or copies the tail once the background one has finished. */
    void afterCommit(sqlite3 *writer);

    /** The background thread has its connection and takes the checkpoints from now on. */
    bool hasThread() const { return m_threadReady.load(); }
    /** Background checkpoints completed (for tests and logs). */
    quint64 backgroundCheckpoints() const { return m_backgroundCheckpoints.load(); }

private:
    enum class State { Idle, Running, TailDue };

    static int onWalCommit(void *self, sqlite3 *db, const char *name, int frames);
    void run();
    void checkpointFrom(sqlite3 *writer, int frames);

    Options m_options;
    WorkerThread m_worker;
    std::atomic<State> m_state{State::Idle};
    std::atomic<bool> m_threadReady{false};
    std::atomic<quint64> m_backgroundCheckpoints{0};
    // Writer thread only:
    int m_walFrames = 0;     // frames in the WAL after the last commit (from SQLite's WAL hook)
    int m_nextRequestAt = 0; // frames at which to ask for the next background checkpoint
};

} // namespace ringside
