//! The checks of the fuzz targets, one function per target: each takes the
//! fuzz input and panics when an invariant breaks. The targets
//! (`fuzz_targets/*.rs`) call them under libFuzzer; `tests/regressions.rs`
//! calls them on every input kept in `fuzz/regressions/<target>/`, on stable.
#![allow(dead_code)]

use orderlens::diagnosis::support_code::{decode, encode};
use orderlens::json::write_string;
use orderlens::json::Value;
use orderlens::rules::parser;
use orderlens::{Diagnosis, Order, RuleSet, Timestamp};

/// Orders from tests/fixtures/cases (unconfirmed with an item out of stock,
/// a refund in progress, a late shipment with a dispute).
pub const ORDERS: [&str; 3] = [
    r#"{"id": "A-3006", "status": "unconfirmed", "created_at": "2026-11-18T09:58:00Z", "currency": "USD", "total": 12900, "payment": {"method": "card", "state": "succeeded", "failure_code": null, "attempts": 1, "updated_at": "2026-11-18T10:00:00Z"}, "items": [{"sku": "TEA-01", "name": "Oolong 250g", "qty": 1, "in_stock": true}, {"sku": "TEA-02", "name": "Jasmine 100g", "qty": 1, "in_stock": false, "restock_at": "2026-11-25T00:00:00Z"}]}"#,
    r#"{"id": "A-6005", "status": "refunded", "created_at": "2026-11-19T09:00:00Z", "currency": "USD", "total": 12900, "payment": {"method": "card", "state": "refunded", "failure_code": null, "attempts": 1, "updated_at": "2026-11-19T09:01:00Z"}, "items": [{"sku": "TEA-01", "name": "Oolong 250g", "qty": 1, "in_stock": true}], "refund": {"requested_at": "2026-11-20T08:00:00Z", "approved_at": "2026-11-23T09:00:00Z", "issued_at": "2026-11-23T12:00:00Z"}}"#,
    r#"{"id": "A-7001", "status": "shipped", "created_at": "2026-11-01T10:00:00Z", "currency": "USD", "total": 12900, "payment": {"method": "card", "state": "succeeded", "failure_code": null, "attempts": 1, "updated_at": "2026-11-01T10:01:00Z"}, "items": [{"sku": "TEA-01", "name": "Oolong 250g", "qty": 1, "in_stock": true}], "shipment": {"carrier": "UPS", "shipped_at": "2026-11-01T10:00:00Z", "expected_at": "2026-11-08T18:00:00Z"}, "dispute": {"opened_at": "2026-11-12T10:00:00Z", "kind": "not_received", "state": "open"}}"#,
];

/// The instant the orders are explained at.
pub fn now() -> Timestamp {
    Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap()
}

pub fn orders() -> Vec<Order> {
    ORDERS
        .iter()
        .map(|o| Order::from_json(o).unwrap())
        .collect()
}

/// The diagnosis without the fields that change with every call (as
/// tests/valid_until.rs compares them).
pub fn stable(d: &Diagnosis) -> String {
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

/// The diagnoses of `rs` over the fixture orders (one in Russian, to
/// reach the plural rules and a catalog that is not the base one).
pub fn diagnoses(rs: &RuleSet) -> Vec<String> {
    orders()
        .iter()
        .zip(["en", "ru", "en"])
        .map(|(o, locale)| rs.explain(o, now(), locale).to_json())
        .collect()
}

/// Invariant of every accepted rule set: its bytes load and explain the
/// same, as bytes built on the built-in rules or (`standalone`) as bytes
/// that carry everything. (One form per input: loading is what costs.)
pub fn assert_bytes_round_trip(rs: &RuleSet, standalone: bool) {
    let bytes = if standalone {
        rs.to_standalone_bytes()
    } else {
        rs.to_bytes()
    };
    let back = match RuleSet::from_bytes(&bytes) {
        Ok(b) => b,
        Err(e) => panic!("accepted rules compile to bytes that do not load: {e}"),
    };
    assert_eq!(
        diagnoses(&back),
        diagnoses(rs),
        "bytes (standalone: {standalone}) explain differently"
    );
}

/// FNV-1a, 32 bits (the compiled-rules checksum).
fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Rewrites the last four bytes as the checksum of the rest, so that
/// mutated bytes get past the checksum to the reader.
pub fn fix_checksum(data: &[u8]) -> Vec<u8> {
    let mut b = data.to_vec();
    if b.len() >= 8 {
        let n = b.len() - 4;
        let sum = fnv1a(&b[..n]);
        b[n..].copy_from_slice(&sum.to_le_bytes());
    }
    b
}

/// Fuzz input read as a sequence of choices (0 once it runs out).
pub struct Src<'a>(pub &'a [u8]);

