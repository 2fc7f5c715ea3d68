#include "process_stats.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <ctime>

namespace ringside {

namespace {

qint64 statusKb(const QByteArray &status, const QByteArray &key)
{
    const qsizetype at = status.indexOf('\n' + key + ':');
    if (at < 0)
        return -1;
    const qsizetype end = status.indexOf('\n', at + 1);
    QByteArray value = status.mid(at + key.size() + 2, end < 0 ? -1 : end - at - key.size() - 2).trimmed();
    value.chop(value.endsWith(" kB") ? 3 : 0);
    bool ok = false;
    const qint64 kb = value.trimmed().toLongLong(&ok);
    return ok ? kb : -1;
}

qint64 cpuMs(clockid_t clock)
{
    timespec ts{};
    if (clock_gettime(clock, &ts) != 0)
        return -1;
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

} // namespace

ProcessStats::Memory ProcessStats::memory()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray status = '\n' + f.readAll();
    return {statusKb(status, "VmRSS"), statusKb(status, "VmHWM")};
}

qint64 ProcessStats::processCpuMs()
{
    return cpuMs(CLOCK_PROCESS_CPUTIME_ID);
}

qint64 ProcessStats::threadCpuMs()
{
    return cpuMs(CLOCK_THREAD_CPUTIME_ID);
}

} // namespace ringside
