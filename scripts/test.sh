#!/usr/bin/env bash
# Install what is missing, build, and run the whole test suite. Arguments go to ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build test
"$root/scripts/build.sh"
cd "${RINGSIDE_BUILD_DIR:-$root/build}"
export QT_QPA_PLATFORM=offscreen
ctest --output-on-failure --timeout 600 -j"$(nproc)" "$@"
