#include "metrics/histogram.h"

#include <algorithm>

namespace ringside {

Histogram::Histogram(std::vector<double> bounds)
    : m_bounds(std::move(bounds)), m_counts(new std::atomic<quint64>[m_bounds.size() + 1])
{
    for (size_t i = 0; i <= m_bounds.size(); ++i)
        m_counts[i].store(0);
}

std::vector<double> Histogram::latencyBounds()
{
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

void Histogram::observe(double seconds)
{
    const auto it = std::lower_bound(m_bounds.begin(), m_bounds.end(), seconds);
    m_counts[size_t(it - m_bounds.begin())].fetch_add(1, std::memory_order_relaxed);
    m_sumMicros.fetch_add(quint64(std::max(0.0, seconds) * 1e6), std::memory_order_relaxed);
    m_count.fetch_add(1, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const
{
    Snapshot s;
    s.bounds = m_bounds;
    s.counts.resize(m_bounds.size() + 1);
    for (size_t i = 0; i <= m_bounds.size(); ++i) {
        s.counts[i] = m_counts[i].load(std::memory_order_relaxed);
        s.count += s.counts[i];
    }
    s.sum = double(m_sumMicros.load(std::memory_order_relaxed)) / 1e6;
    return s;
}

double Histogram::Snapshot::quantile(double q) const
{
    if (count == 0)
        return 0;
    const double rank = q * double(count);
    quint64 seen = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] == 0)
            continue;
        if (double(seen + counts[i]) >= rank) {
            const double lower = i == 0 ? 0 : bounds[i - 1];
            if (i == bounds.size()) // the +Inf bucket: the best we can say is its lower bound
                return lower;
            const double upper = bounds[i];
            return lower + (upper - lower) * ((rank - double(seen)) / double(counts[i]));
        }
        seen += counts[i];
    }
    return bounds.empty() ? 0 : bounds.back();
}

Histogram::Snapshot Histogram::Snapshot::operator-(const Snapshot &earlier) const
{
    Snapshot d = *this;
    for (size_t i = 0; i < d.counts.size() && i < earlier.counts.size(); ++i)
        d.counts[i] -= earlier.counts[i];
    d.count -= earlier.count;
    d.sum -= earlier.sum;
    return d;
}

Histogram::Snapshot &Histogram::Snapshot::operator+=(const Snapshot &other)
{
    if (counts.empty()) {
        *this = other;
        return *this;
    }
    for (size_t i = 0; i < counts.size() && i < other.counts.size(); ++i)
        counts[i] += other.counts[i];
    count += other.count;
    sum += other.sum;
    return *this;
}

} // namespace ringside
