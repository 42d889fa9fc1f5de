//! The order document (SPEC §1): a typed model read from JSON.
//!
//! Reading is strict where a wrong value would mislead a customer (an unknown
//! status, a timestamp that is not RFC 3339) and lenient where the commerce
//! APIs that produce orders differ (unknown keys are ignored, a missing
//! optional object is `null`, `id` may be a number). Every problem is
//! reported with the JSON path of the field, and all problems of a document
//! are reported at once.

use super::located::{self, Located};
use crate::json::{Number, Value};
use crate::time::{truncate, Timestamp};
use std::fmt;

/// Longest accepted text field, in bytes. Longer text is an error rather
/// than something a customer's screen has to lay out.
pub const MAX_TEXT: usize = 4096;
/// Most items an order may have.
pub const MAX_ITEMS: usize = 1000;
/// Largest amount of money, in minor units: 2^53 − 1, the largest integer
/// a JavaScript number holds exactly.
pub const MAX_AMOUNT: i64 = 9_007_199_254_740_991;

string_enum!(
    /// Where the order is in its life.
    Status {
        /// Created, not paid.
        PendingPayment = "pending_payment",
        /// Paid or being paid, not confirmed by the shop.
        Unconfirmed = "unconfirmed",
        /// Confirmed by the shop.
        Confirmed = "confirmed",
        /// Handed to the carrier.
        Shipped = "shipped",
        /// Delivered.
        Delivered = "delivered",
        /// Closed after delivery.
        Completed = "completed",
        /// Cancelled.
        Cancelled = "cancelled",
        /// Refunded.
        Refunded = "refunded",
    }
);

impl Status {
    /// Position in the forward life of an order; cancelled and refunded
    /// orders are past every stage.
    pub fn rank(self) -> u8 {
        match self {
            Status::PendingPayment => 0,
            Status::Unconfirmed => 1,
            Status::Confirmed => 2,
            Status::Shipped => 3,
            Status::Delivered => 4,
            Status::Completed => 5,
            Status::Cancelled | Status::Refunded => 6,
        }
    }
}

string_enum!(
    /// How the buyer pays.
    PaymentMethod {
        /// Card.
        Card = "card",
        /// Wallet.
        Wallet = "wallet",
        /// Bank transfer.
        BankTransfer = "bank_transfer",
        /// Cash on delivery.
        CashOnDelivery = "cash_on_delivery",
        /// Buy now, pay later.
        Bnpl = "bnpl",
        /// Anything else.
        Other = "other",
    }
);

string_enum!(
    /// The state of the payment.
    PaymentState {
        /// No payment yet.
        None = "none",
        /// Started.
        Pending = "pending",
        /// Being processed.
        Processing = "processing",
        /// Needs the buyer (3-D Secure and the like).
        RequiresAction = "requires_action",
        /// Failed.
        Failed = "failed",
        /// Paid.
        Succeeded = "succeeded",
        /// Refunded in full.
        Refunded = "refunded",
        /// Refunded in part.
        PartiallyRefunded = "partially_refunded",
    }
);

string_enum!(
    /// Who asked to cancel.
    CancelBy { /// The buyer.
        Buyer = "buyer", /// The seller.
        Seller = "seller", /// The platform.
        System = "system" }
);

string_enum!(
    /// Why the order is cancelled.
    CancelReason {
        /// Buyer changed their mind.
        BuyerChangedMind = "buyer_changed_mind",
        /// Wrong address, size or quantity.
        InputError = "input_error",
        /// Out of stock.
        OutOfStock = "out_of_stock",
        /// The price changed.
        PriceChanged = "price_changed",
        /// The seller cannot fulfil the order.
        CannotFulfill = "cannot_fulfill",
        /// Not paid in time.
        UnpaidTimeout = "unpaid_timeout",
        /// Anything else.
        Other = "other",
    }
);

string_enum!(
    /// Where a cancellation request stands.
    CancelState { /// Asked, not decided.
        Requested = "requested", /// Approved.
        Approved = "approved", /// Rejected.
        Rejected = "rejected" }
);

