#!/usr/bin/env bash
# The one list of Debian 12 packages Ringside needs, by purpose.
# Usage: scripts/deps.sh build|run|test|bench|fuzz|screenshots ...   (installs what is missing)
set -euo pipefail

declare -A PACKAGES=(
  # Compiler, build system and the libraries the product links.
  [build]="build-essential cmake ninja-build ccache pkg-config
           qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
           qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
           libhttp-parser-dev libssl-dev libsqlite3-dev"
  # What the desktop app needs at run time: the xcb platform plugin, Qt's own German strings.
  [run]="qt6-qpa-plugins qt6-translations-l10n"
  # What the test suite drives besides the product (systemd and desktop-file-utils check the
  # installed unit and desktop entry; nothing is started under systemd).
  [test]="sqlite3 curl procps slowhttptest systemd desktop-file-utils"
  # Load generator and the reference server for bench/.
  [bench]="wrk nginx-light procps"
  # libFuzzer targets: clang with its sanitizer and fuzzer runtimes (scripts/fuzz.sh).
  [fuzz]="clang libclang-rt-14-dev"
  # Screenshots of the real app for the README (a virtual X server and a screen grabber).
  [screenshots]="xvfb xauth imagemagick"
)

wanted=()
for group in "$@"; do
  [[ -n "${PACKAGES[$group]:-}" ]] || { echo "deps.sh: unknown group '$group'" >&2; exit 2; }
  wanted+=(${PACKAGES[$group]})
done

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
