//! Retry safety as a property (SPEC §2.2, §2.3): over generated orders and
//! generated merchant rules that try hard to offer `retry_payment`, it never
//! appears for a never-approve decline code, under `advice_code:
//! do_not_try_again`, or once `payment.attempts` reaches
//! `settings.max_payment_attempts`; and no masked code appears anywhere in
//! the diagnosis.

// Native: these read fixture files and run the CLI. The wasm tests are
// in src/wasm/tests.rs and run the same fixtures through the JS boundary.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use orderlens::{Order, RuleSet, Timestamp};

/// The never-approve codes of SPEC §2.3 and the masked ones, written out
/// here rather than read from the library's table.
const NEVER: &[&str] = &[
    "do_not_try_again",
    "pickup_card",
    "lost_card",
    "stolen_card",
    "fraudulent",
    "fraud_suspected",
    "merchant_blacklist",
    "restricted_card",
    "security_violation",
    "revocation_of_authorization",
    "revocation_of_all_authorizations",
    "stop_payment_order",
    "invalid_account",
    "new_account_information_available",
    "pin_try_exceeded",
];
const MASKED: &[&str] = &[
    "pickup_card",
    "lost_card",
    "stolen_card",
    "fraudulent",
    "fraud_suspected",
    "merchant_blacklist",
    "restricted_card",
    "security_violation",
];
const OTHER: &[&str] = &[
    "card_declined",
    "insufficient_funds",
    "do_not_honor",
    "incorrect_cvc",
    "expired_card",
    "processing_error",
    "authentication_required",
    "card_not_supported",
    "try_again_later",
    "totally_unknown_code",
];
const ADVICE: &[&str] = &[
    "do_not_try_again",
    "try_again_later",
    "confirm_card_data",
    "mystery",
];
const STATES: &[&str] = &["failed", "requires_action", "pending", "none", "succeeded"];
const STATUSES: &[&str] = &["pending_payment", "unconfirmed", "confirmed"];

/// xorshift64*: deterministic, so a failure names a reproducible seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn code(rng: &mut Rng) -> Option<&'static str> {
    match rng.below(3) {
        0 => None,
        1 => Some(rng.pick(NEVER)),
        _ => Some(rng.pick(OTHER)),
    }
}

fn json_opt(v: Option<&str>) -> String {
    v.map_or("null".into(), |s| format!("\"{s}\""))
}

/// A merchant document whose rules offer `retry_payment` as eagerly as they
/// can: on every failed payment, on a chosen code, on the never-approve group.
fn merchant_rules(rng: &mut Rng, max_attempts: i64) -> String {
    let conditions = [
        "payment.state == 'failed'".to_string(),
        format!("payment.decline_code == '{}'", rng.pick(NEVER)),
        format!(
            "payment.failure_code in ['{}', '{}']",
            rng.pick(NEVER),
            rng.pick(OTHER)
        ),
        "payment.decline_group == 'never_approve'".to_string(),
        "payment.advice_code == 'do_not_try_again'".to_string(),
        "is_set(payment)".to_string(),
    ];
    let mut rules = Vec::new();
    for i in 0..1 + rng.below(3) {
        let when = &conditions[rng.below(conditions.len())];
        let actions = if rng.chance(50) {
            r#"["retry_payment"]"#
        } else {
            r#"["retry_payment", "update_payment_method", "contact_support"]"#
        };
        let priority = rng.below(200) as i64 - 100;
        let mask = rng.chance(20);
        rules.push(format!(
            r#"{{"id": "eager-{i}", "when": "{when}", "reason": "payment_declined", "severity": "action_required", "priority": {priority}, "mask": {mask}, "actions": {actions}}}"#
        ));
    }
    // Sometimes override the built-in rule itself to offer retry.
    if rng.chance(30) {
        rules.push(
            r#"{"id": "payment-declined-never-approve", "actions": ["retry_payment", "update_payment_method"]}"#
                .into(),
        );
    }
    format!(
        r#"{{"settings": {{"support_url": "https://shop.example/help", "max_payment_attempts": {max_attempts}}}, "rules": [{}]}}"#,
        rules.join(", ")
    )
}

