//! Every limit of README "Limits", at the limit and one past it, for rules
//! documents, for compiled bytes and for orders.

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

use orderlens::rules::limits::{self, MAX_RULES, MAX_TOTAL_NODES};
use orderlens::time::{Date, Duration, DAY_MS};
use orderlens::{Order, RuleSet};

fn loads(doc: &str) -> Result<RuleSet, String> {
    RuleSet::from_json(doc).map_err(|e| e.to_string())
}

fn bytes_load(rs: &RuleSet) -> Result<RuleSet, String> {
    RuleSet::from_bytes(&rs.to_standalone_bytes()).map_err(|e| e.to_string())
}

fn rule(id: &str, when: &str) -> String {
    format!(r#"{{"id": "{id}", "when": "{when}", "reason": "order_status"}}"#)
}

fn doc_with_rules(rules: &[String]) -> String {
    format!(r#"{{"rules": [{}]}}"#, rules.join(","))
}

#[test]
fn rules_count_enabled_ones_built_in_included() {
    let builtin = RuleSet::defaults().unwrap().rules.len();
    let mut rules: Vec<String> = (0..MAX_RULES - builtin)
        .map(|i| rule(&format!("r{i}"), "status == 'confirmed'"))
        .collect();
    assert!(loads(&doc_with_rules(&rules)).is_ok());
    rules.push(rule("one-more", "status == 'confirmed'"));
    let e = loads(&doc_with_rules(&rules)).unwrap_err();
    assert!(
        e.contains(&format!("rules[{}]", MAX_RULES - builtin))
            && e.contains("too many rules (251 enabled; at most 250, the built-in ones included)"),
        "{e}"
    );
    // A disabled built-in rule does not count.
    rules.push(r#"{"id": "in-transit", "disabled": true}"#.into());
    assert!(loads(&doc_with_rules(&rules)).is_ok());
    // Bytes: 250 load, 251 do not.
    let mut rs = RuleSet::defaults().unwrap();
    let model = rs.rules[0].clone();
    rs.rules = (0..MAX_RULES)
        .map(|i| {
            let mut r = model.clone();
            r.id = format!("r-{i}");
            r
        })
        .collect();
    assert!(bytes_load(&rs).is_ok());
    rs.rules.push(rs.rules[0].clone());
    rs.rules.last_mut().unwrap().id = "r-over".into();
    assert!(bytes_load(&rs)
        .unwrap_err()
        .contains("more than the limit allows"));
}

#[test]
fn condition_parts_in_all() {
    // Rules of `payment.failure_code in [...]`: parts = the `in`, its field
    // and one per list entry; the last rule makes the total exact.
    let base: usize = RuleSet::defaults()
        .unwrap()
        .rules
        .iter()
        .map(|r| limits::nodes(&r.when, usize::MAX))
        .sum();
    let list = |n: usize| {
        let entries: Vec<String> = (0..n).map(|i| format!("'{}'", i % 10)).collect();
        format!("payment.failure_code in [{}]", entries.join(","))
    };
    let mut left = MAX_TOTAL_NODES - base;
    let mut rules = Vec::new();
    while left > 0 {
        let n = (left - 2).min(1500);
        rules.push(rule(&format!("big{}", rules.len()), &list(n)));
        left -= n + 2;
    }
    let rs = loads(&doc_with_rules(&rules)).expect("exactly at the limit");
    let total: usize = rs
        .rules
        .iter()
        .map(|r| limits::nodes(&r.when, usize::MAX))
        .sum();
    assert_eq!(total, MAX_TOTAL_NODES);
    assert!(bytes_load(&rs).is_ok());
    rules.push(rule("tiny", "payment.failure_code in []"));
    let e = loads(&doc_with_rules(&rules)).unwrap_err();
    assert!(
        e.contains("the conditions of all rules together are too large (more than 20000 parts)"),
        "{e}"
    );
}

#[test]
fn priority_range() {
    for (p, ok) in [
        (1_000_000i64, true),
        (-1_000_000, true),
        (1_000_001, false),
        (-1_000_001, false),
    ] {
        let doc = format!(
            r#"{{"rules": [{{"id": "p", "when": "status == 'confirmed'", "reason": "order_status", "priority": {p}}}]}}"#
        );
        assert_eq!(loads(&doc).is_ok(), ok, "{p}");
        let mut rs = RuleSet::defaults().unwrap();
        rs.rules[0].priority = p;
        assert_eq!(bytes_load(&rs).is_ok(), ok, "bytes {p}");
    }
}

#[test]
fn durations_up_to_100_years() {
    for (d, ok) in [
        ("36500d", true),
        ("36500bd", true),
        ("876000h", true),
        ("36501d", false),
        ("36501bd", false),
        ("1000000m", false),
    ] {
        let doc = format!(r#"{{"settings": {{"auto_cancel_unpaid_after": "{d}"}}}}"#);
        let r = loads(&doc);
        assert_eq!(r.is_ok(), ok, "{d}: {r:?}");
        if !ok {
            assert!(r.unwrap_err().contains("at most 100 years"), "{d}");
        }
    }
    let mut rs = RuleSet::defaults().unwrap();
    rs.settings.auto_cancel_unpaid_after = Duration::Wall(36_500 * DAY_MS);
    assert!(bytes_load(&rs).is_ok());
    rs.settings.auto_cancel_unpaid_after = Duration::Wall(36_500 * DAY_MS + 1);
    assert!(bytes_load(&rs)
        .unwrap_err()
        .contains("duration out of range"));
    rs.settings.auto_cancel_unpaid_after = Duration::Wall(-1);
    assert!(bytes_load(&rs).is_err());
}

#[test]
fn holidays_up_to_2000() {
    let dates = |n: i64| {
        let v: Vec<String> = (0..n)
            .map(|i| format!("\"{}\"", Date::from_days(20_000 + i)))
            .collect();
        format!(r#"{{"settings": {{"holidays": [{}]}}}}"#, v.join(","))
    };
    assert!(loads(&dates(2000)).is_ok());
    assert!(loads(&dates(2001))
        .unwrap_err()
        .contains("too many dates (2001; at most 2000)"));
    let mut rs = RuleSet::defaults().unwrap();
    rs.settings.holidays = (0..2000).map(|i| Date::from_days(20_000 + i)).collect();
    assert!(bytes_load(&rs).is_ok());
    rs.settings.holidays.push(Date::from_days(30_000));
    assert!(bytes_load(&rs)
        .unwrap_err()
        .contains("more than the limit allows"));
}

#[test]
fn messages_per_locale_and_message_length() {
    let messages = |n: usize, len: usize| {
        let mut entries: Vec<String> = (0..n - 1)
            .map(|i| format!(r#""custom.k{i}": "x""#))
            .collect();
        entries.push(format!(r#""custom.long": "{}""#, "y".repeat(len)));
        format!(r#"{{"messages": {{"en": {{{}}}}}}}"#, entries.join(","))
    };
    assert!(loads(&messages(2000, 16 * 1024)).is_ok());
    assert!(loads(&messages(2001, 10))
        .unwrap_err()
        .contains("too many messages (2001; at most 2000)"));
    assert!(loads(&messages(10, 16 * 1024 + 1))
        .unwrap_err()
        .contains("message is too long (16385 bytes; at most 16384)"));
}

#[test]
fn locales_up_to_64() {
    let en = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/messages/en.json"))
        .unwrap();
    let doc = |n: usize| {
        let locales: Vec<String> = (0..n).map(|i| format!(r#""x{i:02}": {en}"#)).collect();
        format!(r#"{{"messages": {{{}}}}}"#, locales.join(","))
    };
    assert!(loads(&doc(64)).is_ok());
    assert!(loads(&doc(65))
        .unwrap_err()
        .contains("too many locales (65; at most 64)"));
}

fn order_with(items: usize, sku_len: usize, total: &str) -> String {
    let items: Vec<String> = (0..items)
        .map(|i| format!(r#"{{"sku": "{}{i}", "qty": 1}}"#, "s".repeat(sku_len)))
        .collect();
    format!(
        r#"{{"id": "L", "status": "confirmed", "created_at": "2026-11-21T00:00:00Z", "total": {total}, "items": [{}]}}"#,
        items.join(",")
    )
}

#[test]
fn orders_items_text_and_money() {
    assert!(Order::from_json(&order_with(1000, 1, "1")).is_ok());
    let e = Order::from_json(&order_with(1001, 1, "1")).unwrap_err();
    assert!(e
        .to_string()
        .contains("too many items (1001; at most 1000)"));
    // 4,096 bytes of sku: the limit ("s" x 4095 plus one digit).
    assert!(Order::from_json(&order_with(1, 4095, "1")).is_ok());
    let e = Order::from_json(&order_with(1, 4096, "1")).unwrap_err();
    assert!(e
        .to_string()
        .contains("items[0].sku: text is too long (4097 bytes; at most 4096)"));
    for (total, ok) in [
        ("9007199254740991", true),
        ("9007199254740991.0", true),
        ("9e15", true),
        ("9007199254740992", false),
        ("-1", false),
        ("1e16", false),
    ] {
        assert_eq!(
            Order::from_json(&order_with(1, 1, total)).is_ok(),
            ok,
            "total {total}"
        );
    }
}

#[test]
fn a_rule_with_more_than_sixteen_deadlines_is_refused() {
    use orderlens::RuleSet;
    // 100,000 deadlines of distinct kinds took 11 s to check and printed
    // 300,000 errors (one missing message per kind and locale).
    let doc = |n: usize| {
        let dl: Vec<String> = (0..n)
            .map(|i| {
                format!(r#"{{"kind": "auto_cancel", "at": "expected.auto_cancel_at", "i": {i}}}"#)
            })
            .collect();
        format!(
            r#"{{"rules": [{{"id": "d", "when": "status == 'pending_payment'", "reason": "order_status", "deadlines": [{}]}}]}}"#,
            dl.join(",")
        )
    };
    assert!(RuleSet::from_json(&doc(16)).is_ok());
    let e = RuleSet::from_json(&doc(17)).unwrap_err();
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    assert_eq!(e.diagnostics[0].path, "rules[0].deadlines");
    assert_eq!(
        e.diagnostics[0].message,
        "too many deadlines (17; at most 16)"
    );
    let started = std::time::Instant::now();
    let e = RuleSet::from_json(&doc(100_000)).unwrap_err();
    println!("100,000 deadlines refused in {:?}", started.elapsed());
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    // Bytes too.
    let mut rs = RuleSet::from_json(&doc(16)).unwrap();
    let model = rs.rules.iter().find(|r| r.id == "d").unwrap().deadlines[0].clone();
    let r = rs.rules.iter_mut().find(|r| r.id == "d").unwrap();
    r.deadlines = vec![model; 17];
    let e = RuleSet::from_bytes(&rs.to_standalone_bytes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("more than the limit allows"), "{e}");
    // An action twice in bytes (the loader keeps each once).
    let mut rs = RuleSet::defaults().unwrap();
    let a = rs.rules[0].actions[0];
    rs.rules[0].actions = vec![a; 3];
    let e = RuleSet::from_bytes(&rs.to_standalone_bytes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("an action twice"), "{e}");
}
