#!/usr/bin/env bash
# The whole test suite — engine, fault suite (4 crash cycles instead of 20) and desktop app — under
# ThreadSanitizer (GCC, CMake preset "tsan", build-tsan/). Not part of .ci/run by default: a cold
# build takes ~18 minutes on the 2-core CI machine, whose whole suite must stay well under 20;
# `RINGSIDE_TSAN=1 scripts/test.sh` runs it there too.
# Arguments go to ctest (e.g. -R engine).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build test
cd "$root"
# shellcheck source=scripts/ccache-env.sh
source "$root/scripts/ccache-env.sh"
cmake --preset tsan >/dev/null   # every time: a build dir configured by an older preset is brought in line
cmake --build --preset tsan -j"$(nproc)"
ctest --preset tsan --timeout 900 -j"$(nproc)" "$@"
