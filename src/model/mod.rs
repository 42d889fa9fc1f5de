//! What both layers share: the order, time, the rule set and the compiled
//! form of its conditions (the IR), settings, the limits every input is held
//! to, diagnostics, decline groups and the diagnosis. Nothing here depends on
//! the compiler (`crate::compiler`) or the runtime (`crate::runtime`).

pub mod decline;
pub mod diagnosis;
pub mod diagnostic;
pub mod ir;
pub mod limits;
pub mod order;
pub mod rules;
pub mod schema;
pub mod settings;
pub mod time;
