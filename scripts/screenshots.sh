#!/usr/bin/env bash
# Screenshots of every page of the real desktop app, under a virtual X server, with simulated
# calls pushed through the real receiver into a sandbox CRM. Writes docs/screenshots/*.png.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build run screenshots
"$root/scripts/build.sh" >&2
build=${RINGSIDE_BUILD_DIR:-$root/build}
RINGSIDE_BUILD_DIR=$build xvfb-run -a -s "-screen 0 1280x800x24" \
  "$build/tools/screenshots/ringside-screenshots" "$root/docs/screenshots"
