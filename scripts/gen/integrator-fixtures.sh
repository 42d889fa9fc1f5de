#!/usr/bin/env bash
# Prints tests/integrator/fixtures.rs: every shared fixture, embedded with
# include_str! so that tests/integrator.rs runs without a file system (in
# Node and in browsers too).
set -euo pipefail
cd "$(dirname "$0")/../.."
list() {
  local dir=$1 f
  for f in tests/fixtures/"$dir"/*.json; do
    f=${f##*/}
    printf '    ("%s", include_str!("../fixtures/%s/%s")),\n' "${f%.json}" "$dir" "$f"
  done
}
{
cat <<'HEAD'
// The shared fixtures, embedded so that the same test runs natively, in
// Node and in a browser (no file system there). Generated from the
// directories; `fixture_lists_are_complete` (native) fails when a fixture is
// added without a line here. Regenerate with:
//
//   scripts/gen/integrator-fixtures.sh > tests/integrator/fixtures.rs

/// `tests/fixtures/cases/*.json`: (name, text).
pub static CASES: &[(&str, &str)] = &[
HEAD
LC_ALL=C list cases
printf '];\n\n/// `tests/fixtures/errors/*.json`: (name, text).\npub static ERRORS: &[(&str, &str)] = &[\n'
LC_ALL=C list errors
printf '];\n'
} | rustfmt --edition 2021
