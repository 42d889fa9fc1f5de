//! The evaluator of compiled conditions ([`Node`], `crate::model::ir`):
//! their values for an order at an instant, and the instants at which a
//! [`Node::Threshold`] may change its value (what `valid_until` searches).

#![deny(clippy::arithmetic_side_effects)]

use crate::calendar::Calendar;
pub use crate::model::ir::{CmpOp, Const, Node, Rel};
use crate::model::schema::{ExpectedField, Field, ItemField};
use crate::order::{Item, Order};
use crate::time::{Duration, Timestamp};
use std::cmp::Ordering;

/// A value during evaluation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val<'a> {
    /// null
    Null,
    /// boolean
    Bool(bool),
    /// integer
    Int(i64),
    /// text or enum value
    Str(&'a str),
    /// instant
    Ts(Timestamp),
    /// duration
    Dur(Duration),
}

impl Val<'_> {
    fn truthy(self) -> bool {
        matches!(self, Val::Bool(true))
    }

    /// The value as JSON (for traces).
    pub fn to_json(self) -> crate::json::Value {
        use crate::json::Value;
        match self {
            Val::Null => Value::Null,
            Val::Bool(b) => Value::Bool(b),
            Val::Int(i) => i.into(),
            Val::Str(s) => s.into(),
            Val::Ts(t) => t.to_rfc3339().into(),
            Val::Dur(d) => d.to_string().into(),
        }
    }
}

/// A constant as a value.
fn val(c: &Const) -> Val<'_> {
    match c {
        Const::Null => Val::Null,
        Const::Bool(b) => Val::Bool(*b),
        Const::Int(i) => Val::Int(*i),
        Const::Str(s) => Val::Str(s),
        Const::Dur(d) => Val::Dur(*d),
    }
}

/// Values computed from the order and the settings: the `expected.*` dates
/// and the payment's decline group.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expected {
    /// `payment.decline_group` and what the customer is told about it.
    pub decline: Option<crate::decline::Decline>,
    /// `expected.auto_cancel_at`
    pub auto_cancel_at: Option<Timestamp>,
    /// `expected.payment_grace_end`
    pub payment_grace_end: Option<Timestamp>,
    /// `expected.merchant_confirm_by`
    pub merchant_confirm_by: Option<Timestamp>,
    /// `expected.delivery_by`
    pub delivery_by: Option<Timestamp>,
    /// `expected.auto_confirm_at`
    pub auto_confirm_at: Option<Timestamp>,
    /// `expected.restock_at`
    pub restock_at: Option<Timestamp>,
    /// `expected.refund_requested_at`
    pub refund_requested_at: Option<Timestamp>,
    /// `expected.refund_approved_by`
    pub refund_approved_by: Option<Timestamp>,
    /// `expected.refund_issued_by`
    pub refund_issued_by: Option<Timestamp>,
    /// `expected.refund_arrival_from`
    pub refund_arrival_from: Option<Timestamp>,
    /// `expected.refund_arrival_by`
    pub refund_arrival_by: Option<Timestamp>,
    /// `expected.dispute_response_by`
    pub dispute_response_by: Option<Timestamp>,
}

impl Expected {
    /// The value of one computed date.
    pub fn get(&self, f: ExpectedField) -> Option<Timestamp> {
        match f {
            ExpectedField::AutoCancelAt => self.auto_cancel_at,
            ExpectedField::PaymentGraceEnd => self.payment_grace_end,
            ExpectedField::MerchantConfirmBy => self.merchant_confirm_by,
            ExpectedField::DeliveryBy => self.delivery_by,
            ExpectedField::AutoConfirmAt => self.auto_confirm_at,
            ExpectedField::RestockAt => self.restock_at,
            ExpectedField::RefundRequestedAt => self.refund_requested_at,
            ExpectedField::RefundApprovedBy => self.refund_approved_by,
            ExpectedField::RefundIssuedBy => self.refund_issued_by,
            ExpectedField::RefundArrivalFrom => self.refund_arrival_from,
            ExpectedField::RefundArrivalBy => self.refund_arrival_by,
            ExpectedField::DisputeResponseBy => self.dispute_response_by,
        }
    }
}

/// What a condition is evaluated against.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// The order.
    pub order: &'a Order,
    /// Its computed dates.
    pub expected: &'a Expected,
    /// The merchant's calendar (business days).
    pub calendar: &'a Calendar,
    /// The evaluation time.
    pub now: Timestamp,
    /// The current item inside `any`/`all`/`count`.
    pub item: Option<&'a Item>,
}

fn opt_ts<'a>(t: Option<Timestamp>) -> Val<'a> {
    t.map_or(Val::Null, Val::Ts)
}