impl Src<'_> {
    pub fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }
    pub fn below(&mut self, n: u32) -> u32 {
        if n == 0 {
            0
        } else {
            self.u32() % n
        }
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u32) as usize]
    }
}

/// A rules document as JSON text: loading never panics, and an accepted
/// document compiles to bytes that load and explain identically.
pub fn rules_document(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(rs) = RuleSet::from_json(text) {
        assert_bytes_round_trip(&rs, data.len() % 2 == 1);
    }
}

/// A condition (`when`) as written: parsing and checking never panic, a
/// condition the parser refuses is refused by the loader too, and an
/// accepted one explains the same from its compiled bytes.
pub fn condition(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parser::parse(src);
    let mut when = String::new();
    write_string(src, &mut when);
    let doc = format!(
        r#"{{"rules": [{{"id": "fuzz", "when": {when}, "reason": "order_status", "priority": 7,
             "actions": ["contact_support"], "deadlines": [{{"kind": "auto_cancel", "at": "expected.auto_cancel_at"}}]}}]}}"#
    );
    match RuleSet::from_json(&doc) {
        Ok(rs) => {
            assert!(
                parsed.is_ok(),
                "the loader accepted what the parser refused"
            );
            assert_bytes_round_trip(&rs, data.len() % 2 == 1);
        }
        Err(e) => assert!(!e.diagnostics.is_empty(), "an error without a diagnostic"),
    }
}

thread_local! {
    static DEFAULTS: RuleSet = RuleSet::defaults().unwrap();
}

