#pragma once

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

class QCommandLineParser;

namespace ringside {

/** What the sandbox CRM injects into CRM requests, read from flags or from a JSON config change. */
struct FailurePlan
{
    /** Seeds the decision sequence: the same seed and the same requests give the same failures. */
    quint64 seed = 1;
    /** Share of CRM requests answered errorStatus instead of being applied. */
    double errorRate = 0;
    int errorStatus = 503;
    /** Share of CRM requests answered 429 with Retry-After: retryAfterSeconds. */
    double rate429 = 0;
    int retryAfterSeconds = 1;
    /** Added before every non-hanging answer (latencyMs plus 0..latencyJitterMs). */
    int latencyMs = 0;
    int latencyJitterMs = 0;
    /** Share of CRM requests that are never answered. */
    double hangRate = 0;
    /** Every CRM request answered 503 until switched off. */
    bool outage = false;
    /** After this many CRM requests, the next outageRequests are answered 503 (0: no window). */
    qint64 outageAfterRequests = 0;
    qint64 outageRequests = 0;
    /** After this long, CRM requests are answered 503 for outageDurationMs (0: no window). */
    qint64 outageAfterMs = 0;
    qint64 outageDurationMs = 0;
    /** When set, every CRM request needs "Authorization: Bearer <token>", else 401. */
    QString token;
    /** A HubSpot object created this recently is not found by search yet (HubSpot's index lags). */
    int searchDelayMs = 0;

    /** Adds --seed, --error-rate, --error-status, --rate-429, --retry-after, --latency-ms,
     *  --latency-jitter-ms, --hang-rate, --outage, --outage-after-requests, --outage-requests,
     *  --outage-after-seconds, --outage-seconds, --token, --search-delay-ms. */
    static void addOptions(QCommandLineParser &parser);
    /** Reads the flags addOptions() declared; false with a one-line *error. */
    static bool fromParser(const QCommandLineParser &parser, FailurePlan *plan, QString *error);

    /** Applies the keys a JSON object has (snake_case, as toJson() writes them); unknown keys and
     *  out-of-range values are errors, and on error the plan is left unchanged. */
    bool applyJson(const QJsonObject &changes, QString *error);
    /** The plan as JSON; the token itself is not shown, only whether one is required. */
    QJsonObject toJson() const;
    /** Ranges: rates in [0, 1], error status 400..599, no negative counts or times. */
    bool validate(QString *error) const;

    /** The JSON keys that move the outage windows' starting point to "now". */
    static bool movesRequestWindow(const QJsonObject &changes);
    static bool movesTimeWindow(const QJsonObject &changes);
};

} // namespace ringside
