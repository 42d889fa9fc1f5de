#!/usr/bin/env bash
# Consumer tests of the npm package, run against the packed tarball the way
# users install it:
#
#   size       the runtime's browser payload within the 64 KB gzip budget and
#              the full build under its ceiling (scripts/size.sh)
#   types      tsc --noEmit on tests/consumers/types (ESM + CommonJS views,
#              the runtime, <order-lens> in React JSX); custom-elements.json
#              checked against the widget
#   node-require, node-import, node-bundler
#              plain Node scripts: require("orderlens"), import "orderlens",
#              and the ESM-integration build (node --experimental-wasm-modules)
#   node-cli   `npx orderlens compile|check`: the native CLI's bytes and exit codes
#   wasm-bindgen-test
#              src/wasm/tests.rs under wasm-bindgen-test-runner in Node
#   vite       a fresh Vite project importing "orderlens": vite build, then
#              the page in headless Chromium under a strict CSP
#   vite-runtime
#              a fresh Vite checkout page on "orderlens/runtime" with rules
#              compiled by the CLI (an asset URL) and the widget; headless Chromium
#   vite-runtime-dev
#              the vite-runtime checkout page on Vite's dev server
#   vite-dev   the same app on Vite's dev server (dependency pre-bundling),
#              headless Chromium
#   web        a static page with <script type="module"> + init() from
#              "orderlens/web", strict CSP, headless Chromium
#   runtime    a static page with "orderlens/runtime" (the 64 KB build) and
#              rules compiled by `orderlens compile`: explain, built-in rules,
#              every error kind, the widget; strict CSP, headless Chromium
#   csp-guard  the same page without 'wasm-unsafe-eval' must FAIL the browser
#              check (proves the harness sees CSP violations)
#   parity     every fixture: Node build and runtime vs native CLI, deep-equal
#              JSON; toBytes() vs `orderlens compile`, byte for byte
#   widget     mount() and <order-lens> on a plain page, strict CSP, headless
#              Chromium (fallbacks, placeholder, time zones, merchant labels,
#              self-refresh, destroy, onAction, no handler, styles)
#   demo       the demo storefront www/ (every scenario and locale, keyboard,
#              confirmation dialog, pending state, countdown, backend errors
#              and timeouts, timeline, typography at 320 px, severity, axe-core
#              in light and dark); screenshots of every scenario and locale in
#              build/screenshots/<width>-<light|dark>/
#
# Projects are copied from tests/consumers/ into build/consumers/ and get the
# tarball with `npm install`. The last line is "N passed, M failed"; the exit
# status is 1 when anything failed.
#
#   scripts/test-consumers.sh            build the package, then every check
#   SKIP_BUILD=1 scripts/test-consumers.sh   reuse pkg/ and build/*.tgz
#   scripts/test-consumers.sh vite web   only the named checks
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
export TOOLS="$ROOT/build/tools"
WORK="$ROOT/build/consumers"
LOGS="$WORK/logs"
SRC="$ROOT/tests/consumers"
npm_q=(--no-audit --no-fund --loglevel=error)

t_start=$(date +%s)
passed=0
failed=0
failures=()

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "=== building the package (scripts/build-pkg.sh)"
  if ! SKIP_SIZE_CHECK=1 SIZE_DETAILS=0 scripts/build-pkg.sh; then
    echo "package build failed"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
TARBALL=$(ls -t "$ROOT"/build/orderlens-*.tgz 2>/dev/null | head -1)
if [ -z "$TARBALL" ]; then
  echo "no build/orderlens-*.tgz; run scripts/build-pkg.sh"
  echo "0 passed, 1 failed"
  exit 1
fi
rm -rf "$LOGS"
mkdir -p "$LOGS"

# A fresh copy of tests/consumers/NAME in build/consumers/NAME with the
# example order and rules, and the tarball installed.
fresh_project() {
  local name=$1
  shift
  local dir="$WORK/$name"
  # Keep node_modules between runs (npm makes it match package.json again).
  find "$dir" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} + 2>/dev/null || true
  mkdir -p "$dir"
  cp -r "$SRC/$name/." "$dir/"
  for target in "$@"; do
    mkdir -p "$dir/$target"
    cp examples/order.json examples/rules.json "$dir/$target/"
  done
  (cd "$dir" && npm install "${npm_q[@]}" && npm install "${npm_q[@]}" --no-save "$TARBALL")
}

check_size() { scripts/size.sh "$ROOT/pkg"; }

check_types() {
  fresh_project types || return 1
  (cd "$WORK/types" && "$TOOLS/node_modules/.bin/tsc" --version && "$TOOLS/node_modules/.bin/tsc" -p . \
    && "$TOOLS/node_modules/.bin/tsc" -p tsconfig.browser.json && "$TOOLS/node_modules/.bin/tsc" -p tsconfig.jsx.json \
    && node check-manifest.mjs \
    && echo "types: node (ESM + CJS), browser (orderlens/runtime), JSX (React) ok; custom-elements.json matches the widget")
}

node_project() {
  [ -f "$WORK/node/.ready-$(stat -c%Y "$TARBALL")" ] && return 0
  fresh_project node examples && touch "$WORK/node/.ready-$(stat -c%Y "$TARBALL")"
}
check_node_require() { node_project && (cd "$WORK/node" && node require.cjs); }
check_node_import() { node_project && (cd "$WORK/node" && node import.mjs); }
check_node_cli() {
  node_project || return 1
  cargo run --quiet --locked --bin orderlens -- compile examples/rules.json --out "$WORK/node/native.olr" || return 1
  (cd "$WORK/node" && ./cli.sh native.olr)
}
check_node_bundler() {
  node_project && (cd "$WORK/node" && node --experimental-wasm-modules --no-warnings bundler.mjs)
}

