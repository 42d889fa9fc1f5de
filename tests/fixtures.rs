//! Data-driven fixtures (`tests/fixtures/cases/*.json`, `tests/fixtures/errors/*.json`)
//! and generated hostile inputs (SPEC §5).
//!
//! A case file:
//!
//! ```json
//! { "description": "...", "now": "RFC 3339", "locale": "en",
//!   "time_zone": "America/Los_Angeles" (optional: the zone texts show times in),
//!   "audience": "merchant" (optional: the seller's view, SPEC §3.3; default the buyer's),
//!   "rules": { ...merchant rules document... },
//!   "order": { ... },
//!   "expect": { ... } }
//! ```
//!
//! `expect` is partial: only the keys present are compared.
//!
//! - `headline`: reason name of the headline.
//! - `reasons`: reason names, in order.
//! - `actions`: action kinds, in order.
//! - `primary`: the kind of the primary action, or null.
//! - `deadlines`: `[{kind, at}]` (every key given in an entry is compared).
//! - `timeline`: `[{stage, state, at, from, to}]` (idem).
//! - `valid_until`: RFC 3339 string or null.
//! - `text`: `{ "reasons[1].body": "exact text" }`, paths into the diagnosis.
//! - `contains`: `{ "headline.body": "substring" }`.
//! - `values`: `{ "/trace/0/fields/payment.failure_code": <JSON> }`, RFC 6901
//!   pointers into the diagnosis JSON, compared as JSON values.
//! - `absent`: substrings that must not occur in the diagnosis JSON.
//! - `absent_text`: substrings that must not occur in any text a customer
//!   reads (titles, bodies, labels, confirmation texts), matched without
//!   regard to case, `_` read as a space.
//!
//! A case may list `"locales": [...]` instead of one `locale`: it is then
//! checked in each (text expectations are usually left out of such cases).
//!
//! An error file:
//!
//! ```json
//! { "description": "...", "rules": {...} | "rules_text": "raw",
//!   "order": {...} | "order_text": "raw",
//!   "expect_error": { "kind": "rules" | "order", "count": N,
//!                     "diagnostics": [{rule, path, line, column, message_contains, help_contains}],
//!                     "errors": [{path, message_contains, help_contains}] } }
//! ```
//!
//! `count` is the number of error diagnostics (rules) or field errors (order).
//! Each listed diagnostic / error must match one the library reports.
//!
//! Every mismatch of every file is collected; the test fails once at the end.

// Native: these read fixture files and run the CLI. The wasm tests are
// in src/wasm/tests.rs and run the same fixtures through the JS boundary.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::err_expect
)]

use orderlens::calendar::Calendar;
use orderlens::json::{self, Number, Value};
use orderlens::rules::error::Severity;
use orderlens::rules::Audience;
use orderlens::time::Timestamp;
use orderlens::{Order, RuleSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

fn fixture_dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(sub)
}

/// Every `*.json` of a fixture directory, sorted by name.
fn fixture_files(sub: &str) -> Vec<PathBuf> {
    let dir = fixture_dir(sub);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn name_of(p: &Path) -> String {
    let parent = p
        .parent()
        .and_then(|d| d.file_name())
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    format!("{parent}/{}", p.file_name().unwrap().to_string_lossy())
}

fn read_json(p: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(p).map_err(|e| format!("cannot read: {e}"))?;
    json::parse(&text).map_err(|e| format!("fixture is not valid JSON: {e}"))
}

fn show(v: &Value) -> String {
    v.to_json()
}

fn as_str(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        _ => None,
    }
}

fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(Number::Int(i)) => Some(*i),
        _ => None,
    }
}

fn obj_entries(v: &Value) -> &[(String, Value)] {
    match v {
        Value::Object(m) => m,
        _ => &[],
    }
}

// ---------------------------------------------------------------------------
// Paths into the diagnosis
// ---------------------------------------------------------------------------

/// `headline.title`, `reasons[1].body`, `actions[2].confirm.body`.
fn at_path<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = root;
    for seg in path.split('.') {
        let (name, mut rest) = match seg.find('[') {
            Some(i) => (&seg[..i], &seg[i..]),
            None => (seg, ""),
        };
        if !name.is_empty() {
            cur = cur.get(name)?;
        }
        while let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']')?;
            let idx: usize = r[..close].parse().ok()?;
            cur = match cur {
                Value::Array(a) => a.get(idx)?,
                _ => return None,
            };
            rest = &r[close + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(cur)
}

