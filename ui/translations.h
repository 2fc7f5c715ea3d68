#pragma once

#include <QString>

namespace ringside {

/** Installs the app's translation (and Qt's own, for standard buttons) for `language` ("de", "en"),
 *  or for the system locale when it is empty. English needs nothing: it is the source language.
 *  Returns the language installed, or an empty string for English. */
QString installTranslations(const QString &language);

} // namespace ringside
