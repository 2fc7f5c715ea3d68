#pragma once

#include "metrics/histogram.h"

#include <QByteArray>
#include <QMap>
#include <QMutex>
#include <atomic>

namespace ringside {

/** The receiver's counters, shared by all threads. Every webhook request is recorded exactly once
 *  with its outcome, under one lock, so received = accepted + deduped + rejected holds in every
 *  snapshot, not just eventually. */
class PipelineMetrics
{
public:
    enum class Outcome { Accepted, Deduped, Rejected };

    /** One request that reached the webhook listener has been answered. `reason` labels rejections;
     *  `unprocessable` marks an accepted body that could not be normalised. */
    void record(Outcome outcome, const QByteArray &reason = {}, bool unprocessable = false);
    /** Request fully read -> response handed to the socket. */
    void observeAckLatency(double seconds) { m_ackLatency.observe(seconds); }
    void setCallsIncomplete(qint64 n) { m_callsIncomplete.store(n); }

    struct Snapshot
    {
        quint64 received = 0;
        quint64 accepted = 0;
        quint64 deduped = 0;
        quint64 unprocessable = 0;
        QMap<QByteArray, quint64> rejected; // by reason
        Histogram::Snapshot ackLatency;
        qint64 callsIncomplete = 0;

        quint64 rejectedTotal() const;
        /** received = accepted + deduped + rejected. */
        bool conserved() const { return received == accepted + deduped + rejectedTotal(); }
    };
    Snapshot snapshot() const;

private:
    mutable QMutex m_mutex;
    quint64 m_received = 0;
    quint64 m_accepted = 0;
    quint64 m_deduped = 0;
    quint64 m_unprocessable = 0;
    QMap<QByteArray, quint64> m_rejected;
    Histogram m_ackLatency{Histogram::latencyBounds()};
    std::atomic<qint64> m_callsIncomplete{0};
};

} // namespace ringside
