#!/usr/bin/env bash
# Delivery benchmark: how fast ringsided drains a backlog into a CRM, and how long an event
# takes from receipt to the CRM's 2xx at a steady rate. The CRM is ringside-sim's sandbox
# (generic webhook sink), everything on 127.0.0.1.
#
#   bench/delivery_bench.sh
#
# 1. Drain rate. A sandbox CRM that wants a token (--token x) makes the sink pause at its
#    first 401 (no attempts burned), so ingesting N events (wrk, distinct call_uuids, a
#    quota per wrk thread) fills the queue. ringsided stops, the sandbox's token is
#    switched off through /_sandbox/config, and ringsided starts again on the same
#    database: the time from that start (exec) to the last delivery's 2xx gives
#    deliveries/s. The end is taken from the database (delivered_at of the last delivery,
#    ms resolution); /metrics is polled every 50 ms to notice it. Checked afterwards: every
#    queued delivery is delivered, and the sandbox holds exactly one record per delivery
#    (unique_idempotency_keys == delivered, duplicate_records == 0).
# 2. Latency. Sandbox with --latency-ms 5; wrk paced by bench/wrk/paced_event.lua to a
#    total rate (default 500 events/s) for 20 s after a 2 s warm-up. P50/P95/P99 of
#    ringside_processing_latency_seconds (event receipt -> CRM 2xx) come from the bucket
#    deltas of /metrics before and after the run, interpolated inside the bucket like
#    Prometheus' histogram_quantile: with buckets at 10, 25 and 50 ms the estimate is only
#    as good as the bucket it lands in, so the exact values from the database
#    (delivered_at - created_at of each delivery of the run, ms resolution) are shown
#    next to it.
#
# Environment (all optional):
#   RINGSIDE_BIN           ringsided to measure; without it scripts/build.sh builds one into
#                          $RINGSIDE_BUILD_DIR (default build/)
#   RINGSIDE_SIM           ringside-sim (default: next to ringsided)
#   BENCH_EVENTS           events to queue for the drain (default 20000)
#   BENCH_SINK_CONCURRENCY the sink's concurrency (default 32)
#   BENCH_INGEST_CONNECTIONS / BENCH_INGEST_THREADS  wrk -c / -t for the ingest (32 / 2)
#   BENCH_RATE             target events/s of the latency run (default 500)
#   BENCH_PACED_DURATION   wrk -d of the latency run (default 20s)
#   BENCH_PACED_CONNECTIONS wrk -c of the latency run (default 10; one wrk thread)
#   BENCH_CRM_LATENCY_MS   sandbox latency of the latency run (default 5)
#   BENCH_TMPDIR           where the databases live (default $TMPDIR or /tmp); a real disk,
#                          not tmpfs, or fsync is free
#   BENCH_KEEP=1           keep the temp dir (logs, databases, metrics snapshots)
#
# Results: a Markdown table on stdout and in bench/results/delivery-<date>.md. Missing a
# target is reported, not an error; the script fails (exit 1) when a correctness check
# fails (lost or duplicated deliveries, counts that do not add up).
set -euo pipefail

log_tag=delivery-bench
# shellcheck source=bench/lib/common.sh
source "$(dirname "$0")/lib/common.sh"

root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/bench

events=${BENCH_EVENTS:-20000}
concurrency=${BENCH_SINK_CONCURRENCY:-32}
ingest_connections=${BENCH_INGEST_CONNECTIONS:-32}
ingest_threads=${BENCH_INGEST_THREADS:-2}
rate=${BENCH_RATE:-500}
paced_duration=${BENCH_PACED_DURATION:-20s}
paced_connections=${BENCH_PACED_CONNECTIONS:-10}
crm_latency_ms=${BENCH_CRM_LATENCY_MS:-5}
warmup_duration=2s
target_rate=5000     # deliveries/s, zero-latency CRM
target_p95_ms=25     # receipt -> CRM 2xx at $rate events/s, CRM latency 5 ms

paced_s=$(seconds_of "$paced_duration") || die "BENCH_PACED_DURATION '$paced_duration' is not like 20s or 2m"
for v in events concurrency ingest_connections ingest_threads rate paced_s paced_connections; do
  [[ ${!v} =~ ^[0-9]+$ && ${!v} -gt 0 ]] || die "$v must be a positive integer (got '${!v}')"
done
[[ $crm_latency_ms =~ ^[0-9]+$ ]] || die "BENCH_CRM_LATENCY_MS must be a whole number of ms"

