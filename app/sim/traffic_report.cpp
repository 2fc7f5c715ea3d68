#include "sim/traffic_report.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace ringside {

double TrafficReport::latencyPercentile(double p) const
{
    if (ackLatencyMs.empty())
        return -1;
    std::vector<double> sorted = ackLatencyMs;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = size_t(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

QString TrafficReport::text() const
{
    QStringList lines;
    const double seconds = double(elapsedMs) / 1000.0;
    lines << QStringLiteral("calls        %1 (%2 sent completed-first)").arg(calls).arg(reorderedCalls);
    QStringList mix;
    for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it)
        mix << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    lines << QStringLiteral("outcomes     %1").arg(mix.join(QStringLiteral(", ")));
    lines << QStringLiteral("events       %1 (%2 dropped on purpose, %3 sent twice)").arg(events).arg(dropped).arg(duplicatesSent);
    lines << QStringLiteral("requests     %1 in %2 s (%3/s)")
                 .arg(requests).arg(seconds, 0, 'f', 2).arg(seconds > 0 ? double(requests) / seconds : 0, 0, 'f', 1);
    lines << QStringLiteral("acknowledged %1 (%2 events + %3 duplicates)").arg(acknowledged).arg(acknowledgedEvents()).arg(acknowledgedDuplicates);
    lines << QStringLiteral("retried      %1").arg(retried);
    lines << QStringLiteral("given up     %1").arg(gaveUp);
    QStringList why;
    for (auto it = failures.cbegin(); it != failures.cend(); ++it)
        why << QStringLiteral("%1 × %2").arg(it.value()).arg(it.key());
    if (!why.isEmpty())
        lines << QStringLiteral("failed sends %1").arg(why.join(QStringLiteral(", ")));
    if (!ackLatencyMs.empty()) {
        lines << QStringLiteral("ack latency  p50 %1 ms, p90 %2 ms, p99 %3 ms, max %4 ms")
                     .arg(latencyPercentile(50), 0, 'f', 1).arg(latencyPercentile(90), 0, 'f', 1)
                     .arg(latencyPercentile(99), 0, 'f', 1).arg(latencyPercentile(100), 0, 'f', 1);
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QJsonObject TrafficReport::json() const
{
    QJsonObject o{{QStringLiteral("calls"), calls},
                  {QStringLiteral("reordered_calls"), reorderedCalls},
                  {QStringLiteral("events"), events},
                  {QStringLiteral("dropped"), dropped},
                  {QStringLiteral("duplicates_sent"), duplicatesSent},
                  {QStringLiteral("requests"), requests},
                  {QStringLiteral("acknowledged"), acknowledged},
                  {QStringLiteral("acknowledged_events"), acknowledgedEvents()},
                  {QStringLiteral("acknowledged_duplicates"), acknowledgedDuplicates},
                  {QStringLiteral("retried"), retried},
                  {QStringLiteral("gave_up"), gaveUp},
                  {QStringLiteral("elapsed_ms"), elapsedMs}};
    QJsonObject mix, why;
    for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it)
        mix.insert(it.key(), it.value());
    for (auto it = failures.cbegin(); it != failures.cend(); ++it)
        why.insert(it.key(), it.value());
    o.insert(QStringLiteral("outcomes"), mix);
    o.insert(QStringLiteral("failures"), why);
    if (!ackLatencyMs.empty()) {
        o.insert(QStringLiteral("ack_latency_ms"),
                 QJsonObject{{QStringLiteral("p50"), latencyPercentile(50)}, {QStringLiteral("p90"), latencyPercentile(90)},
                             {QStringLiteral("p99"), latencyPercentile(99)}, {QStringLiteral("max"), latencyPercentile(100)}});
    }
    return o;
}

} // namespace ringside
