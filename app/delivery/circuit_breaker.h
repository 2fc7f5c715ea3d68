#pragma once

#include <QtGlobal>

namespace ringside {

/** Stops sending to a sink that keeps failing: opens after N consecutive transient failures, then
 *  lets exactly one probe through per (doubling) interval until a success closes it again. */
class CircuitBreaker
{
public:
    enum class State {
        Closed,  // requests flow
        Open,    // nothing goes out until the interval has passed; then allow() hands out one probe
        HalfOpen // the probe is in flight; its result closes or reopens the circuit
    };

    static constexpr int kDefaultFailureThreshold = 5;
    static constexpr qint64 kDefaultOpenMs = 30'000;
    static constexpr qint64 kDefaultMaxOpenMs = 600'000;

    /** Values below 1 are raised to 1; maxOpenMs is raised to openMs. */
    explicit CircuitBreaker(int failureThreshold = kDefaultFailureThreshold, qint64 openMs = kDefaultOpenMs,
                            qint64 maxOpenMs = kDefaultMaxOpenMs);

    /** May a request go out now? Closed: yes. Open: no, except once the interval has passed, when
     *  this one call says yes and the circuit turns HalfOpen (that request is the probe). HalfOpen: no. */
    bool allow(qint64 nowMs);

    /** The sink answered and the answer was not transient (2xx, but also a permanent 4xx: the sink
     *  is up). Closes the circuit, also from Open (a request sent before it opened came back fine). */
    void recordSuccess();
    /** A transient failure (no response, 408/425/429, 5xx). Closed: counts towards the threshold.
     *  HalfOpen: the probe failed, reopen with the interval doubled (up to the maximum). Open: a
     *  request that was already in flight; changes nothing. */
    void recordFailure(qint64 nowMs);
    /** The probe ended without saying anything about the sink (cancelled, shut down): back to Open
     *  with the probe due at once, so the circuit cannot stay HalfOpen forever. */
    void abandonProbe(qint64 nowMs);

    /** Open stays Open after its interval until allow() hands out the probe. */
    State state() const { return m_state; }
    /** Closed: 0. Open: ms until allow() will hand out the probe (0 once due). HalfOpen: -1, no
     *  amount of waiting helps, the probe's result decides. */
    qint64 msUntilProbe(qint64 nowMs) const;

    int consecutiveFailures() const { return m_consecutiveFailures; }
    /** The interval the circuit is (or was last) open for. */
    qint64 openIntervalMs() const { return m_intervalMs; }

private:
    void open(qint64 nowMs, qint64 intervalMs);

    int m_failureThreshold;
    qint64 m_baseOpenMs;
    qint64 m_maxOpenMs;
    State m_state = State::Closed;
    int m_consecutiveFailures = 0;
    qint64 m_intervalMs;
    qint64 m_probeAtMs = 0;
};

} // namespace ringside
