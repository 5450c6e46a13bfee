#!/usr/bin/env bash
# The master's own CalDAV endpoint against Radicale, read by the same client (issue #6's benchmark).
#
#   bench/master-caldav-vs-radicale.sh [N] [--record]
#
# N events (default 10000, bench EventGenerator) are loaded into both servers: into the master by
# an agent (`calsync agent --once` on a folder of them), into Radicale by writing them into its
# filesystem storage (Radicale itself ingests ~20 PUTs/s). Then vdirsyncer (Debian package) pulls
# each calendar into an empty folder (first sync) and syncs again with nothing changed, and curl
# asks each server for a sync-collection REPORT with its current token (a no-change incremental
# check, as DAVx5 and Apple Calendar do it). Wall times and peak RSS; ratio = Radicale ÷ master.
# With --record the table goes to docs/BENCHMARKS.md (or $BENCH_RECORD_FILE). Bounded: every
# phase has a timeout; the servers it started are stopped by PID and the temp dir removed.
set -euo pipefail

N=10000
RECORD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --record) RECORD=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    ''|*[!0-9]*) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    *) N="$1" ;;
  esac
  shift
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RECORD_FILE="${BENCH_RECORD_FILE:-$ROOT/docs/BENCHMARKS.md}"
PHASE_TIMEOUT="${BENCH_PHASE_TIMEOUT:-1800}"
# shellcheck source=lib.sh
. "$ROOT/bench/lib.sh"
[ -x /usr/bin/time ] || die "/usr/bin/time is needed: apt-get install time"
command -v vdirsyncer >/dev/null || die "vdirsyncer is needed: apt-get install vdirsyncer"
command -v curl >/dev/null || die "curl is needed: apt-get install curl"

BENCH_JAR="$ROOT/bench/target/calsync-bench.jar"
APP_JAR="$ROOT/app/target/calsync.jar"
HARNESS_JAR="$(ls "$ROOT"/providers/caldav/target/calsync-provider-caldav-*-tests.jar 2>/dev/null | head -n 1 || true)"
if [ ! -f "$BENCH_JAR" ] || [ ! -f "$APP_JAR" ] || [ -z "$HARNESS_JAR" ]; then
  log "building (./mvnw -q -DskipTests -DskipITs install -pl app,bench -am)…"
  (cd "$ROOT" && ./mvnw -q -DskipTests -DskipITs install -pl app,bench -am) >&2
  HARNESS_JAR="$(ls "$ROOT"/providers/caldav/target/calsync-provider-caldav-*-tests.jar | head -n 1)"
fi

bench_workdir calsync-dav-bench
umask 077
cp "$APP_JAR" "$WORK/calsync.jar"
cp "$HARNESS_JAR" "$WORK/harness.jar"

log "generating $N events…"
"$JAVA" -jar "$BENCH_JAR" --count "$N" --out "$WORK/events" --seed 42 >&2

# ---------------------------------------------------------------- Radicale, seeded on disk
log "starting Radicale…"
"$JAVA" -cp "$WORK/calsync.jar:$WORK/harness.jar" "$ROOT/bench/CaldavServe.java" radicale "$WORK/radicale.env" bench \
  >"$WORK/radicale.log" 2>&1 &
