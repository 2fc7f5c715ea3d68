#include "delivery/token_bucket.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ringside {

TokenBucket::TokenBucket(qint64 capacity, double refillPerSecond)
    : m_capacity(std::clamp<qint64>(capacity, 1, std::numeric_limits<qint64>::max() / kUnitsPerToken)),
      // tokens/s * 1e6 units/token / 1000 ms/s: 19/s -> 19'000 units per ms, exact.
      m_unitsPerMs(refillPerSecond > 0 ? std::max<qint64>(1, std::llround(std::min(refillPerSecond, 1e12) * 1000))
                                       : 0),
      m_levelUnits(m_capacity * kUnitsPerToken)
{
}

qint64 TokenBucket::levelAt(qint64 nowMs) const
{
    const qint64 full = m_capacity * kUnitsPerToken;
    if (!m_started || nowMs <= m_lastMs)
        return m_levelUnits;
    const qint64 elapsed = nowMs - m_lastMs;
    const qint64 missing = full - m_levelUnits;
    // Compare before multiplying: a long idle gap times the rate could overflow.
    if (elapsed >= missing / m_unitsPerMs + 1)
        return full;
    return m_levelUnits + elapsed * m_unitsPerMs;
}

bool TokenBucket::tryTake(qint64 nowMs)
{
    if (unlimited())
        return true;
    m_levelUnits = levelAt(nowMs);
    if (!m_started || nowMs > m_lastMs)
        m_lastMs = nowMs;
    m_started = true;
    if (m_levelUnits < kUnitsPerToken)
        return false;
    m_levelUnits -= kUnitsPerToken;
    return true;
}

qint64 TokenBucket::msUntilAvailable(qint64 nowMs) const
{
    if (unlimited())
        return 0;
    const qint64 missing = kUnitsPerToken - levelAt(nowMs);
    if (missing <= 0)
        return 0;
    // If the caller's clock stepped back, the refill still runs from m_lastMs.
    const qint64 behind = m_started && nowMs < m_lastMs ? m_lastMs - nowMs : 0;
    return behind + (missing + m_unitsPerMs - 1) / m_unitsPerMs;
}

qint64 TokenBucket::available(qint64 nowMs) const
{
    if (unlimited())
        return std::numeric_limits<qint64>::max();
    return levelAt(nowMs) / kUnitsPerToken;
}

} // namespace ringside
