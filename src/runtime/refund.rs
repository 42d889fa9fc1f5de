//! The refund timeline (SPEC §3): four stages with actual or expected times,
//! computed with the merchant's business calendar.

#![deny(clippy::arithmetic_side_effects)]

use crate::calendar::Calendar;
use crate::model::settings::{RefundWindow, RefundWindows};
use crate::order::{CancelState, Order, PaymentMethod, PaymentState};
use crate::time::Timestamp;

/// The stages, in order.
pub const STAGES: [&str; 4] = [
    "refund_requested",
    "refund_approved",
    "refund_issued",
    "refund_arrived",
];

pub use crate::model::diagnosis::StageState;

/// The refund of an order, with actual and expected times.
#[derive(Clone, Debug, PartialEq)]
pub struct RefundPlan {
    /// Method the money goes back to.
    pub method: PaymentMethod,
    /// Its window.
    pub window: RefundWindow,
    /// Amount in minor units, when known.
    pub amount: Option<i64>,
    /// Requested at.
    pub requested: Timestamp,
    /// Approved at (actual).
    pub approved_at: Option<Timestamp>,
    /// Approval expected by (requested + review).
    pub approved_expected: Timestamp,
    /// Issued at (actual).
    pub issued_at: Option<Timestamp>,
    /// Issue expected at (the approval time, actual or expected).
    pub issued_expected: Timestamp,
    /// Arrived at (actual).
    pub completed_at: Option<Timestamp>,
    /// Earliest expected arrival.
    pub arrive_from: Timestamp,
    /// Latest expected arrival.
    pub arrive_to: Timestamp,
}

/// One stage of the timeline at a given time.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// `refund_requested` …
    pub stage: &'static str,
    /// Where it stands.
    pub state: StageState,
    /// When it happened, or is expected to.
    pub at: Option<Timestamp>,
    /// Arrival window start (last stage only).
    pub from: Option<Timestamp>,
    /// Arrival window end (last stage only).
    pub to: Option<Timestamp>,
    /// Whether `at` is when it happened (not an expected time).
    pub actual: bool,
}

impl RefundPlan {
    /// The refund of an order, when there is one: a `refund` object, or a
    /// cancellation (not rejected) of an order whose payment succeeded.
    pub fn of(order: &Order, windows: &RefundWindows, cal: &Calendar) -> Option<RefundPlan> {
        let paid = order.payment.as_ref().is_some_and(|p| {
            matches!(
                p.state,
                PaymentState::Succeeded | PaymentState::PartiallyRefunded | PaymentState::Refunded
            )
        });
        let cancel = order
            .cancellation
            .as_ref()
            .filter(|c| c.state != CancelState::Rejected);
        let refund = order.refund.as_ref();
        if refund.is_none() && !(paid && cancel.is_some()) {
            return None;
        }
        let requested = refund
            .and_then(|r| r.requested_at)
            .or(cancel.and_then(|c| c.requested_at))
            .or(refund.and_then(|r| r.approved_at.or(r.issued_at).or(r.completed_at)))?;
        let method = refund
            .and_then(|r| r.method)
            .or(order.payment.as_ref().map(|p| p.method))
            .unwrap_or(PaymentMethod::Other);
        let window = windows.get(method);
        let approved_at = refund.and_then(|r| r.approved_at);
        let issued_at = refund.and_then(|r| r.issued_at);
        let completed_at = refund.and_then(|r| r.completed_at);
        let approved_expected = cal.add(requested, window.review);
        let issued_expected = approved_at.unwrap_or(approved_expected);
        let issued = issued_at.unwrap_or(issued_expected);
        Some(RefundPlan {
            method,
            window,
            amount: refund.and_then(|r| r.amount).or(order.total),
            requested,
            approved_at,
            approved_expected,
            issued_at,
            issued_expected,
            completed_at,
            arrive_from: cal.add(issued, window.arrive.0),
            arrive_to: cal.add(issued, window.arrive.1),
        })
    }

    /// The four stages as of `now`.
    pub fn stages(&self, now: Timestamp) -> [Stage; 4] {
        let done = [
            true,
            self.approved_at.is_some() || self.issued_at.is_some() || self.completed_at.is_some(),
            self.issued_at.is_some() || self.completed_at.is_some(),
            self.completed_at.is_some(),
        ];
        let latest = [
            self.requested,
            self.approved_expected,
            self.issued_expected,
            self.arrive_to,
        ];
        let mut first_open = true;
        let mut out = [0, 1, 2, 3].map(|i| {
            let d = done.get(i).copied().unwrap_or(false);
            let state = if d {
                StageState::Done
            } else {
                let late = latest.get(i).is_some_and(|l| now > *l);
                let s = if late {
                    StageState::Overdue
                } else if first_open {
                    StageState::Current
                } else {
                    StageState::Upcoming
                };
                first_open = false;
                s
            };
            Stage {
                stage: STAGES.get(i).copied().unwrap_or(""),
                state,
                at: None,
                from: None,
                to: None,
                actual: false,
            }
        });
        let [req, app, iss, arr] = &mut out;
        req.at = Some(self.requested);
        req.actual = true;
        app.at = Some(self.approved_at.unwrap_or(self.approved_expected));
        app.actual = self.approved_at.is_some();
        iss.at = Some(self.issued_at.unwrap_or(self.issued_expected));
        iss.actual = self.issued_at.is_some();
        arr.at = self.completed_at;
        arr.actual = self.completed_at.is_some();
        if self.completed_at.is_none() {
            arr.from = Some(self.arrive_from);
            arr.to = Some(self.arrive_to);
        }
        out
    }

    /// Instants after `now` at which a stage may turn overdue.
    pub fn instants(&self, out: &mut crate::runtime::eval::Earliest) {
        for t in [self.approved_expected, self.issued_expected, self.arrive_to] {
            out.offer(t.plus_ms(1));
        }
    }
}
