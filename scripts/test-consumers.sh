#!/usr/bin/env bash
# Consumer tests of the npm package, run against the packed tarball the way
# users install it:
#
#   size       the runtime's browser payload within the 64 KB gzip budget and
#              the full build under its ceiling (scripts/size.sh)
#   types      tsc --noEmit on tests/consumers/types: a Node project (nodenext,
#              node16, commonjs; ESM + CommonJS views, no DOM lib), a browser project
#              (bundler resolution), esnext.disposable, <order-lens> in React JSX;
#              skipLibCheck false; custom-elements.json checked against the widget
#   node-require, node-import, node-pure, node-bundler
#              plain Node scripts: require("orderlens"), import "orderlens",
#              orderlens/pure (loaded on the first load(), import and require),
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
#   webpack, rollup, esbuild, parcel
#              tests/consumers/bundlers: three pages ("orderlens",
#              "orderlens/runtime" with the widget, "orderlens/runtime/pure" +
#              "orderlens/widget") built by each tool with its defaults (Rollup:
#              node-resolve and the import-meta-assets plugin; esbuild: the
#              .wasm copied next to the bundle), no warnings, no absolute path
#              in the output, then headless Chromium
#   bun, deno  tests/consumers/servers/server.mjs (every entry, compiled rules,
#              three locales) under Bun and Deno (no permissions), both from npm
#   workerd    tests/consumers/servers/worker.js bundled as wrangler does and
#              served by workerd (from npm); its three routes answered
#   attw, publint
#              are-the-types-wrong and publint on the tarball: zero problems
#   web        a static page with <script type="module"> + init() from
#              "orderlens/web", strict CSP, headless Chromium
#   runtime    a static page with "orderlens/runtime" (the 64 KB build) and
#              rules compiled by `orderlens compile`: explain, built-in rules,
#              every error kind, the widget; strict CSP, headless Chromium
#   importmap  orderlens/pure + orderlens/widget by bare specifier through an
#              import map (as from a CDN), no bundler; strict CSP with its hash
#   csp-guard  the same page without 'wasm-unsafe-eval' must FAIL the browser
#              check (proves the harness sees CSP violations)
#   parity     every fixture: Node build and runtime vs native CLI, deep-equal
#              JSON; toBytes() vs `orderlens compile`, byte for byte
#   widget     mount() and <order-lens> on a plain page, strict CSP, headless
#              Chromium (fallbacks, placeholder, time zones, merchant labels,
#              self-refresh, destroy, onAction, no handler, styles)
#   render     renderHTML's markup on a page in headless Chromium (strict CSP):
#              without JavaScript the status shows, styled; with it
#              <order-lens> takes the declarative shadow root over with a
#              cumulative layout shift of 0 and the server's markup; renderEmail's
#              HTML through html-validate (from npm), no script, link or style
#   demo       the demo storefront www/ (every scenario and locale, keyboard,
#              confirmation dialog, pending state, countdown, backend errors
#              and timeouts, timeline, typography at 320 px, severity, axe-core
#              in light and dark); screenshots of every scenario and locale in
#              build/screenshots/<width>-<light|dark>/
#
# Projects are copied from tests/consumers/ into build/consumers/ and get the
# tarball with `npm install`. The last line is "N passed, M failed, K skipped"
# (a check skips, with its reason, only where a tool from npm cannot run on
# this machine); the exit status is 1 when anything failed.
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
skipped=0
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
  # Node (nodenext, node16; no DOM lib), browser (bundler, DOM), and
  # esnext.disposable; skipLibCheck false everywhere.
  fresh_project types || return 1
  (cd "$WORK/types" && "$TOOLS/node_modules/.bin/tsc" --version && for c in tsconfig.json tsconfig.node16.json tsconfig.commonjs.json tsconfig.browser.json tsconfig.disposable.json tsconfig.jsx.json; do
    "$TOOLS/node_modules/.bin/tsc" -p "$c" || { echo "tsc -p $c failed"; exit 1; }
  done && node check-manifest.mjs \
    && echo "types: node (nodenext, node16, commonjs/node10; ESM + CJS), browser (bundler), disposable, JSX (React) ok; custom-elements.json matches the widget")
}
# are-the-types-wrong on the tarball: the entries Node can load with import
# and require under the strict profile; the browser-only ES modules
# (orderlens/widget, /web, /bundler) under esm-only. The asset subpaths
# (.wasm, .css) are not modules and are left out.
types_tools() { [ -x "$WORK/types/node_modules/.bin/attw" ] || fresh_project types; }
check_attw() {
  types_tools || return 1
  (cd "$WORK/types" && ./node_modules/.bin/attw "$TARBALL" --no-color --format table-flipped --entrypoints . runtime pure runtime/pure package.json \
    && ./node_modules/.bin/attw "$TARBALL" --no-color --format table-flipped --profile esm-only --entrypoints widget web bundler \
    && echo "attw: no problems (., runtime, pure, runtime/pure: strict; widget, web, bundler: esm-only)")
}
check_publint() {
  types_tools || return 1
  (cd "$WORK/types" && ./node_modules/.bin/publint run "$ROOT/pkg" --strict)
}