# ---------------------------------------------------------------------------------------
# Tools and the binaries under test. curl (for /metrics and the sandbox's control API)
# is in the "test" group of scripts/deps.sh.

need_tools "$root" "bench test" wrk curl timeout awk
find_ringsided "$root" "building (scripts/build.sh)"   # sets bin
sim=${RINGSIDE_SIM:-$(dirname "$bin")/ringside-sim}
[[ -x $sim ]] || die "ringside-sim not found or not executable: $sim"

# ---------------------------------------------------------------------------------------
# Temp dir, cleanup of everything started here.

work=$(make_work_dir ringside-delivery-bench)
warn_if_tmpfs "$work"

load_start=$(load_average)
clk_tck=$(getconf CLK_TCK)

declare -A pids=()   # pid -> name of a process still running
trap cleanup EXIT
trap 'exit 130' INT TERM


deliveries() {   # deliveries DB STATE|"" [--format csv]: the CLI's listing
  local db=$1 state=$2
  shift 2
  local args=(deliveries --db "$db")
  [[ -z $state ]] || args+=(--state "$state")
  timeout 300 "$bin" "${args[@]}" "$@"
}

# ---------------------------------------------------------------------------------------
# Per-thread CPU from /proc: "process/thread ticks" lines, threads of the same name summed.

thread_ticks() {   # thread_ticks LABEL PID
  local label=$1 pid=$2 t stat name rest
  local -a f
  for t in /proc/"$pid"/task/*; do
    stat=$(cat "$t/stat" 2>/dev/null) || continue
    name=$(cat "$t/comm" 2>/dev/null) || continue
    rest=${stat##*) }
    read -ra f <<<"$rest"
    echo "$label/${name// /_} $(( f[11] + f[12] ))"   # utime + stime (fields 14, 15)
  done | awk '{ s[$1] += $2 } END { for (k in s) print k, s[k] }'
}

cpu_rows() {   # cpu_rows BEFORE AFTER WALL_MS: Markdown rows, busiest first
  awk -v wall="$3" -v hz="$clk_tck" '
    NR == FNR { before[$1] = $2; next }
    { d = $2 - before[$1]; if (d > 0) printf "%s %.2f %.0f\n", $1, d / hz, 100 * d / hz / (wall / 1000) }
  ' "$1" "$2" | sort -k2,2gr | awk '{ printf "| %s | %s | %s%% |\n", $1, $2, $3 }'
}

# ---------------------------------------------------------------------------------------
# Quantiles.

hist_quantiles() {   # hist_quantiles BEFORE AFTER: "count sum p50 p95 p99" (seconds) from bucket deltas
  awk '
    function le(s) { sub(/.*le="/, "", s); sub(/".*/, "", s); return s }
    /^ringside_processing_latency_seconds_bucket/ {
      b = le($1)
      if (NR == FNR) before[b] = $2
      else { if (!(b in after)) order[++n] = b; after[b] = $2 }
    }
    /^ringside_processing_latency_seconds_sum / { if (NR == FNR) s0 = $2; else s1 = $2 }
    function q(p,   rank, i, prev, c, lo, hi) {
      rank = p * total; prev = 0; lo = 0
      for (i = 1; i <= n; i++) {
        c = cum[i]
        if (c >= rank && c > prev) {
          if (order[i] == "+Inf") return lo          # Prometheus: the highest finite bound
          hi = order[i] + 0
          return lo + (hi - lo) * (rank - prev) / (c - prev)
        }
        prev = c
        if (order[i] != "+Inf") lo = order[i] + 0
      }
      return lo
    }
    END {
      for (i = 1; i <= n; i++) cum[i] = after[order[i]] - before[order[i]]
      total = cum[n]
      if (total <= 0) { print 0, 0, 0, 0, 0; exit }
      printf "%d %.6f %.6f %.6f %.6f\n", total, s1 - s0, q(0.50), q(0.95), q(0.99)
    }
  ' "$1" "$2"
}

