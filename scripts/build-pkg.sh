#!/usr/bin/env bash
# Builds the npm package `orderlens` into pkg/ and packs it into
# build/orderlens-VERSION.tgz. Reproducible on a fresh machine and idempotent:
# every tool is installed only when missing (or at the wrong version), and
# only under build/ (never globally).
#
#   scripts/build-pkg.sh              build, check the size budget, pack
#   SKIP_SIZE_CHECK=1 scripts/build-pkg.sh   pack even above the budget
#
# Steps: wasm32 target -> wasm-bindgen-cli at Cargo.lock's version -> npm tools
# (binaryen's wasm-opt, typescript, playwright-core) from scripts/tools ->
# cargo build (profile wasm-release: opt-level z, LTO, 1 codegen unit,
# panic=abort, for the browsers' full build and the runtime; profile
# wasm-node, opt-level 3, for Node's build with the renderers) ->
# wasm-bindgen for bundler, web, nodejs -> wasm-opt -Oz (browsers), -O3
# (Node) -> pkg/ from
# pkg-template/ -> size budget (scripts/size.sh) -> npm pack.
#
# Never uses a wasm-opt from PATH: Debian's binaryen produces wasm that fails
# in browsers (see TOOLCHAIN.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

BUILD="$ROOT/build"
TOOLS="$BUILD/tools"
BG="$BUILD/bindgen"
PKG="$ROOT/pkg"
WASM="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/wasm-release/orderlens.wasm"

log() { printf '[build-pkg] %s\n' "$*" >&2; }
t0=$(date +%s)

# --- toolchain -------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

WB_VER=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3}' Cargo.lock)
[ -n "$WB_VER" ] || { log "no wasm-bindgen in Cargo.lock"; exit 1; }
wb_version() { "$1" --version 2>/dev/null | awk '{print $2}'; }
WASM_BINDGEN=""
for cand in "$(command -v wasm-bindgen || true)" "$TOOLS/cargo/bin/wasm-bindgen"; do
  if [ -n "$cand" ] && [ -x "$cand" ] && [ "$(wb_version "$cand")" = "$WB_VER" ]; then
    WASM_BINDGEN="$cand"
    break
  fi
done
if [ -z "$WASM_BINDGEN" ]; then
  log "installing wasm-bindgen-cli $WB_VER into build/tools/cargo (a few minutes, once)"
  # Not --locked: the registry lacks one of its locked dependency versions.
  cargo install wasm-bindgen-cli --version "$WB_VER" --root "$TOOLS/cargo"
  WASM_BINDGEN="$TOOLS/cargo/bin/wasm-bindgen"
fi

# npm tools, pinned by scripts/tools/package-lock.json; reinstalled only
# when the lock file changes.
mkdir -p "$TOOLS"
if ! cmp -s scripts/tools/package-lock.json "$TOOLS/package-lock.json" || [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ] || [ ! -x "$TOOLS/node_modules/.bin/esbuild" ]; then
  log "installing npm tools (binaryen, esbuild, typescript, playwright-core, axe-core) into build/tools"
  cp scripts/tools/package.json scripts/tools/package-lock.json "$TOOLS/"
  (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error)
fi
WASM_OPT="$TOOLS/node_modules/.bin/wasm-opt"

# --- compile ---------------------------------------------------------------
log "cargo build --profile wasm-release --target wasm32-unknown-unknown --lib --features compiler"
# Not the default `api` and `serde` features: they are for Rust hosts
# (orderlens::api); the JS front doors call the engine directly, and with
# them compiled in the wasm is inlined differently (about 300 B more gzipped).
cargo build --profile wasm-release --locked --target wasm32-unknown-unknown --lib \
  --no-default-features --features compiler
# The runtime (`orderlens/runtime`): without the rules compiler. Its own
# target directory, so that the two feature sets do not rebuild each other.
RT_TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/runtime"
RT_WASM="$RT_TARGET/wasm32-unknown-unknown/wasm-release/orderlens.wasm"
log "cargo build --no-default-features (the runtime) --target-dir ${RT_TARGET#"$ROOT"/}"
cargo build --profile wasm-release --locked --target wasm32-unknown-unknown --lib \
  --no-default-features --target-dir "$RT_TARGET"

