#!/usr/bin/env bash
# Install what is missing, build, and run Ringside. Arguments go to the program.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build
"$root/scripts/build.sh" >&2
exec "${RINGSIDE_BUILD_DIR:-$root/build}/app/main/ringsided" "$@"