exact_quantiles() {   # exact_quantiles JSONL SINCE_ISO: "count mean p50 p95 p99 max" in ms, nearest rank
  awk -v since="$2" '
    function field(k,   s) {
      if (!match($0, "\"" k "\":\"[^\"]*\"")) return ""
      s = substr($0, RSTART + length(k) + 4, RLENGTH - length(k) - 5); return s
    }
    function tod(ts) {   # 2026-11-27T13:34:17.799Z -> ms of the day
      return ((substr(ts, 12, 2) * 60 + substr(ts, 15, 2)) * 60 + substr(ts, 18, 2)) * 1000 + substr(ts, 21, 3)
    }
    {
      c = field("created_at"); d = field("delivered_at")
      if (c == "" || d == "" || c < since) next
      ms = tod(d) - tod(c); if (ms < 0) ms += 86400000   # across midnight
      print ms
    }
  ' "$1" | sort -n | awk '
    { v[NR] = $1; s += $1 }
    function at(p,   i) { i = int(p * NR); if (i < p * NR) i++; if (i < 1) i = 1; return v[i] }
    END { if (NR == 0) { print 0, 0, 0, 0, 0, 0; exit } printf "%d %.1f %d %d %d %d\n", NR, s / NR, at(0.5), at(0.95), at(0.99), v[NR] }
  '
}

ms2() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }
thousands() { printf "%'d" "$1" 2>/dev/null || echo "$1"; }

# ---------------------------------------------------------------------------------------
# wrk runs.

wrk_result() {   # wrk_result OUTFILE: the WRK_RESULT fields
  grep -m1 '^WRK_RESULT ' "$1" | sed 's/^WRK_RESULT //' || { cat "$1" >&2; die "no WRK_RESULT line from wrk ($1)"; }
}

warnings=()
failures=()
check() {   # check DESCRIPTION CONDITION...: records a failed correctness check
  local what=$1
  shift
  if "$@"; then
    checks+=("ok: $what")
  else
    checks+=("**FAILED**: $what")
    failures+=("$what")
    log "CHECK FAILED: $what"
  fi
}
checks=()

write_sink_config() {   # write_sink_config FILE
  printf '[sink.default]\nurl=http://127.0.0.1:%s/crm-webhook\nconcurrency=%s\n' "$sim_port" "$concurrency" >"$1"
}

# =======================================================================================
# 1. Drain rate to a zero-latency CRM.

log "1/2 drain: queue $events events behind a paused sink (sandbox wants a token)"
start_sim drain-crm --token x --seed 1
drain_sim_pid=$sim_pid
drain_conf=$work/drain.ini
write_sink_config "$drain_conf"
drain_db=$work/drain.db
start_ringsided drain-ingest "$drain_db" "$drain_conf"

quota=$(( (events + ingest_threads - 1) / ingest_threads ))
ingest_out=$work/drain-ingest.wrk.txt
# The quota makes every connection idle once this thread sent its share; wrk is then
# stopped with SIGINT (through timeout -s INT, which forwards it) and prints its results.
RINGSIDE_MAX_PER_THREAD=$quota timeout -s INT 600 wrk -t"$ingest_threads" -c"$ingest_connections" -d590s \
  --timeout 10s -s "$bench/wrk/paced_event.lua" "http://127.0.0.1:$rs_port/webhooks/unlimcall" >"$ingest_out" 2>&1 &
wrk_pid=$!
pids[$wrk_pid]=wrk
ingest_t0=$(now_ms)
accepted=0 last=-1 stable=0
for ((i = 0; i < 600 * 10; i++)); do   # at most 10 minutes
  sleep 0.1
  kill -0 "$wrk_pid" 2>/dev/null || break
  metrics "$work/drain-ingest.metrics" || continue
  accepted=$(metric ringside_events_accepted_total "$work/drain-ingest.metrics")
  if (( accepted == last && accepted > 0 )); then stable=$(( stable + 1 )); else stable=0; fi
  last=$accepted
  # Done when the count stands still: 0.5 s once the quota is reached (requests in flight),
  # 3 s below it (the quota is per wrk thread and can come out a request or two short).
  (( !(accepted >= events && stable >= 5) && stable < 30 )) || break
done
ingest_ms=$(( $(now_ms) - ingest_t0 ))
stop_pid "$wrk_pid" INT || true
ingest=$(wrk_result "$ingest_out")
log "  ingest: $(field requests "$ingest") answers ($(field non2xx "$ingest") non-2xx) in $(( ingest_ms / 1000 )) s"
metrics "$work/drain-ingest.metrics"
accepted=$(metric ringside_events_accepted_total "$work/drain-ingest.metrics")
paused_succeeded=$(metric ringside_deliveries_succeeded_total "$work/drain-ingest.metrics")
(( accepted * 100 >= events * 99 )) || die "only $accepted of $events events accepted in $(( ingest_ms / 1000 )) s"
(( $(field non2xx "$ingest") == 0 && $(field socket_errors "$ingest") == 0 )) \
  || warnings+=("ingest: $(field non2xx "$ingest") non-2xx answers, $(field socket_errors "$ingest") socket errors")