/// An order document as JSON text: reading never panics; the fast reader
/// takes only orders the general one reads, and reads them the same; an
/// accepted order explains (in English now, in Chinese at its creation) to
/// a diagnosis whose JSON reads back and whose `valid_until` is ahead.
pub fn order(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tree = Order::from_json_tree(text);
    if let Some(fast) = orderlens::model::order_fast::read(text) {
        assert_eq!(tree.as_ref().ok(), Some(&fast), "the fast reader differs");
    }
    assert_eq!(Order::from_json(text), tree, "from_json differs");
    let order = match Order::from_json(text) {
        Ok(o) => o,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    DEFAULTS.with(|rs| {
        for (locale, now) in [("en", now()), ("zh-CN", order.created_at)] {
            let d = rs.explain(&order, now, locale);
            let json = d.to_json();
            assert!(
                orderlens::json::parse(&json).is_ok(),
                "diagnosis is not JSON: {json}"
            );
            if let Some(v) = d.valid_until {
                assert!(v > now, "valid_until {v:?} not after now {now:?}");
            }
        }
    });
}

/// Compiled rules bytes, the checksum fixed up so that mutations reach the
/// reader: loading never panics; loaded rules explain, and write bytes that
/// load and explain identically.
pub fn compiled_bytes(data: &[u8]) {
    let bytes = fix_checksum(data);
    match RuleSet::from_bytes(&bytes) {
        Ok(rs) => {
            assert_messages_complete(&rs);
            assert_bytes_round_trip(&rs, data.len() % 2 == 1);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// What the document loader guarantees of every rule set it accepts, so the
/// bytes reader must too (SPEC §3.2): every shipped locale has the title and
/// body of every rule's reason in each view the rule speaks to and the rule
/// set has (a merchant's rule in rules with the buyer's view only is never
/// shown, and needs no text).
fn assert_messages_complete(rs: &RuleSet) {
    use orderlens::rules::Audience;
    let shipped = orderlens::messages::locale::SHIPPED;
    let merchant = rs.has_merchant_view();
    for lc in rs
        .catalog
        .locales
        .iter()
        .filter(|l| shipped.contains(&l.locale.tag.as_str()))
    {
        for r in &rs.rules {
            for view in [Audience::Buyer, Audience::Merchant] {
                if !r.audience.speaks_to(view) || (view == Audience::Merchant && !merchant) {
                    continue;
                }
                for part in ["title", "body"] {
                    let key = format!("{}reason.{}.{part}", view.key_prefix(), r.reason);
                    assert!(
                        lc.messages.contains_key(&key),
                        "loaded rules lack '{key}' in '{}'",
                        lc.locale.tag
                    );
                }
            }
        }
    }
}

/// 2024-01-01T00:00:00Z, where support code minutes start.
const EPOCH_MS: i64 = 1_704_067_200_000;

/// Support codes: decoding any text never panics, a decoded code encodes
/// back to itself, and encoding any fingerprint, time and rule list
/// decodes to what the format keeps of them.
pub fn support_code(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(d) = decode(text) {
            let rules: Vec<usize> = d.rules.iter().map(|&r| usize::from(r)).collect();
            let again = encode(d.fingerprint, d.at, &rules);
            assert_eq!(decode(&again).as_ref(), Ok(&d), "{text} -> {again}");
        }
    }
    let mut s = Src(data);
    let fingerprint = s.u32();
    let t = i64::from(s.u32()) << 32 | i64::from(s.u32());
    let n = s.below(20) as usize;
    let rules: Vec<usize> = (0..n).map(|_| s.below(300) as usize).collect();
    let code = encode(fingerprint, Timestamp(t), &rules);
    let d = decode(&code).unwrap_or_else(|e| panic!("{code}: {e}"));
    assert_eq!(d.fingerprint, fingerprint & 0xF_FFFF);
    let kept: Vec<u8> = rules.iter().take(15).map(|&r| r.min(255) as u8).collect();
    assert_eq!(d.rules, kept);
    let last = EPOCH_MS + ((1i64 << 26) - 1) * 60_000;
    let want = t.clamp(EPOCH_MS, last);
    let want = want - (want - EPOCH_MS) % 60_000;
    assert_eq!(d.at, Timestamp(want), "time {t}");
}

const SEEDED_RULES: [&str; 4] = [
    "",
    r#"{"settings": {"timezone": "Asia/Shanghai", "support_url": "https://s.example"}}"#,
    r#"{"settings": {"timezone": "America/New_York", "holidays": ["2026-11-26"], "weekend": ["sun"]}}"#,
    r#"{"settings": {"timezone": "Europe/Moscow", "auto_cancel_unpaid_after": "2bd", "merchant_confirm_sla": "1bd"},
        "rules": [{"id": "restock-soon", "when": "any(items, !item.in_stock && until(item.restock_at) < 2d) && status == 'unconfirmed'",
                   "reason": "out_of_stock", "severity": "info", "priority": 60, "actions": ["wait"]}]}"#,
];

thread_local! {
    static SETS: Vec<RuleSet> = SEEDED_RULES.iter().map(|r| RuleSet::from_json(r).unwrap()).collect();
}

fn ts(t: i64) -> String {
    format!("\"{}\"", Timestamp(t).to_rfc3339())
}

fn opt_ts(s: &mut Src<'_>, base: i64, spread_h: u32) -> String {
    if s.below(4) == 0 {
        "null".into()
    } else {
        ts(base + i64::from(s.below(spread_h * 3600)) * 1000)
    }
}

fn gen_order(s: &mut Src<'_>, base: i64) -> String {
    let status = s.pick(&[
        "pending_payment",
        "unconfirmed",
        "confirmed",
        "shipped",
        "delivered",
        "completed",
        "cancelled",
        "refunded",
    ]);
    let state = s.pick(&[
        "none",
        "pending",
        "processing",
        "requires_action",
        "failed",
        "succeeded",
        "refunded",
        "partially_refunded",
    ]);
    let code = s.pick(&[
        "\"card_declined\"",
        "\"expired_card\"",
        "\"fraud_suspected\"",
        "null",
        "\"odd\"",
        "\"insufficient_funds\"",
    ]);
    let method = s.pick(&[
        "card",
        "wallet",
        "bank_transfer",
        "cash_on_delivery",
        "bnpl",
        "other",
    ]);
    let created = base - i64::from(s.below(20 * 24 * 3600)) * 1000;
    let shipment = if s.below(2) == 0 {
        format!(
            r#"{{"carrier": "X", "tracking_url": "https://t.example/1", "shipped_at": {}, "expected_at": {}, "delivered_at": {}}}"#,
            opt_ts(s, created, 100),
            opt_ts(s, created, 400),
            opt_ts(s, created, 300)
        )
    } else {
        "null".into()
    };
    let cancellation = if s.below(3) == 0 {
        format!(
            r#"{{"requested_at": {}, "by": "{}", "reason": "out_of_stock", "state": "{}"}}"#,
            opt_ts(s, created, 200),
            s.pick(&["buyer", "seller", "system"]),
            s.pick(&["requested", "approved", "rejected"])
        )
    } else {
        "null".into()
    };
    let refund = if s.below(3) == 0 {
        format!(
            r#"{{"requested_at": {}, "approved_at": {}, "issued_at": {}, "completed_at": {}, "method": {}}}"#,
            opt_ts(s, created, 200),
            opt_ts(s, created, 300),
            opt_ts(s, created, 400),
            if s.below(3) == 0 {
                opt_ts(s, created, 600)
            } else {
                "null".into()
            },
            s.pick(&["null", "\"wallet\"", "\"bank_transfer\"", "\"card\""])
        )
    } else {
        "null".into()
    };
    let dispute = if s.below(5) == 0 {
        format!(
            r#"{{"state": "{}"}}"#,
            s.pick(&["open", "awaiting_buyer", "resolved"])
        )
    } else {
        "null".into()
    };
    let items: Vec<String> = (0..1 + s.below(3))
        .map(|i| {
            format!(
                r#"{{"name": "i{i}", "qty": {}, "in_stock": {}, "restock_at": {}}}"#,
                1 + s.below(3),
                s.below(3) != 0,
                opt_ts(s, base, 300)
            )
        })
        .collect();
    format!(
        r#"{{"id": "G", "status": "{status}", "created_at": {}, "currency": "USD", "total": {},
            "payment": {{"method": "{method}", "state": "{state}", "failure_code": {code}, "attempts": {}, "updated_at": {}}},
            "items": [{}], "shipment": {shipment}, "buyer_confirmed_at": null,
            "cancellation": {cancellation}, "refund": {refund}, "dispute": {dispute}}}"#,
        ts(created),
        s.below(200_000),
        s.below(12),
        opt_ts(s, created, 5),
        items.join(", "),
    )
}