string_enum!(
    /// What a dispute is about.
    DisputeKind {
        /// Not received.
        NotReceived = "not_received",
        /// Not as described.
        NotAsDescribed = "not_as_described",
        /// Arrived damaged.
        Damaged = "damaged",
        /// Anything else.
        Other = "other",
    }
);

string_enum!(
    /// Where a dispute stands.
    DisputeState {
        /// Opened.
        Open = "open",
        /// The seller must answer.
        AwaitingSeller = "awaiting_seller",
        /// The buyer must answer.
        AwaitingBuyer = "awaiting_buyer",
        /// The platform decides.
        Escalated = "escalated",
        /// Closed.
        Resolved = "resolved",
    }
);

/// The payment failure codes SPEC names; any other string is allowed too.
pub const KNOWN_FAILURE_CODES: &[&str] = &[
    "card_declined",
    "insufficient_funds",
    "expired_card",
    "incorrect_cvc",
    "incorrect_number",
    "processing_error",
    "authentication_required",
    "do_not_honor",
    "fraud_suspected",
];

/// One order.
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    /// Order id as shown to the customer.
    pub id: String,
    /// Status.
    pub status: Status,
    /// When the order was placed.
    pub created_at: Timestamp,
    /// ISO 4217 code, upper case; `None` when the order did not say.
    pub currency: Option<String>,
    /// Total in minor units.
    pub total: Option<i64>,
    /// The payment.
    pub payment: Option<Payment>,
    /// Line items.
    pub items: Vec<Item>,
    /// The shipment.
    pub shipment: Option<Shipment>,
    /// When the buyer confirmed receipt.
    pub buyer_confirmed_at: Option<Timestamp>,
    /// A cancellation.
    pub cancellation: Option<Cancellation>,
    /// A refund.
    pub refund: Option<Refund>,
    /// A dispute.
    pub dispute: Option<Dispute>,
    /// What was read with a change: display texts shortened, a refund
    /// larger than the total cut to it. The diagnosis repeats them.
    pub warnings: Vec<FieldError>,
}

/// The payment of an order.
#[derive(Clone, Debug, PartialEq)]
pub struct Payment {
    /// Method (`other` when absent).
    pub method: PaymentMethod,
    /// State.
    pub state: PaymentState,
    /// Processor code of the last failure.
    pub failure_code: Option<String>,
    /// The issuer's reason behind a generic `card_declined` (Stripe's
    /// `decline_code`).
    pub decline_code: Option<String>,
    /// The processor's retry advice (Stripe's `advice_code`, Mastercard's
    /// Merchant Advice Code).
    pub advice_code: Option<String>,
    /// Attempts so far (0 when absent).
    pub attempts: i64,
    /// Last change.
    pub updated_at: Option<Timestamp>,
}

impl Payment {
    /// The payment with its codes as orderlens compares them: without the
    /// white space around them and in lower case (Shopify writes
    /// `FRAUD_SUSPECTED` and `PICK_UP_CARD` where Stripe writes
    /// `fraud_suspected` and `pickup_card`), a code of only white space as
    /// none. A masked or never-retry code is then recognised however it
    /// was written.
    pub fn with_canonical_codes(mut self) -> Payment {
        for code in [
            &mut self.failure_code,
            &mut self.decline_code,
            &mut self.advice_code,
        ] {
            *code = code.take().and_then(|s| {
                let c = s.trim().to_ascii_lowercase();
                match c.as_str() {
                    "" => None,
                    "pick_up_card" => Some("pickup_card".into()),
                    _ => Some(c),
                }
            });
        }
        self
    }
}

/// A line item.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Stock keeping unit.
    pub sku: Option<String>,
    /// Name shown to the buyer.
    pub name: Option<String>,
    /// Quantity (1 when absent).
    pub qty: i64,
    /// In stock (true when absent).
    pub in_stock: bool,
    /// When it is expected back.
    pub restock_at: Option<Timestamp>,
}

