//! The importers (SPEC §4.3), end to end and data-driven:
//! `tests/fixtures/import/<platform>/*.json` are platform payloads recreated
//! from each platform's public API reference, checked from the platform's
//! JSON to the order document to the diagnosis; `tests/fixtures/import/errors/`
//! are bad payloads and the located errors they must give.
//!
//! A case file (the platform is its folder's name):
//!
//! ```json
//! { "description": "...", "source": "where the payload comes from",
//!   "now": "RFC 3339", "locale": "en", "rules": { ...optional rules document... },
//!   "payload": { ...the platform's JSON... },
//!   "expect": {
//!     "order": { ...order document fields... },
//!     "headline": "reason", "reasons": ["..."], "actions": ["..."] } }
//! ```
//!
//! `expect.order` is partial: every key given is compared, objects key by
//! key (recursively), arrays element by element with the same length; `null`
//! means absent or null. The diagnosis is `RuleSet` (the built-in rules, or
//! `rules` layered over them) `explain`ed at `now`; it must also explain in
//! every built-in locale.
//!
//! An error file:
//!
//! ```json
//! { "description": "...", "platform": "shopify" | "woocommerce" | "stripe",
//!   "payload": { ... } | "payload_text": "raw text",
//!   "count": N,
//!   "errors": [{ "path": "...", "message_contains": "...", "help_contains": "..." }] }
//! ```
//!
//! `count` is the number of errors; each listed error must match one the
//! importer reports (exact path, substrings of message and help).
//!
//! Every mismatch of every file is collected; each test fails once at the end.

// Native: these read fixture files and run the CLI. The wasm tests are
// in src/wasm/tests.rs and run the same fixtures through the JS boundary.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use orderlens::import::{self, Platform};
use orderlens::json::{self, Value};
use orderlens::time::Timestamp;
use orderlens::RuleSet;
use std::path::{Path, PathBuf};

fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(sub)
}

fn files(sub: &str) -> Vec<PathBuf> {
    let d = dir(sub);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&d)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", d.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

fn read(p: &Path) -> Value {
    let text = std::fs::read_to_string(p).unwrap();
    json::parse(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", p.display()))
}

fn s(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        _ => None,
    }
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    match v.get(key) {
        Some(Value::Array(a)) => a,
        _ => &[],
    }
}

/// `want` ⊆ `got`: every key of an expected object, every element of an
/// expected array (same length); `null` matches absent.
fn subset(path: &str, want: &Value, got: Option<&Value>, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Null, None | Some(Value::Null)) => {}
        (Value::Object(w), Some(g @ Value::Object(_))) => {
            for (k, wv) in w {
                subset(&format!("{path}.{k}"), wv, g.get(k), out);
            }
        }
        (Value::Array(w), Some(Value::Array(g))) if w.len() == g.len() => {
            for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                subset(&format!("{path}[{i}]"), wv, Some(gv), out);
            }
        }
        (w, Some(g)) if w == g => {}
        (w, g) => out.push(format!(
            "{path}: expected {}, got {}",
            w.to_json(),
            g.map_or("(absent)".into(), Value::to_json)
        )),
    }
}