/// RFC 6901 JSON pointer.
fn at_pointer<'a>(root: &'a Value, ptr: &str) -> Option<&'a Value> {
    if ptr.is_empty() {
        return Some(root);
    }
    let mut cur = root;
    for raw in ptr.strip_prefix('/')?.split('/') {
        let tok = raw.replace("~1", "/").replace("~0", "~");
        cur = match cur {
            Value::Object(_) => cur.get(&tok)?,
            Value::Array(a) => a.get(tok.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

struct Loaded {
    rules: RuleSet,
    order: Order,
    now: Timestamp,
    locale: String,
    /// `time_zone`: the zone the texts show times in (the viewer's).
    zone: Option<Calendar>,
    /// `audience`: whose view (SPEC §3.3).
    audience: Audience,
}

impl Loaded {
    fn explain(&self, now: Timestamp) -> orderlens::Diagnosis {
        self.explain_in(now, &self.locale)
    }

    fn explain_in(&self, now: Timestamp, locale: &str) -> orderlens::Diagnosis {
        self.rules
            .explain_for(&self.order, now, locale, self.zone.as_ref(), self.audience)
    }
}

fn load_case(case: &Value) -> Result<Loaded, String> {
    let now = case.get("now").and_then(as_str).ok_or("missing \"now\"")?;
    let now = Timestamp::parse_rfc3339(now).map_err(|e| format!("bad \"now\": {e}"))?;
    let locale = case
        .get("locale")
        .and_then(as_str)
        .unwrap_or("en")
        .to_string();
    let rules = RuleSet::from_value(case.get("rules")).map_err(|e| {
        let lines: Vec<String> = e.to_string().lines().map(str::to_string).collect();
        let more = lines.len().saturating_sub(6);
        let mut s = format!(
            "rules do not load: {}",
            lines
                .iter()
                .take(6)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n      ")
        );
        if more > 0 {
            s.push_str(&format!("\n      … and {more} more"));
        }
        s
    })?;
    let order = Order::from_value(case.get("order").ok_or("missing \"order\"")?)
        .map_err(|e| format!("order does not load: {e}"))?;
    let zone = match case.get("time_zone").and_then(as_str) {
        Some(z) => {
            Some(Calendar::new(z, &[], &[], &[]).map_err(|e| format!("bad \"time_zone\": {e}"))?)
        }
        None => None,
    };
    let audience = match case.get("audience").and_then(as_str) {
        None => Audience::Buyer,
        Some(a) => Audience::parse(a).ok_or_else(|| format!("bad \"audience\": {a}"))?,
    };
    Ok(Loaded {
        rules,
        order,
        now,
        locale,
        zone,
        audience,
    })
}

const EXPECT_KEYS: &[&str] = &[
    "headline",
    "reasons",
    "actions",
    "primary",
    "deadlines",
    "timeline",
    "valid_until",
    "text",
    "contains",
    "values",
    "absent",
    "absent_text",
];

/// Every text a customer reads in a diagnosis.
fn customer_texts(d: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |v: Option<&Value>| {
        if let Some(s) = v.and_then(as_str) {
            out.push(s.to_string());
        }
    };
    for r in list_of(d, "reasons") {
        push(r.get("title"));
        push(r.get("body"));
    }
    for a in list_of(d, "actions") {
        push(a.get("label"));
        if let Some(c) = a.get("confirm") {
            for k in ["title", "body", "confirm_label", "cancel_label"] {
                push(c.get(k));
            }
        }
    }
    for k in ["deadlines", "timeline"] {
        for x in list_of(d, k) {
            push(x.get("label"));
        }
    }
    out
}

fn list_of<'a>(d: &'a Value, key: &str) -> &'a [Value] {
    match d.get(key) {
        Some(Value::Array(a)) => a,
        _ => &[],
    }
}

fn field_list(d: &Value, key: &str, field: &str) -> Value {
    Value::Array(
        list_of(d, key)
            .iter()
            .map(|x| x.get(field).cloned().unwrap_or(Value::Null))
            .collect(),
    )
}

/// Compares a list of objects: same length, and every key of every
/// expected entry equal.
fn compare_objects(key: &str, want: &Value, got: &[Value], out: &mut Vec<String>) {
    let Value::Array(want) = want else {
        out.push(format!("expect.{key} must be a list"));
        return;
    };
    if want.len() != got.len() {
        out.push(format!(
            "{key}: expected {} entries, got {}: {}",
            want.len(),
            got.len(),
            show(&Value::Array(got.to_vec()))
        ));
        return;
    }
    for (i, (w, g)) in want.iter().zip(got).enumerate() {
        for (k, wv) in obj_entries(w) {
            let gv = g.get(k).unwrap_or(&Value::Null);
            if gv != wv {
                out.push(format!(
                    "{key}[{i}].{k}: expected {}, got {}",
                    show(wv),
                    show(gv)
                ));
            }
        }
    }
}

fn check_expect(d: &Value, expect: &Value, out: &mut Vec<String>) {
    let json_text = d.to_json();
    for (k, want) in obj_entries(expect) {
        match k.as_str() {
            "headline" => {
                let got = d
                    .get("headline")
                    .and_then(|h| h.get("reason"))
                    .cloned()
                    .unwrap_or(Value::Null);
                if &got != want {
                    out.push(format!(
                        "headline: expected {}, got {}",
                        show(want),
                        show(&got)
                    ));
                }
            }
            "reasons" | "actions" => {
                let field = if k == "reasons" { "reason" } else { "kind" };
                let got = field_list(d, k, field);
                if &got != want {
                    out.push(format!("{k}: expected {}, got {}", show(want), show(&got)));
                }
            }
            "primary" => {
                let got = list_of(d, "actions")
                    .iter()
                    .find(|a| a.get("primary") == Some(&Value::Bool(true)))
                    .and_then(|a| a.get("kind").cloned())
                    .unwrap_or(Value::Null);
                if &got != want {
                    out.push(format!(
                        "primary: expected {}, got {}",
                        show(want),
                        show(&got)
                    ));
                }
            }
            "deadlines" | "timeline" => compare_objects(k, want, list_of(d, k), out),
            "valid_until" => {
                let got = d.get("valid_until").cloned().unwrap_or(Value::Null);
                if &got != want {
                    out.push(format!(
                        "valid_until: expected {}, got {}",
                        show(want),
                        show(&got)
                    ));
                }
            }
            "text" | "contains" => {
                for (path, w) in obj_entries(want) {
                    let Some(w) = as_str(w) else {
                        out.push(format!("expect.{k}[{path}] must be a string"));
                        continue;
                    };
                    match at_path(d, path).and_then(as_str) {
                        None => out.push(format!("{k} {path}: no such text in the diagnosis")),
                        Some(g) if k == "text" && g != w => out.push(format!(
                            "text {path}:\n      expected {w:?}\n      got      {g:?}"
                        )),
                        Some(g) if k == "contains" && !g.contains(w) => {
                            out.push(format!("contains {path}: {g:?} does not contain {w:?}"))
                        }
                        Some(_) => {}
                    }
                }
            }
            "values" => {
                for (ptr, w) in obj_entries(want) {
                    match at_pointer(d, ptr) {
                        None => out.push(format!("values {ptr}: not in the diagnosis")),
                        Some(g) if g != w => out.push(format!(
                            "values {ptr}: expected {}, got {}",
                            show(w),
                            show(g)
                        )),
                        Some(_) => {}
                    }
                }
            }
            "absent" => {
                for s in list_of(expect, "absent").iter().filter_map(as_str) {
                    if json_text.contains(s) {
                        out.push(format!("absent: the diagnosis contains {s:?}"));
                    }
                }
            }
            "absent_text" => {
                let texts = customer_texts(d);
                for s in list_of(expect, "absent_text").iter().filter_map(as_str) {
                    let forms = [s.to_lowercase(), s.to_lowercase().replace('_', " ")];
                    for t in &texts {
                        let low = t.to_lowercase();
                        if forms.iter().any(|f| low.contains(f.as_str())) {
                            out.push(format!(
                                "absent_text: a customer text contains {s:?}: {t:?}"
                            ));
                        }
                    }
                }
            }
            other => out.push(format!(
                "unknown expect key {other:?} (known: {})",
                EXPECT_KEYS.join(", ")
            )),
        }
    }
}

/// Properties every diagnosis has, whatever the case expects.
/// SPEC §3.3: the seller's actions (exactly §3.3's list) appear only in the
/// merchant's view, the buyer's only in the buyer's; the links
/// `contact_support` and `track_shipment` in both. `confidential` is never
/// written in the buyer's view.
fn check_audience(d: &Value, audience: Audience, out: &mut Vec<String>) {
    const SELLER: &[&str] = &[
        "confirm_order",
        "check_stock",
        "contact_buyer",
        "remind_buyer",
        "respond_to_dispute",
        "issue_refund",
        "contact_payment_provider",
        "contact_platform",
    ];
    const SHARED: &[&str] = &["contact_support", "track_shipment"];
    for a in list_of(d, "actions") {
        let kind = a.get("kind").and_then(as_str).unwrap_or("");
        let seller = SELLER.contains(&kind);
        let ok = SHARED.contains(&kind)
            || match audience {
                Audience::Merchant => seller,
                Audience::Buyer => !seller,
            };
        if !ok {
            out.push(format!(
                "audience: action {kind} in the {} view",
                audience.as_str()
            ));
        }
    }
    if audience == Audience::Buyer && d.to_json().contains("\"confidential\"") {
        out.push("audience: 'confidential' in the buyer's view".into());
    }
}

fn check_invariants(d: &Value, out: &mut Vec<String>) {
    let reasons = list_of(d, "reasons");
    if reasons.is_empty() {
        out.push("invariant: no reasons (SPEC §3.1: headline is never null)".into());
    }
    if reasons.first() != d.get("headline") {
        out.push("invariant: headline is not the first reason".into());
    }
    for (i, r) in reasons.iter().enumerate() {
        if r.get("title")
            .and_then(as_str)
            .is_none_or(|t| t.trim().is_empty())
        {
            out.push(format!("invariant: reasons[{i}] has an empty title"));
        }
    }
    let actions = list_of(d, "actions");
    let primaries: Vec<usize> = actions
        .iter()
        .enumerate()
        .filter(|(_, a)| a.get("primary") == Some(&Value::Bool(true)))
        .map(|(i, _)| i)
        .collect();
    let first_non_wait = actions
        .iter()
        .position(|a| a.get("kind").and_then(as_str) != Some("wait"));
    if primaries != first_non_wait.into_iter().collect::<Vec<_>>() {
        out.push(format!("invariant: primary flags {primaries:?}, expected only the first non-wait action {first_non_wait:?}"));
    }
    let kinds: Vec<&str> = actions
        .iter()
        .filter_map(|a| a.get("kind").and_then(as_str))
        .collect();
    for (i, k) in kinds.iter().enumerate() {
        if kinds[..i].contains(k) {
            out.push(format!("invariant: action {k} appears twice"));
        }
    }
    for a in actions {
        let kind = a.get("kind").and_then(as_str).unwrap_or("");
        if matches!(kind, "contact_support" | "track_shipment") {
            let url = a.get("url").and_then(as_str).unwrap_or("");
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                out.push(format!("invariant: {kind} without an http(s) url: {url:?}"));
            }
        }
        if a.get("label")
            .and_then(as_str)
            .is_none_or(|t| t.trim().is_empty())
        {
            out.push(format!("invariant: action {kind} has an empty label"));
        }
    }
    let text = d.to_json();
    if text.contains("fraud_suspected") {
        out.push("invariant: the diagnosis reveals 'fraud_suspected' (SPEC §2.2)".into());
    }
    if d.get("locale").and_then(as_str) == Some("en") && text.contains('—') {
        out.push(
            "invariant: English text holds '—', the mark of a missing placeholder value".into(),
        );
    }
}