/// A shipment.
#[derive(Clone, Debug, PartialEq)]
pub struct Shipment {
    /// Carrier name.
    pub carrier: Option<String>,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// Tracking page.
    pub tracking_url: Option<String>,
    /// Handed over.
    pub shipped_at: Option<Timestamp>,
    /// Promised delivery.
    pub expected_at: Option<Timestamp>,
    /// Delivered.
    pub delivered_at: Option<Timestamp>,
}

/// A cancellation.
#[derive(Clone, Debug, PartialEq)]
pub struct Cancellation {
    /// Asked at.
    pub requested_at: Option<Timestamp>,
    /// Asked by (`buyer` when absent).
    pub by: CancelBy,
    /// Why (`other` when absent).
    pub reason: CancelReason,
    /// Where it stands (`requested` when absent).
    pub state: CancelState,
}

/// A refund.
#[derive(Clone, Debug, PartialEq)]
pub struct Refund {
    /// Amount in minor units (the order total when absent).
    pub amount: Option<i64>,
    /// Asked at.
    pub requested_at: Option<Timestamp>,
    /// Approved at.
    pub approved_at: Option<Timestamp>,
    /// Sent at.
    pub issued_at: Option<Timestamp>,
    /// Arrived at.
    pub completed_at: Option<Timestamp>,
    /// Method (the payment's method when absent).
    pub method: Option<PaymentMethod>,
}

/// A dispute.
#[derive(Clone, Debug, PartialEq)]
pub struct Dispute {
    /// Opened at.
    pub opened_at: Option<Timestamp>,
    /// About what (`other` when absent).
    pub kind: DisputeKind,
    /// Where it stands (`open` when absent).
    pub state: DisputeState,
}

/// One problem with one field of an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// JSON path of the field, e.g. `payment.updated_at` or `items[2].qty`.
    pub path: String,
    /// What is wrong, lowercase, user input in backticks.
    pub message: String,
    /// A suggestion, e.g. "did you mean `unconfirmed`?".
    pub help: Option<String>,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)?;
        } else {
            write!(f, "{}: {}", self.path, self.message)?;
        }
        if let Some(h) = &self.help {
            write!(f, "; {h}")?;
        }
        Ok(())
    }
}

/// Why an order could not be read: every problem found.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct OrderError {
    /// The problems, in document order.
    pub errors: Vec<FieldError>,
}

impl fmt::Display for OrderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors.len();
        for (i, e) in self.errors.iter().enumerate() {
            write!(f, "{e}")?;
            if i + 1 < n {
                f.write_str("\n")?;
            }
        }
        Ok(())
    }
}

impl Order {
    /// Parses an order from JSON text.
    pub fn from_json(text: &str) -> Result<Order, OrderError> {
        // Well-formed orders are read straight from the text; anything the
        // fast reader does not take (errors included) goes the general way,
        // so errors and edge cases read the same on both.
        #[cfg(any(feature = "render", not(target_arch = "wasm32")))]
        if let Some(order) = super::order_fast::read(text) {
            return Ok(order);
        }
        Order::from_json_tree(text)
    }

    /// [`Order::from_json`] through a parsed [`Value`] tree, without the fast
    /// reader (tests compare the two).
    #[doc(hidden)]
    pub fn from_json_tree(text: &str) -> Result<Order, OrderError> {
        let v = crate::json::parse(text).map_err(|e| OrderError {
            errors: vec![FieldError {
                path: String::new(),
                message: format!("invalid JSON at {}:{}: {}", e.line, e.column, e.message),
                help: None,
            }],
        })?;
        Order::from_value(&v)
    }

