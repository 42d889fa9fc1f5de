#!/usr/bin/env bash
# Installs what the wasm build and the browser tests need, skipping what is
# already there: the wasm32 target, the wasm-bindgen CLI at the version
# Cargo.lock pins, Chromium and ChromeDriver, and a Chinese font for the
# browser tests' line breaking and screenshots (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

wb_ver=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_ver" ]; then
  echo "installing wasm-bindgen-cli $wb_ver (takes a few minutes once)"
  cargo install wasm-bindgen-cli --version "$wb_ver"
fi

# wasm-pack, for `wasm-pack test` (the tests an integrator runs); it uses
# the wasm-bindgen CLI above (--mode no-install) and never downloads.
WASM_PACK_VER=0.15.1
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VER" ]; then
  echo "installing wasm-pack $WASM_PACK_VER (takes a few minutes once)"
  cargo install wasm-pack --version "$WASM_PACK_VER" --locked
fi
# Its update check asks crates.io's API, which these machines cannot reach,
# and prints a warning: a fresh stamp file (what it writes after a check)
# tells it the installed version is the latest.
stamp="$(dirname "$(command -v wasm-pack)")/wasm-pack.stamp"
printf 'created %s\nversion %s' "$(date +%Y-%m-%dT%H:%M:%S.%N%:z)" "$WASM_PACK_VER" > "$stamp"

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "installing chromium and chromium-driver"
  sudo_cmd=""
  [ "$(id -u)" != 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi

if ! fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk"; then
  echo "installing a Chinese font (fonts-wqy-microhei)"
  sudo_cmd=""
  [ "$(id -u)" != 0 ] && sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null \
    || { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null; }
fi
