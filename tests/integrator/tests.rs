// The tests of tests/integrator.rs (Node and native) and
// tests/integrator_browser.rs (headless browsers): the Rust API
// (`orderlens::api`) only, against the shared fixtures.

use orderlens::api::{
    self, ActionKind, Audience, Diagnosis, Error, ExplainOptions, RefundStage, Rules,
    SeverityLevel, StageState, TimeZoneSource, Timestamp,
};
use serde_json::Value;

use super::fixtures::{CASES, ERRORS};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

fn ts(text: &str) -> Timestamp {
    Timestamp::parse_rfc3339(text).unwrap()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// The rules of a fixture (its document, or the built-in rules).
fn rules_of(case: &Value) -> Result<Rules, Error> {
    match case.get("rules") {
        Some(doc) => Rules::from_json(&doc.to_string()),
        None => Rules::builtin(),
    }
}

/// The locales a case is checked in.
fn locales_of(case: &Value) -> Vec<String> {
    match (case.get("locales"), case.get("locale")) {
        (Some(Value::Array(l)), _) => l.iter().map(|v| s(v).to_string()).collect(),
        (_, Some(l)) => vec![s(l).to_string()],
        _ => vec!["en".to_string()],
    }
}

/// `reasons[1].body`, `headline.title`, `actions[0].confirm.body`.
fn at_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = v;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.strip_suffix(']')?.parse::<usize>().ok()),
            None => (part, None),
        };
        cur = cur.get(key)?;
        if let Some(i) = index {
            cur = cur.get(i)?;
        }
    }
    Some(cur)
}

/// Every text a customer reads.
fn customer_texts(d: &Diagnosis) -> Vec<&str> {
    let mut out = Vec::new();
    for r in &d.reasons {
        out.extend([r.title.as_str(), r.body.as_str()]);
    }
    for a in &d.actions {
        out.push(&a.label);
        if let Some(c) = &a.confirm {
            out.extend([
                c.title.as_str(),
                c.body.as_str(),
                c.confirm_label.as_str(),
                c.cancel_label.as_str(),
            ]);
        }
    }
    out.extend(d.deadlines.iter().map(|x| x.label.as_str()));
    out.extend(d.timeline.iter().map(|x| x.label.as_str()));
    out
}

