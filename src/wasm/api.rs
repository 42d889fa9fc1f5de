//! The JavaScript API of the full build (SPEC §4.1): `compileRules`,
//! `checkRules`, `CompiledRules.explain` / `explainMany` / `sweep` /
//! `toBytes`, `explain`, `version`; and the importers (SPEC §4.3)
//! `fromShopify`, `fromWooCommerce`, `fromStripe`.
//!
//! Documents cross the boundary as JSON text: a JS object is turned into
//! text with `JSON.stringify` and read by [`crate::json`], the same reader
//! the native CLI uses, so native and wasm see identical bytes and give
//! identical diagnoses. A string argument is taken as JSON text directly;
//! a `Uint8Array` / `ArrayBuffer` as compiled rules. Results go back the
//! same way: our compact JSON, then `JSON.parse`, so the caller gets plain
//! objects and arrays.
//!
//! Errors are `Error` instances with a `name` of `RulesError`, `OrderError`,
//! `ImportError` or `TypeError` / `RangeError` (bad options), and for the
//! first three a structured array (`diagnostics` / `errors`).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::calendar::Calendar;
use crate::host::js::{self, array_items, Array, Date, Object};
use crate::import::{self, Platform};
use crate::json::{write_string, Value};
use crate::model::diagnostic::{Diagnostic, RulesError, Severity};
use crate::model::rules::{Audience, RuleSet};
use crate::order::{FieldError, Order, OrderError};
use crate::time::Timestamp;

use super::errors::*;

// ---------------------------------------------------------------------------
// Values in and out.

/// The JSON text of a JS argument: `None` for `undefined` / `null`, the
/// string itself for a string, else `JSON.stringify(value)`.
fn json_text(v: &JsValue, what: &str) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if let Some(s) = v.as_string() {
        return Ok(Some(s));
    }
    let kind = v.js_typeof().as_string().unwrap_or_default();
    if kind != "object" {
        return Err(type_error(&format!(
            "{what}: expected an object or JSON text, found {kind}"
        )));
    }
    match js::json_stringify(v) {
        Ok(s) => match s.as_string() {
            Some(s) => Ok(Some(s)),
            None => Err(type_error(&format!("{what}: cannot be written as JSON"))),
        },
        Err(e) => Err(type_error(&format!(
            "{what}: cannot be written as JSON ({})",
            error_message(&e)
        ))),
    }
}

/// Our JSON text back as a JS value.
fn from_json(text: &str) -> Result<JsValue, JsValue> {
    js::json_parse(text)
}

fn from_value(v: &Value) -> Result<JsValue, JsValue> {
    from_json(&v.to_json())
}

fn error_message(e: &JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    e.dyn_ref::<js::Error>()
        .map(js::Error::message)
        .unwrap_or_else(|| "unknown error".into())
}

fn type_error(msg: &str) -> JsValue {
    js::TypeError::new(msg).into()
}

fn range_error(msg: &str) -> JsValue {
    js::RangeError::new(msg).into()
}

fn set(target: &JsValue, key: &str, value: &JsValue) -> Result<(), JsValue> {
    js::reflect_set(target, &JsValue::from_str(key), value).map(|_| ())
}

