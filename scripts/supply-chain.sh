#!/usr/bin/env bash
# Supply chain: `cargo deny check` (licenses, bans of duplicate versions,
# sources; advisories when a RustSec database is on the machine) and
# `npm audit --omit=dev` on the packed npm package.
#
#   scripts/supply-chain.sh                 both
#   TARBALL=build/orderlens-0.1.0.tgz scripts/supply-chain.sh
#
# cargo-deny: taken from PATH; else installed with `cargo install --locked`
# when SUPPLY_CHAIN_INSTALL=1 (several minutes of compiling: too slow for
# every CI run; no prebuilt binary is reachable from registries), else the
# check is skipped with a printed reason. Advisories: the RustSec database
# comes from GitHub, which these machines cannot reach; point
# CARGO_DENY_ADVISORY_DB at a local copy (else ~/.cargo/advisory-dbs is used
# when present), or the advisories check is skipped with a printed reason.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
started=$SECONDS
status=0

echo "=== cargo deny"
if ! command -v cargo-deny >/dev/null 2>&1 && [ "${SUPPLY_CHAIN_INSTALL:-0}" = 1 ]; then
  t=$SECONDS
  cargo install cargo-deny --locked
  echo "supply-chain: cargo-deny installed in $((SECONDS - t)) s"
fi
if command -v cargo-deny >/dev/null 2>&1; then
  if cargo deny check licenses bans sources; then
    echo "supply-chain: cargo deny: licenses, bans, sources ok"
  else
    status=1
  fi
  db="${CARGO_DENY_ADVISORY_DB:-$HOME/.cargo/advisory-dbs}"
  if [ -d "$db" ] && [ -n "$(ls -A "$db" 2>/dev/null)" ]; then
    # The local copy as it is (--offline: no fetch).
    config=$(mktemp)
    { cat deny.toml; printf 'db-path = "%s"\n' "$db"; } >"$config"
    if cargo deny --offline --config "$config" check advisories; then
      echo "supply-chain: cargo deny: advisories ok (database $db)"
    else
      status=1
    fi
    rm -f "$config"
  else
    echo "supply-chain: advisories SKIPPED: no RustSec database in $db (cargo deny fetches it from github.com, which is unreachable here; set CARGO_DENY_ADVISORY_DB to a copy)"
  fi
else
  echo "supply-chain: cargo deny SKIPPED: cargo-deny is not installed (SUPPLY_CHAIN_INSTALL=1 installs it: cargo install cargo-deny --locked)"
fi

echo "=== npm audit --omit=dev (the packed package)"
tarball="${TARBALL:-}"
if [ -z "$tarball" ]; then
  tarball=$(ls build/orderlens-*.tgz 2>/dev/null | head -1 || true)
fi
if [ -z "$tarball" ]; then
  scripts/build-pkg.sh
  tarball=$(ls build/orderlens-*.tgz | head -1)
fi
tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# A consumer project that depends on the package, as a shop would: the
# audit covers what `npm install orderlens` brings in.
(
  cd "$dir"
  printf '{"name": "audit-orderlens", "version": "0.0.0", "private": true}\n' >package.json
  npm install --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
  deps=$(npm ls --omit=dev --all --parseable 2>/dev/null | grep -c node_modules || true)
  echo "supply-chain: the package brings $deps package(s) into a shop's node_modules (itself included)"
  if npm audit --omit=dev >audit.log 2>&1; then
    cat audit.log
  elif grep -q "audit endpoint returned an error" audit.log; then
    # The registry serves packages here but refuses the audit request.
    echo "supply-chain: npm audit SKIPPED: the registry's audit endpoint refused the request ($(grep -o '[0-9][0-9][0-9] [A-Za-z ]*- POST' audit.log | head -1 | sed 's/ - POST//'))"
  else
    cat audit.log
    exit 1
  fi
) || status=1
echo "supply-chain: done in $((SECONDS - started)) s"
exit $status
