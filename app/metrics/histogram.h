#pragma once

#include <QList>
#include <array>
#include <atomic>
#include <vector>

namespace ringside {

/** A fixed-bucket latency histogram in seconds; observe() is lock-free and thread-safe. */
class Histogram
{
public:
    /** Upper bounds in seconds, ascending; +Inf is implicit. */
    explicit Histogram(std::vector<double> bounds);

    void observe(double seconds);

    struct Snapshot
    {
        std::vector<double> bounds;
        std::vector<quint64> counts; // per bucket, NOT cumulative; size bounds + 1 (last is +Inf)
        double sum = 0;
        quint64 count = 0;

        /** Estimated quantile (0..1) by linear interpolation within the bucket; 0 when empty. */
        double quantile(double q) const;
        Snapshot operator-(const Snapshot &earlier) const;
        Snapshot &operator+=(const Snapshot &other);
    };
    Snapshot snapshot() const;

    /** Buckets for request/response latencies from 0.5 ms to 10 s. */
    static std::vector<double> latencyBounds();

private:
    std::vector<double> m_bounds;
    std::unique_ptr<std::atomic<quint64>[]> m_counts;
    std::atomic<quint64> m_sumMicros{0};
    std::atomic<quint64> m_count{0};
};

} // namespace ringside