/// `evaluate` (SPEC §4.1) says what the diagnosis says, without the words:
/// the same reasons, action kinds (primary first), upcoming deadlines and
/// rules (the trace's, masked ones included as `payment-declined`); its
/// `valid_until` is the diagnosis's, or later when only wording changes.
fn check_decision(l: &Loaded, d: &Value, out: &mut Vec<String>) {
    let e = l.rules.decide_for(&l.order, l.now, l.audience);
    let json = match orderlens::json::parse(&e.to_json()) {
        Ok(v) => v,
        Err(err) => {
            out.push(format!("evaluate: not JSON: {err}"));
            return;
        }
    };
    let keys: Vec<&str> = obj_entries(&json).iter().map(|(k, _)| k.as_str()).collect();
    if keys
        != [
            "order_id",
            "rules",
            "reasons",
            "actions",
            "deadlines",
            "valid_until",
        ]
    {
        out.push(format!("evaluate: keys {keys:?}"));
    }
    let strings = |v: &Value, key: &str, field: &str| -> Vec<String> {
        list_of(v, key)
            .iter()
            .filter_map(|x| x.get(field).and_then(as_str).map(str::to_string))
            .collect()
    };
    let mut rules: Vec<String> = Vec::new();
    for r in strings(d, "trace", "rule") {
        if !rules.contains(&r) {
            rules.push(r);
        }
    }
    let pairs = |v: &Value| -> Vec<String> {
        list_of(v, "deadlines")
            .iter()
            .map(|x| {
                format!(
                    "{}@{}",
                    x.get("kind").and_then(as_str).unwrap_or(""),
                    x.get("at").and_then(as_str).unwrap_or("")
                )
            })
            .collect()
    };
    let own = |key: &str| -> Vec<String> {
        list_of(&json, key)
            .iter()
            .filter_map(as_str)
            .map(str::to_string)
            .collect()
    };
    for (what, want, got) in [
        ("rules", rules, own("rules")),
        ("reasons", strings(d, "reasons", "reason"), own("reasons")),
        ("actions", strings(d, "actions", "kind"), own("actions")),
        ("deadlines", pairs(d), pairs(&json)),
    ] {
        if want != got {
            out.push(format!(
                "evaluate: {what} {got:?}, the diagnosis says {want:?}"
            ));
        }
    }
    if json.get("order_id").and_then(as_str) != d.get("order_id").and_then(as_str) {
        out.push("evaluate: another order_id".into());
    }
    let vu = |v: &Value| v.get("valid_until").and_then(as_str).map(str::to_string);
    match (vu(d), vu(&json)) {
        (_, None) => {
            // No change of decision ahead; the diagnosis's wording may still change.
        }
        (Some(dv), Some(ev)) if dv <= ev => {}
        (dv, ev) => out.push(format!(
            "evaluate: valid_until {ev:?} earlier than the diagnosis's {dv:?}"
        )),
    }
}

fn run_case(path: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let case = match read_json(path) {
        Ok(v) => v,
        Err(e) => return vec![e],
    };
    for (k, _) in obj_entries(&case) {
        if ![
            "description",
            "now",
            "locale",
            "locales",
            "time_zone",
            "audience",
            "rules",
            "order",
            "expect",
        ]
        .contains(&k.as_str())
        {
            out.push(format!("unknown top-level key {k:?}"));
        }
    }
    if case.get("description").and_then(as_str).is_none() {
        out.push("missing \"description\"".into());
    }
    let l = match load_case(&case) {
        Ok(l) => l,
        Err(e) => {
            out.push(e);
            return out;
        }
    };
    let locales: Vec<String> = match case.get("locales") {
        Some(Value::Array(a)) => a.iter().filter_map(as_str).map(str::to_string).collect(),
        _ => vec![l.locale.clone()],
    };
    for locale in &locales {
        let problems = run_case_in(&case, &l, locale);
        if locales.len() == 1 {
            out.extend(problems);
        } else {
            out.extend(problems.into_iter().map(|p| format!("[{locale}] {p}")));
        }
    }
    out
}

fn run_case_in(case: &Value, l: &Loaded, locale: &str) -> Vec<String> {
    let mut out = Vec::new();
    let d = match catch_unwind(AssertUnwindSafe(|| l.explain_in(l.now, locale).to_value())) {
        Ok(d) => d,
        Err(_) => {
            out.push("explain panicked".into());
            return out;
        }
    };
    // The same rules, compiled to bytes and loaded back (what the browser
    // runtime does), give the very same diagnosis and the very same bytes.
    let bytes = l.rules.to_bytes();
    match RuleSet::from_bytes(&bytes) {
        Ok(back) => {
            let again = back
                .explain_for(&l.order, l.now, locale, l.zone.as_ref(), l.audience)
                .to_value();
            if again.to_json() != d.to_json() {
                out.push(format!(
                    "compiled rules give another diagnosis:\n  direct:   {}\n  compiled: {}",
                    d.to_json(),
                    again.to_json()
                ));
            }
            if back.to_bytes() != bytes {
                out.push("compiled rules do not write back the same bytes".into());
            }
        }
        Err(e) => out.push(format!("compiled rules do not load: {e}")),
    }
    check_decision(l, &d, &mut out);
    match case.get("expect") {
        Some(e @ Value::Object(_)) => check_expect(&d, e, &mut out),
        _ => out.push("missing \"expect\" object".into()),
    }
    match l.audience {
        // Masking is for buyers only (SPEC §3.3): the seller's trace shows
        // the real codes support needs; the texts are checked by
        // `absent_text`.
        Audience::Merchant => {
            let mut seen = d.clone();
            if let Value::Object(entries) = &mut seen {
                entries.retain(|(k, _)| k != "trace");
            }
            check_invariants(&seen, &mut out);
        }
        Audience::Buyer => check_invariants(&d, &mut out),
    }
    check_audience(&d, l.audience, &mut out);
    // SPEC §3: plain text, never HTML. Markup can only come from the order
    // or the merchant's messages, verbatim.
    let source = format!(
        "{}{}",
        case.get("order").map(Value::to_json).unwrap_or_default(),
        case.get("rules").map(Value::to_json).unwrap_or_default()
    );
    if !source.contains('<') && d.to_json().contains('<') {
        out.push("invariant: the diagnosis holds '<' that is not in the order or the rules (SPEC §3: plain text)".into());
    }
    for (i, st) in list_of(&d, "timeline").iter().enumerate() {
        if st
            .get("label")
            .and_then(as_str)
            .is_none_or(|t| t.trim().is_empty())
        {
            out.push(format!("invariant: timeline[{i}] has an empty label"));
        }
    }
    for (i, dl) in list_of(&d, "deadlines").iter().enumerate() {
        if dl
            .get("label")
            .and_then(as_str)
            .is_none_or(|t| t.trim().is_empty())
        {
            out.push(format!("invariant: deadlines[{i}] has an empty label"));
        }
    }
    out
}

fn report(kind: &str, files: usize, failures: Vec<(String, Vec<String>)>) {
    if failures.is_empty() {
        return;
    }
    let mut msg = format!("{} of {files} {kind} fixtures failed:\n", failures.len());
    for (name, problems) in &failures {
        msg.push_str(&format!("\n{name}\n"));
        for p in problems {
            msg.push_str(&format!("  - {p}\n"));
        }
    }
    panic!("{msg}");
}

