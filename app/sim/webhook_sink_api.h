#pragma once

#include "core/http_message.h"

namespace ringside {

class SandboxLedger;

/** Plays a good generic webhook receiver: upserts the delivered call by call_uuid and answers a
 *  repeated Idempotency-Key that already succeeded with its first answer, without applying it again. */
class WebhookSinkApi
{
public:
    explicit WebhookSinkApi(SandboxLedger &ledger);

    /** Body: {"call": {"call_uuid": ..., ...}, "event": {"event": ...}, "delivery": {...}}. */
    HttpResponse handle(const HttpRequest &request);

private:
    SandboxLedger &m_ledger;
};

} // namespace ringside
