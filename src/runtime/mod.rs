//! Running compiled rules: reading compiled bytes (`bytes`, untrusted
//! input, every limit checked again), evaluating conditions (`eval`), the
//! decision and the diagnosis with `valid_until` (`explain`) and refund
//! timelines (`refund`). Never uses the compiler (`crate::compiler`):
//! `orderlens/runtime` is built without it.

pub mod bytes;
pub mod eval;
pub mod explain;
pub mod refund;
