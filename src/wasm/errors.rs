//! Errors as the JS API reports them: the structured arrays of
//! `RulesError.diagnostics` / `OrderError.errors` and the `message` lines,
//! shared by the full build (`api.rs`) and the runtime (`runtime.rs`).

use super::MESSAGE_ITEMS;
use crate::json::Value;
use crate::model::diagnostic::{Diagnostic, RulesError, Severity};
use crate::order::{FieldError, OrderError};

pub(crate) fn opt_str(s: Option<&str>) -> Value {
    s.map_or(Value::Null, Value::from)
}

pub(crate) fn diagnostics_value(ds: &[Diagnostic]) -> Value {
    Value::Array(ds.iter().map(Diagnostic::to_value).collect())
}

pub(crate) fn field_error_value(e: &FieldError) -> Value {
    Value::Object(vec![
        ("path".into(), e.path.as_str().into()),
        ("message".into(), e.message.as_str().into()),
        ("help".into(), opt_str(e.help.as_deref())),
    ])
}

/// `the rules have 2 errors` and the first few rendered diagnostics.
pub(crate) fn rules_message(e: &RulesError) -> String {
    let errors = e
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let mut out = format!(
        "the rules have {errors} error{}",
        if errors == 1 { "" } else { "s" }
    );
    for d in e.diagnostics.iter().take(MESSAGE_ITEMS) {
        out.push('\n');
        // The runtime's errors (damaged bytes) are one-liners; it leaves
        // out the caret renderer.
        if cfg!(feature = "compiler") {
            out.push_str(&d.render("rules"));
        } else {
            out.push_str(&d.message);
        }
    }
    let more = e.diagnostics.len().saturating_sub(MESSAGE_ITEMS);
    if more > 0 {
        out.push_str(&format!("\n(and {more} more; see .diagnostics)"));
    }
    out
}

pub(crate) fn order_message(e: &OrderError) -> String {
    let mut out = String::from("invalid order");
    for (i, fe) in e.errors.iter().take(MESSAGE_ITEMS).enumerate() {
        out.push_str(if i == 0 { ": " } else { "\n" });
        out.push_str(&fe.to_string());
    }
    let more = e.errors.len().saturating_sub(MESSAGE_ITEMS);
    if more > 0 {
        out.push_str(&format!("\n(and {more} more; see .errors)"));
    }
    out
}

pub(crate) fn order_errors_value(e: &OrderError) -> Value {
    Value::Array(e.errors.iter().map(field_error_value).collect())
}

/// `{"name": …, "message": …, KEY: ITEMS}`: an error the runtime's JS
/// wrapper (`runtime.js`) rebuilds as an `Error` with that name.
#[cfg(not(feature = "compiler"))]
pub(crate) fn error_json(name: &str, message: &str, key: &str, items: Value) -> String {
    Value::Object(vec![
        ("name".into(), name.into()),
        ("message".into(), message.into()),
        (key.into(), items),
    ])
    .to_json()
}
