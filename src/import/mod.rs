//! Importers (SPEC §4.3): a platform's order payload → an order document.
//!
//! Shopify's Admin REST Order, WooCommerce's REST v3 order and Stripe's
//! PaymentIntent (with its refunds, dispute and the merchant's partial order)
//! become the order document of SPEC §1, as a [`Value`] that
//! [`Order::from_value`] reads like any other: rules and the widget never know
//! where an order came from. `orderlens import` prints that document, so a
//! merchant sees exactly what was read.
//!
//! Reading is strict: a value a mapping does not know (a new
//! `financial_status`, a status from a plug-in) is an error naming the field
//! and the value, never a silent guess. Errors use the order's error shape
//! ([`OrderError`]) with paths into the platform's payload
//! (`fulfillments[0].shipment_status`, `paymentIntent.last_payment_error`),
//! and every error of a payload is reported at once.
//!
//! Amounts become minor units by the currency's ISO 4217 exponent (JPY 0,
//! USD 2, KWD 3); a currency the table does not know is an error.
//!
//! Natively and in the full wasm build only: nothing of this is linked into
//! the browser runtime (`orderlens/runtime`).

mod shopify;
mod stripe;
mod woocommerce;

use crate::json::{Number, Value};
use crate::order::{list, FieldError, Order, OrderError};
use crate::time::{truncate, Timestamp};

/// The platforms orderlens imports orders from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// Shopify Admin REST `Order`.
    Shopify,
    /// WooCommerce REST API v3 order.
    WooCommerce,
    /// Stripe `{ paymentIntent, refunds, dispute, order }`.
    Stripe,
}

impl Platform {
    /// Every platform as `--from` names it.
    pub const ALL: &'static [&'static str] = &["shopify", "woocommerce", "stripe"];

    /// The platform of a `--from` value.
    pub fn parse(s: &str) -> Option<Platform> {
        match s {
            "shopify" => Some(Platform::Shopify),
            "woocommerce" => Some(Platform::WooCommerce),
            "stripe" => Some(Platform::Stripe),
            _ => None,
        }
    }

    /// The name as `--from` writes it.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Shopify => "shopify",
            Platform::WooCommerce => "woocommerce",
            Platform::Stripe => "stripe",
        }
    }

    /// What the payload is, for messages: "Shopify order".
    pub fn what(self) -> &'static str {
        match self {
            Platform::Shopify => "Shopify order",
            Platform::WooCommerce => "WooCommerce order",
            Platform::Stripe => "Stripe payment",
        }
    }
}

/// The order document of a platform's payload, checked: it is returned only
/// when [`Order::from_value`] reads it.
pub fn to_document(platform: Platform, payload: &Value) -> Result<Value, OrderError> {
    to_both(platform, payload).map(|(doc, _)| doc)
}

/// The order of a platform's payload.
pub fn to_order(platform: Platform, payload: &Value) -> Result<Order, OrderError> {
    to_both(platform, payload).map(|(_, order)| order)
}

/// The order of a platform's payload given as JSON text.
pub fn order_from_json(platform: Platform, text: &str) -> Result<Order, OrderError> {
    to_order(platform, &parse(text)?)
}

/// Parses a payload; a syntax error is located by line and column.
pub fn parse(text: &str) -> Result<Value, OrderError> {
    crate::json::parse(text).map_err(|e| OrderError {
        errors: vec![FieldError {
            path: String::new(),
            message: format!("invalid JSON at {}:{}: {}", e.line, e.column, e.message),
            help: None,
        }],
    })
}

fn to_both(platform: Platform, payload: &Value) -> Result<(Value, Order), OrderError> {
    let mut cx = Ctx::default();
    let doc = match platform {
        Platform::Shopify => shopify::import(&mut cx, payload),
        Platform::WooCommerce => woocommerce::import(&mut cx, payload),
        Platform::Stripe => stripe::import(&mut cx, payload),
    };
    if !cx.errors.is_empty() {
        return Err(OrderError { errors: cx.errors });
    }
    match Order::from_value(&doc) {
        Ok(order) => Ok((doc, order)),
        // A value the importer passed on as it was (a negative quantity) is
        // located at the platform's field; anything else only a merchant's
        // own partial order (Stripe) can hold: inside `order`.
        Err(mut e) => {
            for fe in &mut e.errors {
                if let Some((_, from)) = cx.origins.iter().find(|(d, _)| *d == fe.path) {
                    fe.path.clone_from(from);
                } else if platform == Platform::Stripe {
                    fe.path = join("order", &fe.path);
                }
            }
            Err(e)
        }
    }
}

