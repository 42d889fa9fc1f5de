//! Stripe `{ paymentIntent, refunds, dispute, order }` → order document.
//! The mapping table is in the README ("Importers").
//!
//! Stripe knows the payment only: `payment`, `refund` and `dispute` come
//! from the Stripe objects; `order`, the merchant's own partial order
//! document (id, status, items, shipment, …), keeps everything else. Without
//! it a minimal order is derived from the PaymentIntent.

use super::{cancellation, get, index, join, method_of, Ctx, Currency, Doc, Parts, Refunds};
use crate::json::Value;
use crate::time::{truncate, Timestamp};

const TOP_KEYS: &[&str] = &["paymentIntent", "refunds", "dispute", "order"];
const PI_STATES: &[&str] = &[
    "requires_payment_method",
    "requires_confirmation",
    "requires_action",
    "processing",
    "requires_capture",
    "canceled",
    "succeeded",
];
const CANCEL_REASONS: &[&str] = &[
    "abandoned",
    "automatic",
    "duplicate",
    "expired",
    "failed_invoice",
    "fraudulent",
    "requested_by_customer",
    "void_invoice",
];
const REFUND_STATES: &[&str] = &[
    "pending",
    "requires_action",
    "succeeded",
    "failed",
    "canceled",
];
const DISPUTE_STATES: &[&str] = &[
    "warning_needs_response",
    "warning_under_review",
    "warning_closed",
    "needs_response",
    "under_review",
    "won",
    "lost",
    "charge_refunded",
    "prevented",
];
const DISPUTE_REASONS: &[&str] = &[
    "bank_cannot_process",
    "check_returned",
    "credit_not_processed",
    "customer_initiated",
    "debit_not_authorized",
    "duplicate",
    "fraudulent",
    "general",
    "incorrect_account_details",
    "insufficient_funds",
    "noncompliant",
    "product_not_received",
    "product_unacceptable",
    "subscription_canceled",
    "unrecognized",
];
/// Payment method types (`payment_method_details.type`,
/// `payment_method_types`) whose name the gateway words do not settle.
const METHOD_TYPES: &[(&str, &str)] = &[
    ("card_present", "card"),
    ("interac_present", "card"),
    ("mobilepay", "wallet"),
    ("swish", "wallet"),
    ("twint", "wallet"),
    ("kakao_pay", "wallet"),
    ("naver_pay", "wallet"),
    ("samsung_pay", "wallet"),
    ("payco", "wallet"),
    ("grabpay", "wallet"),
    ("bancontact", "bank_transfer"),
    ("eps", "bank_transfer"),
    ("giropay", "bank_transfer"),
    ("p24", "bank_transfer"),
    ("fpx", "bank_transfer"),
    ("blik", "bank_transfer"),
    ("pay_by_bank", "bank_transfer"),
    ("customer_balance", "bank_transfer"),
    ("billie", "bnpl"),
];

/// Stripe writes amounts in its own minor units, which differ from ISO 4217
/// for two currencies: ISK in hundredths (ISO: none), MGA in whole ariary
/// (ISO: two decimals).
fn stripe_exp(cur: &Currency) -> u8 {
    match cur.code.as_str() {
        "ISK" => 2,
        "MGA" => 0,
        _ => cur.exp,
    }
}

