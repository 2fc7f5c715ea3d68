#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <pthread.h>
#include <thread>

namespace ringside {

/** A background thread whose loop sleeps on one condition variable until it has work or must
 *  stop: the start/stop handshake the store's helper threads share. The owner keeps its own
 *  state under mutex() and notifies wake() when it changes. */
class WorkerThread
{
public:
    WorkerThread() = default;
    ~WorkerThread() { stop(); }
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    /** Runs loop on a new thread, named for top -H and gdb (at most 15 characters). */
    void start(const char *name, std::function<void()> loop)
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = false;
        }
        m_thread = std::thread([name, loop = std::move(loop)] {
            pthread_setname_np(pthread_self(), name);
            loop();
        });
    }
    /** Tells the loop to end (stopping() turns true and wake() is notified), then waits for it. */
    void stop()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }

    std::mutex &mutex() { return m_mutex; }
    std::condition_variable &wake() { return m_wake; }
    /** Read with mutex() held. */
    bool stopping() const { return m_stopping; }

private:
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

} // namespace ringside
