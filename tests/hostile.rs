//! Hostile input that once hung, exhausted or crashed orderlens, each kept
//! as a regression test (SPEC §5): compiled rules are untrusted bytes, and
//! explaining any order with any rules the loaders accept is bounded.
//! Timings are printed for the record, never asserted.

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

use orderlens::rules::eval::{Const, Node};
use orderlens::rules::schema::{Field, ItemField};
use orderlens::time::Date;
use orderlens::{Order, RuleSet, Timestamp};
use std::time::Instant;

fn refused(bytes: &[u8]) -> String {
    RuleSet::from_bytes(bytes)
        .err()
        .expect("hostile compiled rules must be refused")
        .to_string()
}

#[test]
fn priority_of_i64_min_is_an_error_not_a_wrap() {
    let doc = r#"{"rules": [{"id": "x", "when": "status == 'unconfirmed'", "reason": "order_status", "priority": -9223372036854775808}]}"#;
    let e = RuleSet::from_json(doc).err().expect("refused");
    let d = &e.diagnostics[0];
    assert_eq!(d.path, "rules[0].priority");
    assert!(d.message.contains("between -1000000 and 1000000"), "{e}");
    // At the limit it loads.
    let ok = doc.replace("-9223372036854775808", "-1000000");
    assert!(RuleSet::from_json(&ok).is_ok());
}

#[test]
fn a_million_holidays_in_bytes_are_refused_at_once() {
    let mut rs = RuleSet::defaults().unwrap();
    rs.settings.holidays = vec![Date::new(2026, 1, 1).unwrap(); 1_000_000];
    let started = Instant::now();
    let e = refused(&rs.to_standalone_bytes());
    println!("1,000,000 holidays refused in {:?}", started.elapsed());
    assert!(e.contains("more than the limit allows"), "{e}");
    // 2,000 holidays (the limit) load.
    rs.settings.holidays = (0..2000).map(|i| Date::from_days(20_000 + i)).collect();
    assert!(RuleSet::from_bytes(&rs.to_standalone_bytes()).is_ok());
}

#[test]
fn a_hundred_thousand_rules_in_bytes_are_refused() {
    let mut rs = RuleSet::defaults().unwrap();
    let model = rs.rules[0].clone();
    rs.rules = (0..100_000)
        .map(|i| {
            let mut r = model.clone();
            r.id = format!("r-{i}");
            r
        })
        .collect();
    let e = refused(&rs.to_standalone_bytes());
    assert!(e.contains("more than the limit allows"), "{e}");
    // 250 load.
    rs.rules.truncate(250);
    assert!(RuleSet::from_bytes(&rs.to_standalone_bytes()).is_ok());
}

#[test]
fn nested_item_functions_in_bytes_are_refused() {
    // 40 nested all(items, …): 2^40 steps if it were evaluated.
    let mut n = Node::Field(Field::Item(ItemField::InStock));
    for _ in 0..40 {
        n = Node::All(Box::new(n));
    }
    let mut rs = RuleSet::defaults().unwrap();
    rs.rules[0].when = n;
    let e = refused(&rs.to_standalone_bytes());
    assert!(e.contains("an item function inside another"), "{e}");
    // An item field outside an item function, too.
    rs.rules[0].when = Node::Field(Field::Item(ItemField::InStock));
    let e = refused(&rs.to_standalone_bytes());
    assert!(e.contains("an item field outside an item function"), "{e}");
}

#[test]
fn conditions_past_the_size_limits_in_bytes_are_refused() {
    let mut rs = RuleSet::defaults().unwrap();
    let wide = |n: usize| Node::Or(vec![Node::Const(Const::Bool(false)); n]);
    // 3,999 constants + the Or: 4,000 parts, the per-rule limit.
    rs.rules[0].when = wide(3999);
    assert!(RuleSet::from_bytes(&rs.to_standalone_bytes()).is_ok());
    rs.rules[0].when = wide(4000);
    let e = refused(&rs.to_standalone_bytes());
    assert!(e.contains("conditions too large"), "{e}");
    // Many rules under the per-rule limit, past the total.
    for r in rs.rules.iter_mut() {
        r.when = wide(3000);
    }
    let e = refused(&rs.to_standalone_bytes());
    assert!(e.contains("conditions too large"), "{e}");
}

#[test]
fn a_large_valid_rule_over_a_thousand_items_explains_in_bounded_time() {
    // The rule the checker accepts at 8 KB: a threshold on every item's
    // restock time, repeated; 1,000 items with distinct restock times give
    // thousands of candidate instants for valid_until.
    let mut clauses = Vec::new();
    let mut h = 1;
    loop {
        let c = format!("until(item.restock_at) > {h}h");
        if clauses.iter().map(|c: &String| c.len() + 4).sum::<usize>() + c.len() > 8000 {
            break;
        }
        clauses.push(c);
        h += 1;
    }
    let when = format!("any(items, {})", clauses.join(" && "));
    let doc = format!(
        r#"{{"rules": [{{"id": "slow", "when": "{when}", "reason": "order_status", "priority": 1}}]}}"#
    );
    let rs = RuleSet::from_json(&doc).unwrap();
    let items: Vec<String> = (0..1000)
        .map(|i| {
            format!(
                r#"{{"sku": "S{i}", "in_stock": false, "restock_at": "2026-12-{:02}T{:02}:{:02}:00Z"}}"#,
                1 + i % 28,
                i % 24,
                i % 60
            )
        })
        .collect();
    let order = format!(
        r#"{{"id": "W", "status": "unconfirmed", "created_at": "2026-11-21T00:00:00Z",
            "payment": {{"state": "succeeded", "updated_at": "2026-11-21T00:00:00Z"}},
            "items": [{}]}}"#,
        items.join(",")
    );
    let order = Order::from_json(&order).unwrap();
    let now = Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap();
    let started = Instant::now();
    let d = rs.explain(&order, now, "en");
    println!(
        "8 KB rule ({} thresholds) x 1,000 items: explained in {:?}, valid_until {:?}",
        clauses.len(),
        started.elapsed(),
        d.valid_until.map(|t| t.to_rfc3339())
    );
    // valid_until is never later than the true change: the diagnosis at it
    // is the one that comes after every candidate up to it.
    let v = d.valid_until.expect("a change is ahead");
    assert!(v > now);
}