// ---------------------------------------------------------------------------
// Reading platform payloads.

/// Most errors kept for one payload.
const MAX_ERRORS: usize = 100;

/// The errors of one payload, collected while it is read, and where the
/// document's fields came from.
#[derive(Default)]
pub(crate) struct Ctx {
    pub(crate) errors: Vec<FieldError>,
    /// (document path, payload path) of the values the order reader may
    /// refuse (an item's quantity, the total), so that its errors name the
    /// platform's field.
    origins: Vec<(String, String)>,
}

/// `path.key`, or `key` at the root.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else if key.is_empty() {
        path.to_string()
    } else {
        [path, ".", key].concat()
    }
}

/// `path[i]`.
pub(crate) fn index(path: &str, i: usize) -> String {
    [path, "[", &i.to_string(), "]"].concat()
}

impl Ctx {
    pub(crate) fn err(&mut self, path: String, message: String, help: Option<String>) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(FieldError {
                path,
                message,
                help,
            });
        }
    }

    /// Notes that the document's `doc` field was read from `from`.
    pub(crate) fn origin(&mut self, doc: String, from: String) {
        self.origins.push((doc, from));
    }

    /// Appends an item read at `path` (a line item) to `items`.
    pub(crate) fn item(
        &mut self,
        items: &mut Vec<Value>,
        path: &str,
        (sku, name, qty): (Option<&str>, Option<&str>, Option<i64>),
    ) {
        let at = index("items", items.len());
        for (field, key) in [("qty", "quantity"), ("name", "name"), ("sku", "sku")] {
            self.origin(join(&at, field), join(path, key));
        }
        items.push(item(sku, name, qty));
    }

    fn expected(&mut self, path: String, what: &str, got: &Value) {
        self.err(
            path,
            ["expected ", what, ", found ", got.type_name()].concat(),
            None,
        );
    }

    /// An error for a required field that is absent or null.
    pub(crate) fn missing(&mut self, path: &str, key: &str, help: Option<String>) {
        self.err(join(path, key), "missing field".into(), help);
    }

    /// `obj` itself when it is an object; else an error at `path`.
    pub(crate) fn root<'v>(&mut self, v: &'v Value, path: &str, what: &str) -> Option<&'v Value> {
        if matches!(v, Value::Object(_)) {
            Some(v)
        } else {
            self.expected(path.to_string(), what, v);
            None
        }
    }

    /// An object field (`None` when absent or null).
    pub(crate) fn object<'v>(
        &mut self,
        obj: &'v Value,
        path: &str,
        key: &str,
    ) -> Option<&'v Value> {
        match get(obj, key)? {
            v @ Value::Object(_) => Some(v),
            other => {
                self.expected(join(path, key), "an object", other);
                None
            }
        }
    }

    /// An array field (empty when absent or null).
    pub(crate) fn array<'v>(&mut self, obj: &'v Value, path: &str, key: &str) -> &'v [Value] {
        match get(obj, key) {
            None => &[],
            Some(Value::Array(a)) => a,
            Some(other) => {
                self.expected(join(path, key), "an array", other);
                &[]
            }
        }
    }

    /// A string field; an empty string counts as absent.
    pub(crate) fn text<'v>(&mut self, obj: &'v Value, path: &str, key: &str) -> Option<&'v str> {
        match get(obj, key)? {
            Value::String(s) if s.is_empty() => None,
            Value::String(s) => Some(s),
            other => {
                self.expected(join(path, key), "a string", other);
                None
            }
        }
    }

    /// An id: a string, or an integer written as its decimal text.
    pub(crate) fn id(&mut self, obj: &Value, path: &str, key: &str) -> Option<String> {
        match get(obj, key)? {
            Value::Number(Number::Int(i)) => Some(i.to_string()),
            _ => self.text(obj, path, key).map(str::to_string),
        }
    }

    /// A boolean field.
    pub(crate) fn boolean(&mut self, obj: &Value, path: &str, key: &str) -> Option<bool> {
        match get(obj, key)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.expected(join(path, key), "true or false", other);
                None
            }
        }
    }

    /// An integer field.
    pub(crate) fn int(&mut self, obj: &Value, path: &str, key: &str) -> Option<i64> {
        match get(obj, key)? {
            Value::Number(Number::Int(i)) => Some(*i),
            // `2.0` (PHP and Python write whole numbers so): what
            // `JSON.stringify` gives the npm importers as `2`.
            Value::Number(Number::Float(f))
                if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 =>
            {
                Some(*f as i64)
            }
            other => {
                self.expected(join(path, key), "an integer", other);
                None
            }
        }
    }

    /// One of `all`: an unknown value is an error naming the field and the
    /// value, with the nearest known value or the whole list.
    pub(crate) fn choice(
        &mut self,
        obj: &Value,
        path: &str,
        key: &str,
        all: &'static [&'static str],
    ) -> Option<&'static str> {
        let s = self.text(obj, path, key)?;
        let found = all.iter().copied().find(|a| *a == s);
        if found.is_none() {
            self.unknown(join(path, key), s, all);
        }
        found
    }

    /// [`Ctx::choice`] of a field the payload must have: an empty string
    /// there is a value nobody knows, not an absent field (which an
    /// optional field's empty string is).
    pub(crate) fn required_choice(
        &mut self,
        obj: &Value,
        path: &str,
        key: &str,
        all: &'static [&'static str],
    ) -> Option<&'static str> {
        if is_empty_text(obj, key) {
            self.unknown(join(path, key), "", all);
            return None;
        }
        self.choice(obj, path, key, all)
    }

    /// "unknown value 's'" with "did you mean …?" or "expected one of …".
    pub(crate) fn unknown(&mut self, path: String, s: &str, all: &'static [&'static str]) {
        let help = crate::suggest::nearest(s, all.iter().copied())
            .map(crate::suggest::did_you_mean)
            .unwrap_or_else(|| one_of(all));
        self.err(
            path,
            ["unknown value '", &truncate(s), "'"].concat(),
            Some(help),
        );
    }

    /// An RFC 3339 timestamp with an offset.
    pub(crate) fn timestamp(&mut self, obj: &Value, path: &str, key: &str) -> Option<Timestamp> {
        let s = self.text(obj, path, key)?;
        match Timestamp::parse_rfc3339(s) {
            Ok(t) => Some(t),
            Err(e) => {
                self.err(join(path, key), e.to_string(), None);
                None
            }
        }
    }

    /// Seconds since the Unix epoch (Stripe's timestamps).
    pub(crate) fn unix(&mut self, obj: &Value, path: &str, key: &str) -> Option<Timestamp> {
        let secs = self.int(obj, path, key)?;
        let t = secs.checked_mul(1000).and_then(Timestamp::from_millis);
        if t.is_none() {
            self.err(
                join(path, key),
                [
                    "invalid timestamp ",
                    &secs.to_string(),
                    ": expected seconds since 1970 in years 1 to 9999",
                ]
                .concat(),
                None,
            );
        }
        t
    }

    /// A three-letter currency code the exponent table knows, upper case,
    /// with its exponent.
    pub(crate) fn currency(&mut self, obj: &Value, path: &str, key: &str) -> Option<Currency> {
        self.currency_of(obj, path, key, false)
    }

    /// [`Ctx::currency`] of a field the payload must have: an empty string
    /// is an unknown currency, not an absent one.
    pub(crate) fn required_currency(
        &mut self,
        obj: &Value,
        path: &str,
        key: &str,
    ) -> Option<Currency> {
        self.currency_of(obj, path, key, true)
    }

    fn currency_of(
        &mut self,
        obj: &Value,
        path: &str,
        key: &str,
        required: bool,
    ) -> Option<Currency> {
        let s = match get(obj, key) {
            Some(Value::String(s)) if s.is_empty() && required => "",
            _ => self.text(obj, path, key)?,
        };
        let c = currency(s);
        if c.is_none() {
            self.err(
                join(path, key),
                ["unknown currency '", &truncate(s), "'"].concat(),
                Some("expected an ISO 4217 code such as 'USD', 'EUR' or 'JPY'".into()),
            );
        }
        c
    }

    /// An amount in `cur`, as a decimal string (`"598.94"`) or a JSON number,
    /// in minor units.
    pub(crate) fn money(
        &mut self,
        obj: &Value,
        path: &str,
        key: &str,
        cur: &Currency,
    ) -> Option<i64> {
        let v = get(obj, key)?;
        let minor = match v {
            Value::String(s) => decimal(s, cur.exp),
            Value::Number(Number::Int(i)) => i.checked_mul(pow10(cur.exp)),
            Value::Number(Number::Float(f)) => float_minor(*f, cur.exp),
            other => {
                self.expected(join(path, key), "an amount", other);
                return None;
            }
        };
        if minor.is_none() {
            let shown = match v {
                Value::String(s) => truncate(s),
                other => other.to_json(),
            };
            let like = ["1500", "12.5", "12.50", "12.500"];
            let like = like.get(usize::from(cur.exp)).copied().unwrap_or("12.50");
            let help = [
                "expected a number in ",
                &cur.code,
                " with at most ",
                ["0", "1", "2", "3"]
                    .get(usize::from(cur.exp))
                    .copied()
                    .unwrap_or("2"),
                " decimals, like '",
                like,
                "'",
            ];
            self.err(
                join(path, key),
                ["invalid amount '", &shown, "' in ", &cur.code].concat(),
                Some(help.concat()),
            );
        }
        minor
    }
}

