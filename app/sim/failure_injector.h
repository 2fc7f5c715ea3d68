#pragma once

#include "sim/failure_plan.h"

#include <QJsonObject>
#include <random>

namespace ringside {

class Clock;

/** What to do with one CRM request: apply it, or fail it in one of the injected ways. */
struct FailureDecision
{
    enum class Kind { Pass, Hang, Outage, Error, RateLimited };
    Kind kind = Kind::Pass;
    /** The status to answer for Outage (503), Error and RateLimited (429); 0 otherwise. */
    int status = 0;
    /** Retry-After seconds for RateLimited; -1 when no header is sent. */
    int retryAfterSeconds = -1;
    /** How long to wait before answering (not for Hang: that never answers). */
    int delayMs = 0;

    bool failed() const { return kind != Kind::Pass; }
    static const char *kindName(Kind kind);
};

/** Decides, request by request, which CRM requests fail and how, from a FailurePlan and a seeded
 *  PRNG, so that a run with the same seed and the same request sequence fails the same way. */
class FailureInjector
{
public:
    FailureInjector(const FailurePlan &plan, const Clock &clock);

    /** The decision for the next CRM request; advances the sequence. */
    FailureDecision decide();

    const FailurePlan &plan() const { return m_plan; }
    /** Applies a JSON config change; reseeds when it has "seed", and moves an outage window's
     *  start to now when it changes that window. False with *error, nothing changed. */
    bool reconfigure(const QJsonObject &changes, QString *error);
    /** Replaces the plan and restarts as new (used by reset). */
    void setPlan(const FailurePlan &plan);
    /** Reseeds from the plan's seed and starts both outage windows from now. */
    void restart();
    /** CRM requests decided since the last restart. */
    qint64 decided() const { return m_decided; }

private:
    /** A uniform double in [0, 1) from the PRNG's raw bits: std::uniform_real_distribution is
     *  implementation-defined, and a seed should mean the same run on every standard library. */
    double draw();
    bool inOutage(qint64 requestNumber) const;

    FailurePlan m_plan;
    const Clock &m_clock;
    std::mt19937_64 m_rng;
    qint64 m_decided = 0;
    qint64 m_requestWindowBase = 0; // m_decided when the request-count window was (re)started
    qint64 m_timeWindowBaseMs = 0;
};

} // namespace ringside
