#!/usr/bin/env bash
# Install what is missing, build, and run the whole test suite: every test on the release build,
# then the engine's tests again under ASan + UBSan with a short run of every fuzz target
# (scripts/sanitize.sh). Arguments go to ctest and run only the first part (e.g. -R engine);
# RINGSIDE_SANITIZERS=0 skips the second; RINGSIDE_TSAN=1 adds a third, the whole suite under
# ThreadSanitizer (scripts/tsan.sh; off by default for CI time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build test fuzz
"$root/scripts/build.sh"
cd "${RINGSIDE_BUILD_DIR:-$root/build}"
export QT_QPA_PLATFORM=offscreen
ctest --output-on-failure --timeout 600 -j"$(nproc)" "$@"
if (($# == 0)) && [[ ${RINGSIDE_SANITIZERS:-1} != 0 ]]; then
  "$root/scripts/sanitize.sh"
fi
if (($# == 0)) && [[ ${RINGSIDE_TSAN:-0} == 1 ]]; then
  "$root/scripts/tsan.sh"
fi
