# Shared by the bench/ scripts (sourced, not run). Expects ROOT (the repository) to be set.

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# A JDK >= 21, found the same way as ./calsync and ./mvnw find it.
# shellcheck source=../bin/find-jdk.sh
. "$ROOT/bin/find-jdk.sh"
calsync_find_jdk >/dev/null || die "no JDK 21 or newer found"

# record_table RECORD_FILE TITLE TABLE_FILE: appends a results table to the benchmark record, with
# the date, the commit and the machine it was measured on.
record_table() {
  local file=$1 title=$2 table=$3 cpu ram jdk vdir commit
  cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
  ram="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
  jdk="$("$JAVA" -version 2>&1 | head -n 1)"
  vdir="$(vdirsyncer --version 2>/dev/null || echo 'not run')"
  commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  mkdir -p "$(dirname "$file")"
  [ -s "$file" ] || printf '# Benchmarks\n\nAppended by the bench/ scripts with --record; newest last.\n' >"$file"
  {
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC'): $title (commit $commit)"
    echo
    echo "Machine: $(nproc) CPUs, ${cpu:-unknown CPU}, ${ram:-unknown RAM}; load average at the end $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)."
    echo "JDK: $jdk. vdirsyncer: $vdir."
    echo
    cat "$table"
  } >>"$file"
  log "appended to $file"
}

# measure NAME CMD... : runs CMD bounded by $PHASE_TIMEOUT seconds, with its output in
# $WORK/NAME.log; stores "seconds kib" (wall time, peak RSS) in $WORK/NAME.result. A failing
# phase ends the benchmark with the tail of its log.
measure() {
  local name="$1"; shift
  local status=0
  /usr/bin/time -f '%e %M' -o "$WORK/$name.time" timeout "$PHASE_TIMEOUT" "$@" \
    >"$WORK/$name.log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    log "phase '$name' failed (exit $status): $*"
    tail -n 30 "$WORK/$name.log" >&2
    exit 1
  fi
  tail -n 1 "$WORK/$name.time" >"$WORK/$name.result"
}
seconds() { [ -f "$WORK/$1.result" ] && cut -d' ' -f1 "$WORK/$1.result" || echo "n/a"; }
mib() { [ -f "$WORK/$1.result" ] && awk '{printf "%.0f", $2 / 1024}' "$WORK/$1.result" || echo "n/a"; }

# bench_workdir NAME: makes the work dir $WORK; on exit every process in BENCH_PIDS is stopped by
# PID (SIGTERM, up to 10 s to finish, then SIGKILL) and $WORK is removed.
BENCH_PIDS=()
bench_workdir() {
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}
bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${BENCH_PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}

# free_port: a free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
