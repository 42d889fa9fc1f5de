//! Shopify Admin REST `Order` (the object itself, or `{"order": {…}}` as
//! `GET /orders/{id}.json` answers) → order document. The mapping table is
//! in the README ("Importers").

use super::{cancellation, get, index, join, method_of, Ctx, Currency, Doc, Parts, Refunds};
use crate::json::Value;
use crate::time::Timestamp;

const FINANCIAL: &[&str] = &[
    "pending",
    "authorized",
    "partially_paid",
    "paid",
    "partially_refunded",
    "refunded",
    "voided",
    "expired",
];
/// `null` is "nothing fulfilled yet"; Shopify's own webhook examples also
/// send `pending`, which means the same.
const FULFILLMENT: &[&str] = &["fulfilled", "partial", "restocked", "pending"];
const CANCEL_REASONS: &[&str] = &[
    "customer",
    "fraud",
    "inventory",
    "declined",
    "staff",
    "other",
];
const FULFILLMENT_STATES: &[&str] = &[
    "pending",
    "open",
    "success",
    "cancelled",
    "error",
    "failure",
];
const SHIPMENT_STATES: &[&str] = &[
    "label_printed",
    "label_purchased",
    "attempted_delivery",
    "ready_for_pickup",
    "picked_up",
    "carrier_picked_up",
    "confirmed",
    "in_transit",
    "out_for_delivery",
    "delayed",
    "delivered",
    "failure",
];
const TXN_KINDS: &[&str] = &[
    "authorization",
    "capture",
    "sale",
    "void",
    "refund",
    "change",
];
const TXN_STATES: &[&str] = &["pending", "failure", "success", "error"];

/// Whether the payload is the list endpoint's answer, `{"orders": […]}`:
/// then one error says so (rather than every field of an order missing).
fn is_order_list(cx: &mut Ctx, payload: &Value) -> bool {
    let list = matches!(
        (payload.get("order"), payload.get("orders")),
        (None, Some(Value::Array(_)))
    );
    if list {
        cx.err(
            "orders".into(),
            "expected one Shopify order, found a list of orders".into(),
            Some("pass one order; `orderlens sweep --from shopify` reads one per line".into()),
        );
    }
    list
}

pub(super) fn import(cx: &mut Ctx, payload: &Value) -> Value {
    if is_order_list(cx, payload) {
        return Value::Null;
    }
    let (o, base) = match payload.get("order") {
        Some(inner @ Value::Object(_)) => (inner, "order"),
        _ => (payload, ""),
    };
    let Some(o) = cx.root(o, base, "a Shopify order object") else {
        return Value::Null;
    };
    let mut parts = Parts {
        id: ["name", "order_number", "id"]
            .iter()
            .find_map(|k| cx.id(o, base, k)),
        created_at: cx.timestamp(o, base, "created_at"),
        ..Parts::default()
    };
    if parts.id.is_none() {
        cx.missing(
            base,
            "name",
            Some("expected 'name', 'order_number' or 'id'".into()),
        );
    }
    if get(o, "created_at").is_none() {
        cx.missing(base, "created_at", None);
    }
    let cur = money(cx, o, base, &mut parts);
    let Statuses {
        financial,
        fulfillment,
        cancelled_at,
        cancel_reason,
        closed_at,
        confirmed,
        processed_at,
    } = read_statuses(cx, o, base);

    // Payment.
    let method = payment_method(cx, o, base);
    let state = financial.map(payment_state);
    if let Some(state) = state {
        let mut p = Doc::default();
        p.str("method", Some(method));
        super::set_payment_state(&mut p, state);
        p.ts("updated_at", processed_at.or(parts.created_at));
        parts.payment = Some(p);
    }
    line_items(cx, o, base, &mut parts.items);

    // Shipment: the fulfillments that succeeded.
    let ship = shipment(cx, o, base, fulfillment == Some("fulfilled"));
    let shipped = matches!(fulfillment, Some("fulfilled" | "partial")) || ship.is_some();
    let delivered = ship.as_ref().is_some_and(|s| s.delivered);
    parts.shipment = ship.map(|s| s.doc);

    // Refunds: their refund transactions that succeeded or are under way.
    if let Some(c) = &cur {
        parts.refund = refunds(cx, o, base, c);
    }
    parts.cancellation = order_cancellation(cancelled_at, fulfillment, cancel_reason);
    parts.status = Some(if parts.cancellation.is_some() {
        "cancelled"
    } else if financial == Some("refunded") {
        "refunded"
    } else if shipped && delivered {
        if closed_at.is_some() {
            "completed"
        } else {
            "delivered"
        }
    } else if shipped {
        "shipped"
    } else {
        unshipped_status(state, method, confirmed)
    });
    parts.currency = cur;
    parts.doc().value()
}

