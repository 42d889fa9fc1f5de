//! Evaluation: an order, a time and a locale in; a [`Diagnosis`] out.

#![deny(clippy::arithmetic_side_effects)]

use crate::calendar::Calendar;
use crate::diagnosis::{
    support_code, Action, Confirm, Deadline, Decision, Diagnosis, Reason, TimelineStage, Trace,
};
use crate::json::Value;
use crate::messages::locale::{negotiate, DateFormatter};
use crate::messages::{key, Arg, ArgKind, Args, Renderer, PLACEHOLDERS};
use crate::model::rules::{ActionKind, Audience, Rule, RuleSet, SeverityLevel};
use crate::model::schema::{field_path, Field};
use crate::model::settings::is_web_url;
use crate::order::{CancelState, DisputeState, Order, PaymentState, Status};
use crate::refund::{RefundPlan, Stage, StageState};
use crate::runtime::eval::{self, Ctx, Expected, Node, Val};
use crate::time::{Duration, Timestamp, DAY_MS};
use std::cell::Cell;

pub use crate::model::rules::{FALLBACK_REASON, MASKED_REASON, MASKED_RULE};
/// Condition parts (times items) `valid_until`'s search may evaluate before
/// it settles for the next candidate: about a tenth of a second natively
/// for a rule set and an order at the limits.
pub const NEXT_CHANGE_BUDGET: usize = 1 << 25;

/// What was found for an order at a time, before any text is rendered.
#[derive(Clone, Debug, PartialEq)]
pub struct Findings {
    /// Computed dates.
    pub expected: Expected,
    /// The refund, if any.
    pub refund: Option<RefundPlan>,
    /// Indexes of the matching rules, most important first.
    pub matched: Vec<usize>,
    /// The view they were matched for (SPEC §3.3).
    pub audience: Audience,
    /// Per rule, its value at every instant when time passing cannot change
    /// it (`eval::settle`), else `None`: what `valid_until` need not re-check.
    pub(crate) fixed: Vec<Option<bool>>,
}

type Signature<'a> = (Vec<usize>, Vec<StageState>, Vec<&'a str>);

/// `valid_until`'s search for one order and its findings. For this order,
/// most rules hold or not whatever the time (`fixed`); only the others are
/// evaluated again at each candidate instant, and only their thresholds give
/// candidates.
struct Search<'a> {
    rs: &'a RuleSet,
    order: &'a Order,
    f: &'a Findings,
    /// Per rule: its value at every instant, or `None` when time decides.
    fixed: std::borrow::Cow<'a, [Option<bool>]>,
    /// What trying one candidate costs, in condition parts (times items).
    per_try: usize,
}

impl<'a> Search<'a> {
    fn new(rs: &'a RuleSet, order: &'a Order, f: &'a Findings, now: Timestamp) -> Search<'a> {
        let fixed = match f.fixed.len() == rs.rules.len() {
            true => std::borrow::Cow::Borrowed(f.fixed.as_slice()),
            false => {
                let cx = rs.ctx(order, &f.expected, now);
                std::borrow::Cow::Owned(rs.settle(f.audience, &cx).0)
            }
        };
        let items = order.items.len().max(1);
        let per_try = rs
            .rules
            .iter()
            .map(|r| r.size)
            .fold(1usize, |a, n| a.saturating_add(n.saturating_mul(items)))
            .saturating_mul(2);
        Search {
            rs,
            order,
            f,
            fixed,
            per_try,
        }
    }

    /// What changes the diagnosis when only time passes: the matched rules
    /// (as [`RuleSet::matching_for`] gives them), the refund stage states and
    /// which deadlines are still ahead.
    fn signature(&self, now: Timestamp) -> Signature<'a> {
        let (rs, f) = (self.rs, self.f);
        let cx = rs.ctx(self.order, &f.expected, now);
        let matched = rs.ranked(&self.fixed, &cx);
        let states = f
            .refund
            .as_ref()
            .map(|p| p.stages(now).iter().map(|s| s.state).collect())
            .unwrap_or_default();
        let upcoming = rs
            .deadlines_of(self.order, &f.expected, &matched, now)
            .into_iter()
            .filter(|(_, at)| *at > now)
            .map(|(k, _)| k)
            .collect();
        (matched, states, upcoming)
    }

    /// The first candidate after `now` whose signature differs from `here`
    /// (the signature at `now`), trying at most [`NEXT_CHANGE_BUDGET`]'s
    /// worth of candidates.
    fn next_change(&self, now: Timestamp, here: &Signature<'_>) -> Option<Timestamp> {
        let mut spent = 0usize;
        let mut next = self.candidates(now);
        let mut at = 0usize;
        loop {
            let c = match next.kept.get(at) {
                Some(c) => *c,
                None if next.more => {
                    let last = next.kept.last().copied().unwrap_or(now);
                    next = self.candidates(last);
                    at = 0;
                    continue;
                }
                None => return None,
            };
            at = at.saturating_add(1);
            spent = spent.saturating_add(self.per_try);
            if spent > NEXT_CHANGE_BUDGET || self.signature(c) != *here {
                return Some(c);
            }
        }
    }

    /// The instants after `floor` at which the findings may change (where
    /// a threshold of a rule time can change turns, a refund stage turns, or
    /// a deadline of a rule that can match passes), the earliest first.
    fn candidates(&self, floor: Timestamp) -> eval::Earliest {
        let cx = self.rs.ctx(self.order, &self.f.expected, floor);
        let mut next = eval::Earliest::after(floor);
        for (v, r) in self.fixed.iter().zip(&self.rs.rules) {
            if v.is_none() {
                eval::instants(&r.when, &cx, &mut next);
            }
            if *v == Some(false) {
                continue;
            }
            // A deadline leaves the list once it has passed.
            for d in &r.deadlines {
                if let Val::Ts(at) = eval::eval(&d.at, &cx) {
                    next.offer(at);
                }
            }
        }
        if let Some(p) = &self.f.refund {
            p.instants(&mut next);
        }
        next
    }
}