/// `valid_until` is exact (SPEC §3): for a generated order under one of the
/// seeded rule sets, explaining at `valid_until - 1 ms` gives the same
/// diagnosis as at `now`, and at `valid_until` a different one (compared as
/// tests/valid_until.rs compares them).
pub fn valid_until(data: &[u8]) {
    let mut s = Src(data);
    let set = s.below(SEEDED_RULES.len() as u32) as usize;
    let locale = s.pick(&["en", "zh-CN", "ru"]);
    let base = Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap().0;
    let text = gen_order(&mut s, base);
    let o = Order::from_json(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let now = Timestamp(base + i64::from(s.below(10 * 24 * 3600 * 1000)));
    SETS.with(|sets| {
        let rs = &sets[set];
        let d = rs.explain(&o, now, locale);
        let Some(vu) = d.valid_until else { return };
        assert!(vu > now, "valid_until {vu:?} not after {now:?}");
        let before = rs.explain(&o, vu.plus_ms(-1), locale);
        let at = rs.explain(&o, vu, locale);
        let here = stable(&d);
        assert_eq!(
            here,
            stable(&before),
            "changed before valid_until\nnow {now:?}\n{text}"
        );
        assert_ne!(
            here,
            stable(&at),
            "nothing changed at valid_until\nnow {now:?}\n{text}"
        );
    });
}