fn get(target: &JsValue, key: &str) -> JsValue {
    if target.is_object() {
        js::reflect_get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// An `Error` with a custom `name` and one structured property.
fn named_error(name: &str, message: &str, key: &str, items: &Value) -> JsValue {
    let e = js::Error::new(message);
    e.set_name(name);
    let e: JsValue = e.into();
    if let Ok(items) = from_value(items) {
        let _ = set(&e, key, &items);
    }
    e
}

fn rules_error(e: &RulesError) -> JsValue {
    named_error(
        "RulesError",
        &rules_message(e),
        "diagnostics",
        &diagnostics_value(&e.diagnostics),
    )
}

fn order_error(e: &OrderError) -> JsValue {
    named_error(
        "OrderError",
        &order_message(e),
        "errors",
        &order_errors_value(e),
    )
}

/// `{"name": "OrderError", "message": …, "errors": […]}` for batch results.
fn order_error_json(e: &OrderError, out: &mut String) {
    out.push_str("{\"error\":{\"name\":\"OrderError\",\"message\":");
    write_string(&order_message(e), out);
    out.push_str(",\"errors\":");
    order_errors_value(e).write(out);
    out.push_str("}}");
}

fn single_error(path: &str, message: String) -> OrderError {
    OrderError {
        errors: vec![FieldError {
            path: path.into(),
            message,
            help: None,
        }],
    }
}

/// Reads one order from a JS object or JSON text.
fn read_order(v: &JsValue) -> Result<Order, OrderError> {
    let text = match json_text(v, "order") {
        Ok(Some(t)) => t,
        Ok(None) => {
            let found = if v.is_null() { "null" } else { "undefined" };
            return Err(single_error(
                "",
                format!("expected an order object, found {found}"),
            ));
        }
        Err(e) => return Err(single_error("", error_message(&e))),
    };
    Order::from_json(&text)
}

/// The rules a JS argument gives: `None` for `undefined` / `null` (the
/// built-in rules), the bytes of compiled rules for a `Uint8Array` or
/// `ArrayBuffer`, else the JSON text of a rules document.
fn rules_source(doc: &JsValue) -> Result<Option<Vec<u8>>, JsValue> {
    if doc.is_instance_of::<js::Uint8Array>() {
        return Ok(Some(js::Uint8Array::copy_bytes(doc)));
    }
    if doc.is_instance_of::<js::ArrayBuffer>() {
        return Ok(Some(js::Uint8Array::copy_bytes(
            &js::Uint8Array::new(doc).into(),
        )));
    }
    Ok(json_text(doc, "rules")?.map(String::into_bytes))
}

/// Loads rules from what [`rules_source`] gave.
fn load_rules(src: Option<&[u8]>) -> Result<RuleSet, RulesError> {
    match src {
        // Nothing at all (an empty response, an empty file) is a mistake,
        // not the built-in rules: those are `compileRules()`.
        Some(b) if b.iter().all(u8::is_ascii_whitespace) => Err(RulesError {
            diagnostics: vec![Diagnostic::at(
                "",
                "the rules are empty: pass a rules document, compiled rules, or nothing (undefined, null or {}) for the built-in rules",
            )],
        }),
        Some(b) if crate::runtime::bytes::is_compiled(b) => RuleSet::from_bytes(b),
        Some(b) => RuleSet::from_json(&String::from_utf8_lossy(b)),
        None => RuleSet::from_value(None),
    }
}

/// Parses a rules document given as a JS object, JSON text, compiled bytes
/// or nothing.
fn read_rules(doc: &JsValue) -> Result<RuleSet, RulesError> {
    match rules_source(doc) {
        Ok(src) => load_rules(src.as_deref()),
        Err(e) => Err(RulesError {
            diagnostics: vec![Diagnostic::at("", error_message(&e))],
        }),
    }
}

/// The elements of an array argument (a JS array or JSON text of one).
fn read_list(v: &JsValue, what: &str) -> Result<Vec<JsValue>, JsValue> {
    if Array::is_array(v) {
        return Ok(array_items(v));
    }
    if let Some(text) = v.as_string() {
        let parsed = from_json(&text)
            .map_err(|e| type_error(&format!("{what}: invalid JSON ({})", error_message(&e))))?;
        if Array::is_array(&parsed) {
            return Ok(array_items(&parsed));
        }
    }
    Err(type_error(&format!("{what}: expected an array of orders")))
}

// ---------------------------------------------------------------------------
// Options.

struct Options {
    now: Timestamp,
    locale: String,
    /// `timeZone`: the zone times in texts are shown in (else the shop's).
    zone: Option<Calendar>,
    /// `audience`: whose view (SPEC §3.3), the buyer's by default.
    audience: Audience,
}

fn read_audience(v: &JsValue, rs: &RuleSet) -> Result<Audience, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(Audience::Buyer);
    }
    let Some(name) = v.as_string() else {
        return Err(type_error(
            "options.audience: expected 'buyer' or 'merchant'",
        ));
    };
    match Audience::parse(&name) {
        Some(Audience::Merchant) if !rs.has_merchant_view() => Err(range_error(&format!(
            "options.audience: {}",
            crate::model::rules::NO_MERCHANT_VIEW
        ))),
        Some(a) => Ok(a),
        None => Err(range_error(&format!(
            "options.audience: unknown audience '{}'; it is 'buyer' or 'merchant'",
            crate::time::truncate(&name)
        ))),
    }
}

