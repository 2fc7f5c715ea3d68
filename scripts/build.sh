#!/usr/bin/env bash
# Configure and build Ringside into build/ (or $RINGSIDE_BUILD_DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${RINGSIDE_BUILD_DIR:-$root/build}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# shellcheck source=scripts/ccache-env.sh
source "$root/scripts/ccache-env.sh"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${RINGSIDE_BUILD_TYPE:-RelWithDebInfo}" "${launcher[@]}" "$@"
fi
cmake --build "$build" -j"$(nproc)"