node_project() {
  [ -f "$WORK/node/.ready-$(stat -c%Y "$TARBALL")" ] && return 0
  fresh_project node examples && cp -r tests/fixtures/import "$WORK/node/import-fixtures" \
    && touch "$WORK/node/.ready-$(stat -c%Y "$TARBALL")"
}
check_node_require() { node_project && (cd "$WORK/node" && node require.cjs); }
check_node_import() { node_project && (cd "$WORK/node" && node import.mjs); }
check_node_pure() { node_project && (cd "$WORK/node" && node pure.mjs); }
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

# `vite build` in a project: no warning in its output, no path of this
# machine in dist/.
vite_build() {
  local dir="$WORK/$1"
  (cd "$dir" && npx vite --version && npx vite build) >"$dir/build.log" 2>&1
  local status=$?
  cat "$dir/build.log"
  [ "$status" -eq 0 ] || return 1
  if grep -aiE 'warn|\(!\)' "$dir/build.log"; then
    echo "vite build printed warnings"
    return 1
  fi
  no_absolute_paths "$dir/dist"
}

check_vite() {
  fresh_project vite src || return 1
  vite_build vite || return 1
  node "$SRC/browser-check.mjs" --root "$WORK/vite/dist" --path / --expect "funds"
}

check_vite_runtime() {
  # A Vite checkout page on orderlens/runtime with CLI-compiled rules as an asset.
  fresh_project vite-runtime src || return 1
  cargo run --quiet --locked --bin orderlens -- compile examples/rules.json --out "$WORK/vite-runtime/src/rules.olr" || return 1
  vite_build vite-runtime || return 1
  node "$SRC/browser-check.mjs" --root "$WORK/vite-runtime/dist" --path / --expect "funds"
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
  node "$SRC/browser-check.mjs" --url "http://127.0.0.1:$port/" --expect "funds"
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

# Compiled rules for the pages that load orderlens/runtime (once per run).
compiled_rules() {
  [ -f "$WORK/rules.olr" ] && [ "$WORK/rules.olr" -nt "$TARBALL" ] && return 0
  cargo run --quiet --locked --bin orderlens -- compile examples/rules.json --out "$WORK/rules.olr"
}

# Fails when a build output holds a path of this machine or a file: URL
# (a bundler that inlines import.meta.url bakes the build path in).
no_absolute_paths() {
  if grep -rlaE "$ROOT|file://" "$1"; then
    grep -raoE ".{0,40}($ROOT|file://).{0,40}" "$1" | head -5
    echo "absolute paths in $1"
    return 1
  fi
}

# The bundlers project (webpack, Rollup, esbuild, Parcel), installed once per tarball.
bundlers_project() {
  [ -f "$WORK/bundlers/.ready-$(stat -c%Y "$TARBALL")" ] && return 0
  fresh_project bundlers && touch "$WORK/bundlers/.ready-$(stat -c%Y "$TARBALL")"
}

# One built page of the bundlers project: no warnings in the tool's log
# (except the lines matching $2, if any), no absolute paths, the data files
# next to it, then headless Chromium (further arguments go to browser-check).
bundled_page() {
  local dir=$1 allowed=$2 warnings
  shift 2
  warnings=$(grep -aiE 'warn|\(!\)|⚠' "$dir.log" | grep -avE "${allowed:-^$}")
  if [ -n "$warnings" ]; then
    echo "$warnings"
    echo "warnings building $dir"
    return 1
  fi
  no_absolute_paths "$dir" || return 1
  cp examples/order.json examples/rules.json "$WORK/rules.olr" "$WORK/bundlers/favicon.svg" "$dir/"
  node "$SRC/browser-check.mjs" --root "$dir" --path / --expect "funds" "$@"
}

# Each tool builds the three pages of tests/consumers/bundlers/src with its
# defaults and whatever one line its README section names.
bundle_all() {
  local tool=$1 app dir status=0
  shift
  bundlers_project && compiled_rules || return 1
  for app in full runtime pure "$@"; do
    dir="$WORK/bundlers/dist/$tool-$app"
    rm -rf "$dir" && mkdir -p "$dir"
    echo "--- $tool: $app"
    if ! (cd "$WORK/bundlers" && "build_$tool" "$app" "$dir") >"$dir.log" 2>&1; then
      cat "$dir.log"
      status=1
      continue
    fi
    "page_$tool" "$app" "$dir" || status=1
  done
  return $status
}

build_webpack() {
  ./node_modules/.bin/webpack --mode production --entry "./src/$1.js" --output-path "$2" --output-filename app.js \
    && cp page.html "$2/index.html"
}
# webpack's size advice (any asset over 244 KiB) is expected for the full
# build's .wasm (300 KiB): that is what orderlens/runtime is for.
page_webpack() {
  local allowed=""
  if [ "$1" = full ]; then
    allowed="asset size limit|entrypoint size limit|performance recommendations|compiled with 2 warnings"
    grep -aE "^WARNING in" "$2.log" | grep -aE "$allowed" | sed 's/^/(expected) /'
  fi
  bundled_page "$2" "$allowed"
}
check_webpack() { bundle_all webpack; }

build_rollup() {
  ./node_modules/.bin/rollup -c rollup.config.mjs -i "src/$1.js" -d "$2" --entryFileNames app.js && cp page.html "$2/index.html"
}
page_rollup() { bundled_page "$2" ""; }
check_rollup() { bundle_all rollup; }

# esbuild leaves `new URL("./x.wasm", import.meta.url)` alone (and has no
# top-level await in its default iife format): --format=esm, and the .wasm
# copied to where that URL points from the bundle. pure-url: its own asset
# handling instead, the file loader and load({ wasm }).
build_esbuild() {
  ./node_modules/.bin/esbuild "src/$1.js" --bundle --format=esm --outfile="$2/app.js" --log-level=warning --loader:.wasm=file || return 1
  if [ "$1" = pure-url ]; then
    :
  elif [ "$1" = full ]; then
    mkdir -p "$2/web" && cp node_modules/orderlens/web/orderlens_bg.wasm "$2/web/"
  else
    cp node_modules/orderlens/runtime/orderlens_bg.wasm "$2/"
  fi
  cp page.html "$2/index.html"
}
page_esbuild() { bundled_page "$2" ""; }
check_esbuild() { bundle_all esbuild pure-url; }

# Parcel writes its own page, with an inline import map for asset URLs: that
# needs 'unsafe-inline' (or a hash) under a CSP, so its pages are checked
# without one.
build_parcel() {
  ./node_modules/.bin/parcel build "parcel/$1.html" --dist-dir "$2" --no-cache --public-url ./ --log-level warn \
    && mv "$2/$1.html" "$2/index.html"
}
page_parcel() {
  echo "(Parcel's inline import map needs 'unsafe-inline': checked without a CSP)"
  bundled_page "$2" "" --no-csp
}
check_parcel() { bundle_all parcel; }

# The servers project (Bun, Deno, workerd from npm), installed once per tarball.
servers_project() {
  [ -f "$WORK/servers/.ready-$(stat -c%Y "$TARBALL")" ] && return 0
  fresh_project servers && cp examples/order.json examples/rules.json "$WORK/servers/" \
    && touch "$WORK/servers/.ready-$(stat -c%Y "$TARBALL")"
}
# A tool from npm that cannot run on this machine skips the check (status 77).
runs_here() {
  if ! "$@" --version >/dev/null 2>&1; then
    echo "skipped: '$*' does not run on this machine ($(uname -sm))"
    return 77
  fi
}
check_bun() (
  servers_project || exit 1
  cd "$WORK/servers" || exit 1
  runs_here ./node_modules/.bin/bun || exit $?
  ./node_modules/.bin/bun --version && ./node_modules/.bin/bun server.mjs
)
check_deno() (
  servers_project || exit 1
  cd "$WORK/servers" || exit 1
  runs_here ./node_modules/.bin/deno || exit $?
  # No --allow-* flags: the package needs no permission. deno check: Deno's
  # type checker on the declarations of the deno condition.
  ./node_modules/.bin/deno --version | head -1 && NO_COLOR=1 ./node_modules/.bin/deno check deno-types.ts \
    && NO_COLOR=1 ./node_modules/.bin/deno run --no-prompt server.mjs
)
check_workerd() (
  servers_project || exit 1
  cd "$WORK/servers" || exit 1
  runs_here ./node_modules/.bin/workerd || exit $?
  status=0
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  rm -rf dist && node build-worker.mjs "$port" || exit 1
  no_absolute_paths dist || exit 1
  (cd dist && exec ../node_modules/.bin/workerd serve config.capnp) &
  pid=$!
  for _ in $(seq 50); do
    node -e 'require("net").connect(+process.argv[1],"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))' "$port" && break
    sleep 0.2
  done
  for route in full:funds runtime:余额不足 pure:недостаточно; do
    text=$(curl -s --max-time 10 "http://127.0.0.1:$port/${route%%:*}")
    echo "GET /${route%%:*}: $text"
    case "$text" in *"${route#*:}"*) ;; *) status=1 ;; esac
  done
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  exit $status
)

