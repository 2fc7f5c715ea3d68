#pragma once

#include <QByteArrayView>

namespace ringside {

/** True when a and b hold the same bytes; the time taken depends on the length only, never on
 *  where the first difference is, so a caller cannot guess a secret byte by byte. */
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace ringside
