#!/usr/bin/env bash
# The TypeScript client's checks for the Maven build (pom.xml): install the locked packages,
# type-check, then run the vitest suite against a real master (test/master.setup.ts starts
# app/target/calsync.jar). Without Node.js: a failure under CI=true, a loud skip elsewhere.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

missing_node() {
  local why="$1"
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: $why (.ci/run installs the Debian packages nodejs and npm)" >&2
    exit 1
  fi
  echo "" >&2
  echo "******************************************************************************" >&2
  echo "*** SKIPPING the TypeScript client tests: $why" >&2
  echo "*** install Node.js 18+ and npm to run them (Debian: apt-get install nodejs npm)" >&2
  echo "******************************************************************************" >&2
  echo "" >&2
  exit 0
}

command -v node >/dev/null 2>&1 || missing_node "node is not on the PATH"
command -v npm >/dev/null 2>&1 || missing_node "npm is not on the PATH"
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 18 ] || missing_node "Node.js $major is too old (18 or newer is needed)"

npm ci --no-audit --no-fund --loglevel=error
npx --no-install tsc --noEmit
npx --no-install vitest run