# Node: the full build plus the server-side renderers (`renderHTML`,
# `renderEmail`: the `render` feature), which no browser loads. Its own
# target directory too. Built for speed, not size: servers explain, evaluate
# and sweep many orders, and no checkout budget applies. Measured on the
# peers' orders in one run: opt-level 3 and wasm-opt -O3 take evaluate from
# 12.5 to 8.0 µs per order and explain from 32.2 to 16.9 µs; the .wasm grows
# from 456 to 843 KB (171 to 265 KB gzipped) and the first explain in a fresh
# process from 56 to 81 ms. ("s" gives 9.2 / 20.6 µs at 549 KB.)
NODE_TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/node"
NODE_WASM="$NODE_TARGET/wasm32-unknown-unknown/wasm-node/orderlens.wasm"
log "cargo build --profile wasm-node --features render (the Node build) --target-dir ${NODE_TARGET#"$ROOT"/}"
cargo build --profile wasm-node --locked --target wasm32-unknown-unknown --lib \
  --no-default-features --features render --target-dir "$NODE_TARGET"

rm -rf "$BG"
for target in bundler web; do
  "$WASM_BINDGEN" --target "$target" --no-typescript --out-name orderlens --out-dir "$BG/$target" "$WASM"
done
"$WASM_BINDGEN" --target nodejs --no-typescript --out-name orderlens --out-dir "$BG/nodejs" "$NODE_WASM"
# The browser targets get byte-identical .wasm files; optimize once.
# Measured on the gzipped .wasm: plain -Oz 103142 bytes; merging similar
# functions first and a flatten/rereloop round between two -Oz runs 101946.
# Later, on the runtime / full build: a second flatten/rereloop round and
# --converge 61237 -> 61177 / 146236 -> 145712; --low-memory-unused (the
# optimizer may fold constant offsets into loads and stores because the
# first KiB of memory is never used: rustc puts the 1 MiB stack first,
# growing down towards 0, and data and heap above it) -> 60975 / 145569.
WASM_OPT_SIZE="--low-memory-unused --merge-similar-functions -Oz --flatten --rereloop -Oz --flatten --rereloop -Oz -Oz --converge"
log "wasm-opt -Oz with merge-similar-functions, flatten/rereloop ($("$WASM_OPT" --version))"
# shellcheck disable=SC2086 # the flags are words
"$WASM_OPT" $WASM_OPT_SIZE \
  --strip-debug --strip-producers "$BG/web/orderlens_bg.wasm" -o "$BG/orderlens_bg.opt.wasm"
"$WASM_OPT" -O3 --strip-debug --strip-producers "$BG/nodejs/orderlens_bg.wasm" -o "$BG/node.opt.wasm"
"$WASM_BINDGEN" --target web --no-typescript --out-name orderlens --out-dir "$BG/runtime" "$RT_WASM"
# shellcheck disable=SC2086
"$WASM_OPT" $WASM_OPT_SIZE \
  --strip-debug --strip-producers "$BG/runtime/orderlens_bg.wasm" -o "$BG/runtime.opt.wasm"

# --- assemble pkg/ -----------------------------------------------------------
VERSION=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
rm -rf "$PKG"
mkdir -p "$PKG/web" "$PKG/node" "$PKG/bundler" "$PKG/runtime" "$PKG/deno" "$PKG/workerd"
cp pkg-template/README.md pkg-template/LICENSE-MIT pkg-template/LICENSE-APACHE "$PKG/"
cp pkg-template/jsx.d.ts pkg-template/react.d.ts pkg-template/custom-elements.json "$PKG/"
sed "s/@VERSION@/$VERSION/" pkg-template/package.json > "$PKG/package.json"
# The widget (mount, <order-lens>), minified (it counts towards the browser
# budget); its stylesheet as a file (<link> fallback) and as a module
# (constructable stylesheet).
"$TOOLS/node_modules/.bin/esbuild" pkg-template/widget.js --minify --format=esm --target=es2022 \
  --legal-comments=none --log-level=warning --outfile="$PKG/widget.js"
cp pkg-template/widget.css "$PKG/"
node scripts/widget-css.mjs pkg-template/widget.css "$PKG/widget-css.js"

# The web glue counts towards the browser payload: minified (4.7 -> 3.1 KB
# gzipped). ES2020 for import.meta, but no ?? or ?. introduced (the glue
# itself has none; browsers before them still load it).
"$TOOLS/node_modules/.bin/esbuild" "$BG/web/orderlens.js" --minify --format=esm --target=es2020 \
  --supported:nullish-coalescing=false --supported:optional-chain=false \
  --legal-comments=none --log-level=warning --outfile="$PKG/web/orderlens.js"
cp "$BG/orderlens_bg.opt.wasm" "$PKG/web/orderlens_bg.wasm"
# The entries over it, minified (they count towards the full build's payload):
# browser.js ("orderlens": loads at import, registers <order-lens>) and
# pure.js ("orderlens/pure": load() / initSync(), no side effects).
for f in browser.js pure.js; do
  "$TOOLS/node_modules/.bin/esbuild" "pkg-template/$f" --minify --format=esm --target=es2022 \
    --legal-comments=none --log-level=warning --outfile="$PKG/$f"
