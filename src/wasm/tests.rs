//! The JS API from Rust, under wasm-bindgen-test in Node (part of the lib's
//! wasm tests):
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test --target wasm32-unknown-unknown --lib wasm::
//! ```
//!
//! Besides the API's shapes (errors, options, batches), every shared fixture
//! goes through the JS boundary (object → `JSON.stringify` → our reader →
//! diagnosis → `JSON.parse`) and must come back byte for byte as the Rust
//! core's own JSON, with the fixture's expected reasons, on wasm's time-zone
//! source (`Intl`). Native-vs-wasm parity of the shipped package is
//! `scripts/parity.mjs`.

use js_sys::{Array, Function, Object, Reflect, JSON};

use super::{
    check_rules, compile_rules, explain, from_shopify, from_stripe, from_woo_commerce, version,
    CompiledRules,
};
use crate::{Order, RuleSet, Timestamp};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const ORDER: &str = include_str!("../../examples/order.json");
const RULES: &str = include_str!("../../examples/rules.json");
const NOW: &str = "2026-11-21T02:05:00Z";

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap()
}

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn text(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

fn opts(now: &str, locale: &str) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"now".into(), &now.into()).unwrap();
    Reflect::set(&o, &"locale".into(), &locale.into()).unwrap();
    o.into()
}

fn compiled(doc: &str) -> CompiledRules {
    compile_rules(js(doc)).unwrap_or_else(|e| panic!("{}", get(&e, "message").as_string().unwrap()))
}

#[wasm_bindgen_test]
fn explains_the_example_order() {
    let rules = compiled(RULES);
    let d = rules.explain(js(ORDER), opts(NOW, "en")).unwrap();
    assert_eq!(
        get(&get(&d, "headline"), "reason").as_string().unwrap(),
        "payment_declined"
    );
    assert_eq!(
        get(&d, "valid_until").as_string().unwrap(),
        "2026-11-21T02:28:00Z"
    );
    assert!(Array::is_array(&get(&d, "actions")));
    assert_eq!(rules.locales(), vec!["en", "zh-CN", "ru"]);
    assert!(!version().is_empty());

    // The same as the core's own JSON.
    let rs = RuleSet::from_json(RULES).unwrap();
    let order = Order::from_json(ORDER).unwrap();
    let native = rs
        .explain(&order, Timestamp::parse_rfc3339(NOW).unwrap(), "en")
        .to_json();
    assert_eq!(text(&d), native);
    assert_eq!(rules.fingerprint(), rs.fingerprint);
}

#[wasm_bindgen_test]
fn evaluate_gives_the_decision_without_text() {
    let rules = compiled(RULES);
    let e = rules.evaluate(js(ORDER), opts(NOW, "ru")).unwrap();
    assert_eq!(
        text(&e),
        r#"{"order_id":"A-1001","rules":["payment-declined"],"reasons":["payment_declined"],"actions":["retry_payment","update_payment_method","cancel_order"],"deadlines":[{"kind":"auto_cancel","at":"2026-11-21T02:28:00Z"}],"valid_until":"2026-11-21T02:28:00Z"}"#
    );
    // Bad options and bad orders fail as explain's do.
    let e = rules
        .evaluate(js(ORDER), JsValue::from_f64(3.0))
        .err()
        .unwrap();
    assert!(e.is_instance_of::<js_sys::TypeError>());
    let e = rules.evaluate(js("{}"), JsValue::UNDEFINED).err().unwrap();
    assert_eq!(get(&e, "name").as_string().unwrap(), "OrderError");
}

