//! Properties over generated input (proptest), each shrunk to a minimal
//! case when it breaks:
//! - business-day arithmetic is monotone and skips exactly the days that
//!   are not business days;
//! - layering a document twice equals layering it once, and equals the
//!   full document that layering produces;
//! - compile → bytes → load → explain gives the diagnosis the document gives;
//! - no generated order and rules make an explanation evaluate more
//!   condition parts than its budget (`eval::steps`, a count, not a clock).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use orderlens::calendar::Calendar;
use orderlens::json::{self, Value};
use orderlens::rules::eval::steps;
use orderlens::rules::limits;
use orderlens::time::{Date, Weekday};
use orderlens::{Diagnosis, Order, RuleSet, Timestamp};
use proptest::prelude::*;

const ZONES: [&str; 5] = [
    "UTC",
    "Asia/Shanghai",
    "America/New_York",
    "Europe/Moscow",
    "Australia/Lord_Howe",
];

/// 2026-11-21T02:05:00Z, the fixtures' usual "now".
const BASE: i64 = 1_795_226_700_000;

fn ts(t: i64) -> String {
    format!("\"{}\"", Timestamp(t).to_rfc3339())
}

// ---------------------------------------------------------------- calendars

fn calendar() -> impl Strategy<Value = (Calendar, Vec<Date>)> {
    let day0 = Date::new(2026, 1, 1).unwrap().days();
    (
        prop::sample::select(&ZONES[..]),
        // A weekend of at most five days (a week needs business days).
        prop::sample::subsequence(Weekday::ALL.to_vec(), 0..=5),
        prop::collection::vec(0i64..730, 0..40),
        prop::collection::vec(0i64..730, 0..6),
    )
        .prop_map(move |(zone, weekend, holidays, extra)| {
            let day = |d: &i64| Date::from_days(day0 + d);
            let mut holidays: Vec<Date> = holidays.iter().map(day).collect();
            holidays.sort();
            holidays.dedup();
            let mut extra: Vec<Date> = extra.iter().map(day).collect();
            extra.sort();
            extra.dedup();
            let cal = Calendar::new(zone, &weekend, &holidays, &extra).unwrap();
            (cal, holidays)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn business_days_are_monotone_and_skip_exactly_the_days_off(
        (cal, _) in calendar(),
        offset_min in 0i64..(365 * 24 * 60),
        a in 0u32..30,
        b in 0u32..30,
    ) {
        let t = Timestamp(BASE + offset_min * 60_000);
        let (n1, n2) = (a.min(b), a.max(b));
        let (r1, r2) = (cal.add_business_days(t, n1), cal.add_business_days(t, n2));
        // Monotone in the count, and never before the start.
        prop_assert!(r1 <= r2, "{n1} bd -> {r1:?}, {n2} bd -> {r2:?}");
        prop_assert!(t <= r1);
        // Skips exactly the days that are not business days: between the
        // start's local date and the result's, n business days, and the
        // result's date is one.
        let start = cal.local(t).0;
        for (n, r) in [(n1, r1), (n2, r2)] {
            let end = cal.local(r).0;
            prop_assert!(cal.is_business_day(end), "{n} bd lands on a day off {end:?}");
            let counted = (start.days() + 1..=end.days())
                .filter(|d| cal.is_business_day(Date::from_days(*d)))
                .count() as u32;
            if n == 0 {
                // 0 bd: the start itself on a business day, else the next one.
                prop_assert_eq!(counted, u32::from(!cal.is_business_day(start)));
                if cal.is_business_day(start) {
                    prop_assert_eq!(r, t);
                }
            } else {
                prop_assert_eq!(counted, n, "from {:?} to {:?}", start, end);
            }
            // Going back the same number of business days returns to the
            // start's business day (or, from a day off, the one before).
            let back = cal.local(cal.sub_business_days(r, n)).0;
            if cal.is_business_day(start) {
                prop_assert_eq!(back, start);
            }
        }
    }
}

// ---------------------------------------------------- documents and orders

/// A condition from a small grammar that reaches every kind of node:
/// comparisons, `in`, thresholds (business days too), item functions.
fn condition() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        prop::sample::select(
            &[
                "unconfirmed",
                "pending_payment",
                "confirmed",
                "shipped",
                "refunded"
            ][..]
        )
        .prop_map(|s| format!("status == '{s}'")),
        (0i64..300_000).prop_map(|n| format!("total >= {n}")),
        Just("payment.state in ['failed', 'pending', 'processing']".to_string()),
        Just("is_set(shipment.shipped_at)".to_string()),
        (1u32..72, prop::sample::select(&["m", "h", "d", "bd"][..]))
            .prop_map(|(n, u)| format!("age(created_at) >= {n}{u}")),
        (1u32..72, prop::sample::select(&["m", "h", "bd"][..]))
            .prop_map(|(n, u)| format!("until(expected.auto_cancel_at) < {n}{u}")),
        (1u32..300).prop_map(|n| format!("age(payment.updated_at) > {n}m")),
        (1u32..96)
            .prop_map(|n| format!("any(items, !item.in_stock && until(item.restock_at) > {n}h)")),
        (0u32..4).prop_map(|n| format!("count(items, item.qty > {n}) >= 1")),
        Just("all(items, item.in_stock)".to_string()),
    ];
    atom.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} && {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} || {b})")),
            inner.prop_map(|a| format!("!({a})")),
        ]
    })
}

