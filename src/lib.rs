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
// The rules compiler: in every native build; in wasm only with the
// `compiler` feature (`orderlens/runtime` is built without it).
#[cfg(any(feature = "compiler", not(target_arch = "wasm32")))]
pub mod compiler;
#[cfg(target_arch = "wasm32")]
pub mod host;
#[cfg(any(feature = "compiler", not(target_arch = "wasm32")))]
pub mod import;
pub mod json;
pub mod messages;
pub mod model;
#[cfg(any(feature = "render", not(target_arch = "wasm32")))]
pub mod render;
pub mod runtime;
pub mod suggest;
mod util;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::{decline, diagnosis, order, time};
pub use runtime::{explain, refund};

/// The rule set and its modules under the paths of earlier versions
/// (`orderlens::rules::…`): the model, the evaluator, the compiled bytes and,
/// with the compiler, the condition language.
pub mod rules {
    #[cfg(any(feature = "compiler", not(target_arch = "wasm32")))]
    pub use crate::compiler::{check, lexer, parser};
    pub use crate::model::rules::*;
    pub use crate::model::{diagnostic as error, limits, schema, settings};
    pub use crate::runtime::eval;

    /// Compiled rules as bytes (`crate::runtime::bytes`, written by
    /// `crate::compiler::bytes_write`).
    pub mod compiled {
        #[cfg(any(feature = "compiler", not(target_arch = "wasm32")))]
        pub use crate::compiler::bytes_write::{base_of, buyer_side};
        pub use crate::runtime::bytes::*;
    }
}

/// Whether errors carry "did you mean …?" help: always natively; in wasm
/// only with the `compiler` feature (the browser runtime build leaves the
/// suggestion machinery out to stay small, and keeps "expected one of …").
pub(crate) const SUGGESTIONS: bool = cfg!(any(feature = "compiler", not(target_arch = "wasm32")));

pub use diagnosis::Diagnosis;
pub use model::diagnostic::{Diagnostic, RulesError};
pub use model::rules::RuleSet;
pub use order::{Order, OrderError};
pub use time::Timestamp;