/// Runs every fixture of `tests/fixtures/SUB` through `run` and reports
/// all failures at once.
fn run_all(sub: &str, kind: &str, run: fn(&Path) -> Vec<String>) {
    let files = fixture_files(sub);
    assert!(!files.is_empty(), "no {kind} fixtures");
    let mut failures = Vec::new();
    for f in &files {
        let problems = run(f);
        if !problems.is_empty() {
            failures.push((name_of(f), problems));
        }
    }
    report(kind, files.len(), failures);
}

#[test]
fn cases() {
    run_all("cases", "case", run_case);
}

/// The diagnosis without the fields that depend on the evaluation time itself.
fn timeless(mut d: Value) -> Value {
    if let Value::Object(m) = &mut d {
        m.retain(|(k, _)| !matches!(k.as_str(), "now" | "valid_until" | "support_code"));
    }
    d
}

/// SPEC §3 `valid_until`: "the earliest moment at which the same order would
/// give a different diagnosis because time passed". The diagnosis (all of it
/// but `now`, `valid_until` and `support_code`, which depend on the
/// evaluation time itself) is the same one millisecond before it and at
/// samples in between, and differs at it. Where it is null, samples over the
/// next 60 days give the same diagnosis.
#[test]
fn valid_until_is_exact_for_every_case() {
    const STEP: i64 = 6 * 3_600_000;
    let files = fixture_files("cases");
    let mut failures = Vec::new();
    for f in &files {
        let Ok(case) = read_json(f) else { continue };
        let Ok(l) = load_case(&case) else { continue };
        let at = |t: Timestamp| l.explain(t).to_value();
        let d = l.explain(l.now);
        let base = timeless(d.to_value());
        let mut problems = Vec::new();
        let end = match d.valid_until {
            Some(v) if v <= l.now => {
                problems.push(format!("valid_until {v} is not after now {}", l.now));
                None
            }
            Some(v) => {
                if timeless(at(v.plus_ms(-1))) != base {
                    problems.push(format!(
                        "the diagnosis already differs at {} (1 ms before valid_until)",
                        v.plus_ms(-1)
                    ));
                }
                if timeless(at(v)) == base {
                    problems.push(format!("the diagnosis is unchanged at valid_until {v}"));
                }
                Some(v.plus_ms(-1))
            }
            None => Some(l.now.plus_ms(60 * 86_400_000)),
        };
        // Samples in between.
        if let Some(end) = end {
            let mut t = l.now.plus_ms(1);
            let mut n = 0;
            while t <= end && n < 300 && problems.is_empty() {
                if timeless(at(t)) != base {
                    problems.push(format!(
                        "the diagnosis differs at {t}, before valid_until {}",
                        d.valid_until.map_or("null".to_string(), |v| v.to_string())
                    ));
                }
                t = if n == 0 {
                    l.now.plus_ms(STEP)
                } else {
                    t.plus_ms(STEP)
                };
                n += 1;
            }
        }
        if !problems.is_empty() {
            failures.push((name_of(f), problems));
        }
    }
    report("case (valid_until exactness)", files.len(), failures);
}

// ---------------------------------------------------------------------------
// Error fixtures
// ---------------------------------------------------------------------------

fn diag_to_string(d: &orderlens::Diagnostic) -> String {
    format!(
        "{{severity: {:?}, rule: {:?}, path: {:?}, line: {:?}, column: {:?}, message: {:?}, help: {:?}}}",
        d.severity, d.rule, d.path, d.line, d.column, d.message, d.help
    )
}

fn diag_matches(want: &Value, d: &orderlens::Diagnostic) -> bool {
    obj_entries(want).iter().all(|(k, w)| match k.as_str() {
        "rule" => d.rule.as_deref() == as_str(w),
        "path" => Some(d.path.as_str()) == as_str(w),
        "line" => d.line.map(|x| x as i64) == as_int(w),
        "column" => d.column.map(|x| x as i64) == as_int(w),
        "message_contains" => as_str(w).is_some_and(|s| d.message.contains(s)),
        "help_contains" => {
            as_str(w).is_some_and(|s| d.help.as_deref().is_some_and(|h| h.contains(s)))
        }
        "severity" => {
            as_str(w)
                == Some(if d.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                })
        }
        _ => false,
    })
}

fn field_error_matches(want: &Value, e: &orderlens::order::FieldError) -> bool {
    obj_entries(want).iter().all(|(k, w)| match k.as_str() {
        "path" => Some(e.path.as_str()) == as_str(w),
        "message_contains" => as_str(w).is_some_and(|s| e.message.contains(s)),
        "help_contains" => {
            as_str(w).is_some_and(|s| e.help.as_deref().is_some_and(|h| h.contains(s)))
        }
        _ => false,
    })
}

fn load_rules(case: &Value) -> Result<RuleSet, orderlens::RulesError> {
    match (case.get("rules"), case.get("rules_text").and_then(as_str)) {
        (_, Some(text)) => RuleSet::from_json(text),
        (r, None) => RuleSet::from_value(r),
    }
}

fn load_order(case: &Value) -> Option<Result<Order, orderlens::OrderError>> {
    match (case.get("order"), case.get("order_text").and_then(as_str)) {
        (_, Some(text)) => Some(Order::from_json(text)),
        (Some(v), None) => Some(Order::from_value(v)),
        (None, None) => None,
    }
}

fn run_error(path: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let case = match read_json(path) {
        Ok(v) => v,
        Err(e) => return vec![e],
    };
    for (k, _) in obj_entries(&case) {
        if ![
            "description",
            "rules",
            "rules_text",
            "order",
            "order_text",
            "expect_error",
        ]
        .contains(&k.as_str())
        {
            out.push(format!("unknown top-level key {k:?}"));
        }
    }
    if case.get("description").and_then(as_str).is_none() {
        out.push("missing \"description\"".into());
    }
    let Some(expect) = case.get("expect_error") else {
        out.push("missing \"expect_error\"".into());
        return out;
    };
    for (k, _) in obj_entries(expect) {
        if !["kind", "count", "diagnostics", "errors"].contains(&k.as_str()) {
            out.push(format!("unknown expect_error key {k:?}"));
        }
    }
    let kind = expect.get("kind").and_then(as_str).unwrap_or("");
    let rules = catch_unwind(AssertUnwindSafe(|| load_rules(&case)));
    let Ok(rules) = rules else {
        out.push("loading the rules panicked".into());
        return out;
    };
    match kind {
        "rules" => {
            let diags = match rules {
                Ok(_) => {
                    out.push("expected the rules to be rejected, but they load".into());
                    return out;
                }
                Err(e) => e.diagnostics,
            };
            let errors = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let listing = || {
                diags
                    .iter()
                    .map(diag_to_string)
                    .collect::<Vec<_>>()
                    .join("\n      ")
            };
            if let Some(n) = expect.get("count").and_then(as_int) {
                if errors as i64 != n {
                    out.push(format!(
                        "expected {n} error diagnostics, got {errors}:\n      {}",
                        listing()
                    ));
                }
            }
            for w in list_of(expect, "diagnostics") {
                if !diags.iter().any(|d| diag_matches(w, d)) {
                    out.push(format!(
                        "no diagnostic matches {}; got:\n      {}",
                        show(w),
                        listing()
                    ));
                }
            }
            let root_ok = match (case.get("rules"), case.get("rules_text").and_then(as_str)) {
                (_, Some(t)) => matches!(json::parse(t), Ok(v) if !matches!(v, Value::Object(_))),
                (Some(v), None) => !matches!(v, Value::Object(_) | Value::Null),
                _ => false,
            };
            for d in &diags {
                if d.path.is_empty() && (d.line.is_none() || d.column.is_none()) && !root_ok {
                    out.push(format!(
                        "diagnostic without a location: {}",
                        diag_to_string(d)
                    ));
                }
            }
        }
        "order" => {
            if let Err(e) = rules {
                out.push(format!(
                    "the rules of an order error fixture must load: {e}"
                ));
                return out;
            }
            let Some(order) =
                catch_unwind(AssertUnwindSafe(|| load_order(&case))).unwrap_or_else(|_| {
                    out.push("loading the order panicked".into());
                    None
                })
            else {
                if out.is_empty() {
                    out.push("an order error fixture needs \"order\" or \"order_text\"".into());
                }
                return out;
            };
            let errors = match order {
                Ok(_) => {
                    out.push("expected the order to be rejected, but it loads".into());
                    return out;
                }
                Err(e) => e.errors,
            };
            let listing = || {
                errors
                    .iter()
                    .map(|e| format!("{e:?}"))
                    .collect::<Vec<_>>()
                    .join("\n      ")
            };
            if let Some(n) = expect.get("count").and_then(as_int) {
                if errors.len() as i64 != n {
                    out.push(format!(
                        "expected {n} errors, got {}:\n      {}",
                        errors.len(),
                        listing()
                    ));
                }
            }
            for w in list_of(expect, "errors") {
                if !errors.iter().any(|e| field_error_matches(w, e)) {
                    out.push(format!(
                        "no error matches {}; got:\n      {}",
                        show(w),
                        listing()
                    ));
                }
            }
            if !list_of(expect, "diagnostics").is_empty() {
                out.push("\"diagnostics\" is for rules errors; use \"errors\"".into());
            }
        }
        other => out.push(format!(
            "expect_error.kind must be \"rules\" or \"order\", found {other:?}"
        )),
    }
    out
}

