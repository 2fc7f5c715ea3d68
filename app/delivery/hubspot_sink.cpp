#include "delivery/hubspot_sink.h"

#include "delivery/hubspot_mapping.h"
#include "delivery/webhook_sink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ringside {

HubSpotSink::HubSpotSink(const SinkConfig &config, QObject *parent)
    : Sink(parent), m_config(config), m_pool(config.url, {config.concurrency, config.timeoutMs, {}}, this)
{
}

HttpClientRequest HubSpotSink::request(const QByteArray &method, const QString &path, QByteArray body) const
{
    QUrl url = m_config.url;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + path);
    HttpClientRequest r;
    r.method = method;
    r.target = HttpOrigin::targetOf(url);
    r.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + m_config.token},
                 {"User-Agent", "ringside"}};
    r.body = std::move(body);
    // A search or a PATCH may go out twice; a create may not (HubSpot takes no Idempotency-Key): that
    // one is left to the retry policy, whose search first finds what a lost answer created.
    r.resendIfStale = method != "POST" || path.endsWith(QLatin1String("/search"));
    return r; // no redirects are followed: 3xx is HubSpot's answer
}

void HubSpotSink::abandon()
{
    m_pool.abandonAll();
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
    m_pool.send(request("POST", QStringLiteral("/crm/v3/objects/calls/search"),
                        QJsonDocument(search).toJson(QJsonDocument::Compact)),
                [this, body, done = std::move(done)](HttpClientResponse response) mutable {
        AttemptResult found = attemptResultOf(response);
        if (found.httpStatus == 200 && response.bodyTruncated) {
            // A cut-off result list could hide the call's object: creating one could make a second.
            found.httpStatus = 0;
            found.error = QStringLiteral("search answer larger than %1 bytes").arg(response.body.size());
        }
        if (found.httpStatus != 200) {
            done(found);
            return;
        }
        const QJsonArray results = QJsonDocument::fromJson(response.body)
                                       .object().value(QLatin1String("results")).toArray();
        write(results.isEmpty() ? QString() : results.first().toObject().value(QLatin1String("id")).toString(), body,
              std::move(done));
    });
}

void HubSpotSink::write(const QString &objectId, const QByteArray &body, Done done)
{
    const HttpClientRequest r = objectId.isEmpty()
        ? request("POST", QStringLiteral("/crm/v3/objects/calls"), body)
        : request("PATCH", QStringLiteral("/crm/v3/objects/calls/") + objectId, body);
    m_pool.send(r, [objectId, done = std::move(done)](HttpClientResponse response) {
        AttemptResult result = attemptResultOf(response);
        if (result.httpStatus >= 200 && result.httpStatus < 300) {
            result.objectId = objectId;
            if (objectId.isEmpty()) // created: HubSpot answers with the new object's id
                result.objectId = QJsonDocument::fromJson(response.body).object().value(QLatin1String("id")).toString();
        }
        done(result);
    });
}

} // namespace ringside
