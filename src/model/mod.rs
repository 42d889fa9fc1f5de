//! What both layers share: the order, time, the rule set and the compiled
//! form of its conditions (the IR), settings, the limits every input is held
//! to, diagnostics, decline groups and the diagnosis. Nothing here depends on
//! the compiler (`crate::compiler`) or the runtime (`crate::runtime`).

pub mod decline;
pub mod diagnosis;
pub mod diagnostic;
pub mod ir;
pub mod limits;
pub mod located;
pub mod order;
// Native and the Node build; not in the browser builds, where one order is
// read at a time and every byte counts (+5 KB gzipped on the full build).
#[cfg(any(feature = "render", not(target_arch = "wasm32")))]
#[doc(hidden)]
pub mod order_fast;
pub mod rules;
pub mod schema;
pub mod settings;
pub mod time;
