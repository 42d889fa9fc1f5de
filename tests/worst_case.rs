//! Worst-case explanation time, for the record (never asserted: timings
//! depend on the machine). Run in release:
//!
//! ```text
//! cargo test --release --test worst_case -- --ignored --nocapture
//! ```
//!
//! It prints the slowest explanation over the hostile inputs of
//! tests/hostile.rs that the loaders accept, and over 1,000 generated rule
//! sets at the limits (250 rules, 20,000 condition parts, 2,000 holidays,
//! thresholds in business days up to 100 years) against an order of 1,000
//! items with distinct restock times.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use orderlens::rules::limits;
use orderlens::{Order, RuleSet, Timestamp};
use std::time::{Duration, Instant};

/// 2026-11-21T02:05:00Z
const BASE: i64 = 1_795_226_700_000;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn ts(t: i64) -> String {
    format!("\"{}\"", Timestamp(t).to_rfc3339())
}

/// An order of 1,000 items, all out of stock, with distinct restock times.
fn big_order(r: &mut Rng) -> Order {
    let items: Vec<String> = (0..orderlens::order::MAX_ITEMS)
        .map(|i| {
            format!(
                r#"{{"sku": "S{i}", "qty": {}, "in_stock": false, "restock_at": {}}}"#,
                1 + r.below(5),
                ts(BASE + r.below(400 * 24 * 3600) as i64 * 1000)
            )
        })
        .collect();
    Order::from_json(&format!(
        r#"{{"id": "W", "status": "{}", "created_at": {}, "currency": "USD", "total": 12900,
            "payment": {{"method": "card", "state": "succeeded", "updated_at": {}}}, "items": [{}]}}"#,
        ["unconfirmed", "confirmed", "pending_payment"][r.below(3) as usize],
        ts(BASE - 3_600_000),
        ts(BASE - 3_500_000),
        items.join(",")
    ))
    .unwrap()
}

fn duration(r: &mut Rng) -> String {
    match r.below(4) {
        0 => format!("{}bd", 36_500 - r.below(100)),
        1 => format!("{}bd", 1 + r.below(400)),
        2 => format!("{}h", 1 + r.below(9000)),
        _ => format!("{}d", 1 + r.below(36_500)),
    }
}

/// One clause on an item (inside `any`/`all`/`count`) or on the order.
fn clause(r: &mut Rng, item: bool) -> String {
    let op = [">", ">=", "<", "<="][r.below(4) as usize];
    if item {
        match r.below(3) {
            0 => format!("until(item.restock_at) {op} {}", duration(r)),
            1 => format!("age(item.restock_at) {op} {}", duration(r)),
            _ => format!("item.qty > {}", r.below(4)),
        }
    } else {
        let f = [
            "created_at",
            "payment.updated_at",
            "expected.auto_cancel_at",
            "expected.merchant_confirm_by",
            "expected.restock_at",
        ][r.below(5) as usize];
        let rel = if r.below(2) == 0 { "age" } else { "until" };
        format!("{rel}({f}) {op} {}", duration(r))
    }
}

/// A rule set at the limits: as many rules and condition parts as the
/// loaders accept, business-day durations up to 100 years, 2,000 holidays.
fn worst_rules(r: &mut Rng) -> RuleSet {
    // 28 built-in rules; the merchant's fill up to 250. The text of all
    // conditions together aims at the 20,000 compiled parts; past them,
    // the same shape a little smaller.
    let n = 1 + r.below(222) as usize;
    let mut chars = 200_000;
    loop {
        match worst_rules_sized(r, n, chars) {
            Ok(rs) => return rs,
            Err(e) if e.contains("too large") || e.contains("too long") => chars = chars * 9 / 10,
            Err(e) => panic!("{e}"),
        }
    }
}

