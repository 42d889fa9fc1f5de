#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

#[macro_use]
mod macros;

#[cfg(feature = "api")]
pub mod api;
pub mod calendar;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod decline;
pub mod diagnosis;
pub mod explain;
#[cfg(target_arch = "wasm32")]
pub mod host;
#[cfg(any(feature = "compiler", not(target_arch = "wasm32")))]
pub mod import;
pub mod json;
pub mod messages;
pub mod order;
pub mod refund;
#[cfg(any(feature = "render", not(target_arch = "wasm32")))]
pub mod render;
pub mod rules;
pub mod suggest;
pub mod time;
mod util;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// Whether errors carry "did you mean …?" help: always natively; in wasm
/// only with the `compiler` feature (the browser runtime build leaves the
/// suggestion machinery out to stay small, and keeps "expected one of …").
pub(crate) const SUGGESTIONS: bool = cfg!(any(feature = "compiler", not(target_arch = "wasm32")));

pub use diagnosis::Diagnosis;
pub use order::{Order, OrderError};
pub use rules::error::{Diagnostic, RulesError};
pub use rules::RuleSet;
pub use time::Timestamp;
