#!/usr/bin/env bash
# Install what is missing, build, and run the Ringside desktop app. Arguments go to the program
# (the same --listen, --admin-listen, --db and --config as ringsided). For the headless engine run
# build/app/main/ringsided.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build run
"$root/scripts/build.sh" >&2
exec "${RINGSIDE_BUILD_DIR:-$root/build}/app/main/ringside" "$@"
