#include "ui/metric_tile.h"

#include <QLabel>
#include <QVBoxLayout>

namespace ringside {

MetricTile::MetricTile(const QString &key, QWidget *parent)
    : QFrame(parent), m_caption(new QLabel(this)), m_value(new QLabel(this)), m_detail(new QLabel(this))
{
    setObjectName(key + QStringLiteral("Tile"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    m_value->setObjectName(key + QStringLiteral("TileValue"));
    m_detail->setObjectName(key + QStringLiteral("TileDetail"));

    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.75);
    big.setBold(true);
    m_value->setFont(big);
    QFont small = m_caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_caption->setFont(small);
    m_detail->setFont(small);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_detail->setWordWrap(true);
    m_value->setText(QStringLiteral("\u2013"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    layout->addStretch();
    // Preferred, not Fixed: in a row, every tile then takes the tallest one's height.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setMinimumWidth(110);
}

void MetricTile::setCaption(const QString &caption)
{
    m_caption->setText(caption);
}

void MetricTile::setValue(const QString &value, const QString &detail, Tone tone)
{
    m_value->setText(value);
    m_detail->setText(detail);
    QPalette p = palette();
    QColor color = palette().color(QPalette::WindowText);
    switch (tone) {
    case Tone::Neutral: break;
    case Tone::Good: color = QColor(0x2e, 0x7d, 0x32); break;
    case Tone::Warning: color = QColor(0xe6, 0x51, 0x00); break;
    case Tone::Bad: color = QColor(0xc6, 0x28, 0x28); break;
    }
    p.setColor(QPalette::WindowText, color);
    m_value->setPalette(p);
}

QString MetricTile::value() const
{
    return m_value->text();
}

QString MetricTile::detail() const
{
    return m_detail->text();
}

} // namespace ringside
