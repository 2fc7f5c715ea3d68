#!/usr/bin/env bash
# Ingest benchmark: how many webhook events per second ringsided stores durably, next to
# nginx answering "200" to the same requests without doing anything (the ceiling this
# machine and load generator allow), and next to ringsided without group commit.
#
#   bench/ingest_vs_nginx.sh
#
# Environment (all optional):
#   RINGSIDE_BIN       ringsided to measure; without it scripts/build.sh builds one
#   BENCH_DURATION     wrk -d per run (default 10s; wrk syntax: 30s, 2m)
#   BENCH_CONNECTIONS  wrk -c per run (default 64)
#   BENCH_THREADS      wrk -t per run (default 2)
#   BENCH_ROUNDS       rounds of the three targets (default 3)
#   BENCH_TMPDIR       where the databases live (default $TMPDIR or /tmp); must be a real
#                      disk, not tmpfs, or fsync is free and the numbers mean nothing
#   BENCH_KEEP=1       keep the temp dir (logs, databases) instead of deleting it
#   RINGSIDE_BASELINE_BIN  a second ringsided (e.g. main's build) run in the same rounds as
#                      RINGSIDE_BIN, ordered and random ids, for an A/B of a change: alternating
#                      both in one run is the only fair comparison on a machine that drifts
#   BENCH_TARGETS      the targets to run, space-separated (default: all of them; nginx is always
#                      run, the ratios need it): group group_random max_batch_1 base_group base_group_random
#
# Rounds alternate nginx, ringsided (group commit), the same with random call_uuids (each index
# insert on a random page, as with UUIDv4 ids; the default ids sort in sending order) and
# ringsided (max_batch=1), so that slow drift on a shared machine (other load, disk cache,
# thermal) hits all targets alike; the table shows medians over the rounds. Each ringsided run gets a fresh database.
#
# "Durable events/s" is the number of 2xx answers divided by wrk's run time, and is only
# reported as such after the run's stored event count (ringsided export) has been checked
# against it: every 2xx must be in the database. Requests still in flight when wrk stops
# are abandoned by wrk but (correctly) still committed by ringsided, so the database may
# hold up to one extra event per connection; more than that, or fewer than the 2xx
# count, is a MISMATCH and fails the script.
#
# Results: a Markdown table on stdout and in bench/results/ingest-<date>.md (ingest-ab-<date>.md for a
# run with RINGSIDE_BASELINE_BIN or BENCH_TARGETS).
set -euo pipefail

log_tag=bench
# shellcheck source=bench/lib/common.sh
source "$(dirname "$0")/lib/common.sh"

root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/bench

duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
rounds=${BENCH_ROUNDS:-3}

duration_s=$(seconds_of "$duration") || die "BENCH_DURATION '$duration' is not like 10s, 2m or 1h"
[[ $duration_s -gt 0 && $connections -gt 0 && $threads -gt 0 && $rounds -gt 0 ]] || die "bad parameters"

# ---------------------------------------------------------------------------------------
# Tools and the binary under test.

need_tools "$root" bench wrk nginx timeout
find_ringsided "$root" "building ringsided (scripts/build.sh)"   # sets bin

# ---------------------------------------------------------------------------------------
# Temp dir and cleanup: every server this script starts is recorded in $pids and stopped
# on any exit, including Ctrl-C and errors.

work=$(make_work_dir ringside-bench)
warn_if_tmpfs "$work" "ringsided numbers are not durable ones"

load_start=$(load_average)   # other load skews everything; recorded in the report

declare -A pids=()   # pid -> name of a server still running
trap cleanup EXIT
trap 'exit 130' INT TERM   # run the EXIT trap on Ctrl-C / kill too

# A loopback port nobody listens on now (nginx needs one in its config; ringsided is
# started on port 0 and tells us which port it got).
free_port() {
  local p i
  for ((i = 0; i < 100; i++)); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  die "no free loopback port found"
}

