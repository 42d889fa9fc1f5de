#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ (cargo-fuzz, libFuzzer) for FUZZ_SECONDS
# each (default 20), on nightly, with overflow checks and debug assertions
# on. Seeds come from tests/fixtures (scripts/fuzz-seeds.py). A crash fails
# the run and leaves its input in fuzz/artifacts/<target>/: keep it in
# fuzz/regressions/<target>/ once fixed (tests/regressions.rs replays them).
#
#   scripts/fuzz.sh                     every target
#   scripts/fuzz.sh order condition     some
#   FUZZ_SECONDS=600 scripts/fuzz.sh    longer
#
# Installs what it lacks: the nightly toolchain (rustup, minimal profile)
# and cargo-fuzz (cargo install --locked). When nightly cannot be installed
# it prints why and skips (exit 0): fuzzing needs nightly's sanitizer flags.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${FUZZ_SECONDS:-20}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rules_document condition order compiled_bytes support_code valid_until)
started=$SECONDS

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: no nightly toolchain; installing it (rustup, minimal profile)"
  if ! rustup toolchain install nightly --profile minimal; then
    echo "fuzz: SKIPPED: the nightly toolchain could not be installed (rustup's downloads unreachable?); cargo-fuzz needs nightly"
    exit 0
  fi
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  t=$SECONDS
  if ! cargo install cargo-fuzz --locked; then
    echo "fuzz: SKIPPED: cargo-fuzz could not be installed"
    exit 0
  fi
  echo "fuzz: cargo-fuzz installed in $((SECONDS - t)) s"
fi

# Seeds: made from the fixtures with the CLI (the debug build the native
# tests already made, else one now).
cli=target/debug/orderlens
[ -x "$cli" ] || cargo build --locked --bin orderlens
python3 scripts/fuzz-seeds.py "$cli" fuzz/corpus >/dev/null

flags=(-O --debug-assertions --sanitizer none)
t=$SECONDS
(cd fuzz && cargo +nightly fuzz build "${flags[@]}")
echo "fuzz: targets built in $((SECONDS - t)) s"

failed=()
for target in "${targets[@]}"; do
  log="fuzz/artifacts/$target.log"
  mkdir -p fuzz/artifacts
  # -timeout: an input that takes over 10 s is a hang; -rss_limit_mb: memory
  # bounded by the input, never gigabytes.
  if (cd fuzz && cargo +nightly fuzz run "${flags[@]}" "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1) >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed+=("$target")
  fi
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log")
  printf 'fuzz: %-15s %s  %s executions, %s/s in %s s\n' "$target" "$status" "${execs:-?}" "${rate:-?}" "$seconds"
  if [ "$status" = FAILED ]; then
    grep -E "panicked|ERROR|Test unit written|SUMMARY" "$log" | head -8 | sed 's/^/    /'
  fi
done
echo "fuzz: done in $((SECONDS - started)) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]} (inputs in fuzz/artifacts/; logs fuzz/artifacts/<target>.log)"
  exit 1
fi