pub(super) fn import(cx: &mut Ctx, payload: &Value) -> Value {
    let Some(Located { top, pi, pp, bare }) = locate(cx, payload) else {
        return Value::Null;
    };
    kind(cx, pi, pp, "payment_intent");
    let Intent {
        id,
        status,
        cur,
        created,
        amount,
        received,
        canceled_at,
        cancel_reason,
        order_id,
    } = read_intent(cx, pi, pp);
    let attempt = last_attempt(cx, pi, pp);
    let state = status.map(|s| match s {
        "requires_payment_method" | "canceled" if attempt.failed => "failed",
        "requires_action" => "requires_action",
        "processing" => "processing",
        "requires_capture" | "succeeded" => "succeeded",
        _ => "none",
    });

    // Refunds and the dispute.
    let (refund, refunded) = match &cur {
        Some(c) => refunds(cx, top, bare, id, c),
        None => (None, 0),
    };
    let (dispute, lost) = if bare {
        (None, false)
    } else {
        dispute(cx, top, id)
    };

    let state = match (state, received.or(amount)) {
        // A lost dispute gave the money back to the buyer through their
        // bank: the payment is refunded, not received.
        (Some("succeeded" | "partially_refunded"), _) if lost => Some("refunded"),
        (Some("succeeded"), Some(paid)) if refunded > 0 && refunded < paid => {
            Some("partially_refunded")
        }
        (Some("succeeded"), _) if refunded > 0 => Some("refunded"),
        (s, _) => s,
    };
    let mut pay = payment(attempt, state, canceled_at.or(created));
    let derived = Parts {
        id: order_id.or(id).map(str::to_string),
        status: Some(derived_status(state, status)),
        created_at: created,
        currency: cur.clone(),
        total: amount,
        ..Parts::default()
    };
    let mut doc = derived.doc();
    let order = if bare {
        None
    } else {
        cx.object(top, "", "order")
    };
    let own_cancel = match order {
        Some(Value::Object(entries)) => {
            let shown = (refund.is_some(), dispute.is_some());
            merge_order(cx, entries, &mut doc, &mut pay, cur.as_ref(), shown)
        }
        _ => false,
    };
    doc.obj("payment", Some(pay));
    if refund.is_some() {
        doc.obj("refund", refund);
    }
    if dispute.is_some() {
        doc.obj("dispute", dispute);
    }
    let cancelled = matches!(doc.0.iter().find(|(k, _)| k == "status"), Some((_, Value::String(s))) if s == "cancelled");
    if cancelled && !own_cancel {
        if let Some(c) = derived_cancel(status, cancel_reason, canceled_at) {
            doc.obj("cancellation", Some(c));
        }
    }
    doc.value()
}

/// Where the PaymentIntent is in the payload.
struct Located<'v> {
    /// The payload.
    top: &'v Value,
    /// The PaymentIntent.
    pi: &'v Value,
    /// Its path: `paymentIntent`, or empty when the payload is one.
    pp: &'static str,
    /// Whether the payload is a PaymentIntent on its own.
    bare: bool,
}

/// Finds the PaymentIntent: the payload itself when it is one (read as
/// `{ paymentIntent }`), else its `paymentIntent`, the payload's other keys
/// checked. `None` (with the error) when there is none.
fn locate<'v>(cx: &mut Ctx, payload: &'v Value) -> Option<Located<'v>> {
    let top = cx.root(
        payload,
        "",
        "an object { paymentIntent, refunds, dispute, order }",
    )?;
    let bare = match get(top, "object") {
        Some(Value::String(s)) if s == "payment_intent" => true,
        // Another Stripe object where the PaymentIntent belongs: one error
        // saying which and where its PaymentIntent is, not one per key.
        Some(Value::String(s)) => {
            let help = match s.as_str() {
                "event" => "pass its 'data.object'",
                _ => "pass the PaymentIntent in its 'payment_intent'",
            };
            cx.err(
                "object".into(),
                [
                    "expected a payment_intent object, found '",
                    &truncate(s),
                    "'",
                ]
                .concat(),
                Some(help.into()),
            );
            return None;
        }
        _ => false,
    };
    let (pi, pp) = if bare {
        (Some(top), "")
    } else {
        unknown_top_keys(cx, top);
        (cx.object(top, "", "paymentIntent"), "paymentIntent")
    };
    let Some(pi) = pi else {
        if get(top, "paymentIntent").is_none() {
            cx.missing(
                "",
                "paymentIntent",
                Some("a Stripe PaymentIntent object".into()),
            );
        }
        return None;
    };
    Some(Located { top, pi, pp, bare })
}

/// An error for each key of the payload other than [`TOP_KEYS`].
fn unknown_top_keys(cx: &mut Ctx, top: &Value) {
    let Value::Object(entries) = top else {
        return;
    };
    for (k, _) in entries {
        if !TOP_KEYS.contains(&k.as_str()) {
            let help = crate::suggest::nearest(k, TOP_KEYS.iter().copied())
                .map(crate::suggest::did_you_mean)
                .unwrap_or_else(|| "expected paymentIntent, refunds, dispute or order".into());
            cx.err(
                k.clone(),
                ["unknown key '", &truncate(k), "'"].concat(),
                Some(help),
            );
        }
    }
}

