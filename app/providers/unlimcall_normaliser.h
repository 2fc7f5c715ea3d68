#pragma once

#include "providers/normaliser.h"

namespace ringside {

/** Reads UnlimCall's JSON call events (the default format, reference/PROVIDERS.md) into canonical events. */
class UnlimCallNormaliser final : public Normaliser
{
public:
    // Caps keep one hostile payload from filling the store and the UI with megabytes per field.
    static constexpr qsizetype kMaxCallUuidLength = 128;
    static constexpr qsizetype kMaxStringLength = 256;
    static constexpr qsizetype kMaxRecordingUrlLength = 2048;

    QString provider() const override { return QStringLiteral("unlimcall"); }
    /** Fails with a specific message (invalid JSON with Qt's error and offset, a missing or unknown
     *  field, a wrong type, an unparseable time, an oversized string); tolerates null optional fields. */
    NormaliseResult normalise(const HttpRequest &request) const override;
};

} // namespace ringside
