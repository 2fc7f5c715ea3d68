#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <optional>

namespace ringside {

/** How stored bytes (a webhook body, a CRM's answer) are shown to a person: as text when they are
 *  text, as indented JSON when they are JSON, and never as mojibake when they are binary. */
class EventsPayload
{
    Q_DECLARE_TR_FUNCTIONS(EventsPayload)

public:
    /** The bytes as text, or nothing if they are not UTF-8 text. `mayBeCut`: the bytes are the start
     *  of something longer, so a broken last character is expected and dropped. */
    static std::optional<QString> text(const QByteArray &bytes, bool mayBeCut = false);
    /** Indented JSON if the bytes are a JSON document, else the text itself, else a hex dump. */
    static QString pretty(const QByteArray &bytes, bool mayBeCut = false);
    /** A classic hex dump (offset, hex bytes, printable ASCII), at most maxBytes of it. */
    static QString hexDump(const QByteArray &bytes, int maxBytes = 4096);
};

} // namespace ringside
