//! `renderHTML` and `renderEmail` (SPEC §4.4) for the full build: the
//! diagnosis object `explain()` returned goes back through the JSON reader
//! (a malformed one is a `TypeError` with its located `errors`), and the
//! native renderer in `crate::render` does the rest, so Node and the CLI
//! print the same bytes.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::api::CompiledRules;
use super::errors::order_errors_value;
use crate::host::js;
use crate::model::rules::RuleSet;
use crate::order::OrderError;
use crate::render::{self, EmailOptions, HtmlOptions};
use crate::Diagnosis;

fn get(target: &JsValue, key: &str) -> JsValue {
    if target.is_object() {
        js::reflect_get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn type_error(msg: &str) -> JsValue {
    js::TypeError::new(msg).into()
}

/// An optional string option.
fn text_option(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    let v = get(options, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| type_error(&format!("options.{key}: expected a string")))
}

fn check_options(options: &JsValue) -> Result<(), JsValue> {
    if options.is_undefined() || options.is_null() || options.is_object() {
        Ok(())
    } else {
        Err(type_error("options: expected an object"))
    }
}

/// The diagnosis argument: a diagnosis object or its JSON text.
fn read(diagnosis: &JsValue) -> Result<Diagnosis, JsValue> {
    let text = if let Some(s) = diagnosis.as_string() {
        s
    } else if diagnosis.is_object() {
        js::json_stringify(diagnosis)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| type_error("diagnosis: cannot be written as JSON"))?
    } else {
        return Err(type_error(
            "diagnosis: expected the object explain() returned",
        ));
    };
    render::read_diagnosis(&text).map_err(|e| diagnosis_error(&e))
}

/// A `TypeError` listing the first problems, with all of them in `errors`
/// (`[{ path, message }]`).
fn diagnosis_error(e: &OrderError) -> JsValue {
    let mut message = String::from("invalid diagnosis");
    for (i, fe) in e.errors.iter().take(3).enumerate() {
        message.push_str(if i == 0 { ": " } else { "\n" });
        message.push_str(&fe.to_string());
    }
    let err = type_error(&message);
    if let Ok(items) = js::json_parse(&order_errors_value(e).to_json()) {
        let _ = js::reflect_set(&err, &JsValue::from_str("errors"), &items);
    }
    err
}

thread_local! {
    static BUILT_IN: std::cell::RefCell<Option<Rc<RuleSet>>> = const { std::cell::RefCell::new(None) };
}

/// The built-in rules (their messages give the fixed texts).
fn built_in() -> Result<Rc<RuleSet>, JsValue> {
    if let Some(rs) = BUILT_IN.with(|c| c.borrow().clone()) {
        return Ok(rs);
    }
    let rs = Rc::new(RuleSet::defaults().map_err(|e| type_error(&e.to_string()))?);
    BUILT_IN.with(|c| *c.borrow_mut() = Some(Rc::clone(&rs)));
    Ok(rs)
}

fn html_with(rs: &RuleSet, diagnosis: &JsValue, options: &JsValue) -> Result<String, JsValue> {
    check_options(options)?;
    let d = read(diagnosis)?;
    let locale = text_option(options, "locale")?;
    let theme = text_option(options, "theme")?;
    let stylesheet = text_option(options, "stylesheet")?;
    let zone = text_option(options, "timeZone")?;
    let opts = HtmlOptions {
        locale: locale.as_deref(),
        theme: theme.as_deref(),
        stylesheet: stylesheet.as_deref(),
        time_zone: zone.as_deref(),
    };
    render::render_html(rs, &d, &opts)
        .map_err(|e| js::RangeError::new(&format!("options.{e}")).into())
}

fn email_with(rs: &RuleSet, diagnosis: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    check_options(options)?;
    let d = read(diagnosis)?;
    let brand = text_option(options, "brand")?;
    let support = text_option(options, "supportUrl")?;
    let locale = text_option(options, "locale")?;
    let zone = text_option(options, "timeZone")?;
    let opts = EmailOptions {
        brand: brand.as_deref(),
        support_url: support.as_deref(),
        locale: locale.as_deref(),
        time_zone: zone.as_deref(),
    };
    let e = render::render_email(rs, &d, &opts)
        .map_err(|e| JsValue::from(js::RangeError::new(&format!("options.{e}"))))?;
    let o: JsValue = js::Object::new().into();
    for (k, v) in [("subject", e.subject), ("html", e.html), ("text", e.text)] {
        js::reflect_set(&o, &JsValue::from_str(k), &JsValue::from_str(&v))?;
    }
    Ok(o)
}

/// The widget's markup for a diagnosis: `<order-lens>` with a declarative
/// shadow root (labels from the built-in messages). Options: `locale`,
/// `theme` ("light" | "dark" | "auto"), `stylesheet` (URL of widget.css),
/// `timeZone` (the zone the diagnosis was explained in, if not the shop's).
#[wasm_bindgen(js_name = renderHTML)]
pub fn render_html(diagnosis: JsValue, options: JsValue) -> Result<String, JsValue> {
    html_with(&*built_in()?, &diagnosis, &options)
}

/// A transactional e-mail for a diagnosis: `{ subject, html, text }`.
/// Options: `brand`, `supportUrl`, `locale`, `timeZone`.
#[wasm_bindgen(js_name = renderEmail)]
pub fn render_email(diagnosis: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    email_with(&*built_in()?, &diagnosis, &options)
}

#[wasm_bindgen]
impl CompiledRules {
    /// `renderHTML` with these rules' messages and time zone.
    #[wasm_bindgen(js_name = renderHTML)]
    pub fn render_html(&self, diagnosis: JsValue, options: JsValue) -> Result<String, JsValue> {
        html_with(self.rule_set(), &diagnosis, &options)
    }

    /// `renderEmail` with these rules' messages, support URL and time zone.
    #[wasm_bindgen(js_name = renderEmail)]
    pub fn render_email(&self, diagnosis: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        email_with(self.rule_set(), &diagnosis, &options)
    }
}
