//! The diagnosis (SPEC §3) as typed values.
//!
//! With the `serde` feature, every type here serializes to exactly the JSON
//! the npm package returns and `orderlens explain --json` prints (the same
//! keys in the same order, `warnings` only when there are any), and
//! deserializes from it.

use crate::json::Value;
use crate::model::rules::{ActionKind, SeverityLevel};
use crate::refund::StageState;
use crate::time::Timestamp;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// The diagnosis of one order at one time in one locale: what the customer
/// sees.
///
/// A front-end whose server explains receives the JSON and reads it back
/// into these values (feature `serde`):
///
/// ```
/// use orderlens::api::{Diagnosis, ExplainOptions, Rules};
///
/// # let rules = Rules::builtin()?;
/// # let order = r#"{"id": "A-1", "status": "pending_payment", "created_at": "2026-11-21T02:00:00Z"}"#;
/// # let options = ExplainOptions::at("2026-11-21T02:05:00Z")?;
/// // On the server: the JSON of SPEC §3.
/// let json: String = rules.explain_json(order, &options)?;
/// // In the front-end:
/// let d: Diagnosis = serde_json::from_str(&json).unwrap();
/// assert_eq!(d.headline.reason, "checkout_incomplete");
/// assert_eq!(serde_json::to_string(&d).unwrap(), json);
/// # Ok::<(), orderlens::api::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Diagnosis {
    /// The order's id.
    pub order_id: String,
    /// The locale the texts are in (negotiated: `zh-CN` for `zh-Hans-CN`).
    pub locale: String,
    /// The evaluation time.
    pub now: Timestamp,
    /// The most important reason (never missing: an order always has one).
    pub headline: Reason,
    /// Every reason, the headline first.
    pub reasons: Vec<Reason>,
    /// What the customer can do, the primary action first.
    pub actions: Vec<Action>,
    /// Upcoming deadlines, one per kind.
    pub deadlines: Vec<Deadline>,
    /// The refund timeline: four stages when there is a refund, else empty.
    pub timeline: Vec<TimelineStage>,
    /// The earliest moment the diagnosis changes because time passes (a
    /// front-end renders again then), or `None`.
    pub valid_until: Option<Timestamp>,
    /// Why each rule matched: the fields it read and their values (masked
    /// payment codes read `(masked)`).
    pub trace: Vec<Trace>,
    /// A code a customer can read out to support (`OL-…`);
    /// `orderlens decode` turns it back into the reasons.
    pub support_code: String,
    /// What was changed while reading the order (a long item name shortened,
    /// a refund cut to the total); in the JSON only when there are any.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub warnings: Vec<Warning>,
}

/// Why the order is where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Reason {
    /// The reason, e.g. `payment_declined` (built-in or a merchant's own).
    pub reason: String,
    /// The id of the rule that found it (empty for the calm status line
    /// shown when no rule matches).
    pub rule: String,
    /// How urgent it is.
    pub severity: SeverityLevel,
    /// Localized title (plain text, never HTML).
    pub title: String,
    /// Localized body (plain text).
    pub body: String,
    /// In the merchant's view: the reason names what buyers are never told
    /// (the real cause of a masked decline). In the JSON only when true.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "std::ops::Not::not")
    )]
    pub confidential: bool,
}

/// One thing the customer can do: a button, or a link when [`Action::url`]
/// is set.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Action {
    /// What it does.
    pub kind: ActionKind,
    /// Localized button label.
    pub label: String,
    /// The main action (the first one that is not `wait`).
    pub primary: bool,
    /// The confirmation step, for `cancel_order` and `confirm_receipt`.
    pub confirm: Option<Confirm>,
    /// The link of `contact_support`, `track_shipment` and `reorder`
    /// (`http:` or `https:` only).
    pub url: Option<String>,
    /// For `wait`: until when, if known.
    pub until: Option<Timestamp>,
}

/// The confirmation step of an action.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Confirm {
    /// The question.
    pub title: String,
    /// What happens (for `cancel_order`: the refund).
    pub body: String,
    /// The confirming button's label.
    pub confirm_label: String,
    /// The label of the button that backs out.
    pub cancel_label: String,
}

/// A deadline: something happens by itself at `at` unless the customer acts.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Deadline {
    /// `auto_cancel`, `auto_confirm` or a merchant's kind.
    pub kind: String,
    /// When.
    pub at: Timestamp,
    /// Localized label, with the time in it.
    pub label: String,
}

/// A stage of the refund timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RefundStage {
    /// The refund was asked for.
    RefundRequested,
    /// The shop approved it.
    RefundApproved,
    /// The shop sent the money.
    RefundIssued,
    /// The money arrived.
    RefundArrived,
}