/// The fixture's `expect`, checked on the typed diagnosis (and its JSON
/// form for paths and pointers). Mismatches go to `out`.
fn check(name: &str, d: &Diagnosis, expect: &Value, out: &mut Vec<String>) {
    let json: Value = serde_json::to_value(d).unwrap();
    let text = d.to_json();
    let mut fail = |what: String| out.push(format!("{name} ({}): {what}", d.locale));
    let list = |k: &str| expect.get(k).and_then(Value::as_array);
    if let Some(want) = expect.get("headline") {
        if d.headline.reason != s(want) {
            fail(format!("headline {} != {want}", d.headline.reason));
        }
    }
    if let Some(want) = list("reasons") {
        let got: Vec<&str> = d.reasons.iter().map(|r| r.reason.as_str()).collect();
        let want: Vec<&str> = want.iter().map(s).collect();
        if got != want {
            fail(format!("reasons {got:?} != {want:?}"));
        }
    }
    if let Some(want) = list("actions") {
        let got: Vec<ActionKind> = d.actions.iter().map(|a| a.kind).collect();
        let want: Vec<Option<ActionKind>> = want.iter().map(|k| ActionKind::parse(s(k))).collect();
        if got.iter().copied().map(Some).collect::<Vec<_>>() != want {
            fail(format!("actions {got:?} != {want:?}"));
        }
    }
    if let Some(want) = expect.get("primary") {
        let got = d
            .actions
            .iter()
            .find(|a| a.primary)
            .map(|a| a.kind.as_str());
        if got != want.as_str() {
            fail(format!("primary {got:?} != {want}"));
        }
    }
    if let Some(want) = list("deadlines") {
        if want.len() != d.deadlines.len() {
            fail(format!("deadlines {:?} != {want:?}", d.deadlines));
        }
        for (w, g) in want.iter().zip(&d.deadlines) {
            if w.get("kind").is_some_and(|k| s(k) != g.kind)
                || w.get("at").is_some_and(|at| ts(s(at)) != g.at)
            {
                fail(format!("deadline {g:?} != {w}"));
            }
        }
    }
    if let Some(want) = list("timeline") {
        if want.len() != d.timeline.len() {
            fail(format!("timeline {:?} != {want:?}", d.timeline));
        }
        for (w, g) in want.iter().zip(&d.timeline) {
            let time = |k: &str, got: Option<Timestamp>| {
                w.get(k).is_some_and(|v| v.as_str().map(ts) != got)
            };
            if w.get("stage")
                .is_some_and(|x| RefundStage::parse(s(x)) != Some(g.stage))
                || w.get("state").is_some_and(|x| s(x) != g.state.as_str())
                || time("at", g.at)
                || time("from", g.from)
                || time("to", g.to)
            {
                fail(format!("timeline stage {g:?} != {w}"));
            }
        }
    }
    if let Some(want) = expect.get("valid_until") {
        if want.as_str().map(ts) != d.valid_until {
            fail(format!("valid_until {:?} != {want}", d.valid_until));
        }
    }
    for (k, exact) in [("text", true), ("contains", false)] {
        for (path, w) in expect
            .get(k)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            match at_path(&json, path).and_then(Value::as_str) {
                Some(g) if exact && g != s(w) => fail(format!("{path}: {g:?} != {w}")),
                Some(g) if !exact && !g.contains(s(w)) => {
                    fail(format!("{path}: {g:?} does not contain {w}"))
                }
                Some(_) => {}
                None => fail(format!("{path}: no such text")),
            }
        }
    }
    for (ptr, w) in expect
        .get("values")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        // The fixtures' pointers name trace fields by their dotted paths.
        let got = json.pointer(ptr);
        if got != Some(w) {
            fail(format!("{ptr}: {got:?} != {w}"));
        }
    }
    for a in list("absent").into_iter().flatten() {
        if text.contains(s(a)) {
            fail(format!("the diagnosis contains {a}"));
        }
    }
    for a in list("absent_text").into_iter().flatten() {
        let forms = [s(a).to_lowercase(), s(a).to_lowercase().replace('_', " ")];
        for t in customer_texts(d) {
            let low = t.to_lowercase();
            if forms.iter().any(|f| low.contains(f.as_str())) {
                fail(format!("a customer text contains {a}: {t:?}"));
            }
        }
    }
}

/// `evaluate` at the diagnosis's time: the diagnosis minus the words; its
/// serde JSON is the engine's; it deserializes to itself.
fn check_decision(
    name: &str,
    rules: &Rules,
    order: &str,
    view: Audience,
    d: &Diagnosis,
    out: &mut Vec<String>,
) {
    let typed = orderlens::Order::from_json(order).unwrap();
    let e = rules.evaluate_order_for(&typed, d.now, view);
    let reasons: Vec<&str> = d.reasons.iter().map(|r| r.reason.as_str()).collect();
    let actions: Vec<ActionKind> = d.actions.iter().map(|a| a.kind).collect();
    let deadlines: Vec<(&str, Timestamp)> = d
        .deadlines
        .iter()
        .map(|x| (x.kind.as_str(), x.at))
        .collect();
    // The matched rules, as the trace names them (once each).
    let mut traced: Vec<String> = Vec::new();
    for t in &d.trace {
        if !traced.contains(&t.rule) {
            traced.push(t.rule.clone());
        }
    }
    let decided: Vec<(&str, Timestamp)> = e
        .deadlines
        .iter()
        .map(|x| (x.kind.as_str(), x.at))
        .collect();
    if e.order_id != d.order_id
        || e.reasons != reasons
        || e.actions != actions
        || decided != deadlines
        || e.rules != traced
    {
        out.push(format!(
            "{name}: evaluate {e:?} is not the diagnosis's decision"
        ));
    }
    // The decision changes no sooner than the diagnosis.
    if let (Some(a), Some(b)) = (d.valid_until, e.valid_until) {
        if b < a {
            out.push(format!(
                "{name}: evaluate's valid_until {b:?} before the diagnosis's {a:?}"
            ));
        }
    }
    let json = serde_json::to_string(&e).unwrap();
    let buyer_json = (view == Audience::Buyer).then(|| rules.evaluate_json(order, d.now).unwrap());
    if json != e.to_json() || buyer_json.is_some_and(|b| b != json) {
        out.push(format!(
            "{name}: evaluate's serde JSON {json} differs from {}",
            e.to_json()
        ));
    }
    if serde_json::from_str::<api::Decision>(&json).unwrap() != e {
        out.push(format!(
            "{name}: the decision does not deserialize to itself"
        ));
    }
}

