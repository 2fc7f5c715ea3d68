#pragma once

#include <QFrame>

class QLabel;

namespace ringside {

/** One dashboard number: a caption, the value in large type and a line of detail under it.
 *  The value label is named "<key>TileValue" so tests and screenshots can find it. */
class MetricTile : public QFrame
{
    Q_OBJECT
public:
    enum class Tone { Neutral, Good, Warning, Bad };

    explicit MetricTile(const QString &key, QWidget *parent = nullptr);

    void setCaption(const QString &caption);
    void setValue(const QString &value, const QString &detail = {}, Tone tone = Tone::Neutral);
    QString value() const;
    QString detail() const;

private:
    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_detail;
};

} // namespace ringside
