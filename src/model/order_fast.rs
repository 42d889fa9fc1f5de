//! The order reader's fast path: an order read straight from JSON text into
//! [`Order`], without a [`crate::json::Value`] tree and without allocating
//! for what it skips (unknown keys, `null`s).
//!
//! It takes only what [`Order::from_json_tree`] takes, and reads it the same
//! way: the same JSON grammar and limits, the same fields, defaults and
//! checks (the same enum, timestamp, integer and currency functions). For
//! anything else — invalid JSON, a wrong type or value, a duplicate key of
//! a field it reads, a number that is not a plain integer, a text that would
//! be shortened or any other warning — it returns `None`, and
//! [`Order::from_json`] reads the document the general way, which reports
//! the located errors. `tests/order_fast.rs` holds the two equal.

use super::order::{
    currency_code, CancelBy, CancelReason, CancelState, Cancellation, Dispute, DisputeKind,
    DisputeState, Item, Order, Payment, PaymentMethod, PaymentState, Refund, Shipment, Status,
    MAX_AMOUNT, MAX_ITEMS, MAX_TEXT,
};
use super::time::Timestamp;
use crate::json::{MAX_BYTES, MAX_DEPTH};
use std::borrow::Cow;

/// The order in `text`, or `None` when the general reader must decide.
pub fn read(text: &str) -> Option<Order> {
    if text.len() > MAX_BYTES {
        return None;
    }
    let mut c = Cursor { text, i: 0 };
    // A UTF-8 byte order mark is tolerated, as by `json::parse`.
    if text.starts_with('\u{feff}') {
        c.i = 3;
    }
    c.ws();
    let order = c.order()?;
    c.ws();
    (c.i == text.len()).then_some(order)
}

/// Marks field `bit` of an object as read; `None` when it was already
/// (the general reader takes the last of duplicate keys; left to it).
fn once(seen: &mut u32, bit: u32) -> Option<()> {
    let b = 1u32 << bit;
    if *seen & b != 0 {
        return None;
    }
    *seen |= b;
    Some(())
}

/// The bytes that end a string's plain run: `"`, `\\` and control
/// characters. (Indexing at compile time: out of bounds would not compile.)
#[allow(clippy::indexing_slicing)]
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// The members of an order object read so far, and which (`seen`).
#[derive(Default)]
struct OrderFields {
    seen: u32,
    id: Option<String>,
    status: Option<Status>,
    created_at: Option<Timestamp>,
    currency: Option<String>,
    total: Option<i64>,
    payment: Option<Payment>,
    items: Vec<Item>,
    shipment: Option<Shipment>,
    buyer_confirmed_at: Option<Timestamp>,
    cancellation: Option<Cancellation>,
    refund: Option<Refund>,
    dispute: Option<Dispute>,
}