report_paused=$(sandbox_report)
status_paused=$(by_status "$report_paused")
stop_ringsided drain-ingest

queued=$(deliveries "$drain_db" pending | wc -l)
all_before=$(deliveries "$drain_db" "" | wc -l)
log "  $accepted events accepted, $queued deliveries pending ($all_before in all); sandbox answers so far: {$status_paused}"
check "sink paused during the ingest: nothing delivered ($paused_succeeded succeeded), sandbox answered only 401 ({$status_paused})" \
  test "$paused_succeeded" -eq 0 -a "$(json_num 200 "{$status_paused}")" -eq 0
check "one pending delivery per accepted event ($queued pending, $all_before in all, $accepted accepted)" \
  test "$queued" -eq "$accepted" -a "$all_before" -eq "$queued"

plan=$(sandbox_config '{"token":""}')
grep -q '"token_required":false' <<<"$plan" || die "the sandbox did not drop its token: $plan"
requests_before=$(json_num requests "$(sandbox_report)")

log "  restart ringsided on the queue; the sandbox takes every delivery now"
# The drain is CPU-bound on 2 cores: what else runs at that moment decides much of its rate.
load_drain=$(load_average)
start_ringsided drain "$drain_db" "$drain_conf"
drain_t0=$rs_exec_ms
thread_ticks ringsided "$rs_pid" >"$work/drain-cpu.before"
thread_ticks sandbox "$drain_sim_pid" >>"$work/drain-cpu.before"
cpu_t0=$(now_ms)
succeeded=0
deadline=$(( $(now_ms) + 1000 * (queued / 100 + 120) ))   # 100/s would be dismal; still bounded
while :; do
  if metrics "$work/drain.metrics"; then
    succeeded=$(metric ringside_deliveries_succeeded_total "$work/drain.metrics")
    (( succeeded < queued )) || break
  fi
  kill -0 "$rs_pid" 2>/dev/null || die "ringsided died during the drain"
  (( $(now_ms) < deadline )) || break
  sleep 0.05
done
drain_seen_ms=$(now_ms)
thread_ticks ringsided "$rs_pid" >"$work/drain-cpu.after"
thread_ticks sandbox "$drain_sim_pid" >>"$work/drain-cpu.after"
cpu_wall_drain=$(( drain_seen_ms - cpu_t0 ))
(( succeeded >= queued )) || warnings+=("drain: only $succeeded of $queued delivered before the deadline")
# The backlog gauge is refreshed every 2 s: wait for it to show nothing pending or retrying.
backlog_open=-1
for ((i = 0; i < 100; i++)); do
  metrics "$work/drain-end.metrics" || { sleep 0.1; continue; }
  backlog_open=$(( $(metric 'ringside_delivery_backlog{state="pending"}' "$work/drain-end.metrics") \
                 + $(metric 'ringside_delivery_backlog{state="retrying"}' "$work/drain-end.metrics") ))
  (( backlog_open != 0 )) || break
  sleep 0.1
done
failed_attempts=$(metric ringside_deliveries_failed_total "$work/drain-end.metrics")
stop_ringsided drain

deliveries "$drain_db" delivered >"$work/drain-delivered.jsonl"
delivered=$(wc -l <"$work/drain-delivered.jsonl")
last_delivered_iso=$(grep -o '"delivered_at":"[^"]*"' "$work/drain-delivered.jsonl" | cut -d'"' -f4 | sort | tail -1)
first_attempt_iso=$(grep -o '"last_attempt_at":"[^"]*"' "$work/drain-delivered.jsonl" | cut -d'"' -f4 | sort | sed -n 1p)
[[ -n $last_delivered_iso && -n $first_attempt_iso ]] || die "no delivered deliveries in the drain database"
last_delivered_ms=$(ms_of_iso "$last_delivered_iso")
first_attempt_ms=$(ms_of_iso "$first_attempt_iso")
report_drain=$(sandbox_report)
status_drain=$(by_status "$report_drain")
unique_keys=$(json_num unique_idempotency_keys "$report_drain")
dup_records=$(json_num duplicate_records "$report_drain")
records=$(json_num records "$report_drain")
replays=$(json_num idempotent_replays "$report_drain")
requests_drain=$(( $(json_num requests "$report_drain") - requests_before ))