/// Every case fixture through the public API, in each of its locales:
/// its expected outputs; the serde JSON equals the engine's own JSON byte
/// for byte (and `explain_json`'s); the JSON deserializes back to the same
/// values.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_case_fixture_gives_its_expected_diagnosis() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, src) in CASES {
        let case: Value = serde_json::from_str(src).unwrap();
        let rules = match rules_of(&case) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}: rules rejected: {e}"));
                continue;
            }
        };
        let order = case["order"].to_string();
        for locale in locales_of(&case) {
            let mut options = ExplainOptions::at(s(&case["now"]))
                .unwrap()
                .locale(&*locale);
            if let Some(zone) = case.get("time_zone") {
                options = options.time_zone(s(zone));
            }
            if case.get("audience").and_then(Value::as_str) == Some("merchant") {
                options = options.audience(Audience::Merchant);
            }
            let d = match rules.explain(&order, &options) {
                Ok(d) => d,
                Err(e) => {
                    failures.push(format!("{name}: {e}"));
                    continue;
                }
            };
            check(name, &d, &case["expect"], &mut failures);

            let serde_text = serde_json::to_string(&d).unwrap();
            if serde_text != d.to_json() {
                failures.push(format!(
                    "{name} ({locale}): serde JSON differs\n  serde:  {serde_text}\n  engine: {}",
                    d.to_json()
                ));
            }
            if rules.explain_json(&order, &options).unwrap() != serde_text {
                failures.push(format!("{name} ({locale}): explain_json differs"));
            }
            let back: Diagnosis = serde_json::from_str(&serde_text).unwrap();
            if back != d {
                failures.push(format!("{name} ({locale}): does not deserialize to itself"));
            }
            check_decision(name, &rules, &order, options.view(), &d, &mut failures);
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every fixture, most in several locales.
    assert!(checked >= CASES.len(), "{checked} diagnoses checked");
}

