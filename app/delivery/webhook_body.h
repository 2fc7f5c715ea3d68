#pragma once

#include "delivery/sink.h"

#include <QByteArray>

namespace ringside {

/** The JSON body of one webhook delivery — {"call": ..., "delivery": ..., "event": ...} — written
 *  straight into bytes. The same bytes QJsonDocument(...).toJson(Compact) makes of
 *  CallRecord::toJson() and CanonicalEvent::toJson() (tst_webhook_body holds the two together,
 *  field for field), at a tenth of the cost: building those QJsonObjects was half of the delivery
 *  thread's time in a drain. */
class WebhookBody
{
public:
    static QByteArray write(const DeliveryPayload &payload, const QString &sinkName);
};

} // namespace ringside
