//! tests/integrator.rs in headless browsers: the same tests, configured
//! for the browser, so that `wasm-pack test --headless --chrome` (or
//! `--firefox`) runs them there. Native builds and Node skip this file.

#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "integrator/fixtures.rs"]
mod fixtures;
#[path = "integrator/tests.rs"]
mod tests;
