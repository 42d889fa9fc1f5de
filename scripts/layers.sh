#!/usr/bin/env bash
# The layering of the crate (ARCHITECTURE.md), checked from its `use crate::`
# and `super::` paths. Fails, naming the file and line, when
#
#   1. anything outside a front door (src/wasm/, src/cli/, src/bin/) reaches
#      into a front door: the core never depends on how it is called;
#   2. src/host/ (the platform shims) depends on the rest of the crate;
#   3. src/runtime/ — what orderlens/runtime runs — or what it runs on
#      (src/model/, src/messages/, src/calendar/, json.rs) uses the compiler
#      (src/compiler/, the importers, the renderers, the Rust API);
#   4. src/model/ uses the runtime: the model is shared by both layers and
#      depends on neither.
#
# Code paths only: comments and doc comments may name anything. The
# re-exports of earlier paths (`crate::rules::…`, in lib.rs) are for crate
# users; inside the core they would hide a layer, so they are refused too.
#
#   scripts/layers.sh        (run by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
report() { echo "layers: $1: $2" >&2; fail=1; }

# Lines of code (not comments) of file $1 matching $2, as "LINE: text".
code() { grep -nE "$2" "$1" | grep -vE '^[0-9]+:\s*//' || true; }

check() { # files… -- pattern message
  local pat=$1 msg=$2; shift 2
  for f in "$@"; do
    hits=$(code "$f" "$pat")
    [ -z "$hits" ] || report "$f" "$msg: $hits"
  done
}

all=$(find src -name '*.rs' | sort)
doors='^src/(wasm|cli|bin)/|^src/lib\.rs$'

# 1. Front doors are imported by nobody but themselves.
check 'crate::(wasm|cli)\b|orderlens::(wasm|cli)\b' "reaches into a front door" \
  $(echo "$all" | grep -vE "$doors")

# 2. The host shims are leaves.
for f in src/host/*.rs; do
  hits=$(code "$f" 'crate::[a-z_]+' | grep -v 'crate::host::' || true)
  [ -z "$hits" ] || report "$f" "the host shims depend on the crate: $hits"
done

# 3. The runtime, and what it stands on, never use the compiler.
RUNTIME=$(echo "$all" | grep -E '^src/(runtime|model|messages|calendar)/|^src/(json|util)\.rs$')
check 'crate::(compiler|import|render|api|rules)\b|orderlens::compiler\b' \
  "the runtime uses the compiler" $RUNTIME

# 4. The model depends on neither layer.
check 'crate::(runtime|explain|refund)\b' "the model uses the runtime" \
  $(echo "$all" | grep -E '^src/model/')

[ "$fail" = 0 ] && echo "layers: ok (front doors imported by no one; host shims are leaves; runtime/ and model/ use no compiler module; model/ uses no runtime module)"
exit "$fail"