/// "expected one of 'a', 'b' or 'c'".
pub(crate) fn one_of(all: &[&str]) -> String {
    ["expected one of ", &list(all)].concat()
}

/// A currency that is not the order's.
pub(crate) fn differs(cx: &mut Ctx, path: String, got: &str, want: &Currency, whose: &str) {
    cx.err(
        path,
        [
            "currency '",
            &truncate(got),
            "' differs from ",
            whose,
            " '",
            &want.code,
            "'",
        ]
        .concat(),
        None,
    );
}

/// The field's value, `None` when absent or null.
pub(crate) fn get<'v>(obj: &'v Value, key: &str) -> Option<&'v Value> {
    obj.get(key).filter(|v| !v.is_null())
}

// ---------------------------------------------------------------------------
// Money.

/// A currency and its ISO 4217 exponent (digits after the decimal point).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Currency {
    /// Upper-case code.
    pub(crate) code: String,
    /// Minor-unit digits: 0 (JPY), 2 (USD), 3 (KWD), 4 (CLF).
    pub(crate) exp: u8,
}

/// Currencies with an exponent other than 2 (ISO 4217).
const EXPONENTS: &[(&str, u8)] = &[
    ("BIF", 0),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("ISK", 0),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("PYG", 0),
    ("RWF", 0),
    ("UGX", 0),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
    ("BHD", 3),
    ("IQD", 3),
    ("JOD", 3),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("TND", 3),
];