/// A merchant document: settings, overrides of built-in rules (a field, or
/// disabled), new rules with built-in reasons (whose messages exist in
/// every locale).
fn document() -> impl Strategy<Value = String> {
    let settings = (
        prop::sample::select(&ZONES[..]),
        prop::collection::vec(0i64..60, 0..4),
        prop::sample::select(&["30m", "2h", "1bd", "3bd"][..]),
        prop::sample::select(&["1h", "2bd", "1d"][..]),
    )
        .prop_map(|(zone, holidays, cancel, sla)| {
            let day0 = Date::new(2026, 11, 1).unwrap().days();
            let h: Vec<String> = holidays
                .iter()
                .map(|d| format!("\"{}\"", Date::from_days(day0 + d)))
                .collect();
            format!(
                r#"{{"timezone": "{zone}", "holidays": [{}], "auto_cancel_unpaid_after": "{cancel}", "merchant_confirm_sla": "{sla}", "support_url": "https://shop.example/help"}}"#,
                h.join(", ")
            )
        });
    let builtin = prop::sample::select(
        &[
            "payment-declined",
            "out-of-stock",
            "awaiting-merchant-confirmation",
            "refund-in-progress",
            "auto-cancelled-unpaid",
            "in-transit",
        ][..],
    );
    let overrides = prop::collection::vec(
        (
            builtin,
            prop_oneof![
                (-1000i64..1000).prop_map(|p| format!(r#""priority": {p}"#)),
                Just(r#""disabled": true"#.to_string()),
                Just(r#""severity": "warning""#.to_string()),
            ],
        )
            .prop_map(|(id, field)| format!(r#"{{"id": "{id}", {field}}}"#)),
        0..3,
    );
    let reasons = prop::sample::select(
        &[
            "awaiting_merchant_confirmation",
            "out_of_stock",
            "payment_declined",
            "confirmation_delayed",
            "order_status",
        ][..],
    );
    let new_rules =
        prop::collection::vec((condition(), reasons, -50i64..50, prop::bool::ANY), 0..4);
    (settings, overrides, new_rules).prop_map(|(settings, overrides, new_rules)| {
        let mut rules = overrides;
        // One override per built-in id (a second is a duplicate id).
        let mut seen = Vec::new();
        rules.retain(|r| {
            let id = r.split('"').nth(3).unwrap_or_default().to_string();
            let fresh = !seen.contains(&id);
            seen.push(id);
            fresh
        });
        for (i, (when, reason, priority, wait)) in new_rules.into_iter().enumerate() {
            let mut w = String::new();
            json::write_string(&when, &mut w);
            let extra = if wait {
                r#", "wait_until": "expected.merchant_confirm_by""#
            } else {
                ""
            };
            rules.push(format!(
                r#"{{"id": "gen-{i}", "when": {w}, "reason": "{reason}", "priority": {priority}, "actions": ["contact_support"]{extra}}}"#
            ));
        }
        format!(r#"{{"settings": {settings}, "rules": [{}]}}"#, rules.join(", "))
    })
}

/// An order like the fixtures', with up to `max_items` items.
fn order(max_items: usize) -> impl Strategy<Value = (String, i64)> {
    let status = prop::sample::select(
        &[
            "pending_payment",
            "unconfirmed",
            "confirmed",
            "shipped",
            "delivered",
            "cancelled",
            "refunded",
        ][..],
    );
    let state = prop::sample::select(
        &[
            "none",
            "pending",
            "processing",
            "requires_action",
            "failed",
            "succeeded",
            "refunded",
        ][..],
    );
    let code = prop::sample::select(
        &[
            "null",
            "\"card_declined\"",
            "\"expired_card\"",
            "\"fraud_suspected\"",
        ][..],
    );
    let item = (1u32..5, prop::bool::weighted(0.7), prop::option::of(-100i64..400)).prop_map(
        |(qty, in_stock, restock_h)| {
            let restock = restock_h.map_or("null".to_string(), |h| ts(BASE + h * 3_600_000 + 60_000));
            format!(r#"{{"name": "tea", "qty": {qty}, "in_stock": {in_stock}, "restock_at": {restock}}}"#)
        },
    );
    (
        status,
        state,
        code,
        0i64..(20 * 24 * 60),
        prop::option::of(0i64..(300 * 60)),
        prop::option::of(0i64..(300 * 60)),
        prop::collection::vec(item, 1..=max_items),
        0i64..(10 * 24 * 60),
    )
        .prop_map(|(status, state, code, created_min, paid_min, shipped_min, items, now_min)| {
            let created = BASE - created_min * 60_000;
            let at = |m: Option<i64>| m.map_or("null".to_string(), |m| ts(created + m * 60_000));
            let shipment = match shipped_min {
                Some(_) => format!(r#"{{"carrier": "X", "shipped_at": {}}}"#, at(shipped_min)),
                None => "null".to_string(),
            };
            let text = format!(
                r#"{{"id": "P-1", "status": "{status}", "created_at": {}, "currency": "USD", "total": 12900,
                    "payment": {{"method": "card", "state": "{state}", "failure_code": {code}, "attempts": 1, "updated_at": {}}},
                    "items": [{}], "shipment": {shipment}}}"#,
                ts(created),
                at(paid_min),
                items.join(", ")
            );
            (text, BASE + now_min * 60_000)
        })
}

/// The diagnosis without what identifies the document (the support code
/// carries its fingerprint) and the evaluation instant.
fn stable(d: &Diagnosis) -> String {
    match d.to_value() {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| k != "now" && k != "support_code")
                .collect(),
        )
        .to_json(),
        _ => String::new(),
    }
}

// --------------------------------------------------------------- layering

/// `over` layered on `base` as the loader layers a document on the built-in
/// rules: settings, refund windows and each locale's messages key by key; a
/// rule with a known id gets the fields given; other rules are added.
fn layer(base: &Value, over: &Value) -> Value {
    let mut out: Vec<(String, Value)> = match base {
        Value::Object(m) => m.clone(),
        _ => Vec::new(),
    };
    let Value::Object(over) = over else {
        return base.clone();
    };
    for (k, v) in over {
        let merged = match (
            k.as_str(),
            out.iter().find(|(x, _)| x == k).map(|(_, b)| b),
            v,
        ) {
            ("rules", Some(Value::Array(b)), Value::Array(o)) => {
                let mut rules = b.clone();
                for r in o {
                    let id = r.get("id");
                    match rules.iter_mut().find(|x| x.get("id") == id) {
                        Some(x) => *x = merge(x, r),
                        None => rules.push(r.clone()),
                    }
                }
                Value::Array(rules)
            }
            ("messages", Some(b @ Value::Object(_)), Value::Object(o)) => {
                let mut m = b.clone();
                for (tag, keys) in o {
                    let merged = match m.get(tag) {
                        Some(old) => merge(old, keys),
                        None => keys.clone(),
                    };
                    m = merge(&m, &Value::Object(vec![(tag.clone(), merged)]));
                }
                m
            }
            (_, Some(b @ Value::Object(_)), Value::Object(_)) => merge(b, v),
            _ => v.clone(),
        };
        match out.iter_mut().find(|(x, _)| x == k) {
            Some((_, slot)) => *slot = merged,
            None => out.push((k.clone(), merged)),
        }
    }
    Value::Object(out)
}

/// The keys of `b` over those of `a`.
fn merge(a: &Value, b: &Value) -> Value {
    let mut out = match a {
        Value::Object(m) => m.clone(),
        _ => Vec::new(),
    };
    if let Value::Object(m) = b {
        for (k, v) in m {
            match out.iter_mut().find(|(x, _)| x == k) {
                Some((_, slot)) => *slot = v.clone(),
                None => out.push((k.clone(), v.clone())),
            }
        }
    }
    Value::Object(out)
}

fn builtin_document() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/defaults.json");
    json::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn same_rules(
    a: &RuleSet,
    b: &RuleSet,
    orders: &[(Order, Timestamp)],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(&a.settings, &b.settings);
    prop_assert_eq!(&a.windows, &b.windows);
    let ids = |r: &RuleSet| {
        r.rules
            .iter()
            .map(|r| (r.id.clone(), r.priority, r.when.clone()))
            .collect::<Vec<_>>()
    };
    prop_assert_eq!(ids(a), ids(b));
    for (o, now) in orders {
        for locale in ["en", "ru"] {
            prop_assert_eq!(
                stable(&a.explain(o, *now, locale)),
                stable(&b.explain(o, *now, locale))
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn layering_a_document_twice_equals_layering_it_once(
        doc in document(),
        orders in prop::collection::vec(order(3), 3),
    ) {
        let d = json::parse(&doc).unwrap();
        let once = RuleSet::from_value(Some(&d));
        // A generated document the loader refuses has nothing to compare
        // (proptest fails the run if that is most of them).
        prop_assume!(once.is_ok(), "refused: {:?}", once.err());
        let once = once.unwrap();
        let orders: Vec<(Order, Timestamp)> = orders
            .iter()
            .map(|(o, now)| (Order::from_json(o).unwrap(), Timestamp(*now)))
            .collect();
        // The full document layering gives, loaded as a document, is the
        // same rule set; and layering the document over it again changes
        // nothing.
        let full = layer(&builtin_document(), &d);
        let twice = layer(&full, &d);
        prop_assert_eq!(&twice, &full);
        let from_full = RuleSet::from_value(Some(&full)).unwrap();
        same_rules(&once, &from_full, &orders)?;
        let from_twice = RuleSet::from_value(Some(&twice)).unwrap();
        same_rules(&from_full, &from_twice, &orders)?;
    }

    #[test]
    fn compiled_bytes_explain_as_the_document_does(
        doc in document(),
        orders in prop::collection::vec(order(4), 4),
    ) {
        let rs = RuleSet::from_json(&doc);
        prop_assume!(rs.is_ok());
        let rs = rs.unwrap();
        let forms = [
            RuleSet::from_bytes(&rs.to_bytes()).unwrap(),
            RuleSet::from_bytes(&rs.to_standalone_bytes()).unwrap(),
            RuleSet::from_bytes(&rs.with_locales(&["zh-CN"]).unwrap().to_bytes()).unwrap(),
        ];
        for (o, now) in &orders {
            let o = Order::from_json(o).unwrap();
            let now = Timestamp(*now);
            for locale in ["en", "zh-CN", "ru"] {
                let want = rs.explain(&o, now, locale).to_json();
                for (i, back) in forms.iter().enumerate() {
                    if i == 2 && locale == "ru" {
                        continue; // those bytes carry zh-CN and English only
                    }
                    prop_assert_eq!(&back.explain(&o, now, locale).to_json(), &want, "form {}", i);
                }
            }
        }
    }
}

// ------------------------------------------------------------------ budget

/// The most condition parts an explanation may evaluate: the search for
/// `valid_until` stops past its budget, after one more try; every other
/// pass over the rules (matching, deadlines, traces, rendering) costs a
/// small multiple of the parts of all rules times the items.
fn budget(rs: &RuleSet, items: usize) -> u64 {
    let parts: u64 = rs
        .rules
        .iter()
        .map(|r| {
            let deadlines: usize = r
                .deadlines
                .iter()
                .map(|d| limits::nodes(&d.at, usize::MAX))
                .sum();
            let wait = r
                .wait_until
                .as_ref()
                .map_or(0, |w| limits::nodes(w, usize::MAX));
            (limits::nodes(&r.when, usize::MAX) * items.max(1) + deadlines + wait) as u64
        })
        .sum();
    orderlens::explain::NEXT_CHANGE_BUDGET as u64 + 16 * (parts + 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn no_generated_order_and_rules_exceed_the_step_budget(
        doc in document(),
        (order_text, now) in order(60),
        locale in prop::sample::select(&["en", "zh-CN", "ru"][..]),
    ) {
        let rs = RuleSet::from_json(&doc);
        prop_assume!(rs.is_ok());
        let rs = rs.unwrap();
        let o = Order::from_json(&order_text).unwrap();
        let before = steps();
        let d = rs.explain(&o, Timestamp(now), locale);
        let spent = steps() - before;
        let cap = budget(&rs, o.items.len());
        prop_assert!(spent <= cap, "{} steps, budget {}", spent, cap);
        prop_assert!(d.valid_until.is_none_or(|v| v.0 > now));
    }
}

/// At the limits the budget is what stops the search: 1,000 items with
/// distinct restock times under a rule of thresholds on each, none of which
/// changes the diagnosis (the rule holds by its status), so that every
/// candidate is tried until the budget runs out.
#[test]
fn at_the_limits_the_budget_holds() {
    let clauses: Vec<String> = (1..=40)
        .map(|h| format!("until(item.restock_at) > {h}h"))
        .collect();
    let doc = format!(
        r#"{{"rules": [{{"id": "wide", "when": "status == 'cancelled' || any(items, {})", "reason": "order_status", "priority": 1}}]}}"#,
        clauses.join(" && ")
    );
    let rs = RuleSet::from_json(&doc).unwrap();
    let items: Vec<String> = (0..limits_items())
        .map(|i| {
            format!(
                r#"{{"sku": "S{i}", "in_stock": false, "restock_at": {}}}"#,
                ts(BASE + 41 * 3_600_000 + i as i64 * 97_000)
            )
        })
        .collect();
    let o = Order::from_json(&format!(
        r#"{{"id": "W", "status": "confirmed", "created_at": {}, "payment": {{"state": "succeeded", "updated_at": {}}}, "items": [{}]}}"#,
        ts(BASE - 3_600_000),
        ts(BASE - 3_600_000),
        items.join(",")
    ))
    .unwrap();
    let before = steps();
    let d = rs.explain(&o, Timestamp(BASE), "en");
    let spent = steps() - before;
    let cap = budget(&rs, o.items.len());
    println!("{spent} steps (budget {cap})");
    assert!(spent <= cap, "{spent} > {cap}");
    // The search ran into its budget (80,000 candidates, and the rule turns
    // only when the last item's first clause does, past thousands of them):
    // it gave the candidate it had reached, at which the diagnosis is still
    // the same. (With `status == 'confirmed' ||` the rule would hold
    // whatever the time, and the search would skip its thresholds.)
    let v = d.valid_until.expect("a candidate");
    let at = rs.explain(&o, v, "en");
    let strip = |x: &Diagnosis| {
        stable(&Diagnosis {
            valid_until: None,
            ..x.clone()
        })
    };
    assert!(strip(&at) == strip(&d), "the diagnosis changed at {v:?}");
}

fn limits_items() -> usize {
    1000
}