    /// Reads an order from a parsed JSON value.
    pub fn from_value(v: &Value) -> Result<Order, OrderError> {
        let mut r = Reader {
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        let order = r.order(v);
        match order {
            Some(mut o) if r.errors.is_empty() => {
                o.warnings = r.warnings;
                Ok(o)
            }
            _ => Err(OrderError { errors: r.errors }),
        }
    }
}

struct Reader {
    errors: Vec<FieldError>,
    warnings: Vec<FieldError>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Reader {
    fn err(&mut self, path: String, message: String, help: Option<String>) {
        self.report(Located {
            path,
            message,
            help,
        });
    }

    /// Records a located error of the document as a field's error (the
    /// first 100).
    fn report(&mut self, e: Located) {
        if self.errors.len() < 100 {
            self.errors.push(FieldError {
                path: e.path,
                message: e.message,
                help: e.help,
            });
        }
    }

    /// Records a required field that is absent, with the values it may
    /// take (`all`, when it is one of a list).
    fn missing(&mut self, path: &str, all: &[&str]) {
        let help = (!all.is_empty()).then(|| one_of(all));
        self.err(path.to_string(), "missing field".into(), help);
    }

    /// Records "expected `what`, found …" at `path`.
    fn expected(&mut self, path: &str, what: &str, got: &Value) {
        self.report(located::mismatch(path, what, got.type_name()));
    }

    /// The field's value, `None` when absent or null.
    fn field<'v>(&self, obj: &'v Value, key: &str) -> Option<&'v Value> {
        obj.get(key).filter(|v| !v.is_null())
    }

    fn text(&mut self, obj: &Value, path: &str, key: &str) -> Option<String> {
        let p = join(path, key);
        match self.field(obj, key)? {
            Value::String(s) if s.len() > MAX_TEXT => {
                self.err(
                    p,
                    format!("text is too long ({} bytes; at most {MAX_TEXT})", s.len()),
                    None,
                );
                None
            }
            Value::String(s) => Some(s.clone()),
            other => {
                self.expected(&p, "a string", other);
                None
            }
        }
    }

    /// Text shown to the buyer as it is (an item's name, a carrier): longer
    /// than [`MAX_TEXT`] it is shortened, with a warning, rather than costing
    /// the buyer the whole diagnosis.
    fn display_text(&mut self, obj: &Value, path: &str, key: &str) -> Option<String> {
        match self.field(obj, key) {
            Some(Value::String(s)) if s.len() > MAX_TEXT => {
                let mut cut = MAX_TEXT - '…'.len_utf8();
                while !s.is_char_boundary(cut) {
                    cut -= 1;
                }
                let mut short = s.get(..cut).unwrap_or_default().to_string();
                short.push('…');
                self.warnings.push(FieldError {
                    path: join(path, key),
                    message: format!(
                        "text is too long ({} bytes); shortened to {MAX_TEXT}",
                        s.len()
                    ),
                    help: None,
                });
                Some(short)
            }
            _ => self.text(obj, path, key),
        }
    }

    /// An amount of money in minor units: 0 to [`MAX_AMOUNT`].
    fn amount(&mut self, obj: &Value, path: &str, key: &str) -> Option<i64> {
        let n = self.int(obj, path, key)?;
        if (0..=MAX_AMOUNT).contains(&n) {
            Some(n)
        } else {
            self.err(
                join(path, key),
                format!("expected an amount of money between 0 and {MAX_AMOUNT} (minor units), found {n}"),
                None,
            );
            None
        }
    }

    fn int(&mut self, obj: &Value, path: &str, key: &str) -> Option<i64> {
        let p = join(path, key);
        match self.field(obj, key)? {
            Value::Number(Number::Int(i)) => Some(*i),
            // 2^53: every integer up to it is exact as a float.
            Value::Number(Number::Float(f))
                if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 =>
            {
                Some(*f as i64)
            }
            other => {
                self.expected(&p, "an integer", other);
                None
            }
        }
    }

