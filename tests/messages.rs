//! Customer-facing text in every shipped locale.
//!
//! `every_default_reason_reads_well_in_each_locale` renders one order per
//! built-in reason in en, zh-CN and ru and compares the text with the
//! reviewed snapshots in `tests/snapshots/`. After changing a message, run
//! `UPDATE_SNAPSHOTS=1 cargo test --test messages`, then read the diff.

// Native: these read fixture files and run the CLI. The wasm tests are
// in src/wasm/tests.rs and run the same fixtures through the JS boundary.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use orderlens::json::parse;
use orderlens::messages::locale::{money, negotiate, Style, SHIPPED};
use orderlens::rules::Audience;
use orderlens::{Order, RuleSet, Timestamp};

const NOW: &str = "2026-11-21T02:05:00Z";

fn rules() -> RuleSet {
    RuleSet::from_json(
        r#"{"settings": {"timezone": "Asia/Shanghai", "support_url": "https://shop.example/help"}}"#,
    )
    .unwrap()
}

/// One order per built-in reason (name, order JSON); `reason/code` names a
/// payment decline code (one per thing the customer is told, SPEC §2.3).
fn cases() -> Vec<(String, String)> {
    let base = |status: &str, rest: &str| {
        format!(
            r#"{{"id": "A-1001", "status": "{status}", "created_at": "2026-11-21T09:58:00+08:00",
                "currency": "CNY", "total": 12900,
                "items": [{{"sku": "TEA-01", "name": "Oolong 250g", "qty": 2, "in_stock": true}}] {rest}}}"#
        )
    };
    let pay = |state: &str, code: &str, updated: &str| {
        format!(
            r#", "payment": {{"method": "card", "state": "{state}", "failure_code": {code}, "attempts": 1, "updated_at": "{updated}"}}"#
        )
    };
    let paid = pay("succeeded", "null", "2026-11-21T09:59:00+08:00");
    let declined = |code: &str| {
        base(
            "unconfirmed",
            &pay(
                "failed",
                &format!("\"card_declined\", \"decline_code\": \"{code}\""),
                "2026-11-21T10:00:00+08:00",
            ),
        )
    };
    let mut decline_cases = Vec::new();
    let mut told = Vec::new();
    for (code, group, detail, _) in orderlens::decline::CODES {
        if told.contains(detail) {
            continue;
        }
        told.push(*detail);
        let reason = match group.as_str() {
            "authenticate" => "authentication_required",
            _ if *detail == "expired" => "card_expired",
            _ => "payment_declined",
        };
        decline_cases.push((format!("{reason}/{code}"), declined(code)));
    }
    let named = vec![
        ("checkout_incomplete", base("pending_payment", "")),
        ("auto_cancelled_unpaid", base("pending_payment", "").replace("09:58:00", "08:58:00")),
        ("payment_declined", base("unconfirmed", &pay("failed", "\"card_declined\"", "2026-11-21T10:00:00+08:00"))),
        ("card_expired", base("unconfirmed", &pay("failed", "\"expired_card\"", "2026-11-21T10:00:00+08:00"))),
        ("authentication_required", base("unconfirmed", &pay("requires_action", "null", "2026-11-21T10:00:00+08:00"))),
        ("payment_failed_other", base("unconfirmed", &pay("failed", "\"gateway_timeout\"", "2026-11-21T10:00:00+08:00"))),
        ("payment_processing", base("unconfirmed", &pay("processing", "null", "2026-11-21T10:00:00+08:00"))),
        ("payment_delayed", base("unconfirmed", &pay("processing", "null", "2026-11-21T09:00:00+08:00"))),
        ("awaiting_merchant_confirmation", base("unconfirmed", &paid)),
        ("confirmation_delayed", base("unconfirmed", &pay("succeeded", "null", "2026-11-21T07:00:00+08:00"))),
        (
            "out_of_stock",
            base("unconfirmed", &paid).replace(
                r#""in_stock": true}]"#,
                r#""in_stock": false, "restock_at": "2026-11-28T10:00:00+08:00"}, {"name": "Jasmine 100g", "in_stock": false, "restock_at": "2026-12-02T18:00:00+08:00"}]"#,
            ),
        ),
        (
            "delivery_delayed",
            base("shipped", &format!(r#"{paid}, "shipment": {{"carrier": "SF Express", "tracking_url": "https://t.example/SF1", "shipped_at": "2026-11-10T10:00:00+08:00", "expected_at": "2026-11-15T18:00:00+08:00"}}"#)),
        ),
        (
            "awaiting_receipt_confirmation",
            base("delivered", &format!(r#"{paid}, "shipment": {{"carrier": "SF Express", "shipped_at": "2026-11-15T10:00:00+08:00", "delivered_at": "2026-11-18T15:30:00+08:00"}}"#)),
        ),
        (
            "cancellation_requested",
            base("confirmed", &format!(r#"{paid}, "cancellation": {{"requested_at": "2026-11-21T10:01:00+08:00", "by": "buyer", "reason": "buyer_changed_mind", "state": "requested"}}"#)),
        ),
        (
            "cancelled_by_seller",
            base("cancelled", &format!(r#"{paid}, "cancellation": {{"requested_at": "2026-11-20T10:00:00+08:00", "by": "seller", "reason": "price_changed", "state": "approved"}}, "refund": {{"requested_at": "2026-11-20T10:00:00+08:00", "approved_at": "2026-11-20T11:00:00+08:00"}}"#)),
        ),
        (
            "refund_in_progress",
            base("refunded", &format!(r#"{paid}, "refund": {{"amount": 12900, "requested_at": "2026-11-19T10:00:00+08:00", "approved_at": "2026-11-19T12:00:00+08:00", "issued_at": "2026-11-20T09:00:00+08:00"}}"#)),
        ),
        (
            "refund_overdue",
            base("refunded", &format!(r#"{paid}, "refund": {{"amount": 12900, "requested_at": "2026-10-19T10:00:00+08:00", "approved_at": "2026-10-19T12:00:00+08:00", "issued_at": "2026-10-20T09:00:00+08:00"}}"#)),
        ),
        (
            "dispute_open",
            base("delivered", &format!(r#"{paid}, "shipment": {{"delivered_at": "2026-11-18T15:30:00+08:00"}}, "dispute": {{"opened_at": "2026-11-20T10:00:00+08:00", "kind": "damaged", "state": "awaiting_buyer"}}"#)),
        ),
        ("order_confirmed", base("confirmed", &paid)),
        (
            "in_transit",
            base("shipped", &format!(r#"{paid}, "shipment": {{"carrier": "SF Express", "tracking_url": "https://t.example/SF1", "shipped_at": "2026-11-20T10:00:00+08:00", "expected_at": "2026-11-24T18:00:00+08:00"}}"#)),
        ),
        ("order_completed", base("completed", &paid)),
        (
            "order_cancelled",
            base("cancelled", r#", "cancellation": {"requested_at": "2026-11-21T10:00:00+08:00", "by": "buyer", "reason": "buyer_changed_mind", "state": "approved"}"#),
        ),
        (
            "refund_completed",
            base("refunded", &format!(r#"{paid}, "refund": {{"amount": 12900, "requested_at": "2026-11-10T10:00:00+08:00", "completed_at": "2026-11-17T10:00:00+08:00"}}"#)),
        ),
    ];
    named
        .into_iter()
        .map(|(n, j)| (n.to_string(), j))
        .chain(decline_cases)
        .collect()
}

fn render(rs: &RuleSet, locale: &str) -> String {
    render_for(rs, locale, Audience::Buyer, cases())
}

/// The text of every case in one view (the buyer's or the seller's).
fn render_for(
    rs: &RuleSet,
    locale: &str,
    audience: Audience,
    cases: Vec<(String, String)>,
) -> String {
    let now = Timestamp::parse_rfc3339(NOW).unwrap();
    let mut out = match audience {
        Audience::Buyer => {
            format!("# {locale}: every built-in reason, now = {NOW} (Asia/Shanghai)\n")
        }
        _ => format!(
            "# {locale}: every built-in reason in the seller's view, now = {NOW} (Asia/Shanghai)\n"
        ),
    };
    for (reason, json) in cases {
        let order = Order::from_json(&json).unwrap_or_else(|e| panic!("{reason}: {e}"));
        let d = rs.explain_for(&order, now, locale, None, audience);
        let want = reason.split('/').next().unwrap_or_default();
        assert_eq!(
            d.headline.reason, want,
            "the case for {reason} shows {}",
            d.headline.reason
        );
        out.push_str(&format!(
            "\n## {reason}\n{}\n{}\n",
            d.headline.title, d.headline.body
        ));
        for a in &d.actions {
            out.push_str(&format!("  [{}] {}\n", a.kind, a.label));
            if let Some(c) = &a.confirm {
                out.push_str(&format!(
                    "      ? {} / {} / [{}] [{}]\n",
                    c.title, c.body, c.confirm_label, c.cancel_label
                ));
            }
        }
        for dl in &d.deadlines {
            out.push_str(&format!("  ⏱ {}\n", dl.label));
        }
        for s in &d.timeline {
            out.push_str(&format!("  · {} / {} ({})\n", s.label, s.detail, s.state));
        }
        for r in d.reasons.iter().skip(1) {
            out.push_str(&format!("  + {}: {}\n", r.title, r.body));
        }
    }
    out
}

#[test]
fn every_default_reason_reads_well_in_each_locale() {
    let rs = rules();
    let mut failures = Vec::new();
    for locale in SHIPPED {
        let got = render(&rs, locale);
        // "—" stands for a missing value (Russian and Chinese prose use dashes).
        let missing = if *locale == "en" { "—" } else { "{" };
        for bad in [
            "{",
            "}",
            missing,
            "reason.",
            "action.",
            "timeline.",
            "deadline.",
            "1 days",
            "5 дня",
            "  \n",
        ] {
            assert!(
                !got.contains(bad),
                "{locale}: the text contains {bad:?}:\n{got}"
            );
        }
        let path = format!("tests/snapshots/{locale}.txt");
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            failures.push(format!("{path} differs; rerun with UPDATE_SNAPSHOTS=1 and review the diff\n--- got ---\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The seller's side of every case, plus the seller's texts the buyer's
/// cases do not reach (SPEC §3.3).
fn merchant_cases() -> Vec<(String, String)> {
    let order = |status: &str, rest: &str| {
        format!(
            r#"{{"id": "A-1001", "status": "{status}", "created_at": "2026-11-01T09:58:00+08:00",
                "currency": "CNY", "total": 12900,
                "payment": {{"method": "card", "state": "succeeded", "updated_at": "2026-11-01T09:59:00+08:00"}},
                "items": [{{"sku": "TEA-01", "name": "Oolong 250g", "qty": 2, "in_stock": true}}] {rest}}}"#
        )
    };
    let extra = vec![
        (
            "in_transit/estimated_from_shipped_at",
            order(
                "shipped",
                r#", "shipment": {"carrier": "SF Express", "shipped_at": "2026-11-20T10:00:00+08:00"}"#,
            ),
        ),
        (
            "refund_overdue/not_sent",
            order(
                "refunded",
                r#", "refund": {"amount": 12900, "requested_at": "2026-11-02T10:00:00+08:00", "approved_at": "2026-11-02T12:00:00+08:00"}"#,
            ),
        ),
        (
            "dispute_open/escalated",
            order(
                "delivered",
                r#", "shipment": {"delivered_at": "2026-11-10T15:30:00+08:00"}, "dispute": {"opened_at": "2026-11-12T10:00:00+08:00", "kind": "not_received", "state": "escalated"}"#,
            ),
        ),
        (
            "cancelled_by_seller/cannot_fulfill",
            order(
                "cancelled",
                r#", "cancellation": {"requested_at": "2026-11-20T10:00:00+08:00", "by": "seller", "reason": "cannot_fulfill", "state": "approved"}, "refund": {"requested_at": "2026-11-20T10:00:00+08:00", "approved_at": "2026-11-20T11:00:00+08:00"}"#,
            ),
        ),
    ];
    cases()
        .into_iter()
        .chain(extra.into_iter().map(|(n, j)| (n.to_string(), j)))
        .collect()
}

#[test]
fn every_default_reason_reads_well_for_the_seller_in_each_locale() {
    let rs = rules();
    let mut failures = Vec::new();
    for locale in SHIPPED {
        let got = render_for(&rs, locale, Audience::Merchant, merchant_cases());
        let missing = if *locale == "en" { "—" } else { "{" };
        for bad in ["{", "}", missing, "merchant.", "..", "  \n"] {
            assert!(
                !got.contains(bad),
                "{locale}: the seller's text contains {bad:?}:\n{got}"
            );
        }
        let path = format!("tests/snapshots/merchant-{locale}.txt");
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            failures.push(format!("{path} differs; rerun with UPDATE_SNAPSHOTS=1 and review the diff\n--- got ---\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_built_in_key_exists_in_every_locale() {
    let rs = RuleSet::defaults().unwrap();
    let en = rs.catalog.get("en").unwrap();
    for tag in SHIPPED {
        let lc = rs.catalog.get(tag).unwrap();
        assert_eq!(lc.locale.tag, *tag);
        let missing: Vec<&String> = en
            .messages
            .keys()
            .filter(|k| !lc.messages.contains_key(k))
            .collect();
        let extra: Vec<&String> = lc
            .messages
            .keys()
            .filter(|k| !en.messages.contains_key(k))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{tag}: missing {missing:?}, extra {extra:?}"
        );
    }
    // Every reason of a built-in rule has a title and body.
    for r in &rs.rules {
        assert!(
            en.messages
                .contains_key(&format!("reason.{}.title", r.reason)),
            "{}",
            r.reason
        );
    }
}

#[test]
fn russian_day_counts_use_cldr_plurals() {
    let rs = RuleSet::from_json(
        r#"{"messages": {
            "en": {"reason.n.title": "{days_to, plural, one {# day} other {# days}}", "reason.n.body": "x"},
            "zh-CN": {"reason.n.title": "{days_to, plural, other {#天}}", "reason.n.body": "x"},
            "ru": {"reason.n.title": "{days_to, plural, one {# день} few {# дня} many {# дней} other {# дня}}", "reason.n.body": "x"}},
           "rules": [{"id": "n", "when": "true", "reason": "n", "priority": 1000}]}"#,
    )
    .unwrap();
    let order = Order::from_json(r#"{"id": "1", "status": "confirmed", "created_at": "2026-11-21T00:00:00Z", "payment": {"method": "card", "state": "succeeded"}}"#).unwrap();
    let now = Timestamp::parse_rfc3339(NOW).unwrap();
    let expect = [
        (0, "0 дней", "0 days", "0天"),
        (1, "1 день", "1 day", "1天"),
        (2, "2 дня", "2 days", "2天"),
        (5, "5 дней", "5 days", "5天"),
        (11, "11 дней", "11 days", "11天"),
        (21, "21 день", "21 days", "21天"),
        (22, "22 дня", "22 days", "22天"),
        (25, "25 дней", "25 days", "25天"),
        (111, "111 дней", "111 days", "111天"),
    ];
    for (n, ru, en, zh) in expect {
        let with_window = RuleSet::from_value(Some(
            &parse(&format!(
                r#"{{"refund_windows": {{"card": {{"arrive": ["0bd", "{n}bd"]}}}},
                   "messages": {{
                     "en": {{"reason.n.title": "{{days_to, plural, one {{# day}} other {{# days}}}}", "reason.n.body": "x"}},
                     "zh-CN": {{"reason.n.title": "{{days_to, plural, other {{#天}}}}", "reason.n.body": "x"}},
                     "ru": {{"reason.n.title": "{{days_to, plural, one {{# день}} few {{# дня}} many {{# дней}} other {{# дня}}}}", "reason.n.body": "x"}}}},
                   "rules": [{{"id": "n", "when": "true", "reason": "n", "priority": 1000}}]}}"#
            ))
            .unwrap(),
        ))
        .unwrap();
        assert_eq!(with_window.explain(&order, now, "ru").headline.title, ru);
        assert_eq!(with_window.explain(&order, now, "en").headline.title, en);
        assert_eq!(with_window.explain(&order, now, "zh-CN").headline.title, zh);
    }
    assert_eq!(rs.explain(&order, now, "ru").headline.title, "10 дней");
}

#[test]
fn money_in_each_locale() {
    let cases = [
        (Style::En, 12900, "USD", "$129.00"),
        (Style::En, 12900, "CNY", "CN¥129.00"),
        (Style::Zh, 12900, "CNY", "¥129.00"),
        (Style::Ru, 12900, "RUB", "129,00\u{a0}₽"),
        (Style::En, 12900, "RUB", "RUB\u{a0}129.00"),
        (Style::En, 12900, "JPY", "¥12,900"),
        (Style::Zh, 12900, "JPY", "JP¥12,900"),
        (Style::Ru, 12900, "JPY", "12\u{a0}900\u{a0}¥"),
        (Style::En, 12_345, "KWD", "KWD\u{a0}12.345"),
        (Style::Ru, 12_345, "KWD", "12,345\u{a0}KWD"),
        (Style::En, 123_456_789, "USD", "$1,234,567.89"),
    ];
    for (style, minor, cur, want) in cases {
        assert_eq!(
            money(style, minor, Some(cur)),
            want,
            "{style:?} {minor} {cur}"
        );
    }
}

#[test]
fn dates_across_the_year_boundary_and_in_zones_east_of_utc() {
    // 2026-12-31T20:00:00Z is already 2027-01-01 04:00 in Shanghai: the
    // customer sees the local date, with the year since it is not this year.
    let rs = RuleSet::from_json(r#"{"settings": {"timezone": "Asia/Shanghai"}}"#).unwrap();
    let order = Order::from_json(
        r#"{"id": "Y", "status": "pending_payment", "created_at": "2026-12-31T19:50:00Z"}"#,
    )
    .unwrap();
    let now = Timestamp::parse_rfc3339("2026-12-31T15:55:00Z").unwrap(); // Dec 31, 23:55 local
    let d = rs.explain(&order, now, "en");
    assert_eq!(d.deadlines[0].at.to_rfc3339(), "2026-12-31T20:20:00Z");
    assert_eq!(
        d.deadlines[0].label,
        "Cancelled automatically if not paid by Jan\u{a0}1,\u{a0}2027,\u{a0}04:20"
    );
    assert!(rs
        .explain(&order, now, "zh-CN")
        .headline
        .body
        .contains("2027年1月1日\u{a0}04:20"));
    assert!(rs
        .explain(&order, now, "ru")
        .headline
        .body
        .contains("1\u{a0}января\u{a0}2027\u{a0}г.,\u{a0}04:20"));
    // Same instant seen on the same local day: time only.
    let now = Timestamp::parse_rfc3339("2026-12-31T16:05:00Z").unwrap(); // Jan 1, 00:05 local
    let d = rs.explain(&order, now, "en");
    assert_eq!(
        d.deadlines[0].label,
        "Cancelled automatically if not paid by 04:20"
    );
}

#[test]
fn a_russian_date_in_another_year_ends_a_sentence_with_one_period() {
    let rs = rules();
    let order = Order::from_json(
        r#"{"id": "R", "status": "unconfirmed", "created_at": "2026-11-21T09:58:00+08:00",
            "currency": "RUB", "total": 12900,
            "payment": {"method": "card", "state": "succeeded", "updated_at": "2026-11-21T09:59:00+08:00"},
            "items": [{"sku": "S", "name": "Чай", "qty": 1, "in_stock": false, "restock_at": "2027-01-05T10:00:00+08:00"}]}"#,
    )
    .unwrap();
    let now = Timestamp::parse_rfc3339(NOW).unwrap();
    let body = rs.explain(&order, now, "ru").headline.body;
    assert!(
        body.contains("до 5\u{a0}января\u{a0}2027\u{a0}г. Вы можете"),
        "{body}"
    );
    assert!(!body.contains(".."), "{body}");
}

#[test]
fn locale_negotiation() {
    let av: Vec<String> = SHIPPED.iter().map(|s| s.to_string()).collect();
    for (asked, got) in [
        ("zh-Hans-CN", "zh-CN"),
        ("zh-CN", "zh-CN"),
        ("zh", "zh-CN"),
        ("ZH-cn", "zh-CN"),
        ("ru-RU", "ru"),
        ("ru", "ru"),
        ("en-GB", "en"),
        ("fr", "en"),
        ("", "en"),
        ("de-DE,de;q=0.9,ru;q=0.8,en;q=0.5", "ru"),
        ("en;q=0.1, zh-TW;q=0.9", "zh-CN"),
    ] {
        assert_eq!(negotiate(asked, &av), got, "{asked}");
    }
    let rs = rules();
    let order = Order::from_json(
        r#"{"id": "1", "status": "confirmed", "created_at": "2026-11-21T00:00:00Z"}"#,
    )
    .unwrap();
    let now = Timestamp::parse_rfc3339(NOW).unwrap();
    assert_eq!(rs.explain(&order, now, "zh-Hans-CN").locale, "zh-CN");
    assert_eq!(rs.explain(&order, now, "ru-RU").locale, "ru");
    assert_eq!(rs.explain(&order, now, "pt-BR").locale, "en");
}

#[test]
fn widget_labels_are_catalog_messages() {
    let rs = rules();
    let msg = |key: &str, values: &[(&str, &str)], locale: &str| rs.message(key, values, locale);
    // Countdowns with CLDR plurals.
    for (n, en, zh, ru) in [
        (
            0,
            "less than a minute left",
            "还剩不到 1 分钟",
            "осталось меньше минуты",
        ),
        (1, "1 min left", "还剩 1 分钟", "осталась 1 мин"),
        (2, "2 min left", "还剩 2 分钟", "осталось 2 мин"),
        (5, "5 min left", "还剩 5 分钟", "осталось 5 мин"),
        (21, "21 min left", "还剩 21 分钟", "осталась 21 мин"),
        (23, "23 min left", "还剩 23 分钟", "осталось 23 мин"),
    ] {
        let n = n.to_string();
        let v = [("minutes", n.as_str())];
        assert_eq!(msg("widget.countdown", &v, "en"), en);
        assert_eq!(msg("widget.countdown", &v, "zh-CN"), zh);
        assert_eq!(msg("widget.countdown", &v, "ru-RU"), ru);
    }
    // Per action, with a generic case for anything else.
    assert_eq!(
        msg("widget.pending", &[("action", "cancel_order")], "en"),
        "Cancelling…"
    );
    assert_eq!(
        msg("widget.action_failed", &[("action", "cancel_order")], "ru"),
        "Не удалось отменить заказ."
    );
    assert_eq!(
        msg("widget.action_failed", &[("action", "whatever")], "en"),
        "That didn't work."
    );
    assert_eq!(
        msg("widget.fallback", &[("order_id", "A-1")], "zh-CN"),
        "暂时无法显示订单A-1的状态。"
    );
    assert_eq!(
        msg("widget.fallback", &[], "en"),
        "We can't show the status of this order right now."
    );
    // A count that is not a number reads as missing ("—"), like an unknown name.
    let rs2 = RuleSet::from_json(
        r#"{"messages": {"ru": {"widget.support_code": "{minutes} {zone} {count}"}}}"#,
    )
    .unwrap();
    assert_eq!(
        rs2.message(
            "widget.support_code",
            &[
                ("minutes", "3"),
                ("zone", "Москва"),
                ("count", "x"),
                ("nope", "1")
            ],
            "ru"
        ),
        "3 Москва —"
    );
    // An unknown key gives nothing rather than the key.
    assert_eq!(msg("widget.nope", &[], "en"), "");
    // Every shipped locale has every widget label.
    for key in orderlens::messages::WIDGET_KEYS {
        for locale in SHIPPED {
            let lc = rs.catalog.get(locale).unwrap();
            assert!(lc.messages.contains_key(key), "{locale} lacks {key}");
        }
    }
}

#[test]
fn merchants_override_widget_labels_and_their_locales_fall_back_per_key() {
    let rs = RuleSet::from_json(
        r#"{"messages": {
              "en": {"widget.support_code": "Reference:"},
              "de": {"widget.support_code": "Support-Code:", "reason.order_status.title": "Status"}}}"#,
    )
    .unwrap();
    let none: [(&str, &str); 0] = [];
    assert_eq!(rs.message("widget.support_code", &none, "en"), "Reference:");
    assert_eq!(
        rs.message("widget.support_code", &none, "de"),
        "Support-Code:"
    );
    // A key the merchant's locale lacks: English, and a warning when loading.
    assert_eq!(
        rs.message("widget.refund_progress", &none, "de"),
        "Refund progress"
    );
    assert!(rs
        .warnings
        .iter()
        .any(|w| w.message.contains("locale 'de' fall back to English")));
    // A shipped locale cannot lose a widget label: overriding it with bad text is an error.
    let e = RuleSet::from_json(
        r#"{"messages": {"ru": {"widget.countdown": "{minutes, plural, one {x}}"}}}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("widget.countdown"), "{e}");
}