#[test]
fn errors() {
    run_all("errors", "error", run_error);
}

// ---------------------------------------------------------------------------
// Generated hostile input (SPEC §5)
// ---------------------------------------------------------------------------

const SAMPLE_ORDER: &str = r#"{
  "id": "G-1", "status": "unconfirmed", "created_at": "2026-11-21T09:58:00+08:00",
  "currency": "CNY", "total": 12900,
  "payment": {"method": "card", "state": "failed", "failure_code": "insufficient_funds",
              "attempts": 1, "updated_at": "2026-11-21T10:00:00+08:00"},
  "items": [{"sku": "TEA-01", "name": "Oolong 250g", "qty": 2, "in_stock": true}]
}"#;

fn rules_with_when(when: &str) -> Value {
    Value::Object(vec![(
        "rules".into(),
        Value::Array(vec![Value::Object(vec![
            ("id".into(), "deep".into()),
            ("when".into(), when.into()),
            ("reason".into(), "order_status".into()),
            ("priority".into(), 1i64.into()),
        ])]),
    )])
}

fn assert_located_when_error(doc: &Value, what: &str) {
    let started = Instant::now();
    let r = RuleSet::from_value(Some(doc));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{what}: took {:?}",
        started.elapsed()
    );
    let e = r
        .err()
        .unwrap_or_else(|| panic!("{what}: expected an error"));
    let d = e
        .diagnostics
        .iter()
        .find(|d| d.path == "rules[0].when")
        .unwrap_or_else(|| panic!("{what}: no diagnostic at rules[0].when: {e}"));
    assert_eq!(d.rule.as_deref(), Some("deep"), "{what}");
    assert!(d.line.is_some() && d.column.is_some(), "{what}: {d:?}");
    assert!(!d.message.is_empty(), "{what}");
    // Rendering a diagnostic of a huge expression stays small.
    assert!(
        d.render("rules.json").len() < 2_000,
        "{what}: rendered diagnostic is too long"
    );
}

#[test]
fn expression_nested_10000_deep_parentheses() {
    let when = format!(
        "{}status == 'unconfirmed'{}",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    assert_located_when_error(&rules_with_when(&when), "10,000 parentheses");
}

#[test]
fn expression_nested_10000_deep_negations() {
    let when = format!("{}(status == 'unconfirmed')", "!".repeat(10_000));
    assert_located_when_error(&rules_with_when(&when), "10,000 '!'");
}

#[test]
fn expression_nested_deep_but_short() {
    // Under the length limit, so the nesting limit must catch it.
    let when = format!("{}true{}", "(".repeat(3_000), ")".repeat(3_000));
    assert_located_when_error(&rules_with_when(&when), "3,000 parentheses");
    let when = format!("{}true", "!".repeat(6_000));
    assert_located_when_error(&rules_with_when(&when), "6,000 '!'");
    let when = format!("{}true{}", "is_set(".repeat(1_000), ")".repeat(1_000));
    assert_located_when_error(&rules_with_when(&when), "1,000 nested calls");
}

#[test]
fn expression_with_10000_terms() {
    let when = vec!["status == 'unconfirmed'"; 10_000].join(" && ");
    assert_located_when_error(&rules_with_when(&when), "10,000 terms");
    let when = vec!["true"; 3_000].join("||");
    let r = catch_unwind(|| RuleSet::from_value(Some(&rules_with_when(&when))));
    assert!(r.is_ok(), "3,000 terms panicked");
}

#[test]
fn json_nested_10000_deep() {
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let text = format!("{}1{}", open.repeat(10_000), close.repeat(10_000));
        let e = RuleSet::from_json(&text)
            .err()
            .expect("deep rules document must be rejected");
        let d = &e.diagnostics[0];
        assert!(
            d.line == Some(1) && d.column.is_some(),
            "deep rules document: {d:?}"
        );
        let e = Order::from_json(&text)
            .err()
            .expect("deep order must be rejected");
        assert!(
            e.errors[0].message.contains("invalid JSON at 1:"),
            "deep order: {e}"
        );
    }
    // Deep nesting inside an otherwise valid order.
    let text = SAMPLE_ORDER.replacen(
        "\"currency\"",
        &format!(
            "\"extra\": {}0{}, \"currency\"",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
        1,
    );
    let e = Order::from_json(&text)
        .err()
        .expect("deep order must be rejected");
    assert!(e.errors[0].message.contains("invalid JSON at"), "{e}");
}

#[test]
fn ten_megabyte_item_name() {
    // A display text over its limit is shortened with a warning: the buyer
    // still gets their status (SPEC §5), and the diagnosis says what changed.
    let big = "é".repeat(5 * 1024 * 1024);
    let text = SAMPLE_ORDER.replacen("Oolong 250g", &big, 1);
    let o = Order::from_json(&text).expect("a long item name is shortened, not refused");
    let name = o.items[0].name.clone().unwrap();
    assert!(name.len() <= 4096 && name.ends_with('…'), "{}", name.len());
    assert!(name.trim_end_matches('…').chars().all(|c| c == 'é'));
    assert_eq!(o.warnings.len(), 1);
    assert_eq!(o.warnings[0].path, "items[0].name");
    let rs = RuleSet::defaults().unwrap();
    let d = rs
        .explain(
            &o,
            Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap(),
            "en",
        )
        .to_value();
    let w = d
        .get("warnings")
        .expect("the diagnosis carries the warning");
    assert_eq!(
        w.to_json(),
        r#"[{"path":"items[0].name","message":"text is too long (10485760 bytes); shortened to 4096"}]"#
    );
    // Identifiers and codes are still refused.
    let text = SAMPLE_ORDER.replacen("TEA-01", &"x".repeat(10 * 1024 * 1024), 1);
    let e = Order::from_json(&text).expect_err("a 10 MB sku is refused");
    assert!(e.errors.iter().any(|x| x.path == "items[0].sku"), "{e}");
    assert!(
        e.to_string().len() < 2_000,
        "the error repeats the 10 MB string"
    );
}

#[test]
fn ten_megabyte_strings_in_rules() {
    let big = "a".repeat(10 * 1024 * 1024);
    // In a condition.
    assert_located_when_error(
        &rules_with_when(&format!("status == '{big}'")),
        "10 MB condition",
    );
    // In settings, a reason and a message.
    let docs: Vec<(Value, &str)> = vec![
        (
            Value::Object(vec![(
                "settings".into(),
                Value::Object(vec![("timezone".into(), big.as_str().into())]),
            )]),
            "settings.timezone",
        ),
        (
            Value::Object(vec![(
                "rules".into(),
                Value::Array(vec![Value::Object(vec![
                    ("id".into(), "big".into()),
                    ("when".into(), "status == 'unconfirmed'".into()),
                    ("reason".into(), big.as_str().into()),
                ])]),
            )]),
            "rules[0].reason",
        ),
        (
            Value::Object(vec![(
                "messages".into(),
                Value::Object(vec![(
                    "en".into(),
                    Value::Object(vec![(
                        "reason.order_status.title".into(),
                        big.as_str().into(),
                    )]),
                )]),
            )]),
            "messages.en[\"reason.order_status.title\"]",
        ),
    ];
    for (doc, path) in docs {
        let started = Instant::now();
        let e = RuleSet::from_value(Some(&doc))
            .err()
            .unwrap_or_else(|| panic!("10 MB at {path} must be rejected"));
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path}: took {:?}",
            started.elapsed()
        );
        assert!(
            e.diagnostics.iter().any(|d| d.path == path),
            "10 MB at {path}: {e}"
        );
        assert!(
            e.to_string().len() < 10_000,
            "{path}: the error repeats the 10 MB string"
        );
    }
    // The same through the text reader.
    let text = format!("{{\"settings\": {{\"support_url\": \"https://x.example/{big}\"}}}}");
    let e = RuleSet::from_json(&text)
        .err()
        .expect("10 MB URL must be rejected");
    assert!(
        e.diagnostics
            .iter()
            .any(|d| d.path == "settings.support_url"),
        "{e}"
    );
}

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const FUZZ_TIME: Duration = Duration::from_millis(2_000);
const FUZZ_MAX_ITERATIONS: usize = 200_000;

