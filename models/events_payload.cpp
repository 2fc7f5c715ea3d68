#include "models/events_payload.h"

#include <QJsonDocument>
#include <QStringDecoder>

namespace ringside {

namespace {

bool isTextual(const QString &s)
{
    // Tabs and line breaks are text; other control characters (NUL, ESC, ...) mean binary.
    for (QChar c : s) {
        if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\r') && c != QLatin1Char('\t'))
            return false;
    }
    return true;
}

std::optional<QString> decode(QByteArrayView bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString s = utf8.decode(bytes);
    if (utf8.hasError() || !isTextual(s))
        return std::nullopt;
    return s;
}

} // namespace

std::optional<QString> EventsPayload::text(const QByteArray &bytes, bool mayBeCut)
{
    QByteArrayView whole(bytes);
    if (mayBeCut) {
        // Drop only a multi-byte character the cut left incomplete: its lead byte and fewer
        // continuation bytes than it announces. Any other invalid byte still means binary.
        qsizetype lead = bytes.size() - 1;
        while (lead >= 0 && bytes.size() - lead <= 3 && (uchar(bytes.at(lead)) & 0xC0) == 0x80)
            --lead;
        if (lead >= 0) {
            const auto b = uchar(bytes.at(lead));
            const qsizetype length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            if (length > 1 && bytes.size() - lead < length)
                whole = whole.first(lead);
        }
    }
    return decode(whole);
}

QString EventsPayload::pretty(const QByteArray &bytes, bool mayBeCut)
{
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError && !json.isNull())
        return QString::fromUtf8(json.toJson(QJsonDocument::Indented)).trimmed();
    if (const auto s = text(bytes, mayBeCut))
        return *s;
    return hexDump(bytes);
}

QString EventsPayload::hexDump(const QByteArray &bytes, int maxBytes)
{
    QString out;
    const qsizetype n = qMin<qsizetype>(bytes.size(), maxBytes);
    for (qsizetype row = 0; row < n; row += 16) {
        QString hex, ascii;
        for (qsizetype i = row; i < row + 16; ++i) {
            if (i < n) {
                const auto b = uchar(bytes.at(i));
                hex += QStringLiteral("%1 ").arg(b, 2, 16, QLatin1Char('0'));
                ascii += b >= 0x20 && b < 0x7f ? QChar(b) : QLatin1Char('.');
            } else {
                hex += QStringLiteral("   ");
            }
        }
        out += QStringLiteral("%1  %2 %3\n").arg(row, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    if (bytes.size() > n)
        out += tr("… (%n more byte(s))", nullptr, int(bytes.size() - n)) + QLatin1Char('\n');
    return out;
}

} // namespace ringside
