#!/usr/bin/env bash
# Install what scripts/build.sh built into a prefix, /usr/local by default: the binaries, the systemd
# unit, the README and example configuration, the desktop entry and icon. Use sudo for a system
# prefix; arguments go to `cmake --install` (e.g. --prefix /usr). sudo drops most of the caller's
# environment: pass RINGSIDE_BUILD_DIR or DESTDIR through it explicitly (sudo env DESTDIR=... ...).
# CMake always (re)writes build/install_manifest*.txt. Under sudo that file would become root's, and
# the next build or test run as yourself could not rewrite it, so it is handed back to the owner of
# the build tree.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${RINGSIDE_BUILD_DIR:-$root/build}
if [[ ! -f $build/CMakeCache.txt ]]; then
  echo "install.sh: nothing built in $build: run scripts/build.sh first" >&2
  exit 2
fi
# The cmake that configured the tree, not whichever one sudo's PATH finds first.
cmake=$(sed -n 's/^CMAKE_COMMAND:INTERNAL=//p' "$build/CMakeCache.txt")
[[ -x $cmake ]] || cmake=cmake
status=0
"$cmake" --install "$build" "$@" || status=$?
if ((EUID == 0)); then
  for manifest in "$build"/install_manifest*.txt; do
    [[ -f $manifest ]] || continue
    chown --reference="$build" "$manifest" \
      || echo "install.sh: warning: could not hand $manifest back to the build tree's owner" >&2
  done
fi
exit "$status"
