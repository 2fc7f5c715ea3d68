#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <vector>

namespace ringside {

/** What a `ringside-sim send` run did, in numbers; printed as text or as one JSON object. */
struct TrafficReport
{
    int calls = 0;
    int reorderedCalls = 0;
    QMap<QString, int> outcomes; // "answered" -> calls, ...
    int events = 0;              // distinct events the calls have, drops included
    int dropped = 0;             // never sent (the drop rate)
    int duplicatesSent = 0;      // second copies of an event (the duplicate rate)
    qint64 requests = 0;         // HTTP requests sent: first tries, duplicates and retries
    qint64 acknowledged = 0;     // sends that ended in a 2xx (duplicates included)
    qint64 retried = 0;          // retries after a non-2xx or a timeout
    qint64 gaveUp = 0;           // sends still failing after the whole retry schedule
    QMap<QString, qint64> failures; // "HTTP 503", "timeout", "connection refused" -> count
    std::vector<double> ackLatencyMs; // per 2xx: request sent -> answer read
    qint64 elapsedMs = 0;

    /** Events that reached the receiver (2xx), not counting the duplicate copies. */
    qint64 acknowledgedEvents() const { return acknowledged - acknowledgedDuplicates; }
    qint64 acknowledgedDuplicates = 0;

    /** p in [0, 100] of the ack latencies, nearest rank; -1 without any. */
    double latencyPercentile(double p) const;
    QString text() const;
    QJsonObject json() const;
};

} // namespace ringside