/// The PaymentIntent's own fields.
struct Intent<'v> {
    id: Option<&'v str>,
    status: Option<&'static str>,
    cur: Option<Currency>,
    created: Option<Timestamp>,
    /// `amount`, in ISO 4217 minor units.
    amount: Option<i64>,
    /// `amount_received`, in ISO 4217 minor units.
    received: Option<i64>,
    canceled_at: Option<Timestamp>,
    cancel_reason: Option<&'static str>,
    /// `metadata.order_id`: the shop's order id.
    order_id: Option<&'v str>,
}

/// Reads the PaymentIntent's fields at `pp`; `id`, `status`, `currency` and
/// `created` are required.
fn read_intent<'v>(cx: &mut Ctx, pi: &'v Value, pp: &str) -> Intent<'v> {
    let id = cx.text(pi, pp, "id");
    if id.is_none() {
        cx.missing(pp, "id", None);
    }
    let status = cx.required_choice(pi, pp, "status", PI_STATES);
    if get(pi, "status").is_none() {
        cx.missing(pp, "status", Some(super::one_of(PI_STATES)));
    }
    let cur = cx.required_currency(pi, pp, "currency");
    if get(pi, "currency").is_none() {
        cx.missing(pp, "currency", None);
    }
    let created = cx.unix(pi, pp, "created");
    if get(pi, "created").is_none() {
        cx.missing(pp, "created", None);
    }
    let amount = cur.as_ref().and_then(|c| minor(cx, pi, pp, "amount", c));
    let received = cur
        .as_ref()
        .and_then(|c| minor(cx, pi, pp, "amount_received", c));
    let canceled_at = cx.unix(pi, pp, "canceled_at");
    let cancel_reason = cx.choice(pi, pp, "cancellation_reason", CANCEL_REASONS);
    let order_id = cx
        .object(pi, pp, "metadata")
        .and_then(|m| cx.text(m, &join(pp, "metadata"), "order_id"));
    Intent {
        id,
        status,
        cur,
        created,
        amount,
        received,
        canceled_at,
        cancel_reason,
        order_id,
    }
}

/// The last attempt to pay, from `last_payment_error` and the charge.
struct Attempt {
    /// Whether it has a `last_payment_error`.
    failed: bool,
    failure_code: Option<String>,
    decline_code: Option<String>,
    advice_code: Option<String>,
    /// When the charge was made.
    charged_at: Option<Timestamp>,
    method: &'static str,
}

/// Reads the last attempt: the error, and the charge when it is expanded.
fn last_attempt(cx: &mut Ctx, pi: &Value, pp: &str) -> Attempt {
    let err_path = join(pp, "last_payment_error");
    let err = cx.object(pi, pp, "last_payment_error");
    let charge_path = join(pp, "latest_charge");
    let charge = match get(pi, "latest_charge") {
        Some(c @ Value::Object(_)) => {
            kind(cx, c, &charge_path, "charge");
            Some(c)
        }
        Some(Value::String(_)) | None => None,
        Some(other) => {
            cx.err(
                charge_path.clone(),
                [
                    "expected a charge id or a charge object, found ",
                    other.type_name(),
                ]
                .concat(),
                None,
            );
            None
        }
    };
    let outcome_path = join(&charge_path, "outcome");
    let outcome = charge.and_then(|c| cx.object(c, &charge_path, "outcome"));
    let text_of = |cx: &mut Ctx, o: Option<&Value>, path: &str, key: &str| {
        o.and_then(|o| cx.text(o, path, key).map(str::to_string))
    };
    let failure_code = text_of(cx, err, &err_path, "code")
        .or_else(|| text_of(cx, charge, &charge_path, "failure_code"));
    let decline_code = text_of(cx, err, &err_path, "decline_code");
    let network_advice = text_of(cx, err, &err_path, "network_advice_code")
        .or_else(|| text_of(cx, outcome, &outcome_path, "network_advice_code"));
    let advice_code = text_of(cx, err, &err_path, "advice_code")
        .or_else(|| text_of(cx, outcome, &outcome_path, "advice_code"))
        .or_else(|| {
            network_advice
                .as_deref()
                .and_then(network)
                .map(str::to_string)
        });
    let charged_at = charge.and_then(|c| cx.unix(c, &charge_path, "created"));
    Attempt {
        failed: err.is_some(),
        failure_code,
        decline_code,
        advice_code,
        charged_at,
        method: payment_method(cx, pi, pp, charge, &charge_path),
    }
}

