#include "models/test_call_sender.h"

#include "auth/standard_webhooks_secret.h"
#include "auth/standard_webhooks_signer.h"

#include "sim/call_generator.h"

#include <QDateTime>
#include <QNetworkReply>

namespace ringside {

namespace {
constexpr int kParallel = 4;
} // namespace

TestCallSender::TestCallSender(QObject *parent) : QObject(parent), m_network(this)
{
}

QList<TestCallSender::Request> TestCallSender::plan(int calls, quint32 seed, qint64 nowMs)
{
    // The simulator's calls, one a minute up to now, with the provider habits Ringside exists for:
    // one call in five arrives completed-first, one event in ten is sent twice.
    TrafficProfile profile;
    profile.calls = calls;
    profile.seed = seed;
    profile.callsPerSecond = 1.0 / 60;
    profile.reorderRate = 0.2;
    profile.duplicateRate = 0.1;
    profile.talkMeanSeconds = 90;
    CallGenerator generator(profile, nowMs - 60'000LL * calls);
    QList<Request> out;
    for (int i = 0; i < calls; ++i) {
        for (const PlannedSend &s : generator.next().sends)
            out.append({s.id, s.body});
    }
    return out;
}

void TestCallSender::send(const QUrl &url, const AuthSpec &auth, int calls, quint32 seed, qint64 nowMs)
{
    m_url = url;
    m_auth = auth;
    m_queue = plan(calls, seed, nowMs);
    m_next = 0;
    m_total = int(m_queue.size());
    m_done = 0;
    m_ok = 0;
    m_firstError.clear();
    Q_EMIT progress(0, m_total);
    for (int i = 0; i < kParallel; ++i)
        sendNext();
}

void TestCallSender::sendNext()
{
    if (m_next >= m_queue.size())
        return;
    const Request &r = m_queue.at(m_next++);
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(10'000);
    request.setRawHeader("User-Agent", "ringside-test-calls");
    const QString scheme = m_auth.scheme.toLower();
    if (scheme == QLatin1String("bearer")) {
        request.setRawHeader("Authorization", "Bearer " + m_auth.token);
    } else if (scheme == QLatin1String("standard-webhooks") && !m_auth.secrets.isEmpty()) {
        if (const auto secret = StandardWebhooksSecret::parse(m_auth.secrets.first())) {
            const qint64 ts = QDateTime::currentSecsSinceEpoch();
            request.setRawHeader("webhook-id", r.id);
            request.setRawHeader("webhook-timestamp", QByteArray::number(ts));
            request.setRawHeader("webhook-signature", StandardWebhooksSigner(*secret).sign(r.id, ts, r.body));
        }
    }
    QNetworkReply *reply = m_network.post(request, r.body);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300)
            ++m_ok;
        else if (m_firstError.isEmpty())
            m_firstError = status ? tr("the receiver answered HTTP %1").arg(status) : reply->errorString();
        ++m_done;
        Q_EMIT progress(m_done, m_total);
        if (m_done == m_total)
            Q_EMIT finished(m_ok, m_total - m_ok, m_firstError);
        else
            sendNext();
    });
}

} // namespace ringside
