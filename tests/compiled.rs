//! Compiled rules as bytes (`RuleSet::to_bytes` / `from_bytes`): what the
//! browser runtime (`orderlens/runtime`) loads instead of compiling. Every
//! fixture case also round-trips through the bytes (tests/fixtures.rs); this
//! file covers the bytes themselves.

// Native: these read fixture files and run the CLI. The wasm tests are
// in src/wasm/tests.rs and run the same fixtures through the JS boundary.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use orderlens::rules::compiled::{is_compiled, FORMAT};
use orderlens::{Order, RuleSet, Timestamp};
use std::path::Path;

const MERCHANT: &str = r#"{
  "settings": {"timezone": "Asia/Shanghai", "holidays": ["2026-10-01", "2026-10-02"],
               "extra_business_days": ["2026-09-27"], "support_url": "https://shop.example/help",
               "auto_cancel_unpaid_after": "45m", "weekend": ["fri", "sat"]},
  "refund_windows": {"card": {"review": "2bd", "arrive": ["3bd", "7bd"]}},
  "rules": [
    {"id": "vip-wait", "when": "total >= 100000 && status == 'unconfirmed' && !(age(created_at) < 2h) && any(items, item.qty > 2 || !item.in_stock)",
     "reason": "confirmation_delayed", "severity": "warning", "priority": 5,
     "actions": ["contact_support", "wait"], "wait_until": "expected.merchant_confirm_by"},
    {"id": "payment-declined", "priority": 99}
  ],
  "messages": {"de": {"reason.order_status.title": "Bestellung {order_id}",
                      "reason.order_status.body": "{count, plural, =0 {nichts} one {# Artikel} other {# Artikel}}"}}
}"#;

const ORDER: &str = r#"{"id": "A-1", "status": "unconfirmed", "created_at": "2026-11-20T08:00:00+08:00",
  "currency": "CNY", "total": 129900, "items": [{"sku": "t", "name": "Tea", "qty": 3, "in_stock": true}],
  "payment": {"method": "card", "state": "succeeded", "updated_at": "2026-11-20T08:01:00+08:00"}}"#;

fn merchant() -> RuleSet {
    RuleSet::from_json(MERCHANT).unwrap()
}

fn diagnosis(rs: &RuleSet, locale: &str) -> String {
    let order = Order::from_json(ORDER).unwrap();
    let now = Timestamp::parse_rfc3339("2026-11-21T10:00:00+08:00").unwrap();
    rs.explain(&order, now, locale).to_json()
}

#[test]
fn built_in_rules_file_is_up_to_date() {
    // The runtime build embeds the built-in rules compiled ahead of time.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/defaults.olr");
    let bytes =
        orderlens::rules::compiled::base_of(RuleSet::defaults().unwrap()).to_standalone_bytes();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &bytes).unwrap();
    }
    let stored = std::fs::read(&path).unwrap_or_default();
    assert!(
        stored == bytes,
        "src/rules/defaults.olr is stale: run `UPDATE_SNAPSHOTS=1 cargo test --test compiled`"
    );
}

#[test]
fn round_trip_keeps_the_diagnosis_and_the_support_code() {
    let rs = merchant();
    let bytes = rs.to_bytes();
    assert!(is_compiled(&bytes));
    let back = RuleSet::from_bytes(&bytes).unwrap();
    for locale in ["en", "zh-CN", "ru", "de"] {
        assert_eq!(diagnosis(&back, locale), diagnosis(&rs, locale), "{locale}");
    }
    assert!(diagnosis(&rs, "en").contains("confirmation_delayed"));
    assert_eq!(back.fingerprint, rs.fingerprint);
    assert_eq!(back.calendar, rs.calendar);
    assert_eq!(back.settings, rs.settings);
    assert_eq!(back.windows, rs.windows);
    assert_eq!(without_sources(&back.rules), without_sources(&rs.rules));
    assert_eq!(back.masked_codes, rs.masked_codes);
    assert_eq!(back.catalog.tags(), rs.catalog.tags());
    assert_eq!(back.to_bytes(), bytes);
}

/// Rules without their conditions' source text (not kept in bytes).
fn without_sources(rules: &[orderlens::rules::Rule]) -> Vec<orderlens::rules::Rule> {
    let mut rules = rules.to_vec();
    for r in &mut rules {
        r.when_src.clear();
    }
    rules
}

