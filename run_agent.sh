#!/bin/sh
# Starts the calsync agent (the product description's `./run_agent.sh`):
#
#   ./run_agent.sh [CONFIG] [calsync agent options…]
#   ./run_agent.sh --help
#
# CONFIG is the first argument unless it starts with '-', else $CALSYNC_AGENT_CONFIG, else
# outlook_config.json in the current directory.
#
# Which calsync: $CALSYNC_JAR, else calsync-agent.jar or calsync.jar next to this script (an
# installed agent: copy app/target/calsync-agent.jar, the agent's own 11 MB jar, bin/find-jdk.sh
# and this script into one folder), else the repository
# this script is in, through its ./calsync launcher (which builds the jar on first use). The JDK
# (21 or newer) is found by bin/find-jdk.sh: $JAVA_HOME, the java on PATH, /usr/lib/jvm, macOS's
# JavaVirtualMachines.
#
# The configuration is validated (calsync agent --check) before the agent starts, so a service
# manager can tell a mistake that a restart cannot fix from a failure that it can. Exit codes:
#   0       the agent stopped normally
#   78      configuration problem (EX_CONFIG): the config file is missing or invalid (every problem
#           is printed with its JSON path), no JDK 21+, no calsync jar. Fix it, then start again;
#           the systemd unit does not restart on 78 (RestartPreventExitStatus=78).
#   other   the agent failed while running (e.g. the master was unreachable too long): restart it.
set -eu

EX_CONFIG=78

# The folder this script is in, following symlinks (so it can be linked into ~/bin).
src=$0
while [ -L "$src" ]; do
  dir=$(cd -P "$(dirname "$src")" && pwd)
  src=$(readlink "$src")
  case $src in /*) ;; *) src=$dir/$src ;; esac
done
here=$(cd -P "$(dirname "$src")" && pwd)

config=${CALSYNC_AGENT_CONFIG:-outlook_config.json}
case ${1:-} in
  '' | -*) ;;
  *) config=$1; shift ;;
esac
help=
for arg in "$@"; do
  case $arg in -h | --help) help=1 ;; esac
done

# The calsync command line, as positional parameters: "$@" becomes CALSYNC agent --config CONFIG ARGS…
jar=${CALSYNC_JAR:-}
[ -n "$jar" ] || [ ! -f "$here/calsync-agent.jar" ] || jar=$here/calsync-agent.jar
[ -n "$jar" ] || [ ! -f "$here/calsync.jar" ] || jar=$here/calsync.jar
if [ -n "$jar" ]; then
  if [ ! -f "$jar" ]; then
    echo "run_agent.sh: no calsync jar at $jar" >&2
    exit $EX_CONFIG
  fi
  if [ ! -r "$here/bin/find-jdk.sh" ]; then
    echo "run_agent.sh: $here/bin/find-jdk.sh is missing: copy bin/find-jdk.sh of calsync next to this script" >&2
    exit $EX_CONFIG
  fi
  # shellcheck source=bin/find-jdk.sh
  . "$here/bin/find-jdk.sh"
  calsync_find_jdk || exit $EX_CONFIG
  # A small start heap that grows on demand and is given back when idle: an agent sits idle most
  # of the day on a user's desktop (about 90 MiB resident instead of 150; docs/BENCHMARKS.md).
  set -- "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms8m -XX:MinHeapFreeRatio=10 \
    -XX:MaxHeapFreeRatio=30 -jar "$jar" agent --config "$config" "$@"
elif [ -x "$here/calsync" ]; then
  set -- "$here/calsync" agent --config "$config" "$@"
else
  echo "run_agent.sh: found neither calsync.jar nor the calsync launcher in $here;" \
    "copy app/target/calsync.jar and bin/find-jdk.sh next to this script, or set CALSYNC_JAR" >&2
  exit $EX_CONFIG
fi

if [ -n "$help" ]; then
  echo "run_agent.sh [CONFIG] [OPTIONS]: runs calsync agent --config CONFIG (default \$CALSYNC_AGENT_CONFIG, else outlook_config.json)."
  echo "Exit codes: 0 stopped, 78 configuration problem (no restart helps), other: failed, restart."
  echo
  exec "$@"
fi

if [ ! -f "$config" ]; then
  echo "run_agent.sh: no agent configuration at $config;" \
    "pass its path as the first argument or set CALSYNC_AGENT_CONFIG" >&2
  exit $EX_CONFIG
fi
if ! "$@" --check >/dev/null; then
  echo "run_agent.sh: the agent was not started: $config is not usable (see above); fix it, then start again" >&2
  exit $EX_CONFIG
fi
exec "$@"