fn read_now(v: &JsValue) -> Result<Timestamp, JsValue> {
    const WHAT: &str =
        "options.now: expected milliseconds since the epoch, a Date or an RFC 3339 string";
    let ms = if v.is_undefined() || v.is_null() {
        Date::now()
    } else if let Some(n) = v.as_f64() {
        n
    } else if let Some(d) = v.dyn_ref::<Date>() {
        d.get_time()
    } else if let Some(s) = v.as_string() {
        return Timestamp::parse_rfc3339(&s).map_err(|e| range_error(&format!("options.now: {e}")));
    } else {
        return Err(type_error(WHAT));
    };
    if !ms.is_finite() {
        return Err(range_error("options.now: not a valid time"));
    }
    // Whole milliseconds; `as` saturates, and from_millis bounds the range.
    Timestamp::from_millis(ms.floor() as i64)
        .ok_or_else(|| range_error("options.now: outside years 1 to 9999"))
}

fn read_locale(v: &JsValue) -> Result<String, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok("en".into());
    }
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    // A list such as `navigator.languages`: the same as an Accept-Language list.
    if Array::is_array(v) {
        let mut tags = String::new();
        for (i, tag) in array_items(v)
            .iter()
            .filter_map(JsValue::as_string)
            .enumerate()
        {
            if i > 0 {
                tags.push(',');
            }
            tags.push_str(&tag);
        }
        return Ok(tags);
    }
    Err(type_error(
        "options.locale: expected a language tag, an Accept-Language list or an array of tags",
    ))
}

fn read_zone(v: &JsValue) -> Result<Option<Calendar>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let Some(name) = v.as_string() else {
        return Err(type_error(
            "options.timeZone: expected an IANA time zone name such as 'Europe/Berlin'",
        ));
    };
    Calendar::zone(&name).map(Some).ok_or_else(|| {
        range_error(&format!(
            "options.timeZone: unknown time zone '{}'",
            crate::time::truncate(&name)
        ))
    })
}

fn read_options(v: &JsValue, rs: &RuleSet) -> Result<Options, JsValue> {
    if !(v.is_undefined() || v.is_null() || v.is_object()) {
        return Err(type_error(
            "options: expected an object such as { now, locale }",
        ));
    }
    Ok(Options {
        now: read_now(&get(v, "now"))?,
        locale: read_locale(&get(v, "locale"))?,
        zone: read_zone(&get(v, "timeZone"))?,
        audience: read_audience(&get(v, "audience"), rs)?,
    })
}

// ---------------------------------------------------------------------------
// The API.

/// Compiled, checked rules: compile once, explain many orders.
#[wasm_bindgen]
pub struct CompiledRules {
    rs: Rc<RuleSet>,
}

#[cfg(feature = "render")]
impl CompiledRules {
    /// The rule set (for the renderers in `render.rs`).
    pub(super) fn rule_set(&self) -> &RuleSet {
        &self.rs
    }
}

/// Compiles a rules document (`undefined` / `null` / `{}` = the built-in
/// rules). Throws a `RulesError` listing every problem.
#[wasm_bindgen(js_name = compileRules)]
pub fn compile_rules(doc: JsValue) -> Result<CompiledRules, JsValue> {
    match read_rules(&doc) {
        Ok(rs) => Ok(CompiledRules { rs: Rc::new(rs) }),
        Err(e) => Err(rules_error(&e)),
    }
}

