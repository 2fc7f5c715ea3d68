#include "models/alert_rules.h"

#include <algorithm>

namespace ringside {

namespace {
constexpr qint64 kMinuteMs = 60'000;

QString percent(qint64 part, qint64 whole)
{
    return QString::number(100.0 * double(part) / double(whole), 'f', 0);
}

bool atLeastPercent(qint64 part, qint64 whole, double pct)
{
    return whole > 0 && 100.0 * double(part) >= pct * double(whole);
}
} // namespace

const PipelineSample *AlertRules::sampleAt(const QList<PipelineSample> &history, qint64 atMs)
{
    if (history.isEmpty())
        return nullptr;
    const auto after = std::upper_bound(history.cbegin(), history.cend(), atMs,
                                        [](qint64 t, const PipelineSample &s) { return t < s.atMs; });
    return after == history.cbegin() ? &history.constFirst() : &*(after - 1);
}

QList<Alert> AlertRules::evaluate(const AlertInputs &in, const AlertThresholds &th)
{
    QList<Alert> alerts;
    const auto raise = [&alerts](Alert::Severity severity, const QString &key, const QString &text) {
        alerts.append(Alert{severity, key, text});
    };

    if (!in.storeHealthy)
        raise(Alert::Severity::Critical, QStringLiteral("store-unhealthy"),
              tr("The store cannot write (disk full or locked?): new events are answered 503 until it recovers."));
    for (auto it = in.sinkStates.cbegin(); it != in.sinkStates.cend(); ++it) {
        if (it.value() == QLatin1String("paused"))
            raise(Alert::Severity::Critical, QStringLiteral("sink-paused:") + it.key(),
                  tr("CRM sink \"%1\" is paused: the CRM refused the credentials. Fix them in Settings, "
                     "then resume the sink on the Failures page.").arg(it.key()));
        else if (it.value() == QLatin1String("circuit open"))
            raise(Alert::Severity::Warning, QStringLiteral("sink-circuit-open:") + it.key(),
                  tr("CRM sink \"%1\" is not answering: deliveries wait and will be retried.").arg(it.key()));
    }

    if (in.history.size() >= 2) {
        const PipelineSample &now = in.history.constLast();
        const PipelineSample &then = *sampleAt(in.history, now.atMs - th.spikeWindowMinutes * kMinuteMs);
        const qint64 minutes = std::max<qint64>(1, (now.atMs - then.atMs + kMinuteMs / 2) / kMinuteMs);
        const qint64 failed = now.failedAttempts - then.failedAttempts + now.unprocessable - then.unprocessable;
        const qint64 outcomes = failed + now.processed - then.processed;
        if (outcomes >= th.spikeMinEvents && atLeastPercent(failed, outcomes, th.failureSpikePercent))
            raise(Alert::Severity::Warning, QStringLiteral("failure-spike"),
                  tr("Failure spike: %1% of processing failed in the last %2 min (%3 of %4).")
                      .arg(percent(failed, outcomes)).arg(minutes).arg(failed).arg(outcomes));
        const qint64 requests = now.received - then.received;
        const qint64 duplicates = now.deduped - then.deduped;
        if (requests >= th.spikeMinEvents && atLeastPercent(duplicates, requests, th.dedupSpikePercent))
            raise(Alert::Severity::Warning, QStringLiteral("dedup-spike"),
                  tr("Provider retry storm: %1% of the requests in the last %2 min were duplicates (%3 of %4).")
                      .arg(percent(duplicates, requests)).arg(minutes).arg(duplicates).arg(requests));

        // Rising through each third of the span, not merely higher at the end than at the start:
        // a healthy backlog goes up and down with the traffic.
        const qint64 span = th.backlogGrowthMinutes * kMinuteMs;
        const PipelineSample &start = *sampleAt(in.history, now.atMs - span);
        const qint64 first = sampleAt(in.history, now.atMs - span * 2 / 3)->backlog;
        const qint64 second = sampleAt(in.history, now.atMs - span / 3)->backlog;
        if (span > 0 && start.atMs <= now.atMs - span && start.backlog < first && first < second
            && second < now.backlog && now.backlog - start.backlog >= th.backlogGrowthMin)
            raise(Alert::Severity::Warning, QStringLiteral("backlog-growing"),
                  tr("The delivery backlog keeps growing: %1 to %2 in %3 min. Is the CRM slow or down?")
                      .arg(start.backlog).arg(now.backlog).arg(th.backlogGrowthMinutes));
    }

    // Standing while any wait: a dead delivery is a call the CRM does not have, and only a person
    // (fix the cause, press Retry) brings it there. One key whatever the count, so one notification.
    if (in.deadDeliveries > 0)
        raise(Alert::Severity::Warning, QStringLiteral("deliveries-dead"),
              tr("CRM writes that gave up: %1. Those calls are not in the CRM until someone presses Retry on "
                 "the Failures page.").arg(in.deadDeliveries));

    // Printed on stderr too, where a desktop user never looks (a secrets file others can read).
    for (const QString &warning : in.setupWarnings)
        raise(Alert::Severity::Warning, QStringLiteral("setup:") + warning, tr("Setup: %1").arg(warning));

    if (th.incompleteCalls > 0 && in.newlyIncompleteCalls >= th.incompleteCalls)
        raise(Alert::Severity::Warning, QStringLiteral("incomplete-calls"),
              tr("%n call(s) went incomplete in the last 24 h: no call.completed arrived (lost by the provider?).",
                 nullptr, int(in.newlyIncompleteCalls)));

    std::stable_sort(alerts.begin(), alerts.end(), [](const Alert &a, const Alert &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        return a.key < b.key;
    });
    return alerts;
}

} // namespace ringside
