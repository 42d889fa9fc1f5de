//! The merchant's view (SPEC §3.3): which actions each view may show, on
//! generated orders in both views, masking for buyers only, and the CLI's
//! `--audience` (the seller's work queue).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use orderlens::json::Value;
use orderlens::rules::compiled::buyer_side;
use orderlens::rules::{ActionKind, Audience, RuleAudience};
use orderlens::time::Timestamp;
use orderlens::{Order, RuleSet};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// SPEC §3.3's list of the seller's actions, as the contract writes it.
const SELLER: &[&str] = &[
    "confirm_order",
    "check_stock",
    "contact_buyer",
    "remind_buyer",
    "respond_to_dispute",
    "issue_refund",
    "contact_payment_provider",
    "contact_platform",
];
/// The links both views offer.
const SHARED: &[&str] = &["contact_support", "track_shipment"];

#[test]
fn the_sellers_actions_are_exactly_the_contracts_list() {
    let names: Vec<&str> = ActionKind::MERCHANT.iter().map(|a| a.as_str()).collect();
    assert_eq!(names, SELLER);
    for name in ActionKind::ALL {
        let kind = ActionKind::parse(name).unwrap();
        let want = if SELLER.contains(name) {
            RuleAudience::Merchant
        } else if SHARED.contains(name) {
            RuleAudience::Both
        } else {
            RuleAudience::Buyer
        };
        assert_eq!(kind.audience(), want, "{name}");
    }
}

fn order(json: &str) -> Order {
    Order::from_json(json).unwrap()
}

/// Orders across statuses, payment states and codes, shipments, refunds,
/// cancellations and disputes.
fn generated() -> Vec<String> {
    let mut out = Vec::new();
    let statuses = [
        "pending_payment",
        "unconfirmed",
        "confirmed",
        "shipped",
        "delivered",
        "completed",
        "cancelled",
        "refunded",
    ];
    let payments = [
        "null",
        r#"{"method":"card","state":"none","attempts":0,"updated_at":"2026-11-21T02:00:00Z"}"#,
        r#"{"method":"card","state":"processing","attempts":1,"updated_at":"2026-11-21T02:00:00Z"}"#,
        r#"{"method":"card","state":"requires_action","attempts":1,"updated_at":"2026-11-21T02:00:00Z"}"#,
        r#"{"method":"card","state":"failed","failure_code":"insufficient_funds","attempts":1,"updated_at":"2026-11-21T02:00:00Z"}"#,
        r#"{"method":"card","state":"failed","failure_code":"card_declined","decline_code":"stolen_card","attempts":1,"updated_at":"2026-11-21T02:00:00Z"}"#,
        r#"{"method":"card","state":"failed","failure_code":"expired_card","attempts":1,"updated_at":"2026-11-21T02:00:00Z"}"#,
        r#"{"method":"card","state":"failed","failure_code":"mystery","attempts":1,"updated_at":"2026-11-21T02:00:00Z"}"#,
        r#"{"method":"wallet","state":"succeeded","attempts":1,"updated_at":"2026-11-21T02:00:00Z"}"#,
        r#"{"method":"card","state":"refunded","attempts":1,"updated_at":"2026-11-21T02:00:00Z"}"#,
    ];
    let extras = [
        "",
        r#","items":[{"sku":"A","qty":1,"in_stock":false,"restock_at":"2026-11-25T00:00:00Z"}]"#,
        r#","shipment":{"tracking_url":"https://t.example/1","shipped_at":"2026-11-10T00:00:00Z","expected_at":"2026-11-18T00:00:00Z"}"#,
        r#","shipment":{"tracking_url":"https://t.example/1","shipped_at":"2026-11-10T00:00:00Z","delivered_at":"2026-11-20T00:00:00Z"}"#,
        r#","cancellation":{"requested_at":"2026-11-21T02:01:00Z","by":"buyer","reason":"buyer_changed_mind","state":"requested"}"#,
        r#","cancellation":{"requested_at":"2026-11-01T02:01:00Z","by":"seller","reason":"out_of_stock","state":"approved"}"#,
        r#","refund":{"amount":100,"requested_at":"2026-11-01T00:00:00Z"}"#,
        r#","refund":{"amount":100,"requested_at":"2026-11-19T00:00:00Z","issued_at":"2026-11-19T10:00:00Z"}"#,
        r#","dispute":{"opened_at":"2026-11-20T12:00:00Z","kind":"damaged","state":"awaiting_seller"}"#,
        r#","dispute":{"opened_at":"2026-11-20T12:00:00Z","kind":"other","state":"escalated"}"#,
    ];
    for s in statuses {
        for p in payments {
            for e in extras {
                out.push(format!(
                    r#"{{"id":"G-1","status":"{s}","created_at":"2026-11-21T02:00:00Z","currency":"USD","total":100,"payment":{p},"items":[{{"sku":"A","qty":1,"in_stock":true}}]{e}}}"#
                ));
            }
        }
    }
    out
}

