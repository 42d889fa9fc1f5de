#!/usr/bin/env bash
# `npx orderlens compile|check` from the installed package: the same bytes as
# the native CLI (its output is $1), exit codes 0 / 1 / 2, located problems.
set -euo pipefail
native_olr=$1
npx --no-install orderlens compile examples/rules.json --out rules.olr
cmp rules.olr "$native_olr"
npx --no-install orderlens compile examples/rules.json | cmp - "$native_olr"
npx --no-install orderlens check examples/rules.json | tail -1 | grep -q "ok (0 warnings)"
npx --no-install orderlens check rules.olr | tail -1 | grep -q "ok"
printf '%s' '{"rules": [{"id": "x", "when": "payment.stat == '"'failed'"'", "reason": "payment_declined"}]}' > bad.json
set +e
out=$(npx --no-install orderlens check bad.json); status=$?
npx --no-install orderlens compile bad.json --out never.olr 2>/dev/null; compile_status=$?
npx --no-install orderlens explain examples/order.json 2>/dev/null; usage_status=$?
set -e
[ "$status" = 1 ] || { echo "check of a bad document exited $status"; exit 1; }
grep -q "rule 'x' (rules\[0\].when) 1:1: unknown field 'payment.stat'; did you mean 'payment.state'?" <<<"$out" || { echo "unexpected: $out"; exit 1; }
[ "$compile_status" = 1 ] && [ ! -e never.olr ] || { echo "compile of a bad document exited $compile_status"; exit 1; }
[ "$usage_status" = 2 ] || { echo "unknown command exited $usage_status"; exit 1; }
# In Node, orderlens/runtime is the full build (it can compile too).
node --input-type=module -e '
  const rt = await import("orderlens/runtime");
  const { readFileSync } = await import("node:fs");
  const rules = rt.compileRules(readFileSync("rules.olr"));
  if (typeof rt.checkRules !== "function" || rules.locales.length !== 3) process.exit(1);'
echo "npx orderlens compile/check: same bytes as the native CLI, exit codes 0/1/2"