#[test]
fn merchant_bytes_hold_only_what_differs_from_the_built_in_rules() {
    // The built-in base (what the runtime embeds) has the rules and the
    // English messages: bytes built on it hold the merchant's rules, the
    // English messages that differ, and every other locale in full.
    let rs = merchant();
    // A checkout page's rules: the buyer's side (`compile --audience
    // buyer`), English only.
    let en_only = orderlens::rules::compiled::buyer_side(rs.with_locales(&[]).unwrap()).to_bytes();
    assert!(en_only.len() < 6_000, "{} bytes", en_only.len());
    let ru = rs.with_locales(&["ru"]).unwrap().to_bytes();
    assert!(ru.len() > en_only.len() + 10_000, "{} bytes", ru.len());
    let all = rs.to_bytes();
    let standalone = rs.to_standalone_bytes();
    assert!(
        all.len() < standalone.len(),
        "{} vs {}",
        all.len(),
        standalone.len()
    );
    // Each explains exactly like the document in the locales it holds.
    let back = RuleSet::from_bytes(&ru).unwrap();
    assert_eq!(diagnosis(&back, "ru"), diagnosis(&rs, "ru"));
    assert_eq!(diagnosis(&back, "en"), diagnosis(&rs, "en"));
    assert_eq!(back.catalog.tags(), ["en", "ru"]);
    let back = RuleSet::from_bytes(&standalone).unwrap();
    assert_eq!(diagnosis(&back, "ru"), diagnosis(&rs, "ru"));
    assert_eq!(without_sources(&back.rules), without_sources(&rs.rules));
    // The built-in rules alone, English only, the buyer's side: their
    // rules, none of their messages. With the merchant's side, the merchant
    // rules and their English messages (not in the base) come along.
    let defaults = RuleSet::defaults().unwrap();
    let tiny =
        orderlens::rules::compiled::buyer_side(defaults.with_locales(&[]).unwrap()).to_bytes();
    assert!(tiny.len() < 6_000, "{} bytes", tiny.len());
    let with_merchant = defaults.with_locales(&[]).unwrap().to_bytes();
    assert!(
        with_merchant.len() > tiny.len() + 5_000,
        "{} bytes",
        with_merchant.len()
    );
    let back = RuleSet::from_bytes(&with_merchant).unwrap();
    assert_eq!(
        without_sources(&back.rules),
        without_sources(&defaults.rules)
    );
    let back = RuleSet::from_bytes(&tiny).unwrap();
    assert_eq!(back.fingerprint, defaults.fingerprint);
    assert_eq!(diagnosis(&back, "en"), diagnosis(&defaults, "en"));
    // A locale the rules do not have is an error.
    assert!(defaults
        .with_locales(&["de"])
        .unwrap_err()
        .contains("no messages for locale 'de'; these rules have en, zh-CN, ru"));
}

#[test]
fn bytes_built_on_other_built_in_rules_say_to_compile_again() {
    let mut bytes = merchant().to_bytes();
    assert_eq!(bytes[4], 1, "built on the built-in rules");
    bytes[5] ^= 0x01; // the recorded digest of the built-in rules
    let n = bytes.len() - 4;
    let sum = orderlens::rules::fnv1a(&bytes[..n]);
    bytes[n..].copy_from_slice(&sum.to_le_bytes());
    let e = RuleSet::from_bytes(&bytes).unwrap_err().to_string();
    assert!(e.contains("another orderlens version"), "{e}");
    assert!(e.contains("compile them again"), "{e}");
}

#[test]
fn rejects_what_is_not_compiled_rules() {
    for bad in [&b""[..], b"{}", b"OL", b"\x00asm"] {
        let e = RuleSet::from_bytes(bad).unwrap_err();
        assert!(
            e.to_string().contains("not compiled orderlens rules"),
            "{e}"
        );
    }
}

#[test]
fn another_format_says_to_compile_again() {
    let mut bytes = merchant().to_bytes();
    bytes[3] = FORMAT + 1;
    let e = RuleSet::from_bytes(&bytes).unwrap_err().to_string();
    assert!(e.contains(&format!("format {}", FORMAT + 1)), "{e}");
    assert!(e.contains("compile them again"), "{e}");
}

#[test]
fn every_truncation_and_every_flipped_byte_is_an_error_not_a_panic() {
    let bytes = merchant().to_bytes();
    // Every byte of the header, settings and rules; then a spread over the
    // messages (each check reads up to 40 KB).
    let spots: Vec<usize> = (0..bytes.len())
        .filter(|i| *i < 1500 || i % 61 == 0)
        .collect();
    for &n in &spots {
        let e = RuleSet::from_bytes(&bytes[..n]).unwrap_err().to_string();
        assert!(!e.is_empty());
    }
    for &i in &spots {
        let mut b = bytes.clone();
        b[i] ^= 0x5a;
        assert!(RuleSet::from_bytes(&b).is_err(), "flipped byte {i} loaded");
    }
}

#[test]
fn damaged_bytes_with_a_valid_checksum_are_located_errors() {
    // Bytes written by something else (or damaged before the checksum was
    // computed): the reader must still refuse them cleanly.
    let bytes = merchant().to_bytes();
    let body_len = bytes.len() - 4;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for round in 0..600 {
        let mut b = bytes[..body_len].to_vec();
        for _ in 0..1 + round % 4 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let i = 4 + (seed as usize) % (b.len() - 4);
            b[i] = (seed >> 32) as u8;
        }
        let sum = orderlens::rules::fnv1a(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        if let Err(e) = RuleSet::from_bytes(&b) {
            let e = e.to_string();
            assert!(
                e.contains("damaged")
                    || e.contains("break a limit")
                    || e.contains("another orderlens version")
                    || e.contains("time zone")
                    || e.contains("weekend"),
                "{e}"
            );
        }
    }
}

#[test]
fn huge_counts_do_not_allocate() {
    // A count of 2^62 items right after the header.
    let mut b = b"OLR".to_vec();
    b.push(FORMAT);
    b.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f]);
    let sum = orderlens::rules::fnv1a(&b);
    b.extend_from_slice(&sum.to_le_bytes());
    assert!(RuleSet::from_bytes(&b).is_err());
}