# wait_for_port PORT PID: until something accepts on PORT (10 s at most) while PID lives.
wait_for_port() {
  local port=$1 pid=$2 i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# ---------------------------------------------------------------------------------------
# Servers.

start_nginx() {   # sets server_pid, server_port
  local dir=$work/nginx-$1 user_directive=""
  mkdir -p "$dir"
  server_port=$(free_port)
  # As root the master would otherwise hand the workers to "nobody".
  [[ $(id -u) -ne 0 ]] || user_directive="user $(id -un) $(id -gn);"
  sed -e "s|@PREFIX@|$dir|g" -e "s|@PORT@|$server_port|g" -e "s|@USER_DIRECTIVE@|$user_directive|g" \
    "$bench/nginx/nginx.conf.template" >"$dir/nginx.conf"
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/stdout.log" 2>&1 &
  server_pid=$!
  pids[$server_pid]=nginx
  wait_for_port "$server_port" "$server_pid" || { cat "$dir/error.log" >&2 || true; die "nginx did not start"; }
}

start_ringsided() {   # start_ringsided RUN CONFIG|"" BINARY: sets server_pid, server_port, server_dir
  local run=$1 config=$2 server_bin=$3 i
  server_dir=$work/$run
  mkdir -p "$server_dir"
  local args=(--db "$server_dir/ringside.db" --listen 127.0.0.1:0 --admin-listen 127.0.0.1:0)
  [[ -z $config ]] || args+=(--config "$config")
  "$server_bin" "${args[@]}" >"$server_dir/stdout.log" 2>"$server_dir/stderr.log" &
  server_pid=$!
  pids[$server_pid]=ringsided
  server_port=""
  for ((i = 0; i < 100; i++)); do
    if grep -q listening "$server_dir/stdout.log" 2>/dev/null; then
      server_port=$(grep -o 'webhooks on http://127\.0\.0\.1:[0-9]*' "$server_dir/stdout.log" | grep -o '[0-9]*$' || true)
      break
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n $server_port ]] || { cat "$server_dir/stderr.log" >&2 || true; die "ringsided did not start ($run)"; }
}

# ---------------------------------------------------------------------------------------
# One wrk run; prints the WRK_RESULT fields as "key=value ..." (see bench/wrk/unique_event.lua).

run_wrk() {   # run_wrk PORT OUTFILE UUIDS(sequential|random)
  local port=$1 out=$2 uuids=$3
  # --timeout 10s: without group commit a request can wait for dozens of fsyncs; wrk's
  # default 2 s would count those as errors and skew p99.
  RINGSIDE_UUIDS=$uuids timeout $(( duration_s + 60 )) wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s \
    -s "$bench/wrk/unique_event.lua" "http://127.0.0.1:$port/webhooks/unlimcall" >"$out" 2>&1 \
    || { cat "$out" >&2; die "wrk failed or timed out"; }
  grep -m1 '^WRK_RESULT ' "$out" | sed 's/^WRK_RESULT //' || { cat "$out" >&2; die "no WRK_RESULT line from wrk"; }
}

# ---------------------------------------------------------------------------------------
# The rounds.

nobatch_conf=$work/max_batch_1.ini
printf '[store]\nmax_batch=1\n' >"$nobatch_conf"

baseline=${RINGSIDE_BASELINE_BIN:-}
[[ -z $baseline || -x $baseline ]] || die "RINGSIDE_BASELINE_BIN '$baseline' is not an executable"
targets=(nginx group group_random max_batch_1)
[[ -z $baseline ]] || targets+=(base_group base_group_random)
if [[ -n ${BENCH_TARGETS:-} ]]; then
  chosen=(nginx)
  for target in $BENCH_TARGETS; do
    [[ " ${targets[*]} " == *" $target "* ]] || die "BENCH_TARGETS: unknown target '$target' (have: ${targets[*]})"
    [[ $target == nginx ]] || chosen+=("$target")
  done
  targets=("${chosen[@]}")
fi
declare -A label=(
  [nginx]="nginx \`return 200\`"
  [group]="ringsided (group commit)"
  [group_random]="ringsided (group commit, random call_uuids)"
  [max_batch_1]="ringsided (max_batch=1)"
  [base_group]="baseline ringsided (group commit)"
  [base_group_random]="baseline ringsided (group commit, random call_uuids)"
)
declare -A rate_list=() p99_list=()   # target -> space-separated per-round values
rows=()                               # per-run detail lines for the report
mismatches=0
warnings=()

