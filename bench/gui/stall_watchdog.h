#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <vector>

namespace ringside {

/** Measures how long the thread it lives on stops serving its event loop: a precise timer ticks
 *  every few ms, and every tick that comes late by more than the interval is a stall of that much.
 *  The thread's scheduler statistics (Linux /proc/thread-self/schedstat) tell what a stall was:
 *  the thread's own CPU work, or waiting for a CPU that other processes had. */
class StallWatchdog : public QObject
{
    Q_OBJECT
public:
    explicit StallWatchdog(int intervalMs = 5, QObject *parent = nullptr);

    void start();
    void stop();

    /** The largest gap between two ticks minus the interval, in ms. */
    double maxStallMs() const { return m_maxStallNs / 1e6; }
    /** Seconds after start() at which the largest stall ended. */
    double maxStallAtSeconds() const { return m_maxStallAtNs / 1e9; }
    /** The q-quantile (0..1) of the stalls of all ticks, in ms. */
    double stallQuantileMs(double q) const;
    /** Ticks that came more than `ms` late. */
    int stallsOver(double ms) const;
    int ticks() const { return int(m_stallsNs.size()); }
    /** Of the largest gap: ms the thread ran on a CPU, and ms it was runnable but waited for one. */
    double maxStallCpuMs() const { return m_maxStallCpuNs / 1e6; }
    double maxStallRunqueueMs() const { return m_maxStallWaitNs / 1e6; }
    /** The largest stall less the time the thread waited for a CPU in it, in ms: what the thread's
     *  own work and blocking cost, without the other processes on the machine. */
    double maxOwnStallMs() const { return m_maxOwnNs / 1e6; }
    /** Over the whole run: ms the thread waited for a CPU while runnable. */
    double runqueueMs() const { return m_totalWaitNs / 1e6; }
    /** The largest stall since the previous call (or start()), in ms: one slice of a run. */
    double takeSliceMaxMs();

    ~StallWatchdog() override;

private:
    void tick();
    /** CPU time and run-queue wait of this thread so far, ns; false if unknown. */
    bool schedStats(qint64 *cpuNs, qint64 *waitNs) const;

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_intervalNs;
    qint64 m_lastNs = 0;
    qint64 m_maxStallNs = 0;
    qint64 m_maxStallAtNs = 0;
    qint64 m_sliceMaxNs = 0;
    int m_schedFd = -1;
    qint64 m_lastCpuNs = 0, m_lastWaitNs = 0;
    qint64 m_maxStallCpuNs = 0, m_maxStallWaitNs = 0, m_totalWaitNs = 0, m_maxOwnNs = 0;
    std::vector<qint64> m_stallsNs;
};

} // namespace ringside
