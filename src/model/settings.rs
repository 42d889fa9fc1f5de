//! `settings` and `refund_windows` of a rule set (SPEC §2) and what a
//! condition reads of them. Their defaults are given once, in the built-in
//! rules document (`src/rules/defaults.json`). Reading them from a rules document
//! is the compiler's (`crate::compiler::settings`).

use super::ir::Const;
use crate::model::schema::{EnumTy, Ty};
use crate::order::{PaymentMethod, Status};
use crate::time::{Date, Duration, Weekday};

/// The merchant's settings, defaults filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// IANA time zone of the business calendar (and of displayed times).
    pub timezone: String,
    /// Weekend days.
    pub weekend: Vec<Weekday>,
    /// Holidays.
    pub holidays: Vec<Date>,
    /// Weekend days that are worked.
    pub extra_business_days: Vec<Date>,
    /// Unpaid orders are cancelled this long after creation.
    pub auto_cancel_unpaid_after: Duration,
    /// A payment may be pending this long before it counts as delayed.
    pub payment_processing_grace: Duration,
    /// The shop confirms a paid order within this.
    pub merchant_confirm_sla: Duration,
    /// Receipt is confirmed automatically this long after delivery.
    pub auto_confirm_receipt_after: Duration,
    /// A shipment without `expected_at` is late this long after `shipped_at`.
    pub delivery_late_after: Duration,
    /// The shop answers an open dispute within this of `dispute.opened_at`
    /// (the `dispute_response` deadline of the merchant's view).
    pub dispute_response_within: Duration,
    /// Where `contact_support` leads (http/https only).
    pub support_url: Option<String>,
    /// Where `reorder` leads (http/https only): a page to order again.
    pub reorder_url: Option<String>,
    /// `cancel_order` is offered only before the order reaches this status.
    pub cancel_allowed_until: Status,
    /// Once `payment.attempts` reaches this, no more retries are offered.
    pub max_payment_attempts: i64,
}

/// Every settings key.
pub const SETTING_KEYS: &[&str] = &[
    "timezone",
    "weekend",
    "holidays",
    "extra_business_days",
    "auto_cancel_unpaid_after",
    "payment_processing_grace",
    "merchant_confirm_sla",
    "auto_confirm_receipt_after",
    "delivery_late_after",
    "support_url",
    "reorder_url",
    "cancel_allowed_until",
    "max_payment_attempts",
    "dispute_response_within",
];

/// Most holidays (or extra business days) a document may list.
pub const MAX_DATES: usize = 2000;

impl Settings {
    /// Settings a condition can read as `settings.NAME`.
    pub const EXPR_NAMES: &'static [&'static str] = &[
        "timezone",
        "auto_cancel_unpaid_after",
        "payment_processing_grace",
        "merchant_confirm_sla",
        "auto_confirm_receipt_after",
        "delivery_late_after",
        "support_url",
        "reorder_url",
        "cancel_allowed_until",
        "max_payment_attempts",
        "dispute_response_within",
    ];

    /// The type and value of `settings.NAME` in a condition.
    pub fn lookup(&self, name: &str) -> Option<(Ty, Const)> {
        Some(match name {
            "timezone" => (Ty::Str, Const::Str(self.timezone.clone())),
            "auto_cancel_unpaid_after" => (Ty::Dur, Const::Dur(self.auto_cancel_unpaid_after)),
            "payment_processing_grace" => (Ty::Dur, Const::Dur(self.payment_processing_grace)),
            "merchant_confirm_sla" => (Ty::Dur, Const::Dur(self.merchant_confirm_sla)),
            "auto_confirm_receipt_after" => (Ty::Dur, Const::Dur(self.auto_confirm_receipt_after)),
            "delivery_late_after" => (Ty::Dur, Const::Dur(self.delivery_late_after)),
            "dispute_response_within" => (Ty::Dur, Const::Dur(self.dispute_response_within)),
            "support_url" => (
                Ty::Str,
                self.support_url.clone().map_or(Const::Null, Const::Str),
            ),
            "reorder_url" => (
                Ty::Str,
                self.reorder_url.clone().map_or(Const::Null, Const::Str),
            ),
            "cancel_allowed_until" => (
                Ty::Enum(EnumTy::Status),
                Const::Str(self.cancel_allowed_until.as_str().into()),
            ),
            "max_payment_attempts" => (Ty::Int, Const::Int(self.max_payment_attempts)),
            _ => return None,
        })
    }
}

/// Whether `s` is an absolute `http:` or `https:` URL with a host.
pub fn is_web_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        s.get(8..)
    } else if lower.starts_with("http://") {
        s.get(7..)
    } else {
        None
    };
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty()
                && s.len() <= 2048
                && !s.chars().any(|c| {
                    c.is_whitespace()
                        || c.is_control()
                        || c == '"'
                        || c == '<'
                        || c == '>'
                        || c == '`'
                })
        }
        None => false,
    }
}

/// How long a refund takes for one payment method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefundWindow {
    /// From request to approval.
    pub review: Duration,
    /// From issue to arrival: earliest and latest.
    pub arrive: (Duration, Duration),
}

/// The window of a method compiled rules do not list (rules documents
/// always list every method: the built-in document does, in
/// `src/rules/defaults.json`, the one place the default settings and windows
/// are given).
pub const UNLISTED_WINDOW: RefundWindow = RefundWindow {
    review: Duration::Business(1),
    arrive: (Duration::Business(5), Duration::Business(10)),
};

/// Refund windows for every payment method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundWindows(pub Vec<(PaymentMethod, RefundWindow)>);

impl RefundWindows {
    /// The window of a method.
    pub fn get(&self, m: PaymentMethod) -> RefundWindow {
        self.0
            .iter()
            .find(|(k, _)| *k == m)
            .map(|(_, w)| *w)
            .unwrap_or(UNLISTED_WINDOW)
    }
}
