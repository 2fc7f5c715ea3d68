#pragma once

#include <QtGlobal>

namespace ringside {

/** This process's memory and CPU time from /proc (Linux): what the benchmark reports. */
class ProcessStats
{
public:
    struct Memory
    {
        qint64 rssKb = -1; // VmRSS: resident now
        qint64 hwmKb = -1; // VmHWM: the peak resident size so far
    };
    static Memory memory();

    /** CPU time (user + system) in ms of the whole process, and of the calling thread. */
    static qint64 processCpuMs();
    static qint64 threadCpuMs();
};

} // namespace ringside