fn opt_str(s: &Option<String>) -> Val<'_> {
    s.as_deref().map_or(Val::Null, Val::Str)
}

/// Reads a field of the order.
pub fn field<'a>(f: Field, cx: &Ctx<'a>) -> Val<'a> {
    let o = cx.order;
    let p = o.payment.as_ref();
    let s = o.shipment.as_ref();
    let c = o.cancellation.as_ref();
    let r = o.refund.as_ref();
    let d = o.dispute.as_ref();
    let present = |b: bool| if b { Val::Bool(true) } else { Val::Null };
    match f {
        Field::Id => Val::Str(&o.id),
        Field::Status => Val::Str(o.status.as_str()),
        Field::CreatedAt => Val::Ts(o.created_at),
        Field::Currency => opt_str(&o.currency),
        Field::Total => o.total.map_or(Val::Null, Val::Int),
        Field::Payment => present(p.is_some()),
        Field::PaymentMethod => p.map_or(Val::Null, |p| Val::Str(p.method.as_str())),
        Field::PaymentState => p.map_or(Val::Null, |p| Val::Str(p.state.as_str())),
        Field::PaymentFailureCode => p.map_or(Val::Null, |p| opt_str(&p.failure_code)),
        Field::PaymentDeclineCode => p.map_or(Val::Null, |p| opt_str(&p.decline_code)),
        Field::PaymentAdviceCode => p.map_or(Val::Null, |p| opt_str(&p.advice_code)),
        Field::PaymentDeclineGroup => cx
            .expected
            .decline
            .map_or(Val::Null, |d| Val::Str(d.group.as_str())),
        Field::PaymentAttempts => p.map_or(Val::Null, |p| Val::Int(p.attempts)),
        Field::PaymentUpdatedAt => opt_ts(p.and_then(|p| p.updated_at)),
        Field::Items => present(!o.items.is_empty()),
        Field::Shipment => present(s.is_some()),
        Field::ShipmentCarrier => s.map_or(Val::Null, |s| opt_str(&s.carrier)),
        Field::ShipmentTrackingNumber => s.map_or(Val::Null, |s| opt_str(&s.tracking_number)),
        Field::ShipmentTrackingUrl => s.map_or(Val::Null, |s| opt_str(&s.tracking_url)),
        Field::ShipmentShippedAt => opt_ts(s.and_then(|s| s.shipped_at)),
        Field::ShipmentExpectedAt => opt_ts(s.and_then(|s| s.expected_at)),
        Field::ShipmentDeliveredAt => opt_ts(s.and_then(|s| s.delivered_at)),
        Field::BuyerConfirmedAt => opt_ts(o.buyer_confirmed_at),
        Field::Cancellation => present(c.is_some()),
        Field::CancellationRequestedAt => opt_ts(c.and_then(|c| c.requested_at)),
        Field::CancellationBy => c.map_or(Val::Null, |c| Val::Str(c.by.as_str())),
        Field::CancellationReason => c.map_or(Val::Null, |c| Val::Str(c.reason.as_str())),
        Field::CancellationState => c.map_or(Val::Null, |c| Val::Str(c.state.as_str())),
        Field::Refund => present(r.is_some()),
        Field::RefundAmount => r.and_then(|r| r.amount).map_or(Val::Null, Val::Int),
        Field::RefundRequestedAt => opt_ts(r.and_then(|r| r.requested_at)),
        Field::RefundApprovedAt => opt_ts(r.and_then(|r| r.approved_at)),
        Field::RefundIssuedAt => opt_ts(r.and_then(|r| r.issued_at)),
        Field::RefundCompletedAt => opt_ts(r.and_then(|r| r.completed_at)),
        Field::RefundMethod => r
            .and_then(|r| r.method)
            .map_or(Val::Null, |m| Val::Str(m.as_str())),
        Field::Dispute => present(d.is_some()),
        Field::DisputeOpenedAt => opt_ts(d.and_then(|d| d.opened_at)),
        Field::DisputeKind => d.map_or(Val::Null, |d| Val::Str(d.kind.as_str())),
        Field::DisputeState => d.map_or(Val::Null, |d| Val::Str(d.state.as_str())),
        Field::Expected(e) => opt_ts(cx.expected.get(e)),
        Field::Item(i) => match cx.item {
            None => Val::Null,
            Some(it) => match i {
                ItemField::Sku => opt_str(&it.sku),
                ItemField::Name => opt_str(&it.name),
                ItemField::Qty => Val::Int(it.qty),
                ItemField::InStock => Val::Bool(it.in_stock),
                ItemField::RestockAt => opt_ts(it.restock_at),
            },
        },
    }
}