#[wasm_bindgen_test]
fn rules_error_is_an_error_with_diagnostics() {
    let doc = r#"{"rules": [{"id": "x", "when": "payment.stat == 'failed'", "reason": "x"}]}"#;
    let Err(e) = compile_rules(js(doc)) else {
        panic!("compiled a bad document")
    };
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&e, "name").as_string().unwrap(), "RulesError");
    assert!(get(&e, "message")
        .as_string()
        .unwrap()
        .contains("payment.stat"));
    let diags = get(&e, "diagnostics");
    assert!(Array::is_array(&diags));
    let first = Array::from(&diags).get(0);
    assert_eq!(get(&first, "rule").as_string().unwrap(), "x");
    assert_eq!(get(&first, "path").as_string().unwrap(), "rules[0].when");
    assert_eq!(get(&first, "line").as_f64(), Some(1.0));
    assert_eq!(get(&first, "column").as_f64(), Some(1.0));
    assert!(get(&first, "help")
        .as_string()
        .unwrap()
        .contains("payment.state"));
}

#[wasm_bindgen_test]
fn check_rules_never_throws() {
    for input in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from(42),
        JsValue::from_str("{not json"),
        JsValue::from_str("[]"),
        js(r#"{"rules": 7}"#),
        js(RULES),
    ] {
        let r = check_rules(input);
        assert!(get(&r, "ok").as_bool().is_some());
        assert!(Array::is_array(&get(&r, "diagnostics")));
    }
    assert_eq!(get(&check_rules(js(RULES)), "ok").as_bool(), Some(true));
    assert_eq!(
        get(&check_rules(JsValue::from_str("{not json")), "ok").as_bool(),
        Some(false)
    );
}

#[wasm_bindgen_test]
fn order_error_names_the_field() {
    let rules = compiled("{}");
    let bad =
        js(r#"{"id": "A-1", "status": "unconfirmd", "created_at": "2026-11-21T09:58:00+08:00"}"#);
    let e = rules.explain(bad, opts(NOW, "en")).unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&e, "name").as_string().unwrap(), "OrderError");
    let first = Array::from(&get(&e, "errors")).get(0);
    assert_eq!(get(&first, "path").as_string().unwrap(), "status");
    // Nothing, a number, a cyclic object: errors, never panics.
    assert!(rules
        .explain(JsValue::UNDEFINED, JsValue::UNDEFINED)
        .is_err());
    assert!(rules.explain(JsValue::from(1), JsValue::UNDEFINED).is_err());
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    assert!(rules.explain(cyclic.into(), JsValue::UNDEFINED).is_err());
}