fn worst_rules_sized(r: &mut Rng, n: usize, chars: usize) -> Result<RuleSet, String> {
    let mut rules = Vec::new();
    for i in 0..n {
        let mut item = Vec::new();
        let mut order = Vec::new();
        let budget = (chars / n).min(7800);
        let mut len = 0;
        while len < budget {
            let c = if r.below(4) == 0 {
                clause(r, false)
            } else {
                clause(r, true)
            };
            len += c.len() + 4;
            if c.starts_with("item") || c.contains("(item.") {
                item.push(c);
            } else {
                order.push(c);
            }
        }
        let join = if r.below(2) == 0 { " && " } else { " || " };
        let f = ["any", "all", "count"][r.below(3) as usize];
        let mut when = if item.is_empty() {
            "true".to_string()
        } else if f == "count" {
            format!("count(items, {}) >= 1", item.join(join))
        } else {
            format!("{f}(items, {})", item.join(join))
        };
        if !order.is_empty() {
            when = format!("{when}{join}{}", order.join(join));
        }
        rules.push(format!(
            r#"{{"id": "w-{i}", "when": "{when}", "reason": "order_status", "priority": {}}}"#,
            r.below(1000)
        ));
    }
    let day0 = orderlens::time::Date::new(2026, 1, 1).unwrap().days();
    let mut holidays: Vec<i64> = (0..limits::MAX_DATES)
        .map(|_| day0 + r.below(50 * 365) as i64)
        .collect();
    holidays.sort();
    holidays.dedup();
    let holidays: Vec<String> = holidays
        .iter()
        .map(|d| format!("\"{}\"", orderlens::time::Date::from_days(*d)))
        .collect();
    let doc = format!(
        r#"{{"settings": {{"timezone": "America/New_York", "holidays": [{}],
            "auto_cancel_unpaid_after": "{}", "merchant_confirm_sla": "{}"}}, "rules": [{}]}}"#,
        holidays.join(", "),
        duration(r),
        duration(r),
        rules.join(", ")
    );
    RuleSet::from_json(&doc).map_err(|e| e.diagnostics[0].to_string())
}

fn timed(rs: &RuleSet, o: &Order, now: Timestamp) -> Duration {
    let started = Instant::now();
    let d = rs.explain(o, now, "ru");
    let took = started.elapsed();
    assert!(d.valid_until.is_none_or(|v| v > now));
    took
}

#[test]
#[ignore = "a measurement: run in release with --ignored --nocapture"]
fn worst_case_explain_time() {
    let mut r = Rng(0x5DEE_CE66_D1CE_4E5B);
    // The hostile inputs of tests/hostile.rs that load, at their limits.
    let mut worst = Duration::ZERO;
    let mut hostile = Vec::new();
    let mut rs = RuleSet::defaults().unwrap();
    rs.settings.holidays = (0..2000)
        .map(|i| orderlens::time::Date::from_days(20_000 + i))
        .collect();
    hostile.push((
        "2,000 holidays",
        RuleSet::from_bytes(&rs.to_standalone_bytes()).unwrap(),
    ));
    let mut rs = RuleSet::defaults().unwrap();
    let model = rs.rules[0].clone();
    rs.rules = (0..250)
        .map(|i| {
            let mut m = model.clone();
            m.id = format!("r-{i}");
            m
        })
        .collect();
    hostile.push((
        "250 rules",
        RuleSet::from_bytes(&rs.to_standalone_bytes()).unwrap(),
    ));
    let mut clauses = Vec::new();
    let mut h = 1;
    while clauses.iter().map(|c: &String| c.len() + 4).sum::<usize>() < 7950 {
        clauses.push(format!("until(item.restock_at) > {h}h"));
        h += 1;
    }
    clauses.pop();
    let doc = format!(
        r#"{{"rules": [{{"id": "slow", "when": "any(items, {})", "reason": "order_status", "priority": 1}}]}}"#,
        clauses.join(" && ")
    );
    hostile.push((
        "8 KB rule of thresholds in hours",
        RuleSet::from_json(&doc).unwrap(),
    ));
    let bd: Vec<String> = (0..220)
        .map(|i| format!("until(item.restock_at) > {}bd", 36_500 - i))
        .collect();
    let doc = format!(
        r#"{{"rules": [{{"id": "slow", "when": "any(items, {})", "reason": "order_status", "priority": 1}}]}}"#,
        bd.join(" && ")
    );
    hostile.push((
        "8 KB rule of thresholds of 100 years in business days",
        RuleSet::from_json(&doc).unwrap(),
    ));
    let order = big_order(&mut r);
    for (name, rs) in &hostile {
        let t = timed(rs, &order, Timestamp(BASE));
        println!(
            "hostile: {name} x 1,000 items: {:.1} ms",
            t.as_secs_f64() * 1e3
        );
        worst = worst.max(t);
    }
    println!("hostile inputs: worst {:.1} ms", worst.as_secs_f64() * 1e3);

    let sets: u64 = std::env::var("WORST_CASE_SETS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let mut worst = (Duration::ZERO, 0);
    let mut total = Duration::ZERO;
    for i in 0..sets {
        let rs = worst_rules(&mut r);
        let o = big_order(&mut r);
        let now = Timestamp(BASE + r.below(30 * 24 * 3600) as i64 * 1000);
        let t = timed(&rs, &o, now);
        total += t;
        if t > worst.0 {
            worst = (t, i);
        }
    }
    println!(
        "{sets} generated rule sets at the limits x 1,000 items: worst {:.1} ms (set {}), mean {:.1} ms",
        worst.0.as_secs_f64() * 1e3,
        worst.1,
        total.as_secs_f64() * 1e3 / sets.max(1) as f64
    );
}