/// Every error fixture: rejected with the expected located diagnostics.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_error_fixture_is_a_located_error() {
    let mut failures = Vec::new();
    for (name, src) in ERRORS {
        let case: Value = serde_json::from_str(src).unwrap();
        let expect = &case["expect_error"];
        let rules = match (case.get("rules"), case.get("rules_text")) {
            (_, Some(t)) => Rules::from_json(s(t)),
            (Some(doc), None) => Rules::from_json(&doc.to_string()),
            (None, None) => Rules::builtin(),
        };
        let result = rules.and_then(|r| {
            let order = match (case.get("order"), case.get("order_text")) {
                (_, Some(t)) => s(t).to_string(),
                (Some(o), None) => o.to_string(),
                (None, None) => "{}".to_string(),
            };
            r.explain(&order, &ExplainOptions::at("2026-11-21T02:05:00Z").unwrap())
        });
        let err = match (s(&expect["kind"]), result) {
            (_, Ok(_)) => {
                failures.push(format!("{name}: no error"));
                continue;
            }
            ("rules", Err(e @ Error::Rules(_))) | ("order", Err(e @ Error::Order(_))) => e,
            (kind, Err(e)) => {
                failures.push(format!("{name}: expected a {kind} error, got: {e}"));
                continue;
            }
        };
        let found = err.diagnostics();
        let errors = found
            .iter()
            .filter(|d| d.severity == api::DiagnosticSeverity::Error);
        if let Some(n) = expect["count"].as_u64() {
            if errors.count() as u64 != n {
                failures.push(format!("{name}: expected {n} errors: {err}"));
            }
        }
        let wanted = expect
            .get("diagnostics")
            .or_else(|| expect.get("errors"))
            .and_then(Value::as_array);
        for w in wanted.into_iter().flatten() {
            let matches = |d: &api::Diagnostic| {
                let contains = |k: &str, got: Option<&str>| {
                    w.get(k)
                        .is_none_or(|x| got.is_some_and(|g| g.contains(s(x))))
                };
                w.get("rule")
                    .is_none_or(|r| d.rule.as_deref() == r.as_str())
                    && w.get("path").is_none_or(|p| d.path == s(p))
                    && w.get("line")
                        .is_none_or(|l| d.line.map(|x| x as u64) == l.as_u64())
                    && w.get("column")
                        .is_none_or(|c| d.column.map(|x| x as u64) == c.as_u64())
                    && contains("message_contains", Some(&d.message))
                    && contains("help_contains", d.help.as_deref())
            };
            if !found.iter().any(matches) {
                failures.push(format!("{name}: no diagnostic like {w} in: {err}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const ORDER: &str = include_str!("../../examples/order.json");
const RULES: &str = include_str!("../../examples/rules.json");

/// Compiled bytes give the same diagnoses as the document they come from,
/// and a page's locales-only bytes the same in those locales.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn compiled_rules_explain_like_their_document() {
    let doc = Rules::from_json(RULES).unwrap();
    let bytes = Rules::from_bytes(&doc.to_bytes()).unwrap();
    let zh = Rules::load(&doc.to_bytes_for(&["zh-CN"]).unwrap()).unwrap();
    assert_eq!(zh.locales(), ["en", "zh-CN"]);
    let options = ExplainOptions::at("2026-11-21T02:05:00Z").unwrap();
    for locale in ["en", "zh-CN", "ru"] {
        let o = options.clone().locale(locale);
        let want = doc.explain(ORDER, &o).unwrap();
        assert_eq!(bytes.explain(ORDER, &o).unwrap(), want, "{locale}");
        if locale != "ru" {
            assert_eq!(zh.explain(ORDER, &o).unwrap(), want, "{locale}");
        }
    }
    assert_eq!(bytes.fingerprint(), doc.fingerprint());
    assert!(matches!(
        doc.to_bytes_for(&["xx"]),
        Err(Error::InvalidOption { .. })
    ));
}

/// The example order as a front-end shows it: typed values all the way.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_example_order_reads_as_typed_values() {
    let rules = Rules::from_json(RULES).unwrap();
    let d = rules
        .explain(ORDER, &ExplainOptions::at("2026-11-21T02:05:00Z").unwrap())
        .unwrap();
    assert_eq!(d.order_id, "A-1001");
    assert_eq!(d.headline, d.reasons[0]);
    assert_eq!(d.headline.severity, SeverityLevel::ActionRequired);
    let kinds: Vec<ActionKind> = d.actions.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [
            ActionKind::RetryPayment,
            ActionKind::UpdatePaymentMethod,
            ActionKind::CancelOrder
        ]
    );
    let cancel = d
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::CancelOrder)
        .unwrap();
    assert!(cancel.confirm.as_ref().is_some_and(|c| !c.body.is_empty()));
    assert_eq!(d.deadlines[0].at, ts("2026-11-21T02:28:00Z"));
    assert!(d.deadlines[0].label.contains("10:28"));
    assert!(d.support_code.starts_with("OL-"));
    assert!(d.timeline.is_empty());
}

/// A refund's timeline as typed stages.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_refund_reads_as_typed_stages() {
    let order = r#"{"id": "R-1", "status": "cancelled", "created_at": "2026-11-02T08:00:00Z",
      "currency": "USD", "total": 5000,
      "payment": {"method": "card", "state": "succeeded", "updated_at": "2026-11-02T08:01:00Z"},
      "cancellation": {"requested_at": "2026-11-03T08:00:00Z", "by": "buyer", "state": "approved"},
      "refund": {"requested_at": "2026-11-03T08:00:00Z", "approved_at": "2026-11-03T09:00:00Z"}}"#;
    let d = Rules::builtin()
        .unwrap()
        .explain(order, &ExplainOptions::at("2026-11-04T08:00:00Z").unwrap())
        .unwrap();
    let stages: Vec<(RefundStage, StageState)> =
        d.timeline.iter().map(|s| (s.stage, s.state)).collect();
    assert_eq!(stages.len(), 4);
    assert_eq!(stages[0], (RefundStage::RefundRequested, StageState::Done));
    assert_eq!(stages[1], (RefundStage::RefundApproved, StageState::Done));
    let arrival = &d.timeline[3];
    assert!(arrival.from.is_some() && arrival.to.is_some() && arrival.from < arrival.to);
}

