#!/usr/bin/env bash
# Pipeline benchmark (issue #5): ringside-sim send plays the provider against ringsided, which
# delivers into the sandbox CRM (5 ms latency), at increasing call rates. Per rate: calls and
# events acknowledged per second, the provider's ack latency (p50/p99, from the simulator), the
# end-to-end P95 (event receipt -> CRM 2xx, exact, from the database), the delivery backlog when
# the traffic stops, ringsided's CPU (% of one core) and peak memory.
#
#   bench/pipeline_bench.sh
#
# Environment (all optional):
#   BENCH_RATES        calls/s to try, in order (default "50 100 200 400 800")
#   BENCH_SECONDS      traffic per rate (default 20)
#   BENCH_CRM_LATENCY_MS  the sandbox CRM's answer delay (default 5)
#   RINGSIDE_BIN, RINGSIDE_SIM, BENCH_TMPDIR, BENCH_KEEP=1  as in the other benches
#
# Each rate gets a fresh database and a fresh daemon. Correctness is checked on every run: every
# event the simulator got a 200 for is stored and delivered once (sandbox: no duplicate records).
set -euo pipefail

log_tag=pipeline-bench
# shellcheck source=bench/lib/common.sh
source "$(dirname "$0")/lib/common.sh"
root=$(cd "$(dirname "$0")/.." && pwd)

rates=${BENCH_RATES:-50 100 200 400 800}
seconds=${BENCH_SECONDS:-20}
crm_latency_ms=${BENCH_CRM_LATENCY_MS:-5}
for r in $rates $seconds $crm_latency_ms; do
  [[ $r =~ ^[0-9]+$ ]] || die "BENCH_RATES, BENCH_SECONDS and BENCH_CRM_LATENCY_MS take whole numbers (got '$r')"
done

need_tools "$root" "bench test" curl sqlite3 awk timeout
find_ringsided "$root" "building (scripts/build.sh)"
sim=${RINGSIDE_SIM:-$(dirname "$bin")/ringside-sim}
[[ -x $sim ]] || die "ringside-sim not found or not executable: $sim"
work=$(make_work_dir ringside-pipeline-bench)
warn_if_tmpfs "$work"
load_start=$(load_average)
clk_tck=$(getconf CLK_TCK)
declare -A pids=()
warnings=()
trap cleanup EXIT
trap 'exit 130' INT TERM

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # utime + stime
rss_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
jnum() { grep -o "\"$1\":[0-9.e+-]*" <<<"$2" | sed -n 1p | cut -d: -f2; }   # jnum KEY JSON

start_sim crm --latency-ms "$crm_latency_ms"
rows=()
for rate in $rates; do
  calls=$(( rate * seconds ))
  db=$work/rate-$rate.db
  config=$work/rate-$rate.ini
  printf '[sink.default]\nurl=http://127.0.0.1:%s/crm-webhook\nconcurrency=32\n' "$sim_port" >"$config"
  curl -sS --max-time 10 -X POST "http://127.0.0.1:$sim_port/_sandbox/reset" >/dev/null
  start_ringsided "rate-$rate" "$db" "$config"
  log "$rate calls/s for ${seconds}s ($calls calls)"
  cpu0=$(cpu_ticks "$rs_pid")
  t0=$(now_ms)
  report=$("$sim" send --url "http://127.0.0.1:$rs_port/webhooks/unlimcall" --calls "$calls" --rate "$rate" \
             --connections 64 --duplicates 0.02 --reorder 0.1 --retry-schedule "" --seed "$rate" --json) || true
  t1=$(now_ms)
  cpu1=$(cpu_ticks "$rs_pid")
  metrics "$work/rate-$rate.metrics"
  backlog=$(( $(metric 'ringside_delivery_backlog{state="pending"}' "$work/rate-$rate.metrics") \
            + $(metric 'ringside_delivery_backlog{state="retrying"}' "$work/rate-$rate.metrics") ))
  events=$(jnum acknowledged_events "$report")
  # Let the backlog drain (at most 120 s), then stop and read the exact latencies.
  for ((i = 0; i < 1200; i++)); do
    metrics "$work/drain.metrics"
    left=$(( $(metric 'ringside_delivery_backlog{state="pending"}' "$work/drain.metrics") \
           + $(metric 'ringside_delivery_backlog{state="retrying"}' "$work/drain.metrics") ))
    (( left == 0 )) && break
    sleep 0.1
  done
  peak_kb=$(rss_kb "$rs_pid")
  stop_ringsided "rate-$rate"
  gave_up=$(jnum gave_up "$report")
  stored=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE status = 'accepted'")
  delivered=$(sqlite3 "$db" "SELECT count(*) FROM deliveries WHERE state = 'delivered'")
  duplicates=$(json_num duplicate_records "$(sandbox_report)")
  [[ $stored == "$events" && $delivered == "$events" && $duplicates == 0 ]] \
    || die "rate $rate: $events acknowledged, $stored stored, $delivered delivered, $duplicates duplicate CRM records"
  read -r p50 p95 p99 < <(sqlite3 "$db" "WITH l AS (SELECT delivered_at - created_at AS ms FROM deliveries
      WHERE state = 'delivered' ORDER BY ms), n AS (SELECT count(*) AS c FROM l)
      SELECT (SELECT ms FROM l LIMIT 1 OFFSET (SELECT c * 50 / 100 FROM n)),
             (SELECT ms FROM l LIMIT 1 OFFSET (SELECT c * 95 / 100 FROM n)),
             (SELECT ms FROM l LIMIT 1 OFFSET (SELECT c * 99 / 100 FROM n))" | tr '|' ' ')
  wall_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1000 }')
  rows+=("| $rate | $(awk -v c="$calls" -v s="$wall_s" 'BEGIN { printf "%.0f", c / s }') \
| $(awk -v e="$events" -v s="$wall_s" 'BEGIN { printf "%.0f", e / s }') \
| $(printf '%.1f / %.1f' "$(jnum p50 "$report")" "$(jnum p99 "$report")") \
| $p50 / $p95 / $p99 | $backlog | $gave_up \
| $(awk -v d="$(( cpu1 - cpu0 ))" -v t="$clk_tck" -v s="$wall_s" 'BEGIN { printf "%.0f%%", 100 * d / t / s }') \
| $(( peak_kb / 1024 )) MB |")
  log "  $events events acknowledged, e2e P95 $p95 ms, backlog at the end $backlog"
done

machine_facts "$root" "$work"
report=$(
  echo "## Ringside pipeline benchmark ($now)"
  echo
  echo "ringside-sim send (64 connections, 2% duplicates, 10% completed-first) -> ringsided ($bin, tree $rev)"
  echo "-> ringside-sim crm (generic webhook sink, ${crm_latency_ms} ms latency); ${seconds} s per rate, fresh database each."
  echo
  echo "| calls/s asked | calls/s sent | events/s acknowledged | ack p50 / p99 (ms) | end-to-end p50 / P95 / p99 (ms) | backlog when traffic stopped | given up | ringsided CPU (one core = 100%) | ringsided peak RSS |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Every run checked: each acknowledged event stored and delivered exactly once, no duplicate CRM records."
  echo "Machine: $cpu, $(nproc) cores shared by the simulator, ringsided and the sandbox CRM; database on $disk;"
  echo "load average before: $load_start, after: $load_end."
  print_warnings "${warnings[@]}"
)
write_report "$root" pipeline "$report"