fn order(a: Val<'_>, b: Val<'_>) -> Option<Ordering> {
    match (a, b) {
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(&y)),
        (Val::Int(x), Val::Int(y)) => Some(x.cmp(&y)),
        (Val::Str(x), Val::Str(y)) => Some(x.cmp(y)),
        (Val::Ts(x), Val::Ts(y)) => Some(x.cmp(&y)),
        (Val::Dur(Duration::Wall(x)), Val::Dur(Duration::Wall(y))) => Some(x.cmp(&y)),
        (Val::Dur(Duration::Business(x)), Val::Dur(Duration::Business(y))) => Some(x.cmp(&y)),
        _ => None,
    }
}

/// The instant at which `age(ts) op dur` / `until(ts) op dur` is decided:
/// the condition is `now op' pivot`.
fn pivot(kind: Rel, ts: Timestamp, op: CmpOp, dur: Duration, cal: &Calendar) -> (Timestamp, CmpOp) {
    match kind {
        // now − ts op d  ⇔  now op ts + d
        Rel::Age => (cal.add(ts, dur), op),
        // ts − now op d  ⇔  now op' ts − d
        Rel::Until => (cal.sub(ts, dur), op.flip()),
    }
}

/// Whether `age(t) op dur` / `until(t) op dur` holds at `cx`'s instant.
fn crossed(kind: Rel, t: Timestamp, op: CmpOp, dur: Duration, cx: &Ctx<'_>) -> bool {
    let (p, op) = pivot(kind, t, op, dur, cx.calendar);
    op.test(cx.now.cmp(&p))
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` condition parts evaluated or searched (native builds only).
#[inline]
fn step(n: usize) {
    #[cfg(not(target_arch = "wasm32"))]
    STEPS.with(|s| s.set(s.get().wrapping_add(n as u64)));
    #[cfg(target_arch = "wasm32")]
    let _ = n;
}

/// Condition parts evaluated or searched for instants on this thread so
/// far (`in` list entries included): a measure of the work of an
/// explanation that does not depend on the machine, for tests that bound
/// it. Native builds only.
#[cfg(not(target_arch = "wasm32"))]
pub fn steps() -> u64 {
    STEPS.with(std::cell::Cell::get)
}

/// Evaluates a node.
pub fn eval<'a>(n: &'a Node, cx: &Ctx<'a>) -> Val<'a> {
    step(1);
    match n {
        Node::Const(c) => val(c),
        Node::Field(f) => field(*f, cx),
        Node::Rel(..) => Val::Null,
        Node::Not(x) => Val::Bool(!eval(x, cx).truthy()),
        Node::And(xs) => Val::Bool(xs.iter().all(|x| eval(x, cx).truthy())),
        Node::Or(xs) => Val::Bool(xs.iter().any(|x| eval(x, cx).truthy())),
        Node::Cmp(op, a, b) => {
            let (a, b) = (eval(a, cx), eval(b, cx));
            Val::Bool(order(a, b).is_some_and(|o| op.test(o)))
        }
        Node::In { lhs, list, negated } => {
            step(list.len());
            let v = eval(lhs, cx);
            let found = list.iter().any(|c| {
                let c = val(c);
                (v == Val::Null && c == Val::Null) || order(v, c) == Some(Ordering::Equal)
            });
            if v == Val::Null && !found {
                return Val::Bool(false);
            }
            Val::Bool(found != *negated)
        }
        Node::IsSet(x) => Val::Bool(eval(x, cx) != Val::Null),
        Node::Threshold { kind, ts, op, dur } => match eval(ts, cx) {
            Val::Ts(t) => Val::Bool(crossed(*kind, t, *op, *dur, cx)),
            _ => Val::Bool(false),
        },
        Node::Any(c) => Val::Bool(cx.order.items.iter().any(|it| {
            eval(
                c,
                &Ctx {
                    item: Some(it),
                    ..*cx
                },
            )
            .truthy()
        })),
        Node::All(c) => Val::Bool(cx.order.items.iter().all(|it| {
            eval(
                c,
                &Ctx {
                    item: Some(it),
                    ..*cx
                },
            )
            .truthy()
        })),
        Node::Count(c) => Val::Int(
            cx.order
                .items
                .iter()
                .filter(|it| {
                    eval(
                        c,
                        &Ctx {
                            item: Some(it),
                            ..*cx
                        },
                    )
                    .truthy()
                })
                .count() as i64,
        ),
    }
}

/// Whether a condition holds.
pub fn holds(n: &Node, cx: &Ctx<'_>) -> bool {
    eval(n, cx).truthy()
}

/// A condition's value now, and its value at every instant if time passing
/// cannot change it (no threshold in it can decide it any more; `None` when
/// one can), in one walk. Sound: a fixed `Some(b)` means [`holds`] gives `b`
/// at every instant.
pub fn settle<'a>(n: &'a Node, cx: &Ctx<'a>) -> (Option<bool>, bool) {
    // `or` is `and` with everything negated; `any` and `all` likewise.
    let (xs, each_item, neg): (&[Node], bool, bool) = match n {
        Node::Threshold { kind, ts, op, dur } => {
            step(1);
            return match eval(ts, cx) {
                Val::Ts(t) => (None, crossed(*kind, t, *op, *dur, cx)),
                _ => (Some(false), false),
            };
        }
        Node::Not(x) => {
            let (f, now) = settle(x, cx);
            return (f.map(|b| !b), !now);
        }
        Node::And(xs) => (xs, false, false),
        Node::Or(xs) => (xs, false, true),
        Node::All(c) => (std::slice::from_ref(c.as_ref()), true, false),
        Node::Any(c) => (std::slice::from_ref(c.as_ref()), true, true),
        _ => {
            let now = holds(n, cx);
            return (if n.timed() { None } else { Some(now) }, now);
        }
    };
    // Over the parts (negated for `or`/`any`): fixed while every part is;
    // decided for good by a part fixed false; true now if every part is.
    let (mut all, mut now) = (Some(true), true);
    let mut one = |(f, v): (Option<bool>, bool)| {
        now &= v != neg;
        match f.map(|b| b != neg) {
            Some(false) => false,
            None => {
                all = None;
                true
            }
            Some(true) => true,
        }
    };
    let went_through = if each_item {
        cx.order.items.iter().all(|it| {
            xs.iter().all(|x| {
                one(settle(
                    x,
                    &Ctx {
                        item: Some(it),
                        ..*cx
                    },
                ))
            })
        })
    } else {
        xs.iter().all(|x| one(settle(x, cx)))
    };
    match went_through {
        false => (Some(neg), neg),
        true => (all.map(|b| b != neg), now != neg),
    }
}

/// The earliest instants after a floor, among those offered: sorted,
/// without duplicates, at most [`Earliest::KEEP`] of them (an order of
/// 1,000 items can offer thousands; the rest are found by searching again
/// after the last one kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Earliest {
    /// Only instants after this one count.
    pub after: Timestamp,
    /// The earliest offered so far, in time order.
    pub kept: Vec<Timestamp>,
    /// Whether a later instant was offered and not kept.
    pub more: bool,
}

impl Earliest {
    /// How many instants are kept.
    pub const KEEP: usize = 64;

    /// Nothing offered yet.
    pub fn after(t: Timestamp) -> Earliest {
        Earliest {
            after: t,
            kept: Vec::new(),
            more: false,
        }
    }

    /// Keeps `t` if it is after the floor and among the earliest.
    pub fn offer(&mut self, t: Timestamp) {
        if t <= self.after || (self.kept.len() >= Self::KEEP && self.kept.last() < Some(&t)) {
            self.more |= t > self.after;
            return;
        }
        crate::util::insert_sorted(&mut self.kept, t);
        if self.kept.len() > Self::KEEP {
            self.kept.pop();
            self.more = true;
        }
    }
}

/// Offers every instant at which a threshold of `n` may change its value,
/// whatever the rest of the condition does (no short-circuit): the
/// candidates for the next change of a diagnosis, found without storing or
/// sorting them (an order of 1,000 items can give thousands).
pub fn instants(n: &Node, cx: &Ctx<'_>, out: &mut Earliest) {
    step(1);
    match n {
        Node::Const(_) | Node::Field(_) | Node::Rel(..) => {}
        Node::Not(x) | Node::IsSet(x) => instants(x, cx, out),
        Node::And(xs) | Node::Or(xs) => xs.iter().for_each(|x| instants(x, cx, out)),
        Node::Cmp(_, a, b) => {
            instants(a, cx, out);
            instants(b, cx, out);
        }
        Node::In { lhs, .. } => instants(lhs, cx, out),
        Node::Threshold { kind, ts, op, dur } => {
            if let Val::Ts(t) = eval(ts, cx) {
                let (p, _) = pivot(*kind, t, *op, *dur, cx.calendar);
                // `now >= p` turns at p, `now > p` one millisecond later.
                out.offer(p);
                out.offer(p.plus_ms(1));
            }
        }
        Node::Any(c) | Node::All(c) | Node::Count(c) => {
            for it in &cx.order.items {
                instants(
                    c,
                    &Ctx {
                        item: Some(it),
                        ..*cx
                    },
                    out,
                );
            }
        }
    }
}
