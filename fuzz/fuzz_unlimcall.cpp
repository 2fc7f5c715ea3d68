// libFuzzer target: the UnlimCall normaliser on arbitrary bodies. It must never crash, and
// whatever it accepts must be a usable canonical event (a call id, a known event type) whose
// dedup key and JSON form can be made.
#include "providers/dedup_key.h"
#include "providers/unlimcall_normaliser.h"

#include <cstdint>
#include <cstdlib>

using namespace ringside;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const UnlimCallNormaliser normaliser;
    HttpRequest request;
    request.method = "POST";
    request.path = "/webhooks/unlimcall";
    request.body = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    const NormaliseResult r = normaliser.normalise(request);
    if (r.event) {
        if (r.event->callUuid.isEmpty() || dedupKey(QStringLiteral("unlimcall"), *r.event, {}).isEmpty())
            std::abort();
        (void)r.event->toJson();
    } else if (r.error.isEmpty()) {
        std::abort(); // a refusal always says why
    }
    return 0;
}
