#include "models/test_call_sender.h"

#include "auth/standard_webhooks_secret.h"
#include "auth/standard_webhooks_signer.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QUuid>
#include <cstring>

namespace ringside {

namespace {

constexpr int kParallel = 4;

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

struct Ending
{
    bool answered;
    int code;
    const char *cause;
};

// The mix a sales floor produces: mostly answered, then no answer, busy, rejected, failed.
const Ending kEndings[] = {{true, 16, "normal_clearing"},   {true, 16, "normal_clearing"},
                           {true, 16, "normal_clearing"},   {false, 19, "no_answer"},
                           {false, 17, "user_busy"},        {false, 21, "call_rejected"},
                           {false, 34, "no_circuit_available"}};

QString randomUuid(QRandomGenerator &rng)
{
    // A version-4 UUID from the seeded generator, so a seed gives the same calls every time.
    QByteArray bytes(16, 0);
    const quint64 halves[2] = {rng.generate64(), rng.generate64()};
    std::memcpy(bytes.data(), halves, 16);
    bytes[6] = char((bytes[6] & 0x0f) | 0x40);
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

} // namespace

TestCallSender::TestCallSender(QObject *parent) : QObject(parent), m_network(this)
{
}

QList<TestCallSender::Request> TestCallSender::plan(int calls, quint32 seed, qint64 nowMs)
{
    QRandomGenerator rng(seed);
    QList<Request> out;
    for (int i = 0; i < calls; ++i) {
        const QString uuid = randomUuid(rng);
        const Ending &end = kEndings[rng.bounded(int(std::size(kEndings)))];
        const qint64 initiated = nowMs - 60'000 * (calls - i) - rng.bounded(30'000);
        const qint64 answered = initiated + 3'000 + rng.bounded(15'000);
        const qint64 ended = (end.answered ? answered : initiated) + 5'000 + rng.bounded(end.answered ? 400'000 : 25'000);
        const QString from = QStringLiteral("+1202555%1").arg(rng.bounded(10000), 4, 10, QLatin1Char('0'));
        const QString to = QStringLiteral("+4930%1").arg(rng.bounded(100000000), 8, 10, QLatin1Char('0'));
        const QString seat = QStringLiteral("seat_%1").arg(rng.bounded(12) + 1, 2, 10, QLatin1Char('0'));
        const QJsonObject common{{QStringLiteral("call_uuid"), uuid}, {QStringLiteral("from"), from},
                                 {QStringLiteral("to"), to}, {QStringLiteral("direction"), QStringLiteral("outbound")},
                                 {QStringLiteral("seat_id"), seat}, {QStringLiteral("did_id"), QStringLiteral("did_de_1092")},
                                 {QStringLiteral("initiated_at"), iso(initiated)}};
        QList<QJsonObject> events;
        QJsonObject e = common;
        e.insert(QStringLiteral("event"), QStringLiteral("call.initiated"));
        events << e;
        if (end.answered) {
            e = {{QStringLiteral("event"), QStringLiteral("call.answered")}, {QStringLiteral("call_uuid"), uuid},
                 {QStringLiteral("answered_at"), iso(answered)}};
            events << e;
        }
        e = common;
        e.insert(QStringLiteral("event"), QStringLiteral("call.completed"));
        if (end.answered)
            e.insert(QStringLiteral("answered_at"), iso(answered));
        e.insert(QStringLiteral("ended_at"), iso(ended));
        e.insert(QStringLiteral("duration_seconds"), (ended - (end.answered ? answered : initiated)) / 1000);
        e.insert(QStringLiteral("hangup_cause"), QString::fromLatin1(end.cause));
        e.insert(QStringLiteral("hangup_cause_code"), end.code);
        events << e;
        // One call in five arrives completed-first; one in four has an event the provider retried.
        if (rng.bounded(5) == 0)
            std::swap(events.first(), events.last());
        QList<Request> requests;
        for (const QJsonObject &ev : std::as_const(events)) {
            const QByteArray id = (uuid + QLatin1Char(':') + ev.value(QStringLiteral("event")).toString()).toUtf8();
            requests.append({id, QJsonDocument(ev).toJson(QJsonDocument::Compact)});
        }
        if (rng.bounded(4) == 0)
            requests.append(requests.at(rng.bounded(int(requests.size()))));
        out += requests;
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
