#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace ringside {

/** Something the team lead should look at, e.g. "the CRM sink is paused". */
struct Alert
{
    enum class Severity { Warning, Critical };
    Severity severity = Severity::Warning;
    QString key;  // stable across evaluations ("sink-paused:hubspot"): the same problem keeps its key
    QString text; // one translated sentence
    bool operator==(const Alert &other) const = default;
};

/** When the rules fire. The Settings dialog edits these; the defaults suit a 10-agent team. */
struct AlertThresholds
{
    /** Failed share of processing outcomes (CRM 2xx, failed attempts, unprocessable) over the spike window. */
    double failureSpikePercent = 10.0;
    /** Duplicate share of requests over the spike window: the provider is re-sending (retry storm). */
    double dedupSpikePercent = 30.0;
    int spikeWindowMinutes = 5;
    /** Below this many outcomes (or requests) in the spike window a share is noise, not a spike. */
    qint64 spikeMinEvents = 20;
    /** The backlog rose through each third of this span ... */
    int backlogGrowthMinutes = 10;
    /** ... and by at least this many deliveries. */
    qint64 backlogGrowthMin = 10;
    /** Calls that went incomplete in the last 24 h (no call.completed) before it is an alert. */
    qint64 incompleteCalls = 1;
    bool operator==(const AlertThresholds &other) const = default;
};

/** The cumulative counters of the running engine at one instant (LiveStats, compacted). */
struct PipelineSample
{
    qint64 atMs = 0;
    qint64 received = 0;
    qint64 deduped = 0;
    qint64 processed = 0;
    qint64 failedAttempts = 0;
    qint64 unprocessable = 0;
    qint64 backlog = 0; // pending + retrying deliveries
};

/** What the rules look at. */
struct AlertInputs
{
    QList<PipelineSample> history;     // oldest first, the last is now; one engine run only
    QMap<QString, QString> sinkStates; // sink -> "ok", "paused" or "circuit open"
    bool storeHealthy = true;
    qint64 newlyIncompleteCalls = 0;
    qint64 deadDeliveries = 0; // gave up: each waits for a person's Retry on the Failures page
    QStringList setupWarnings; // from the config and the engine's start: standing until fixed and restarted
};

/** The dashboard's alert rules: pure functions of the inputs and thresholds, so each is testable. */
class AlertRules
{
    Q_DECLARE_TR_FUNCTIONS(AlertRules)
public:
    /** Alerts in a stable order: critical first, then by key. */
    static QList<Alert> evaluate(const AlertInputs &inputs, const AlertThresholds &thresholds);

    /** The newest sample at or before atMs, else the oldest one; null for an empty history. */
    static const PipelineSample *sampleAt(const QList<PipelineSample> &history, qint64 atMs);
};

} // namespace ringside

Q_DECLARE_METATYPE(ringside::Alert)
