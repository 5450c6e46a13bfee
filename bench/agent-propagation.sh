#!/usr/bin/env bash
# The agent end to end (issue #5's benchmark).
#
#   bench/agent-propagation.sh [N] [--changes C] [--record]
#
# Starts `calsync server` (AUTH_ENABLED=false, temp DATA_DIR, random loopback port) and two agents
# A and B, each with an ics folder holding the master calendar "Team", all real processes. Measures:
#   propagation      C changes (default 100) written one at a time into A's folder, each timed
#                    until B's folder holds it (bench/AgentPropagationBench): p50, p99, max
#   agent idle RSS   agent B, 10 s after the last change
#   initial upload   N events (default 10000, bench EventGenerator) in a third agent's folder,
#                    uploaded by `calsync agent --once` (register, upload in batches, commit state)
#   no-change pass   the same `--once` again: nothing to upload
#   jar sizes        the runnable jar, and the agent's own calsync-agent.jar
# Prints a markdown table; with --record appends it to docs/BENCHMARKS.md (or
# $BENCH_RECORD_FILE). Bounded: every phase has a timeout; on exit the processes it started are
# stopped by PID and the temp dir removed.
set -euo pipefail

N=10000
CHANGES=100
RECORD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --record) RECORD=1 ;;
    --changes) CHANGES="$2"; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

BENCH_JAR="$ROOT/bench/target/calsync-bench.jar"
APP_JAR="$ROOT/app/target/calsync.jar"
if [ ! -f "$BENCH_JAR" ] || [ ! -f "$APP_JAR" ]; then
  log "building (./mvnw -q -DskipTests -DskipITs package -pl app,bench -am)…"
  (cd "$ROOT" && ./mvnw -q -DskipTests -DskipITs package -pl app,bench -am) >&2
fi

bench_workdir calsync-agent-bench

cp "$APP_JAR" "$WORK/calsync.jar"
RUN=("$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -jar "$WORK/calsync.jar")
# the agent as run_agent.sh starts it
AGENT=("$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms8m -XX:MinHeapFreeRatio=10
  -XX:MaxHeapFreeRatio=30 -jar "$WORK/calsync.jar" agent)
PORT="$(free_port)"

log "starting the master on 127.0.0.1:$PORT…"
AUTH_ENABLED=false API_PORT="$PORT" BIND_ADDRESS=127.0.0.1 DATA_DIR="$WORK/data" \
  "${RUN[@]}" server --env-file "$WORK/none.env" >"$WORK/master.log" 2>&1 &
BENCH_PIDS+=($!)
for _ in $(seq 1 300); do
  grep -q 'listening on' "$WORK/master.log" 2>/dev/null && break
  sleep 0.1
done
grep -q 'listening on' "$WORK/master.log" || { tail -n 30 "$WORK/master.log" >&2; die "the master did not start"; }

agent_config() { # ID FOLDER CALENDAR
  mkdir -p "$2"
  cat >"$WORK/$1.json" <<JSON
{"agent_id": "$1", "agent_name": "bench $1", "central_api_url": "http://127.0.0.1:$PORT",
 "sync_interval_minutes": 30, "enable_bidirectional_sync": true, "heartbeat_seconds": 30, "batch_size": 500,
 "enable_compression": true,
 "calendar_sources": [{"type": "ics", "name": "$3", "path": "$2", "master_calendar": "$3",
   "allow_metadata_updates": true, "allow_event_updates": true}]}
JSON
}

for id in a b; do
  agent_config "agent-$id" "$WORK/$id" Team
  "${AGENT[@]}" --config "$WORK/agent-$id.json" >"$WORK/agent-$id.log" 2>&1 &
  BENCH_PIDS+=($!)
  eval "PID_$id=$!"
done
for id in a b; do
  for _ in $(seq 1 300); do grep -q 'Bidirectional sync enabled' "$WORK/agent-$id.log" 2>/dev/null && break; sleep 0.1; done
done
sleep 2

TABLE="$WORK/table.md"
{
  echo "| figure | value |"
  echo "|---|---:|"
} >"$TABLE"
log "propagation: $CHANGES changes A → B…"
timeout "$PHASE_TIMEOUT" "$JAVA" -cp "$BENCH_JAR" io.calsync.bench.AgentPropagationBench "$WORK/a" "$WORK/b" "$CHANGES" >>"$TABLE"
sleep 10
# shellcheck disable=SC2154
rss_b=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID_b/status")
echo "| agent idle RSS (agent B, one source, after the changes) | $rss_b MiB |" >>"$TABLE"

log "initial upload: $N events through an agent (--once)…"
"$JAVA" -jar "$BENCH_JAR" --count "$N" --out "$WORK/big" --seed 42 >&2
agent_config agent-c "$WORK/big" Big
measure upload "${AGENT[@]}" --config "$WORK/agent-c.json" --once
echo "| initial upload of $N events through an agent (\`calsync agent --once\`, JVM start included) | $(seconds upload) s, peak RSS $(mib upload) MiB |" >>"$TABLE"
measure nochange "${AGENT[@]}" --config "$WORK/agent-c.json" --once
echo "| no-change pass over the same $N events (\`--once\`) | $(seconds nochange) s, peak RSS $(mib nochange) MiB |" >>"$TABLE"
echo "| runnable jar (agent and master in one) | $(( $(stat -c %s "$APP_JAR") / 1048576 )) MiB |" >>"$TABLE"
AGENT_JAR="$ROOT/app/target/calsync-agent.jar"
[ ! -f "$AGENT_JAR" ] || echo "| the agent's own jar (\`calsync-agent.jar\`: no master, SQLite for desktop platforms) | $(( $(stat -c %s "$AGENT_JAR") / 1048576 )) MiB |" >>"$TABLE"
echo "" >>"$TABLE"
echo "Master and agents: \`java -XX:+UseSerialGC -jar calsync.jar\` on the same 2 cores; agents watch their folders (file-system watch) and hold the master's long-poll push channel." >>"$TABLE"
cat "$TABLE"
if [ "$RECORD" = 1 ]; then
  record_table "$RECORD_FILE" "agents end to end (bench/agent-propagation.sh, $N events)" "$TABLE"
fi