/// The payment as Stripe knows it; the codes only when it failed or needs
/// the buyer. `updated`: when the PaymentIntent last changed, for want of
/// a charge.
fn payment(attempt: Attempt, state: Option<&str>, updated: Option<Timestamp>) -> Doc {
    let mut pay = Doc::default();
    pay.str("method", Some(attempt.method));
    if let Some(s) = state {
        super::set_payment_state(&mut pay, s);
    }
    let codes = matches!(state, Some("failed" | "requires_action"));
    for (key, v) in [
        ("failure_code", attempt.failure_code),
        ("decline_code", attempt.decline_code),
        ("advice_code", attempt.advice_code),
    ] {
        pay.set(key, v.filter(|_| codes).map_or(Value::Null, Value::String));
    }
    pay.ts("updated_at", attempt.charged_at.or(updated));
    pay
}

/// The order's status derived from the payment's `state` and the
/// PaymentIntent's `status`.
fn derived_status(state: Option<&str>, status: Option<&str>) -> &'static str {
    match (state, status) {
        (Some("refunded"), _) => "refunded",
        (_, Some("canceled")) => "cancelled",
        (_, Some("processing" | "requires_capture" | "succeeded")) => "unconfirmed",
        _ => "pending_payment",
    }
}

/// The cancellation of a canceled PaymentIntent, from its reason.
fn derived_cancel(
    status: Option<&str>,
    cancel_reason: Option<&str>,
    canceled_at: Option<Timestamp>,
) -> Option<Doc> {
    (status == Some("canceled")).then(|| {
        let (by, reason) = match cancel_reason {
            Some("requested_by_customer") => ("buyer", "buyer_changed_mind"),
            Some("abandoned" | "expired") => ("system", "unpaid_timeout"),
            Some("duplicate" | "fraudulent") => ("seller", "other"),
            _ => ("system", "other"),
        };
        cancellation(canceled_at, by, reason)
    })
}

/// Merges the merchant's `order` into `doc`: its fields are kept, except a
/// `refund` or `dispute` Stripe gave (`shown`); its `payment` fields are
/// kept under Stripe's `pay`. Returns whether the order has its own
/// cancellation.
fn merge_order(
    cx: &mut Ctx,
    entries: &[(String, Value)],
    doc: &mut Doc,
    pay: &mut Doc,
    cur: Option<&Currency>,
    (refund, dispute): (bool, bool),
) -> bool {
    let mut own_cancel = false;
    for (k, v) in entries {
        if v.is_null() {
            continue;
        }
        match k.as_str() {
            "payment" => {
                // The merchant's payment fields (attempts) stay; Stripe's win.
                if let Value::Object(own) = v {
                    let mut merged = Doc(own.clone());
                    for (pk, pv) in pay.0.drain(..) {
                        if pk == "attempts"
                            && own.iter().any(|(k, v)| k == "attempts" && !v.is_null())
                        {
                            continue;
                        }
                        merged.set(&pk, pv);
                    }
                    *pay = merged;
                }
            }
            "currency" => {
                if let (Value::String(s), Some(c)) = (v, cur) {
                    if !s.eq_ignore_ascii_case(&c.code) {
                        super::differs(cx, "order.currency".into(), s, c, "the PaymentIntent's");
                    }
                }
                doc.set(k, v.clone());
            }
            "refund" if refund => {}
            "dispute" if dispute => {}
            _ => {
                own_cancel |= k == "cancellation";
                doc.set(k, v.clone());
            }
        }
    }
    own_cancel
}