impl RuleSet {
    /// The computed dates (`expected.*`) and the refund plan of an order.
    pub fn expected(&self, order: &Order) -> (Expected, Option<RefundPlan>) {
        let s = &self.settings;
        let cal = &self.calendar;
        let pay_anchor = order
            .payment
            .as_ref()
            .and_then(|p| p.updated_at)
            .unwrap_or(order.created_at);
        let ship = order.shipment.as_ref();
        let plan = RefundPlan::of(order, &self.windows, cal);
        // When every missing item is back: the latest restock date, or none
        // when some missing item has no date.
        let restock_at = order
            .items
            .iter()
            .filter(|i| !i.in_stock)
            .map(|i| i.restock_at)
            .try_fold(None, |latest: Option<Timestamp>, at| {
                at.map(|t| Some(latest.map_or(t, |l| l.max(t))))
            })
            .flatten();
        let e = Expected {
            decline: order
                .payment
                .as_ref()
                .and_then(|p| crate::decline::classify(p, &self.masked_codes)),
            auto_cancel_at: Some(cal.add(order.created_at, s.auto_cancel_unpaid_after)),
            payment_grace_end: Some(cal.add(pay_anchor, s.payment_processing_grace)),
            merchant_confirm_by: Some(cal.add(pay_anchor, s.merchant_confirm_sla)),
            delivery_by: ship.and_then(|sh| {
                sh.expected_at
                    .or_else(|| sh.shipped_at.map(|t| cal.add(t, s.delivery_late_after)))
            }),
            auto_confirm_at: ship
                .and_then(|sh| sh.delivered_at)
                .map(|t| cal.add(t, s.auto_confirm_receipt_after)),
            restock_at,
            refund_requested_at: plan.as_ref().map(|p| p.requested),
            refund_approved_by: plan
                .as_ref()
                .map(|p| p.approved_at.unwrap_or(p.approved_expected)),
            refund_issued_by: plan
                .as_ref()
                .map(|p| p.issued_at.unwrap_or(p.issued_expected)),
            refund_arrival_from: plan.as_ref().map(|p| p.arrive_from),
            refund_arrival_by: plan.as_ref().map(|p| p.arrive_to),
            dispute_response_by: order
                .dispute
                .as_ref()
                .and_then(|d| d.opened_at)
                .map(|t| cal.add(t, s.dispute_response_within)),
        };
        (e, plan)
    }

