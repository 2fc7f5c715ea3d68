# shellcheck shell=bash
# Helpers shared by the benchmark scripts in bench/ (ingest_vs_nginx.sh, delivery_bench.sh):
# logging, the tools and the binary under test, the temp dir, stopping every process a
# script started, and the machine description and result file of the report.
# Functions only; each script sources it: source "$(dirname "$0")/lib/common.sh"
#
# Globals of the sourcing script that these functions read:
#   log_tag  the name in log lines ("[<log_tag> HH:MM:SS] ...")
#   pids     declare -A pids=(): pid -> name of every process started and still running
#   work     the temp dir; cleanup deletes it (BENCH_KEEP=1 keeps it)
# Functions that set globals of the script say so (find_ringsided, machine_facts).
# shellcheck disable=SC2154   # log_tag, pids and work: see above

log() { printf '[%s %s] %s\n' "$log_tag" "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# wrk duration ("10s", "2m", "1h", "30") in whole seconds, for the timeouts around it.
seconds_of() {
  local d=$1
  case $d in
    *h) echo $(( ${d%h} * 3600 )) ;;
    *m) echo $(( ${d%m} * 60 )) ;;
    *s) echo $(( ${d%s} )) ;;
    *) echo $(( d )) ;;
  esac
}

# ---------------------------------------------------------------------------------------
# Tools and the binary under test.

need_tools() {   # need_tools ROOT "GROUP..." TOOL...: scripts/deps.sh GROUP..., then each TOOL must be there
  local root=$1 groups=$2 tool
  shift 2
  # shellcheck disable=SC2086   # one argument per group
  timeout 900 "$root/scripts/deps.sh" $groups
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "$tool not found (scripts/deps.sh $groups should have installed it)"
  done
}

find_ringsided() {   # find_ringsided ROOT BUILD_MESSAGE: sets bin ($RINGSIDE_BIN, or built by scripts/build.sh)
  local root=$1
  if [[ -n ${RINGSIDE_BIN:-} ]]; then
    bin=$RINGSIDE_BIN
  else
    log "$2"
    timeout 3600 "$root/scripts/build.sh" >&2
    bin=${RINGSIDE_BUILD_DIR:-$root/build}/app/main/ringsided
  fi
  [[ -x $bin ]] || die "ringsided not found or not executable: $bin"
}

# ---------------------------------------------------------------------------------------
# Temp dir and cleanup: every process a script starts goes into $pids and is stopped on
# any exit (the scripts set: trap cleanup EXIT; trap 'exit 130' INT TERM).

make_work_dir() {   # make_work_dir PREFIX: prints a new temp dir under $BENCH_TMPDIR, $TMPDIR or /tmp
  mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/$1.XXXXXX"
}

warn_if_tmpfs() {   # warn_if_tmpfs DIR [WHAT_IT_MEANS]: a warning when DIR is on tmpfs/ramfs
  local fstype
  fstype=$(df --output=fstype "$1" | tail -1 | tr -d ' ')
  [[ $fstype != tmpfs && $fstype != ramfs ]] \
    || log "WARNING: $1 is on $fstype: fsync costs nothing there${2:+, $2}"
}

stop_pid() {   # stop_pid PID SIGNAL: signal, wait up to 30 s, then SIGKILL; returns the exit status
  local pid=$1 sig=$2 i status=0
  kill "-$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "WARNING: ${pids[$pid]:-pid $pid} did not stop in 30 s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || status=$?
  unset "pids[$pid]"
  return "$status"
}

cleanup() {
  local pid
  for pid in "${!pids[@]}"; do
    stop_pid "$pid" TERM || true   # TERM: nginx workers would outlive a KILLed master
  done
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    log "kept $work"
  else
    rm -rf "$work"
  fi
}

# ---------------------------------------------------------------------------------------
# wrk output.

field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }   # field NAME "k=v k=v"

# ---------------------------------------------------------------------------------------
# The report: machine description, warnings, result file.

load_average() { cut -d' ' -f1-3 /proc/loadavg; }   # other load skews everything: recorded in the reports
# shellcheck disable=SC2120   # the scripts pass -r FILE
utc_minute() { date -u "$@" '+%Y-%m-%d %H:%M UTC'; }   # utc_minute [DATE_ARGS...], e.g. -r FILE

# machine_facts ROOT DIR: sets cpu (model), disk (DIR's device, type, size), now, rev (short
# HEAD of ROOT, "+dirty" when app/ has changes) and load_end.
# shellcheck disable=SC2034,SC2119   # globals for the script; utc_minute without DATE_ARGS
machine_facts() {
  cpu=$(lscpu | sed -n 's/^Model name: *//p' | sed -n 1p)
  disk=$(df -h --output=source,fstype,size "$2" | tail -1 | awk '{ print $1 " (" $2 ", " $3 ")" }')
  now=$(utc_minute)
  rev=$(git -C "$1" rev-parse --short HEAD 2>/dev/null || echo unknown)
  git -C "$1" diff --quiet HEAD -- app 2>/dev/null || rev+="+dirty"
  load_end=$(load_average)
}

