//! The rule set: compiled rules, their actions, audiences and deadlines,
//! as both layers see them. The compiler (`crate::compiler`) builds a
//! [`RuleSet`] from a rules document; the runtime reads one from compiled
//! bytes (`crate::runtime::bytes`) and runs it (`crate::runtime::explain`).

use super::diagnostic::Diagnostic;
use super::ir::Node;
use crate::calendar::Calendar;
use crate::messages::Catalog;
use crate::model::schema::Field;
use crate::model::settings::{RefundWindows, Settings};

pub use crate::model::limits::MAX_RULES;

/// The locale the built-in base carries: every rule set falls back to it.
pub const BASE_LOCALE: &str = "en";

/// The prefix of the messages of the merchant's view.
pub const MERCHANT_KEYS: &str = "merchant.";

/// Reason shown when no rule matches, so there is always a headline.
pub const FALLBACK_REASON: &str = "order_status";
/// The reason masked rules show as.
pub const MASKED_REASON: &str = "payment_declined";
/// The rule id masked rules show as.
pub const MASKED_RULE: &str = "payment-declined";

string_enum!(
    /// What a customer can do (SPEC §2.2).
    ActionKind {
        /// Pay again with the same method.
        RetryPayment = "retry_payment",
        /// Pay with another card or method.
        UpdatePaymentMethod = "update_payment_method",
        /// Cancel, after a confirmation that states the refund.
        CancelOrder = "cancel_order",
        /// Open `settings.support_url`.
        ContactSupport = "contact_support",
        /// Confirm the goods arrived.
        ConfirmReceipt = "confirm_receipt",
        /// Report not received / not as described.
        OpenDispute = "open_dispute",
        /// Open `shipment.tracking_url`.
        TrackShipment = "track_shipment",
        /// Pick a substitute for an out-of-stock item.
        ChooseAlternative = "choose_alternative",
        /// Nothing to do; shows until when.
        Wait = "wait",
        /// Open `settings.reorder_url` to place the order again.
        Reorder = "reorder",
        /// The seller confirms the order (SPEC §3.3).
        ConfirmOrder = "confirm_order",
        /// The seller checks the stock (and its sync with the shop system).
        CheckStock = "check_stock",
        /// The seller writes to or calls the buyer.
        ContactBuyer = "contact_buyer",
        /// The seller reminds the buyer to confirm receipt.
        RemindBuyer = "remind_buyer",
        /// The seller answers an open dispute.
        RespondToDispute = "respond_to_dispute",
        /// The seller sends the refund.
        IssueRefund = "issue_refund",
        /// The seller checks the payment with the payment provider.
        ContactPaymentProvider = "contact_payment_provider",
        /// The seller asks the platform's support (or arbitration) for help.
        ContactPlatform = "contact_platform",
    }
);

string_enum!(
    /// Whom a diagnosis speaks to (SPEC §3.3).
    Audience {
        /// The customer (the default).
        Buyer = "buyer",
        /// The shop's back office.
        Merchant = "merchant",
    }
);

string_enum!(
    /// Whom a rule speaks to (`"audience"` of a rule, SPEC §3.3).
    RuleAudience {
        /// Only the customer's view (the default).
        Buyer = "buyer",
        /// Only the merchant's view.
        Merchant = "merchant",
        /// Both views.
        Both = "both",
    }
);

impl RuleAudience {
    /// Whether a rule for this audience is matched in a view for `view`.
    pub fn speaks_to(self, view: Audience) -> bool {
        matches!(
            (self, view),
            (RuleAudience::Both, _)
                | (RuleAudience::Buyer, Audience::Buyer)
                | (RuleAudience::Merchant, Audience::Merchant)
        )
    }
}

impl Audience {
    /// The prefix of the message keys of this view: `""` for the buyer,
    /// `"merchant."` for the merchant.
    pub fn key_prefix(self) -> &'static str {
        match self {
            Audience::Buyer => "",
            Audience::Merchant => "merchant.",
        }
    }
}

string_enum!(
    /// How urgent a reason is.
    SeverityLevel {
        /// Nothing is wrong.
        Info = "info",
        /// Something is late or unusual.
        Warning = "warning",
        /// The customer must act.
        ActionRequired = "action_required",
    }
);

impl ActionKind {
    /// Whether the action asks for confirmation first.
    pub fn confirms(self) -> bool {
        matches!(
            self,
            ActionKind::CancelOrder | ActionKind::ConfirmReceipt | ActionKind::IssueRefund
        )
    }

    /// Which views may offer the action: the seller's actions (SPEC §3.3)
    /// only the merchant's, the links `contact_support` and `track_shipment`
    /// both, every other action only the buyer's.
    pub fn audience(self) -> RuleAudience {
        use ActionKind as A;
        match self {
            A::ContactSupport | A::TrackShipment => RuleAudience::Both,
            A::ConfirmOrder
            | A::CheckStock
            | A::ContactBuyer
            | A::RemindBuyer
            | A::RespondToDispute
            | A::IssueRefund
            | A::ContactPaymentProvider
            | A::ContactPlatform => RuleAudience::Merchant,
            _ => RuleAudience::Buyer,
        }
    }