for ((round = 1; round <= rounds; round++)); do
  for target in "${targets[@]}"; do
    run="$target-r$round"
    log "round $round/$rounds: $target (wrk -t$threads -c$connections -d$duration)"
    if [[ $target == nginx ]]; then
      start_nginx "$round"
    else
      config="" run_bin=$bin
      [[ $target != max_batch_1 ]] || config=$nobatch_conf
      [[ $target != base_* ]] || run_bin=$baseline
      start_ringsided "$run" "$config" "$run_bin"
    fi
    uuids=sequential
    [[ $target != *_random ]] || uuids=random

    r=$(run_wrk "$server_port" "$work/$run.wrk.txt" "$uuids")
    requests=$(field requests "$r"); non2xx=$(field non2xx "$r"); sockerr=$(field socket_errors "$r")
    sent=$(field sent "$r"); dur_us=$(field duration_us "$r"); p99_us=$(field p99_us "$r")
    ok2xx=$(( requests - non2xx ))
    # req/s of 2xx answers only: an error answer is not an accepted webhook.
    rate=$(awk -v n="$ok2xx" -v us="$dur_us" 'BEGIN { printf "%.1f", n / (us / 1e6) }')
    (( non2xx == 0 && sockerr == 0 )) \
      || warnings+=("$run: $non2xx non-2xx answers, $sockerr socket errors")

    if [[ $target == nginx ]]; then
      stop_pid "$server_pid" QUIT || true
      rows+=("| $round | ${label[$target]} | $ok2xx | $non2xx | $sockerr | - | $rate | $p99_us | - |")
    else
      if ! stop_pid "$server_pid" TERM; then
        status=$?   # e.g. 139: a crash during the graceful stop
        log "WARNING: $run: ringsided exited with status $status on SIGTERM"
        warnings+=("$run: ringsided exited with status $status on SIGTERM (expected 0)")
      fi
      # Stored after a clean stop: what a restart would find on disk.
      export_file=$server_dir/events.jsonl
      timeout 300 "$run_bin" export --db "$server_dir/ringside.db" --what events --format jsonl >"$export_file" \
        || die "$run: ringsided export failed"
      stored=$(wc -l <"$export_file")
      unprocessable=$(grep -c '"status":"unprocessable"' "$export_file" || true)
      (( unprocessable == 0 )) || warnings+=("$run: $unprocessable events stored raw as unprocessable (payload rejected)")
      extra=$(( stored - ok2xx ))
      if (( extra == 0 )); then
        check="ok (= 2xx)"
      elif (( extra > 0 && extra <= connections && stored <= sent )); then
        check="ok (+$extra in flight at stop)"
      else
        check="**MISMATCH** (stored $stored, 2xx $ok2xx, sent $sent)"
        mismatches=$(( mismatches + 1 ))
        log "MISMATCH in $run: $stored events stored, $ok2xx answered 2xx, $sent sent"
      fi
      rows+=("| $round | ${label[$target]} | $ok2xx | $non2xx | $sockerr | $stored | $rate | $p99_us | $check |")
      [[ ${BENCH_KEEP:-0} == 1 ]] || rm -f "$server_dir"/ringside.db* "$export_file"   # keep /tmp small
    fi
    rate_list[$target]+="$rate "
    p99_list[$target]+="$p99_us "
    log "  $rate 2xx/s, p99 $(( p99_us / 1000 )) ms"
  done
done

# ---------------------------------------------------------------------------------------
# Report.

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'; }

machine_facts "$root" "$work"   # sets cpu, disk, now, rev, load_end
# With RINGSIDE_BIN the tree's revision need not be the binary's: name the binary too.
binary="${bin#"$root"/} built $(utc_minute -r "$bin"), tree $rev"
[[ -z $baseline ]] || binary+="; baseline: $baseline built $(utc_minute -r "$baseline")"
machine="Machine: ${cpu:-unknown CPU}, $(nproc) cores, database on $disk, $now"

nginx_median=$(median <<<"${rate_list[nginx]}")
report=$(
  echo "## Ringside ingest vs nginx ($now)"
  echo
  echo "wrk -t$threads -c$connections -d$duration, ~450-byte call.completed JSON, every call_uuid distinct"
  echo "(in sending order, except in the random row: UUIDv4-like, so index inserts land on random pages);"
  echo "medians over $rounds alternating rounds; SQLite WAL synchronous=FULL; 127.0.0.1 only."
  echo "ringsided: $binary."
  echo
  echo "| target | median req/s (ringsided: durable events/s) | ratio to nginx | median p99 latency |"
  echo "|---|---:|---:|---:|"
  for target in "${targets[@]}"; do
    m=$(median <<<"${rate_list[$target]}")
    ratio=$(awk -v a="$m" -v b="$nginx_median" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
    echo "| ${label[$target]} | $m | $ratio | $(ms "$(median <<<"${p99_list[$target]}")") |"
  done
  echo
  echo "$machine"
  echo "(load average before: $load_start, after: $load_end; the machine is shared with the load generator and anything else running)"
  echo
  echo "<details><summary>Per run</summary>"
  echo
  echo "| round | target | 2xx | non-2xx | socket errors | events stored | 2xx/s | p99 (µs) | stored vs 2xx |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "</details>"
  print_warnings "${warnings[@]}"
  if (( mismatches > 0 )); then
    echo
    echo "**$mismatches run(s) with a MISMATCH between stored events and 2xx answers: the durable rate above is not trustworthy.**"
  fi
)

# An A/B or a subset is an experiment: it must not replace the day's full report.
report_name=ingest
[[ -z $baseline && -z ${BENCH_TARGETS:-} ]] || report_name=ingest-ab
write_report "$root" "$report_name" "$report"

if (( mismatches > 0 )); then
  log "MISMATCH: $mismatches ringsided run(s) stored a different number of events than they acknowledged"
  exit 1
fi