#[test]
fn each_view_shows_its_own_actions_on_every_generated_order() {
    let rs =
        RuleSet::from_json(r#"{"settings":{"support_url":"https://shop.example/help"}}"#).unwrap();
    let times = [
        "2026-11-21T02:05:00Z",
        "2026-11-21T05:00:00Z",
        "2026-11-23T00:00:00Z",
        "2026-12-31T00:00:00Z",
    ];
    let mut merchant_kinds: Vec<&str> = Vec::new();
    let mut n = 0;
    for json in generated() {
        let o = order(&json);
        for t in times {
            let now = Timestamp::parse_rfc3339(t).unwrap();
            for view in [Audience::Buyer, Audience::Merchant] {
                let d = rs.explain_for(&o, now, "en", None, view);
                let e = rs.decide_for(&o, now, view);
                n += 1;
                let kinds: Vec<_> = d.actions.iter().map(|a| a.kind).collect();
                assert_eq!(
                    kinds, e.actions,
                    "{json} at {t}: evaluate and explain differ"
                );
                for k in &kinds {
                    let k = &k.as_str();
                    let seller = SELLER.contains(k);
                    let ok = SHARED.contains(k)
                        || match view {
                            Audience::Merchant => seller,
                            Audience::Buyer => !seller,
                        };
                    assert!(ok, "{json} at {t}: {k} in the {} view", view.as_str());
                    if view == Audience::Merchant && !merchant_kinds.contains(k) {
                        merchant_kinds.push(k);
                    }
                }
                let text = d.to_json();
                match view {
                    Audience::Buyer => {
                        assert!(!text.contains("\"confidential\""), "{json}: {text}");
                        assert!(!text.contains("stolen_card"), "{json}: {text}");
                    }
                    Audience::Merchant => {
                        for r in &d.reasons {
                            assert!(!r.title.trim().is_empty(), "{json} at {t}: empty title");
                            assert!(!r.title.contains('_'), "{json} at {t}: {}", r.title);
                        }
                    }
                }
            }
        }
    }
    assert!(n > 3000, "{n} diagnoses");
    // The built-in merchant rules offer every seller's action somewhere.
    for k in SELLER {
        assert!(
            merchant_kinds.contains(k),
            "{k} never offered: {merchant_kinds:?}"
        );
    }
}

#[test]
fn masking_is_for_buyers_only() {
    let rs = RuleSet::defaults().unwrap();
    let now = Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap();
    for (code, cause) in [
        ("lost_card", "lost or stolen"),
        ("stolen_card", "lost or stolen"),
        ("pickup_card", "lost or stolen"),
        ("fraudulent", "suspected fraud"),
        ("merchant_blacklist", "block list"),
        ("restricted_card", "restricted"),
    ] {
        let o = order(&format!(
            r#"{{"id":"X","status":"unconfirmed","created_at":"2026-11-21T02:00:00Z","payment":{{"method":"card","state":"failed","failure_code":"card_declined","decline_code":"{code}","attempts":1}}}}"#
        ));
        let buyer = rs.explain(&o, now, "en");
        let seller = rs.explain_for(&o, now, "en", None, Audience::Merchant);
        let b = buyer.to_json();
        assert!(!b.contains(code) && !b.contains("confidential"), "{b}");
        assert_eq!(buyer.headline.rule, "payment-declined");
        assert!(seller.headline.confidential, "{code}");
        assert!(
            seller.headline.title.contains(cause),
            "{code}: {}",
            seller.headline.title
        );
        assert!(!seller.headline.title.contains(code) && !seller.headline.body.contains(code));
        // Support reads the real code in the seller's trace.
        assert!(seller.to_json().contains(code), "{code}");
        // An unmasked never-approve code is not confidential.
    }
    let o = order(
        r#"{"id":"X","status":"unconfirmed","created_at":"2026-11-21T02:00:00Z","payment":{"method":"card","state":"failed","failure_code":"card_declined","decline_code":"do_not_try_again","attempts":1}}"#,
    );
    let seller = rs.explain_for(&o, now, "en", None, Audience::Merchant);
    assert!(!seller.headline.confidential);
    assert!(!seller.to_json().contains("confidential"));
}

#[test]
fn buyer_side_bytes_keep_rule_numbers_and_refuse_the_merchants_view() {
    let rs = RuleSet::from_json(
        r#"{"rules":[{"id":"vip","when":"total >= 500000","reason":"order_status","severity":"info"}]}"#,
    )
    .unwrap();
    let slim = RuleSet::from_bytes(&buyer_side(rs.clone()).to_bytes()).unwrap();
    assert!(rs.has_merchant_view());
    assert!(!slim.has_merchant_view());
    assert_eq!(slim.rules.len(), rs.rules.len());
    let o = order(
        r#"{"id":"V","status":"unconfirmed","created_at":"2026-11-21T02:00:00Z","total":600000,"payment":{"method":"card","state":"succeeded","attempts":1,"updated_at":"2026-11-21T02:00:00Z"}}"#,
    );
    let now = Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap();
    // The same buyer's diagnosis, support code included.
    assert_eq!(
        slim.explain(&o, now, "en").to_json(),
        rs.explain(&o, now, "en").to_json()
    );
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_orderlens"))
}

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn sweep_audience_merchant_due_only_is_the_sellers_work_queue() {
    let paid = r#"{"id":"PAID","status":"unconfirmed","created_at":"2026-11-21T02:00:00Z","payment":{"method":"card","state":"succeeded","attempts":1,"updated_at":"2026-11-21T02:00:00Z"}}"#;
    let unpaid =
        r#"{"id":"UNPAID","status":"pending_payment","created_at":"2026-11-21T02:00:00Z"}"#;
    let done = r#"{"id":"DONE","status":"completed","created_at":"2026-11-01T02:00:00Z"}"#;
    let dispute = r#"{"id":"DISPUTE","status":"delivered","created_at":"2026-11-01T02:00:00Z","dispute":{"opened_at":"2026-11-20T12:00:00Z","kind":"damaged","state":"awaiting_seller"}}"#;
    let input = format!("{paid}\n{unpaid}\nnot json\n{done}\n{dispute}\n");
    let out = run(
        &[
            "sweep",
            "--audience",
            "merchant",
            "--due-only",
            "--now",
            "2026-11-21T02:05:00Z",
        ],
        &input,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad line makes the exit code 1"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("line 3:"), "{stderr}");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| orderlens::json::parse(l).unwrap())
        .collect();
    let ids: Vec<String> = lines
        .iter()
        .map(|l| l.get("id").unwrap().to_json())
        .collect();
    assert_eq!(ids, ["\"PAID\"", "\"DISPUTE\""]);
    let first = &lines[0];
    assert_eq!(
        first.to_json(),
        r#"{"id":"PAID","reasons":["awaiting_merchant_confirmation"],"needs_seller":true,"actions":["confirm_order","check_stock"],"deadlines":[],"upcoming":[{"kind":"merchant_confirm","at":"2026-11-21T04:00:00Z"}]}"#
    );
    let second = &lines[1];
    assert_eq!(
        second.get("upcoming").unwrap().to_json(),
        r#"[{"kind":"dispute_response","at":"2026-11-22T12:00:00Z"}]"#
    );
    // Without --due-only every order has its line; without --audience the
    // buyer's lines are unchanged.
    let all = run(
        &[
            "sweep",
            "--audience",
            "merchant",
            "--now",
            "2026-11-21T02:05:00Z",
        ],
        &format!("{paid}\n{unpaid}\n"),
    );
    assert_eq!(String::from_utf8(all.stdout).unwrap().lines().count(), 2);
    let buyer = run(
        &["sweep", "--now", "2026-11-21T02:05:00Z"],
        &format!("{paid}\n"),
    );
    assert_eq!(
        String::from_utf8(buyer.stdout).unwrap().trim(),
        r#"{"id":"PAID","reasons":["awaiting_merchant_confirmation"],"deadlines":[]}"#
    );
}

#[test]
fn audience_flags_are_checked() {
    let dir = std::env::temp_dir().join(format!("orderlens-merchant-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let order = dir.join("order.json");
    std::fs::write(
        &order,
        r#"{"id":"A","status":"unconfirmed","created_at":"2026-11-21T02:00:00Z"}"#,
    )
    .unwrap();
    let order = order.to_str().unwrap();
    let bad = run(&["explain", order, "--audience", "seller"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8(bad.stderr)
        .unwrap()
        .contains("unknown audience 'seller'"));
    // Rules compiled for checkout pages hold no merchant's view.
    let rules = dir.join("rules.json");
    std::fs::write(&rules, "{}").unwrap();
    let olr = dir.join("buyer.olr");
    let c = run(
        &[
            "compile",
            rules.to_str().unwrap(),
            "--audience",
            "buyer",
            "--out",
            olr.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(c.status.code(), Some(0));
    let m = run(
        &[
            "explain",
            order,
            "--rules",
            olr.to_str().unwrap(),
            "--audience",
            "merchant",
        ],
        "",
    );
    assert_eq!(m.status.code(), Some(2));
    assert!(String::from_utf8(m.stderr)
        .unwrap()
        .contains("buyer's view only"));
    let ok = run(
        &[
            "explain",
            order,
            "--audience",
            "merchant",
            "--now",
            "2026-11-21T02:05:00Z",
        ],
        "",
    );
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8(ok.stdout)
        .unwrap()
        .contains("Not paid yet"));
    let _ = std::fs::remove_dir_all(&dir);
}
