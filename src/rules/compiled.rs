//! Compiled rules as bytes: a rule set compiled once (by `orderlens compile`,
//! a server or a build step) and loaded where the compiler is not shipped —
//! the browser runtime build (`orderlens/runtime`) holds no parser, checker
//! or message compiler, only this reader.
//!
//! The form is private to orderlens and versioned: [`FORMAT`] changes whenever
//! the layout does, and a reader refuses any other version with a message
//! that says to compile again. Layout, all integers LEB128 (signed ones
//! zigzag-encoded first):
//!
//! ```text
//! "OLR" FORMAT  fingerprint  settings  refund_windows  rules  masked_codes
//! catalog  checksum (FNV-1a of everything before it, 4 bytes little-endian)
//! ```
//!
//! Reading is bounded like every other input: a damaged or hostile file
//! gives a located [`RulesError`], never a panic, a hang or a huge
//! allocation (every count is checked against the bytes left, nesting
//! against [`MAX_DEPTH`]).

use super::error::{Diagnostic, RulesError};
use super::eval::{Const, Node, Rel};
use super::parser::CmpOp;
use super::schema::{Field, ITEM_FIELDS, ORDER_FIELDS};
use super::settings::{RefundWindow, RefundWindows, Settings};
use super::{fnv1a, ActionKind, DeadlineSpec, Rule, RuleSet, SeverityLevel};
use crate::calendar::Calendar;
use crate::messages::format::{Message, Part, PluralKey};
use crate::messages::locale::Locale;
use crate::messages::plural::Category;
use crate::messages::{Catalog, KeyMap, LocaleCatalog};
use crate::order::{PaymentMethod, Status};
use crate::time::{Date, Duration, Weekday};

/// The layout version this build writes and reads.
pub const FORMAT: u8 = 1;

const MAGIC: &[u8; 3] = b"OLR";

/// Deepest nesting of conditions and messages a reader accepts (the compiler
/// allows 48 levels of conditions).
pub const MAX_DEPTH: usize = 64;

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

const CMP_OPS: [CmpOp; 6] = [
    CmpOp::Eq,
    CmpOp::Ne,
    CmpOp::Lt,
    CmpOp::Le,
    CmpOp::Gt,
    CmpOp::Ge,
];

const CATEGORIES: [Category; 6] = [
    Category::Zero,
    Category::One,
    Category::Two,
    Category::Few,
    Category::Many,
    Category::Other,
];

