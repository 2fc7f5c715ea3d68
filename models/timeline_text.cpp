#include "models/timeline_text.h"

#include <QDateTime>
#include <QLocale>

namespace ringside {

namespace {
QString outcomeText(const QString &outcome)
{
    if (outcome == QLatin1String("delivered"))
        return TimelineText::tr("delivered");
    if (outcome == QLatin1String("retry"))
        return TimelineText::tr("will be retried");
    if (outcome == QLatin1String("dead"))
        return TimelineText::tr("gave up (dead): waits for a Retry");
    if (outcome == QLatin1String("paused"))
        return TimelineText::tr("sink paused: credentials rejected");
    return outcome;
}

QString stateText(const QString &state)
{
    if (state == QLatin1String("pending"))
        return TimelineText::tr("queued");
    if (state == QLatin1String("retrying"))
        return TimelineText::tr("retrying");
    if (state == QLatin1String("delivered"))
        return TimelineText::tr("delivered");
    if (state == QLatin1String("dead"))
        return TimelineText::tr("dead");
    if (state == QLatin1String("skipped"))
        return TimelineText::tr("skipped");
    return state;
}
} // namespace

QString TimelineText::duration(qint64 ms)
{
    const QString sign = ms < 0 ? QStringLiteral("−") : QString();
    const qint64 a = qAbs(ms);
    if (a < 1000)
        return sign + tr("%1 ms").arg(a);
    if (a < 60'000)
        return sign + tr("%1 s").arg(QLocale().toString(double(a) / 1000.0, 'f', 1));
    const qint64 s = (a + 500) / 1000;
    if (s < 3600)
        return sign + tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    const qint64 m = s / 60;
    if (m < 24 * 60)
        return sign + tr("%1 h %2 min").arg(m / 60).arg(m % 60, 2, 10, QLatin1Char('0'));
    return sign + tr("%1 d %2 h").arg(m / (24 * 60)).arg((m / 60) % 24);
}

QString TimelineText::time(qint64 ms, qint64 referenceMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    if (t.date() == QDateTime::fromMSecsSinceEpoch(referenceMs).date())
        return t.toString(QStringLiteral("HH:mm:ss.zzz"));
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString TimelineText::eventName(EventType type)
{
    switch (type) {
    case EventType::Initiated: return tr("initiated");
    case EventType::Answered: return tr("answered");
    case EventType::Completed: return tr("completed");
    }
    return {};
}

QString TimelineText::receiptSummary(const TimelineReceipt &r)
{
    QStringList parts{eventTypeName(r.type)};
    if (r.duplicate)
        parts << tr("duplicate");
    if (r.outOfOrder)
        parts << tr("out of order");
    if (r.status == QLatin1String("unprocessable"))
        parts << tr("unprocessable");
    return parts.join(QStringLiteral(", "));
}

QString TimelineText::receiptDetail(const TimelineReceipt &r, qint64 referenceMs)
{
    QStringList lines;
    lines << (r.duplicate ? tr("%1 received again: a duplicate, answered 200 and not stored twice")
                                .arg(eventTypeName(r.type))
                          : tr("%1 received and stored").arg(eventTypeName(r.type)));
    if (r.eventTime)
        lines << tr("Event time: %1 (provider's clock)").arg(time(*r.eventTime, referenceMs));
    else
        lines << tr("Event time: not in the payload");
    lines << tr("Received: %1 (our clock)").arg(time(r.receivedAt, referenceMs));
    if (r.eventTime) {
        const qint64 delay = r.receivedAt - *r.eventTime;
        lines << (delay >= 0 ? tr("Arrived %1 after the event time").arg(duration(delay))
                             : tr("Arrived %1 before the event time: the clocks differ").arg(duration(-delay)));
    }
    if (r.outOfOrder && r.arrivedAfter)
        lines << tr("Out of order: arrived after %1").arg(eventTypeName(*r.arrivedAfter));
    lines << tr("Dedup key: %1").arg(r.dedupKey);
    return lines.join(QLatin1Char('\n'));
}

QString TimelineText::attemptSummary(const TimelineAttempt &a)
{
    QString status;
    if (a.httpStatus)
        status = tr("HTTP %1").arg(*a.httpStatus);
    else if (a.error.contains(QLatin1String("timed out"), Qt::CaseInsensitive))
        status = tr("timed out");
    else
        status = tr("no answer");
    return a.durationMs ? tr("%1 · %2").arg(status, duration(*a.durationMs)) : status;
}

QString TimelineText::attemptDetail(const TimelineAttempt &a, const TimelineDelivery *delivery, qint64 referenceMs)
{
    QStringList lines;
    lines << tr("CRM attempt: %1 to %2 at %3").arg(eventTypeName(a.eventType), a.sink, time(a.startedAt, referenceMs));
    lines << tr("Result: %1").arg(attemptSummary(a));
    if (!a.error.isEmpty())
        lines << tr("Error: %1").arg(a.error);
    if (!a.responseExcerpt.isEmpty()) {
        QString excerpt = QString::fromUtf8(a.responseExcerpt).simplified();
        if (excerpt.size() > 160)
            excerpt = excerpt.left(160) + QChar(0x2026);
        lines << tr("CRM said: %1").arg(excerpt);
    }
    if (!a.outcome.isEmpty())
        lines << tr("Outcome: %1").arg(outcomeText(a.outcome));
    if (delivery)
        lines << tr("Delivery now: %1 (attempts: %2)").arg(stateText(delivery->state)).arg(delivery->attempts);
    return lines.join(QLatin1Char('\n'));
}

QString TimelineText::scheduledDetail(const TimelineDelivery &d, qint64 referenceMs)
{
    QStringList lines;
    lines << tr("%1 to %2: %3").arg(eventTypeName(d.eventType), d.sink, stateText(d.state));
    if (d.nextAttemptAt)
        lines << tr("Next attempt: %1").arg(time(*d.nextAttemptAt, referenceMs));
    lines << tr("Attempts so far: %1").arg(d.attempts);
    if (!d.lastError.isEmpty())
        lines << tr("Last error: %1").arg(d.lastError);
    return lines.join(QLatin1Char('\n'));
}

QString TimelineText::missing(const QStringList &events)
{
    return tr("Missing: %1").arg(events.join(QStringLiteral(", ")));
}

} // namespace ringside