fn run_case(platform: Platform, path: &Path) -> Vec<String> {
    let case = read(path);
    let mut out = Vec::new();
    for (k, _) in match &case {
        Value::Object(m) => m.as_slice(),
        _ => &[],
    } {
        if ![
            "description",
            "source",
            "now",
            "locale",
            "rules",
            "payload",
            "expect",
        ]
        .contains(&k.as_str())
        {
            out.push(format!("unknown top-level key {k:?}"));
        }
    }
    for key in ["description", "source"] {
        if case.get(key).and_then(s).is_none_or(str::is_empty) {
            out.push(format!("missing \"{key}\""));
        }
    }
    let Some(payload) = case.get("payload") else {
        return vec!["missing \"payload\"".into()];
    };
    let expect = case.get("expect").cloned().unwrap_or(Value::Null);
    let doc = match import::to_document(platform, payload) {
        Ok(d) => d,
        Err(e) => {
            return vec![format!(
                "does not import:\n      {}",
                e.to_string().replace('\n', "\n      ")
            )]
        }
    };
    if let Some(want) = expect.get("order") {
        subset("order", want, Some(&doc), &mut out);
    }
    // The document is an ordinary order document: its JSON text reads the same.
    let order = orderlens::Order::from_json(&doc.to_json()).unwrap();
    assert_eq!(import::to_order(platform, payload).unwrap(), order);

    let now = Timestamp::parse_rfc3339(case.get("now").and_then(s).expect("now")).unwrap();
    let rules = RuleSet::from_value(case.get("rules")).unwrap();
    let locale = case.get("locale").and_then(s).unwrap_or("en");
    let d = rules.explain(&order, now, locale).to_value();
    let headline = d.get("headline").and_then(|h| h.get("reason")).cloned();
    if let Some(w) = expect.get("headline") {
        if Some(w) != headline.as_ref() {
            out.push(format!(
                "headline: expected {}, got {:?}",
                w.to_json(),
                headline.map(|h| h.to_json())
            ));
        }
    }
    for (key, field) in [("reasons", "reason"), ("actions", "kind")] {
        if let Some(w) = expect.get(key) {
            let got = Value::Array(
                list(&d, key)
                    .iter()
                    .map(|x| x.get(field).cloned().unwrap_or(Value::Null))
                    .collect(),
            );
            if *w != got {
                out.push(format!(
                    "{key}: expected {}, got {}",
                    w.to_json(),
                    got.to_json()
                ));
            }
        }
    }
    for (k, _) in match &expect {
        Value::Object(m) => m.as_slice(),
        _ => &[],
    } {
        if !["order", "headline", "reasons", "actions"].contains(&k.as_str()) {
            out.push(format!("unknown expect key {k:?}"));
        }
    }
    for loc in ["en", "zh-CN", "ru"] {
        let d = rules.explain(&order, now, loc);
        if d.headline.title.trim().is_empty() {
            out.push(format!("{loc}: empty headline title"));
        }
    }
    out
}

