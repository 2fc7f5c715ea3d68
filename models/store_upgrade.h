#pragma once

#include <QString>

namespace ringside {

/** The schema upgrade a new release brings, run apart from the engine's start so that the desktop
 *  app can do it off the GUI thread: on a big store it takes seconds (2 s for 363k calls). */
class StoreUpgrade
{
public:
    /** True if the store at path exists and is older than this build's schema. A new store is
     *  created in milliseconds and a broken or newer one is the engine's start to report. */
    static bool isNeeded(const QString &path);
    /** Opens, migrates and closes the store on the calling thread (any thread): empty, or why not. */
    static QString run(const QString &path);
};

} // namespace ringside