# The static-page project, installed once per tarball (web, runtime, csp-guard).
web_project() {
  [ -f "$WORK/web/.ready-$(stat -c%Y "$TARBALL")" ] && return 0
  fresh_project web . && touch "$WORK/web/.ready-$(stat -c%Y "$TARBALL")"
}
check_web() {
  web_project || return 1
  node "$SRC/browser-check.mjs" --root "$WORK/web" --path /index.html --expect "funds"
}

check_runtime() {
  # orderlens/runtime on a static page (strict CSP), with rules compiled by the CLI.
  web_project || return 1
  # A checkout page: the buyer's side only (README: compile --audience buyer).
  cargo run --quiet --locked --bin orderlens -- compile examples/rules.json --audience buyer --out "$WORK/web/rules.olr" || return 1
  node "$SRC/browser-check.mjs" --root "$WORK/web" --path /runtime.html --expect "funds"
}

check_importmap() {
  # orderlens/pure + orderlens/widget by bare specifier through an inline
  # import map (as from a CDN), allowed by its hash under the strict CSP.
  local map hash
  web_project || return 1
  map=$(sed -n 's#.*<script type="importmap">\(.*\)</script>.*#\1#p' "$WORK/web/importmap.html")
  hash=$(node -e 'process.stdout.write(require("crypto").createHash("sha256").update(process.argv[1]).digest("base64"))' "$map")
  node "$SRC/browser-check.mjs" --root "$WORK/web" --path /importmap.html --expect "funds" \
    --csp "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-$hash'"
}