/// Money: the customer's (presentment) currency, which the widget shows,
/// and the order's total in it (into `parts`).
fn money(cx: &mut Ctx, o: &Value, base: &str, parts: &mut Parts) -> Option<Currency> {
    let shop = cx.required_currency(o, base, "currency");
    let cur = match get(o, "presentment_currency") {
        Some(_) => cx.currency(o, base, "presentment_currency"),
        None => shop.clone(),
    };
    if get(o, "currency").is_none() && get(o, "presentment_currency").is_none() {
        cx.missing(base, "currency", None);
    }
    if let Some(c) = &cur {
        parts.total = presentment(cx, o, base, "total_price", c, shop.as_ref());
        cx.origin("total".into(), join(base, "total_price"));
    }
    cur
}

/// The order's statuses and the times they changed.
struct Statuses {
    financial: Option<&'static str>,
    fulfillment: Option<&'static str>,
    cancelled_at: Option<Timestamp>,
    cancel_reason: Option<&'static str>,
    closed_at: Option<Timestamp>,
    confirmed: Option<bool>,
    processed_at: Option<Timestamp>,
}

/// Reads the order's statuses; `financial_status` is required.
fn read_statuses(cx: &mut Ctx, o: &Value, base: &str) -> Statuses {
    let financial = cx.required_choice(o, base, "financial_status", FINANCIAL);
    if get(o, "financial_status").is_none() {
        cx.missing(base, "financial_status", Some(super::one_of(FINANCIAL)));
    }
    Statuses {
        financial,
        fulfillment: cx.choice(o, base, "fulfillment_status", FULFILLMENT),
        cancelled_at: cx.timestamp(o, base, "cancelled_at"),
        cancel_reason: cx.choice(o, base, "cancel_reason", CANCEL_REASONS),
        closed_at: cx.timestamp(o, base, "closed_at"),
        confirmed: cx.boolean(o, base, "confirmed"),
        processed_at: cx.timestamp(o, base, "processed_at"),
    }
}

/// The payment's state for a `financial_status`.
fn payment_state(financial: &str) -> &'static str {
    match financial {
        "pending" | "partially_paid" => "pending",
        "authorized" | "paid" => "succeeded",
        "partially_refunded" => "partially_refunded",
        "refunded" => "refunded",
        "expired" => "failed",
        _ => "none", // voided
    }
}

/// The order's items, from its `line_items`, into `items`.
fn line_items(cx: &mut Ctx, o: &Value, base: &str, items: &mut Vec<Value>) {
    let items_path = join(base, "line_items");
    for (i, li) in cx.array(o, base, "line_items").iter().enumerate() {
        let p = index(&items_path, i);
        let Some(li) = cx.root(li, &p, "a line item object") else {
            continue;
        };
        let name = cx.text(li, &p, "name").or_else(|| cx.text(li, &p, "title"));
        let sku = cx.text(li, &p, "sku");
        let qty = cx.int(li, &p, "quantity");
        cx.item(items, &p, (sku, name, qty));
    }
}

