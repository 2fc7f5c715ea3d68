// libFuzzer target: Standard Webhooks verification with arbitrary webhook-id, -timestamp,
// -signature headers and body (split from the input at NUL bytes). It must never crash, and it
// must never accept a request that was not signed with the key: the only way to pass is a
// signature this process made, which random input cannot contain.
#include "auth/standard_webhooks_auth.h"
#include "auth/standard_webhooks_secret.h"
#include "core/clock.h"

#include <cstdint>
#include <cstdlib>

using namespace ringside;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ManualClock clock(1'700'000'000'000);
    static const StandardWebhooksAuth auth({*StandardWebhooksSecret::parse(u"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")},
                                           clock);
    const QList<QByteArray> parts = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)).split('\0');
    HttpRequest request;
    request.method = "POST";
    if (parts.size() > 0)
        request.headers.append({"webhook-id", parts[0]});
    if (parts.size() > 1)
        request.headers.append({"webhook-timestamp", parts[1]});
    if (parts.size() > 2)
        request.headers.append({"webhook-signature", parts[2]});
    if (parts.size() > 3)
        request.body = parts[3];
    const AuthResult r = auth.verify(request);
    if (r.ok)
        std::abort();
    if (r.reason.isEmpty())
        std::abort();
    return 0;
}