/// Every diagnostic of a rules document; never throws:
/// `{ ok, diagnostics }`.
#[wasm_bindgen(js_name = checkRules)]
pub fn check_rules(doc: JsValue) -> JsValue {
    let diags = match read_rules(&doc) {
        Ok(rs) => rs.warnings,
        Err(e) => e.diagnostics,
    };
    let ok = !diags.iter().any(|d| d.severity == Severity::Error);
    let v = Value::Object(vec![
        ("ok".into(), ok.into()),
        ("diagnostics".into(), diagnostics_value(&diags)),
    ]);
    from_value(&v).unwrap_or_else(|_| {
        let o = Object::new();
        let _ = set(&o, "ok", &JsValue::from_bool(ok));
        let _ = set(&o, "diagnostics", &Array::new());
        o.into()
    })
}

fn explain_with(rs: &RuleSet, order: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let opts = read_options(options, rs)?;
    let order = read_order(order).map_err(|e| order_error(&e))?;
    from_json(
        &rs.explain_for(
            &order,
            opts.now,
            &opts.locale,
            opts.zone.as_ref(),
            opts.audience,
        )
        .to_json(),
    )
}

/// A JS array with one entry per order: what `f` writes for a good order,
/// `{ error: { … } }` for a bad one.
fn each_order(orders: &JsValue, f: impl Fn(&Order, &mut String)) -> Result<JsValue, JsValue> {
    let list = read_list(orders, "orders")?;
    let mut out = String::from("[");
    for (i, o) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match read_order(o) {
            Ok(order) => f(&order, &mut out),
            Err(e) => order_error_json(&e, &mut out),
        }
    }
    out.push(']');
    from_json(&out)
}

#[wasm_bindgen]
impl CompiledRules {
    /// The diagnosis of one order (SPEC §3) as a plain object. Throws an
    /// `OrderError` naming the bad fields.
    pub fn explain(&self, order: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        explain_with(&self.rs, &order, &options)
    }

    /// The decision for one order without any text (SPEC §4.1):
    /// `{ order_id, rules, reasons, actions, deadlines: [{ kind, at }],
    /// valid_until }`. Options: `{ now }` (others are ignored). Throws an
    /// `OrderError` naming the bad fields.
    pub fn evaluate(&self, order: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        if !(options.is_undefined() || options.is_null() || options.is_object()) {
            return Err(type_error("options: expected an object such as { now }"));
        }
        let now = read_now(&get(&options, "now"))?;
        let audience = read_audience(&get(&options, "audience"), &self.rs)?;
        let order = read_order(&order).map_err(|e| order_error(&e))?;
        from_json(&self.rs.decide_for(&order, now, audience).to_json())
    }

    /// Diagnoses of many orders at the same time and locale. A bad order
    /// gives `{ error: { name, message, errors } }` in its place.
    #[wasm_bindgen(js_name = explainMany)]
    pub fn explain_many(&self, orders: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let opts = read_options(&options, &self.rs)?;
        each_order(&orders, |order, out| {
            out.push_str(
                &self
                    .rs
                    .explain_for(
                        order,
                        opts.now,
                        &opts.locale,
                        opts.zone.as_ref(),
                        opts.audience,
                    )
                    .to_json(),
            );
        })
    }

