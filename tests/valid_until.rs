//! `valid_until` is exact: one millisecond before it the diagnosis is the
//! same as now, at it the diagnosis differs (SPEC §3). Checked over many
//! generated orders in several time zones.

// Native: these read fixture files and run the CLI. The wasm tests are
// in src/wasm/tests.rs and run the same fixtures through the JS boundary.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use orderlens::json::Value;
use orderlens::{Order, RuleSet, Timestamp};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn ts(t: i64) -> String {
    Timestamp(t).to_rfc3339()
}

fn opt_ts(r: &mut Rng, base: i64, spread_h: u64) -> String {
    if r.below(4) == 0 {
        "null".into()
    } else {
        format!(
            "\"{}\"",
            ts(base + (r.below(spread_h * 3600) as i64) * 1000)
        )
    }
}

fn order(r: &mut Rng, base: i64) -> String {
    let status = r.pick(&[
        "pending_payment",
        "unconfirmed",
        "confirmed",
        "shipped",
        "delivered",
        "completed",
        "cancelled",
        "refunded",
    ]);
    let state = r.pick(&[
        "none",
        "pending",
        "processing",
        "requires_action",
        "failed",
        "succeeded",
        "refunded",
    ]);
    let code = r.pick(&[
        "\"card_declined\"",
        "\"expired_card\"",
        "\"fraud_suspected\"",
        "null",
        "\"odd\"",
    ]);
    let created = base - (r.below(20 * 24 * 3600) as i64) * 1000;
    let shipment = if r.below(2) == 0 {
        format!(
            r#"{{"carrier": "X", "tracking_url": "https://t.example/1", "shipped_at": {}, "expected_at": {}, "delivered_at": {}}}"#,
            opt_ts(r, created, 100),
            opt_ts(r, created, 400),
            opt_ts(r, created, 300)
        )
    } else {
        "null".into()
    };
    let cancellation = if r.below(3) == 0 {
        format!(
            r#"{{"requested_at": {}, "by": "{}", "reason": "out_of_stock", "state": "{}"}}"#,
            opt_ts(r, created, 200),
            r.pick(&["buyer", "seller", "system"]),
            r.pick(&["requested", "approved", "rejected"])
        )
    } else {
        "null".into()
    };
    let refund = if r.below(3) == 0 {
        format!(
            r#"{{"requested_at": {}, "approved_at": {}, "issued_at": {}, "completed_at": {}, "method": {}}}"#,
            opt_ts(r, created, 200),
            opt_ts(r, created, 300),
            opt_ts(r, created, 400),
            if r.below(3) == 0 {
                opt_ts(r, created, 600)
            } else {
                "null".into()
            },
            r.pick(&["null", "\"wallet\"", "\"bank_transfer\""])
        )
    } else {
        "null".into()
    };
    let dispute = if r.below(5) == 0 {
        format!(
            r#"{{"state": "{}"}}"#,
            r.pick(&["open", "awaiting_buyer", "resolved"])
        )
    } else {
        "null".into()
    };
    format!(
        r#"{{"id": "G", "status": "{status}", "created_at": "{}", "currency": "USD", "total": 999,
            "payment": {{"method": "card", "state": "{state}", "failure_code": {code}, "attempts": {}, "updated_at": {}}},
            "items": [{{"name": "a", "in_stock": {}, "restock_at": {}}}],
            "shipment": {shipment}, "buyer_confirmed_at": null,
            "cancellation": {cancellation}, "refund": {refund}, "dispute": {dispute}}}"#,
        ts(created),
        r.below(12),
        opt_ts(r, created, 5),
        r.below(3) != 0,
        opt_ts(r, base, 300),
    )
}

/// The diagnosis without the fields that change with every call.
fn stable(v: &Value) -> String {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| k != "now" && k != "support_code")
                .cloned()
                .collect(),
        )
        .to_json(),
        _ => String::new(),
    }
}

#[test]
fn one_millisecond_before_valid_until_nothing_changes_and_at_it_something_does() {
    let zones = [
        r#"{"settings": {"timezone": "Asia/Shanghai", "support_url": "https://s.example"}}"#,
        r#"{"settings": {"timezone": "America/New_York", "holidays": ["2026-11-26"]}}"#,
        r#"{"settings": {"timezone": "UTC", "auto_cancel_unpaid_after": "2bd", "merchant_confirm_sla": "1bd"}}"#,
    ];
    let base = Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap().0;
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    let mut with_valid_until = 0;
    for z in zones {
        let rs = RuleSet::from_json(z).unwrap();
        for _ in 0..400 {
            let text = order(&mut r, base);
            let o = Order::from_json(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            let now = Timestamp(base + (r.below(10 * 24 * 3600) as i64) * 1000);
            for locale in ["en", "ru"] {
                let d = rs.explain(&o, now, locale).to_value();
                checked += 1;
                let Some(Value::String(vu)) = d.get("valid_until") else {
                    continue;
                };
                with_valid_until += 1;
                let vu = Timestamp::parse_rfc3339(vu).unwrap();
                assert!(vu > now);
                let before = rs.explain(&o, vu.plus_ms(-1), locale).to_value();
                let at = rs.explain(&o, vu, locale).to_value();
                assert_eq!(
                    stable(&d),
                    stable(&before),
                    "changed before valid_until {vu}\nnow {now}\n{text}"
                );
                assert_ne!(
                    stable(&d),
                    stable(&at),
                    "nothing changed at valid_until {vu}\nnow {now}\n{text}"
                );
            }
        }
    }
    assert!(
        checked == 2400 && with_valid_until > 300,
        "{checked} {with_valid_until}"
    );
}

/// `evaluate`'s decision without the time-dependent `valid_until` itself.
fn decision(rs: &RuleSet, o: &Order, at: Timestamp) -> String {
    let d = rs.decide(o, at);
    format!(
        "{:?} {:?} {:?} {:?}",
        d.rules, d.reasons, d.actions, d.deadlines
    )
}

#[test]
fn evaluate_valid_until_is_exact_for_the_decision() {
    let zones = [
        r#"{"settings": {"timezone": "Asia/Shanghai", "support_url": "https://s.example"}}"#,
        r#"{"settings": {"timezone": "America/New_York", "holidays": ["2026-11-26"]}}"#,
        r#"{"settings": {"timezone": "UTC", "auto_cancel_unpaid_after": "2bd", "merchant_confirm_sla": "1bd"}}"#,
    ];
    let base = Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap().0;
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    let (mut with, mut same_at) = (0, 0);
    for z in zones {
        let rs = RuleSet::from_json(z).unwrap();
        for _ in 0..400 {
            let text = order(&mut r, base);
            let o = Order::from_json(&text).unwrap();
            let now = Timestamp(base + (r.below(10 * 24 * 3600) as i64) * 1000);
            let Some(vu) = rs.decide(&o, now).valid_until else {
                continue;
            };
            with += 1;
            let here = decision(&rs, &o, now);
            assert_eq!(here, decision(&rs, &o, vu.plus_ms(-1)), "{vu}\n{text}");
            if here == decision(&rs, &o, vu) {
                same_at += 1;
                eprintln!("same at {vu} now {now}\n{text}");
            }
        }
    }
    assert!(with > 150 && same_at == 0, "{with} {same_at}");
}
