#include "sim/traffic_sender.h"

#include "auth/standard_webhooks_secret.h"
#include "auth/standard_webhooks_signer.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace ringside {

namespace {
// Qt opens at most six connections per host and manager: one manager per six in flight.
constexpr int kConnectionsPerManager = 6;
// Calls generated ahead of their time, per connection: enough to keep every connection busy.
constexpr int kLookaheadPerConnection = 4;
} // namespace

TrafficSender::TrafficSender(TrafficProfile profile, QObject *parent)
    : QObject(parent), m_profile(std::move(profile)), m_generator(m_profile, QDateTime::currentMSecsSinceEpoch())
{
    const int managers = (m_profile.connections + kConnectionsPerManager - 1) / kConnectionsPerManager;
    for (int i = 0; i < managers; ++i) {
        m_managers.push_back(std::make_unique<QNetworkAccessManager>());
        // One connection per manager, not one per reply: Qt may free a per-reply connection on its
        // HTTP thread, taking the captured send along (and TSan cannot see Qt's ordering there).
        connect(m_managers.back().get(), &QNetworkAccessManager::finished, this, &TrafficSender::answered);
    }
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TrafficSender::pump);
}

TrafficSender::~TrafficSender() = default;

bool TrafficSender::start(QString *error)
{
    if (!m_profile.ackLog.isEmpty()) {
        m_ackLog.setFileName(m_profile.ackLog);
        if (!m_ackLog.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
            if (error)
                *error = QStringLiteral("cannot write %1: %2").arg(m_profile.ackLog, m_ackLog.errorString());
            return false;
        }
    }
    m_clock.start();
    pump();
    return true;
}

QNetworkAccessManager *TrafficSender::manager()
{
    return m_managers[m_nextManager++ % m_managers.size()].get();
}

void TrafficSender::topUp()
{
    const qint64 now = m_clock.elapsed();
    const size_t lookahead = size_t(m_profile.connections) * kLookaheadPerConnection;
    while (m_generated < m_profile.calls && m_firstTries < lookahead) {
        // The next call's start time, without generating it: generate only what is due soon.
        const int burstStart = m_generated / m_profile.burst * m_profile.burst;
        const qint64 startMs = m_profile.callsPerSecond > 0 ? qint64(double(burstStart) / m_profile.callsPerSecond * 1000.0) : 0;
        if (startMs > now + 1000)
            break;
        PlannedCall call = m_generator.next();
        ++m_generated;
        ++m_report.calls;
        m_report.outcomes[call.outcome] += 1;
        m_report.reorderedCalls += call.reordered ? 1 : 0;
        m_report.dropped += call.dropped;
        m_report.events += call.dropped;
        for (PlannedSend &s : call.sends) {
            if (s.duplicate)
                ++m_report.duplicatesSent;
            else
                ++m_report.events;
            const qint64 due = s.dueMs;
            m_due.emplace(due, Pending{std::move(s), 0});
            ++m_firstTries;
        }
    }
}

void TrafficSender::pump()
{
    topUp();
    const qint64 now = m_clock.elapsed();
    while (int(m_inFlightSends.size()) < m_profile.connections && !m_due.empty() && m_due.begin()->first <= now) {
        Pending p = std::move(m_due.begin()->second);
        m_due.erase(m_due.begin());
        if (p.attempt == 0)
            --m_firstTries;
        post(std::move(p));
        topUp();
    }
    finishIfDone();
    if (m_done)
        return;
    if (int(m_inFlightSends.size()) < m_profile.connections) {
        // Wake for the next due send, or to generate the next calls of a paced run.
        qint64 wait = 1000;
        if (!m_due.empty())
            wait = std::min(wait, m_due.begin()->first - now);
        m_timer.start(int(std::max<qint64>(0, wait)));
    }
}

void TrafficSender::post(Pending pending)
{
    QNetworkRequest request(m_profile.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("User-Agent", "ringside-sim");
    request.setTransferTimeout(m_profile.timeoutMs);
    const QString scheme = m_profile.auth.scheme;
    if (scheme == QLatin1String("bearer")) {
        request.setRawHeader("Authorization", "Bearer " + m_profile.auth.token);
    } else if (scheme == QLatin1String("standard-webhooks")) {
        // Signed at send time, as a provider re-signs its retries: the id stays, the timestamp moves.
        if (const auto secret = StandardWebhooksSecret::parse(m_profile.auth.secrets.value(0))) {
            const qint64 ts = QDateTime::currentSecsSinceEpoch();
            request.setRawHeader("webhook-id", pending.send.id);
            request.setRawHeader("webhook-timestamp", QByteArray::number(ts));
            request.setRawHeader("webhook-signature",
                                 StandardWebhooksSigner(*secret).sign(pending.send.id, ts, pending.send.body));
        }
    }
    ++m_report.requests;
    const qint64 sentAt = m_clock.nsecsElapsed();
    QNetworkReply *reply = manager()->post(request, pending.send.body);
    m_inFlightSends.emplace(reply, InFlight{std::move(pending), sentAt});
}

void TrafficSender::answered(QNetworkReply *reply)
{
    reply->deleteLater();
    const auto it = m_inFlightSends.find(reply);
    if (it == m_inFlightSends.end())
        return;
    Pending p = std::move(it->second.pending);
    const qint64 sentAt = it->second.sentAt;
    m_inFlightSends.erase(it);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 200 && status < 300) {
        ++m_report.acknowledged;
        if (p.send.duplicate)
            ++m_report.acknowledgedDuplicates;
        m_report.ackLatencyMs.push_back(double(m_clock.nsecsElapsed() - sentAt) / 1e6);
        if (m_ackLog.isOpen())
            m_ackLog.write(p.send.id + '\n'); // unbuffered: there even if this process dies next
    } else if (status != 0) {
        failed(std::move(p), QStringLiteral("HTTP %1").arg(status));
    } else if (reply->error() == QNetworkReply::OperationCanceledError
               || reply->error() == QNetworkReply::TimeoutError) {
        failed(std::move(p), QStringLiteral("timeout"));
    } else {
        failed(std::move(p), reply->errorString().section(QLatin1String(" - "), 0, 0));
    }
    pump();
}

void TrafficSender::failed(Pending pending, const QString &why)
{
    m_report.failures[why] += 1;
    if (pending.attempt >= m_profile.retrySeconds.size()) {
        ++m_report.gaveUp;
        return;
    }
    const double waitMs = m_profile.retrySeconds.at(pending.attempt) * 1000.0 * m_profile.timeScale;
    ++pending.attempt;
    ++m_report.retried;
    m_due.emplace(m_clock.elapsed() + qint64(waitMs), std::move(pending));
}

void TrafficSender::finishIfDone()
{
    if (m_done || m_generated < m_profile.calls || !m_due.empty() || !m_inFlightSends.empty())
        return;
    m_done = true;
    m_report.elapsedMs = m_clock.elapsed();
    Q_EMIT finished();
}

} // namespace ringside
