#pragma once

#include "delivery/sink.h"
#include "delivery/sink_config.h"

#include <QNetworkAccessManager>

namespace ringside {

/** Writes the call into HubSpot's Calls object idempotently by call: by the object id Ringside
 *  remembered from its create, else searches the call_uuid property and updates what it finds or
 *  creates it. Per-call FIFO in the worker means no two writes for one call race each other. */
class HubSpotSink : public Sink
{
    Q_OBJECT
public:
    HubSpotSink(const SinkConfig &config, QNetworkAccessManager &network, QObject *parent = nullptr);
    void send(const DeliveryPayload &payload, Done done) override;

private:
    QNetworkRequest request(const QString &path) const;
    /** PATCHes objectId, or creates the call when objectId is empty. */
    void write(const QString &objectId, const QByteArray &body, Done done);
    SinkConfig m_config;
    QNetworkAccessManager &m_network;
};

} // namespace ringside
