#include "sim/failure_injector.h"

#include "core/clock.h"

namespace ringside {

const char *FailureDecision::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Pass: return "pass";
    case Kind::Hang: return "hang";
    case Kind::Outage: return "outage";
    case Kind::Error: return "error";
    case Kind::RateLimited: return "rate_limited";
    }
    return "unknown";
}

FailureInjector::FailureInjector(const FailurePlan &plan, const Clock &clock) : m_plan(plan), m_clock(clock)
{
    restart();
}

double FailureInjector::draw()
{
    return double(m_rng() >> 11) * 0x1.0p-53;
}

bool FailureInjector::inOutage(qint64 requestNumber) const
{
    if (m_plan.outage)
        return true;
    if (m_plan.outageRequests > 0 && requestNumber > m_plan.outageAfterRequests
        && requestNumber <= m_plan.outageAfterRequests + m_plan.outageRequests)
        return true;
    if (m_plan.outageDurationMs > 0) {
        const qint64 elapsed = m_clock.nowMs() - m_timeWindowBaseMs;
        if (elapsed >= m_plan.outageAfterMs && elapsed < m_plan.outageAfterMs + m_plan.outageDurationMs)
            return true;
    }
    return false;
}

FailureDecision FailureInjector::decide()
{
    ++m_decided;
    // Every request takes the same four draws whatever the rates, so changing one rate at run
    // time does not shift which later requests the other knobs pick.
    const double hang = draw();
    const double error = draw();
    const double limited = draw();
    const double jitter = draw();

    FailureDecision d;
    d.delayMs = m_plan.latencyMs + int(jitter * double(m_plan.latencyJitterMs + 1)); // 0..jitter inclusive
    if (inOutage(m_decided - m_requestWindowBase)) {
        d.kind = FailureDecision::Kind::Outage;
        d.status = 503;
    } else if (hang < m_plan.hangRate) {
        d.kind = FailureDecision::Kind::Hang;
        d.delayMs = 0;
    } else if (error < m_plan.errorRate) {
        d.kind = FailureDecision::Kind::Error;
        d.status = m_plan.errorStatus;
    } else if (limited < m_plan.rate429) {
        d.kind = FailureDecision::Kind::RateLimited;
        d.status = 429;
        d.retryAfterSeconds = m_plan.retryAfterSeconds;
    }
    return d;
}

bool FailureInjector::reconfigure(const QJsonObject &changes, QString *error)
{
    FailurePlan plan = m_plan;
    if (!plan.applyJson(changes, error))
        return false;
    m_plan = plan;
    if (changes.contains(QLatin1String("seed")))
        m_rng.seed(m_plan.seed);
    // "outage_after_requests": 2 set at run time means "after two more", not "after the second ever".
    if (FailurePlan::movesRequestWindow(changes))
        m_requestWindowBase = m_decided;
    if (FailurePlan::movesTimeWindow(changes))
        m_timeWindowBaseMs = m_clock.nowMs();
    return true;
}

void FailureInjector::setPlan(const FailurePlan &plan)
{
    m_plan = plan;
    restart();
}

void FailureInjector::restart()
{
    m_rng.seed(m_plan.seed);
    m_decided = 0;
    m_requestWindowBase = 0;
    m_timeWindowBaseMs = m_clock.nowMs();
}

} // namespace ringside
