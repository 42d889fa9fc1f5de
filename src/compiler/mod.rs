//! The rules compiler: from a rules document (SPEC §2) to a
//! [`RuleSet`](crate::RuleSet) and to compiled bytes.
//!
//! `lexer` → `parser` → `check` (the condition language, typed against the
//! order's schema) → `document` (layering over the built-in rules,
//! settings, messages, limits) → `bytes_write` (compiled rules). Every stage
//! reports located [`Diagnostic`](crate::Diagnostic)s. Not in the browser
//! runtime build (`orderlens/runtime`), which reads compiled bytes only.

pub mod bytes_write;
pub mod check;
pub mod document;
pub mod lexer;
pub mod parser;
pub mod settings;
