#!/usr/bin/env bash
# calsync vs vdirsyncer on the same generated vdir, folder to folder.
#
#   bench/sync-vs-vdirsyncer.sh [N] [--seed S] [--record] [--only calsync|vdirsyncer]
#
# N (default 10000) realistic events are generated once (bench EventGenerator: series with
# EXDATEs and overrides, time zones, attendees); each tool then gets its own copy of that source,
# its own empty destination and its own status, and runs four phases, each measured with
# /usr/bin/time (wall seconds, peak RSS):
#   start-up            `calsync --help` / `vdirsyncer --version`: the fixed cost of every run
#   first sync          N items into an empty folder
#   no-change sync      nothing to do
#   sync after 10 changes   10 items of the source edited in place (EventGenerator --mutate)
# It prints a markdown table; with --record it appends the table and the machine's description
# to docs/BENCHMARKS.md (or $BENCH_RECORD_FILE).
#
# Only local files are touched: no network. Every phase is bounded by $BENCH_PHASE_TIMEOUT seconds
# (default 1800) and the temporary directory is removed on exit.
set -euo pipefail

N=10000
SEED=42
RECORD=0
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --record) RECORD=1 ;;
    --seed) SEED="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    ''|*[!0-9]*) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    *) N="$1" ;;
  esac
  shift
done
case "$ONLY" in ""|calsync|vdirsyncer) ;; *) echo "--only takes calsync or vdirsyncer" >&2; exit 2 ;; esac

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PHASE_TIMEOUT="${BENCH_PHASE_TIMEOUT:-1800}"
RECORD_FILE="${BENCH_RECORD_FILE:-$ROOT/docs/BENCHMARKS.md}"
CHANGES=10

# shellcheck source=lib.sh
. "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------- tools

apt_install() { # package: install it non-interactively when we may (root), else explain
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing $1 (apt-get)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null || die "apt-get install $1 failed"
  else
    die "$1 is needed: apt-get install $1"
  fi
}
[ -x /usr/bin/time ] || apt_install time
if [ "$ONLY" != calsync ] && ! command -v vdirsyncer >/dev/null; then apt_install vdirsyncer; fi

BENCH_JAR="$ROOT/bench/target/calsync-bench.jar"
CALSYNC="$ROOT/calsync"
build() { log "building (./mvnw -q -DskipTests package)…"; (cd "$ROOT" && ./mvnw -q -DskipTests package) >&2; }
[ -f "$BENCH_JAR" ] || build
[ -f "$BENCH_JAR" ] || die "$BENCH_JAR is missing after the build"
RUN_CALSYNC=1
if [ "$ONLY" = vdirsyncer ]; then
  RUN_CALSYNC=0
elif [ ! -x "$CALSYNC" ]; then
  log "warning: $CALSYNC does not exist yet: the calsync half is skipped"
  RUN_CALSYNC=0
elif ! "$CALSYNC" --help >/dev/null 2>&1; then
  build
  "$CALSYNC" --help >/dev/null 2>&1 || die "'$CALSYNC --help' fails even after a build"
fi
RUN_VDIRSYNCER=1
[ "$ONLY" = calsync ] && RUN_VDIRSYNCER=0

# ---------------------------------------------------------------- workspace
WORK="$(mktemp -d "${TMPDIR:-/tmp}/calsync-bench.XXXXXX")"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

