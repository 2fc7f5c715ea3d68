#include "stall_watchdog.h"

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace ringside {

StallWatchdog::StallWatchdog(int intervalMs, QObject *parent)
    : QObject(parent), m_intervalNs(qint64(intervalMs) * 1'000'000)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StallWatchdog::tick);
}

StallWatchdog::~StallWatchdog()
{
    if (m_schedFd >= 0)
        ::close(m_schedFd);
}

bool StallWatchdog::schedStats(qint64 *cpuNs, qint64 *waitNs) const
{
    char buf[128];
    const ssize_t n = m_schedFd >= 0 ? ::pread(m_schedFd, buf, sizeof buf - 1, 0) : -1;
    if (n <= 0)
        return false;
    buf[n] = 0;
    long long cpu = 0, wait = 0;
    if (std::sscanf(buf, "%lld %lld", &cpu, &wait) != 2)
        return false;
    *cpuNs = cpu;
    *waitNs = wait;
    return true;
}

void StallWatchdog::start()
{
    // Opened on this thread: thread-self is the thread that opens it.
    if (m_schedFd < 0)
        m_schedFd = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    m_maxStallCpuNs = m_maxStallWaitNs = m_totalWaitNs = m_maxOwnNs = 0;
    schedStats(&m_lastCpuNs, &m_lastWaitNs);
    m_stallsNs.clear();
    m_stallsNs.reserve(1 << 14);
    m_maxStallNs = m_maxStallAtNs = m_sliceMaxNs = 0;
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void StallWatchdog::stop()
{
    m_timer.stop();
}

void StallWatchdog::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 stall = std::max<qint64>(0, now - m_lastNs - m_intervalNs);
    m_lastNs = now;
    qint64 cpu = m_lastCpuNs, wait = m_lastWaitNs;
    schedStats(&cpu, &wait);
    m_totalWaitNs += wait - m_lastWaitNs;
    m_maxOwnNs = std::max(m_maxOwnNs, stall - (wait - m_lastWaitNs));
    m_stallsNs.push_back(stall);
    m_sliceMaxNs = std::max(m_sliceMaxNs, stall);
    if (stall > m_maxStallNs) {
        m_maxStallNs = stall;
        m_maxStallAtNs = now;
        m_maxStallCpuNs = cpu - m_lastCpuNs;
        m_maxStallWaitNs = wait - m_lastWaitNs;
    }
    m_lastCpuNs = cpu;
    m_lastWaitNs = wait;
}

double StallWatchdog::takeSliceMaxMs()
{
    return double(std::exchange(m_sliceMaxNs, 0)) / 1e6;
}

double StallWatchdog::stallQuantileMs(double q) const
{
    if (m_stallsNs.empty())
        return 0;
    std::vector<qint64> sorted = m_stallsNs;
    const size_t at = std::min(sorted.size() - 1, size_t(q * double(sorted.size())));
    std::nth_element(sorted.begin(), sorted.begin() + qsizetype(at), sorted.end());
    return double(sorted[at]) / 1e6;
}

int StallWatchdog::stallsOver(double ms) const
{
    return int(std::count_if(m_stallsNs.cbegin(), m_stallsNs.cend(), [ms](qint64 ns) { return ns > ms * 1e6; }));
}

} // namespace ringside