/// Every other known code (exponent 2): ISO 4217's current list, plus the
/// replaced codes platforms still send (HRK, MRO, SLL, STD, VEF, ZWL).
/// Fund codes with other exponents (CLF, UYI, UYW) are left out: they are
/// not shown correctly, so they are refused.
const TWO_DECIMALS: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL \
BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD \
FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP \
LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRO MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB \
PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STD STN SVC SYP SZL \
THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VEF VES WST XCD XCG YER ZAR ZMW ZWG ZWL";

/// The currency of a code in any case (`usd`, `USD`), if the table knows it.
pub(crate) fn currency(code: &str) -> Option<Currency> {
    let up = code.to_ascii_uppercase();
    if up.len() != 3 || !up.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let exp = match EXPONENTS.iter().find(|(c, _)| *c == up) {
        Some((_, e)) => *e,
        None if TWO_DECIMALS
            .as_bytes()
            .chunks(4)
            .any(|c| c.starts_with(up.as_bytes())) =>
        {
            2
        }
        None => return None,
    };
    Some(Currency { code: up, exp })
}

fn pow10(exp: u8) -> i64 {
    10i64.pow(u32::from(exp))
}

/// `"598.94"` (or `"-10.00"`, `"1500"`, `"12.5"`) with `exp` decimals → minor
/// units; `None` for anything else, more significant decimals than the
/// currency has, or overflow. Trailing zero decimals beyond `exp` are fine
/// (`"1500.00"` yen).
pub(crate) fn decimal(s: &str, exp: u8) -> Option<i64> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) if !f.is_empty() => (i, f),
        Some(_) => return None,
        None => (digits, ""),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut n: i64 = 0;
    for b in int.bytes() {
        n = n.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    let mut fb = frac.bytes();
    for _ in 0..exp {
        let d = fb.next().map_or(0, |b| i64::from(b - b'0'));
        n = n.checked_mul(10)?.checked_add(d)?;
    }
    if fb.any(|b| b != b'0') {
        return None;
    }
    Some(if neg { -n } else { n })
}