struct Cursor<'a> {
    text: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.i += 1)
    }

    fn word(&mut self, w: &str) -> Option<()> {
        let end = self.i.checked_add(w.len())?;
        if self.text.as_bytes().get(self.i..end)? == w.as_bytes() {
            self.i = end;
            Some(())
        } else {
            None
        }
    }

    /// `null` (consumed: true) or something else (left: false).
    fn null(&mut self) -> Option<bool> {
        if self.peek() == Some(b'n') {
            self.word("null")?;
            Some(true)
        } else {
            Some(false)
        }
    }

    /// The members of an object, `f` reading each value after its key
    /// (`depth`: the object's own nesting level).
    fn object(
        &mut self,
        depth: usize,
        mut f: impl FnMut(&mut Self, &str) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        self.ws();
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            self.ws();
            let key = self.string()?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            match self.peek()? {
                b'{' | b'[' if depth >= MAX_DEPTH => return None,
                _ => {}
            }
            f(self, &key)?;
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// An object field that may be `null`: `None` to refuse, `Some(None)`
    /// for `null`.
    fn nullable<T>(
        &mut self,
        depth: usize,
        f: impl FnOnce(&mut Self, usize) -> Option<T>,
    ) -> Option<Option<T>> {
        if self.null()? {
            return Some(None);
        }
        f(self, depth + 1).map(Some)
    }

    /// A string, borrowed from the text unless it has escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.i;
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.i) {
            if STOP.get(usize::from(b)) == Some(&true) {
                break;
            }
            self.i += 1;
        }
        if self.peek()? == b'"' {
            let s = self.text.get(start..self.i)?;
            self.i += 1;
            return Some(Cow::Borrowed(s));
        }
        let mut out = String::from(self.text.get(start..self.i)?);
        loop {
            let from = self.i;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(self.text.get(from..self.i)?);
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => out.push(self.escape()?),
                _ => return None,
            }
        }
    }

    /// A string's escape, at its backslash, as `json::parse` reads it.
    fn escape(&mut self) -> Option<char> {
        self.eat(b'\\')?;
        let e = self.peek()?;
        self.i += 1;
        Some(match e {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                let cp = if (0xD800..0xDC00).contains(&hi) {
                    self.word("\\u")?;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return None;
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                char::from_u32(cp)?
            }
            _ => return None,
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = (self.peek()? as char).to_digit(16)?;
            v = v * 16 + d;
            self.i += 1;
        }
        Some(v)
    }

    /// Skips a string without copying it.
    fn skip_string(&mut self) -> Option<()> {
        self.eat(b'"')?;
        loop {
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                b'\\' => {
                    self.escape()?;
                }
                b if b < 0x20 => return None,
                _ => self.i += 1,
            }
        }
    }

    fn digits(&mut self) -> usize {
        let from = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - from
    }

    /// A number's integer part, `-?(0|[1-9][0-9]*)`, as its text.
    fn int_part(&mut self) -> Option<&'a str> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        let n = self.digits();
        if n == 0 || (n > 1 && self.text.as_bytes().get(int_start) == Some(&b'0')) {
            return None;
        }
        self.text.get(start..self.i)
    }

    /// A number that `json::parse` reads as `Number::Int`: no fraction, no
    /// exponent, within `i64`. Anything else is left to the general reader.
    fn int(&mut self) -> Option<i64> {
        let text = self.int_part()?;
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            return None;
        }
        crate::util::parse_i64(text)
    }

    /// Skips any number (its syntax checked as `json::parse` does).
    fn skip_number(&mut self) -> Option<()> {
        self.int_part()?;
        if self.eat(b'.').is_some() && self.digits() == 0 {
            return None;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        Some(())
    }

    /// Skips any value; `depth`: the nesting level it is in.
    fn skip(&mut self, depth: usize) -> Option<()> {
        match self.peek()? {
            b'{' => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                self.object(depth + 1, |c, _| c.skip(depth + 1))
            }
            b'[' => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                self.array(|c| c.skip(depth + 1))
            }
            b'"' => self.skip_string(),
            b't' => self.word("true"),
            b'f' => self.word("false"),
            b'n' => self.word("null"),
            b'-' | b'0'..=b'9' => self.skip_number(),
            _ => None,
        }
    }

    /// The elements of an array, `f` reading each.
    fn array(&mut self, mut f: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        self.ws();
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            self.ws();
            f(self)?;
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    // ----------------------------------------------------------- fields
    //
    // Each returns `None` to refuse the document and `Some(None)` for
    // `null`, which every field reads as absent.

    /// Text of at most [`MAX_TEXT`] bytes (longer: an error, or for display
    /// texts a warning; both left to the general reader).
    fn text(&mut self) -> Option<Option<String>> {
        if self.null()? {
            return Some(None);
        }
        let s = self.string()?;
        (s.len() <= MAX_TEXT).then(|| Some(s.into_owned()))
    }

    fn ts(&mut self) -> Option<Option<Timestamp>> {
        if self.null()? {
            return Some(None);
        }
        let s = self.string()?;
        Timestamp::parse_rfc3339(&s).ok().map(Some)
    }

    fn integer(&mut self) -> Option<Option<i64>> {
        if self.null()? {
            return Some(None);
        }
        self.int().map(Some)
    }

    /// An amount of money: 0 to [`MAX_AMOUNT`].
    fn amount(&mut self) -> Option<Option<i64>> {
        match self.integer()? {
            Some(n) if !(0..=MAX_AMOUNT).contains(&n) => None,
            n => Some(n),
        }
    }

    /// A count or quantity: 0 or more.
    fn count(&mut self) -> Option<Option<i64>> {
        match self.integer()? {
            Some(n) if n < 0 => None,
            n => Some(n),
        }
    }

    fn boolean(&mut self) -> Option<Option<bool>> {
        match self.peek()? {
            b'n' => self.word("null").map(|()| None),
            b't' => self.word("true").map(|()| Some(true)),
            b'f' => self.word("false").map(|()| Some(false)),
            _ => None,
        }
    }

    fn enumeration<T>(&mut self, parse: fn(&str) -> Option<T>) -> Option<Option<T>> {
        if self.null()? {
            return Some(None);
        }
        parse(&self.string()?).map(Some)
    }

    // ----------------------------------------------------------- objects

    fn order(&mut self) -> Option<Order> {
        let depth = 1;
        let mut o = OrderFields::default();
        self.object(depth, |c, key| c.order_field(&mut o, key, depth))?;
        // A refund larger than the total is read with a warning: left to
        // the general reader.
        if let (
            Some(Refund {
                amount: Some(a), ..
            }),
            Some(t),
        ) = (&o.refund, o.total)
        {
            if *a > t {
                return None;
            }
        }
        Some(Order {
            id: o.id?,
            status: o.status?,
            created_at: o.created_at?,
            currency: o.currency,
            total: o.total,
            payment: o.payment,
            items: o.items,
            shipment: o.shipment,
            buyer_confirmed_at: o.buyer_confirmed_at,
            cancellation: o.cancellation,
            refund: o.refund,
            dispute: o.dispute,
            warnings: Vec::new(),
        })
    }

    /// One member of the order object: its plain fields here, the nested
    /// objects in `order_part`.
    fn order_field(&mut self, o: &mut OrderFields, key: &str, depth: usize) -> Option<()> {
        match key {
            "id" => {
                once(&mut o.seen, 0)?;
                o.id = match self.peek()? {
                    b'-' | b'0'..=b'9' => Some(self.int()?.to_string()),
                    _ => self.text()?,
                };
            }
            "status" => {
                once(&mut o.seen, 1)?;
                o.status = self.enumeration(Status::parse)?;
            }
            "created_at" => {
                once(&mut o.seen, 2)?;
                o.created_at = self.ts()?;
            }
            "currency" => {
                once(&mut o.seen, 3)?;
                o.currency = match self.text()? {
                    Some(s) => Some(currency_code(&s)?),
                    None => None,
                };
            }
            "total" => {
                once(&mut o.seen, 4)?;
                o.total = self.amount()?;
            }
            "buyer_confirmed_at" => {
                once(&mut o.seen, 8)?;
                o.buyer_confirmed_at = self.ts()?;
            }
            _ => self.order_part(o, key, depth)?,
        }
        Some(())
    }

    /// One nested object or list of the order (`payment`, `items`, …), or
    /// an unknown member, skipped.
    fn order_part(&mut self, o: &mut OrderFields, key: &str, depth: usize) -> Option<()> {
        match key {
            "payment" => {
                once(&mut o.seen, 5)?;
                o.payment = self.nullable(depth, Self::payment)?;
            }
            "items" => {
                once(&mut o.seen, 6)?;
                o.items = self.nullable(depth, Self::items)?.unwrap_or_default();
            }
            "shipment" => {
                once(&mut o.seen, 7)?;
                o.shipment = self.nullable(depth, Self::shipment)?;
            }
            "cancellation" => {
                once(&mut o.seen, 9)?;
                o.cancellation = self.nullable(depth, Self::cancellation)?;
            }
            "refund" => {
                once(&mut o.seen, 10)?;
                o.refund = self.nullable(depth, Self::refund)?;
            }
            "dispute" => {
                once(&mut o.seen, 11)?;
                o.dispute = self.nullable(depth, Self::dispute)?;
            }
            _ => self.skip(depth)?,
        }
        Some(())
    }

    fn payment(&mut self, depth: usize) -> Option<Payment> {
        let mut seen = 0u32;
        let mut method = None;
        let mut state = None;
        let mut failure_code = None;
        let mut decline_code = None;
        let mut advice_code = None;
        let mut attempts = None;
        let mut updated_at = None;
        self.object(depth, |c, key| {
            match key {
                "method" => {
                    once(&mut seen, 0)?;
                    method = c.enumeration(PaymentMethod::parse)?;
                }
                "state" => {
                    once(&mut seen, 1)?;
                    state = c.enumeration(PaymentState::parse)?;
                }
                "failure_code" => {
                    once(&mut seen, 2)?;
                    failure_code = c.text()?;
                }
                "decline_code" => {
                    once(&mut seen, 3)?;
                    decline_code = c.text()?;
                }
                "advice_code" => {
                    once(&mut seen, 4)?;
                    advice_code = c.text()?;
                }
                "attempts" => {
                    once(&mut seen, 5)?;
                    attempts = c.count()?;
                }
                "updated_at" => {
                    once(&mut seen, 6)?;
                    updated_at = c.ts()?;
                }
                _ => c.skip(depth)?,
            }
            Some(())
        })?;
        Some(
            Payment {
                method: method.unwrap_or(PaymentMethod::Other),
                // Required: a payment without a state is an error.
                state: state?,
                failure_code,
                decline_code,
                advice_code,
                attempts: attempts.unwrap_or(0),
                updated_at,
            }
            .with_canonical_codes(),
        )
    }

    fn items(&mut self, depth: usize) -> Option<Vec<Item>> {
        let mut out = Vec::new();
        self.array(|c| {
            if out.len() >= MAX_ITEMS || depth >= MAX_DEPTH {
                return None;
            }
            out.push(c.item(depth + 1)?);
            Some(())
        })?;
        Some(out)
    }

    fn item(&mut self, depth: usize) -> Option<Item> {
        let mut seen = 0u32;
        let mut sku = None;
        let mut name = None;
        let mut qty = None;
        let mut in_stock = None;
        let mut restock_at = None;
        self.object(depth, |c, key| {
            match key {
                "sku" => {
                    once(&mut seen, 0)?;
                    sku = c.text()?;
                }
                "name" => {
                    once(&mut seen, 1)?;
                    name = c.text()?;
                }
                "qty" => {
                    once(&mut seen, 2)?;
                    qty = c.count()?;
                }
                "in_stock" => {
                    once(&mut seen, 3)?;
                    in_stock = c.boolean()?;
                }
                "restock_at" => {
                    once(&mut seen, 4)?;
                    restock_at = c.ts()?;
                }
                _ => c.skip(depth)?,
            }
            Some(())
        })?;
        Some(Item {
            sku,
            name,
            qty: qty.unwrap_or(1),
            in_stock: in_stock.unwrap_or(true),
            restock_at,
        })
    }

    fn shipment(&mut self, depth: usize) -> Option<Shipment> {
        let mut seen = 0u32;
        let mut s = Shipment {
            carrier: None,
            tracking_number: None,
            tracking_url: None,
            shipped_at: None,
            expected_at: None,
            delivered_at: None,
        };
        self.object(depth, |c, key| {
            match key {
                "carrier" => {
                    once(&mut seen, 0)?;
                    s.carrier = c.text()?;
                }
                "tracking_number" => {
                    once(&mut seen, 1)?;
                    s.tracking_number = c.text()?;
                }
                "tracking_url" => {
                    once(&mut seen, 2)?;
                    s.tracking_url = c.text()?;
                }
                "shipped_at" => {
                    once(&mut seen, 3)?;
                    s.shipped_at = c.ts()?;
                }
                "expected_at" => {
                    once(&mut seen, 4)?;
                    s.expected_at = c.ts()?;
                }
                "delivered_at" => {
                    once(&mut seen, 5)?;
                    s.delivered_at = c.ts()?;
                }
                _ => c.skip(depth)?,
            }
            Some(())
        })?;
        Some(s)
    }

    fn cancellation(&mut self, depth: usize) -> Option<Cancellation> {
        let mut seen = 0u32;
        let mut requested_at = None;
        let mut by = None;
        let mut reason = None;
        let mut state = None;
        self.object(depth, |c, key| {
            match key {
                "requested_at" => {
                    once(&mut seen, 0)?;
                    requested_at = c.ts()?;
                }
                "by" => {
                    once(&mut seen, 1)?;
                    by = c.enumeration(CancelBy::parse)?;
                }
                "reason" => {
                    once(&mut seen, 2)?;
                    reason = c.enumeration(CancelReason::parse)?;
                }
                "state" => {
                    once(&mut seen, 3)?;
                    state = c.enumeration(CancelState::parse)?;
                }
                _ => c.skip(depth)?,
            }
            Some(())
        })?;
        Some(Cancellation {
            requested_at,
            by: by.unwrap_or(CancelBy::Buyer),
            reason: reason.unwrap_or(CancelReason::Other),
            state: state.unwrap_or(CancelState::Requested),
        })
    }

    fn refund(&mut self, depth: usize) -> Option<Refund> {
        let mut seen = 0u32;
        let mut r = Refund {
            amount: None,
            requested_at: None,
            approved_at: None,
            issued_at: None,
            completed_at: None,
            method: None,
        };
        self.object(depth, |c, key| {
            match key {
                "amount" => {
                    once(&mut seen, 0)?;
                    r.amount = c.amount()?;
                }
                "requested_at" => {
                    once(&mut seen, 1)?;
                    r.requested_at = c.ts()?;
                }
                "approved_at" => {
                    once(&mut seen, 2)?;
                    r.approved_at = c.ts()?;
                }
                "issued_at" => {
                    once(&mut seen, 3)?;
                    r.issued_at = c.ts()?;
                }
                "completed_at" => {
                    once(&mut seen, 4)?;
                    r.completed_at = c.ts()?;
                }
                "method" => {
                    once(&mut seen, 5)?;
                    r.method = c.enumeration(PaymentMethod::parse)?;
                }
                _ => c.skip(depth)?,
            }
            Some(())
        })?;
        Some(r)
    }

    fn dispute(&mut self, depth: usize) -> Option<Dispute> {
        let mut seen = 0u32;
        let mut opened_at = None;
        let mut kind = None;
        let mut state = None;
        self.object(depth, |c, key| {
            match key {
                "opened_at" => {
                    once(&mut seen, 0)?;
                    opened_at = c.ts()?;
                }
                "kind" => {
                    once(&mut seen, 1)?;
                    kind = c.enumeration(DisputeKind::parse)?;
                }
                "state" => {
                    once(&mut seen, 2)?;
                    state = c.enumeration(DisputeState::parse)?;
                }
                _ => c.skip(depth)?,
            }
            Some(())
        })?;
        Some(Dispute {
            opened_at,
            kind: kind.unwrap_or(DisputeKind::Other),
            state: state.unwrap_or(DisputeState::Open),
        })
    }
}
