#!/usr/bin/env bash
# The master under many connected agents (issue #4's benchmark).
#
#   bench/master-push.sh [AGENTS] [--updates U] [--rate R] [--heartbeat-seconds S] [--record]
#
# Starts `calsync server` (AUTH_ENABLED=false, temp DATA_DIR, random loopback port, the launcher's
# JVM flags) and runs bench/MasterPushBench against it: AGENTS (default 1000) simulated agents
# register and hold the long-poll push channel; U updates (default 2000) are sent at R per second
# (default 200) to random agents; then heartbeats are sent for S seconds (default 10) from 64
# concurrent senders while every agent stays connected. Prints a markdown table (heap per idle
# connected agent, push latency p50/p99/max, lost/duplicated updates, heartbeats/s, server RSS);
# with --record appends it to docs/BENCHMARKS.md (or $BENCH_RECORD_FILE). Bounded: the client
# stops itself; on exit the server is stopped by PID and the temp dir removed.
set -euo pipefail

AGENTS=1000
UPDATES=2000
RATE=200
HB_SECONDS=10
RECORD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --record) RECORD=1 ;;
    --updates) UPDATES="$2"; shift ;;
    --rate) RATE="$2"; shift ;;
    --heartbeat-seconds) HB_SECONDS="$2"; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    ''|*[!0-9]*) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    *) AGENTS="$1" ;;
  esac
  shift
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RECORD_FILE="${BENCH_RECORD_FILE:-$ROOT/docs/BENCHMARKS.md}"
# shellcheck source=lib.sh
. "$ROOT/bench/lib.sh"

BENCH_JAR="$ROOT/bench/target/calsync-bench.jar"
APP_JAR="$ROOT/app/target/calsync.jar"
if [ ! -f "$BENCH_JAR" ] || [ ! -f "$APP_JAR" ]; then
  log "building (./mvnw -q -DskipTests -DskipITs package -pl app,bench -am)…"
  (cd "$ROOT" && ./mvnw -q -DskipTests -DskipITs package -pl app,bench -am) >&2
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" -gt $((AGENTS * 2 + 200)) ] || die "open-file limit $(ulimit -n) is too low for $AGENTS agents"

bench_workdir calsync-master-bench

PORT="$(free_port)"
cp "$APP_JAR" "$WORK/calsync.jar"
log "starting the master on 127.0.0.1:$PORT…"
(
  cd "$WORK"
  exec env AUTH_ENABLED=false API_PORT="$PORT" BIND_ADDRESS=127.0.0.1 DATA_DIR="$WORK/data" \
    "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC ${SERVER_JAVA_OPTS:-} -jar "$WORK/calsync.jar" server
) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BENCH_PIDS+=("$SERVER_PID")
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$WORK/server.log" >&2; die "the master did not start"; }
  sleep 0.1
done

log "running $AGENTS agents, $UPDATES updates at $RATE/s, heartbeats for ${HB_SECONDS}s…"
TABLE="$WORK/table.md"
{
  echo "| figure | value | goal |"
  echo "|---|---:|---|"
} >"$TABLE"
timeout 600 "$JAVA" -cp "$BENCH_JAR" io.calsync.bench.MasterPushBench "http://127.0.0.1:$PORT" \
  "$AGENTS" "$UPDATES" "$RATE" "$HB_SECONDS" "$SERVER_PID" >>"$TABLE"
echo "Server: \`calsync server\` (SQLite store, -XX:+UseSerialGC, default heap), client in a second JVM on the same 2 cores." >>"$TABLE"
cat "$TABLE"
if [ "$RECORD" = 1 ]; then
  record_table "$RECORD_FILE" "master with $AGENTS connected agents (bench/master-push.sh)" "$TABLE"
fi