/// Bad input is a typed, located error, never a panic.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn bad_input_is_a_located_error() {
    let rules = Rules::builtin().unwrap();
    let options = ExplainOptions::at("2026-11-21T02:05:00Z").unwrap();
    let Err(Error::Order(e)) = rules.explain(r#"{"id": "A", "status": "unconfirmd"}"#, &options)
    else {
        panic!("read a bad order")
    };
    assert!(e.errors.iter().any(|f| f.path == "status"));
    assert!(matches!(
        rules.explain("{not json", &options),
        Err(Error::Order(_))
    ));
    assert!(matches!(
        ExplainOptions::at("yesterday"),
        Err(Error::InvalidOption { .. })
    ));
    let Err(e @ Error::TimeZone { .. }) =
        rules.explain(ORDER, &options.clone().time_zone("Europe/Berln"))
    else {
        panic!("explained in an unknown zone")
    };
    let d = &e.diagnostics()[0];
    assert_eq!(d.path, "time_zone");
    assert_eq!(d.help.as_deref(), Some("did you mean 'Europe/Berlin'?"));
    let Err(Error::Rules(e)) = Rules::from_json(r#"{"settings": {"timezone": "Mars/Base"}}"#)
    else {
        panic!("loaded an unknown zone")
    };
    assert_eq!(e.diagnostics[0].path, "settings.timezone");
    assert!(Rules::from_bytes(b"OLR\x02garbage").is_err());
    assert!(!api::check(r#"{"rules": 7}"#).is_empty());
}

/// The viewer's zone changes how times read, not when deadlines are.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_viewer_time_zone_changes_texts_only() {
    let rules = Rules::from_json(RULES).unwrap(); // Asia/Shanghai
    let options = ExplainOptions::at("2026-11-21T02:05:00Z").unwrap();
    let shop = rules.explain(ORDER, &options).unwrap();
    let viewer = rules
        .explain(ORDER, &options.clone().time_zone("Europe/Moscow"))
        .unwrap();
    assert_eq!(shop.deadlines[0].at, viewer.deadlines[0].at);
    assert!(shop.deadlines[0].label.contains("10:28"));
    assert!(viewer.deadlines[0].label.contains("05:28"));
}

/// A host-chosen fixed offset: the same as the zone's own where the zone
/// has that offset; its own offset where the zone's differs (New York in
/// summer is UTC-4, fixed here at UTC-5).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_fixed_offset_source_is_used_for_every_time() {
    let order = r#"{"id": "A-9", "status": "pending_payment", "created_at": "2026-07-01T14:00:00Z",
      "payment": {"method": "card", "state": "none"}}"#;
    let options = ExplainOptions::at("2026-07-01T14:05:00Z").unwrap();
    for (zone, offset, same) in [
        ("Asia/Shanghai", 8 * 3600, true),
        ("America/New_York", -5 * 3600, false),
    ] {
        let doc = format!(r#"{{"settings": {{"timezone": "{zone}"}}}}"#);
        let builtin = Rules::from_json(&doc).unwrap();
        let fixed = builtin
            .clone()
            .with_time_zone_source(TimeZoneSource::FixedOffset(offset))
            .unwrap();
        assert_eq!(
            fixed.time_zone_source(),
            TimeZoneSource::FixedOffset(offset)
        );
        assert_eq!(fixed.timezone(), zone);
        let a = builtin.explain(order, &options).unwrap();
        let b = fixed.explain(order, &options).unwrap();
        assert_eq!(a == b, same, "{zone}");
        assert_eq!(
            a.deadlines[0].at, b.deadlines[0].at,
            "{zone}: wall-clock deadline"
        );
        if !same {
            // 14:30Z: 10:30 in New York's summer, 09:30 at a fixed UTC-5.
            assert!(
                a.deadlines[0].label.contains("10:30"),
                "{}",
                a.deadlines[0].label
            );
            assert!(
                b.deadlines[0].label.contains("09:30"),
                "{}",
                b.deadlines[0].label
            );
        }
        // And back.
        let again = fixed
            .with_time_zone_source(TimeZoneSource::Builtin)
            .unwrap();
        assert_eq!(again.explain(order, &options).unwrap(), a);
    }
    assert!(Rules::builtin()
        .unwrap()
        .with_time_zone_source(TimeZoneSource::FixedOffset(86_400))
        .is_err());
}

/// A diagnosis received as JSON (from a server) reads into the same typed
/// values; an unknown action kind is an error naming the valid ones.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_diagnosis_from_a_server_deserializes() {
    let rules = Rules::from_json(RULES).unwrap();
    let options = ExplainOptions::at("2026-11-21T02:05:00Z").unwrap();
    let json = rules.explain_json(ORDER, &options).unwrap();
    let d: Diagnosis = serde_json::from_str(&json).unwrap();
    assert_eq!(d, rules.explain(ORDER, &options).unwrap());
    let bad = json.replace("\"retry_payment\"", "\"teleport\"");
    let e = serde_json::from_str::<Diagnosis>(&bad)
        .unwrap_err()
        .to_string();
    assert!(e.contains("teleport") && e.contains("retry_payment"), "{e}");
}