#[test]
fn retry_is_never_offered_where_the_networks_forbid_it() {
    let now = Timestamp::parse_rfc3339("2026-11-18T10:05:00Z").unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut checked = 0;
    let mut forbidden_seen = 0;
    for round in 0..800 {
        let max_attempts = 1 + rng.below(5) as i64;
        let doc = merchant_rules(&mut rng, max_attempts);
        let rs = RuleSet::from_json(&doc).unwrap_or_else(|e| panic!("round {round}: {e}\n{doc}"));
        let decline = code(&mut rng);
        let failure = if decline.is_some() && rng.chance(70) {
            Some("card_declined")
        } else {
            code(&mut rng)
        };
        let advice = if rng.chance(40) {
            Some(rng.pick(ADVICE))
        } else {
            None
        };
        let attempts = rng.below(7) as i64;
        let order = format!(
            r#"{{"id": "G-{round}", "status": "{}", "created_at": "2026-11-18T10:00:00Z", "currency": "USD", "total": 500,
                "payment": {{"method": "card", "state": "{}", "failure_code": {}, "decline_code": {}, "advice_code": {}, "attempts": {attempts}, "updated_at": "2026-11-18T10:01:00Z"}},
                "items": [{{"sku": "X", "qty": 1}}]}}"#,
            rng.pick(STATUSES),
            rng.pick(STATES),
            json_opt(failure),
            json_opt(decline),
            json_opt(advice),
        );
        let order = Order::from_json(&order).unwrap();
        for locale in ["en", "zh-CN", "ru"] {
            let d = rs.explain(&order, now, locale);
            let kinds: Vec<&str> = d.actions.iter().map(|a| a.kind.as_str()).collect();
            let effective = decline.or(failure);
            let forbidden = effective.is_some_and(|c| NEVER.contains(&c))
                || failure.is_some_and(|c| NEVER.contains(&c))
                || advice == Some("do_not_try_again")
                || attempts >= max_attempts;
            if forbidden {
                forbidden_seen += 1;
                assert!(
                    !kinds.contains(&"retry_payment"),
                    "round {round} [{locale}]: retry_payment offered for failure {failure:?} decline {decline:?} advice {advice:?} attempts {attempts}/{max_attempts}\nrules: {doc}\nactions: {kinds:?}"
                );
            }
            let json = d.to_json();
            for m in MASKED {
                if [failure, decline].contains(&Some(m)) {
                    assert!(
                        !json.contains(m) && !json.contains(&m.replace('_', " ")),
                        "round {round} [{locale}]: masked {m} in {json}"
                    );
                }
            }
            checked += 1;
        }
    }
    // The generator really exercises the forbidden cases.
    assert!(
        forbidden_seen > checked / 3,
        "{forbidden_seen} of {checked}"
    );
}

#[test]
fn check_warns_when_a_merchant_rule_offers_retry_for_a_never_approve_decline() {
    let doc = r#"{"rules": [
        {"id": "lost-retry", "when": "payment.state == 'failed' && payment.decline_code in ['lost_card', 'insufficient_funds']",
         "reason": "payment_declined", "severity": "action_required", "actions": ["retry_payment"]},
        {"id": "advice-retry", "when": "payment.advice_code == 'do_not_try_again'",
         "reason": "payment_declined", "actions": ["retry_payment", "cancel_order"]},
        {"id": "funds-retry", "when": "payment.decline_code == 'insufficient_funds'",
         "reason": "payment_declined", "actions": ["retry_payment"]}]}"#;
    let rs = RuleSet::from_json(doc).unwrap();
    let warned: Vec<(Option<&str>, &str)> = rs
        .warnings
        .iter()
        .map(|d| (d.rule.as_deref(), d.path.as_str()))
        .collect();
    assert_eq!(
        warned,
        [
            (Some("lost-retry"), "rules[0].actions"),
            (Some("advice-retry"), "rules[1].actions")
        ]
    );
    assert!(rs.warnings[0].message.contains("'lost_card'"));
    assert_eq!(
        rs.warnings[0].help.as_deref(),
        Some("offer 'update_payment_method' instead")
    );
}
