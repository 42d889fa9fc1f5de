//! orderlens as an integrator uses it: the Rust API (`orderlens::api`) and
//! nothing else, against the shared fixtures (`tests/fixtures/`, embedded),
//! comparing each diagnosis with the fixture's expected output.
//!
//! One set of tests (`tests/integrator/tests.rs`), three places:
//!
//! - natively: `cargo test --test integrator`;
//! - in Node: `wasm-pack test --node` (this file: wasm-bindgen-test runs a
//!   test binary without a `run_in_browser` configuration in Node);
//! - in headless browsers: `wasm-pack test --headless --chrome` runs
//!   `tests/integrator_browser.rs`, the same tests configured for the
//!   browser (wasm-bindgen-test picks Node or a browser per test binary,
//!   and wasm-pack's browser run skips the Node ones).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "integrator/fixtures.rs"]
mod fixtures;
#[path = "integrator/tests.rs"]
mod tests;

/// Every fixture file is in the embedded lists (which
/// `scripts/gen/integrator-fixtures.sh` writes).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn fixture_lists_are_complete() {
    for (dir, list) in [("cases", fixtures::CASES), ("errors", fixtures::ERRORS)] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(dir);
        let mut on_disk: Vec<String> = std::fs::read_dir(path)
            .unwrap()
            .filter_map(|e| e.unwrap().file_name().into_string().ok())
            .filter_map(|n| n.strip_suffix(".json").map(str::to_string))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = list.iter().map(|(n, _)| n.to_string()).collect();
        listed.sort();
        assert_eq!(
            listed, on_disk,
            "tests/fixtures/{dir}: run scripts/gen/integrator-fixtures.sh > tests/integrator/fixtures.rs"
        );
    }
}