/// A JSON number of major units (`12` or `12.5`) → minor units, when it is a
/// whole number of minor units.
fn float_minor(f: f64, exp: u8) -> Option<i64> {
    let scaled = f * 10f64.powi(i32::from(exp));
    let rounded = scaled.round();
    if !rounded.is_finite() || rounded.abs() >= 9.0e15 || (scaled - rounded).abs() > 1e-6 {
        return None;
    }
    Some(rounded as i64)
}

// ---------------------------------------------------------------------------
// Writing the order document.

/// An object under construction, keys in insertion order; absent values are
/// left out.
#[derive(Default)]
pub(crate) struct Doc(pub(crate) Vec<(String, Value)>);

impl Doc {
    pub(crate) fn set(&mut self, key: &str, v: Value) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = v,
            None => self.0.push((key.to_string(), v)),
        }
    }

    pub(crate) fn str(&mut self, key: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.set(key, Value::String(v.to_string()));
        }
    }

    pub(crate) fn int(&mut self, key: &str, v: Option<i64>) {
        if let Some(v) = v {
            self.set(key, Value::from(v));
        }
    }

    pub(crate) fn ts(&mut self, key: &str, v: Option<Timestamp>) {
        if let Some(t) = v {
            self.set(key, Value::String(t.to_rfc3339()));
        }
    }

    pub(crate) fn obj(&mut self, key: &str, v: Option<Doc>) {
        self.set(key, v.map_or(Value::Null, Doc::value));
    }

    pub(crate) fn value(self) -> Value {
        Value::Object(self.0)
    }
}

/// Whether `obj[key]` is the empty string.
pub(crate) fn is_empty_text(obj: &Value, key: &str) -> bool {
    matches!(get(obj, key), Some(Value::String(s)) if s.is_empty())
}

/// The parts of an order document an importer found.
#[derive(Default)]
pub(crate) struct Parts {
    pub(crate) id: Option<String>,
    pub(crate) status: Option<&'static str>,
    pub(crate) created_at: Option<Timestamp>,
    pub(crate) currency: Option<Currency>,
    pub(crate) total: Option<i64>,
    pub(crate) payment: Option<Doc>,
    pub(crate) items: Vec<Value>,
    pub(crate) shipment: Option<Doc>,
    pub(crate) cancellation: Option<Doc>,
    pub(crate) refund: Option<Doc>,
    pub(crate) dispute: Option<Doc>,
}