/// An amount in Stripe's minor units → ISO 4217 minor units.
fn minor(cx: &mut Ctx, obj: &Value, path: &str, key: &str, cur: &Currency) -> Option<i64> {
    let n = cx.int(obj, path, key)?;
    let (from, to) = (u32::from(stripe_exp(cur)), u32::from(cur.exp));
    let minor = if from > to {
        let d = 10i64.pow(from - to);
        n.checked_rem(d)
            .filter(|r| *r == 0)
            .and_then(|_| n.checked_div(d))
    } else {
        n.checked_mul(10i64.pow(to - from))
    };
    match minor {
        Some(m) if m >= 0 => Some(m),
        _ => {
            cx.err(
                join(path, key),
                ["invalid amount ", &n.to_string(), " in ", &cur.code].concat(),
                Some(if from > to {
                    [
                        "Stripe writes ",
                        &cur.code,
                        " in hundredths: expected whole units (a multiple of 100)",
                    ]
                    .concat()
                } else {
                    "expected a whole number of minor units, 0 or more".into()
                }),
            );
            None
        }
    }
}

/// `object` names what the object is; another kind is an error.
fn kind(cx: &mut Ctx, obj: &Value, path: &str, want: &str) {
    if let Some(Value::String(s)) = get(obj, "object") {
        if s != want {
            cx.err(
                join(path, "object"),
                ["expected a ", want, " object, found '", &truncate(s), "'"].concat(),
                None,
            );
        }
    }
}

/// Stripe's `advice_code` from a card network's two-digit advice, when
/// Stripe gives none: Mastercard's Merchant Advice Codes (01 new account
/// information, 03 do not try again, 21 payment cancelled; 02 and 24–30 try
/// later). Visa's categories use 01–03 too; each value read here means the
/// same for retrying under both (01 and 03 are never retried with the same
/// card data, 02 later).
fn network(code: &str) -> Option<&'static str> {
    match code {
        "01" | "03" | "21" => Some("do_not_try_again"),
        "02" | "24" | "25" | "26" | "27" | "28" | "29" | "30" => Some("try_again_later"),
        _ => None,
    }
}

/// The payment method: the charge's `payment_method_details`, else the
/// PaymentIntent's expanded `payment_method`, else the PaymentMethod of its
/// `last_payment_error` (a failed payment leaves `payment_method` empty:
/// the method that failed is there), else its first `payment_method_types`.
/// A card in a wallet is `wallet`.
fn payment_method(
    cx: &mut Ctx,
    pi: &Value,
    pp: &str,
    charge: Option<&Value>,
    charge_path: &str,
) -> &'static str {
    let details_path = join(charge_path, "payment_method_details");
    if let Some(d) = charge.and_then(|c| cx.object(c, charge_path, "payment_method_details")) {
        if let Some(m) = typed_method(cx, d, &details_path) {
            return m;
        }
    }
    let err_path = join(pp, "last_payment_error");
    let failed = match get(pi, "last_payment_error") {
        Some(e @ Value::Object(_)) => Some(e),
        _ => None,
    };
    for (obj, path) in [(Some(pi), pp), (failed, err_path.as_str())] {
        if let Some(m @ Value::Object(_)) = obj.and_then(|o| get(o, "payment_method")) {
            if let Some(m) = typed_method(cx, m, &join(path, "payment_method")) {
                return m;
            }
        }
    }
    match cx.array(pi, pp, "payment_method_types").first() {
        Some(Value::String(t)) => method_type(t),
        _ => "other",
    }
}

/// The method of a PaymentMethod or a charge's `payment_method_details`:
/// its `type`, a card in a wallet (`card.wallet`) being `wallet`.
fn typed_method(cx: &mut Ctx, m: &Value, path: &str) -> Option<&'static str> {
    let wallet = get(m, "card").and_then(|c| get(c, "wallet")).is_some();
    let t = cx.text(m, path, "type")?;
    Some(if t == "card" && wallet {
        "wallet"
    } else {
        method_type(t)
    })
}

fn method_type(t: &str) -> &'static str {
    METHOD_TYPES
        .iter()
        .find(|(k, _)| *k == t)
        .map_or_else(|| method_of(t), |(_, m)| m)
}

