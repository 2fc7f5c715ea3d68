#include "ui/payload_dialog.h"

#include "models/call_timeline.h"
#include "models/timeline_text.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStringDecoder>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace ringside {

namespace {
/** Indents valid JSON as it was sent: keys keep their order and numbers their digits (a parse
 *  and re-serialise would sort the keys and round 64-bit ids through double). */
QString indentJson(const QString &json)
{
    QString out;
    int depth = 0;
    bool inString = false, escaped = false;
    auto newline = [&out, &depth] { out += QLatin1Char('\n') + QString(depth * 4, QLatin1Char(' ')); };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar c = json.at(i);
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == QLatin1Char('\\'))
                escaped = true;
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        if (c.isSpace())
            continue;
        switch (c.unicode()) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            qsizetype next = i + 1;
            while (next < json.size() && json.at(next).isSpace())
                ++next;
            if (next < json.size() && (json.at(next) == QLatin1Char('}') || json.at(next) == QLatin1Char(']'))) {
                out += c;
                out += json.at(next); // {} and [] stay on one line
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += QStringLiteral(": ");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString hexDump(const QByteArray &bytes)
{
    QStringList lines;
    for (qsizetype at = 0; at < bytes.size(); at += 16) {
        const QByteArray chunk = bytes.mid(at, 16);
        QString ascii;
        for (char c : chunk)
            ascii += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : QLatin1Char('.');
        lines << QStringLiteral("%1  %2  %3")
                     .arg(at, 8, 16, QLatin1Char('0'))
                     .arg(QString::fromLatin1(chunk.toHex(' ')), -47)
                     .arg(ascii);
    }
    return lines.join(QLatin1Char('\n'));
}
} // namespace

PayloadDialog::PayloadDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Payload"));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setAccessibleName(tr("Headers and payload"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copyButton = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copyButton->setObjectName(QStringLiteral("copyButton"));
    connect(copyButton, &QPushButton::clicked, this, &PayloadDialog::copy);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    layout->addWidget(m_summary);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(720, 560);
}

void PayloadDialog::setRequest(const QString &summary, const QString &headers, const QByteArray &payload,
                               const QString &contentType)
{
    m_summary->setText(summary);
    QString text = headers.trimmed();
    if (!text.isEmpty())
        text += QStringLiteral("\n\n");
    text += payload.isEmpty() ? tr("(empty body)") : prettyPayload(payload, contentType);
    m_text->setPlainText(text);
}

void PayloadDialog::setReceipt(const TimelineReceipt &r, qint64 referenceMs)
{
    setWindowTitle(tr("Payload of %1").arg(eventTypeName(r.type)));
    QString summary = tr("%1 received %2 · %3 bytes")
                          .arg(eventTypeName(r.type), TimelineText::time(r.receivedAt, referenceMs))
                          .arg(r.payload.size());
    if (!r.contentType.isEmpty())
        summary += QStringLiteral(" · ") + r.contentType;
    if (r.duplicate)
        summary += QLatin1Char('\n') + tr("A duplicate: its body was not stored again; this is the first receipt's.");
    setRequest(summary, r.headers, r.payload, r.contentType);
}

QString PayloadDialog::text() const
{
    return m_text->toPlainText();
}

void PayloadDialog::copy()
{
    QApplication::clipboard()->setText(text());
}

QString PayloadDialog::prettyPayload(const QByteArray &payload, const QString &contentType)
{
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(payload, &error);
    if (error.error == QJsonParseError::NoError && !json.isNull())
        return indentJson(QString::fromUtf8(payload));

    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(payload);
    if (utf8.hasError() || text.contains(QChar(0)))
        return hexDump(payload);
    if (contentType.startsWith(QLatin1String("application/x-www-form-urlencoded"), Qt::CaseInsensitive)) {
        // Twilio-style bodies: one field per line, decoded.
        QString plus = text;
        plus.replace(QLatin1Char('+'), QLatin1Char(' '));
        const QUrlQuery query(plus);
        QStringList lines;
        for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
            lines << QStringLiteral("%1 = %2").arg(name, value);
        if (!lines.isEmpty())
            return lines.join(QLatin1Char('\n'));
    }
    return text;
}

} // namespace ringside
