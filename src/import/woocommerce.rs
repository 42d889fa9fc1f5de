//! WooCommerce REST API v3 order (`GET /wp-json/wc/v3/orders/{id}`) →
//! order document. The mapping table is in the README ("Importers").
//!
//! WooCommerce writes dates twice and both without a zone: `date_paid` in
//! the site's time zone, `date_paid_gmt` in UTC. The `_gmt` fields are read;
//! a local field alone is accepted only when it carries an offset.

use super::{get, index, join, method_of, Ctx, Currency, Doc, Parts, Refunds};
use crate::json::Value;
use crate::time::{truncate, Timestamp};

const STATUSES: &[&str] = &[
    "pending",
    "processing",
    "on-hold",
    "completed",
    "cancelled",
    "refunded",
    "failed",
    "checkout-draft",
];

pub(super) fn import(cx: &mut Ctx, payload: &Value) -> Value {
    let Some(o) = cx.root(payload, "", "a WooCommerce order object") else {
        return Value::Null;
    };
    let mut parts = Parts {
        id: cx.id(o, "", "number").or_else(|| cx.id(o, "", "id")),
        created_at: date(cx, o, "", "date_created"),
        currency: cx.required_currency(o, "", "currency"),
        ..Parts::default()
    };
    if parts.id.is_none() {
        cx.missing("", "id", None);
    }
    if parts.created_at.is_none() && get(o, "date_created").is_none() {
        cx.missing("", "date_created_gmt", None);
    }
    if get(o, "currency").is_none() {
        cx.missing("", "currency", None);
    }
    let cur = parts.currency.clone();
    if let Some(c) = &cur {
        parts.total = cx.money(o, "", "total", c);
        cx.origin("total".into(), "total".into());
    }

    let (status, set_paid) = read_status(cx, o);
    let date_paid = date(cx, o, "", "date_paid");
    // Read so that a broken date is reported; the document has no
    // completion date (a completed order is `completed`).
    let _ = date(cx, o, "", "date_completed");
    let modified = date(cx, o, "", "date_modified");
    let method = cx.text(o, "", "payment_method").map_or("other", method_of);
    let paid = date_paid.is_some() || set_paid == Some(true);
    line_items(cx, o, &mut parts.items);
    let refunded = cur
        .as_ref()
        .and_then(|c| refunds(cx, o, c, modified, &mut parts));

    let Some(status) = status else {
        return Value::Null;
    };
    let state = payment_state(status, paid, method);
    let state = match (state, refunded, parts.total) {
        ("succeeded", Some(r), Some(total)) if r > 0 && r < total => "partially_refunded",
        ("succeeded", Some(r), _) if r > 0 => "refunded",
        (s, _, _) => s,
    };
    let mut p = Doc::default();
    p.str("method", Some(method));
    super::set_payment_state(&mut p, state);
    p.ts("updated_at", date_paid.or(modified).or(parts.created_at));
    parts.payment = Some(p);
    parts.status = Some(order_status(status, paid));
    // Cancelling never refunds in WooCommerce, and only the shop can cancel
    // a paid order (a customer may cancel a pending or failed one): a paid
    // order cancelled with no refund is the shop's cancellation, at its last
    // change, with the refund still owed.
    if status == "cancelled" && paid && refunded.unwrap_or(0) == 0 {
        parts.cancellation = Some(super::cancellation(
            modified.or(date_paid),
            "seller",
            "other",
        ));
    }
    parts.doc().value()
}

/// The order's `status` (`None` when it cannot be shown: in the trash, or
/// unknown) and its `set_paid`.
fn read_status(cx: &mut Ctx, o: &Value) -> (Option<&'static str>, Option<bool>) {
    let set_paid = cx.boolean(o, "", "set_paid");
    if super::is_empty_text(o, "status") {
        cx.unknown("status".into(), "", STATUSES);
        return (None, set_paid);
    }
    let status = match cx.text(o, "", "status") {
        // The documented default; `set_paid` makes it `processing`.
        None if set_paid == Some(true) => Some("processing"),
        None => Some("pending"),
        Some("trash") => {
            cx.err(
                "status".into(),
                "the order is in the trash: there is nothing to show a customer".into(),
                Some("restore the order first".into()),
            );
            None
        }
        Some(_) => cx.required_choice(o, "", "status", STATUSES),
    };
    (status, set_paid)
}

