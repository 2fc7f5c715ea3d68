#pragma once

#include "metrics/histogram.h"

#include <QByteArray>
#include <QMap>
#include <QMutex>
#include <QString>
#include <atomic>

namespace ringside {

/** The delivery side's counters: successes, failed attempts, dead letters, backlog by state and the
 *  processing latency (event receipt -> 2xx from the CRM). Thread-safe. */
class DeliveryMetrics
{
public:
    void succeeded(double latencySeconds);
    void failedAttempt() { m_failed.fetch_add(1); }
    void dead() { m_dead.fetch_add(1); }
    void setBacklog(const QMap<QString, qint64> &byState);
    /** "ok", "paused" (the CRM refused the credentials) or "circuit open" (it does not answer). */
    void setSinkState(const QString &sink, const QString &state);

    quint64 succeededTotal() const { return m_succeeded.load(); }
    quint64 failedTotal() const { return m_failed.load(); }
    quint64 deadTotal() const { return m_dead.load(); }
    QMap<QString, qint64> backlog() const;
    QMap<QString, QString> sinkStates() const;
    Histogram::Snapshot latency() const { return m_latency.snapshot(); }

    QByteArray prometheusText() const;

private:
    std::atomic<quint64> m_succeeded{0};
    std::atomic<quint64> m_failed{0};
    std::atomic<quint64> m_dead{0};
    // Fine steps up to 50 ms, where the P95 target (25 ms) lives; coarse ones for retries that take hours.
    Histogram m_latency{{0.0025, 0.005, 0.0075, 0.01, 0.0125, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.1, 0.25, 0.5,
                         1, 2.5, 5, 10, 30, 60, 300, 900, 3600}};
    mutable QMutex m_mutex;
    QMap<QString, qint64> m_backlog;
    QMap<QString, QString> m_sinkStates;
};

} // namespace ringside
