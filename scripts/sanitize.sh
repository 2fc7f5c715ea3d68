#!/usr/bin/env bash
# The engine's tests under AddressSanitizer + UndefinedBehaviorSanitizer (clang, asserts on), then
# every libFuzzer target for a short run on its seed corpus. One build, build-sanitize/ (CMake
# preset "sanitize"), serves both. scripts/test.sh runs this after the main suite; arguments go
# to ctest. FUZZ_SECONDS (default 10) is each fuzz target's run; 0 skips fuzzing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build test fuzz
cd "$root"
# The libraries use precompiled headers; ccache caches those compiles only when told it may.
export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
cmake --preset sanitize >/dev/null   # every time: a build dir configured by an older preset is brought in line
cmake --build --preset sanitize -j"$(nproc)"
ctest --preset sanitize --timeout 900 -j"$(nproc)" "$@"
seconds=${FUZZ_SECONDS:-10}
if ((seconds > 0)); then
  "$root/scripts/fuzz.sh" "$seconds"
fi
