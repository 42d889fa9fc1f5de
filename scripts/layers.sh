#!/usr/bin/env bash
# The layering of the crate (ARCHITECTURE.md), checked from its `use crate::`
# and `super::` paths. Fails, naming the file and line, when
#
#   1. anything outside a front door (src/wasm/, src/cli/, src/bin/) reaches
#      into a front door: the core never depends on how it is called;
#   2. src/host/ (the platform shims) depends on the rest of the crate;
#   3. the runtime — what orderlens/runtime runs: reading compiled rules,
#      evaluating, explaining, formatting messages, the calendar — uses the
#      compiler (lexer, parser, checker, importers, renderers, the Rust API).
#
#   scripts/layers.sh        (run by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
report() { echo "layers: $1: $2" >&2; fail=1; }

# Code lines only: comments and doc comments may name anything.
code() { grep -nE "$2" "$1" | grep -vE '^[0-9]+:\s*//' || true; }

# 1. Front doors are imported by nobody but themselves.
while IFS= read -r f; do
  case "$f" in src/wasm/*|src/cli/*|src/bin/*|src/lib.rs) continue ;; esac
  code "$f" 'crate::(wasm|cli)\b|orderlens::(wasm|cli)\b' | while IFS= read -r l; do
    echo "$f:$l"
  done
done < <(find src -name '*.rs' | sort) | while IFS= read -r hit; do
  report "${hit%%:*}" "reaches into a front door: ${hit#*:}"
done 2>&1 | { grep . && exit 1 || true; } >&2 || fail=1

# 2. The host shims are leaves.
for f in src/host/*.rs; do
  hits=$(code "$f" 'crate::[a-z_]+' | grep -v 'crate::host::' || true)
  [ -z "$hits" ] || report "$f" "the host shims depend on the crate: $hits"
done

# 3. The runtime does not use the compiler.
RUNTIME="src/explain.rs src/diagnosis.rs src/decline.rs src/order.rs src/refund.rs src/time.rs src/json.rs
  src/rules/eval.rs src/rules/compiled.rs src/rules/limits.rs src/rules/settings.rs
  $(ls src/calendar/*.rs | grep -v tests.rs) $(ls src/messages/*.rs)"
COMPILER='(super|rules)::(lexer|parser|check|document)\b|crate::(import|render|api)\b'
for f in $RUNTIME; do
  hits=$(code "$f" "$COMPILER")
  [ -z "$hits" ] || report "$f" "the runtime uses the compiler: $hits"
done

[ "$fail" = 0 ] && echo "layers: ok (front doors imported by no one; host shims are leaves; the runtime uses no compiler module)"
exit "$fail"