/// The cancellation, when the order was cancelled or restocked.
fn order_cancellation(
    cancelled_at: Option<Timestamp>,
    fulfillment: Option<&str>,
    cancel_reason: Option<&str>,
) -> Option<Doc> {
    if cancelled_at.is_none() && fulfillment != Some("restocked") {
        return None;
    }
    let (by, reason) = match cancel_reason {
        Some("customer") => ("buyer", "buyer_changed_mind"),
        Some("inventory") => ("seller", "out_of_stock"),
        Some("declined") => ("system", "other"),
        _ => ("seller", "other"), // fraud (never revealed), staff, other, none
    };
    Some(cancellation(cancelled_at, by, reason))
}

/// The status of an order not shipped, cancelled or refunded: paid (or cash
/// on delivery, paid later) is confirmed unless Shopify says
/// `confirmed: false`.
fn unshipped_status(state: Option<&str>, method: &str, confirmed: Option<bool>) -> &'static str {
    let going = match state {
        Some("succeeded" | "partially_refunded") => true,
        Some("pending") => method == "cash_on_delivery",
        _ => false,
    };
    match (going, confirmed) {
        (true, Some(false)) => "unconfirmed",
        (true, _) => "confirmed",
        _ => "pending_payment",
    }
}

/// `key` in the customer's currency: `key_set.presentment_money` when
/// given, else `key` itself when the shop and the customer use the same
/// currency.
fn presentment(
    cx: &mut Ctx,
    o: &Value,
    base: &str,
    key: &str,
    cur: &Currency,
    shop: Option<&Currency>,
) -> Option<i64> {
    let set_key = [key, "_set"].concat();
    let set_path = join(base, &set_key);
    if let Some(pm) = cx
        .object(o, base, &set_key)
        .and_then(|set| cx.object(set, &set_path, "presentment_money"))
    {
        let path = join(&set_path, "presentment_money");
        if let Some(c) = cx.currency(pm, &path, "currency_code") {
            if c != *cur {
                super::differs(
                    cx,
                    join(&path, "currency_code"),
                    &c.code,
                    cur,
                    "the order's",
                );
                return None;
            }
        }
        return cx.money(pm, &path, "amount", cur);
    }
    match shop {
        Some(s) if s != cur => {
            if get(o, key).is_some() {
                cx.err(
                    join(base, key),
                    [
                        "'",
                        key,
                        "' is in the shop's currency ",
                        &s.code,
                        ", but the customer paid in ",
                        &cur.code,
                    ]
                    .concat(),
                    Some(["include '", &set_key, "' with its presentment_money"].concat()),
                );
            }
            None
        }
        _ => cx.money(o, base, key, cur),
    }
}

/// The first gateway name that says what kind of payment it is.
fn payment_method(cx: &mut Ctx, o: &Value, base: &str) -> &'static str {
    let names_path = join(base, "payment_gateway_names");
    let mut found = "other";
    for (i, n) in cx
        .array(o, base, "payment_gateway_names")
        .iter()
        .enumerate()
    {
        match n {
            Value::String(s) if found == "other" => found = method_of(s),
            Value::String(_) => {}
            other => cx.err(
                index(&names_path, i),
                ["expected a string, found ", other.type_name()].concat(),
                None,
            ),
        }
    }
    if found == "other" {
        if let Some(g) = cx.text(o, base, "gateway") {
            found = method_of(g);
        }
    }
    if found == "other"
        && get(o, "payment_details")
            .and_then(|d| get(d, "credit_card_company"))
            .is_some()
    {
        found = "card";
    }
    found
}

struct Shipment {
    doc: Doc,
    delivered: bool,
}