check_csp_guard() {
  web_project || return 1
  if node "$SRC/browser-check.mjs" --root "$WORK/web" --path /index.html --expect "funds" \
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

check_render() {
  [ -f "$WORK/render/.ready-$(stat -c%Y "$TARBALL")" ] || { fresh_project render && touch "$WORK/render/.ready-$(stat -c%Y "$TARBALL")"; } || return 1
  cp "$SRC/render/check.mjs" "$SRC/render/page.js" "$WORK/render/"
  (cd "$WORK/render" && node check.mjs --repo "$ROOT" --pkg "$WORK/render/node_modules/orderlens")
}

check_parity() { node scripts/parity.mjs --pkg "$ROOT/pkg/node/orderlens.cjs" --runtime "$ROOT/pkg"; }

all=(size types attw publint node-require node-import node-pure node-cli node-bundler wasm-bindgen-test vite vite-runtime vite-dev vite-runtime-dev
  webpack rollup esbuild parcel bun deno workerd web runtime importmap csp-guard parity widget render demo)
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
  "$fn" >"$LOGS/$name.log" 2>&1
  rc=$?
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    printf 'PASS %-18s %3ss  %s\n' "$name" "$(($(date +%s) - t0))" "$(grep -av '^\s*$' "$LOGS/$name.log" | tail -1 | cut -c1-110)"
  elif [ "$rc" -eq 77 ]; then
    skipped=$((skipped + 1))
    printf 'SKIP %-18s %3ss  %s\n' "$name" "$(($(date +%s) - t0))" "$(grep -av '^\s*$' "$LOGS/$name.log" | tail -1 | cut -c1-110)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf 'FAIL %-18s %3ss  (log: %s)\n' "$name" "$(($(date +%s) - t0))" "${LOGS#"$ROOT"/}/$name.log"
    tail -n 25 "$LOGS/$name.log" | sed 's/^/     | /'
  fi
done

echo "consumer checks took $(($(date +%s) - t_start)) s${failures:+; failed: ${failures[*]}}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
