#!/usr/bin/env bash
# Benchmarks of orderlens. Never part of the tests: figures are only
# meaningful as ratios within one run, on an otherwise idle machine.
#
#   scripts/bench.sh                   native (criterion) + Node (the wasm builds)
#   scripts/bench.sh --peers [DIR]     also the peers' benchmark (json-logic-js,
#                                      json-rules-engine, GoRules ZEN, hand-written
#                                      JS) with the adapters in bench/peers/; DIR is
#                                      a copy of that benchmark (default:
#                                      $BENCH_PEERS, else ../shared/bench-peers)
#   scripts/bench.sh --no-first-paint  without the headless Chromium step
#
# Native: compile the built-in rules, compile a merchant document, load compiled
# bytes, parse an order, evaluate, explain, and `sweep` over 2,000 NDJSON orders
# next to parsing the same lines into serde_json::Value. Node: µs per order for
# explain / evaluate in the full build and the runtime (scripts/bench-wasm.mjs).
# First paint (when Chromium and playwright-core are there): the widget's
# headline in headless Chromium against the same text as static markup
# (scripts/first-paint.mjs; BENCH_FIRST_PAINT_RUNS loads of each, default 20).
# Peers: 100,000 generated orders, every engine checked against the same answers
# before it is timed; orderlens runs explain (all texts) and evaluate (no
# text) in both builds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$HOME/.cargo/bin:$PATH"
peers=""
first_paint=1
while [ $# -gt 0 ]; do
  case "$1" in
    --peers)
      peers="${BENCH_PEERS:-$ROOT/../shared/bench-peers}"
      if [ $# -gt 1 ] && [ "${2#--}" = "$2" ]; then peers="$2"; shift; fi ;;
    --no-first-paint) first_paint=0 ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
step() { printf '\n=== %s\n' "$*"; }

step "native (criterion; short runs)"
[ -s benches/orders.ndjson ] || python3 benches/gen_orders.py 2000 > benches/orders.ndjson
cargo bench --locked --bench explain -- --warm-up-time 1 --measurement-time 3 2>/dev/null |
  grep -E '^[a-z].*|time:|thrpt:' | sed -E 's/^ +/    /'

step "Node (wasm: full build and runtime)"
[ -f pkg/node/orderlens.cjs ] || scripts/build-pkg.sh >/dev/null
node scripts/bench-wasm.mjs --seconds "${BENCH_SECONDS:-3}"

status=0
if [ "$first_paint" = 1 ]; then
  step "first paint (headless Chromium: the widget's headline against the same text, static)"
  chrome="${CHROMIUM:-/usr/bin/chromium}"
  if [ ! -x "$chrome" ]; then
    echo "skipped: no Chromium at $chrome (CHROMIUM)"
  elif [ ! -d "${TOOLS:-build/tools}/node_modules/playwright-core" ] || [ ! -f pkg/runtime.js ]; then
    echo "skipped: no playwright-core in ${TOOLS:-build/tools} or no pkg/runtime.js (scripts/build-pkg.sh)"
  else
    node scripts/first-paint.mjs --runs "${BENCH_FIRST_PAINT_RUNS:-20}" || status=1
  fi
fi

[ -n "$peers" ] || exit "$status"
step "peers' benchmark ($peers)"
[ -d "$peers" ] || { echo "bench.sh: no peers' benchmark at $peers" >&2; exit 1; }
work="$ROOT/build/bench-peers"
mkdir -p "$work"
# A writable copy; its node_modules and results/ are kept between runs.
(cd "$peers" && tar --exclude=node_modules --exclude=results -cf - .) | (cd "$work" && tar -xf -)
cd "$work"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
[ -s results/orders.json ] || node gen.js >/dev/null
ads="$ROOT/bench/peers"
ORDERLENS_ROOT="$ROOT" \
ENGINE_ADAPTER="$ads/orderlens-explain.js,$ads/orderlens-evaluate.js,$ads/orderlens-runtime.mjs,$ads/orderlens-runtime-evaluate.mjs" \
  node bench.js --only "${BENCH_ONLY:-baseline,js-generic,json-logic,json-rules-engine-fastpath,zen-napi-expression,zen-wasm,orderlens}" \
  --reps "${BENCH_REPS:-5}" --no-sizes
exit "$status"
