#pragma once

#include "delivery/http_client_pool.h"
#include "delivery/sink.h"
#include "delivery/sink_config.h"

namespace ringside {

/** Writes the call into HubSpot's Calls object idempotently by call: by the object id Ringside
 *  remembered from its create, else searches the call_uuid property and updates what it finds or
 *  creates it. Per-call FIFO in the worker means no two writes for one call race each other. */
class HubSpotSink : public Sink
{
    Q_OBJECT
public:
    explicit HubSpotSink(const SinkConfig &config, QObject *parent = nullptr);
    void send(const DeliveryPayload &payload, Done done) override;
    void abandon() override;

private:
    HttpClientRequest request(const QByteArray &method, const QString &path, QByteArray body) const;
    /** PATCHes objectId, or creates the call when objectId is empty. */
    void write(const QString &objectId, const QByteArray &body, Done done);
    SinkConfig m_config;
    HttpClientPool m_pool;
};

} // namespace ringside
