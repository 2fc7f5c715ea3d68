#pragma once

#include "models/call_timeline.h"

#include <QCoreApplication>

namespace ringside {

/** The words the timeline view and its table share, so both describe a receipt or an attempt alike. */
class TimelineText
{
    Q_DECLARE_TR_FUNCTIONS(TimelineText)
public:
    /** "850 ms", "12.4 s", "3 min 05 s", "2 h 10 min"; negative spans keep their sign. */
    static QString duration(qint64 ms);
    /** Local wall-clock time with milliseconds; the date too when it is not referenceMs's day. */
    static QString time(qint64 ms, qint64 referenceMs);
    static QString eventName(EventType type); // "initiated", translated
    /** "call.initiated, duplicate, out of order" */
    static QString receiptSummary(const TimelineReceipt &r);
    /** Several lines: times, delay, dedup key, why it is flagged. */
    static QString receiptDetail(const TimelineReceipt &r, qint64 referenceMs);
    /** "HTTP 503 · 231 ms", "no answer · 10.0 s" */
    static QString attemptSummary(const TimelineAttempt &a);
    /** Several lines: sink, event, status, error, what the delivery does next. */
    static QString attemptDetail(const TimelineAttempt &a, const TimelineDelivery *delivery, qint64 referenceMs);
    /** "Next attempt 12:05:00.000 (retrying, 2 attempts so far)" */
    static QString scheduledDetail(const TimelineDelivery &d, qint64 referenceMs);
    static QString missing(const QStringList &events); // "Missing: call.answered, call.completed"
};

} // namespace ringside
