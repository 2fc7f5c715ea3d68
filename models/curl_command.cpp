#include "models/curl_command.h"

#include "models/events_payload.h"

#include <QStringList>
#include <algorithm>

namespace ringside {

namespace {

/** A comment must stay one line: a payload's call id could otherwise smuggle a command out of it. */
QString oneLine(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line
            || c.category() == QChar::Separator_Paragraph)
            c = QLatin1Char(' ');
    }
    return out;
}

} // namespace

QString CurlCommand::shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString CurlCommand::printfFormat(const QByteArray &bytes)
{
    // Only printable ASCII goes in as is; everything else (and the quote) as an octal escape, so the
    // format survives any shell and any terminal.
    QString format;
    format.reserve(bytes.size() * 2 + 2);
    format += QLatin1Char('\'');
    for (char ch : bytes) {
        const auto b = uchar(ch);
        if (b == '\\')
            format += QLatin1String("\\\\");
        else if (b == '%')
            format += QLatin1String("%%");
        else if (b >= 0x20 && b < 0x7f && b != '\'' && !(b == '-' && format.size() == 1)) // a leading - is an option
            format += QLatin1Char(ch);
        else
            format += QStringLiteral("\\%1").arg(b, 3, 8, QLatin1Char('0'));
    }
    format += QLatin1Char('\'');
    return format;
}

bool CurlCommand::isPasteSafe(const QByteArray &body)
{
    if (body.startsWith('@'))
        return false;
    const std::optional<QString> text = EventsPayload::text(body);
    if (!text)
        return false;
    // Newlines are fine inside quotes. Tabs and carriage returns change what a terminal paste sends,
    // escapes (C0, DEL, C1) drive the terminal itself, and bidi overrides hide what will run.
    return std::none_of(text->cbegin(), text->cend(), [](QChar c) {
        return c != QLatin1Char('\n')
               && (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format);
    });
}

QString CurlCommand::build(const CurlReplay &r)
{
    QStringList comments;
    comments << tr("Replays %1 to Ringside's receiver.").arg(oneLine(r.description));
    const QString scheme = r.authScheme.toLower();
    QStringList headers;
    headers << (r.contentType.isEmpty() ? QStringLiteral("Content-Type:")
                                        : QStringLiteral("Content-Type: %1").arg(oneLine(r.contentType)));
    if (scheme == QLatin1String("bearer")) {
        comments << tr("Put the receiver's token in place of the placeholder (it is never copied).");
        headers << QStringLiteral("Authorization: Bearer <WEBHOOK-TOKEN>");
    } else if (scheme == QLatin1String("standard-webhooks")) {
        comments << tr("Signatures expire after a few minutes and cover these exact bytes: sign them afresh with"
                       " the webhook secret and fill in the three placeholders.");
        headers << QStringLiteral("webhook-id: <NEW-MESSAGE-ID>")
                << QStringLiteral("webhook-timestamp: <UNIX-SECONDS-NOW>")
                << QStringLiteral("webhook-signature: v1,<BASE64-HMAC-SHA256-OF-ID.TIMESTAMP.BODY>");
    }
    comments << tr("An event the receiver already has is answered \"duplicate\" and not stored twice.");
    if (r.bodyTruncated)
        comments << tr("Only the first KiB of this request was kept: the body below is cut short.");

    const bool literal = isPasteSafe(r.body);
    QString out;
    for (const QString &c : std::as_const(comments))
        out += QStringLiteral("# ") + oneLine(c) + QLatin1Char('\n');
    if (!literal)
        out += QStringLiteral("printf %1 | ").arg(printfFormat(r.body));
    out += QStringLiteral("curl -sS -i -X POST %1").arg(shellQuote(r.url.isEmpty() ? QStringLiteral("<RINGSIDE-WEBHOOK-URL>") : r.url));
    for (const QString &h : std::as_const(headers))
        out += QStringLiteral(" \\\n  -H ") + shellQuote(h);
    out += QStringLiteral(" \\\n  --data-binary ");
    out += literal ? shellQuote(QString::fromUtf8(r.body)) : QStringLiteral("@-");
    out += QLatin1Char('\n');
    return out;
}

} // namespace ringside
