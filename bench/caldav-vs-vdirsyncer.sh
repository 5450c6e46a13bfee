#!/usr/bin/env bash
# calsync vs vdirsyncer against a real CalDAV server (Radicale or SOGo), from the same generated vdir.
#
#   bench/caldav-vs-vdirsyncer.sh [N] [--server radicale|sogo] [--workers W] [--seed S] [--seeded] [--record]
#
# N events (default 1000: Radicale ingests ~20 events/s) are generated once (bench EventGenerator).
# The server is started on a random loopback port with the caldav module's test harness
# (bench/CaldavServe.java: Radicale with htpasswd; SOGo as Mailcow runs it, with W workers,
# default 8, behind nginx), with one empty calendar per contender. Three contenders, each with its
# own copy of the folder, its own calendar and its own status:
#   calsync                 ./calsync sync --from ics:DIR --to caldav+URL --to-credentials FILE
#   vdirsyncer              caldav storage as configured by default (lists with PROPFIND)
#   vdirsyncer (tuned)      the same with item_types = ["VEVENT"] (lists with REPORT)
# Each runs four phases, measured with /usr/bin/time (wall seconds, peak RSS):
#   first upload            N items into the empty calendar
#   no-change sync          nothing to do
#   10 local changes        10 items of the folder edited (EventGenerator --mutate) and pushed
#   10 server changes       10 items edited on the server by sequential curl PUTs, pulled back
# Before anything is measured the server is warmed up with the same N events PUT into a calendar
# of their own. The server's own ceiling: the same N events PUT one after another by curl (-H 'Expect:') into
# a fourth empty calendar. It prints a markdown table; with --record it appends the table and the
# machine's description to docs/BENCHMARKS.md (or $BENCH_RECORD_FILE).
#
# --seeded (Radicale only): the contenders' calendars are filled on the server's disk with the N
# events instead, and each contender's first sync downloads them into an empty folder. For sizes
# Radicale cannot ingest over HTTP in reasonable time: it checks a new UID against every item of
# the collection, so N uploads cost N²/2 item reads (10,000 events: hours). No warm-up and no
# ceiling then; the other three phases are as above.
#
# Every phase is bounded by $BENCH_PHASE_TIMEOUT seconds (default 1800). On exit the server is
# stopped by PID (its processes, then its temp dir) and the work dir is removed.
set -euo pipefail

N=1000
SEED=42
RECORD=0
SERVER=radicale
WORKERS=8
SEEDED=0
while [ $# -gt 0 ]; do
  case "$1" in
    --record) RECORD=1 ;;
    --seed) SEED="$2"; shift ;;
    --server) SERVER="$2"; shift ;;
    --workers) WORKERS="$2"; shift ;;
    --seeded) SEEDED=1 ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    ''|*[!0-9]*) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    *) N="$1" ;;
  esac
  shift
done
case "$SERVER" in radicale|sogo) ;; *) echo "--server takes radicale or sogo" >&2; exit 2 ;; esac
[ "$SEEDED" = 0 ] || [ "$SERVER" = radicale ] || { echo "--seeded needs --server radicale (it writes Radicale's storage)" >&2; exit 2; }

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PHASE_TIMEOUT="${BENCH_PHASE_TIMEOUT:-1800}"
RECORD_FILE="${BENCH_RECORD_FILE:-$ROOT/docs/BENCHMARKS.md}"
CHANGES=10

# shellcheck source=lib.sh
. "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------- tools
[ -x /usr/bin/time ] || die "/usr/bin/time is needed: apt-get install time"
command -v vdirsyncer >/dev/null || die "vdirsyncer is needed: apt-get install vdirsyncer"
command -v curl >/dev/null || die "curl is needed: apt-get install curl"
PY=/usr/bin/python3
[ -x "$PY" ] || die "/usr/bin/python3 is needed"

BENCH_JAR="$ROOT/bench/target/calsync-bench.jar"
APP_JAR="$ROOT/app/target/calsync.jar"
HARNESS_JAR="$(ls "$ROOT"/providers/caldav/target/calsync-provider-caldav-*-tests.jar 2>/dev/null | head -n 1 || true)"
CALSYNC="$ROOT/calsync"
if [ ! -f "$BENCH_JAR" ] || [ ! -f "$APP_JAR" ] || [ -z "$HARNESS_JAR" ]; then
  log "building (./mvnw -q -DskipTests -DskipITs install -pl app,bench -am)…"
  (cd "$ROOT" && ./mvnw -q -DskipTests -DskipITs install -pl app,bench -am) >&2
  HARNESS_JAR="$(ls "$ROOT"/providers/caldav/target/calsync-provider-caldav-*-tests.jar | head -n 1)"
