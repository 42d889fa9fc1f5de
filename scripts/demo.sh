#!/usr/bin/env bash
# The demo storefront: builds the package when pkg/ is missing or older than
# its sources, then serves www/ and pkg/ (at /orderlens/) on
# http://127.0.0.1:8080 with a strict Content-Security-Policy.
#
#   scripts/demo.sh            PORT=9000 scripts/demo.sh      scripts/demo.sh 9000
#   BUILD=1 scripts/demo.sh    rebuild the package first
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PORT="${1:-${PORT:-8080}}"

stale() {
  [ ! -f pkg/runtime.js ] || [ ! -f pkg/widget.js ] && return 0
  [ -n "$(find pkg-template src Cargo.toml -newer pkg/package.json -print -quit 2>/dev/null)" ]
}
if [ "${BUILD:-0}" = 1 ] || stale; then
  echo "[demo] building the package (scripts/build-pkg.sh)" >&2
  SKIP_SIZE_CHECK=1 SIZE_DETAILS=0 scripts/build-pkg.sh >/dev/null
fi
exec node scripts/demo-server.mjs --port "$PORT"