BENCH_PIDS+=($!)
for _ in $(seq 1 600); do [ -f "$WORK/radicale.env" ] && break; sleep 0.1; done
[ -f "$WORK/radicale.env" ] || { tail -n 30 "$WORK/radicale.log" >&2; die "Radicale did not start"; }
# shellcheck disable=SC1091
. "$WORK/radicale.env"
cal_path="${CAL_BENCH#http://*/}"
cp "$WORK"/events/*.ics "$DAV_DIR/collections/collection-root/${cal_path%/}/"

# ---------------------------------------------------------------- the master, loaded by an agent
PORT="$(free_port)"
log "starting the master on 127.0.0.1:$PORT and loading it through an agent…"
AUTH_ENABLED=false API_PORT="$PORT" BIND_ADDRESS=127.0.0.1 DATA_DIR="$WORK/master" RATE_LIMIT_REQUESTS_PER_MINUTE=0 \
  "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -jar "$WORK/calsync.jar" server --env-file "$WORK/none.env" \
  >"$WORK/master.log" 2>&1 &
BENCH_PIDS+=($!)
MASTER_PID=$!
for _ in $(seq 1 300); do grep -q 'listening on' "$WORK/master.log" 2>/dev/null && break; sleep 0.1; done
cat >"$WORK/agent.json" <<JSON
{"agent_id": "loader", "central_api_url": "http://127.0.0.1:$PORT", "batch_size": 1000,
 "calendar_sources": [{"type": "ics", "name": "bench", "path": "$WORK/events", "master_calendar": "bench",
   "allow_event_updates": true}]}
JSON
timeout "$PHASE_TIMEOUT" "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$WORK/calsync.jar" agent --config "$WORK/agent.json" \
  --once >"$WORK/agent.log" 2>&1 || { tail -n 20 "$WORK/agent.log" >&2; die "loading the master failed"; }
MASTER_CAL="http://127.0.0.1:$PORT/dav/calendars/bench/"

# ---------------------------------------------------------------- vdirsyncer pulls each
vdir_pull() { # label url [username password]
  local label="$1" url="$2" V="$WORK/$1"
  mkdir -p "$V/status" "$V/local"
  {
    printf '[general]\nstatus_path = "%s/status/"\n\n' "$V"
    printf '[pair bench]\na = "bench_local"\nb = "bench_dav"\ncollections = null\nconflict_resolution = "b wins"\n\n'
    printf '[storage bench_local]\ntype = "filesystem"\npath = "%s/local/"\nfileext = ".ics"\n\n' "$V"
    printf '[storage bench_dav]\ntype = "caldav"\nurl = "%s"\n' "$url"
    [ $# -ge 4 ] && printf 'username = "%s"\npassword = "%s"\n' "$3" "$4"
  } >"$V/config"
  local VDIR=(vdirsyncer -c "$V/config" -v WARNING)
  (yes 2>/dev/null || true) | timeout "$PHASE_TIMEOUT" "${VDIR[@]}" discover >"$WORK/$label-discover.log" 2>&1 \
    || { tail -n 30 "$WORK/$label-discover.log" >&2; die "vdirsyncer discover ($label) failed"; }
  measure "$label-first" "${VDIR[@]}" sync
  local got; got=$(find "$V/local" -name '*.ics' | wc -l)
  [ "$got" -eq "$N" ] || log "warning: vdirsyncer pulled $got of $N events from $label"
  measure "$label-nochange" "${VDIR[@]}" sync
}
log "vdirsyncer pulls $N events from Radicale…"
vdir_pull radicale "$CAL_BENCH" "$DAV_USER" "$DAV_PASSWORD"
log "vdirsyncer pulls $N events from the master…"
vdir_pull master "$MASTER_CAL"

# ---------------------------------------------------------------- sync-collection with the current token
sync_token() { # url [user:password]
  curl -s ${2:+-u "$2"} -X PROPFIND -H 'Depth: 0' -H 'Content-Type: application/xml' --data-binary \
    '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:sync-token/></d:prop></d:propfind>' "$1" \
    | grep -o '<[A-Za-z0-9]*:\{0,1\}sync-token>[^<]*' | sed 's/.*>//'
}
report_ms() { # url token [user:password] : median of 5 no-change sync-collection REPORTs, in ms
  for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -w '%{time_total}\n' ${3:+-u "$3"} -X REPORT -H 'Depth: 1' -H 'Content-Type: application/xml' \
      --data-binary "<?xml version=\"1.0\"?><d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>$2</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>" "$1"
  done | sort -n | sed -n 3p | awk '{printf "%.1f", $1 * 1000}'
}
R_MS=$(report_ms "$CAL_BENCH" "$(sync_token "$CAL_BENCH" "$DAV_USER:$DAV_PASSWORD")" "$DAV_USER:$DAV_PASSWORD")
M_MS=$(report_ms "$MASTER_CAL" "$(sync_token "$MASTER_CAL")")
MASTER_RSS=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$MASTER_PID/status")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "n/a" }'; }
TABLE="$WORK/table.md"
{
  echo "| phase | master s | master RSS MiB (vdirsyncer) | Radicale s | Radicale RSS MiB (vdirsyncer) | ratio |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| vdirsyncer first sync, $N events pulled | $(seconds master-first) | $(mib master-first) | $(seconds radicale-first) | $(mib radicale-first) | $(ratio "$(seconds radicale-first)" "$(seconds master-first)") |"
  echo "| vdirsyncer no-change sync | $(seconds master-nochange) | $(mib master-nochange) | $(seconds radicale-nochange) | $(mib radicale-nochange) | $(ratio "$(seconds radicale-nochange)" "$(seconds master-nochange)") |"
  echo "| sync-collection REPORT with the current token (curl, median of 5) | ${M_MS} ms | | ${R_MS} ms | | $(ratio "$R_MS" "$M_MS") |"
  echo
  echo "ratio = Radicale ÷ master (above 1: the master serves faster). Master: \`calsync server\` (SQLite, AUTH off, RSS $MASTER_RSS MiB after the run), loaded by one \`calsync agent --once\`. Radicale $(dpkg-query -W -f='${Version}' radicale 2>/dev/null || echo '?') with htpasswd (bcrypt, 4 rounds), seeded on disk."
} >"$TABLE"
cat "$TABLE"
if [ "$RECORD" = 1 ]; then
  record_table "$RECORD_FILE" "the master's CalDAV vs Radicale, $N events, read by vdirsyncer (bench/master-caldav-vs-radicale.sh)" "$TABLE"
fi