/// Whether bytes look like compiled rules (the first bytes, not the checksum).
pub fn is_compiled(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

impl RuleSet {
    /// The rule set as compiled-rules bytes, for [`RuleSet::from_bytes`].
    /// Warnings and message sources are not kept.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(16 * 1024));
        w.0.extend_from_slice(MAGIC);
        w.0.push(FORMAT);
        w.u(u64::from(self.fingerprint));
        w.settings(&self.settings);
        w.u(self.windows.0.len() as u64);
        for (m, win) in &self.windows.0 {
            w.s(m.as_str());
            w.dur(win.review);
            w.dur(win.arrive.0);
            w.dur(win.arrive.1);
        }
        w.u(self.rules.len() as u64);
        for r in &self.rules {
            w.rule(r);
        }
        w.strs(&self.masked_codes);
        w.u(self.catalog.locales.len() as u64);
        for lc in &self.catalog.locales {
            w.s(&lc.locale.tag);
            w.u(lc.messages.len() as u64);
            for (k, m) in &lc.messages {
                w.s(k);
                w.parts(&m.parts);
            }
        }
        let sum = fnv1a(&w.0);
        w.0.extend_from_slice(&sum.to_le_bytes());
        w.0
    }

    /// Loads compiled-rules bytes written by [`RuleSet::to_bytes`] (of this
    /// format version).
    pub fn from_bytes(bytes: &[u8]) -> Result<RuleSet, RulesError> {
        let fail = |msg: String| RulesError {
            diagnostics: vec![Diagnostic::at("", msg)],
        };
        if !is_compiled(bytes) {
            return Err(fail(
                "these bytes are not compiled orderlens rules (they do not start with 'OLR')"
                    .into(),
            ));
        }
        let version = bytes.get(MAGIC.len()).copied().unwrap_or(0);
        if version != FORMAT {
            return Err(fail(format!(
                "compiled rules of format {version}; this orderlens ({}) reads format {FORMAT}: compile them again with it",
                env!("CARGO_PKG_VERSION")
            )));
        }
        let split = bytes.len().saturating_sub(4);
        let (body, sum) = (bytes.get(..split).unwrap_or(&[]), bytes.get(split..));
        let stored = sum.and_then(|s| <[u8; 4]>::try_from(s).ok());
        if split < MAGIC.len() + 1 || stored.map(u32::from_le_bytes) != Some(fnv1a(body)) {
            return Err(fail(
                "compiled rules are damaged or cut short (checksum mismatch)".into(),
            ));
        }
        let mut r = Reader {
            b: body,
            i: MAGIC.len() + 1,
            depth: 0,
        };
        let mut set = r.rule_set().map_err(|e| {
            let at = r.i;
            fail(format!("compiled rules are damaged at byte {at}: {e}"))
        })?;
        let s = &set.settings;
        set.calendar = Calendar::new(&s.timezone, &s.weekend, &s.holidays, &s.extra_business_days)
            .map_err(|e| {
                let mut d = Diagnostic::at("settings.timezone", e.to_string());
                d.help = e.help();
                RulesError {
                    diagnostics: vec![d],
                }
            })?;
        Ok(set)
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn u(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }
    fn i(&mut self, v: i64) {
        self.u(((v << 1) ^ (v >> 63)) as u64);
    }
    fn b(&mut self, v: bool) {
        self.0.push(u8::from(v));
    }
    fn s(&mut self, s: &str) {
        self.u(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn strs(&mut self, v: &[String]) {
        self.u(v.len() as u64);
        for s in v {
            self.s(s);
        }
    }
    fn dur(&mut self, d: Duration) {
        match d {
            Duration::Wall(ms) => {
                self.0.push(0);
                self.i(ms);
            }
            Duration::Business(n) => {
                self.0.push(1);
                self.u(u64::from(n));
            }
        }
    }
    fn dates(&mut self, v: &[Date]) {
        self.u(v.len() as u64);
        for d in v {
            self.i(d.days());
        }
    }
    fn settings(&mut self, s: &Settings) {
        self.s(&s.timezone);
        self.0
            .push(s.weekend.iter().fold(0u8, |m, d| m | 1 << d.monday0()));
        self.dates(&s.holidays);
        self.dates(&s.extra_business_days);
        for d in [
            s.auto_cancel_unpaid_after,
            s.payment_processing_grace,
            s.merchant_confirm_sla,
            s.auto_confirm_receipt_after,
            s.delivery_late_after,
        ] {
            self.dur(d);
        }
        self.s(s.support_url.as_deref().unwrap_or(""));
        self.s(s.cancel_allowed_until.as_str());
        self.i(s.max_payment_attempts);
    }
    fn rule(&mut self, r: &Rule) {
        self.s(&r.id);
        self.s(&r.reason);
        self.s(r.severity.as_str());
        self.i(r.priority);
        self.u(r.actions.len() as u64);
        for a in &r.actions {
            self.s(a.as_str());
        }
        self.node(&r.when);
        self.s(&r.when_src);
        self.u(r.fields.len() as u64);
        for f in &r.fields {
            self.field(*f);
        }
        self.u(r.deadlines.len() as u64);
        for d in &r.deadlines {
            self.s(&d.kind);
            self.node(&d.at);
        }
        match &r.wait_until {
            Some(n) => {
                self.b(true);
                self.node(n);
            }
            None => self.b(false),
        }
        self.0
            .push(u8::from(r.mask) | u8::from(r.fallback) << 1 | u8::from(r.builtin) << 2);
    }
    fn field(&mut self, f: Field) {
        let i = match f {
            Field::Item(x) => ITEM_FIELDS
                .iter()
                .position(|(_, _, y)| *y == x)
                .map(|i| i + 1000),
            _ => ORDER_FIELDS.iter().position(|(_, _, y)| *y == f),
        };
        self.u(i.map_or(u64::MAX, |i| i as u64));
    }
    fn op(&mut self, op: CmpOp) {
        let i = CMP_OPS.iter().position(|o| *o == op).unwrap_or(0);
        self.0.push(i as u8);
    }
    fn konst(&mut self, c: &Const) {
        match c {
            Const::Null => self.0.push(0),
            Const::Bool(b) => {
                self.0.push(1);
                self.b(*b);
            }
            Const::Int(n) => {
                self.0.push(2);
                self.i(*n);
            }
            Const::Str(s) => {
                self.0.push(3);
                self.s(s);
            }
            Const::Dur(d) => {
                self.0.push(4);
                self.dur(*d);
            }
        }
    }
    fn node(&mut self, n: &Node) {
        match n {
            Node::Const(c) => {
                self.0.push(0);
                self.konst(c);
            }
            Node::Field(f) => {
                self.0.push(1);
                self.field(*f);
            }
            Node::Rel(k, x) => {
                self.0.push(2);
                self.b(*k == Rel::Until);
                self.node(x);
            }
            Node::Not(x) => self.tagged(3, x),
            Node::And(xs) => self.list(4, xs),
            Node::Or(xs) => self.list(5, xs),
            Node::Cmp(op, a, b) => {
                self.0.push(6);
                self.op(*op);
                self.node(a);
                self.node(b);
            }
            Node::In { lhs, list, negated } => {
                self.0.push(7);
                self.b(*negated);
                self.node(lhs);
                self.u(list.len() as u64);
                for c in list {
                    self.konst(c);
                }
            }
            Node::IsSet(x) => self.tagged(8, x),
            Node::Threshold { kind, ts, op, dur } => {
                self.0.push(9);
                self.b(*kind == Rel::Until);
                self.op(*op);
                self.dur(*dur);
                self.node(ts);
            }
            Node::Any(x) => self.tagged(10, x),
            Node::All(x) => self.tagged(11, x),
            Node::Count(x) => self.tagged(12, x),
        }
    }
    fn tagged(&mut self, tag: u8, x: &Node) {
        self.0.push(tag);
        self.node(x);
    }
    fn list(&mut self, tag: u8, xs: &[Node]) {
        self.0.push(tag);
        self.u(xs.len() as u64);
        for x in xs {
            self.node(x);
        }
    }
    fn parts(&mut self, parts: &[Part]) {
        self.u(parts.len() as u64);
        for p in parts {
            match p {
                Part::Text(t) => {
                    self.0.push(0);
                    self.s(t);
                }
                Part::Arg(a) => {
                    self.0.push(1);
                    self.s(a);
                }
                Part::Hash => self.0.push(2),
                Part::Plural { arg, cases } => {
                    self.0.push(3);
                    self.s(arg);
                    self.u(cases.len() as u64);
                    for (k, ps) in cases {
                        match k {
                            PluralKey::Exact(n) => {
                                self.0.push(0);
                                self.i(*n);
                            }
                            PluralKey::Cat(c) => {
                                let i = CATEGORIES.iter().position(|x| x == c).unwrap_or(5);
                                self.0.push(1 + i as u8);
                            }
                        }
                        self.parts(ps);
                    }
                }
                Part::Select { arg, cases } => {
                    self.0.push(4);
                    self.s(arg);
                    self.u(cases.len() as u64);
                    for (k, ps) in cases {
                        self.s(k);
                        self.parts(ps);
                    }
                }
            }
        }
    }
}

type R<T> = Result<T, &'static str>;

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
    depth: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> R<u8> {
        let v = self.b.get(self.i).copied().ok_or("unexpected end")?;
        self.i += 1;
        Ok(v)
    }
    fn u(&mut self) -> R<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            v |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(v);
            }
        }
        Err("number too long")
    }
    fn i(&mut self) -> R<i64> {
        let v = self.u()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }
    fn b(&mut self) -> R<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err("bad flag"),
        }
    }
    /// A count of things that each take at least one byte.
    fn n(&mut self) -> R<usize> {
        let n = self.u()?;
        let left = self.b.len().saturating_sub(self.i) as u64;
        if n > left {
            return Err("count larger than the data");
        }
        usize::try_from(n).map_err(|_| "count too large")
    }
    fn s(&mut self) -> R<String> {
        let n = self.n()?;
        let bytes = self.b.get(self.i..self.i + n).ok_or("unexpected end")?;
        self.i += n;
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| "text is not UTF-8")
    }
    fn strs(&mut self) -> R<Vec<String>> {
        let n = self.n()?;
        (0..n).map(|_| self.s()).collect()
    }
    fn dur(&mut self) -> R<Duration> {
        match self.byte()? {
            0 => Ok(Duration::Wall(self.i()?)),
            1 => u32::try_from(self.u()?)
                .map(Duration::Business)
                .map_err(|_| "duration too long"),
            _ => Err("bad duration"),
        }
    }
    fn dates(&mut self) -> R<Vec<Date>> {
        let n = self.n()?;
        (0..n)
            .map(|_| {
                let d = self.i()?;
                if d.abs() > 4_000_000 {
                    return Err("date out of range");
                }
                Ok(Date::from_days(d))
            })
            .collect()
    }
    fn settings(&mut self) -> R<Settings> {
        let timezone = self.s()?;
        let mask = self.byte()?;
        let weekend = WEEKDAYS
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, d)| *d)
            .collect();
        let holidays = self.dates()?;
        let extra_business_days = self.dates()?;
        let mut durs = [Duration::Wall(0); 5];
        for d in &mut durs {
            *d = self.dur()?;
        }
        let [auto_cancel_unpaid_after, payment_processing_grace, merchant_confirm_sla, auto_confirm_receipt_after, delivery_late_after] =
            durs;
        let url = self.s()?;
        let cancel_allowed_until = Status::parse(&self.s()?).ok_or("bad status")?;
        Ok(Settings {
            timezone,
            weekend,
            holidays,
            extra_business_days,
            auto_cancel_unpaid_after,
            payment_processing_grace,
            merchant_confirm_sla,
            auto_confirm_receipt_after,
            delivery_late_after,
            support_url: (!url.is_empty()).then_some(url),
            cancel_allowed_until,
            max_payment_attempts: self.i()?,
        })
    }
    fn field(&mut self) -> R<Field> {
        let i = usize::try_from(self.u()?).map_err(|_| "bad field")?;
        if i >= 1000 {
            ITEM_FIELDS
                .get(i - 1000)
                .map(|(_, _, f)| Field::Item(*f))
                .ok_or("bad field")
        } else {
            ORDER_FIELDS.get(i).map(|(_, _, f)| *f).ok_or("bad field")
        }
    }
    fn op(&mut self) -> R<CmpOp> {
        CMP_OPS
            .get(usize::from(self.byte()?))
            .copied()
            .ok_or("bad operator")
    }
    fn rel(&mut self) -> R<Rel> {
        Ok(if self.b()? { Rel::Until } else { Rel::Age })
    }
    fn konst(&mut self) -> R<Const> {
        Ok(match self.byte()? {
            0 => Const::Null,
            1 => Const::Bool(self.b()?),
            2 => Const::Int(self.i()?),
            3 => Const::Str(self.s()?),
            4 => Const::Dur(self.dur()?),
            _ => return Err("bad constant"),
        })
    }
    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("nested too deeply");
        }
        Ok(())
    }
    fn node(&mut self) -> R<Node> {
        self.enter()?;
        let n = self.node_inner();
        self.depth -= 1;
        n
    }
    fn boxed(&mut self) -> R<Box<Node>> {
        self.node().map(Box::new)
    }
    fn node_inner(&mut self) -> R<Node> {
        Ok(match self.byte()? {
            0 => Node::Const(self.konst()?),
            1 => Node::Field(self.field()?),
            2 => Node::Rel(self.rel()?, self.boxed()?),
            3 => Node::Not(self.boxed()?),
            t @ (4 | 5) => {
                let n = self.n()?;
                let xs = (0..n).map(|_| self.node()).collect::<R<Vec<_>>>()?;
                if t == 4 {
                    Node::And(xs)
                } else {
                    Node::Or(xs)
                }
            }
            6 => Node::Cmp(self.op()?, self.boxed()?, self.boxed()?),
            7 => {
                let negated = self.b()?;
                let lhs = self.boxed()?;
                let n = self.n()?;
                let list = (0..n).map(|_| self.konst()).collect::<R<Vec<_>>>()?;
                Node::In { lhs, list, negated }
            }
            8 => Node::IsSet(self.boxed()?),
            9 => {
                let kind = self.rel()?;
                let op = self.op()?;
                let dur = self.dur()?;
                Node::Threshold {
                    kind,
                    op,
                    dur,
                    ts: self.boxed()?,
                }
            }
            10 => Node::Any(self.boxed()?),
            11 => Node::All(self.boxed()?),
            12 => Node::Count(self.boxed()?),
            _ => return Err("bad condition"),
        })
    }
    fn rule(&mut self) -> R<Rule> {
        let id = self.s()?;
        let reason = self.s()?;
        let severity = SeverityLevel::parse(&self.s()?).ok_or("bad severity")?;
        let priority = self.i()?;
        let n = self.n()?;
        let actions = (0..n)
            .map(|_| ActionKind::parse(&self.s()?).ok_or("bad action"))
            .collect::<R<Vec<_>>>()?;
        let when = self.node()?;
        let when_src = self.s()?;
        let n = self.n()?;
        let fields = (0..n).map(|_| self.field()).collect::<R<Vec<_>>>()?;
        let n = self.n()?;
        let deadlines = (0..n)
            .map(|_| {
                Ok(DeadlineSpec {
                    kind: self.s()?,
                    at: self.node()?,
                })
            })
            .collect::<R<Vec<_>>>()?;
        let wait_until = if self.b()? { Some(self.node()?) } else { None };
        let flags = self.byte()?;
        if flags > 7 {
            return Err("bad rule flags");
        }
        Ok(Rule {
            id,
            reason,
            severity,
            priority,
            actions,
            when,
            when_src,
            fields,
            mask: flags & 1 != 0,
            deadlines,
            wait_until,
            fallback: flags & 2 != 0,
            builtin: flags & 4 != 0,
        })
    }
    fn parts(&mut self) -> R<Vec<Part>> {
        self.enter()?;
        let n = self.n()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(match self.byte()? {
                0 => Part::Text(self.s()?),
                1 => Part::Arg(self.s()?),
                2 => Part::Hash,
                3 => {
                    let arg = self.s()?;
                    let n = self.n()?;
                    let mut cases = Vec::with_capacity(n);
                    for _ in 0..n {
                        let key = match self.byte()? {
                            0 => PluralKey::Exact(self.i()?),
                            k => PluralKey::Cat(
                                *CATEGORIES
                                    .get(usize::from(k).wrapping_sub(1))
                                    .ok_or("bad plural case")?,
                            ),
                        };
                        cases.push((key, self.parts()?));
                    }
                    Part::Plural { arg, cases }
                }
                4 => {
                    let arg = self.s()?;
                    let n = self.n()?;
                    let mut cases = Vec::with_capacity(n);
                    for _ in 0..n {
                        cases.push((self.s()?, self.parts()?));
                    }
                    Part::Select { arg, cases }
                }
                _ => return Err("bad message part"),
            });
        }
        self.depth -= 1;
        Ok(out)
    }
    fn rule_set(&mut self) -> R<RuleSet> {
        let fingerprint = u32::try_from(self.u()?).map_err(|_| "bad fingerprint")?;
        let settings = self.settings()?;
        let n = self.n()?;
        let mut windows = Vec::with_capacity(n);
        for _ in 0..n {
            let m = PaymentMethod::parse(&self.s()?).ok_or("bad payment method")?;
            let review = self.dur()?;
            let arrive = (self.dur()?, self.dur()?);
            windows.push((m, RefundWindow { review, arrive }));
        }
        let n = self.n()?;
        let rules = (0..n).map(|_| self.rule()).collect::<R<Vec<_>>>()?;
        let masked_codes = self.strs()?;
        let n = self.n()?;
        let mut locales = Vec::with_capacity(n);
        for _ in 0..n {
            let tag = self.s()?;
            let m = self.n()?;
            let mut messages = KeyMap::default();
            for _ in 0..m {
                let key = self.s()?;
                messages.insert(
                    key,
                    Message {
                        parts: self.parts()?,
                    },
                );
            }
            locales.push(LocaleCatalog {
                locale: Locale::from_tag(&tag),
                messages,
                sources: KeyMap::default(),
            });
        }
        if self.i != self.b.len() {
            return Err("trailing data");
        }
        Ok(RuleSet {
            settings,
            calendar: Calendar::utc(),
            windows: RefundWindows(windows),
            rules,
            catalog: Catalog { locales },
            fingerprint,
            masked_codes,
            warnings: Vec::new(),
        })
    }
}
