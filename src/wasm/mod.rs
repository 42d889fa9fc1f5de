//! The JavaScript front door (SPEC §4.1): `compileRules`, `checkRules`,
//! `CompiledRules.explain` / `explainMany` / `sweep`, `explain`, `version`.
//!
//! Documents cross the boundary as JSON text: a JS object is turned into
//! text with `JSON.stringify` and read by [`crate::json`], the same reader
//! the native CLI uses, so native and wasm see identical bytes and give
//! identical diagnoses. A string argument is taken as JSON text directly.
//! Results go back the same way: our compact JSON, then `JSON.parse`, so the
//! caller gets plain objects and arrays.
//!
//! Errors are `Error` instances with a `name` of `RulesError`, `OrderError`
//! or `TypeError` / `RangeError` (bad options), and for the first two a
//! structured array (`diagnostics` / `errors`). Nothing here panics; the
//! panic hook installed at start turns any remaining panic into a readable
//! `console.error` line before the module traps.

use wasm_bindgen::prelude::*;

#[cfg(feature = "compiler")]
mod api;
mod errors;
pub mod float;
pub(crate) mod js;
#[cfg(not(feature = "compiler"))]
mod runtime;
#[cfg(test)]
mod tests;

#[cfg(feature = "compiler")]
pub use api::*;
#[cfg(not(feature = "compiler"))]
pub use runtime::*;

/// A small free-list allocator (sorted by address, neighbours merged on
/// free) instead of std's dlmalloc: about 3 KB less gzipped. explain runs as
/// fast; compiling rules (many small strings growing) takes ~20% longer.
/// wasm has one thread, so the lock is never contended.
#[global_allocator]
static ALLOC: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// How many diagnostics or field errors an error's `message` shows; the
/// structured array always holds all of them.
const MESSAGE_ITEMS: usize = 3;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(s: &str);
}

/// Installs the panic hook. Runs once when the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error(&format!(
            "orderlens: internal error (please report it): {info}"
        ));
    }));
}

/// The package version (the crate's version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