impl RefundStage {
    /// Every stage, in order.
    pub const ALL: [RefundStage; 4] = [
        RefundStage::RefundRequested,
        RefundStage::RefundApproved,
        RefundStage::RefundIssued,
        RefundStage::RefundArrived,
    ];

    /// As written in the diagnosis: `refund_requested`, …
    pub fn as_str(self) -> &'static str {
        match self {
            RefundStage::RefundRequested => "refund_requested",
            RefundStage::RefundApproved => "refund_approved",
            RefundStage::RefundIssued => "refund_issued",
            RefundStage::RefundArrived => "refund_arrived",
        }
    }

    /// Parses a stage as written in the diagnosis.
    pub fn parse(s: &str) -> Option<RefundStage> {
        RefundStage::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// One stage of the refund timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TimelineStage {
    /// Which stage.
    pub stage: RefundStage,
    /// Done, current, upcoming, or overdue.
    pub state: StageState,
    /// When it happened, or is expected to.
    pub at: Option<Timestamp>,
    /// For the arrival: the start of the expected window.
    pub from: Option<Timestamp>,
    /// For the arrival: the end of the expected window.
    pub to: Option<Timestamp>,
    /// Localized label (past tense only once it happened).
    pub label: String,
    /// A second line: when it happened, when it is expected (the arrival
    /// window), or who is late.
    pub detail: String,
}

/// Why one rule matched.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Trace {
    /// The rule's id.
    pub rule: String,
    /// The order fields its condition read (`payment.state`), in the order
    /// it read them, with their values; a JSON object in the JSON form.
    #[cfg_attr(feature = "serde", serde(with = "super::serde_impls::fields"))]
    pub fields: Vec<(String, Value)>,
}

/// Something changed while reading the order.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Warning {
    /// The field's JSON path in the order, e.g. `items[0].name`.
    pub path: String,
    /// What was changed.
    pub message: String,
}

impl Diagnosis {
    /// The JSON text of SPEC §3: compact, keys in the documented order.
    /// The same as serializing with `serde_json::to_string` (for texts
    /// without control characters and U+2028/U+2029, which this writer
    /// escapes for old JavaScript engines).
    pub fn to_json(&self) -> String {
        crate::diagnosis::Diagnosis::from(self).to_json()
    }
}

impl From<crate::diagnosis::Reason> for Reason {
    fn from(r: crate::diagnosis::Reason) -> Reason {
        Reason {
            reason: r.reason,
            rule: r.rule,
            severity: r.severity,
            title: r.title,
            body: r.body,
            confidential: r.confidential,
        }
    }
}

impl From<&Reason> for crate::diagnosis::Reason {
    fn from(r: &Reason) -> crate::diagnosis::Reason {
        crate::diagnosis::Reason {
            reason: r.reason.clone(),
            rule: r.rule.clone(),
            severity: r.severity,
            title: r.title.clone(),
            body: r.body.clone(),
            confidential: r.confidential,
        }
    }
}

impl From<crate::diagnosis::Confirm> for Confirm {
    fn from(c: crate::diagnosis::Confirm) -> Confirm {
        Confirm {
            title: c.title,
            body: c.body,
            confirm_label: c.confirm_label,
            cancel_label: c.cancel_label,
        }
    }
}

impl From<&Confirm> for crate::diagnosis::Confirm {
    fn from(c: &Confirm) -> crate::diagnosis::Confirm {
        crate::diagnosis::Confirm {
            title: c.title.clone(),
            body: c.body.clone(),
            confirm_label: c.confirm_label.clone(),
            cancel_label: c.cancel_label.clone(),
        }
    }
}

impl From<crate::diagnosis::Diagnosis> for Diagnosis {
    fn from(d: crate::diagnosis::Diagnosis) -> Diagnosis {
        Diagnosis {
            order_id: d.order_id,
            locale: d.locale,
            now: d.now,
            headline: d.headline.into(),
            reasons: d.reasons.into_iter().map(Reason::from).collect(),
            actions: d
                .actions
                .into_iter()
                .map(|a| Action {
                    kind: a.kind,
                    label: a.label,
                    primary: a.primary,
                    confirm: a.confirm.map(Confirm::from),
                    url: a.url,
                    until: a.until,
                })
                .collect(),
            deadlines: d
                .deadlines
                .into_iter()
                .map(|x| Deadline {
                    kind: x.kind,
                    at: x.at,
                    label: x.label,
                })
                .collect(),
            // Every stage the engine writes is a `RefundStage`'s own text.
            timeline: d
                .timeline
                .into_iter()
                .filter_map(|s| {
                    Some(TimelineStage {
                        stage: RefundStage::parse(s.stage)?,
                        state: s.state,
                        at: s.at,
                        from: s.from,
                        to: s.to,
                        label: s.label,
                        detail: s.detail,
                    })
                })
                .collect(),
            valid_until: d.valid_until,
            trace: d
                .trace
                .into_iter()
                .map(|t| Trace {
                    rule: t.rule,
                    fields: t.fields,
                })
                .collect(),
            support_code: d.support_code,
            warnings: d
                .warnings
                .into_iter()
                .map(|w| Warning {
                    path: w.path,
                    message: w.message,
                })
                .collect(),
        }
    }
}