fn run_dir(platform: Platform) {
    let mut failures = Vec::new();
    let cases = files(platform.name());
    assert!(
        cases.len() >= 5,
        "{}: at least 5 fixtures, found {}",
        platform.name(),
        cases.len()
    );
    for p in &cases {
        let problems = run_case(platform, p);
        if !problems.is_empty() {
            failures.push(format!(
                "{}:\n    {}",
                p.file_name().unwrap().to_string_lossy(),
                problems.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} {} fixtures failed:\n{}",
        failures.len(),
        cases.len(),
        platform.name(),
        failures.join("\n")
    );
}

#[test]
fn shopify_fixtures() {
    run_dir(Platform::Shopify);
}

#[test]
fn woocommerce_fixtures() {
    run_dir(Platform::WooCommerce);
}

#[test]
fn stripe_fixtures() {
    run_dir(Platform::Stripe);
}

fn run_error(path: &Path) -> Vec<String> {
    let case = read(path);
    let mut out = Vec::new();
    let Some(platform) = case.get("platform").and_then(s).and_then(Platform::parse) else {
        return vec!["missing or unknown \"platform\"".into()];
    };
    if case.get("description").and_then(s).is_none() {
        out.push("missing \"description\"".into());
    }
    let result = match (case.get("payload"), case.get("payload_text").and_then(s)) {
        (Some(p), None) => import::to_document(platform, p),
        (None, Some(t)) => import::parse(t).and_then(|v| import::to_document(platform, &v)),
        _ => return vec!["give one of \"payload\" and \"payload_text\"".into()],
    };
    let errors = match result {
        Ok(doc) => return vec![format!("imported without an error: {}", doc.to_json())],
        Err(e) => e.errors,
    };
    let shown = || {
        errors
            .iter()
            .map(|e| format!("{e}"))
            .collect::<Vec<_>>()
            .join("\n      ")
    };
    for e in &errors {
        if e.message.trim().is_empty() || e.message.chars().next().is_some_and(char::is_uppercase) {
            out.push(format!("message is not a lowercase sentence: {e}"));
        }
    }
    if let Some(n) = case.get("count") {
        if *n != Value::from(errors.len() as i64) {
            out.push(format!(
                "count: expected {}, got {}:\n      {}",
                n.to_json(),
                errors.len(),
                shown()
            ));
        }
    }
    for w in list(&case, "errors") {
        let path = w.get("path").and_then(s).unwrap_or("");
        let msg = w.get("message_contains").and_then(s).unwrap_or("");
        let help = w.get("help_contains").and_then(s);
        let found = errors.iter().any(|e| {
            e.path == path
                && e.message.contains(msg)
                && help.is_none_or(|h| e.help.as_deref().is_some_and(|x| x.contains(h)))
        });
        if !found {
            out.push(format!(
                "no error at {path:?} with message containing {msg:?}{}; got:\n      {}",
                help.map(|h| format!(" and help containing {h:?}"))
                    .unwrap_or_default(),
                shown()
            ));
        }
    }
    out
}

#[test]
fn bad_payloads_give_located_errors() {
    let cases = files("errors");
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for p in &cases {
        let problems = run_error(p);
        if !problems.is_empty() {
            failures.push(format!(
                "{}:\n    {}",
                p.file_name().unwrap().to_string_lossy(),
                problems.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} error fixtures failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Hostile payloads: any JSON value, in any platform, is imported or
/// refused with located errors; never a panic.
#[test]
fn any_json_is_imported_or_refused_with_errors() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const KEYS: &[&str] = &[
        "financial_status",
        "fulfillment_status",
        "fulfillments",
        "refunds",
        "transactions",
        "status",
        "currency",
        "total_price",
        "total",
        "created_at",
        "date_created_gmt",
        "id",
        "name",
        "paymentIntent",
        "amount",
        "created",
        "dispute",
        "order",
        "last_payment_error",
        "latest_charge",
        "line_items",
        "cancelled_at",
        "cancel_reason",
        "shipment_status",
        "presentment_currency",
        "total_price_set",
        "presentment_money",
        "data",
        "object",
    ];
    const LEAVES: &[&str] = &[
        "null",
        "true",
        "0",
        "-1",
        "1.5",
        "1e400",
        "\"\"",
        "\"paid\"",
        "\"USD\"",
        "\"jpy\"",
        "\"12.50\"",
        "\"-9.00\"",
        "\"2017-03-22T19:28:02\"",
        "\"2008-01-10T11:00:00-05:00\"",
        "1700000000",
        "9223372036854775807",
        "\"succeeded\"",
        "\"refund\"",
        "\"success\"",
        "\"requires_payment_method\"",
        "\"delivered\"",
        "\"processing\"",
        "\"payment_intent\"",
    ];
    fn gen(next: &mut dyn FnMut() -> u64, depth: u32) -> String {
        let r = next();
        if depth == 0 || r % 5 == 0 {
            return LEAVES[(r / 7) as usize % LEAVES.len()].to_string();
        }
        if r % 5 == 1 {
            let n = (r / 11) % 3;
            let items: Vec<String> = (0..n).map(|_| gen(next, depth - 1)).collect();
            return format!("[{}]", items.join(","));
        }
        let n = (r / 13) % 6;
        let fields: Vec<String> = (0..n)
            .map(|_| {
                let k = KEYS[(next() % KEYS.len() as u64) as usize];
                format!("\"{k}\":{}", gen(next, depth - 1))
            })
            .collect();
        format!("{{{}}}", fields.join(","))
    }
    let rules = RuleSet::defaults().unwrap();
    let now = Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap();
    let mut imported = 0;
    for i in 0..3000 {
        let text = gen(&mut next, 5);
        let v = json::parse(&text).unwrap();
        let platform = [Platform::Shopify, Platform::WooCommerce, Platform::Stripe][i % 3];
        match import::to_order(platform, &v) {
            Ok(o) => {
                imported += 1;
                let _ = rules.explain(&o, now, "en");
            }
            Err(e) => {
                assert!(!e.errors.is_empty(), "{text}: refused without an error");
                for fe in &e.errors {
                    assert!(!fe.message.is_empty(), "{text}: empty message");
                    let root_ok = !matches!(v, Value::Object(_));
                    assert!(
                        root_ok || !fe.path.is_empty(),
                        "{text}: error without a path: {fe}"
                    );
                }
            }
        }
    }
    // Mostly refusals, by design; the generator is not meant to hit valid ones.
    let _ = imported;
}

/// Every fixture payload mutated at random places (a value replaced, a key
/// removed, an array element repeated): imported, or refused with errors
/// that have a path; never a panic. Most mutations of a valid payload keep
/// it valid, so this also explains many odd but valid orders.
#[test]
fn mutated_fixture_payloads() {
    #[derive(Clone)]
    enum Step {
        Key(usize),
        Index(usize),
    }
    fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        out.push(here.clone());
        match v {
            Value::Object(m) => {
                for (i, (_, c)) in m.iter().enumerate() {
                    here.push(Step::Key(i));
                    paths(c, here, out);
                    here.pop();
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    here.push(Step::Index(i));
                    paths(c, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }
    fn mutate(v: &mut Value, path: &[Step], r: u64) {
        const LEAVES: &[&str] = &[
            "null",
            "true",
            "0",
            "-1",
            "2.5",
            "\"\"",
            "\"x\"",
            "[]",
            "{}",
            "\"-1.00\"",
            "\"1e5\"",
            "\"2017-03-22T19:28:02\"",
            "\"2026-02-30T10:00:00Z\"",
            "-99999999999",
            "\"9999999999999999999.99\"",
            "\"refunded\"",
            "\"success\"",
            "\"delivered\"",
            "\"canceled\"",
            "\"eur\"",
        ];
        match (path.first(), v) {
            (None, v) => *v = json::parse(LEAVES[(r % LEAVES.len() as u64) as usize]).unwrap(),
            (Some(Step::Key(i)), Value::Object(m)) => {
                if path.len() == 1 && r % 4 == 0 {
                    m.remove(*i);
                } else {
                    mutate(&mut m[*i].1, &path[1..], r / 4);
                }
            }
            (Some(Step::Index(i)), Value::Array(a)) => {
                if path.len() == 1 && r % 4 == 0 {
                    let dup = a[*i].clone();
                    a.push(dup);
                } else {
                    mutate(&mut a[*i], &path[1..], r / 4);
                }
            }
            _ => unreachable!(),
        }
    }
    let mut seed: u64 = 0xD1B5_4A32_D192_ED03;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let rules = RuleSet::defaults().unwrap();
    let (mut imported, mut refused) = (0, 0);
    for platform in [Platform::Shopify, Platform::WooCommerce, Platform::Stripe] {
        for file in files(platform.name()) {
            let case = read(&file);
            let payload = case.get("payload").unwrap();
            let now = Timestamp::parse_rfc3339(case.get("now").and_then(s).unwrap()).unwrap();
            for _ in 0..60 {
                let mut v = payload.clone();
                for _ in 0..=(next() % 3) {
                    let mut again = Vec::new();
                    paths(&v, &mut Vec::new(), &mut again);
                    let at = &again[(next() % again.len() as u64) as usize];
                    mutate(&mut v, at, next());
                }
                match import::to_order(platform, &v) {
                    Ok(o) => {
                        imported += 1;
                        for loc in ["en", "ru"] {
                            assert!(!rules.explain(&o, now, loc).headline.title.is_empty());
                        }
                    }
                    Err(e) => {
                        refused += 1;
                        assert!(!e.errors.is_empty());
                        for fe in &e.errors {
                            assert!(
                                !fe.path.is_empty() || !matches!(v, Value::Object(_)),
                                "{}: an error without a path: {fe}\n{}",
                                file.display(),
                                v.to_json()
                            );
                        }
                    }
                }
            }
        }
    }
    eprintln!("mutated payloads: {imported} imported, {refused} refused");
    assert!(
        imported > 100 && refused > 100,
        "imported {imported}, refused {refused}"
    );
}
