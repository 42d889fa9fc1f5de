#!/usr/bin/env bash
# Runs every test of orderlens. Sets up what it needs on a fresh machine
# (wasm target, wasm-bindgen CLI, Chromium + ChromeDriver, npm packages),
# skipping whatever is already there.
#
#   ./scripts/test.sh            everything
#   ./scripts/test.sh --native   only the Rust tests and lints (no wasm, no browser)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n=== %s\n' "$*"; }
native_only=0
[ "${1:-}" = "--native" ] && native_only=1

step "format and lints"
cargo fmt --all -- --check
cargo fmt --manifest-path examples/yew-status/Cargo.toml -- --check
cargo clippy --all-targets --locked -- -D warnings
# The layering: front doors imported by no one, host shims are leaves, the
# runtime uses no compiler module (ARCHITECTURE.md).
scripts/layers.sh

step "native tests (unit, fixtures, CLI, generated bad input)"
cargo test --locked --no-fail-fast

[ "$native_only" = 1 ] && exit 0

step "fuzzing: every target of fuzz/ for FUZZ_SECONDS (20) each, on nightly"
scripts/fuzz.sh

step "toolchain for wasm"
scripts/setup.sh

step "wasm build"
cargo build --locked --target wasm32-unknown-unknown --lib
cargo clippy --locked --target wasm32-unknown-unknown --lib -- -D warnings
# The runtime build (orderlens/runtime): the crate without its compiler.
cargo clippy --locked --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
# The Node build: the full build with the server-side renderers.
cargo clippy --locked --target wasm32-unknown-unknown --lib --features render -- -D warnings

step "wasm tests in Node and headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked --target wasm32-unknown-unknown --lib

step "wasm-pack test in Node and headless Chromium"
# What an integrator runs on a fresh clone; no downloads (--mode no-install
# takes wasm-bindgen from PATH, Debian's chromedriver drives Chromium).
# The browser run picks the test binaries configured for a browser
# (tests/integrator_browser.rs: the Rust API on every shared fixture).
wasm-pack test --node --mode no-install
wasm-pack test --headless --chrome --mode no-install
# Firefox where both it and geckodriver are there (Debian ships firefox-esr
# but no geckodriver package; `cargo install geckodriver` provides one).
if command -v geckodriver >/dev/null && { command -v firefox-esr || command -v firefox; } >/dev/null; then
  wasm-pack test --headless --firefox --mode no-install
else
  echo "wasm-pack test --headless --firefox: skipped (needs firefox or firefox-esr and geckodriver on PATH; Debian has no geckodriver package)"
fi

step "example Rust front-end: examples/yew-status in headless Chromium"
# Its own crate and lock file (Yew from the registry); about 75 s of CPU
# from nothing (a minute on two idle cores), seconds once built.
# Not --locked: its Cargo.lock also pins orderlens's own dependencies, which
# change with orderlens (wasm-bindgen stays on orderlens's exact pin).
(cd examples/yew-status && wasm-pack test --headless --chrome --mode no-install)

if [ -x scripts/test-consumers.sh ]; then
  step "npm package: build, size budget, consumer projects, parity with native"
  scripts/test-consumers.sh
fi

step "supply chain: cargo deny, npm audit of the packed package"
scripts/supply-chain.sh
