//! The platform shims the core needs on wasm32: floats through the host's
//! JavaScript engine (the JSON reader and writer) and the few JavaScript
//! built-ins (time zones through `Intl`, the clock, the JS boundary's
//! objects). Natively the core uses Rust's own and chrono-tz instead.
//!
//! The core imports these, never the front doors (`wasm/`, `cli/`), which
//! only translate between a host's calling conventions and the core.

pub mod float;
pub(crate) mod js;