impl Parts {
    /// The order document, keys in SPEC §1 order.
    pub(crate) fn doc(self) -> Doc {
        let mut d = Doc::default();
        d.str("id", self.id.as_deref());
        d.str("status", self.status);
        d.ts("created_at", self.created_at);
        d.str("currency", self.currency.as_ref().map(|c| c.code.as_str()));
        d.int("total", self.total);
        d.obj("payment", self.payment);
        d.set("items", Value::Array(self.items));
        d.obj("shipment", self.shipment);
        d.set("buyer_confirmed_at", Value::Null);
        d.obj("cancellation", self.cancellation);
        d.obj("refund", self.refund);
        d.obj("dispute", self.dispute);
        d
    }
}

/// Sets a payment's `state`; a failed one was tried at least once, so that
/// its retry reads "Try again", not "Pay now" (a merchant's own count, when
/// the importer merges one, wins).
pub(crate) fn set_payment_state(pay: &mut Doc, state: &str) {
    pay.str("state", Some(state));
    if state == "failed" {
        pay.int("attempts", Some(1));
    }
}

/// One item of the document.
fn item(sku: Option<&str>, name: Option<&str>, qty: Option<i64>) -> Value {
    let mut d = Doc::default();
    d.str("sku", sku);
    d.str("name", name);
    d.int("qty", qty);
    d.value()
}

/// A cancellation that happened (`state: approved`).
pub(crate) fn cancellation(at: Option<Timestamp>, by: &str, reason: &str) -> Doc {
    let mut d = Doc::default();
    d.ts("requested_at", at);
    d.str("by", Some(by));
    d.str("reason", Some(reason));
    d.str("state", Some("approved"));
    d
}

/// The platform's refunds summed into the document's one `refund`: the
/// amounts added up, asked for (and approved: a shop's refund is its own
/// decision) when the first was created, issued when the last was sent, if
/// every one was.
#[derive(Default)]
pub(crate) struct Refunds {
    amount: i64,
    count: usize,
    first: Option<Timestamp>,
    last_issued: Option<Timestamp>,
    all_issued: bool,
}

impl Refunds {
    pub(crate) fn add(
        &mut self,
        amount: i64,
        created: Option<Timestamp>,
        issued: Option<Timestamp>,
    ) {
        if self.count == 0 {
            self.all_issued = true;
        }
        self.count += 1;
        self.amount = self.amount.saturating_add(amount);
        self.first = match (self.first, created) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match issued {
            Some(t) => self.last_issued = Some(self.last_issued.map_or(t, |l| l.max(t))),
            None => self.all_issued = false,
        }
    }

    pub(crate) fn doc(self) -> Option<Doc> {
        if self.count == 0 {
            return None;
        }
        let mut d = Doc::default();
        d.int("amount", Some(self.amount));
        d.ts("requested_at", self.first);
        d.ts("approved_at", self.first);
        d.ts("issued_at", self.last_issued.filter(|_| self.all_issued));
        Some(d)
    }
}