# Deliveries per wall-clock second of the drain (delivered_at): a rate that climbs as the
# backlog shrinks points at per-delivery work that grows with the backlog.
drain_timeline=$(grep -o '"delivered_at":"[^"]*"' "$work/drain-delivered.jsonl" | cut -d'"' -f4 | cut -c12-19 \
  | sort | uniq -c | awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 }')
read -r drain_first_full drain_last_full < <(awk '{ if (NF >= 3) print $2, $(NF - 1); else print "-", "-" }' <<<"$drain_timeline")
drain_total_ms=$(( last_delivered_ms - drain_t0 ))
drain_rate=$(awk -v n="$delivered" -v ms="$drain_total_ms" 'BEGIN { printf "%.0f", (ms > 0 ? n / (ms / 1000) : 0) }')
active_ms=$(( last_delivered_ms - first_attempt_ms ))
active_rate=$(awk -v n="$delivered" -v ms="$active_ms" 'BEGIN { printf "%.0f", (ms > 0 ? n / (ms / 1000) : 0) }')
startup_ms=$(( rs_listen_ms - drain_t0 ))
log "  $delivered delivered in $drain_total_ms ms from exec: $drain_rate/s (first attempt -> last 2xx: $active_rate/s)"

check "every queued delivery delivered ($delivered of $queued)" test "$delivered" -eq "$queued"
check "backlog empty after the drain (pending + retrying = $backlog_open)" test "$backlog_open" -eq 0
check "sandbox: unique_idempotency_keys ($unique_keys) == delivered ($delivered)" test "$unique_keys" -eq "$delivered"
check "sandbox: duplicate_records == 0 ($dup_records), records == delivered ($records)" \
  test "$dup_records" -eq 0 -a "$records" -eq "$delivered"
check "sandbox answered 200 exactly once per delivery ({$status_drain})" test "$(json_num 200 "{$status_drain}")" -eq "$delivered"

# =======================================================================================
# 2. Receipt -> CRM 2xx latency at a steady rate, CRM latency 5 ms.

log "2/2 latency: $rate events/s for $paced_duration, sandbox latency ${crm_latency_ms} ms"
stop_pid "$drain_sim_pid" TERM || true
start_sim latency-crm --latency-ms "$crm_latency_ms" --seed 1
lat_sim_pid=$sim_pid
lat_conf=$work/latency.ini
write_sink_config "$lat_conf"
lat_db=$work/latency.db
start_ringsided latency "$lat_db" "$lat_conf"

paced_run() {   # paced_run DURATION OUTFILE: one wrk thread at $rate/s
  local d=$1 out=$2
  RINGSIDE_RATE_PER_THREAD=$rate timeout $(( $(seconds_of "$d") + 60 )) wrk -t1 -c"$paced_connections" -d"$d" \
    --timeout 10s -s "$bench/wrk/paced_event.lua" "http://127.0.0.1:$rs_port/webhooks/unlimcall" >"$out" 2>&1 \
    || { cat "$out" >&2; die "wrk failed or timed out ($out)"; }
}

wait_drained() {   # wait_drained FILE SECONDS: until succeeded >= accepted; the last snapshot stays in FILE
  local file=$1 deadline=$(( $(now_ms) + $2 * 1000 )) a s
  while :; do
    if metrics "$file"; then
      a=$(metric ringside_events_accepted_total "$file")
      s=$(metric ringside_deliveries_succeeded_total "$file")
      (( s < a )) || return 0
    fi
    (( $(now_ms) < deadline )) || return 1
    sleep 0.05
  done
}

paced_run "$warmup_duration" "$work/latency-warmup.wrk.txt"   # connections to the CRM open, caches warm
wait_drained "$work/latency-before.metrics" 60 || die "the warm-up's deliveries did not finish in 60 s"
thread_ticks ringsided "$rs_pid" >"$work/latency-cpu.before"
thread_ticks sandbox "$lat_sim_pid" >>"$work/latency-cpu.before"
run_t0=$(now_ms)
paced_run "$paced_duration" "$work/latency.wrk.txt"
run_wrk_end=$(now_ms)
thread_ticks ringsided "$rs_pid" >"$work/latency-cpu.after"
thread_ticks sandbox "$lat_sim_pid" >>"$work/latency-cpu.after"
cpu_wall_latency=$(( run_wrk_end - run_t0 ))
wait_drained "$work/latency-after.metrics" 60 || warnings+=("latency: deliveries still open 60 s after the run")
paced=$(wrk_result "$work/latency.wrk.txt")
(( $(field non2xx "$paced") == 0 && $(field socket_errors "$paced") == 0 )) \
  || warnings+=("latency run: $(field non2xx "$paced") non-2xx answers, $(field socket_errors "$paced") socket errors")
