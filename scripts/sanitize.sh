#!/usr/bin/env bash
# The engine's tests under AddressSanitizer + UndefinedBehaviorSanitizer (clang, asserts on), then
# every libFuzzer target for a short run on its seed corpus. One build, build-sanitize/ (CMake
# preset "sanitize"), serves both. scripts/test.sh runs this after the main suite; arguments go
# to ctest. FUZZ_SECONDS (default 10) is each fuzz target's run; 0 skips fuzzing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build test fuzz
cd "$root"
# shellcheck source=scripts/ccache-env.sh
source "$root/scripts/ccache-env.sh"
cmake --preset sanitize >/dev/null   # every time: a build dir configured by an older preset is brought in line
cmake --build --preset sanitize -j"$(nproc)"
ctest --preset sanitize --timeout 900 -j"$(nproc)" "$@"
seconds=${FUZZ_SECONDS:-10}
if ((seconds > 0)); then
  "$root/scripts/fuzz.sh" "$seconds"
fi
