#pragma once

#include <QtGlobal>

namespace ringside {

/** A per-sink rate limit: up to `capacity` requests at once, refilled continuously at a fixed
 *  rate, in exact integer arithmetic over millisecond times so that it never drifts. */
class TokenBucket
{
public:
    /** HubSpot private apps (190 requests per 10 s): TokenBucket(190, 19). The rate is kept to
     *  1/1000 token per second; refillPerSecond <= 0 (or NaN) means unlimited. The bucket starts
     *  full; capacity below 1 is raised to 1. */
    TokenBucket(qint64 capacity, double refillPerSecond);

    bool unlimited() const { return m_unitsPerMs == 0; }
    qint64 capacity() const { return m_capacity; }

    /** Takes one token if one is available at nowMs. */
    bool tryTake(qint64 nowMs);
    /** 0 when tryTake(nowMs) would succeed, else the ms until it will (absent other takers). */
    qint64 msUntilAvailable(qint64 nowMs) const;
    /** Whole tokens available at nowMs. */
    qint64 available(qint64 nowMs) const;

private:
    /** The level at nowMs in units (1 token = kUnitsPerToken); time never runs backwards here. */
    qint64 levelAt(qint64 nowMs) const;

    static constexpr qint64 kUnitsPerToken = 1'000'000;

    qint64 m_capacity;
    qint64 m_unitsPerMs;    // refill; 0 = unlimited
    qint64 m_levelUnits;    // at m_lastMs
    qint64 m_lastMs = 0;
    bool m_started = false; // m_lastMs is set by the first call: the bucket needs no clock to be built
};

} // namespace ringside
