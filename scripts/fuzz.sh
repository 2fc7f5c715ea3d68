#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan; CMake preset "sanitize", build-sanitize/)
# and runs each for a while on its seed corpus (fuzz/corpus/<target>); new inputs that find new
# coverage go to build-sanitize/corpus/<target>, crashes to build-sanitize/crashes/. Prints
# executions and crashes per target; exit 1 if any target crashed.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, every target)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
"$root/scripts/deps.sh" build fuzz
build=$root/build-sanitize
# shellcheck source=scripts/ccache-env.sh
source "$root/scripts/ccache-env.sh"
cd "$root"
[[ -f "$build/CMakeCache.txt" ]] || cmake --preset sanitize >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz
targets=("$@")
if ((${#targets[@]} == 0)); then
  mapfile -t targets < <(cd "$root/fuzz" && ls fuzz_*.cpp | sed 's/\.cpp$//')
fi
mkdir -p "$build/crashes"
failed=0
printf '%-24s %12s %10s %8s %s\n' target executions exec/s crashes coverage
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t
  mkdir -p "$corpus"
  log=$build/$t.log
  set +e
  ASAN_OPTIONS=detect_leaks=1 "$build/fuzz/$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
      -artifact_prefix="$build/crashes/$t-" -print_final_stats=1 "$corpus" "$root/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(awk '/stat::number_of_executed_units:/ {print $2}' "$log" | tail -1)
  rate=$(awk '/stat::average_exec_per_sec:/ {print $2}' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  crashes=$(find "$build/crashes" -name "$t-*" | wc -l)
  printf '%-24s %12s %10s %8s %s\n' "$t" "${execs:-?}" "${rate:-?}" "$crashes" "${cov:-?} edges"
  if ((rc != 0 || crashes > 0)); then
    failed=1
    echo "  $t failed (exit $rc); see $log and $build/crashes/" >&2
    tail -30 "$log" >&2
  fi
done
exit $failed