    /// The seller's actions (SPEC §3.3), in the order the contract lists them.
    pub const MERCHANT: &'static [ActionKind] = &[
        ActionKind::ConfirmOrder,
        ActionKind::CheckStock,
        ActionKind::ContactBuyer,
        ActionKind::RemindBuyer,
        ActionKind::RespondToDispute,
        ActionKind::IssueRefund,
        ActionKind::ContactPaymentProvider,
        ActionKind::ContactPlatform,
    ];
}

/// A deadline a rule announces.
#[derive(Clone, Debug, PartialEq)]
pub struct DeadlineSpec {
    /// `auto_cancel`, `auto_confirm` or a merchant's kind.
    pub kind: String,
    /// A timestamp path.
    pub at: Node,
}

/// A compiled rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Unique id.
    pub id: String,
    /// The reason it contributes.
    pub reason: String,
    /// Severity.
    pub severity: SeverityLevel,
    /// Higher wins the headline.
    pub priority: i64,
    /// Offered actions, in order.
    pub actions: Vec<ActionKind>,
    /// The condition.
    pub when: Node,
    /// The condition as written.
    pub when_src: String,
    /// Fields the condition reads (for traces).
    pub fields: Vec<Field>,
    /// Shows as the generic `payment_declined` and hides the failure code.
    pub mask: bool,
    /// Deadlines it announces.
    pub deadlines: Vec<DeadlineSpec>,
    /// Until when `wait` applies.
    pub wait_until: Option<Node>,
    /// A calm status line: shown only when no other rule matches.
    pub fallback: bool,
    /// Whether the rule is a built-in one (possibly with merchant overrides).
    pub builtin: bool,
    /// Whom it speaks to (SPEC §3.3): matched only in views of that audience.
    pub audience: RuleAudience,
    /// The number of parts of `when` ([`limits::size`]): what evaluating it
    /// costs, for `valid_until`'s work budget.
    pub(crate) size: usize,
    /// Whether time passing can change whether `when` holds (a threshold
    /// is part of it, [`Node::timed`]); `valid_until` skips the rest.
    pub(crate) timed: bool,
}

impl Rule {
    /// Computes what is derived from the condition: its size and whether
    /// time can change it. Every rule built or changed goes through here.
    pub(crate) fn derive(&mut self) {
        self.size = crate::model::limits::size(&self.when);
        self.timed = self.when.timed();
    }
}

/// A loaded, checked and compiled rules document.
#[derive(Clone, Debug)]
pub struct RuleSet {
    /// Settings with defaults filled in.
    pub settings: Settings,
    /// Business calendar.
    pub calendar: Calendar,
    /// Refund windows.
    pub windows: RefundWindows,
    /// Rules in evaluation order (built-in first, then the merchant's).
    pub rules: Vec<Rule>,
    /// Messages.
    pub catalog: Catalog,
    /// 32-bit fingerprint of the document (for support codes).
    pub fingerprint: u32,
    /// Payment failure codes never shown to a customer: `fraud_suspected`
    /// and every code a rule with `"mask": true` tests for.
    pub masked_codes: Vec<String>,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
}

/// Why a merchant's view cannot be given.
pub const NO_MERCHANT_VIEW: &str =
    "these rules have the buyer's view only (rules-merchant.olr has both)";

/// Keys every locale needs whatever the rules are.
pub const ALWAYS_NEEDED: &[&str] = &[
    "reason.order_status.title",
    "reason.order_status.body",
    "timeline.refund_requested.label",
    "timeline.refund_approved.label",
    "timeline.refund_issued.label",
    "timeline.refund_arrived.label",
    "timeline.done",
    "timeline.expected",
    "timeline.window",
    "timeline.late",
    "action.contact_support.label",
    "merchant.reason.order_status.title",
    "merchant.reason.order_status.body",
    "merchant.widget.region",
];

impl RuleSet {
    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Whether these rules can give the merchant's view (SPEC §3.3): not
    /// when they are the buyer's side only (the runtime's built-in rules,
    /// rules compiled with `--audience buyer`), which lack its messages.
    pub fn has_merchant_view(&self) -> bool {
        self.catalog.get(BASE_LOCALE).is_some_and(|l| {
            l.messages
                .contains_key("merchant.reason.order_status.title")
        })
    }
}

/// FNV-1a, 32 bits.
pub const fn fnv1a(mut bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    // (A slice pattern, not an iterator: this is also evaluated at compile time.)
    while let [b, rest @ ..] = bytes {
        h ^= *b as u32;
        h = h.wrapping_mul(0x0100_0193);
        bytes = rest;
    }
    h
}