#[wasm_bindgen_test]
fn now_and_locale_options() {
    let rules = compiled(RULES);
    let base = text(&rules.explain(js(ORDER), opts(NOW, "en")).unwrap());
    let ms = 1_795_226_700_000.0; // 2026-11-21T02:05:00Z
    for now in [
        JsValue::from(ms),
        js_sys::Date::new(&JsValue::from(ms)).into(),
    ] {
        let o = Object::new();
        Reflect::set(&o, &"now".into(), &now).unwrap();
        assert_eq!(text(&rules.explain(js(ORDER), o.into()).unwrap()), base);
    }
    let d = rules
        .explain(js(ORDER), opts(NOW, "ru-RU,ru;q=0.9"))
        .unwrap();
    assert_eq!(get(&d, "locale").as_string().unwrap(), "ru");
    let o = Object::new();
    Reflect::set(&o, &"locale".into(), &js(r#"["zh-Hans-CN", "en"]"#)).unwrap();
    assert_eq!(
        get(&rules.explain(js(ORDER), o.into()).unwrap(), "locale")
            .as_string()
            .unwrap(),
        "zh-CN"
    );
    for bad in [
        r#"{"now": "yesterday"}"#,
        r#"{"now": {}}"#,
        r#"{"now": 1e300}"#,
        r#"{"locale": 5}"#,
    ] {
        assert!(rules.explain(js(ORDER), js(bad)).is_err(), "{bad}");
    }
}

#[wasm_bindgen_test]
fn the_audience_option() {
    let rules = compile_rules(js(RULES)).unwrap();
    let o = opts(NOW, "en");
    Reflect::set(&o, &"audience".into(), &"merchant".into()).unwrap();
    let d = rules.explain(js(ORDER), o.clone()).unwrap();
    let rule = get(&get(&d, "headline"), "rule").as_string().unwrap();
    assert!(rule.starts_with("merchant-"), "{rule}");
    let e = rules.evaluate(js(ORDER), o).unwrap();
    assert!(text(&get(&e, "rules")).contains("merchant-"));
    // An unknown audience is a RangeError; a non-string a TypeError.
    for (bad, name) in [
        (JsValue::from("seller"), "RangeError"),
        (JsValue::from(1), "TypeError"),
    ] {
        let o = opts(NOW, "en");
        Reflect::set(&o, &"audience".into(), &bad).unwrap();
        let err = rules.explain(js(ORDER), o.clone()).unwrap_err();
        assert_eq!(get(&err, "name").as_string().unwrap(), name);
        assert!(get(&err, "message")
            .as_string()
            .unwrap()
            .starts_with("options.audience"));
        assert!(rules.evaluate(js(ORDER), o).is_err());
    }
}

#[wasm_bindgen_test]
fn batches_keep_going_past_bad_orders() {
    let rules = compiled(RULES);
    let orders = Array::new();
    orders.push(&js(ORDER));
    orders.push(&js(r#"{"id": 1}"#));
    let many = Array::from(
        &rules
            .explain_many(orders.clone().into(), opts(NOW, "en"))
            .unwrap(),
    );
    assert_eq!(many.length(), 2);
    assert_eq!(get(&many.get(0), "order_id").as_string().unwrap(), "A-1001");
    assert_eq!(
        get(&get(&many.get(1), "error"), "name")
            .as_string()
            .unwrap(),
        "OrderError"
    );
    let swept = Array::from(
        &rules
            .sweep(orders.into(), opts("2026-11-21T03:00:00Z", "en"))
            .unwrap(),
    );
    assert_eq!(get(&swept.get(0), "id").as_string().unwrap(), "A-1001");
    assert!(rules
        .explain_many(JsValue::from(3), JsValue::UNDEFINED)
        .is_err());
}

#[wasm_bindgen_test]
fn sweep_gives_the_sellers_queue_in_node() {
    let rules = compiled(RULES);
    let orders = Array::new();
    orders.push(&js(ORDER));
    let options = opts("2026-11-21T03:00:00Z", "en");
    Reflect::set(&options, &"audience".into(), &"merchant".into()).unwrap();
    let swept = rules.sweep(orders.clone().into(), options);
    // The Node build sweeps the seller's queue; the browsers' full build
    // says where to do it.
    if cfg!(feature = "render") {
        let line = Array::from(&swept.unwrap()).get(0);
        assert_eq!(get(&line, "id").as_string().unwrap(), "A-1001");
        assert!(get(&line, "needs_seller").as_bool().is_some());
        assert!(Array::is_array(&get(&line, "upcoming")));
        assert!(Array::is_array(&get(&line, "actions")));
    } else {
        let e = swept.unwrap_err();
        assert_eq!(get(&e, "name").as_string().unwrap(), "RangeError");
        assert!(get(&e, "message").as_string().unwrap().contains("Node"));
    }
    let buyer = Array::from(&rules.sweep(orders.clone().into(), opts(NOW, "en")).unwrap());
    assert!(get(&buyer.get(0), "needs_seller").is_undefined());
    let bad = opts(NOW, "en");
    Reflect::set(&bad, &"audience".into(), &"sellers".into()).unwrap();
    let e = rules.sweep(orders.into(), bad).unwrap_err();
    assert_eq!(get(&e, "name").as_string().unwrap(), "RangeError");
}

#[wasm_bindgen_test]
fn one_shot_explain_reuses_the_last_rules() {
    let a = explain(js(ORDER), opts(NOW, "en"), js(RULES)).unwrap();
    let b = explain(js(ORDER), opts(NOW, "en"), JsValue::from_str(RULES)).unwrap();
    let c = explain(js(ORDER), opts(NOW, "en"), js(RULES)).unwrap();
    assert_eq!(text(&a), text(&c));
    assert_eq!(
        get(&get(&b, "headline"), "reason").as_string().unwrap(),
        "payment_declined"
    );
    let e = explain(js(ORDER), JsValue::UNDEFINED, js(r#"{"rules": 1}"#)).unwrap_err();
    assert_eq!(get(&e, "name").as_string().unwrap(), "RulesError");
}

/// Node's `fs`, through `process.getBuiltinModule` (Node ≥ 20.16); `None`
/// elsewhere (a browser run skips the fixture test).
fn node_fs() -> Option<JsValue> {
    let process = get(&js_sys::global(), "process");
    if !process.is_object() {
        return None;
    }
    let f: Function = get(&process, "getBuiltinModule").dyn_into().ok()?;
    f.call1(&process, &"fs".into()).ok()
}

#[wasm_bindgen_test]
fn every_fixture_crosses_the_boundary_unchanged() {
    let Some(fs) = node_fs() else {
        return;
    };
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cases");
    let readdir: Function = get(&fs, "readdirSync").dyn_into().unwrap();
    let read: Function = get(&fs, "readFileSync").dyn_into().unwrap();
    let Ok(names) = readdir.call1(&fs, &dir.into()) else {
        return; // no fixtures yet
    };
    let mut n = 0;
    let mut rejected = 0;
    for name in Array::from(&names)
        .iter()
        .filter_map(|v| v.as_string())
        .filter(|n| n.ends_with(".json"))
    {
        let path = format!("{dir}/{name}");
        let src = read
            .call2(&fs, &path.as_str().into(), &"utf8".into())
            .unwrap()
            .as_string()
            .unwrap();
        let case = js(&src);
        let now = get(&case, "now").as_string().unwrap();
        let locale = get(&case, "locale")
            .as_string()
            .unwrap_or_else(|| "en".into());
        let rules_doc = get(&case, "rules");
        // The seller's view (SPEC §3.3), when the fixture asks for it.
        let audience = get(&case, "audience").as_string();
        let view = match audience.as_deref() {
            Some("merchant") => crate::model::rules::Audience::Merchant,
            _ => crate::model::rules::Audience::Buyer,
        };
        let options = || {
            let o = opts(&now, &locale);
            if let Some(a) = &audience {
                Reflect::set(&o, &"audience".into(), &a.as_str().into()).unwrap();
            }
            o
        };

        // The core directly, from the fixture's JSON text.
        let v = crate::json::parse(&src).unwrap();
        let core_rules = RuleSet::from_value(v.get("rules"));

        // Through the JS API, with objects: the same outcome.
        let d = match (compile_rules(rules_doc.clone()), core_rules) {
            (Ok(r), Ok(rs)) => {
                let order = Order::from_value(v.get("order").unwrap()).unwrap();
                let d = r.explain(get(&case, "order"), options());
                let d = d.unwrap_or_else(|e| panic!("{name}: {}", text(&get(&e, "errors"))));
                let core = rs
                    .explain_for(
                        &order,
                        Timestamp::parse_rfc3339(&now).unwrap(),
                        &locale,
                        None,
                        view,
                    )
                    .to_json();
                assert_eq!(text(&d), core, "{name}");
                // evaluate: the core's decision, through the JS boundary.
                let e = r.evaluate(get(&case, "order"), options());
                let e = e.unwrap_or_else(|e| panic!("{name}: {}", text(&e)));
                let core = rs
                    .decide_for(&order, Timestamp::parse_rfc3339(&now).unwrap(), view)
                    .to_json();
                assert_eq!(text(&e), core, "{name}: evaluate");
                d
            }
            (Err(e), Err(core)) => {
                // Rejected by both (the native fixture test reports it).
                assert_eq!(
                    Array::from(&get(&e, "diagnostics")).length() as usize,
                    core.diagnostics.len(),
                    "{name}"
                );
                rejected += 1;
                continue;
            }
            (Ok(_), Err(e)) => {
                panic!("{name}: the core rejects the rules, the JS API does not: {e}")
            }
            (Err(e), Ok(_)) => panic!("{name}: the JS API rejects the rules: {}", text(&e)),
        };

        // The fixture's expected reasons, on wasm's time-zone source.
        let expect = get(&case, "expect");
        let want = get(&expect, "reasons");
        if Array::is_array(&want) {
            let reasons: Vec<String> = Array::from(&get(&d, "reasons"))
                .iter()
                .map(|r| get(&r, "reason").as_string().unwrap())
                .collect();
            let want: Vec<String> = Array::from(&want)
                .iter()
                .filter_map(|r| r.as_string())
                .collect();
            assert_eq!(reasons, want, "{name}: reasons");
        }
        if let Some(headline) = get(&expect, "headline").as_string() {
            assert_eq!(
                get(&get(&d, "headline"), "reason").as_string(),
                Some(headline),
                "{name}: headline"
            );
        }
        n += 1;
    }
    web_sys_log(&format!("{n} fixtures crossed the JS boundary unchanged ({rejected} rules documents rejected by both)"));
}

/// Every importer fixture through `fromShopify` / `fromWooCommerce` /
/// `fromStripe` (object → `JSON.stringify` → the importer → `JSON.parse`):
/// the same order document as the Rust core's; every bad payload an
/// `ImportError` with the core's errors.
#[wasm_bindgen_test]
fn every_import_fixture_crosses_the_boundary_unchanged() {
    use crate::import::{self, Platform};
    let Some(fs) = node_fs() else {
        return;
    };
    let readdir: Function = get(&fs, "readdirSync").dyn_into().unwrap();
    let read: Function = get(&fs, "readFileSync").dyn_into().unwrap();
    let files = |sub: &str| -> Vec<(String, String)> {
        let dir = format!("{}/tests/fixtures/import/{sub}", env!("CARGO_MANIFEST_DIR"));
        let names = readdir.call1(&fs, &dir.as_str().into()).unwrap();
        Array::from(&names)
            .iter()
            .filter_map(|v| v.as_string())
            .filter(|n| n.ends_with(".json"))
            .map(|n| {
                let path = format!("{dir}/{n}");
                let src = read
                    .call2(&fs, &path.as_str().into(), &"utf8".into())
                    .unwrap();
                (n, src.as_string().unwrap())
            })
            .collect()
    };
    type Importer = fn(JsValue) -> Result<JsValue, JsValue>;
    let importers: [(Platform, Importer); 3] = [
        (Platform::Shopify, from_shopify),
        (Platform::WooCommerce, from_woo_commerce),
        (Platform::Stripe, from_stripe),
    ];
    let mut n = 0;
    for (platform, f) in importers {
        for (name, src) in files(platform.name()) {
            let v = crate::json::parse(&src).unwrap();
            let core = import::to_document(platform, v.get("payload").unwrap()).unwrap();
            let got = f(get(&js(&src), "payload"))
                .unwrap_or_else(|e| panic!("{name}: {}", get(&e, "message").as_string().unwrap()));
            assert_eq!(text(&got), core.to_json(), "{name}");
            n += 1;
        }
    }
    for (name, src) in files("errors") {
        let v = crate::json::parse(&src).unwrap();
        let platform = Platform::parse(
            v.get("platform")
                .and_then(|p| match p {
                    crate::json::Value::String(s) => Some(s.as_str()),
                    _ => None,
                })
                .unwrap(),
        )
        .unwrap();
        let case = js(&src);
        let (arg, core) = match v.get("payload") {
            Some(p) => (get(&case, "payload"), import::to_document(platform, p)),
            None => {
                let t = get(&case, "payload_text");
                let core = import::parse(&t.as_string().unwrap())
                    .and_then(|p| import::to_document(platform, &p));
                (t, core)
            }
        };
        let core = core.unwrap_err();
        let f = importers.iter().find(|(p, _)| *p == platform).unwrap().1;
        let e = f(arg).unwrap_err();
        assert!(e.is_instance_of::<js_sys::Error>(), "{name}");
        assert_eq!(
            get(&e, "name").as_string().unwrap(),
            "ImportError",
            "{name}"
        );
        let message = get(&e, "message").as_string().unwrap();
        assert!(
            message.starts_with(&format!("cannot read this {}: ", platform.what())),
            "{name}: {message}"
        );
        let paths: Vec<String> = Array::from(&get(&e, "errors"))
            .iter()
            .map(|x| get(&x, "path").as_string().unwrap())
            .collect();
        let want: Vec<String> = core.errors.iter().map(|x| x.path.clone()).collect();
        assert_eq!(paths, want, "{name}");
        n += 1;
    }
    web_sys_log(&format!(
        "{n} importer fixtures crossed the JS boundary unchanged"
    ));
}

#[wasm_bindgen_test]
fn from_stripe_takes_an_object_with_absent_parts() {
    // `refunds: undefined` is left out by JSON.stringify: no refunds.
    let pi = r#"{"id": "pi_1", "object": "payment_intent", "status": "succeeded", "amount": 1500,
                 "currency": "jpy", "created": 1795226280, "metadata": {"order_id": "A-9"}}"#;
    let input = Object::new();
    Reflect::set(&input, &"paymentIntent".into(), &js(pi)).unwrap();
    Reflect::set(&input, &"refunds".into(), &JsValue::UNDEFINED).unwrap();
    let doc = from_stripe(input.into()).unwrap();
    assert_eq!(get(&doc, "id").as_string().unwrap(), "A-9");
    assert_eq!(get(&doc, "total").as_f64(), Some(1500.0));
    assert_eq!(get(&doc, "currency").as_string().unwrap(), "JPY");
    // The document explains like any order.
    let d = explain(doc, opts("2026-11-21T02:05:00Z", "en"), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        get(&get(&d, "headline"), "reason").as_string().unwrap(),
        "awaiting_merchant_confirmation"
    );
    let e = from_shopify(JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&e, "name").as_string().unwrap(), "ImportError");
    assert_eq!(
        get(&e, "message").as_string().unwrap(),
        "cannot read this Shopify order: expected an object, found undefined"
    );
}

fn web_sys_log(s: &str) {
    let console = get(&js_sys::global(), "console");
    if let Ok(f) = get(&console, "log").dyn_into::<Function>() {
        let _ = f.call1(&console, &s.into());
    }
}

#[wasm_bindgen_test]
fn host_floats_match_rust() {
    use crate::host::float::{parse_f64, write_f64};
    let values = [
        0.1,
        -0.0,
        0.0,
        1.0,
        -1.5,
        100.0,
        0.3 + 0.6,
        1e21,
        1e20,
        1.5e22,
        123456.789,
        1e-6,
        1e-7,
        -2.5e-10,
        5e-324,
        2.2250738585072014e-308,
        1.7976931348623157e308,
        9007199254740993.0,
        4.35,
        0.000001234,
        1234567890123456789.0,
    ];
    for f in values {
        let mut got = String::new();
        write_f64(f, &mut got);
        assert_eq!(got, format!("{f}"), "{f:e}");
        assert_eq!(
            parse_f64(&got).map(f64::to_bits),
            Some(f.to_bits()),
            "{got}"
        );
    }
    for text in [
        "0.1",
        "1e400",
        "-1e400",
        "2.5E-3",
        "1.00000000000000011102230246251565404236316680908203125",
        "9007199254740993",
        "123456789012345678901234567890",
        "4.9e-324",
        "2e-324",
        "0.0000000000000000000001",
    ] {
        assert_eq!(
            parse_f64(text).map(f64::to_bits),
            text.parse::<f64>().ok().map(f64::to_bits),
            "{text}"
        );
    }
}

#[wasm_bindgen_test]
fn compiled_bytes_load_back_with_the_same_diagnosis() {
    let rules = compiled(RULES);
    let bytes = rules.to_bytes(JsValue::UNDEFINED).unwrap();
    assert_eq!(bytes.get(..3), Some(&b"OLR"[..]));
    // The bytes are those of the Rust core (what `orderlens compile` writes).
    assert_eq!(bytes, RuleSet::from_json(RULES).unwrap().to_bytes());
    // { locales } keeps those (and English) only, as `compile --locales`.
    let opts_ru = js(r#"{"locales": ["ru"]}"#);
    let ru = rules.to_bytes(opts_ru).unwrap();
    let core = RuleSet::from_json(RULES).unwrap();
    assert_eq!(ru, core.with_locales(&["ru"]).unwrap().to_bytes());
    let e = rules.to_bytes(js(r#"{"locales": ["de"]}"#)).err().unwrap();
    assert_eq!(get(&e, "name").as_string().unwrap(), "RangeError");
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    let back = compile_rules(array.clone().into()).unwrap();
    assert_eq!(back.fingerprint(), rules.fingerprint());
    for locale in ["en", "zh-CN", "ru"] {
        assert_eq!(
            text(&back.explain(js(ORDER), opts(NOW, locale)).unwrap()),
            text(&rules.explain(js(ORDER), opts(NOW, locale)).unwrap()),
        );
    }
    // An ArrayBuffer works too, and so does the one-shot explain.
    let from_buffer = compile_rules(array.buffer().into()).unwrap();
    assert_eq!(from_buffer.fingerprint(), rules.fingerprint());
    // Nothing (an empty response) is an error, never the built-in rules.
    for empty in [
        JsValue::from(js_sys::Uint8Array::new_with_length(0)),
        JsValue::from(js_sys::ArrayBuffer::new(0)),
        JsValue::from_str(""),
        JsValue::from_str(" \n"),
    ] {
        let e = compile_rules(empty).err().unwrap();
        assert_eq!(get(&e, "name").as_string().unwrap(), "RulesError");
        assert!(get(&e, "message").as_string().unwrap().contains("empty"));
    }
    let d = explain(js(ORDER), opts(NOW, "en"), array.clone().into()).unwrap();
    assert_eq!(
        text(&d),
        text(&rules.explain(js(ORDER), opts(NOW, "en")).unwrap())
    );
    // Damaged bytes are a RulesError, not a panic.
    let cut = js_sys::Uint8Array::from(&bytes[..bytes.len() / 2]);
    let e = compile_rules(cut.into()).err().unwrap();
    assert_eq!(get(&e, "name").as_string().unwrap(), "RulesError");
    assert!(get(&e, "message")
        .as_string()
        .unwrap()
        .contains("damaged or cut short"));
}

#[wasm_bindgen_test]
fn time_zone_option_and_catalog_messages() {
    let rules = compiled(
        r#"{"settings": {"timezone": "Asia/Shanghai", "support_url": "https://shop.example/help"}}"#,
    );
    let order = js(
        r#"{"id": "Z-1", "status": "pending_payment", "created_at": "2026-11-21T09:58:00+08:00"}"#,
    );
    let label = |o: JsValue| {
        let d = rules.explain(order.clone(), o).unwrap();
        get(&Array::from(&get(&d, "deadlines")).get(0), "label")
            .as_string()
            .unwrap()
    };
    assert_eq!(
        label(opts(NOW, "en")),
        "Cancelled automatically if not paid by 10:28"
    );
    let la = opts(NOW, "en");
    Reflect::set(&la, &"timeZone".into(), &"America/Los_Angeles".into()).unwrap();
    assert_eq!(label(la), "Cancelled automatically if not paid by 18:28");
    let bad = opts(NOW, "en");
    Reflect::set(&bad, &"timeZone".into(), &"Mars/Base".into()).unwrap();
    let e = rules.explain(order.clone(), bad).unwrap_err();
    assert!(get(&e, "message")
        .as_string()
        .unwrap()
        .contains("options.timeZone"));

    let m = rules
        .message(
            "widget.countdown",
            js(r#"{"minutes": 23}"#),
            opts(NOW, "ru"),
        )
        .unwrap();
    assert_eq!(m, "осталось 23 мин");
    assert_eq!(
        rules.support_url().as_deref(),
        Some("https://shop.example/help")
    );
}