done

# The runtime (`orderlens/runtime`, the size-budget build): its glue and
# its entry modules, minified, all counted by scripts/size.sh.
"$TOOLS/node_modules/.bin/esbuild" "$BG/runtime/orderlens.js" --minify --format=esm --target=es2020 \
  --supported:nullish-coalescing=false --supported:optional-chain=false \
  --legal-comments=none --log-level=warning --outfile="$PKG/runtime/orderlens.js"
cp "$BG/runtime.opt.wasm" "$PKG/runtime/orderlens_bg.wasm"
# runtime/pure.js (`orderlens/runtime/pure`: load() / initSync()) is one
# module: its source (runtime-pure.js), runtime-api.js and the glue bundled
# (the widget stays a separate import). runtime.js (`orderlens/runtime`) loads
# through it at import. runtime-api.js and the glue also ship on their own
# for Node tests and manual instantiation (initSync + runtime-api.js).
"$TOOLS/node_modules/.bin/esbuild" pkg-template/runtime-api.js --minify --format=esm --target=es2022 \
  --legal-comments=none --log-level=warning --outfile="$PKG/runtime-api.js"
rm -rf "$BG/stage" && mkdir -p "$BG/stage/runtime"
cp pkg-template/runtime-api.js "$BG/stage/"
cp pkg-template/runtime-pure.js "$BG/stage/runtime/pure.js"
# Without the glue's own fallback `new URL('orderlens_bg.wasm', import.meta.url)`
# (load() always passes the URL, and bundlers would resolve the fallback too),
# and without its warnings about the old positional arguments (load() and
# initSync() always pass `{ module_or_path }` / `{ module }`).
perl -0pe 's/\n\s*if \(module_or_path === undefined\) \{\s*module_or_path = new URL\(\x27orderlens_bg\.wasm\x27, import\.meta\.url\);\s*\}//;
  s/if \(Object\.getPrototypeOf\((\w+)\) === Object\.prototype\) \{\s*(\(\{\w+\} = \w+\))\s*\} else \{\s*console\.warn\(\x27using deprecated parameters[^\n]*\)\s*\}/$2;/g' \
  "$BG/runtime/orderlens.js" > "$BG/stage/runtime/orderlens.js"
grep -q 'deprecated parameters' "$BG/stage/runtime/orderlens.js" && log "note: the runtime glue's argument warnings are still in (wasm-bindgen changed its output?)"
if grep -q 'import\.meta' "$BG/stage/runtime/orderlens.js"; then
  log "the runtime glue still refers to import.meta (wasm-bindgen changed its output?)"
  exit 1
fi
"$TOOLS/node_modules/.bin/esbuild" "$BG/stage/runtime/pure.js" --bundle --external:../widget.js \
  --minify --format=esm --target=es2022 --legal-comments=none --log-level=warning --outfile="$PKG/runtime/pure.js"
"$TOOLS/node_modules/.bin/esbuild" pkg-template/runtime.js --minify --format=esm --target=es2022 \
  --legal-comments=none --log-level=warning --outfile="$PKG/runtime.js"
# `npx orderlens compile|check` (the rules commands, on the Node build).
mkdir -p "$PKG/bin"
cp pkg-template/bin/orderlens.mjs "$PKG/bin/"

# Node: wasm-bindgen's CommonJS output, as .cjs because the package is
# "type": "module", plus the widget's stubs (`mount` throws: no DOM);
# node.mjs gives `import` the same bindings.
cat "$BG/nodejs/orderlens.js" pkg-template/node-widget.cjs > "$PKG/node/orderlens.cjs"
cp "$BG/node.opt.wasm" "$PKG/node/orderlens_bg.wasm"
cp pkg-template/node.mjs "$PKG/node/orderlens.mjs"
# `orderlens/pure` in Node: loads the CommonJS build on the first call.
cp pkg-template/node-pure.cjs "$PKG/node/pure.cjs"
cp pkg-template/node-pure.mjs "$PKG/node/pure.mjs"

# Deno (the `deno` condition): the ESM-integration build below, whose .wasm
# Deno imports as a module (no --allow-read). Cloudflare Workers (`workerd`):
# the web glue, instantiated with initSync from the .wasm imported as a
# WebAssembly.Module. Both with the Node build's widget stubs.
cp pkg-template/server-widget.js "$PKG/"
cp pkg-template/deno.js "$PKG/deno/orderlens.js"
cp pkg-template/deno-pure.js "$PKG/deno/pure.js"
cp pkg-template/workerd.js "$PKG/workerd/orderlens.js"
cp pkg-template/workerd-pure.js "$PKG/workerd/pure.js"