ok2xx=$(( $(field requests "$paced") - $(field non2xx "$paced") ))
achieved=$(awk -v n="$ok2xx" -v us="$(field duration_us "$paced")" 'BEGIN { printf "%.1f", n / (us / 1e6) }')
run_accepted=$(( $(metric ringside_events_accepted_total "$work/latency-after.metrics") \
               - $(metric ringside_events_accepted_total "$work/latency-before.metrics") ))
read -r h_count h_sum h_p50 h_p95 h_p99 < <(hist_quantiles "$work/latency-before.metrics" "$work/latency-after.metrics")
h_mean=$(awk -v s="$h_sum" -v n="$h_count" 'BEGIN { printf "%.6f", (n > 0 ? s / n : 0) }')
lat_failed=$(( $(metric ringside_deliveries_failed_total "$work/latency-after.metrics") ))
stop_ringsided latency

deliveries "$lat_db" delivered >"$work/latency-delivered.jsonl"
lat_delivered=$(wc -l <"$work/latency-delivered.jsonl")
read -r x_count x_mean x_p50 x_p95 x_p99 x_max < <(exact_quantiles "$work/latency-delivered.jsonl" "$(iso_of_ms "$run_t0")")
report_lat=$(sandbox_report)
log "  achieved $achieved events/s; histogram P50 $(ms2 "$h_p50"), P95 $(ms2 "$h_p95"), P99 $(ms2 "$h_p99");" \
    "exact P50 $x_p50 ms, P95 $x_p95 ms, P99 $x_p99 ms"

check "latency run: the histogram counted every event of the run ($h_count of $run_accepted accepted)" \
  test "$h_count" -eq "$run_accepted"
check "latency run: every delivery of the run in the database as delivered ($x_count of $run_accepted)" \
  test "$x_count" -eq "$run_accepted"
check "latency run: sandbox unique_idempotency_keys == delivered ($(json_num unique_idempotency_keys "$report_lat") / $lat_delivered), duplicate_records == 0 ($(json_num duplicate_records "$report_lat"))" \
  test "$(json_num unique_idempotency_keys "$report_lat")" -eq "$lat_delivered" -a "$(json_num duplicate_records "$report_lat")" -eq 0
stop_pid "$lat_sim_pid" TERM || true

# =======================================================================================
# Report.