impl From<&Diagnosis> for crate::diagnosis::Diagnosis {
    fn from(d: &Diagnosis) -> crate::diagnosis::Diagnosis {
        crate::diagnosis::Diagnosis {
            order_id: d.order_id.clone(),
            locale: d.locale.clone(),
            now: d.now,
            headline: (&d.headline).into(),
            reasons: d.reasons.iter().map(Into::into).collect(),
            actions: d
                .actions
                .iter()
                .map(|a| crate::diagnosis::Action {
                    kind: a.kind,
                    label: a.label.clone(),
                    primary: a.primary,
                    confirm: a.confirm.as_ref().map(Into::into),
                    url: a.url.clone(),
                    until: a.until,
                })
                .collect(),
            deadlines: d
                .deadlines
                .iter()
                .map(|x| crate::diagnosis::Deadline {
                    kind: x.kind.clone(),
                    at: x.at,
                    label: x.label.clone(),
                })
                .collect(),
            timeline: d
                .timeline
                .iter()
                .map(|s| crate::diagnosis::TimelineStage {
                    stage: s.stage.as_str(),
                    state: s.state,
                    at: s.at,
                    from: s.from,
                    to: s.to,
                    label: s.label.clone(),
                    detail: s.detail.clone(),
                })
                .collect(),
            valid_until: d.valid_until,
            trace: d
                .trace
                .iter()
                .map(|t| crate::diagnosis::Trace {
                    rule: t.rule.clone(),
                    fields: t.fields.clone(),
                })
                .collect(),
            support_code: d.support_code.clone(),
            warnings: d
                .warnings
                .iter()
                .map(|w| crate::order::FieldError {
                    path: w.path.clone(),
                    message: w.message.clone(),
                    help: None,
                })
                .collect(),
        }
    }
}

/// The decision for an order without any text (SPEC §4.1 `evaluate`), for
/// servers and batches: exactly what the diagnosis at the same time says,
/// minus the words.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Decision {
    /// The order's id.
    pub order_id: String,
    /// Every matched rule's id, most important first (a masked rule as
    /// `payment-declined`).
    pub rules: Vec<String>,
    /// The reasons, most important first (`order_status` when no rule
    /// matched).
    pub reasons: Vec<String>,
    /// The actions, the primary one first.
    pub actions: Vec<ActionKind>,
    /// The upcoming deadlines.
    pub deadlines: Vec<DecisionDeadline>,
    /// When the decision changes by itself because time passes, if ever
    /// (the diagnosis's `valid_until` is the same or earlier: it also
    /// changes when only its wording does).
    pub valid_until: Option<Timestamp>,
}

/// A deadline of a [`Decision`]: its kind and time, without a label.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DecisionDeadline {
    /// `auto_cancel`, `auto_confirm` or a merchant's kind.
    pub kind: String,
    /// When.
    pub at: Timestamp,
}

impl Decision {
    /// The JSON text of SPEC §4.1 `evaluate`: compact, keys in the
    /// documented order; the same as serializing with serde.
    pub fn to_json(&self) -> String {
        crate::diagnosis::Decision::from(self).to_json()
    }
}

impl From<crate::diagnosis::Decision> for Decision {
    fn from(d: crate::diagnosis::Decision) -> Decision {
        Decision {
            order_id: d.order_id,
            rules: d.rules,
            reasons: d.reasons,
            // Every kind the engine writes is an `ActionKind`'s own text.
            actions: d.actions,
            deadlines: d
                .deadlines
                .into_iter()
                .map(|(kind, at)| DecisionDeadline { kind, at })
                .collect(),
            valid_until: d.valid_until,
        }
    }
}

impl From<&Decision> for crate::diagnosis::Decision {
    fn from(d: &Decision) -> crate::diagnosis::Decision {
        crate::diagnosis::Decision {
            order_id: d.order_id.clone(),
            rules: d.rules.clone(),
            reasons: d.reasons.clone(),
            actions: d.actions.clone(),
            deadlines: d.deadlines.iter().map(|x| (x.kind.clone(), x.at)).collect(),
            valid_until: d.valid_until,
        }
    }
}