    fn boolean(&mut self, obj: &Value, path: &str, key: &str) -> Option<bool> {
        let p = join(path, key);
        match self.field(obj, key)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.expected(&p, "true or false", other);
                None
            }
        }
    }

    fn ts(&mut self, obj: &Value, path: &str, key: &str) -> Option<Timestamp> {
        let p = join(path, key);
        match self.field(obj, key)? {
            Value::String(s) => match Timestamp::parse_rfc3339(s) {
                Ok(t) => Some(t),
                Err(e) => {
                    self.err(p, e.to_string(), None);
                    None
                }
            },
            other => {
                self.expected(&p, "an RFC 3339 timestamp string", other);
                None
            }
        }
    }

    /// One of `all`, as the static string (callers map it with `T::parse`;
    /// not generic, so the browser build has one copy of this, not eight).
    fn enumeration(
        &mut self,
        obj: &Value,
        path: &str,
        key: &str,
        all: &'static [&'static str],
    ) -> Option<&'static str> {
        let p = join(path, key);
        match self.field(obj, key)? {
            Value::String(s) => {
                let v = all.iter().copied().find(|a| a == s);
                if v.is_none() {
                    let near = if crate::SUGGESTIONS {
                        crate::suggest::nearest(s, all.iter().copied())
                            .map(crate::suggest::did_you_mean)
                    } else {
                        None
                    };
                    let help = near.or_else(|| Some(one_of(all)));
                    self.err(p, format!("unknown value '{}'", truncate(s)), help);
                }
                v
            }
            other => {
                self.expected(&p, "a string", other);
                None
            }
        }
    }

    fn object<'v>(&mut self, obj: &'v Value, path: &str, key: &str) -> Option<&'v Value> {
        match self.field(obj, key)? {
            v @ Value::Object(_) => Some(v),
            other => {
                self.expected(&join(path, key), "an object or null", other);
                None
            }
        }
    }

    fn order(&mut self, v: &Value) -> Option<Order> {
        if !matches!(v, Value::Object(_)) {
            self.expected("", "an order object", v);
            return None;
        }
        let id = self.id(v);
        let status = self.status(v);
        let created_at = self.created_at(v);
        let currency = self.currency(v);
        let total = self.amount(v, "", "total");
        let payment = self.object(v, "", "payment").map(|p| self.payment(p));
        let items = self.items(v);
        let shipment = self.object(v, "", "shipment").map(|s| self.shipment(s));
        let buyer_confirmed_at = self.ts(v, "", "buyer_confirmed_at");
        let cancellation = self
            .object(v, "", "cancellation")
            .map(|c| self.cancellation(c));
        let refund = self.object(v, "", "refund").map(|r| self.refund(r));
        let dispute = self.object(v, "", "dispute").map(|d| self.dispute(d));
        let refund = refund.map(|r| self.capped_refund(r, total));
        Some(Order {
            id: id?,
            status: status?,
            created_at: created_at?,
            currency,
            total,
            payment,
            items,
            shipment,
            buyer_confirmed_at,
            cancellation,
            refund,
            dispute,
            warnings: Vec::new(),
        })
    }

    /// `id`: a string, or a whole number written as one; required.
    fn id(&mut self, v: &Value) -> Option<String> {
        match self.field(v, "id") {
            Some(Value::Number(Number::Int(i))) => Some(i.to_string()),
            Some(_) => self.text(v, "", "id"),
            None => {
                self.missing("id", &[]);
                None
            }
        }
    }

    /// `status`: required.
    fn status(&mut self, v: &Value) -> Option<Status> {
        let status = self
            .enumeration(v, "", "status", Status::ALL)
            .and_then(Status::parse);
        if self.field(v, "status").is_none() {
            self.missing("status", Status::ALL);
        }
        status
    }

    /// `created_at`: required.
    fn created_at(&mut self, v: &Value) -> Option<Timestamp> {
        let created_at = self.ts(v, "", "created_at");
        if self.field(v, "created_at").is_none() {
            self.missing("created_at", &[]);
        }
        created_at
    }

    /// `currency`: an ISO 4217 code, upper-cased.
    fn currency(&mut self, v: &Value) -> Option<String> {
        self.text(v, "", "currency").and_then(|c| {
            let up = currency_code(&c);
            if up.is_none() {
                self.err(
                    "currency".into(),
                    format!(
                        "invalid currency '{}': expected an ISO 4217 code like 'CNY'",
                        truncate(&c)
                    ),
                    None,
                );
            }
            up
        })
    }

    fn cancellation(&mut self, c: &Value) -> Cancellation {
        Cancellation {
            requested_at: self.ts(c, "cancellation", "requested_at"),
            by: self
                .enumeration(c, "cancellation", "by", CancelBy::ALL)
                .and_then(CancelBy::parse)
                .unwrap_or(CancelBy::Buyer),
            reason: self
                .enumeration(c, "cancellation", "reason", CancelReason::ALL)
                .and_then(CancelReason::parse)
                .unwrap_or(CancelReason::Other),
            state: self
                .enumeration(c, "cancellation", "state", CancelState::ALL)
                .and_then(CancelState::parse)
                .unwrap_or(CancelState::Requested),
        }
    }

    fn refund(&mut self, r: &Value) -> Refund {
        Refund {
            amount: self.amount(r, "refund", "amount"),
            requested_at: self.ts(r, "refund", "requested_at"),
            approved_at: self.ts(r, "refund", "approved_at"),
            issued_at: self.ts(r, "refund", "issued_at"),
            completed_at: self.ts(r, "refund", "completed_at"),
            method: self
                .enumeration(r, "refund", "method", PaymentMethod::ALL)
                .and_then(PaymentMethod::parse),
        }
    }

    fn dispute(&mut self, d: &Value) -> Dispute {
        Dispute {
            opened_at: self.ts(d, "dispute", "opened_at"),
            kind: self
                .enumeration(d, "dispute", "kind", DisputeKind::ALL)
                .and_then(DisputeKind::parse)
                .unwrap_or(DisputeKind::Other),
            state: self
                .enumeration(d, "dispute", "state", DisputeState::ALL)
                .and_then(DisputeState::parse)
                .unwrap_or(DisputeState::Open),
        }
    }

    /// A refund is never shown larger than what was paid: cut to the
    /// total, with a warning.
    fn capped_refund(&mut self, mut r: Refund, total: Option<i64>) -> Refund {
        if let (Some(a), Some(t)) = (r.amount, total) {
            if a > t {
                self.warnings.push(FieldError {
                    path: "refund.amount".into(),
                    message: format!(
                        "the refund ({a}) is larger than the order total ({t}); the total is shown"
                    ),
                    help: None,
                });
                r.amount = Some(t);
            }
        }
        r
    }

    fn payment(&mut self, p: &Value) -> Payment {
        let state = self
            .enumeration(p, "payment", "state", PaymentState::ALL)
            .and_then(PaymentState::parse);
        if self.field(p, "state").is_none() {
            self.missing("payment.state", PaymentState::ALL);
        }
        let attempts = self.int(p, "payment", "attempts").unwrap_or(0);
        if attempts < 0 {
            self.err(
                "payment.attempts".into(),
                format!("expected a count of 0 or more, found {attempts}"),
                None,
            );
        }
        Payment {
            method: self
                .enumeration(p, "payment", "method", PaymentMethod::ALL)
                .and_then(PaymentMethod::parse)
                .unwrap_or(PaymentMethod::Other),
            state: state.unwrap_or(PaymentState::None),
            failure_code: self.text(p, "payment", "failure_code"),
            decline_code: self.text(p, "payment", "decline_code"),
            advice_code: self.text(p, "payment", "advice_code"),
            attempts,
            updated_at: self.ts(p, "payment", "updated_at"),
        }
        .with_canonical_codes()
    }

    fn items(&mut self, v: &Value) -> Vec<Item> {
        let arr = match self.field(v, "items") {
            None => return Vec::new(),
            Some(Value::Array(a)) => a,
            Some(other) => {
                self.expected("items", "an array", other);
                return Vec::new();
            }
        };
        if arr.len() > MAX_ITEMS {
            self.err(
                "items".into(),
                format!("too many items ({}; at most {MAX_ITEMS})", arr.len()),
                None,
            );
            return Vec::new();
        }
        let mut out = Vec::with_capacity(arr.len());
        for (i, it) in arr.iter().enumerate() {
            let path = format!("items[{i}]");
            if !matches!(it, Value::Object(_)) {
                self.expected(&path, "an item object", it);
                continue;
            }
            let qty = self.int(it, &path, "qty").unwrap_or(1);
            if qty < 0 {
                self.err(
                    join(&path, "qty"),
                    format!("expected a quantity of 0 or more, found {qty}"),
                    None,
                );
            }
            out.push(Item {
                sku: self.text(it, &path, "sku"),
                name: self.display_text(it, &path, "name"),
                qty,
                in_stock: self.boolean(it, &path, "in_stock").unwrap_or(true),
                restock_at: self.ts(it, &path, "restock_at"),
            });
        }
        out
    }

    fn shipment(&mut self, s: &Value) -> Shipment {
        Shipment {
            carrier: self.display_text(s, "shipment", "carrier"),
            tracking_number: self.text(s, "shipment", "tracking_number"),
            tracking_url: self.text(s, "shipment", "tracking_url"),
            shipped_at: self.ts(s, "shipment", "shipped_at"),
            expected_at: self.ts(s, "shipment", "expected_at"),
            delivered_at: self.ts(s, "shipment", "delivered_at"),
        }
    }
}

