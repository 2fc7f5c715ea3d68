#include "delivery/circuit_breaker.h"

#include <algorithm>

namespace ringside {

CircuitBreaker::CircuitBreaker(int failureThreshold, qint64 openMs, qint64 maxOpenMs)
    : m_failureThreshold(std::max(1, failureThreshold)),
      m_baseOpenMs(std::max<qint64>(1, openMs)),
      m_maxOpenMs(std::max(m_baseOpenMs, maxOpenMs)),
      m_intervalMs(m_baseOpenMs)
{
}

bool CircuitBreaker::allow(qint64 nowMs)
{
    switch (m_state) {
    case State::Closed:
        return true;
    case State::Open:
        if (nowMs < m_probeAtMs)
            return false;
        m_state = State::HalfOpen;
        return true;
    case State::HalfOpen:
        return false;
    }
    return false;
}

void CircuitBreaker::recordSuccess()
{
    m_state = State::Closed;
    m_consecutiveFailures = 0;
    m_intervalMs = m_baseOpenMs;
}

void CircuitBreaker::recordFailure(qint64 nowMs)
{
    ++m_consecutiveFailures;
    switch (m_state) {
    case State::Closed:
        if (m_consecutiveFailures >= m_failureThreshold)
            open(nowMs, m_baseOpenMs);
        break;
    case State::HalfOpen:
        open(nowMs, m_intervalMs > m_maxOpenMs / 2 ? m_maxOpenMs : m_intervalMs * 2);
        break;
    case State::Open:
        // Late answers to requests sent before the circuit opened say nothing new.
        break;
    }
}

void CircuitBreaker::abandonProbe(qint64 nowMs)
{
    if (m_state != State::HalfOpen)
        return;
    m_state = State::Open;
    m_probeAtMs = nowMs; // due at once
}

qint64 CircuitBreaker::msUntilProbe(qint64 nowMs) const
{
    switch (m_state) {
    case State::Closed:
        return 0;
    case State::Open:
        return std::max<qint64>(0, m_probeAtMs - nowMs);
    case State::HalfOpen:
        return -1;
    }
    return 0;
}

void CircuitBreaker::open(qint64 nowMs, qint64 intervalMs)
{
    m_state = State::Open;
    m_intervalMs = intervalMs;
    m_probeAtMs = nowMs + intervalMs;
}

} // namespace ringside
