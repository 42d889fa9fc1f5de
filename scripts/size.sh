#!/usr/bin/env bash
# Prints the browser payload of the package — the optimized .wasm plus its JS
# glue (web build + the browser entry), each gzip -9 as a server sends them —
# and the largest contributors, against two figures:
#   BUDGET   the target, 64 KB = 65536 bytes (Shopify's cap for checkout
#            extensions); above it the script warns loudly.
#   CEILING  the hard limit CI enforces today (exit 1 above it), set just
#            above the current size so it can only go down; lowered with
#            every size win until it meets BUDGET.
#
#   scripts/size.sh [PKG_DIR]      (default: pkg/, as built by build-pkg.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PKG="${1:-$ROOT/pkg}"
BUDGET="${BUDGET:-65536}"
CEILING="${CEILING:-110000}"
NAMED="$ROOT/build/bindgen/web/orderlens_bg.wasm"   # before wasm-opt: has names

# Everything a page with <order-lens> downloads: engine, glue, element, styles.
files=("$PKG/web/orderlens_bg.wasm" "$PKG/web/orderlens.js" "$PKG/browser.js" "$PKG/widget.js" "$PKG/widget-css.js")
total=0
printf '%-28s %10s %10s\n' "browser payload" "bytes" "gzip -9"
for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "size.sh: missing $f (run scripts/build-pkg.sh)" >&2; exit 2; }
  raw=$(stat -c%s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '%-28s %10d %10d\n' "${f#"$PKG"/}" "$raw" "$gz"
done
printf '%-28s %10s %10d   (budget %d)\n' "total" "" "$total" "$BUDGET"

if [ -f "$NAMED" ] && [ "${SIZE_DETAILS:-1}" = 1 ]; then
  echo
  echo "top contributors (named wasm before wasm-opt; wasm-opt shrinks code ~10%):"
  python3 "$ROOT/scripts/wasm-sections.py" "$NAMED" 15 | sed -n '/^  code by module/,$p'
  # twiggy (optional: `cargo install twiggy --root build/tools/cargo`).
  twiggy=$(command -v twiggy || echo "$ROOT/build/tools/cargo/bin/twiggy")
  if [ -x "$twiggy" ]; then
    echo
    echo "twiggy top (same file):"
    "$twiggy" top -n 12 "$NAMED" | cut -c1-140
  fi
fi

if [ "$total" -gt "$CEILING" ]; then
  echo "size.sh: FAIL: browser payload $total bytes gzip -9 > ceiling $CEILING" >&2
  exit 1
fi
if [ "$total" -gt "$BUDGET" ]; then
  echo "size.sh: WARNING: browser payload $total bytes gzip -9 is over the $BUDGET-byte target by $((total - BUDGET)) bytes (ceiling $CEILING)" >&2
else
  echo "size.sh: ok: $total <= $BUDGET bytes"
fi
