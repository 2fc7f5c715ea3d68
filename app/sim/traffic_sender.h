#pragma once

#include "sim/call_generator.h"
#include "sim/traffic_profile.h"
#include "sim/traffic_report.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QTimer>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace ringside {

/** Sends a TrafficProfile's calls to a webhook URL the way a provider does: at the profile's rate,
 *  with its duplicates, reordering and drops, signed if asked, and with the provider's retry
 *  schedule after a non-2xx answer or a timeout. Generates calls as it goes, so a million calls
 *  never sit in memory. */
class TrafficSender : public QObject
{
    Q_OBJECT
public:
    explicit TrafficSender(TrafficProfile profile, QObject *parent = nullptr);
    ~TrafficSender() override;

    /** False with *error if the ack log cannot be opened; nothing is sent then. */
    bool start(QString *error = nullptr);
    const TrafficReport &report() const { return m_report; }

Q_SIGNALS:
    void finished();

private:
    struct Pending
    {
        PlannedSend send;
        int attempt = 0; // retries so far
    };
    struct InFlight
    {
        Pending pending;
        qint64 sentAt = 0; // ns on m_clock
    };
    void pump();
    void topUp();
    void post(Pending pending);
    void answered(QNetworkReply *reply);
    void failed(Pending pending, const QString &why);
    void finishIfDone();
    QNetworkAccessManager *manager();

    TrafficProfile m_profile;
    CallGenerator m_generator;
    int m_generated = 0;
    std::multimap<qint64, Pending> m_due; // by due time, ms since start
    size_t m_firstTries = 0;              // of m_due: not retries (they wait apart from the rate)
    std::unordered_map<QNetworkReply *, InFlight> m_inFlightSends; // posted, not answered yet
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    size_t m_nextManager = 0;
    QElapsedTimer m_clock;
    QTimer m_timer;
    TrafficReport m_report;
    bool m_done = false;
    QFile m_ackLog;
};

} // namespace ringside