# Bundlers with WebAssembly ESM integration (webpack asyncWebAssembly,
# vite-plugin-wasm): `orderlens/bundler`.
cp "$BG/bundler/orderlens.js" "$BG/bundler/orderlens_bg.js" "$PKG/bundler/"
cp "$BG/orderlens_bg.opt.wasm" "$PKG/bundler/orderlens_bg.wasm"

# The built-in rules with every shipped locale, compiled, for
# `orderlens/runtime`'s loadRules(): the runtime itself embeds the built-in
# rules with their English messages only (a page loads the messages of the
# locales it serves, and no others).
# Two files: the buyer's side (what a widget in another language fetches)
# and both views (a back office, audience="merchant"), so that shoppers'
# pages never load the seller's texts.
node --input-type=module -e '
  import { compileRules } from "'"$PKG"'/node/orderlens.mjs";
  import { writeFileSync } from "node:fs";
  const rules = compileRules();
  writeFileSync(process.argv[1], rules.toBytes({ audience: "buyer" }));
  writeFileSync(process.argv[2], rules.toBytes());
' "$PKG/runtime/rules.olr" "$PKG/runtime/rules-merchant.olr"

# --- declarations ---------------------------------------------------------------
# orderlens.d.ts and runtime.d.ts are the browser entries'. Above their
# `@dom-only` line is what needs no DOM: the engine alone for
# `orderlens/bundler` and `orderlens/web` (web.d.ts adds init), and with the
# widget's server stubs (node-widget.d.ts) for the server entries (Node
# `import` and `require`, Deno, Workers) of ".", "./runtime" and the pure
# entries. Node projects get no DOM types from the package.
for f in orderlens.d.ts runtime.d.ts; do
  grep -q '^// @dom-only' "pkg-template/$f" || { log "pkg-template/$f has no '// @dom-only' line"; exit 1; }
done
above_dom() { sed '/^\/\/ @dom-only/,$d' "pkg-template/$1"; }
cp pkg-template/orderlens.d.ts pkg-template/runtime.d.ts pkg-template/pure.d.ts pkg-template/widget.d.ts "$PKG/"
cp pkg-template/runtime-pure.d.ts "$PKG/runtime/pure.d.ts"
above_dom orderlens.d.ts > "$PKG/bundler/orderlens.d.ts"
cp pkg-template/web.d.ts "$PKG/web/orderlens.d.ts"
{ above_dom orderlens.d.ts; cat pkg-template/node-widget.d.ts; cat pkg-template/node-render.d.ts; } > "$PKG/node/orderlens.d.ts"
# Deno and Workers run the browser builds' .wasm: the Node declarations
# without the renderers.
{ above_dom orderlens.d.ts; cat pkg-template/node-widget.d.ts; } > "$PKG/deno/orderlens.d.ts"
cp pkg-template/node-pure.d.ts "$PKG/deno/pure.d.ts"
{ above_dom runtime.d.ts; cat pkg-template/runtime-node-widget.d.ts; } > "$PKG/node/runtime.d.ts"
cp pkg-template/node-pure.d.ts "$PKG/node/pure.d.ts"
cp pkg-template/node-runtime-pure.d.ts "$PKG/node/runtime-pure.d.ts"
# The CommonJS views (`require`): the same, importing each other as .cjs.
for f in orderlens runtime pure runtime-pure; do
  sed -E 's#(from "\./[a-z-]+)\.js"#\1.cjs"#' "$PKG/node/$f.d.ts" > "$PKG/node/$f.d.cts"
done

# Generated JS points at declarations we do not ship under that name.
for f in "$PKG/web/orderlens.js" "$PKG/node/orderlens.cjs" "$PKG/bundler/orderlens.js" "$PKG/runtime/orderlens.js"; do
  sed -i '/^\/\* @ts-self-types=/d' "$f"
done

# --- budget and pack -----------------------------------------------------------
if [ "${SKIP_SIZE_CHECK:-0}" = 1 ]; then
  scripts/size.sh "$PKG" || log "size budget exceeded (ignored: SKIP_SIZE_CHECK=1)"
else
  scripts/size.sh "$PKG"
fi

rm -f "$BUILD"/orderlens-*.tgz
(cd "$PKG" && npm pack --pack-destination "$BUILD" --loglevel=error >/dev/null)
TARBALL="$BUILD/orderlens-$VERSION.tgz"
[ -f "$TARBALL" ] || { log "npm pack did not produce $TARBALL"; exit 1; }
log "packed $TARBALL ($(stat -c%s "$TARBALL") bytes) in $(( $(date +%s) - t0 )) s"
echo "$TARBALL"