/// The order's items, from its `line_items`, into `items`.
fn line_items(cx: &mut Ctx, o: &Value, items: &mut Vec<Value>) {
    for (i, li) in cx.array(o, "", "line_items").iter().enumerate() {
        let p = index("line_items", i);
        let Some(li) = cx.root(li, &p, "a line item object") else {
            continue;
        };
        let name = cx.text(li, &p, "name");
        let sku = cx.text(li, &p, "sku");
        let qty = cx.int(li, &p, "quantity");
        cx.item(items, &p, (sku, name, qty));
    }
}

/// The payment's state (refunds aside) for an order `status`, whether it
/// was paid and how.
fn payment_state(status: &str, paid: bool, method: &str) -> &'static str {
    match status {
        "failed" => "failed",
        "refunded" => "refunded",
        "on-hold" if !paid => "pending",
        // Paid, or the shop moved it on (a bank transfer it received):
        // only cash on delivery is still to be paid.
        "processing" | "completed" if !paid && method == "cash_on_delivery" => "pending",
        "processing" | "completed" => "succeeded",
        _ if paid => "succeeded",
        _ => "none", // pending, checkout-draft, cancelled: not paid
    }
}

/// The document's status for an order `status`, and whether it was paid.
fn order_status(status: &str, paid: bool) -> &'static str {
    match status {
        "pending" | "checkout-draft" | "failed" if !paid => "pending_payment",
        "pending" | "checkout-draft" | "on-hold" => "unconfirmed",
        "processing" => "confirmed",
        "completed" => "completed",
        "cancelled" => "cancelled",
        "refunded" => "refunded",
        _ => "pending_payment", // failed (paid earlier, then failed again)
    }
}

/// A date: `key_gmt` (UTC, written without a zone), else `key` when it
/// carries an offset.
fn date(cx: &mut Ctx, o: &Value, path: &str, key: &str) -> Option<Timestamp> {
    let gmt = [key, "_gmt"].concat();
    if let Some(s) = cx.text(o, path, &gmt) {
        let t = Timestamp::parse_rfc3339(&[s, "Z"].concat())
            .or_else(|_| Timestamp::parse_rfc3339(s))
            .ok();
        if t.is_none() {
            cx.err(
                join(path, &gmt),
                ["invalid date '", &truncate(s), "'"].concat(),
                Some("expected a date like '2017-03-22T19:28:02'".into()),
            );
        }
        return t;
    }
    let s = cx.text(o, path, key)?;
    if let Ok(t) = Timestamp::parse_rfc3339(s) {
        return Some(t);
    }
    let zoneless = Timestamp::parse_rfc3339(&[s, "Z"].concat()).is_ok();
    cx.err(
        join(path, key),
        if zoneless {
            [
                "'",
                &truncate(s),
                "' is the site's local time, without a time zone",
            ]
            .concat()
        } else {
            ["invalid date '", &truncate(s), "'"].concat()
        },
        Some(["send '", &gmt, "' (WooCommerce's REST API includes it)"].concat()),
    );
    None
}

/// `refunds[]`, as the order lists them (`total` negative) or as refund
/// objects (`amount`, `date_created_gmt`, `refunded_payment`). A refund
/// without its own date gets the order's last change; one made without the
/// payment gateway (`refunded_payment: false`) is not issued yet. Returns
/// the amount refunded.
fn refunds(
    cx: &mut Ctx,
    o: &Value,
    cur: &Currency,
    modified: Option<Timestamp>,
    parts: &mut Parts,
) -> Option<i64> {
    let mut sum = Refunds::default();
    let mut total = 0i64;
    for (i, r) in cx.array(o, "", "refunds").iter().enumerate() {
        let p = index("refunds", i);
        let Some(r) = cx.root(r, &p, "a refund object") else {
            continue;
        };
        let amount = match (get(r, "amount"), get(r, "total")) {
            (Some(_), _) => cx.money(r, &p, "amount", cur),
            (None, Some(_)) => cx.money(r, &p, "total", cur).map(i64::saturating_abs),
            (None, None) => {
                cx.missing(&p, "total", Some("a refund has 'total' or 'amount'".into()));
                None
            }
        };
        let at = date(cx, r, &p, "date_created").or(modified);
        let issued = cx.boolean(r, &p, "refunded_payment") != Some(false);
        let amount = amount.unwrap_or(0);
        total = total.saturating_add(amount);
        sum.add(amount, at, at.filter(|_| issued));
    }
    parts.refund = sum.doc();
    parts.refund.as_ref().map(|_| total)
}
