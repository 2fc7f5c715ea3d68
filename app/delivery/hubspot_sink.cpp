#include "delivery/hubspot_sink.h"

#include "delivery/hubspot_mapping.h"
#include "delivery/webhook_sink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace ringside {

HubSpotSink::HubSpotSink(const SinkConfig &config, QNetworkAccessManager &network, QObject *parent)
    : Sink(parent), m_config(config), m_network(network)
{
}

QNetworkRequest HubSpotSink::request(const QString &path) const
{
    QUrl url = m_config.url;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + path);
    QNetworkRequest r(url);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    r.setRawHeader("Authorization", "Bearer " + m_config.token);
    r.setRawHeader("User-Agent", "ringside");
    r.setTransferTimeout(m_config.timeoutMs);
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return r;
}

void HubSpotSink::send(const DeliveryPayload &payload, Done done)
{
    QJsonObject properties = hubspotCallProperties(payload.call, QStringLiteral("call_uuid"), m_config.seatOwners);
    properties.insert(QStringLiteral("ringside_event"), eventTypeName(payload.event.type));
    const QJsonObject search{
        {QStringLiteral("filterGroups"),
         QJsonArray{QJsonObject{{QStringLiteral("filters"),
                                 QJsonArray{QJsonObject{{QStringLiteral("propertyName"), QStringLiteral("call_uuid")},
                                                        {QStringLiteral("operator"), QStringLiteral("EQ")},
                                                        {QStringLiteral("value"), payload.call.callUuid}}}}}}},
        {QStringLiteral("limit"), 1}};
    QNetworkReply *reply = m_network.post(request(QStringLiteral("/crm/v3/objects/calls/search")),
                                          QJsonDocument(search).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, properties, done = std::move(done)]() mutable {
        reply->deleteLater();
        AttemptResult found = attemptResultOf(reply);
        if (found.httpStatus != 200) {
            done(found);
            return;
        }
        const QJsonArray results = QJsonDocument::fromJson(found.responseExcerpt + reply->readAll())
                                       .object().value(QLatin1String("results")).toArray();
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("properties"), properties}}).toJson(QJsonDocument::Compact);
        QNetworkReply *write;
        if (results.isEmpty()) {
            write = m_network.post(request(QStringLiteral("/crm/v3/objects/calls")), body);
        } else {
            const QString id = results.first().toObject().value(QLatin1String("id")).toString();
            write = m_network.sendCustomRequest(request(QStringLiteral("/crm/v3/objects/calls/") + id), "PATCH", body);
        }
        connect(write, &QNetworkReply::finished, this, [write, done = std::move(done)] {
            write->deleteLater();
            done(attemptResultOf(write));
        });
    });
}

} // namespace ringside