    /// What `orderlens sweep` prints, one entry per order:
    /// `{ id, reasons, deadlines }` with the deadlines due at `now`, or
    /// `{ error: { … } }` for a bad order; with `{ audience: "merchant" }`,
    /// the seller's line (`needs_seller`, `actions`, `upcoming` too).
    pub fn sweep(&self, orders: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let now = read_now(&get(&options, "now"))?;
        // `{ audience: "merchant" }`: the seller's work queue, as
        // `orderlens sweep --audience merchant` prints it (SPEC §3.3), in
        // Node (a server's job; the browsers' build is kept small).
        if read_audience(&get(&options, "audience"), &self.rs)? == Audience::Merchant {
            #[cfg(feature = "render")]
            return each_order(&orders, |order, out| {
                crate::explain::merchant_sweep_line(&self.rs, order, now)
                    .0
                    .write(out);
            });
            #[cfg(not(feature = "render"))]
            return Err(range_error(
                "options.audience: the seller's work queue is swept in Node (or with `orderlens sweep --audience merchant`)",
            ));
        }
        each_order(&orders, |order, out| {
            crate::explain::write_sweep_line(&self.rs, order, now, out);
        })
    }

    /// The rules compiled to bytes, for `compileRules(bytes)` here or in
    /// `orderlens/runtime` (which has no compiler): what
    /// `orderlens compile` writes. `{ locales: ["zh-CN"] }` keeps the
    /// messages of those locales only (and English, the fallback);
    /// `{ audience: "buyer" }` the buyer's side only (no `merchant.*` texts),
    /// like `orderlens compile --audience buyer`.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self, options: JsValue) -> Result<Vec<u8>, JsValue> {
        // `{ audience: "buyer" }`: the buyer's side only (a checkout page's
        // rules), as `orderlens compile --audience buyer` writes them.
        let audience = get(&options, "audience");
        let buyer = !(audience.is_undefined() || audience.is_null())
            && read_audience(&audience, &self.rs)? == Audience::Buyer;
        let locales = get(&options, "locales");
        if locales.is_undefined() || locales.is_null() {
            return Ok(if buyer {
                crate::compiler::bytes_write::buyer_side(self.rs.as_ref().clone()).to_bytes()
            } else {
                self.rs.to_bytes()
            });
        }
        let mut tags = Vec::new();
        for t in read_list(&locales, "options.locales")? {
            match t.as_string() {
                Some(t) => tags.push(t),
                None => return Err(type_error("options.locales: expected language tags")),
            }
        }
        let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
        self.rs
            .with_locales(&tags)
            .map(|rs| {
                if buyer {
                    crate::compiler::bytes_write::buyer_side(rs).to_bytes()
                } else {
                    rs.to_bytes()
                }
            })
            .map_err(|e| range_error(&format!("options.locales: {e}")))
    }

    /// One catalog message (e.g. the widget's `widget.*` labels) in
    /// `options.locale`, with placeholder values such as `{ minutes: 23 }`
    /// (numbers and text; other values are left out). An unknown key gives "".
    pub fn message(&self, key: &str, values: JsValue, options: JsValue) -> Result<String, JsValue> {
        let locale = read_locale(&get(&options, "locale"))?;
        let values = match json_text(&values, "values")? {
            Some(t) => crate::json::parse(&t)
                .map_err(|e| type_error(&format!("values: invalid JSON ({})", e.message)))?,
            None => Value::Null,
        };
        let mut texts = Vec::new();
        if let Value::Object(entries) = &values {
            for (name, v) in entries {
                match v {
                    Value::String(s) => texts.push((name.as_str(), s.clone())),
                    Value::Number(_) => texts.push((name.as_str(), v.to_json())),
                    _ => {}
                }
            }
        }
        let pairs: Vec<(&str, &str)> = texts.iter().map(|(n, v)| (*n, v.as_str())).collect();
        Ok(self.rs.message(key, &pairs, &locale))
    }

    /// `settings.support_url`, if set.
    #[wasm_bindgen(getter, js_name = supportUrl)]
    pub fn support_url(&self) -> Option<String> {
        self.rs.settings.support_url.clone()
    }

    /// The rule set's 32-bit fingerprint (part of support codes).
    #[wasm_bindgen(getter)]
    pub fn fingerprint(&self) -> u32 {
        self.rs.fingerprint
    }

    /// The IANA time zone deadlines are counted and dates shown in
    /// (`settings.timezone`, canonical case).
    #[wasm_bindgen(getter)]
    pub fn timezone(&self) -> String {
        self.rs.calendar.timezone().to_string()
    }

    /// The locales the messages cover, e.g. `["en", "zh-CN", "ru"]`.
    #[wasm_bindgen(getter)]
    pub fn locales(&self) -> Vec<String> {
        self.rs.catalog.tags()
    }

    /// Warnings found while compiling (same shape as `RulesError.diagnostics`).
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> JsValue {
        from_value(&diagnostics_value(&self.rs.warnings)).unwrap_or_else(|_| Array::new().into())
    }
}