/// `refunds`: an array of Refund objects, or a list object (`{ data: […] }`,
/// as `charge.refunds`). Canceled and failed refunds moved no money and are
/// left out. Returns the refund and the amount refunded so far.
fn refunds(
    cx: &mut Ctx,
    top: &Value,
    bare: bool,
    pi_id: Option<&str>,
    cur: &Currency,
) -> (Option<Doc>, i64) {
    if bare {
        return (None, 0);
    }
    // Without `refunds`, the expanded charge's: its `refunds` list, else
    // its `amount_refunded` (API versions since 2022-11-15 leave the list
    // out), so a refunded charge never reads as a payment received.
    const CHARGE: &str = "paymentIntent.latest_charge";
    let charge = get(top, "paymentIntent")
        .and_then(|pi| get(pi, "latest_charge"))
        .filter(|c| matches!(c, Value::Object(_)));
    let mut sum = Refunds::default();
    let mut done = 0i64;
    let (list, path) = match (get(top, "refunds"), charge) {
        (Some(l @ Value::Object(_)), _) => (cx.array(l, "refunds", "data"), "refunds.data"),
        (None, Some(c)) => match get(c, "refunds") {
            Some(l @ Value::Object(_)) => (
                cx.array(l, "paymentIntent.latest_charge.refunds", "data"),
                "paymentIntent.latest_charge.refunds.data",
            ),
            _ => {
                let value = minor(cx, c, CHARGE, "amount_refunded", cur).unwrap_or(0);
                if value > 0 {
                    done = value;
                    sum.add(value, None, None);
                }
                (&[][..], CHARGE)
            }
        },
        _ => (cx.array(top, "", "refunds"), "refunds"),
    };
    for (i, r) in list.iter().enumerate() {
        let p = index(path, i);
        let Some(r) = cx.root(r, &p, "a Refund object") else {
            continue;
        };
        kind(cx, r, &p, "refund");
        same_intent(cx, r, &p, pi_id);
        let status = cx.required_choice(r, &p, "status", REFUND_STATES);
        if get(r, "status").is_none() {
            cx.missing(&p, "status", None);
        }
        if let Some(c) = cx.currency(r, &p, "currency") {
            if c != *cur {
                super::differs(
                    cx,
                    join(&p, "currency"),
                    &c.code,
                    cur,
                    "the PaymentIntent's",
                );
                continue;
            }
        }
        if get(r, "amount").is_none() {
            cx.missing(&p, "amount", None);
        }
        let value = minor(cx, r, &p, "amount", cur).unwrap_or(0);
        let created = cx.unix(r, &p, "created");
        match status {
            Some("succeeded") => {
                done = done.saturating_add(value);
                sum.add(value, created, created);
            }
            Some("pending" | "requires_action") => sum.add(value, created, None),
            _ => {}
        }
    }
    (sum.doc(), done)
}

/// A refund or dispute of another PaymentIntent is an error.
fn same_intent(cx: &mut Ctx, obj: &Value, path: &str, pi_id: Option<&str>) {
    if let (Some(Value::String(other)), Some(id)) = (get(obj, "payment_intent"), pi_id) {
        if other != id {
            cx.err(
                join(path, "payment_intent"),
                [
                    "'",
                    &truncate(other),
                    "' is not this PaymentIntent ('",
                    &truncate(id),
                    "')",
                ]
                .concat(),
                None,
            );
        }
    }
}

/// The dispute: who acts next, and what it is about; and whether it was
/// lost (the money went back to the buyer).
fn dispute(cx: &mut Ctx, top: &Value, pi_id: Option<&str>) -> (Option<Doc>, bool) {
    let Some(d) = cx.object(top, "", "dispute") else {
        return (None, false);
    };
    kind(cx, d, "dispute", "dispute");
    same_intent(cx, d, "dispute", pi_id);
    let status = cx.choice(d, "dispute", "status", DISPUTE_STATES);
    if get(d, "status").is_none() {
        cx.missing("dispute", "status", None);
    }
    let reason = cx.choice(d, "dispute", "reason", DISPUTE_REASONS);
    let opened = cx.unix(d, "dispute", "created");
    let mut doc = Doc::default();
    doc.ts("opened_at", opened);
    doc.str(
        "kind",
        Some(match reason {
            Some("product_not_received") => "not_received",
            Some("product_unacceptable") => "not_as_described",
            _ => "other",
        }),
    );
    let Some(status) = status else {
        return (None, false);
    };
    doc.str(
        "state",
        Some(match status {
            // The merchant must answer (an inquiry, or a chargeback).
            "warning_needs_response" | "needs_response" => "awaiting_seller",
            // The bank decides.
            "warning_under_review" | "under_review" => "escalated",
            _ => "resolved",
        }),
    );
    (Some(doc), status == "lost")
}