/// `now()` reads the clock (Date.now() in wasm): some time after 2024.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn now_reads_the_clock() {
    assert!(api::now() > ts("2024-01-01T00:00:00Z"));
}

/// A diagnosis with warnings (a display text shortened): they are in the
/// typed values and in the JSON, which serde writes as the engine does.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn warnings_serialize_like_the_engine() {
    let long = "T".repeat(5000);
    let order = format!(
        r#"{{"id": "W-1", "status": "confirmed", "created_at": "2026-11-21T02:00:00Z",
          "items": [{{"sku": "TEA-01", "name": "{long}", "qty": 1}}]}}"#
    );
    let rules = Rules::builtin().unwrap();
    let options = ExplainOptions::at("2026-11-21T02:05:00Z").unwrap();
    let d = rules.explain(&order, &options).unwrap();
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    assert_eq!(d.warnings[0].path, "items[0].name");
    let json = serde_json::to_string(&d).unwrap();
    assert_eq!(json, rules.explain_json(&order, &options).unwrap());
    assert!(json.contains("\"warnings\":[{\"path\":\"items[0].name\""));
    assert_eq!(serde_json::from_str::<Diagnosis>(&json).unwrap(), d);
    // Without warnings the key is left out, and reads back as none.
    let plain = rules.explain(ORDER, &options).unwrap();
    assert!(!serde_json::to_string(&plain).unwrap().contains("warnings"));
}