fi
"$CALSYNC" --help >/dev/null 2>&1 || die "'$CALSYNC --help' fails"

# ---------------------------------------------------------------- workspace and server
bench_workdir calsync-caldav-bench
umask 077 # the work dir holds the test password in curl and vdirsyncer configs

log "starting $SERVER$([ "$SERVER" = sogo ] && echo " ($WORKERS workers)") on a random loopback port…"
# private copies: a rebuild of the module jars while the server runs must not pull them away
cp "$APP_JAR" "$WORK/calsync-app.jar"
cp "$HARNESS_JAR" "$WORK/caldav-harness.jar"
"$JAVA" -Dcalsync.sogo.workers="$WORKERS" -cp "$WORK/calsync-app.jar:$WORK/caldav-harness.jar" "$ROOT/bench/CaldavServe.java" \
  "$SERVER" "$WORK/server.env" warmup calsync vdir vdir-tuned ceiling >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BENCH_PIDS+=("$SERVER_PID") # SIGTERM: its shutdown hook stops the server's processes by PID
for _ in $(seq 1 1200); do
  [ -f "$WORK/server.env" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$WORK/server.log" >&2; die "the server did not start"; }
  sleep 0.1
done
[ -f "$WORK/server.env" ] || die "the server did not start within 120 s"
# shellcheck disable=SC1091
. "$WORK/server.env"
log "server at $DAV_ROOT"

printf '{"username": "%s", "password": "%s"}\n' "$DAV_USER" "$DAV_PASSWORD" >"$WORK/credentials.json"
chmod 600 "$WORK/credentials.json"
printf 'user = "%s:%s"\n' "$DAV_USER" "$DAV_PASSWORD" >"$WORK/curl-auth"
chmod 600 "$WORK/curl-auth"


# server_items URL : how many events the calendar holds (REPORT calendar-query, etags only)
server_items() {
  curl -s -K "$WORK/curl-auth" -X REPORT -H 'Depth: 1' -H 'Expect:' \
    -H 'Content-Type: application/xml; charset=utf-8' --data-binary \
    '<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/></c:comp-filter></c:filter></c:calendar-query>' \
    "$1" | grep -o '<[A-Za-z0-9]*:\{0,1\}getetag' | wc -l
}
check_server() { # phase url expected
  local count; count="$(server_items "$2")"
  [ "$count" -eq "$3" ] || log "warning: after $1 the calendar holds $count items, expected $3"
}

# server_edit URL OUTDIR : picks $CHANGES events of the calendar, writes edited copies (a new
# SUMMARY "Server edit K") and a curl config that PUTs them back to their hrefs
server_edit() {
  curl -s -K "$WORK/curl-auth" -X REPORT -H 'Depth: 1' -H 'Expect:' \
    -H 'Content-Type: application/xml; charset=utf-8' --data-binary \
    '<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/></c:comp-filter></c:filter></c:calendar-query>' \
    "$1" >"$2.xml"
  DAV_AUTH="$DAV_USER:$DAV_PASSWORD" "$PY" - "$1" "$2" "$CHANGES" <<'EOF_PY'
import os, re, sys, urllib.parse
import xml.etree.ElementTree as ET
url, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
root = ET.parse(out + ".xml").getroot()
items = []
for r in root.iter("{DAV:}response"):
    href = r.findtext("{DAV:}href")
    data = r.findtext(".//{urn:ietf:params:xml:ns:caldav}calendar-data")
    if href and data and "(edited " not in data:
        items.append((href, data))
items.sort()
os.makedirs(out, exist_ok=True)
with open(out + ".curl", "w") as cfg:
    for k, (href, data) in enumerate(items[:n]):
        if k:
            cfg.write("next\n")
        text = re.sub(r"\r?\n[ \t]", "", data)
        text = re.sub(r"(?m)^SUMMARY[;:][^\r\n]*", "SUMMARY:Server edit %d" % k, text)
        text = re.sub(r"\r?\n", "\r\n", text)
        path = os.path.join(out, "%d.ics" % k)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        target = urllib.parse.urljoin(url, href)
        cfg.write('url = "%s"\nupload-file = "%s"\nuser = "%s"\nheader = "Content-Type: text/calendar; charset=utf-8"\n'
                  'header = "Expect:"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' % (target, path, os.environ["DAV_AUTH"]))
EOF_PY
}
server_put() { # config : runs the PUTs, fails unless all answered 2xx
  local codes
  chmod 600 "$1"
  codes="$(curl -s -K "$1")"
  if printf '%s\n' "$codes" | grep -qv '^2'; then die "a server-side PUT failed: $(printf '%s' "$codes" | tr '\n' ' ')"; fi
}
check_local() { # phase folder expected
  local count; count="$(find "$2" -maxdepth 1 -name '*.ics' | wc -l)"
  [ "$count" -eq "$3" ] || log "warning: after $1 the folder holds $count items, expected $3"
}
server_edits_arrived() { # folder
  local count; count="$(grep -l -F 'Server edit ' "$1"/*.ics 2>/dev/null | wc -l)"
  [ "$count" -eq "$CHANGES" ] || log "warning: $1 shows $count server edits, expected $CHANGES"
}

log "generating $N events (seed $SEED)…"
"$JAVA" -jar "$BENCH_JAR" --count "$N" --out "$WORK/source" --seed "$SEED" >&2
MUTATE_SEED=$((SEED + 1))

# put_config CALENDAR_URL OUT : a curl config that PUTs every generated event, one after another
put_config() {
  local sep="" f name
  for f in "$WORK"/source/*.ics; do
    name="$(basename "$f")"
    printf '%s' "$sep"; sep=$'next\n'
    printf 'url = "%s%s"\nupload-file = "%s"\nuser = "%s:%s"\nheader = "Content-Type: text/calendar; charset=utf-8"\nheader = "Expect:"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
      "$1" "$name" "$f" "$DAV_USER" "$DAV_PASSWORD"
  done >"$2"
  chmod 600 "$2"
}

if [ "$SEEDED" = 1 ]; then
  # ------------------------------------------------------------ seeded on disk (Radicale)
  log "seeding the contenders' calendars on disk with $N events…"
  for cal in "$CAL_CALSYNC" "$CAL_VDIR" "$CAL_VDIR_TUNED"; do
    cal_path="${cal#http://*/}"
    cp "$WORK"/source/*.ics "$DAV_DIR/collections/collection-root/${cal_path%/}/"
  done
  START_DIR="$WORK/empty" # each contender starts from an empty folder and downloads
  mkdir -p "$START_DIR"
  FIRST="first sync, $N items downloaded into an empty folder (server seeded on disk)"
else
  # ---------------------------------------------------------------- warm-up (not measured)
  # A server answers its first requests slower (Python imports, caches, SOGo's workers): the same
  # events go into a calendar of their own first, so that whoever runs first is not penalised.
  log "warming the server up: $N PUTs into a calendar of their own…"
  put_config "$CAL_WARMUP" "$WORK/warmup.curl"
  curl -s -K "$WORK/warmup.curl" >/dev/null

  # ---------------------------------------------------------------- server ceiling
  log "server ceiling: $N sequential curl PUTs…"
  put_config "$CAL_CEILING" "$WORK/ceiling.curl"
  measure ceiling curl -s -K "$WORK/ceiling.curl"
  BAD_PUTS="$(grep -cv '^2' "$WORK/ceiling.log" || true)"
  [ "$BAD_PUTS" -eq 0 ] || log "warning: $BAD_PUTS of the ceiling's PUTs did not answer 2xx"
  START_DIR="$WORK/source"
  FIRST="first upload, $N items into an empty calendar"
fi

# ---------------------------------------------------------------- calsync
C="$WORK/calsync"
mkdir -p "$C/state"
cp -a "$START_DIR" "$C/src"
SYNC=("$CALSYNC" sync --from "ics:$C/src" --to "caldav+$CAL_CALSYNC" --to-credentials "$WORK/credentials.json" --state "$C/state")
log "calsync: first sync, no-change sync, $CHANGES local changes, $CHANGES server changes…"
measure calsync-first "${SYNC[@]}"
check_server "calsync's first sync" "$CAL_CALSYNC" "$N"
check_local "calsync's first sync" "$C/src" "$N"
measure calsync-nochange "${SYNC[@]}"
"$JAVA" -jar "$BENCH_JAR" --mutate "$CHANGES" --seed "$MUTATE_SEED" "$C/src" >&2
measure calsync-local "${SYNC[@]}"
server_edit "$CAL_CALSYNC" "$C/edits"
server_put "$C/edits.curl"
measure calsync-server "${SYNC[@]}"
server_edits_arrived "$C/src"

# ---------------------------------------------------------------- vdirsyncer (default and tuned)
vdir_run() { # label calendar-url tuned(0|1)
  local label="$1" url="$2" tuned="$3" V="$WORK/$1"
  mkdir -p "$V/status"
  cp -a "$START_DIR" "$V/src"
  {
    printf '[general]\nstatus_path = "%s/status/"\n\n' "$V"
    printf '[pair bench]\na = "bench_src"\nb = "bench_dav"\ncollections = null\nconflict_resolution = "a wins"\n\n'
    printf '[storage bench_src]\ntype = "filesystem"\npath = "%s/src/"\nfileext = ".ics"\n\n' "$V"
    printf '[storage bench_dav]\ntype = "caldav"\nurl = "%s"\nusername = "%s"\npassword = "%s"\n' "$url" "$DAV_USER" "$DAV_PASSWORD"
    [ "$tuned" = 1 ] && printf 'item_types = ["VEVENT"]\n'
  } >"$V/config"
  chmod 600 "$V/config"
  local VDIR=(vdirsyncer -c "$V/config" -v WARNING)
  log "$label: first sync, no-change sync, $CHANGES local changes, $CHANGES server changes…"
  (yes 2>/dev/null || true) | timeout "$PHASE_TIMEOUT" "${VDIR[@]}" discover >"$WORK/$label-discover.log" 2>&1 \
    || { tail -n 30 "$WORK/$label-discover.log" >&2; die "vdirsyncer discover failed"; }
  measure "$label-first" "${VDIR[@]}" sync
  check_server "$label's first sync" "$url" "$N"
  check_local "$label's first sync" "$V/src" "$N"
  measure "$label-nochange" "${VDIR[@]}" sync
  "$JAVA" -jar "$BENCH_JAR" --mutate "$CHANGES" --seed "$MUTATE_SEED" "$V/src" >&2
  measure "$label-local" "${VDIR[@]}" sync
  server_edit "$url" "$V/edits"
  server_put "$V/edits.curl"
  measure "$label-server" "${VDIR[@]}" sync
  server_edits_arrived "$V/src"
}
vdir_run vdirsyncer "$CAL_VDIR" 0
vdir_run vdirtuned "$CAL_VDIR_TUNED" 1

# ---------------------------------------------------------------- report
ratio() { # tool phase : tool's seconds ÷ calsync's seconds
  local c v; c="$(seconds "calsync-$2")"; v="$(seconds "$1-$2")"
  if [ "$c" = n/a ] || [ "$v" = n/a ]; then echo "n/a"; else awk -v c="$c" -v v="$v" 'BEGIN { if (c > 0) printf "%.1f×", v / c; else print "∞" }'; fi
}
row() { # label phase
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" \
    "$(seconds "calsync-$2")" "$(mib "calsync-$2")" \
    "$(seconds "vdirsyncer-$2")" "$(mib "vdirsyncer-$2")" "$(ratio vdirsyncer "$2")" \
    "$(seconds "vdirtuned-$2")" "$(mib "vdirtuned-$2")" "$(ratio vdirtuned "$2")"
}
SERVER_DESC="$SERVER"
case "$SERVER" in
  radicale) SERVER_DESC="Radicale $(/usr/bin/radicale --version 2>/dev/null || true)" ;;
  sogo) SERVER_DESC="SOGo $(dpkg-query -W -f '${Version}' sogo 2>/dev/null || true) ($WORKERS workers, nginx in front)" ;;
esac
TABLE="$WORK/table.md"
{
  echo "Server: $SERVER_DESC on loopback."
  echo
  echo "| phase | calsync s | calsync RSS MiB | vdirsyncer s | RSS MiB | ratio | vdirsyncer tuned s | RSS MiB | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  row "$FIRST" first
  row "no-change sync" nochange
  row "$CHANGES local changes pushed" local
  row "$CHANGES server changes (curl PUTs) pulled back" server
  echo
  [ "$SEEDED" = 1 ] && echo "No server ceiling: the calendars were seeded on disk (--seeded)."
  [ "$SEEDED" = 1 ] || awk -v s="$(seconds ceiling)" -v n="$N" -v m="$(mib ceiling)" \
    'BEGIN { printf "Server ceiling: %d sequential curl PUTs (-H '"'"'Expect:'"'"') took %.2f s (%.0f PUT/s, curl RSS %s MiB).\n", n, s, (s > 0 ? n / s : 0), m }'
  [ "$SEEDED" = 1 ] || awk -v s="$(seconds ceiling)" -v c="$(seconds calsync-first)" \
    'BEGIN { if (s > 0) printf "calsync first upload ÷ server ceiling: %.2f.\n", c / s }'
  echo "ratio = vdirsyncer wall time ÷ calsync wall time (above 1: calsync is faster). vdirsyncer tuned = \`item_types = [\"VEVENT\"]\` (lists with REPORT instead of PROPFIND)."
} >"$TABLE"
cat "$TABLE"

if [ "$RECORD" = 1 ]; then
  record_table "$RECORD_FILE" "CalDAV ($SERVER), $N events$([ "$SEEDED" = 1 ] && echo ", seeded on disk"), seed $SEED, bench/caldav-vs-vdirsyncer.sh" "$TABLE"
fi