/// Runs `f` with fresh inputs until the time or iteration cap; collects the
/// inputs that panicked or broke a property.
fn fuzz(
    name: &str,
    seed: u64,
    mut gen: impl FnMut(&mut Rng) -> String,
    check: impl Fn(&str) -> Result<(), String>,
) {
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut failures: Vec<String> = Vec::new();
    let mut n = 0;
    while started.elapsed() < FUZZ_TIME && n < FUZZ_MAX_ITERATIONS && failures.len() < 10 {
        n += 1;
        let input = gen(&mut rng);
        match catch_unwind(AssertUnwindSafe(|| check(&input))) {
            Ok(Ok(())) => {}
            Ok(Err(why)) => failures.push(format!("{why}\n    input: {:?}", shorten(&input))),
            Err(p) => {
                let msg = p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("PANIC {msg}\n    input: {:?}", shorten(&input)));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{name}: {} failing inputs (of {n}):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(n > 10, "{name}: only {n} iterations");
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 400 {
        let mut t: String = s.chars().take(400).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

fn random_bytes(rng: &mut Rng) -> String {
    let len = rng.below(200);
    let bytes: Vec<u8> = (0..len)
        .map(|_| {
            if rng.chance(3) {
                // Bias towards JSON punctuation so the parser gets further.
                b"{}[]:,\"\\0123456789-+.eEtrufalsn \n"[rng.below(33)]
            } else {
                rng.next() as u8
            }
        })
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\n",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e999",
    "-0.0",
    "99999999999999999999",
    "\"\"",
    "\"x\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\\u00e9\"",
    "\"é\"",
    "\"<script>\"",
    "\"rules\"",
    "\"settings\"",
    "\"messages\"",
    "\"refund_windows\"",
    "\"version\"",
    "\"id\"",
    "\"when\"",
    "\"reason\"",
    "\"priority\"",
    "\"actions\"",
    "\"disabled\"",
    "\"mask\"",
    "\"deadlines\"",
    "\"wait_until\"",
    "\"timezone\"",
    "\"Asia/Shanghai\"",
    "\"America/New_York\"",
    "\"weekend\"",
    "\"sat\"",
    "\"holidays\"",
    "\"2026-10-01\"",
    "\"2026-13-45\"",
    "\"auto_cancel_unpaid_after\"",
    "\"30m\"",
    "\"5bd\"",
    "\"support_url\"",
    "\"https://x.example\"",
    "\"javascript:alert(1)\"",
    "\"cancel_allowed_until\"",
    "\"max_payment_attempts\"",
    "\"card\"",
    "\"review\"",
    "\"arrive\"",
    "\"en\"",
    "\"ru\"",
    "\"zh-CN\"",
    "\"reason.x.title\"",
    "\"{count, plural, one {#} other {#}}\"",
    "\"{deadline}\"",
    "\"{nope}\"",
    "\"{\"",
    "\"status == 'unconfirmed'\"",
    "\"age(created_at) > 1h\"",
    "\"retry_payment\"",
    "\"wait\"",
    "\"info\"",
    "\"x_y\"",
    "\"status\"",
    "\"created_at\"",
    "\"2026-11-21T09:58:00+08:00\"",
    "\"9999-12-31T23:59:59Z\"",
    "\"0001-01-01T00:00:00Z\"",
    "\"payment\"",
    "\"state\"",
    "\"failed\"",
    "\"items\"",
    "\"qty\"",
    "\"in_stock\"",
    "\"refund\"",
    "\"shipment\"",
    "\"dispute\"",
    "\"cancellation\"",
];

fn token_soup(rng: &mut Rng) -> String {
    let n = 1 + rng.below(80);
    (0..n).map(|_| rng.pick(JSON_TOKENS)).collect()
}

const EXPR_TOKENS: &[&str] = &[
    "status",
    "payment.state",
    "payment.failure_code",
    "payment.attempts",
    "created_at",
    "payment.updated_at",
    "items",
    "item.in_stock",
    "item.qty",
    "item.restock_at",
    "shipment",
    "shipment.delivered_at",
    "expected.refund_arrival_by",
    "expected.delivery_by",
    "expected.auto_cancel_at",
    "refund.method",
    "dispute.state",
    "settings.auto_cancel_unpaid_after",
    "settings.max_payment_attempts",
    "settings.cancel_allowed_until",
    "settings.nope",
    "paymnt.state",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "&&",
    "||",
    "!",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    "in",
    "not",
    "not in",
    "age(",
    "until(",
    "any(items,",
    "all(items,",
    "count(items,",
    "is_set(",
    "frobnicate(",
    "'unconfirmed'",
    "'failed'",
    "'x'",
    "\"shipped\"",
    "'",
    "\"",
    "30m",
    "0m",
    "5bd",
    "0bd",
    "10d",
    "2h",
    "45s",
    "1w",
    "99999999bd",
    "1",
    "0",
    "-1",
    "9223372036854775808",
    "null",
    "true",
    "false",
    " ",
    "\n",
    "\t",
    "é",
    "中",
    "\u{0}",
    "&",
    "|",
    "=",
    "#",
];

fn expr_soup(rng: &mut Rng) -> String {
    let n = 1 + rng.below(30);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(EXPR_TOKENS));
        if rng.chance(2) {
            s.push(' ');
        }
    }
    s
}

fn json_string(s: &str) -> String {
    Value::String(s.to_string()).to_json()
}

fn random_rules_doc(rng: &mut Rng) -> String {
    let mut rules = Vec::new();
    for i in 0..1 + rng.below(3) {
        let id = if rng.chance(4) {
            rng.pick(&["payment-declined", "in-transit", "out-of-stock", "x"])
                .to_string()
        } else {
            format!("r{i}")
        };
        let reason = rng.pick(&[
            "order_status",
            "payment_declined",
            "custom_reason",
            "Bad Reason",
        ]);
        let actions = rng.pick(&[
            "[]",
            "[\"wait\"]",
            "[\"retry_payment\", \"cancel_order\"]",
            "[\"contact_support\", \"track_shipment\"]",
            "[\"nope\"]",
        ]);
        let extra = rng.pick(&[
            "",
            ", \"wait_until\": \"expected.restock_at\"",
            ", \"deadlines\": [{\"kind\": \"auto_cancel\", \"at\": \"expected.auto_cancel_at\"}]",
            ", \"mask\": true",
            ", \"disabled\": true",
            ", \"wait_until\": \"status\"",
        ]);
        rules.push(format!(
            "{{\"id\": {}, \"when\": {}, \"reason\": \"{reason}\", \"priority\": {}, \"actions\": {actions}{extra}}}",
            json_string(&id),
            json_string(&expr_soup(rng)),
            rng.below(200) as i64 - 50,
        ));
    }
    let settings = rng.pick(&[
        "{}",
        "{\"timezone\": \"Asia/Shanghai\", \"support_url\": \"https://shop.example/help\"}",
        "{\"timezone\": \"America/New_York\", \"weekend\": [\"fri\", \"sat\"], \"holidays\": [\"2026-11-26\"]}",
        "{\"max_payment_attempts\": 1, \"cancel_allowed_until\": \"delivered\", \"auto_cancel_unpaid_after\": \"0m\"}",
        "{\"timezone\": \"Pacific/Kiritimati\", \"weekend\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"]}",
    ]);
    format!(
        "{{\"settings\": {settings}, \"rules\": [{}]}}",
        rules.join(", ")
    )
}

