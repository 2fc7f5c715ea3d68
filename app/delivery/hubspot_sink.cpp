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
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("properties"), properties}}).toJson(QJsonDocument::Compact);
    if (!payload.knownObjectId.isEmpty()) {
        // We created this call's object before: write to it by id. HubSpot's search lags behind
        // its creates, so searching again could miss it and create a second one.
        write(payload.knownObjectId, body, std::move(done));
        return;
    }
    const QJsonObject search{
        {QStringLiteral("filterGroups"),
         QJsonArray{QJsonObject{{QStringLiteral("filters"),
                                 QJsonArray{QJsonObject{{QStringLiteral("propertyName"), QStringLiteral("call_uuid")},
                                                        {QStringLiteral("operator"), QStringLiteral("EQ")},
                                                        {QStringLiteral("value"), payload.call.callUuid}}}}}}},
        {QStringLiteral("limit"), 1}};
    QNetworkReply *reply = m_network.post(request(QStringLiteral("/crm/v3/objects/calls/search")),
                                          QJsonDocument(search).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, body, done = std::move(done)]() mutable {
        reply->deleteLater();
        const QByteArray rest = reply->readAll();
        AttemptResult found = attemptResultOf(reply);
        if (found.httpStatus != 200) {
            done(found);
            return;
        }
        const QJsonArray results = QJsonDocument::fromJson(found.responseExcerpt + rest)
                                       .object().value(QLatin1String("results")).toArray();
        write(results.isEmpty() ? QString() : results.first().toObject().value(QLatin1String("id")).toString(), body,
              std::move(done));
    });
}

void HubSpotSink::write(const QString &objectId, const QByteArray &body, Done done)
{
    QNetworkReply *reply = objectId.isEmpty()
        ? m_network.post(request(QStringLiteral("/crm/v3/objects/calls")), body)
        : m_network.sendCustomRequest(request(QStringLiteral("/crm/v3/objects/calls/") + objectId), "PATCH", body);
    connect(reply, &QNetworkReply::finished, this, [reply, objectId, done = std::move(done)] {
        reply->deleteLater();
        AttemptResult result = attemptResultOf(reply);
        if (result.httpStatus >= 200 && result.httpStatus < 300) {
            result.objectId = objectId;
            if (objectId.isEmpty()) // created: HubSpot answers with the new object's id
                result.objectId = QJsonDocument::fromJson(result.responseExcerpt + reply->readAll())
                                      .object().value(QLatin1String("id")).toString();
        }
        done(result);
    });
}

} // namespace ringside
