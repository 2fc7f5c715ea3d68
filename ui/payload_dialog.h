#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace ringside {

struct TimelineReceipt;

/** A stored webhook request as a person reads it: headers, then the body pretty-printed (JSON
 *  indented, form fields one per line), read-only, with a Copy button. */
class PayloadDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PayloadDialog(QWidget *parent = nullptr);

    /** summary: one line above the text, e.g. "call.initiated received 12:00:01.250". */
    void setRequest(const QString &summary, const QString &headers, const QByteArray &payload,
                    const QString &contentType);
    /** A receipt from the call timeline (a duplicate shows the body its first receipt stored). */
    void setReceipt(const TimelineReceipt &receipt, qint64 referenceMs);

    /** What the text box shows (and Copy copies). */
    QString text() const;

    /** JSON indented; form-urlencoded one "name = value" per line; other UTF-8 as is; else hex. */
    static QString prettyPayload(const QByteArray &payload, const QString &contentType);

private:
    void copy();

    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_text = nullptr;
};

} // namespace ringside