check_wasm_bindgen_test() {
  # src/wasm/tests.rs: the JS API from Rust, in Node, every fixture included.
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_TEST_ONLY_NODE=1 \
    cargo test --locked --target wasm32-unknown-unknown --lib wasm::
}

check_vite() {
  fresh_project vite src || return 1
  (cd "$WORK/vite" && npx vite --version && npx vite build) || return 1
  node "$SRC/browser-check.mjs" --root "$WORK/vite/dist" --path / --expect "declined"
}

check_vite_runtime() {
  # A Vite checkout page on orderlens/runtime with CLI-compiled rules as an asset.
  fresh_project vite-runtime src || return 1
  cargo run --quiet --locked --bin orderlens -- compile examples/rules.json --out "$WORK/vite-runtime/src/rules.olr" || return 1
  (cd "$WORK/vite-runtime" && npx vite build) || return 1
  node "$SRC/browser-check.mjs" --root "$WORK/vite-runtime/dist" --path / --expect "declined"
}

# A Vite project's dev server (dependency pre-bundling) in headless Chromium.
vite_dev() {
  local name=$1 port pid status
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  rm -rf "$WORK/$name/node_modules/.vite"
  (cd "$WORK/$name" && exec ./node_modules/.bin/vite --host 127.0.0.1 --port "$port" --strictPort) &
  pid=$!
  for _ in $(seq 50); do
    node -e 'require("net").connect(+process.argv[1],"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))' "$port" && break
    sleep 0.2
  done
  node "$SRC/browser-check.mjs" --url "http://127.0.0.1:$port/" --expect "declined"
  status=$?
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return $status
}
check_vite_dev() {
  [ -d "$WORK/vite/node_modules/orderlens" ] || fresh_project vite src || return 1
  vite_dev vite
}
check_vite_runtime_dev() {
  [ -f "$WORK/vite-runtime/src/rules.olr" ] || check_vite_runtime >/dev/null || return 1
  vite_dev vite-runtime
}

# The static-page project, installed once per tarball (web, runtime, csp-guard).
web_project() {
  [ -f "$WORK/web/.ready-$(stat -c%Y "$TARBALL")" ] && return 0
  fresh_project web . && touch "$WORK/web/.ready-$(stat -c%Y "$TARBALL")"
}
check_web() {
  web_project || return 1
  node "$SRC/browser-check.mjs" --root "$WORK/web" --path /index.html --expect "declined"
}

check_runtime() {
  # orderlens/runtime on a static page (strict CSP), with rules compiled by the CLI.
  web_project || return 1
  cargo run --quiet --locked --bin orderlens -- compile examples/rules.json --out "$WORK/web/rules.olr" || return 1
  node "$SRC/browser-check.mjs" --root "$WORK/web" --path /runtime.html --expect "declined"
}

check_csp_guard() {
  web_project || return 1
  if node "$SRC/browser-check.mjs" --root "$WORK/web" --path /index.html --expect "declined" \
    --csp "default-src 'self'; script-src 'self'"; then
    echo "the page passed without 'wasm-unsafe-eval': the browser check does not see CSP violations"
    return 1
  fi
  echo "without 'wasm-unsafe-eval' the check fails as it must"
}

widget_project() {
  [ -f "$WORK/widget/.ready-$(stat -c%Y "$TARBALL")" ] && return 0
  fresh_project widget && touch "$WORK/widget/.ready-$(stat -c%Y "$TARBALL")"
}
check_widget() {
  widget_project || return 1
  node "$SRC/widget/check.mjs" widget --www "$ROOT/www" --pkg "$WORK/widget/node_modules/orderlens" --test "$WORK/widget"
}
check_demo() {
  widget_project || return 1
  node "$SRC/widget/check.mjs" demo --www "$ROOT/www" --pkg "$WORK/widget/node_modules/orderlens" --shots "$ROOT/build/screenshots"
}

check_parity() { node scripts/parity.mjs --pkg "$ROOT/pkg/node/orderlens.cjs" --runtime "$ROOT/pkg"; }

all=(size types node-require node-import node-cli node-bundler wasm-bindgen-test vite vite-runtime vite-dev vite-runtime-dev web runtime csp-guard parity widget demo)
selected=("$@")
[ ${#selected[@]} -eq 0 ] && selected=("${all[@]}")

for name in "${selected[@]}"; do
  fn="check_${name//-/_}"
  if ! declare -F "$fn" >/dev/null; then
    echo "unknown check '$name' (known: ${all[*]})"
    failed=$((failed + 1))
    failures+=("$name")
    continue
  fi
  t0=$(date +%s)
  if "$fn" >"$LOGS/$name.log" 2>&1; then
    passed=$((passed + 1))
    printf 'PASS %-18s %3ss  %s\n' "$name" "$(($(date +%s) - t0))" "$(grep -av '^\s*$' "$LOGS/$name.log" | tail -1 | cut -c1-110)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf 'FAIL %-18s %3ss  (log: %s)\n' "$name" "$(($(date +%s) - t0))" "${LOGS#"$ROOT"/}/$name.log"
    tail -n 25 "$LOGS/$name.log" | sed 's/^/     | /'
  fi
done

echo "consumer checks took $(($(date +%s) - t_start)) s${failures:+; failed: ${failures[*]}}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