machine_facts "$root" "$work"   # sets cpu, disk, now, rev, load_end
binary="${bin#"$root"/} built $(utc_minute -r "$bin") (source tree at report time: $rev)"
verdict() { if awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { exit !(op == ">=" ? a >= b : a <= b) }'; then echo met; else echo "**not met**"; fi; }
p95_ms=$(awk -v s="$h_p95" 'BEGIN { printf "%.1f", s * 1000 }')
bucket_note=$(awk -v s="$h_p95" '   # the histogram bucket the P95 estimate falls in
  /^ringside_processing_latency_seconds_bucket/ {
    b = $1; sub(/.*le="/, "", b); sub(/".*/, "", b)
    if (!done && (b == "+Inf" || s <= b + 1e-12)) { printf "%g-%s ms", lo * 1000, (b == "+Inf" ? "Inf" : b * 1000); done = 1 }
    if (b != "+Inf") lo = b
  }' "$work/latency-after.metrics")
report=$(
  echo "## Ringside delivery benchmark ($now)"
  echo
  echo "ringsided: $binary; sink: generic webhook, concurrency $concurrency; CRM: ringside-sim crm sandbox; 127.0.0.1 only."
  echo
  echo "| measurement | result | target | |"
  echo "|---|---:|---:|---|"
  echo "| Deliveries/s to a zero-latency sandbox CRM ($(thousands "$delivered") queued; ringsided start -> last 2xx) | $(thousands "$drain_rate")/s | ≥ $(thousands $target_rate)/s | $(verdict "$drain_rate" ">=" $target_rate) |"
  echo "| End-to-end P95, receipt -> CRM 2xx, $achieved events/s, CRM latency $crm_latency_ms ms (histogram, bucket $bucket_note) | $p95_ms ms | ≤ $target_p95_ms ms | $(verdict "$p95_ms" "<=" $target_p95_ms) |"
  echo
  echo "### 1. Drain"
  echo
  echo "| | |"
  echo "|---|---:|"
  echo "| events ingested while the sink was paused (wrk -t$ingest_threads -c$ingest_connections, quota $quota/thread) | $(thousands "$accepted") in $(awk -v ms="$ingest_ms" 'BEGIN { printf "%.1f", ms / 1000 }') s |"
  echo "| deliveries queued / delivered | $(thousands "$queued") / $(thousands "$delivered") |"
  echo "| ringsided exec -> listening | $startup_ms ms |"
  echo "| ringsided exec -> last delivery's 2xx (delivered_at) | $drain_total_ms ms |"
  echo "| **deliveries/s, from exec** | **$(thousands "$drain_rate")** |"
  echo "| deliveries/s, first attempt -> last 2xx ($active_ms ms) | $(thousands "$active_rate") |"
  echo "| deliveries in the first / last full second of the drain | $drain_first_full / $drain_last_full |"
  echo "| CRM requests during the drain / failed attempts | $(thousands "$requests_drain") / $failed_attempts |"
  echo "| sandbox: records, unique idempotency keys, duplicate records, replays | $records, $unique_keys, $dup_records, $replays |"
  echo "| sandbox answers over the whole run (401s are the paused sink's) | {$status_drain} |"
  echo
  echo "<details><summary>Deliveries per second over the drain</summary>"
  echo
  echo "$drain_timeline"
  echo
  echo "</details>"
  echo
  echo "CPU during the drain (listening -> counter reached, $cpu_wall_drain ms; % of one core; $(nproc) cores in all;"
  echo "load average when it started: $load_drain):"
  echo
  echo "| process/thread | CPU s | CPU |"
  echo "|---|---:|---:|"
  cpu_rows "$work/drain-cpu.before" "$work/drain-cpu.after" "$cpu_wall_drain"
  echo
  echo "### 2. Latency at $rate events/s (target), CRM latency $crm_latency_ms ms"
  echo
  echo "wrk -t1 -c$paced_connections -d$paced_duration, bench/wrk/paced_event.lua pacing to $rate/s, after a $warmup_duration warm-up"
  echo "(not counted). Achieved: **$achieved events/s** (2xx answers / wrk run time; $(thousands "$run_accepted") events accepted);"
  echo "webhook ack latency (wrk) p50 $(( $(field p50_us "$paced") / 1000 )).$(( $(field p50_us "$paced") % 1000 / 100 )) ms, p99 $(( $(field p99_us "$paced") / 1000 )).$(( $(field p99_us "$paced") % 1000 / 100 )) ms."
  echo
  echo "| receipt -> CRM 2xx | P50 | P95 | P99 | mean | max | n |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  echo "| /metrics histogram, bucket deltas, interpolated | $(ms2 "$h_p50") | $(ms2 "$h_p95") | $(ms2 "$h_p99") | $(ms2 "$h_mean") | - | $h_count |"
  echo "| database, delivered_at - created_at (exact, 1 ms) | $x_p50 ms | $x_p95 ms | $x_p99 ms | $x_mean ms | $x_max ms | $x_count |"
  echo
  echo "The histogram's buckets around the target are 5, 10, 25, 50 ms: an interpolated quantile says little"
  echo "more than which bucket it falls in. Failed attempts during the run: $lat_failed."
  echo
  echo "CPU during the paced run ($cpu_wall_latency ms):"
  echo
  echo "| process/thread | CPU s | CPU |"
  echo "|---|---:|---:|"
  cpu_rows "$work/latency-cpu.before" "$work/latency-cpu.after" "$cpu_wall_latency"
  echo
  echo "### Checks"
  echo
  printf -- '- %s\n' "${checks[@]}"
  print_warnings "${warnings[@]}"
  echo
  echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores (shared with wrk, the sandbox and anything else running),"
  echo "database on $disk, $now; load average before: $load_start, after: $load_end."
)

write_report "$root" delivery "$report"

if (( ${#failures[@]} > 0 )); then
  log "${#failures[@]} correctness check(s) failed"
  exit 1
fi
