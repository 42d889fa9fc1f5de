//! The wasm side of the runtime build (`orderlens/runtime`): compiled rules
//! in, diagnoses out, and nothing else — no rules compiler, no checker, no
//! "did you mean" machinery — so that it fits a checkout page's budget.
//!
//! Only strings and bytes cross this boundary (no JS objects, so the
//! generated glue stays small); `pkg-template/runtime.js` wraps it into the
//! same API as the full build: `compileRules(bytes?)`, `CompiledRules.explain`,
//! `explain`, `version`, with `RulesError` / `OrderError` / `TypeError` /
//! `RangeError` exactly as there. A call that fails returns (or throws) the
//! JSON text of the error, `{"name", "message", "errors" | "diagnostics"}`,
//! which the wrapper turns into the `Error`.

use wasm_bindgen::prelude::*;

use super::errors::{
    diagnostics_value, error_json, order_errors_value, order_message, rules_message,
};
use crate::model::diagnostic::RulesError;
use crate::model::rules::{Audience, RuleSet};
use crate::order::Order;
use crate::time::Timestamp;

use crate::runtime::bytes::DEFAULT_RULES;

/// Marks a result that is an error's JSON text rather than a diagnosis.
const ERROR_MARK: char = '!';

fn rules_error_json(e: &RulesError) -> String {
    error_json(
        "RulesError",
        &rules_message(e),
        "diagnostics",
        diagnostics_value(&e.diagnostics),
    )
}

fn plain_error(name: &str, message: &str) -> String {
    let mut out = String::from(ERROR_MARK);
    out.push_str(&error_json(
        name,
        message,
        "errors",
        crate::json::Value::Array(Vec::new()),
    ));
    out
}

/// Compiled rules, loaded. `runtime.js` wraps it as `CompiledRules`.
#[wasm_bindgen]
pub struct Rules {
    rs: RuleSet,
}

#[wasm_bindgen]
impl Rules {
    /// Loads compiled rules (`undefined` = the built-in rules). Throws the
    /// JSON text of a `RulesError`.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Option<Vec<u8>>) -> Result<Rules, String> {
        RuleSet::from_bytes(bytes.as_deref().unwrap_or(DEFAULT_RULES))
            .map(|rs| Rules { rs })
            .map_err(|e| rules_error_json(&e))
    }

    /// The diagnosis of the order (JSON text) at `now_ms`, or without it at
    /// `now_text` (RFC 3339) — in `locale` (a tag or an Accept-Language list). On
    /// failure: `!` and the error's JSON text. (Times in texts are in the
    /// shop's zone: the `timeZone` option, which needs a zone resolver, is
    /// the full build's.)
    pub fn explain(
        &self,
        order: &str,
        now_ms: Option<f64>,
        now_text: &str,
        locale: &str,
    ) -> String {
        // A catalog message instead (one export for all three keeps the
        // glue small): U+0001, the key, then placeholder names and values,
        // all separated by U+001F. No key: `settings.support_url` (or "").
        if let Some(rest) = order.strip_prefix('\u{1}') {
            let mut it = rest.split('\u{1f}');
            let key = it.next().unwrap_or("");
            if key.is_empty() {
                return self.rs.settings.support_url.clone().unwrap_or_default();
            }
            let mut pairs = Vec::new();
            while let (Some(name), Some(value)) = (it.next(), it.next()) {
                pairs.push((name, value));
            }
            return self.rs.message(key, &pairs, locale);
        }
        let now = if let Some(now_ms) = now_ms {
            if !now_ms.is_finite() {
                return plain_error("RangeError", "options.now: not a valid time");
            }
            // Whole milliseconds; `as` saturates, and from_millis bounds the range.
            match Timestamp::from_millis(now_ms.floor() as i64) {
                Some(t) => t,
                None => return plain_error("RangeError", "options.now: outside years 1 to 9999"),
            }
        } else {
            match Timestamp::parse_rfc3339(now_text) {
                Ok(t) => t,
                Err(e) => return plain_error("RangeError", &format!("options.now: {e}")),
            }
        };
        // The merchant's view (SPEC §3.3): U+0003 before the locale.
        let (locale, audience) = match locale.strip_prefix('\u{3}') {
            Some(_) if !self.rs.has_merchant_view() => {
                return plain_error(
                    "RangeError",
                    &format!(
                        "options.audience: {}",
                        crate::model::rules::NO_MERCHANT_VIEW
                    ),
                );
            }
            Some(rest) => (rest, Audience::Merchant),
            None => (locale, Audience::Buyer),
        };
        match Order::from_json(order) {
            Ok(o) => self
                .rs
                .explain_for(&o, now, locale, None, audience)
                .to_json(),
            Err(e) => {
                let mut out = String::from(ERROR_MARK);
                out.push_str(&error_json(
                    "OrderError",
                    &order_message(&e),
                    "errors",
                    order_errors_value(&e),
                ));
                out
            }
        }
    }

    /// The rule set's 32-bit fingerprint (part of support codes).
    #[wasm_bindgen(getter)]
    pub fn fingerprint(&self) -> u32 {
        self.rs.fingerprint
    }

    /// The IANA time zone deadlines are counted and dates shown in.
    #[wasm_bindgen(getter)]
    pub fn timezone(&self) -> String {
        self.rs.calendar.timezone().to_string()
    }

    /// The locales the messages cover, comma-separated.
    #[wasm_bindgen(getter)]
    pub fn locales(&self) -> String {
        let mut out = String::new();
        for (i, t) in self.rs.catalog.tags().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(t);
        }
        out
    }
}
