//! The JavaScript front door (SPEC §4.1), in two builds:
//!
//! - with the `compiler` feature (default): the full API of "orderlens"
//!   (`api.rs`): compiling and checking rules documents, explaining,
//!   batches, `toBytes`;
//! - without it: the runtime of "orderlens/runtime" (`runtime.rs`), which
//!   loads compiled rules only and fits a checkout page's 64 KB budget;
//! - with `render` too: the Node build, which adds `renderHTML` and
//!   `renderEmail` (`render.rs`), kept out of every browser build.
//!
//! Both read orders with the same JSON reader as the native CLI, so every
//! build gives identical diagnoses. Nothing here panics; the panic hook
//! installed at start turns any remaining panic into a readable
//! `console.error` line before the module traps.

use wasm_bindgen::prelude::*;

#[cfg(feature = "compiler")]
mod api;
mod errors;
#[cfg(feature = "render")]
mod render;
#[cfg(not(feature = "compiler"))]
mod runtime;
#[cfg(all(test, feature = "compiler"))]
mod tests;

#[cfg(feature = "compiler")]
pub use api::*;
#[cfg(feature = "render")]
pub use render::{render_email, render_html};
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
    // Without the panic's text and location: formatting them costs a few
    // hundred bytes of every page, for a path clippy already denies.
    std::panic::set_hook(Box::new(|_| {
        console_error("orderlens: internal error (please report it)");
    }));
}

/// The package version (the crate's version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