/// Rules as given (`None`: the built-in ones; else JSON text or compiled
/// bytes) and what they loaded into.
type LoadedRules = (Option<Vec<u8>>, Rc<RuleSet>);

thread_local! {
    /// The last rules `explain` loaded.
    static LAST_RULES: RefCell<Option<LoadedRules>> = const { RefCell::new(None) };
}

/// One-shot convenience: compiles `rulesDoc` (the built-in rules when
/// absent) and explains `order`. The last compiled document is kept, so
/// calling it again with the same rules does not compile them again.
#[wasm_bindgen]
pub fn explain(order: JsValue, options: JsValue, rules: JsValue) -> Result<JsValue, JsValue> {
    let key = rules_source(&rules)?;
    let cached = LAST_RULES.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, rs)| Rc::clone(rs))
    });
    let rs = match cached {
        Some(rs) => rs,
        None => {
            let rs = Rc::new(load_rules(key.as_deref()).map_err(|e| rules_error(&e))?);
            LAST_RULES.with(|c| *c.borrow_mut() = Some((key, Rc::clone(&rs))));
            rs
        }
    };
    explain_with(&rs, &order, &options)
}

// ---------------------------------------------------------------------------
// Importers (SPEC §4.3): the same code as `orderlens import --from P`.

/// An `ImportError`: `errors` located in the platform's payload.
fn import_error(platform: Platform, e: &OrderError) -> JsValue {
    let mut message = format!("cannot read this {}", platform.what());
    let listed = order_message(e);
    message.push_str(listed.strip_prefix("invalid order").unwrap_or(&listed));
    named_error("ImportError", &message, "errors", &order_errors_value(e))
}

fn import_with(platform: Platform, payload: &JsValue) -> Result<JsValue, JsValue> {
    let text = match json_text(payload, "payload") {
        Ok(Some(t)) => t,
        Ok(None) => {
            let found = if payload.is_null() {
                "null"
            } else {
                "undefined"
            };
            let e = single_error("", format!("expected an object, found {found}"));
            return Err(import_error(platform, &e));
        }
        Err(e) => return Err(import_error(platform, &single_error("", error_message(&e)))),
    };
    let doc = import::parse(&text)
        .and_then(|v| import::to_document(platform, &v))
        .map_err(|e| import_error(platform, &e))?;
    from_value(&doc)
}

/// A Shopify Admin REST `Order` (or `{ order }`) as an order document.
/// Throws an `ImportError` naming the fields it cannot read.
#[wasm_bindgen(js_name = fromShopify)]
pub fn from_shopify(order: JsValue) -> Result<JsValue, JsValue> {
    import_with(Platform::Shopify, &order)
}

/// A WooCommerce REST v3 order as an order document. Throws an
/// `ImportError`.
#[wasm_bindgen(js_name = fromWooCommerce)]
pub fn from_woo_commerce(order: JsValue) -> Result<JsValue, JsValue> {
    import_with(Platform::WooCommerce, &order)
}

/// `{ paymentIntent, refunds, dispute, order }` (Stripe objects and the
/// merchant's partial order) as an order document. Throws an `ImportError`.
#[wasm_bindgen(js_name = fromStripe)]
pub fn from_stripe(input: JsValue) -> Result<JsValue, JsValue> {
    import_with(Platform::Stripe, &input)
}
