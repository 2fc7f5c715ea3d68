#pragma once

#include "providers/canonical_event.h"
#include "store/call_record.h"
#include "store/delivery_queue.h"

#include <QByteArray>
#include <QObject>
#include <functional>
#include <optional>

namespace ringside {

/** What one attempt sends: the claimed delivery, the call's merged record and the triggering event. */
struct DeliveryPayload
{
    DeliveryJob job;
    CallRecord call;
    CanonicalEvent event;
    qint64 nowMs = 0;
    QString knownObjectId; // the CRM's id for this call, if a previous delivery created it
};

/** How one attempt ended, before the retry policy judges it. */
struct AttemptResult
{
    int httpStatus = 0;        // 0: no HTTP answer (connect/DNS error, timeout)
    bool timedOut = false;
    QString error;             // network error text or a short reason
    QByteArray responseExcerpt;
    QByteArray retryAfter;     // the raw Retry-After header, if any
    QString objectId;          // the CRM's id for the call, when the sink learned it
};

/** A CRM target: turns a payload into HTTP and reports how it went. An async unit of work with a
 *  result callback (KJob-style); lives on the delivery thread. */
class Sink : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const AttemptResult &)>;
    using QObject::QObject;
    /** Starts one attempt; `done` is called exactly once, later, on this thread (unless abandoned). */
    virtual void send(const DeliveryPayload &payload, Done done) = 0;
    /** Drops every attempt in flight without calling its `done`: on stop, their leases expire and
     *  they are sent again (at-least-once). */
    virtual void abandon() = 0;
};

} // namespace ringside
