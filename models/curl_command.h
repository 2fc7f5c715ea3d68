#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace ringside {

/** What a replay sends: the stored request's bytes and where to. */
struct CurlReplay
{
    QString url;           // the receiver's webhook URL (empty: a placeholder is written)
    QString contentType;   // as received; empty: the replay sends none either
    QByteArray body;
    QString authScheme;    // the receiver's scheme: "none", "bearer", "standard-webhooks"
    QString description;   // "event 42 (call.completed, call abc)": goes into a comment line
    bool bodyTruncated = false;
};

/** Builds a `curl` command a person can paste into a POSIX shell to send a stored request to the
 *  receiver again by hand. Everything is single-quoted, the body goes byte for byte through
 *  --data-binary, and credentials are placeholders: a real secret never reaches the clipboard. */
class CurlCommand
{
    Q_DECLARE_TR_FUNCTIONS(CurlCommand)

public:
    static QString build(const CurlReplay &replay);
    /** `text` as one shell word: in single quotes, each ' written as '\''. */
    static QString shellQuote(const QString &text);
    /** A printf(1) format, itself shell-quoted, that prints exactly `bytes` (NULs and all). */
    static QString printfFormat(const QByteArray &bytes);
    /** True when `body` can go literally into --data-binary '...': UTF-8 text without control
     *  characters a terminal would act on, and not starting with '@' (curl would read a file). */
    static bool isPasteSafe(const QByteArray &body);
};

} // namespace ringside
