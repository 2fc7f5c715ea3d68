#pragma once

#include "sim/traffic_profile.h"

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>
#include <QString>

namespace ringside {

/** One webhook request the simulator will send. */
struct PlannedSend
{
    qint64 dueMs = 0;    // after the start of the run
    QByteArray id;       // "<call_uuid>:<event>": the webhook-id when signing, the same for a duplicate
    QByteArray body;     // UnlimCall JSON
    QString callUuid;
    QString event;       // "call.initiated", ...
    bool duplicate = false; // a second copy of an event, as a provider's retry would send it
};

/** What one call came to: its requests in sending order, and what the provider would have done. */
struct PlannedCall
{
    QString callUuid;
    QString outcome;     // "answered", "no_answer", "busy", "rejected", "failed"
    QString direction;   // "inbound", "outbound"
    bool reordered = false;
    int dropped = 0;     // events never sent
    QList<PlannedSend> sends;
};

/** Makes realistic UnlimCall traffic from a TrafficProfile: ring and talk times drawn from
 *  exponential distributions, the hangup-cause mix, seats and DIDs, inbound and outbound, with
 *  the profile's duplicates, reordering and drops. The same seed makes the same calls. */
class CallGenerator
{
public:
    CallGenerator(const TrafficProfile &profile, qint64 startEpochMs);

    /** The next call (the i-th one starts at i / rate seconds, in bursts). */
    PlannedCall next();

private:
    double exponential(double mean, double cap);
    bool chance(double p);
    QString uuid();

    TrafficProfile m_profile;
    qint64 m_startEpochMs;
    QRandomGenerator m_rng;
    int m_index = 0;
};

} // namespace ringside