    fn ctx<'a>(&'a self, order: &'a Order, expected: &'a Expected, now: Timestamp) -> Ctx<'a> {
        Ctx {
            order,
            expected,
            calendar: &self.calendar,
            now,
            item: None,
        }
    }

    /// Indexes of the rules that match, by priority (ties by rule order).
    /// Fallback rules (calm status lines) count only when nothing else matches.
    pub fn matching(&self, order: &Order, expected: &Expected, now: Timestamp) -> Vec<usize> {
        self.matching_for(order, expected, now, Audience::Buyer)
    }

    /// [`RuleSet::matching`] in a view: only the rules that speak to its
    /// audience (`"audience"` of a rule, SPEC §3.3) are evaluated.
    pub fn matching_for(
        &self,
        order: &Order,
        expected: &Expected,
        now: Timestamp,
        audience: Audience,
    ) -> Vec<usize> {
        let cx = self.ctx(order, expected, now);
        self.rank(
            self.rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.audience.speaks_to(audience) && eval::holds(&r.when, &cx))
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// The matching rules by priority (ties by rule order); fallback rules
    /// (calm status lines) count only when nothing else matches.
    fn rank(&self, mut m: Vec<usize>) -> Vec<usize> {
        if m.iter()
            .any(|&i| self.rules.get(i).is_some_and(|r| !r.fallback))
        {
            m.retain(|&i| self.rules.get(i).is_some_and(|r| !r.fallback));
        }
        let priority = |i: usize| self.rules.get(i).map_or(i64::MIN, |r| r.priority);
        crate::util::sort_by(&mut m, |&a, &b| priority(a) > priority(b));
        m
    }

    /// The deadlines of the matched rules, one per kind (from the most
    /// important rule that has it), with their times.
    pub fn deadlines<'a>(
        &'a self,
        order: &Order,
        f: &Findings,
        now: Timestamp,
    ) -> Vec<(&'a str, Timestamp)> {
        self.deadlines_of(order, &f.expected, &f.matched, now)
    }

    fn deadlines_of<'a>(
        &'a self,
        order: &Order,
        expected: &Expected,
        matched: &[usize],
        now: Timestamp,
    ) -> Vec<(&'a str, Timestamp)> {
        let cx = self.ctx(order, expected, now);
        let mut out: Vec<(&str, Timestamp)> = Vec::new();
        for rule in matched.iter().filter_map(|&i| self.rules.get(i)) {
            for d in &rule.deadlines {
                if out.iter().any(|(k, _)| *k == d.kind) {
                    continue;
                }
                if let Val::Ts(at) = eval::eval(&d.at, &cx) {
                    out.push((d.kind.as_str(), at));
                }
            }
        }
        out
    }

    /// Evaluates the rules without rendering any text.
    pub fn evaluate(&self, order: &Order, now: Timestamp) -> Findings {
        self.evaluate_for(order, now, Audience::Buyer)
    }

    /// [`RuleSet::evaluate`] for a view (SPEC §3.3).
    pub fn evaluate_for(&self, order: &Order, now: Timestamp, audience: Audience) -> Findings {
        let (expected, refund) = self.expected(order);
        let matched = self.matching_for(order, &expected, now, audience);
        Findings {
            expected,
            refund,
            matched,
            audience,
            fixed: Vec::new(),
        }
    }

    /// [`RuleSet::evaluate_for`] for a diagnosis or a decision, which
    /// search `valid_until`: whether each rule holds now and whether it holds
    /// at every instant (most do: time decides only the thresholds left)
    /// come from one pass, and the search re-checks only the `None`s.
    fn evaluate_timed(&self, order: &Order, now: Timestamp, audience: Audience) -> Findings {
        let (expected, refund) = self.expected(order);
        let cx = self.ctx(order, &expected, now);
        let (fixed, holding) = self.settle(audience, &cx);
        let matched = self.rank(holding);
        Findings {
            expected,
            refund,
            matched,
            audience,
            fixed,
        }
    }

    /// The matching rules, ranked: those [`RuleSet::fixed`] gives as holding,
    /// and those it leaves to time that hold at `cx`'s instant.
    fn ranked(&self, fixed: &[Option<bool>], cx: &Ctx<'_>) -> Vec<usize> {
        let holding = fixed.iter().zip(&self.rules).enumerate();
        self.rank(
            holding
                .filter(|(_, (v, r))| v.unwrap_or_else(|| eval::holds(&r.when, cx)))
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// Per rule, its value at every instant if time cannot change it
    /// (`eval::settle`), else `None`; and the rules that hold now.
    fn settle(&self, audience: Audience, cx: &Ctx<'_>) -> (Vec<Option<bool>>, Vec<usize>) {
        let mut fixed = Vec::with_capacity(self.rules.len());
        let mut holding = Vec::new();
        for (i, r) in self.rules.iter().enumerate() {
            let (f, now) = match r.audience.speaks_to(audience) {
                true if r.timed => eval::settle(&r.when, cx),
                true => {
                    let now = eval::holds(&r.when, cx);
                    (Some(now), now)
                }
                false => (Some(false), false),
            };
            fixed.push(f);
            if now {
                holding.push(i);
            }
        }
        (fixed, holding)
    }

    /// The earliest instant after `now` at which the findings change because
    /// time passed, if any: the candidates (instants where a threshold or a
    /// refund stage turns, or a deadline passes) are tried in time order.
    ///
    /// The work is bounded: past [`NEXT_CHANGE_BUDGET`] condition parts
    /// evaluated, the next candidate is given as it is, a moment at which the
    /// diagnosis may be the same (the widget then renders once more, at no
    /// cost to the customer) but never later than the true change.
    pub fn next_change(&self, order: &Order, f: &Findings, now: Timestamp) -> Option<Timestamp> {
        let search = Search::new(self, order, f, now);
        search.next_change(now, &search.signature(now))
    }

    /// Explains an order to a customer (SPEC §3). `locale` may be a tag or
    /// an `Accept-Language` list; it is negotiated against the catalogs.
    pub fn explain(&self, order: &Order, now: Timestamp, locale: &str) -> Diagnosis {
        self.explain_in(order, now, locale, None)
    }

    /// [`RuleSet::explain`] with the times in its texts shown in `zone`'s
    /// time zone (a viewer's, e.g. the browser's) instead of the shop's
    /// (`settings.timezone`). Deadlines and business days are still counted
    /// in the shop's calendar; only the way times read changes.
    pub fn explain_in(
        &self,
        order: &Order,
        now: Timestamp,
        locale: &str,
        zone: Option<&Calendar>,
    ) -> Diagnosis {
        self.explain_for(order, now, locale, zone, Audience::Buyer)
    }

    /// [`RuleSet::explain_in`] for a view (SPEC §3.3): the merchant's view
    /// matches the rules that speak to the merchant, reads the `merchant.*`
    /// messages, and names what masking hides from buyers (marking that
    /// reason `confidential`).
    pub fn explain_for(
        &self,
        order: &Order,
        now: Timestamp,
        locale: &str,
        zone: Option<&Calendar>,
        audience: Audience,
    ) -> Diagnosis {
        let f = self.evaluate_timed(order, now, audience);
        let pre = audience.key_prefix();
        // Masking is for buyers only.
        let masks = audience == Audience::Buyer;
        let tag = negotiate(locale, &self.catalog.tags());
        let lc = self.catalog.get(&tag);
        let args = self.view_args(order, &f, masks);
        let shown_in = zone.unwrap_or(&self.calendar);
        let fallback = self.catalog.get("en");
        let (Some(lc), Some(_)) = (lc, fallback) else {
            return self.bare(order, now, &tag, &f);
        };
        let r = Renderer {
            catalog: lc,
            fallback,
            dates: DateFormatter {
                style: lc.locale.style,
                calendar: shown_in,
                today: shown_in.local(now).0,
            },
            args: &args,
            text_changes_at: Cell::new(None),
        };

        let ex = Explaining {
            rs: self,
            order,
            f: &f,
            now,
            cx: self.ctx(order, &f.expected, now),
            r: &r,
            pre,
            masks,
        };
        let reasons = ex.reasons();
        let actions = self.actions(order, &f, &ex.cx, &r);
        let deadlines = ex.deadlines();
        let timeline = ex.timeline();
        let trace = ex.trace();
        let valid_until = ex.valid_until();

        let headline = reasons
            .first()
            .cloned()
            .unwrap_or_else(|| status_line(order));
        Diagnosis {
            order_id: order.id.clone(),
            locale: lc.locale.tag.clone(),
            now,
            headline,
            reasons,
            actions,
            deadlines,
            timeline,
            valid_until,
            trace,
            support_code: support_code::encode(self.fingerprint, now, &f.matched),
            warnings: order.warnings.clone(),
        }
    }

    /// The placeholder values of a view: the seller also reads the cause of
    /// a decline (`decline_cause`), which buyers are never told.
    fn view_args(&self, order: &Order, f: &Findings, masks: bool) -> Args {
        let mut args = self.args(order, f);
        if !masks {
            let cause = order
                .payment
                .as_ref()
                .zip(f.expected.decline)
                .and_then(|(p, d)| crate::decline::cause(p, d));
            if let Some(c) = cause {
                args.set("decline_cause", Arg::Choice(c));
            }
        }
        args
    }

    /// One catalog message (the widget's `widget.*` labels, or any other
    /// key) in a locale, with placeholder values given as text: a count in
    /// digits (`("minutes", "23")`), a choice or text as it is
    /// (`("action", "cancel_order")`). Never fails: a key no catalog has
    /// gives an empty string.
    pub fn message(&self, key: &str, values: &[(&str, &str)], locale: &str) -> String {
        let tag = negotiate(locale, &self.catalog.tags());
        let fallback = self.catalog.get("en");
        let Some(lc) = self.catalog.get(&tag).or(fallback) else {
            return String::new();
        };
        let mut args = Args::default();
        for &(name, v) in values {
            let Some(&(name, kind)) = PLACEHOLDERS.iter().find(|(n, _)| *n == name) else {
                continue;
            };
            let arg = match kind {
                ArgKind::Number => crate::util::parse_i64(v).map_or(Arg::Null, Arg::Number),
                ArgKind::Choice(values) => values
                    .iter()
                    .find(|c| **c == v)
                    .map_or_else(|| Arg::Text(v.to_string()), |c| Arg::Choice(c)),
                _ => Arg::Text(v.to_string()),
            };
            args.set(name, arg);
        }
        Renderer {
            catalog: lc,
            fallback,
            dates: DateFormatter {
                style: lc.locale.style,
                calendar: &self.calendar,
                today: crate::time::Date::from_days(0),
            },
            args: &args,
            text_changes_at: Cell::new(None),
        }
        .text(key)
    }

    /// A diagnosis without text, if the catalogs are somehow unusable.
    fn bare(&self, order: &Order, now: Timestamp, tag: &str, f: &Findings) -> Diagnosis {
        let reason = status_line(order);
        Diagnosis {
            order_id: order.id.clone(),
            locale: tag.into(),
            now,
            headline: reason.clone(),
            reasons: vec![reason],
            actions: Vec::new(),
            deadlines: Vec::new(),
            timeline: Vec::new(),
            valid_until: None,
            trace: Vec::new(),
            support_code: support_code::encode(self.fingerprint, now, &f.matched),
            warnings: order.warnings.clone(),
        }
    }

    fn rule_deadline(&self, rule: &Rule, cx: &Ctx<'_>) -> Arg {
        rule.deadlines
            .iter()
            .map(|d| &d.at)
            .chain(rule.wait_until.as_ref())
            .find_map(|n| match eval::eval(n, cx) {
                Val::Ts(t) => Some(shown(n, t)),
                _ => None,
            })
            .unwrap_or(Arg::Null)
    }

    fn args(&self, order: &Order, f: &Findings) -> Args {
        let mut a = Args {
            values: Vec::new(),
            currency: order.currency.clone(),
        };
        let e = &f.expected;
        let time = |t: Option<Timestamp>| t.map_or(Arg::Null, Arg::Time);
        a.set("order_id", Arg::Text(order.id.clone()));
        a.set("amount", order.total.map_or(Arg::Null, Arg::Money));
        let refund_amount = f.refund.as_ref().and_then(|p| p.amount).or(order.total);
        a.set("refund_amount", refund_amount.map_or(Arg::Null, Arg::Money));
        a.set("auto_cancel", time(e.auto_cancel_at));
        a.set("auto_confirm", time(e.auto_confirm_at));
        a.set("restock", time(e.restock_at));
        a.set("delivery", time(e.delivery_by));
        a.set("arrive_from", time(e.refund_arrival_from));
        a.set("arrive_to", time(e.refund_arrival_by));
        a.set("issued", time(f.refund.as_ref().and_then(|p| p.issued_at)));
        a.set(
            "delivered",
            time(order.shipment.as_ref().and_then(|s| s.delivered_at)),
        );
        let window = f.refund.as_ref().map(|p| p.window).unwrap_or_else(|| {
            self.windows.get(
                order
                    .payment
                    .as_ref()
                    .map_or(crate::order::PaymentMethod::Other, |p| p.method),
            )
        });
        a.set("days_from", Arg::Number(days(window.arrive.0)));
        a.set("days_to", Arg::Number(days(window.arrive.1)));
        let missing: Vec<_> = order.items.iter().filter(|i| !i.in_stock).collect();
        a.set("count", Arg::Number(missing.len() as i64));
        a.set(
            "others",
            Arg::Number(missing.len().saturating_sub(1) as i64),
        );
        a.set(
            "item",
            missing
                .first()
                .and_then(|i| i.name.clone().or_else(|| i.sku.clone()))
                .map_or(Arg::Null, Arg::Text),
        );
        if let Some(p) = &order.payment {
            a.set("attempts", Arg::Number(p.attempts));
            a.set("payment", Arg::Choice(p.state.as_str()));
            let over = self.out_of_attempts(order);
            a.set("retry", Arg::Choice(if over { "no" } else { "yes" }));
        }
        a.set(
            "max_attempts",
            Arg::Number(self.settings.max_payment_attempts),
        );
        if let Some(s) = &order.shipment {
            if let Some(c) = &s.carrier {
                a.set("carrier", Arg::Text(c.clone()));
            }
            if let Some(n) = &s.tracking_number {
                a.set("tracking_number", Arg::Text(n.clone()));
            }
        }
        let method = f
            .refund
            .as_ref()
            .map(|p| p.method)
            .or(order.payment.as_ref().map(|p| p.method));
        a.set(
            "method",
            method.map_or(Arg::Null, |m| Arg::Choice(m.as_str())),
        );
        if let Some(c) = &order.cancellation {
            a.set("cancel_reason", Arg::Choice(c.reason.as_str()));
            a.set("cancelled_by", Arg::Choice(c.by.as_str()));
        }
        if let Some(d) = &order.dispute {
            a.set("dispute_kind", Arg::Choice(d.kind.as_str()));
            a.set("dispute_state", Arg::Choice(d.state.as_str()));
        }
        a.set("status", Arg::Choice(order.status.as_str()));
        if let Some(d) = f.expected.decline {
            a.set("decline", Arg::Choice(d.detail));
        }
        // Whether money was taken: unknown while a payment is in flight.
        let paid = match order.payment.as_ref().map(|p| p.state) {
            Some(
                PaymentState::Succeeded | PaymentState::PartiallyRefunded | PaymentState::Refunded,
            ) => Arg::Choice("yes"),
            Some(PaymentState::None | PaymentState::Failed | PaymentState::RequiresAction) => {
                Arg::Choice("no")
            }
            None if order.status == crate::order::Status::PendingPayment => Arg::Choice("no"),
            _ => Arg::Null,
        };
        a.set("paid", paid);
        a
    }

    /// The actions the matched rules offer, in order and without text:
    /// the payment-safety substitutions applied (SPEC §2.2, §2.3), actions
    /// that cannot apply dropped, one per kind.
    fn plan_actions(&self, order: &Order, f: &Findings, cx: &Ctx<'_>) -> Vec<Planned> {
        let facts = self.action_facts(order, f);
        let mut out: Vec<Planned> = Vec::new();
        for rule in f.matched.iter().filter_map(|&i| self.rules.get(i)) {
            for &kind in &rule.actions {
                let kind = facts.substitute(kind);
                if out.iter().any(|a| a.kind == kind) {
                    continue;
                }
                self.plan_action(kind, rule, order, &facts, cx, &mut out);
            }
        }
        out
    }

    /// Whether the order's payment has used every attempt
    /// `max_payment_attempts` allows (no more retries are offered, and the
    /// texts stop asking for one).
    fn out_of_attempts(&self, order: &Order) -> bool {
        order
            .payment
            .as_ref()
            .is_some_and(|p| p.attempts >= self.settings.max_payment_attempts)
    }

    /// What the order says about which actions can apply.
    #[inline(always)]
    fn action_facts(&self, order: &Order, f: &Findings) -> ActionFacts {
        ActionFacts {
            over_attempts: self.out_of_attempts(order),
            // The networks forbid retrying a never-approve decline (SPEC
            // §2.3), whatever a rule lists: the card is replaced instead.
            no_retry: f.expected.decline.is_some_and(|d| !d.allows_retry()),
            cancel_pending: order
                .cancellation
                .as_ref()
                .is_some_and(|c| matches!(c.state, CancelState::Requested | CancelState::Approved)),
            dispute_open: order
                .dispute
                .as_ref()
                .is_some_and(|d| d.state != DisputeState::Resolved),
            tracking: order
                .shipment
                .as_ref()
                .and_then(|sh| sh.tracking_url.clone())
                .filter(|u| is_web_url(u)),
            // Money was taken and not all given back (for the seller's
            // actions).
            paid: order.payment.as_ref().is_some_and(|p| {
                matches!(
                    p.state,
                    PaymentState::Succeeded | PaymentState::PartiallyRefunded
                )
            }),
        }
    }

    /// Plans action `kind` of `rule` into `out`, unless it cannot apply.
    #[inline(always)]
    fn plan_action(
        &self,
        kind: ActionKind,
        rule: &Rule,
        order: &Order,
        facts: &ActionFacts,
        cx: &Ctx<'_>,
        out: &mut Vec<Planned>,
    ) {
        let s = &self.settings;
        let mut url = None;
        let mut until = None;
        let mut until_arg = Arg::Null;
        let keep = match kind {
            ActionKind::CancelOrder => {
                order.status.rank() < s.cancel_allowed_until.rank() && !facts.cancel_pending
            }
            ActionKind::ContactSupport => {
                url = s.support_url.clone();
                url.is_some()
            }
            ActionKind::TrackShipment => {
                url = facts.tracking.clone();
                url.is_some()
            }
            ActionKind::Reorder => {
                url = s.reorder_url.clone();
                url.is_some()
            }
            ActionKind::ConfirmReceipt => order.buyer_confirmed_at.is_none(),
            ActionKind::OpenDispute => !facts.dispute_open,
            // The seller's actions (SPEC §3.3), while they can apply.
            ActionKind::ConfirmOrder => {
                matches!(order.status, Status::PendingPayment | Status::Unconfirmed) && facts.paid
            }
            ActionKind::RemindBuyer => order.buyer_confirmed_at.is_none(),
            ActionKind::RespondToDispute => facts.dispute_open,
            ActionKind::IssueRefund => {
                facts.paid
                    && order
                        .refund
                        .as_ref()
                        .is_none_or(|r| r.issued_at.is_none() && r.completed_at.is_none())
            }
            ActionKind::Wait => match &rule.wait_until {
                None => true,
                Some(n) => match eval::eval(n, cx) {
                    Val::Ts(t) => {
                        until = Some(t);
                        until_arg = shown(n, t);
                        true
                    }
                    _ => false,
                },
            },
            _ => true,
        };
        if keep {
            out.push(Planned {
                kind,
                url,
                until,
                until_arg,
            });
        }
    }

    /// The planned actions with their texts; the first one that is not
    /// `wait` is the primary one.
    fn actions(&self, order: &Order, f: &Findings, cx: &Ctx<'_>, r: &Renderer<'_>) -> Vec<Action> {
        let pre = f.audience.key_prefix();
        let mut out: Vec<Action> = self
            .plan_actions(order, f, cx)
            .into_iter()
            .map(|p| {
                let k = p.kind.as_str();
                let extra = [("deadline", p.until_arg)];
                let confirm = p.kind.confirms().then(|| Confirm {
                    title: r.text_with(&key::action(pre, k, "confirm.title"), &extra),
                    body: r.text_with(&key::action(pre, k, "confirm.body"), &extra),
                    confirm_label: r.text_with(&key::action(pre, k, "confirm.yes"), &extra),
                    cancel_label: r.text_with(&key::action(pre, k, "confirm.no"), &extra),
                });
                Action {
                    kind: p.kind,
                    label: nonblank(r.text_with(&key::action(pre, k, "label"), &extra), k),
                    primary: false,
                    confirm,
                    url: p.url,
                    until: p.until,
                }
            })
            .collect();
        if let Some(first) = out.iter_mut().find(|a| a.kind != ActionKind::Wait) {
            first.primary = true;
        }
        out
    }

    /// The reasons of the matched rules, most important first, one per
    /// reason: `(rule, reason, rule id)`, a masked rule under the generic
    /// declined reason and rule id.
    fn reasons_of(&self, f: &Findings) -> Vec<(&Rule, &str, &str)> {
        let mut out: Vec<(&Rule, &str, &str)> = Vec::new();
        // Masking is for buyers only (SPEC §3.3).
        let masks = f.audience == Audience::Buyer;
        for rule in f.matched.iter().filter_map(|&i| self.rules.get(i)) {
            let (reason, id) = if rule.mask && masks {
                (MASKED_REASON, MASKED_RULE)
            } else {
                (rule.reason.as_str(), rule.id.as_str())
            };
            if !out.iter().any(|(_, r, _)| *r == reason) {
                out.push((rule, reason, id));
            }
        }
        out
    }

    /// The names of [`RuleSet::reasons_of`], or the fallback status reason
    /// when no rule matched: what `evaluate` and `sweep` list.
    fn reason_names(&self, f: &Findings) -> Vec<&str> {
        let mut names: Vec<&str> = self.reasons_of(f).into_iter().map(|(_, r, _)| r).collect();
        if names.is_empty() {
            names.push(FALLBACK_REASON);
        }
        names
    }

    /// The decision for an order at `now`, without any text (SPEC §4.1
    /// `evaluate`): the same reasons, action kinds and deadlines as
    /// [`RuleSet::explain`] at the same time, without rendering a word.
    pub fn decide(&self, order: &Order, now: Timestamp) -> Decision {
        self.decide_for(order, now, Audience::Buyer)
    }

    /// [`RuleSet::decide`] for a view (SPEC §3.3): in the merchant's, the
    /// rules that speak to the merchant and the seller's actions.
    pub fn decide_for(&self, order: &Order, now: Timestamp, audience: Audience) -> Decision {
        let f = self.evaluate_timed(order, now, audience);
        let cx = self.ctx(order, &f.expected, now);
        let mut rules: Vec<String> = Vec::new();
        for rule in f.matched.iter().filter_map(|&i| self.rules.get(i)) {
            let id = if rule.mask && audience == Audience::Buyer {
                MASKED_RULE
            } else {
                &rule.id
            };
            if !rules.iter().any(|r| r == id) {
                rules.push(id.to_string());
            }
        }
        let reasons = self
            .reason_names(&f)
            .into_iter()
            .map(str::to_string)
            .collect();
        let actions = self
            .plan_actions(order, &f, &cx)
            .into_iter()
            .map(|p| p.kind)
            .collect();
        let deadlines = self
            .deadlines(order, &f, now)
            .into_iter()
            .filter(|(_, at)| *at > now)
            .map(|(kind, at)| (kind.to_string(), at))
            .collect();
        Decision {
            order_id: order.id.clone(),
            rules,
            reasons,
            actions,
            deadlines,
            valid_until: self.next_decision_change(order, &f, now),
        }
    }

    /// The earliest instant after `now` at which the decision (not the
    /// wording, not the refund stages, which `evaluate` does not show)
    /// changes because time passes: the diagnosis's changes are stepped
    /// through until one changes the decision. A bounded number of steps;
    /// past it, the instant reached is given (never later than the change).
    fn next_decision_change(
        &self,
        order: &Order,
        f: &Findings,
        now: Timestamp,
    ) -> Option<Timestamp> {
        let search = Search::new(self, order, f, now);
        let mut sig = search.signature(now);
        let here = (sig.0.clone(), sig.2.clone());
        let mut at = now;
        for _ in 0..32 {
            let c = search.next_change(at, &sig)?;
            sig = search.signature(c);
            if (&sig.0, &sig.2) != (&here.0, &here.1) {
                return Some(c);
            }
            at = c;
        }
        Some(at)
    }
}

/// One explanation being written: the findings, the time, the renderer of
/// the chosen locale and the view (SPEC §3.3).
struct Explaining<'a> {
    rs: &'a RuleSet,
    order: &'a Order,
    f: &'a Findings,
    now: Timestamp,
    cx: Ctx<'a>,
    r: &'a Renderer<'a>,
    /// The message key prefix of the view (`""` or `"merchant."`).
    pre: &'static str,
    /// Whether masked codes are hidden (the buyer's view).
    masks: bool,
}

