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