const TIMESTAMPS: &[&str] = &[
    "\"2026-11-21T09:58:00+08:00\"",
    "\"2026-11-21T02:05:00Z\"",
    "\"2026-03-08T02:30:00-05:00\"",
    "\"2026-11-01T01:30:00-04:00\"",
    "\"0001-01-01T00:00:00Z\"",
    "\"9999-12-31T23:59:59.999Z\"",
    "\"2026-02-29T00:00:00Z\"",
    "\"2026-11-21\"",
    "null",
    "12",
];

fn random_order(rng: &mut Rng) -> String {
    let v = |rng: &mut Rng, xs: &[&str]| -> String {
        if rng.chance(12) {
            rng.pick(&["null", "1", "\"\"", "[]", "{}", "\"nope\"", "true"])
                .to_string()
        } else {
            format!("\"{}\"", rng.pick(xs))
        }
    };
    let ts = |rng: &mut Rng| rng.pick(TIMESTAMPS).to_string();
    let status = v(rng, orderlens::order::Status::ALL);
    let method = v(rng, orderlens::order::PaymentMethod::ALL);
    let state = v(rng, orderlens::order::PaymentState::ALL);
    let code = v(
        rng,
        &[
            "insufficient_funds",
            "fraud_suspected",
            "expired_card",
            "authentication_required",
            "weird",
        ],
    );
    let mut items = Vec::new();
    for _ in 0..rng.below(4) {
        items.push(format!(
            "{{\"sku\": \"S\", \"name\": \"<b>x</b>\", \"qty\": {}, \"in_stock\": {}, \"restock_at\": {}}}",
            rng.pick(&["1", "0", "-1", "\"two\"", "1.5"]),
            rng.pick(&["true", "false", "null", "\"no\""]),
            ts(rng)
        ));
    }
    let mut parts = vec![
        format!("\"id\": {}", rng.pick(&["\"A-1\"", "7", "null"])),
        format!("\"status\": {status}"),
        format!("\"created_at\": {}", ts(rng)),
        format!(
            "\"currency\": {}",
            rng.pick(&["\"CNY\"", "\"usd\"", "\"RUB\"", "\"JPY\"", "\"KWD\"", "\"X\"", "null"])
        ),
        format!(
            "\"total\": {}",
            rng.pick(&["12900", "-1", "0", "9223372036854775807", "1.5", "null"])
        ),
        format!("\"items\": [{}]", items.join(", ")),
    ];
    if !rng.chance(4) {
        parts.push(format!(
            "\"payment\": {{\"method\": {method}, \"state\": {state}, \"failure_code\": {code}, \"attempts\": {}, \"updated_at\": {}}}",
            rng.pick(&["0", "1", "10", "-3", "99999999999"]),
            ts(rng)
        ));
    }
    if rng.chance(2) {
        parts.push(format!(
            "\"shipment\": {{\"carrier\": \"UPS\", \"tracking_url\": {}, \"shipped_at\": {}, \"expected_at\": {}, \"delivered_at\": {}}}",
            rng.pick(&["\"https://t.example/1\"", "\"javascript:alert(1)\"", "null", "\"http://\""]),
            ts(rng),
            ts(rng),
            ts(rng)
        ));
    }
    if rng.chance(2) {
        parts.push(format!(
            "\"cancellation\": {{\"requested_at\": {}, \"by\": {}, \"reason\": {}, \"state\": {}}}",
            ts(rng),
            v(rng, orderlens::order::CancelBy::ALL),
            v(rng, orderlens::order::CancelReason::ALL),
            v(rng, orderlens::order::CancelState::ALL)
        ));
    }
    if rng.chance(2) {
        parts.push(format!(
            "\"refund\": {{\"amount\": 100, \"requested_at\": {}, \"approved_at\": {}, \"issued_at\": {}, \"completed_at\": {}, \"method\": {}}}",
            ts(rng),
            ts(rng),
            ts(rng),
            ts(rng),
            v(rng, orderlens::order::PaymentMethod::ALL)
        ));
    }
    if rng.chance(3) {
        parts.push(format!(
            "\"dispute\": {{\"opened_at\": {}, \"kind\": {}, \"state\": {}}}",
            ts(rng),
            v(rng, orderlens::order::DisputeKind::ALL),
            v(rng, orderlens::order::DisputeState::ALL)
        ));
    }
    if rng.chance(3) {
        parts.push(format!("\"buyer_confirmed_at\": {}", ts(rng)));
    }
    format!("{{{}}}", parts.join(", "))
}

fn rules_located(text: &str) -> Result<Option<RuleSet>, String> {
    match RuleSet::from_json(text) {
        Ok(rs) => Ok(Some(rs)),
        Err(e) => {
            if e.diagnostics.is_empty() {
                return Err("rejected without any diagnostic".into());
            }
            // A document that is valid JSON but not an object is located at
            // its root (path ""); anything else needs a path or a line/column.
            let root_ok = matches!(json::parse(text), Ok(v) if !matches!(v, Value::Object(_)));
            for d in &e.diagnostics {
                if d.message.trim().is_empty() {
                    return Err(format!("diagnostic without a message: {d:?}"));
                }
                if d.path.is_empty() && (d.line.is_none() || d.column.is_none()) && !root_ok {
                    return Err(format!("diagnostic without a location: {d:?}"));
                }
                if d.path.ends_with(".when") && d.line.is_none() {
                    return Err(format!("expression diagnostic without line/column: {d:?}"));
                }
            }
            Ok(None)
        }
    }
}

fn order_located(text: &str) -> Result<Option<Order>, String> {
    match Order::from_json(text) {
        Ok(o) => Ok(Some(o)),
        Err(e) => {
            if e.errors.is_empty() {
                return Err("rejected without any error".into());
            }
            let parsed = json::parse(text);
            for fe in &e.errors {
                if fe.message.trim().is_empty() {
                    return Err(format!("error without a message: {fe:?}"));
                }
                match &parsed {
                    Err(_) if !fe.message.contains("invalid JSON at") => {
                        return Err(format!(
                            "a JSON syntax error without its line and column: {fe:?}"
                        ))
                    }
                    Ok(Value::Object(_)) if fe.path.is_empty() => {
                        return Err(format!("an error without a path: {fe:?}"))
                    }
                    _ => {}
                }
            }
            Ok(None)
        }
    }
}