print_warnings() {   # print_warnings WARNING...: a "Warnings:" list, nothing without any
  (( $# > 0 )) || return 0
  echo
  echo "Warnings:"
  printf -- '- %s\n' "$@"
}

write_report() {   # write_report ROOT NAME REPORT: REPORT on stdout and in bench/results/NAME-<date>.md
  local root=$1 result_file
  result_file=$root/bench/results/$2-$(date -u +%F).md
  mkdir -p "$root/bench/results"
  printf '%s\n' "$3" >"$result_file"
  printf '%s\n' "$3"
  log "written to ${result_file#"$root"/}"
}

# ---------------------------------------------------------------------------------------
# The processes a bench starts: the sandbox CRM ($sim crm) and ringsided ($bin). They use the
# script's $work, $sim, $bin, $pids and $warnings.

now_ms() { date +%s%3N; }
iso_of_ms() { date -u -d "@$(( $1 / 1000 )).$(printf '%03d' $(( $1 % 1000 )))" '+%Y-%m-%dT%H:%M:%S.%3NZ'; }
ms_of_iso() { date -u -d "$1" +%s%3N; }

# wait_for_line FILE PATTERN PID SECONDS: until FILE has a line matching PATTERN, while PID lives.
wait_for_line() {
  local file=$1 pattern=$2 pid=$3 i
  for ((i = 0; i < $4 * 50; i++)); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.02
  done
  return 1
}

# ---------------------------------------------------------------------------------------
# The sandbox CRM.

start_sim() {   # start_sim NAME ARGS...: sets sim_pid, sim_port
  local name=$1
  shift
  local dir=$work/$name
  mkdir -p "$dir"
  "$sim" crm --listen 127.0.0.1:0 "$@" >"$dir/stdout.log" 2>"$dir/stderr.log" &
  sim_pid=$!
  pids[$sim_pid]=ringside-sim
  wait_for_line "$dir/stdout.log" listening "$sim_pid" 10 \
    || { cat "$dir/stdout.log" "$dir/stderr.log" >&2 || true; die "ringside-sim did not start ($name)"; }
  sim_port=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$dir/stdout.log" | sed -n 1p | grep -o '[0-9]*$' || true)
  [[ -n $sim_port ]] || die "no port in ringside-sim's output: $(cat "$dir/stdout.log")"
}

sandbox_report() { curl -sS --max-time 10 "http://127.0.0.1:$sim_port/_sandbox/report?calls=0"; }

sandbox_config() {   # sandbox_config JSON: prints the resulting plan
  curl -sS --max-time 10 -X POST -H 'Content-Type: application/json' --data "$1" \
    "http://127.0.0.1:$sim_port/_sandbox/config"
}

json_num() {   # json_num KEY JSON: the first numeric "KEY":N in JSON (0 when absent)
  local v
  v=$(grep -o "\"$1\":[0-9.]*" <<<"$2" | sed -n 1p | cut -d: -f2 || true)
  echo "${v:-0}"
}
by_status() { sed -n 's/.*"by_status":{\([^}]*\)}.*/\1/p' <<<"$1"; }   # e.g. "200":20000,"401":32

# ---------------------------------------------------------------------------------------
# ringsided.

start_ringsided() {   # start_ringsided NAME DB CONFIG: sets rs_pid, rs_port, rs_admin, rs_exec_ms, rs_listen_ms, rs_dir
  local name=$1 db=$2 config=$3
  rs_dir=$work/$name
  mkdir -p "$rs_dir"
  rs_exec_ms=$(now_ms)
  "$bin" --db "$db" --listen 127.0.0.1:0 --admin-listen 127.0.0.1:0 --config "$config" \
    >"$rs_dir/stdout.log" 2>"$rs_dir/stderr.log" &
  rs_pid=$!
  pids[$rs_pid]=ringsided
  wait_for_line "$rs_dir/stdout.log" listening "$rs_pid" 30 \
    || { cat "$rs_dir/stderr.log" >&2 || true; die "ringsided did not start ($name)"; }
  rs_listen_ms=$(now_ms)
  rs_port=$(grep -o 'webhooks on http://127\.0\.0\.1:[0-9]*' "$rs_dir/stdout.log" | grep -o '[0-9]*$' || true)
  rs_admin=$(grep -o 'admin on http://127\.0\.0\.1:[0-9]*' "$rs_dir/stdout.log" | grep -o '[0-9]*$' || true)
  [[ -n $rs_port && -n $rs_admin ]] || die "no ports in ringsided's output: $(cat "$rs_dir/stdout.log")"
}

stop_ringsided() {   # stop_ringsided RUN: SIGTERM; a non-zero exit is a warning
  local status=0
  stop_pid "$rs_pid" TERM || status=$?
  if (( status != 0 )); then
    log "WARNING: $1: ringsided exited with status $status on SIGTERM"
    warnings+=("$1: ringsided exited with status $status on SIGTERM (expected 0)")
  fi
}

metrics() {   # metrics FILE: a /metrics snapshot into FILE
  curl -sS --max-time 5 "http://127.0.0.1:$rs_admin/metrics" >"$1"
}
metric() {   # metric NAME FILE: the sample NAME (with its labels, as printed) or 0
  awk -v k="$1" '$1 == k { v = $2; found = 1 } END { print (found ? v : 0) }' "$2"
}
