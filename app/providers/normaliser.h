#pragma once

#include "core/http_message.h"
#include "providers/canonical_event.h"

#include <QString>
#include <optional>

namespace ringside {

/** What a normaliser made of one request: a canonical event, or the reason it could not. */
struct NormaliseResult
{
    std::optional<CanonicalEvent> event;
    /** Human-readable reason when event is empty, e.g. "body is not valid JSON: unterminated string at offset 12". */
    QString error;

    static NormaliseResult ok(CanonicalEvent e) { return {std::move(e), {}}; }
    static NormaliseResult fail(QString why) { return {std::nullopt, std::move(why)}; }
};

/** Turns one provider's webhook request into a canonical event; stateless and thread-safe. */
class Normaliser
{
public:
    virtual ~Normaliser() = default;
    /** Short provider name used in dedup keys and routes: "unlimcall". */
    virtual QString provider() const = 0;
    virtual NormaliseResult normalise(const HttpRequest &request) const = 0;
};

} // namespace ringside