fn explain_everywhere(rs: &RuleSet, o: &Order, rng_seed: u64) {
    let mut rng = Rng(rng_seed | 1);
    for now in [
        "2026-11-21T02:05:00Z",
        "2026-11-21T02:35:00Z",
        "2026-03-08T07:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999Z",
    ] {
        let now = Timestamp::parse_rfc3339(now).unwrap();
        let locale = rng.pick(&["en", "ru-RU", "zh-Hans-CN", "de", "", "*;q=0"]);
        let d = rs.explain(o, now, locale);
        assert!(!d.reasons.is_empty(), "no reasons");
        let v = d.to_value();
        let mut problems = Vec::new();
        check_invariants(&v, &mut problems);
        // Missing order data may legitimately print the '—' placeholder.
        problems.retain(|p| !p.contains('—'));
        assert!(problems.is_empty(), "at {now}: {problems:?}");
        if let Some(vu) = d.valid_until {
            assert!(vu > now, "valid_until {vu} is not after now {now}");
        }
    }
}

/// SPEC §3 valid_until on generated orders at ordinary times: the same
/// diagnosis 1 ms before it, a different one at it.
fn valid_until_exact(rs: &RuleSet, o: &Order, now: Timestamp, locale: &str) -> Result<(), String> {
    let d = rs.explain(o, now, locale);
    let Some(vu) = d.valid_until else {
        return Ok(());
    };
    let base = timeless(d.to_value());
    if timeless(rs.explain(o, vu.plus_ms(-1), locale).to_value()) != base {
        return Err(format!(
            "at {now}: the diagnosis already differs 1 ms before valid_until {vu}"
        ));
    }
    if timeless(rs.explain(o, vu, locale).to_value()) == base {
        return Err(format!(
            "at {now}: the diagnosis is unchanged at valid_until {vu}"
        ));
    }
    Ok(())
}

/// Rules documents that must compile.
fn rule_sets(docs: &[&str]) -> Vec<RuleSet> {
    docs.iter()
        .map(|t| RuleSet::from_json(t).unwrap())
        .collect()
}

/// A parser fed noise: it accepts the text or rejects it with located errors
/// (`rules_located`, `order_located`), and never panics.
macro_rules! fuzz_parser {
    ($($test:ident: $name:literal, $seed:literal, $gen:ident, $located:ident;)*) => {$(
        #[test]
        fn $test() {
            fuzz($name, $seed, $gen, |s| $located(s).map(|_| ()));
        }
    )*};
}

fuzz_parser! {
    fuzz_rules_random_bytes: "rules/random bytes", 0x9E37_79B9_7F4A_7C15, random_bytes, rules_located;
    fuzz_rules_token_soup: "rules/token soup", 0xD1B5_4A32_D192_ED03, token_soup, rules_located;
    fuzz_order_random_bytes: "order/random bytes", 0xE703_7ED1_A0B4_28DB, random_bytes, order_located;
    fuzz_order_token_soup: "order/token soup", 0x8EBC_6AF0_9C88_C6E3, token_soup, order_located;
}

#[test]
fn fuzz_rules_expression_soup() {
    let order = Order::from_json(SAMPLE_ORDER).unwrap();
    fuzz(
        "rules/expression soup",
        0xA076_1D64_78BD_642F,
        random_rules_doc,
        |s| {
            if let Some(rs) = rules_located(s)? {
                explain_everywhere(&rs, &order, s.len() as u64);
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_order_structured() {
    let sets = rule_sets(&[
        "{}",
        r#"{"settings": {"timezone": "Asia/Shanghai", "support_url": "https://shop.example/help", "extra_business_days": ["2026-10-10"], "holidays": ["2026-10-01"]}}"#,
        r#"{"settings": {"timezone": "America/New_York", "max_payment_attempts": 2, "cancel_allowed_until": "delivered", "auto_confirm_receipt_after": "3bd"}}"#,
    ]);
    fuzz(
        "order/structured",
        0x5899_65CC_7537_4CC3,
        random_order,
        |s| {
            if let Some(o) = order_located(s)? {
                for rs in &sets {
                    explain_everywhere(rs, &o, s.len() as u64);
                }
            }
            Ok(())
        },
    );
}

#[test]
fn valid_until_is_exact_on_generated_orders() {
    let sets = rule_sets(&[
        "{}",
        r#"{"settings": {"timezone": "Asia/Shanghai", "support_url": "https://shop.example/help", "holidays": ["2026-11-23"]}}"#,
        r#"{"settings": {"timezone": "America/New_York", "auto_confirm_receipt_after": "3bd", "weekend": ["fri", "sat"]}}"#,
    ]);
    let nows: Vec<Timestamp> = [
        "2026-11-21T01:50:00Z",
        "2026-11-21T02:30:00Z",
        "2026-11-25T12:00:00Z",
        "2026-03-08T06:30:00Z",
        "2026-12-31T20:00:00Z",
    ]
    .iter()
    .map(|t| Timestamp::parse_rfc3339(t).unwrap())
    .collect();
    // Dates years away are left to the fixture year-far-ahead-date-gains-no-year.
    let realistic = |rng: &mut Rng| {
        random_order(rng)
            .replace("0001-01-01T00:00:00Z", "2026-11-19T23:30:00-05:00")
            .replace("9999-12-31T23:59:59.999Z", "2026-11-23T08:00:00+08:00")
    };
    fuzz(
        "valid_until/generated orders",
        0x1234_5678_9ABC_DEF1,
        realistic,
        |s| {
            let Ok(o) = Order::from_json(s) else {
                return Ok(());
            };
            for rs in &sets {
                for &now in &nows {
                    valid_until_exact(rs, &o, now, "en")?;
                }
            }
            Ok(())
        },
    );
}

#[test]
fn huge_documents() {
    // 100,000 items (far beyond any real order).
    let items = vec![r#"{"sku": "S", "name": "x", "qty": 1, "in_stock": true}"#; 100_000].join(",");
    let text = SAMPLE_ORDER.replacen(r#""items": ["#, &format!(r#""items": [{items},"#), 1);
    let started = Instant::now();
    match Order::from_json(&text) {
        Err(e) => assert!(
            e.errors.iter().any(|x| x.path == "items"),
            "not located at items: {e}"
        ),
        Ok(o) => {
            let _ = RuleSet::defaults().unwrap().explain(
                &o,
                Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap(),
                "en",
            );
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    // 5,000 merchant rules.
    let rules: Vec<String> = (0..5_000)
        .map(|i| format!(r#"{{"id": "r{i}", "when": "status == 'unconfirmed'", "reason": "order_status", "priority": {i}}}"#))
        .collect();
    let text = format!(r#"{{"rules": [{}]}}"#, rules.join(","));
    let started = Instant::now();
    match RuleSet::from_json(&text) {
        Err(e) => assert!(
            e.diagnostics.iter().all(|d| !d.path.is_empty()),
            "not located: {e}"
        ),
        Ok(rs) => {
            let o = Order::from_json(SAMPLE_ORDER).unwrap();
            let _ = rs.explain(
                &o,
                Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap(),
                "en",
            );
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    // A document over the size limit is refused with a located error, quickly.
    let text = format!(
        r#"{{"settings": {{}}, "x": "{}"}}"#,
        "y".repeat(20 * 1024 * 1024)
    );
    let e = RuleSet::from_json(&text)
        .err()
        .expect("a 20 MB document must be refused");
    assert!(
        e.diagnostics
            .iter()
            .all(|d| !d.path.is_empty() || d.line.is_some()),
        "{e}"
    );
    let e = Order::from_json(&text)
        .err()
        .expect("a 20 MB order must be refused");
    assert!(!e.errors.is_empty());
}