items() { find "$1" -maxdepth 1 -name '*.ics' | wc -l; }
edited() { grep -l -F '(edited ' "$1"/*.ics 2>/dev/null | wc -l; }
check() { # phase dst expected-items
  local count; count="$(items "$2")"
  [ "$count" -eq "$3" ] || log "warning: after $1 the destination holds $count items, expected $3"
}

log "generating $N events (seed $SEED)…"
"$JAVA" -jar "$BENCH_JAR" --count "$N" --out "$WORK/source" --seed "$SEED" >&2
MUTATE_SEED=$((SEED + 1))

# ---------------------------------------------------------------- calsync
if [ "$RUN_CALSYNC" = 1 ]; then
  C="$WORK/calsync"
  mkdir -p "$C/dst" "$C/state"
  cp -a "$WORK/source" "$C/src"
  SYNC=("$CALSYNC" sync --from "ics:$C/src" --to "ics:$C/dst" --state "$C/state")
  log "calsync: start-up, first sync, no-change sync, sync after $CHANGES changes…"
  "$CALSYNC" --help >/dev/null 2>&1 || true # warm the page cache
  measure calsync-start "$CALSYNC" --help
  measure calsync-first "${SYNC[@]}"
  check "calsync's first sync" "$C/dst" "$N"
  measure calsync-nochange "${SYNC[@]}"
  "$JAVA" -jar "$BENCH_JAR" --mutate "$CHANGES" --seed "$MUTATE_SEED" "$C/src" >&2
  measure calsync-changes "${SYNC[@]}"
  check "calsync's last sync" "$C/dst" "$N"
  [ "$(edited "$C/dst")" -eq "$CHANGES" ] \
    || log "warning: calsync's destination shows $(edited "$C/dst") edited items, expected $CHANGES"
fi

# ---------------------------------------------------------------- vdirsyncer
if [ "$RUN_VDIRSYNCER" = 1 ]; then
  V="$WORK/vdirsyncer"
  mkdir -p "$V/dst" "$V/status"
  cp -a "$WORK/source" "$V/src"
  cat >"$V/config" <<EOF_CONFIG
[general]
status_path = "$V/status/"

[pair bench]
a = "bench_src"
b = "bench_dst"
collections = null
conflict_resolution = "a wins"

[storage bench_src]
type = "filesystem"
path = "$V/src/"
fileext = ".ics"

[storage bench_dst]
type = "filesystem"
path = "$V/dst/"
fileext = ".ics"
EOF_CONFIG
  VDIR=(vdirsyncer -c "$V/config" -v WARNING)
  log "vdirsyncer: start-up, first sync, no-change sync, sync after $CHANGES changes…"
  vdirsyncer --version >/dev/null 2>&1 || true
  measure vdirsyncer-start vdirsyncer --version
  (yes 2>/dev/null || true) | timeout "$PHASE_TIMEOUT" "${VDIR[@]}" discover >"$WORK/vdirsyncer-discover.log" 2>&1 \
    || { tail -n 30 "$WORK/vdirsyncer-discover.log" >&2; die "vdirsyncer discover failed"; }
  measure vdirsyncer-first "${VDIR[@]}" sync
  check "vdirsyncer's first sync" "$V/dst" "$N"
  measure vdirsyncer-nochange "${VDIR[@]}" sync
  "$JAVA" -jar "$BENCH_JAR" --mutate "$CHANGES" --seed "$MUTATE_SEED" "$V/src" >&2
  measure vdirsyncer-changes "${VDIR[@]}" sync
  check "vdirsyncer's last sync" "$V/dst" "$N"
  [ "$(edited "$V/dst")" -eq "$CHANGES" ] \
    || log "warning: vdirsyncer's destination shows $(edited "$V/dst") edited items, expected $CHANGES"
fi

# ---------------------------------------------------------------- report
ratio() { # vdirsyncer seconds ÷ calsync seconds
  local c v; c="$(seconds "calsync-$1")"; v="$(seconds "vdirsyncer-$1")"
  if [ "$c" = n/a ] || [ "$v" = n/a ]; then echo "n/a"; else awk -v c="$c" -v v="$v" 'BEGIN { if (c > 0) printf "%.1f×", v / c; else print "∞" }'; fi
}
row() { # label phase
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(seconds "calsync-$2")" "$(mib "calsync-$2")" \
    "$(seconds "vdirsyncer-$2")" "$(mib "vdirsyncer-$2")" "$(ratio "$2")"
}
TABLE="$WORK/table.md"
{
  echo "| phase | calsync s | calsync RSS MiB | vdirsyncer s | vdirsyncer RSS MiB | ratio |"
  echo "|---|---:|---:|---:|---:|---:|"
  row 'start-up (`calsync --help` / `vdirsyncer --version`)' start
  row "first sync, $N items into an empty folder" first
  row "no-change sync" nochange
  row "sync after $CHANGES changes" changes
  echo
  echo "ratio = vdirsyncer wall time ÷ calsync wall time (above 1: calsync is faster)."
  if [ -f "$WORK/calsync-nochange.result" ]; then
    awk -v n="$(seconds calsync-nochange)" -v s="$(seconds calsync-start)" \
      'BEGIN { printf "calsync no-change sync beyond JVM start: %.2f s (goal: under 0.5 s)\n", n - s }'
  fi
} >"$TABLE"
cat "$TABLE"

if [ "$RECORD" = 1 ]; then
  record_table "$RECORD_FILE" "$N events, seed $SEED" "$TABLE"
fi