/// An ISO 4217 code as orders write it, upper-cased; `None` when it is not
/// three ASCII letters.
pub(crate) fn currency_code(c: &str) -> Option<String> {
    let up = c.to_ascii_uppercase();
    (up.len() == 3 && up.bytes().all(|b| b.is_ascii_uppercase())).then_some(up)
}

/// `expected one of 'a', 'b' or 'c'`
fn one_of(all: &[&str]) -> String {
    format!("expected one of {}", list(all))
}

/// `` `a`, `b` or `c` ``
pub(crate) fn list(all: &[&str]) -> String {
    let mut out = String::new();
    for (i, s) in all.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == all.len() { " or " } else { ", " });
        }
        out.push('\'');
        out.push_str(s);
        out.push('\'');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
      "id": "A-1001", "status": "unconfirmed", "created_at": "2026-11-21T09:58:00+08:00",
      "currency": "CNY", "total": 12900, "extra": {"ignored": true},
      "payment": {"method": "card", "state": "failed", "failure_code": "insufficient_funds",
                  "attempts": 1, "updated_at": "2026-11-21T10:00:00+08:00"},
      "items": [{"sku": "TEA-01", "name": "Oolong 250g", "qty": 2, "in_stock": true, "restock_at": null}],
      "shipment": null, "buyer_confirmed_at": null, "cancellation": null, "refund": null, "dispute": null
    }"#;

    #[test]
    fn reads_the_spec_example() {
        let o = Order::from_json(SAMPLE).unwrap();
        assert_eq!(o.status, Status::Unconfirmed);
        assert_eq!(
            o.payment.as_ref().unwrap().failure_code.as_deref(),
            Some("insufficient_funds")
        );
        assert_eq!(o.created_at.to_rfc3339(), "2026-11-21T01:58:00Z");
        assert_eq!(o.items.len(), 1);
    }

    #[test]
    fn names_the_field_of_every_error() {
        let bad = SAMPLE
            .replace("\"unconfirmed\"", "\"unconfirmd\"")
            .replace("2026-11-21T10:00:00+08:00", "2026-13-45T10:00:00+08:00")
            .replace("\"qty\": 2", "\"qty\": \"two\"");
        let e = Order::from_json(&bad).unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("status: unknown value 'unconfirmd'; did you mean 'unconfirmed'?"),
            "{s}"
        );
        assert!(
            s.contains("payment.updated_at: invalid timestamp '2026-13-45T10:00:00+08:00'"),
            "{s}"
        );
        assert!(
            s.contains("items[0].qty: expected an integer, found a string"),
            "{s}"
        );
        assert_eq!(e.errors.len(), 3);
    }
}
