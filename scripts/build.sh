#!/usr/bin/env bash
# Configure and build Ringside into build/ (or $RINGSIDE_BUILD_DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${RINGSIDE_BUILD_DIR:-$root/build}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# The libraries use precompiled headers; ccache caches those compiles only when told it may.
export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${RINGSIDE_BUILD_TYPE:-RelWithDebInfo}" "${launcher[@]}" "$@"
fi
cmake --build "$build" -j"$(nproc)"