/// The payment method of a gateway or payment method name (Shopify's
/// `gateway` / `payment_gateway_names`, WooCommerce's `payment_method`,
/// Stripe's payment method type). Gateway names are free text (manual
/// methods are named by the shop), so a name none of these words matches is
/// the document's own catch-all `other`, not an error.
pub(crate) fn method_of(name: &str) -> &'static str {
    const WORDS: &[(&str, &str)] = &[
        ("cash on delivery", "cash_on_delivery"),
        ("cash_on_delivery", "cash_on_delivery"),
        ("(cod)", "cash_on_delivery"),
        ("klarna", "bnpl"),
        ("afterpay", "bnpl"),
        ("clearpay", "bnpl"),
        ("affirm", "bnpl"),
        ("sezzle", "bnpl"),
        ("zip", "bnpl"),
        ("installments", "bnpl"),
        ("alma", "bnpl"),
        ("gift", "other"),
        ("paypal", "wallet"),
        ("ppcp", "wallet"),
        ("apple", "wallet"),
        ("google", "wallet"),
        ("shop_pay", "wallet"),
        ("shop pay", "wallet"),
        ("amazon", "wallet"),
        ("alipay", "wallet"),
        ("wechat", "wallet"),
        ("link", "wallet"),
        ("cashapp", "wallet"),
        ("revolut", "wallet"),
        ("bank", "bank_transfer"),
        ("bacs", "bank_transfer"),
        ("sepa", "bank_transfer"),
        ("wire", "bank_transfer"),
        ("_debit", "bank_transfer"),
        ("us_bank_account", "bank_transfer"),
        ("ideal", "bank_transfer"),
        ("sofort", "bank_transfer"),
        ("money order", "bank_transfer"),
        ("card", "card"),
        ("stripe", "card"),
        ("shopify_payments", "card"),
        ("woocommerce_payments", "card"),
        ("braintree", "card"),
        ("authorize", "card"),
        ("adyen", "card"),
        ("square", "card"),
        ("checkout", "card"),
        ("bogus", "card"),
        ("visa", "card"),
        ("mastercard", "card"),
        ("amex", "card"),
    ];
    let lower = name.to_ascii_lowercase();
    if lower == "cod" || lower == "cash" {
        return "cash_on_delivery";
    }
    // A plain byte search (str::contains brings a larger searcher).
    let has = |w: &str| lower.as_bytes().windows(w.len()).any(|x| x == w.as_bytes());
    WORDS
        .iter()
        .find(|(w, _)| has(w))
        .map_or("other", |(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_follow_the_currency_exponent() {
        let jpy = currency("jpy").unwrap();
        let usd = currency("USD").unwrap();
        let kwd = currency("KWD").unwrap();
        assert_eq!((jpy.exp, usd.exp, kwd.exp), (0, 2, 3));
        assert_eq!(decimal("1500", jpy.exp), Some(1500));
        assert_eq!(decimal("1500.00", jpy.exp), Some(1500));
        assert_eq!(decimal("1500.5", jpy.exp), None);
        assert_eq!(decimal("598.94", usd.exp), Some(59894));
        assert_eq!(decimal("12.5", usd.exp), Some(1250));
        assert_eq!(decimal("-10.00", usd.exp), Some(-1000));
        assert_eq!(decimal("1.234", kwd.exp), Some(1234));
        assert_eq!(decimal("1.2345", kwd.exp), None);
        for bad in [
            "",
            ".5",
            "1.",
            "1,50",
            "1e3",
            "+1",
            " 1",
            "--1",
            "99999999999999999999",
        ] {
            assert_eq!(decimal(bad, 2), None, "{bad:?}");
        }
        assert_eq!(float_minor(12.0, 2), Some(1200));
        assert_eq!(float_minor(0.1 + 0.2, 2), Some(30));
        assert_eq!(float_minor(1.005, 2), None);
        assert_eq!(float_minor(f64::NAN, 2), None);
        assert!(currency("XBT").is_none());
        assert!(currency("US").is_none());
        assert!(currency("BTC").is_none());
        assert_eq!(currency("eur").unwrap().code, "EUR");
    }

    #[test]
    fn the_table_agrees_with_how_amounts_are_shown() {
        let shown = |c: &str| crate::messages::locale::minor_digits(c);
        for code in TWO_DECIMALS.split(' ') {
            assert_eq!(currency(code).map(|c| c.exp), Some(2), "{code}");
            assert_eq!(shown(code), 2, "{code}");
        }
        for (code, exp) in EXPONENTS {
            assert_eq!(currency(code).map(|c| c.exp), Some(*exp), "{code}");
            assert_eq!(shown(code), u32::from(*exp), "{code}");
            assert!(!TWO_DECIMALS.contains(code), "{code} twice");
        }
    }

    #[test]
    fn payment_methods_from_gateway_names() {
        for (name, m) in [
            ("shopify_payments", "card"),
            ("bogus", "card"),
            ("Cash on Delivery (COD)", "cash_on_delivery"),
            ("cod", "cash_on_delivery"),
            ("bacs", "bank_transfer"),
            ("Bank Deposit", "bank_transfer"),
            ("gift", "other"),
            ("paypal", "wallet"),
            ("ppcp", "wallet"),
            ("ppcp-gateway", "wallet"),
            ("sepa_debit", "bank_transfer"),
            ("stripe_klarna", "bnpl"),
            ("cheque", "other"),
            ("gift_card", "other"),
        ] {
            assert_eq!(method_of(name), m, "{name}");
        }
    }
}