/// The shipment: the latest successful fulfillment; delivered when every
/// successful fulfillment is and the order is wholly fulfilled.
fn shipment(cx: &mut Ctx, o: &Value, base: &str, wholly: bool) -> Option<Shipment> {
    let path = join(base, "fulfillments");
    let mut latest: Option<(Option<Timestamp>, Doc, bool)> = None;
    let mut all_delivered = true;
    for (i, f) in cx.array(o, base, "fulfillments").iter().enumerate() {
        let p = index(&path, i);
        let Some(f) = cx.root(f, &p, "a fulfillment object") else {
            continue;
        };
        let status = cx.choice(f, &p, "status", FULFILLMENT_STATES);
        let shipment_status = cx.choice(f, &p, "shipment_status", SHIPMENT_STATES);
        let created = cx.timestamp(f, &p, "created_at");
        let updated = cx.timestamp(f, &p, "updated_at");
        let carrier = cx.text(f, &p, "tracking_company");
        let number = cx
            .text(f, &p, "tracking_number")
            .or_else(|| first_text(cx, f, &p, "tracking_numbers"));
        let url = cx
            .text(f, &p, "tracking_url")
            .or_else(|| first_text(cx, f, &p, "tracking_urls"));
        if status != Some("success") {
            continue;
        }
        let delivered = matches!(shipment_status, Some("delivered" | "picked_up"));
        all_delivered &= delivered;
        let mut d = Doc::default();
        d.str("carrier", carrier);
        d.str("tracking_number", number);
        d.str("tracking_url", url);
        d.ts("shipped_at", created);
        if delivered {
            // When its status last changed: Shopify gives no delivery time.
            d.ts("delivered_at", updated.or(created));
        }
        if latest.as_ref().is_none_or(|(t, _, _)| *t <= created) {
            latest = Some((created, d, delivered));
        }
    }
    let (_, mut doc, delivered) = latest?;
    let delivered = delivered && all_delivered && wholly;
    if !delivered {
        doc.0.retain(|(k, _)| k != "delivered_at");
    }
    Some(Shipment { doc, delivered })
}

fn first_text<'v>(cx: &mut Ctx, obj: &'v Value, path: &str, key: &str) -> Option<&'v str> {
    match cx.array(obj, path, key).first()? {
        Value::String(s) if !s.is_empty() => Some(s),
        _ => None,
    }
}

/// `refunds[].transactions[]` of kind `refund` that succeeded or are
/// pending (a failed or errored one moved no money).
fn refunds(cx: &mut Ctx, o: &Value, base: &str, cur: &Currency) -> Option<Doc> {
    let path = join(base, "refunds");
    let mut sum = Refunds::default();
    for (i, r) in cx.array(o, base, "refunds").iter().enumerate() {
        let p = index(&path, i);
        let Some(r) = cx.root(r, &p, "a refund object") else {
            continue;
        };
        let created = cx.timestamp(r, &p, "created_at");
        let processed = cx.timestamp(r, &p, "processed_at");
        let tp = join(&p, "transactions");
        for (j, t) in cx.array(r, &p, "transactions").iter().enumerate() {
            let tp = index(&tp, j);
            let Some(t) = cx.root(t, &tp, "a transaction object") else {
                continue;
            };
            let kind = cx.choice(t, &tp, "kind", TXN_KINDS);
            let status = cx.choice(t, &tp, "status", TXN_STATES);
            if let Some(c) = cx.currency(t, &tp, "currency") {
                if c != *cur {
                    super::differs(cx, join(&tp, "currency"), &c.code, cur, "the order's");
                    continue;
                }
            }
            let amount = cx.money(t, &tp, "amount", cur);
            let at = cx.timestamp(t, &tp, "processed_at");
            if kind != Some("refund") || !matches!(status, Some("success" | "pending")) {
                continue;
            }
            if get(t, "amount").is_none() {
                cx.missing(&tp, "amount", Some("a refund transaction's amount".into()));
                continue;
            }
            // Sent when it was processed, and not before the refund existed.
            let issued = (status == Some("success"))
                .then(|| {
                    at.or(processed)
                        .map(|t| created.map_or(t, |c| c.max(t)))
                        .or(created)
                })
                .flatten();
            sum.add(amount.unwrap_or(0), created, issued);
        }
    }
    sum.doc()
}