impl Explaining<'_> {
    /// The reasons, most important first; the status line when none.
    fn reasons(&self) -> Vec<Reason> {
        let pre = self.pre;
        let mut reasons: Vec<Reason> = Vec::new();
        for (rule, reason, rule_id) in self.rs.reasons_of(self.f) {
            let deadline = self.rs.rule_deadline(rule, &self.cx);
            let late = match deadline {
                Arg::Time(t) | Arg::Day(t) => Arg::Choice(if t <= self.now { "yes" } else { "no" }),
                _ => Arg::Null,
            };
            let extra = [("deadline", deadline), ("late", late)];
            reasons.push(Reason {
                reason: reason.to_string(),
                rule: rule_id.to_string(),
                severity: rule.severity,
                title: nonblank(
                    self.r.text_with(&key::reason(pre, reason, "title"), &extra),
                    reason,
                ),
                body: self.r.text_with(&key::reason(pre, reason, "body"), &extra),
                // What buyers are never told, the seller reads: marked.
                confidential: !self.masks
                    && rule.mask
                    && self.f.expected.decline.is_some_and(|d| d.masked),
            });
        }
        if reasons.is_empty() {
            reasons.push(Reason {
                reason: FALLBACK_REASON.into(),
                rule: String::new(),
                severity: SeverityLevel::Info,
                title: nonblank(
                    self.r.text(&key::reason(pre, "order_status", "title")),
                    self.order.status.as_str(),
                ),
                body: self.r.text(&key::reason(pre, "order_status", "body")),
                confidential: false,
            });
        }
        reasons
    }

    /// Upcoming deadlines, one per kind, from the most important rule that
    /// has it (a passed one is history, not something to act on).
    fn deadlines(&self) -> Vec<Deadline> {
        let pre = self.pre;
        self.rs
            .deadlines(self.order, self.f, self.now)
            .into_iter()
            .filter(|(_, at)| *at > self.now)
            .map(|(kind, at)| Deadline {
                kind: kind.to_string(),
                at,
                label: self
                    .r
                    .text_with(&key::deadline(pre, kind), &[("deadline", Arg::Time(at))]),
            })
            .collect()
    }

    /// The refund's stages, each with its label and detail.
    fn timeline(&self) -> Vec<TimelineStage> {
        let pre = self.pre;
        self.f
            .refund
            .as_ref()
            .map(|p| {
                p.stages(self.now)
                    .iter()
                    .map(|s: &Stage| {
                        let extra = [
                            // A refund that arrived shows no expected window.
                            ("arrive_from", s.from.map_or(Arg::Null, Arg::Time)),
                            ("state", Arg::Choice(s.state.as_str())),
                            ("at", s.at.or(s.to).map_or(Arg::Null, Arg::Time)),
                        ];
                        // The second line: when it happened; when it is
                        // expected (the arrival window for the money); or,
                        // when late, who is late.
                        let detail = match s.state {
                            // Done without a time of its own (a later stage
                            // happened): no date rather than an estimate.
                            StageState::Done if !s.actual => String::new(),
                            StageState::Done => "timeline.done".to_string(),
                            // Who is late, in the seller's words in the merchant's view.
                            StageState::Overdue => crate::util::join(&[pre, "timeline.late"]),
                            _ if s.from.is_some() => "timeline.window".to_string(),
                            _ => "timeline.expected".to_string(),
                        };
                        TimelineStage {
                            stage: s.stage,
                            state: s.state,
                            at: s.at,
                            from: s.from,
                            to: s.to,
                            label: self.r.text_with(&stage_label(pre, s.stage), &extra),
                            detail: self.r.text_with(&detail, &extra),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Why each matched rule matched: the fields it read.
    fn trace(&self) -> Vec<Trace> {
        // A masked code is hidden in the trace too.
        let masked_code = self.masks
            && (self
                .f
                .matched
                .iter()
                .filter_map(|&i| self.rs.rules.get(i))
                .any(|r| r.mask)
                || self.f.expected.decline.is_some_and(|d| d.masked));
        self.f
            .matched
            .iter()
            .filter_map(|&i| self.rs.rules.get(i))
            .map(|rule| Trace {
                rule: if rule.mask && self.masks {
                    MASKED_RULE.into()
                } else {
                    rule.id.clone()
                },
                fields: rule
                    .fields
                    .iter()
                    .map(|&fl| {
                        (
                            field_path(fl).to_string(),
                            trace_value(fl, &self.cx, masked_code),
                        )
                    })
                    .collect(),
            })
            .collect()
    }

    /// The next change of the diagnosis: of the findings, or of the texts
    /// (a relative date that reads differently tomorrow).
    fn valid_until(&self) -> Option<Timestamp> {
        let mut valid_until = self.rs.next_change(self.order, self.f, self.now);
        if let Some(t) = self.r.text_changes_at.get().filter(|t| *t > self.now) {
            if valid_until.is_none_or(|v| t < v) {
                valid_until = Some(t);
            }
        }
        valid_until
    }
}

/// What an order says about which actions can apply to it.
struct ActionFacts {
    /// As many payment attempts as allowed, or more.
    over_attempts: bool,
    /// The decline must never be retried.
    no_retry: bool,
    /// A cancellation is asked or approved.
    cancel_pending: bool,
    /// A dispute is not resolved.
    dispute_open: bool,
    /// The shipment's tracking page, when it is a web URL.
    tracking: Option<String>,
    /// Money was taken and not all given back.
    paid: bool,
}

impl ActionFacts {
    /// The payment-safety substitutions (SPEC §2.2, §2.3): no retry past
    /// the attempts allowed, nor of a never-approve decline.
    #[inline(always)]
    fn substitute(&self, kind: ActionKind) -> ActionKind {
        match kind {
            ActionKind::RetryPayment | ActionKind::UpdatePaymentMethod if self.over_attempts => {
                ActionKind::ContactSupport
            }
            ActionKind::RetryPayment if self.no_retry => ActionKind::UpdatePaymentMethod,
            k => k,
        }
    }
}

/// An action before its texts.
struct Planned {
    kind: ActionKind,
    url: Option<String>,
    until: Option<Timestamp>,
    /// How `until` reads in the texts.
    until_arg: Arg,
}

/// The label key of a refund stage: the money's arrival is the buyer's, in
/// the seller's words in the merchant's view (`pre` = `merchant.`).
fn stage_label(pre: &str, stage: &str) -> String {
    if stage == "refund_arrived" {
        crate::util::join(&[pre, "timeline.", stage, ".label"])
    } else {
        crate::util::join(&["timeline.", stage, ".label"])
    }
}

/// The bare status line, for when no text can be rendered at all.
fn status_line(order: &Order) -> Reason {
    Reason {
        reason: FALLBACK_REASON.into(),
        rule: String::new(),
        severity: SeverityLevel::Info,
        title: order.status.as_str().into(),
        body: String::new(),
        confidential: false,
    }
}

/// How a time computed by `node` reads in a text: a date for the times
/// known to the day only (restock, delivery and refund dates: "expected by
/// Dec 6", not "Dec 6, 06:18"), else a date and time.
fn shown(node: &Node, t: Timestamp) -> Arg {
    use crate::model::schema::ExpectedField as E;
    match node {
        Node::Field(Field::Expected(
            E::RestockAt
            | E::DeliveryBy
            | E::RefundApprovedBy
            | E::RefundIssuedBy
            | E::RefundArrivalFrom
            | E::RefundArrivalBy,
        )) => Arg::Day(t),
        _ => Arg::Time(t),
    }
}

fn days(d: Duration) -> i64 {
    match d {
        Duration::Business(n) => i64::from(n),
        Duration::Wall(ms) => ms / DAY_MS,
    }
}

fn nonblank(s: String, fallback: &str) -> String {
    if s.trim().is_empty() {
        fallback.replace('_', " ")
    } else {
        s
    }
}

fn trace_value(f: Field, cx: &Ctx<'_>, masked: bool) -> Value {
    if masked && matches!(f, Field::PaymentFailureCode | Field::PaymentDeclineCode) {
        return match eval::field(f, cx) {
            Val::Null => Value::Null,
            _ => "(masked)".into(),
        };
    }
    match f {
        Field::Item(_) => Value::Array(
            cx.order
                .items
                .iter()
                .map(|it| {
                    eval::field(
                        f,
                        &Ctx {
                            item: Some(it),
                            ..*cx
                        },
                    )
                    .to_json()
                })
                .collect(),
        ),
        _ => eval::field(f, cx).to_json(),
    }
}

/// One line of `orderlens sweep`: the order id, its reasons and the
/// deadlines that are due (at or before `now`).
pub fn sweep_line(rs: &RuleSet, order: &Order, now: Timestamp) -> Value {
    // One writer of the line: its text, read back.
    let mut text = String::new();
    write_sweep_line(rs, order, now, &mut text);
    crate::json::parse(&text).unwrap_or(Value::Null)
}

/// One line of `orderlens sweep` written straight as its compact JSON text
/// into `out` (no [`Value`] tree on the way: `orderlens sweep` writes
/// millions of them): the order id, its reasons and the deadlines that are
/// due (at or before `now`). Returns whether anything is due.
pub fn write_sweep_line(rs: &RuleSet, order: &Order, now: Timestamp, out: &mut String) -> bool {
    use crate::json::write_string;
    let f = rs.evaluate(order, now);
    out.push_str("{\"id\":");
    write_string(&order.id, out);
    out.push_str(",\"reasons\":[");
    for (i, reason) in rs.reason_names(&f).into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(reason, out);
    }
    out.push_str("],\"deadlines\":[");
    let mut due = false;
    for (kind, at) in rs.deadlines(order, &f, now) {
        if at > now {
            continue;
        }
        if due {
            out.push(',');
        }
        due = true;
        out.push_str("{\"kind\":");
        write_string(kind, out);
        out.push_str(",\"at\":");
        write_string(&at.to_rfc3339(), out);
        out.push('}');
    }
    out.push_str("]}");
    due
}

/// One line of `orderlens sweep --audience merchant` (SPEC §3.3, the
/// seller's work queue): the order id, its reasons in the seller's view,
/// whether it needs the seller now (a reason that is `action_required` for
/// the seller), the seller's action kinds, the deadlines that are due (at or
/// before `now`) and the ones still ahead. Text-free, like [`sweep_line`].
pub fn merchant_sweep_line(rs: &RuleSet, order: &Order, now: Timestamp) -> (Value, bool) {
    let f = rs.evaluate_for(order, now, Audience::Merchant);
    let cx = rs.ctx(order, &f.expected, now);
    let reasons: Vec<Value> = rs.reason_names(&f).into_iter().map(Value::from).collect();
    let actions = rs
        .plan_actions(order, &f, &cx)
        .into_iter()
        .map(|p| p.kind.as_str().into())
        .collect();
    let needs = f
        .matched
        .iter()
        .filter_map(|&i| rs.rules.get(i))
        .any(|r| r.severity == crate::model::rules::SeverityLevel::ActionRequired);
    let deadline = |(kind, at): (&str, Timestamp)| {
        Value::Object(vec![
            ("kind".into(), kind.into()),
            ("at".into(), at.to_rfc3339().into()),
        ])
    };
    let all = rs.deadlines(order, &f, now);
    let due = all
        .iter()
        .filter(|(_, at)| *at <= now)
        .copied()
        .map(deadline)
        .collect();
    let upcoming = all
        .iter()
        .filter(|(_, at)| *at > now)
        .copied()
        .map(deadline)
        .collect();
    let line = Value::Object(vec![
        ("id".into(), order.id.as_str().into()),
        ("reasons".into(), Value::Array(reasons)),
        ("needs_seller".into(), Value::Bool(needs)),
        ("actions".into(), Value::Array(actions)),
        ("deadlines".into(), Value::Array(due)),
        ("upcoming".into(), Value::Array(upcoming)),
    ]);
    (line, needs)
}
