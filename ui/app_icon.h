#pragma once

#include <QIcon>

namespace ringside {

/** Ringside's icon (a ring on blue, a green "live" dot), drawn with QPainter at the usual sizes: the
 *  same picture as resources/icons/ringside.svg, which the desktop entry uses, without needing
 *  Qt's SVG plugin at run time. */
class AppIcon
{
public:
    static QIcon icon();
    static QPixmap pixmap(int size);
};

} // namespace ringside
