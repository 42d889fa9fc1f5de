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
//! "OLR" FORMAT  base  fingerprint  settings  refund_windows  rules
//! masked_codes  catalog  checksum (FNV-1a of everything before it, 4 bytes LE)
//! ```
//!
//! `base` is 0 for standalone bytes (the built-in rules themselves,
//! `defaults.olr`) or 1 and the digest of the built-in rules they build on:
//! a merchant's compiled rules then hold only the messages that differ from
//! the built-in catalog (a built-in locale is "those messages" plus the ones
//! that differ), so that a page loads a few kilobytes of rules instead of
//! the whole catalog again (the runtime embeds it anyway). Bytes built on other
//! built-in rules (another orderlens version) are refused with a message
//! that says to compile again.
//!
//! Reading is bounded like every other input: a damaged or hostile file
//! gives a located [`RulesError`], never a panic, a hang or a huge
//! allocation (every count is checked against the bytes left, nesting
//! against [`MAX_DEPTH`]).

#![deny(clippy::arithmetic_side_effects)]

use crate::calendar::Calendar;
use crate::messages::format::{Message, Part, PluralKey};
use crate::messages::locale::Locale;
use crate::messages::plural::Category;
use crate::messages::{Catalog, KeyMap, LocaleCatalog};
use crate::model::diagnostic::{Diagnostic, RulesError};
use crate::model::ir::{const_tag, tag, CmpOp, Const, Node, Rel};
use crate::model::limits;
use crate::model::rules::{
    fnv1a, ActionKind, DeadlineSpec, Rule, RuleAudience, RuleSet, SeverityLevel,
};
pub use crate::model::rules::{BASE_LOCALE, MERCHANT_KEYS};
use crate::model::schema::Field;
use crate::model::settings::{RefundWindow, RefundWindows, Settings};
use crate::order::{PaymentMethod, Status};
use crate::time::{Date, Duration, Weekday};

/// The layout version this build writes and reads.
pub const FORMAT: u8 = 3;

pub(crate) const MAGIC: &[u8; 3] = b"OLR";

/// Where the byte saying whether the rules build on the built-in ones is,
/// and where what follows it starts.
const KIND_AT: usize = MAGIC.len() + 1;
const BODY_AT: usize = MAGIC.len() + 2;

/// Deepest nesting of conditions and messages a reader accepts (the compiler
/// allows 48 levels of conditions).
pub const MAX_DEPTH: usize = 64;

pub(crate) const CMP_OPS: [CmpOp; 6] = [
    CmpOp::Eq,
    CmpOp::Ne,
    CmpOp::Lt,
    CmpOp::Le,
    CmpOp::Gt,
    CmpOp::Ge,
];

pub(crate) const CATEGORIES: [Category; 6] = [
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

/// The built-in rules compiled standalone (what the runtime build embeds;
/// `tests/compiled.rs` keeps the file in step with `defaults.json` and the
/// catalogs).
#[cfg(all(target_arch = "wasm32", not(feature = "compiler")))]
pub const DEFAULT_RULES: &[u8] = include_bytes!("../rules/defaults.olr");

/// The checksum at the end of compiled-rules bytes.
pub(crate) fn checksum(bytes: &[u8]) -> u32 {
    let n = bytes.len().saturating_sub(4);
    bytes
        .get(n..)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .map_or(0, u32::from_le_bytes)
}

/// What reading compiled bytes needs of a build: the built-in rules and the
/// digest compiled rules built on them record (the checksum of their
/// standalone bytes), and a check of what was read, before its calendar is
/// built. The runtime build reads the base it embeds and checks nothing
/// more; builds with the compiler build the base and check every message
/// (`crate::compiler::bytes_write`).
pub(crate) trait Build {
    /// The built-in rules and their digest.
    fn builtin() -> Result<(RuleSet, u32), RulesError>;
    /// The first problem of a rule set read, if any.
    fn check(_: &RuleSet) -> Option<Diagnostic> {
        None
    }
}

/// The runtime build: the built-in rules it embeds.
#[cfg(all(target_arch = "wasm32", not(feature = "compiler")))]
struct Embedded;

#[cfg(all(target_arch = "wasm32", not(feature = "compiler")))]
impl Build for Embedded {
    fn builtin() -> Result<(RuleSet, u32), RulesError> {
        Ok((read::<Embedded>(DEFAULT_RULES)?, checksum(DEFAULT_RULES)))
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "compiler")))]
impl RuleSet {
    /// Loads compiled-rules bytes written by `RuleSet::to_bytes` (of this
    /// format version). The browser runtime's reader: see [`read`].
    pub fn from_bytes(bytes: &[u8]) -> Result<RuleSet, RulesError> {
        read::<Embedded>(bytes)
    }
}

/// Reads compiled-rules bytes in a build `B`. (The browser runtime leaves
/// the check of every message the rules need to its embedded English base,
/// which every rule set it loads builds on and falls back to: a text a
/// locale lacks reads in English there, never blank; its 64 KB budget has
/// no room for the check. Builds with the compiler refuse such bytes.)
pub(crate) fn read<B: Build>(bytes: &[u8]) -> Result<RuleSet, RulesError> {
    let (body, kind) = checked_body(bytes)?;
    let (start, base_locales) = match kind {
        1 => {
            let (b, digest) = B::builtin()?;
            let mut at = Reader::new(body, BODY_AT, Vec::new());
            if at.u() != u64::from(digest) {
                return Err(damaged(format!(
                    "these compiled rules build on the built-in rules of another orderlens version; \
                     compile them again with this one ({})",
                    env!("CARGO_PKG_VERSION")
                )));
            }
            (at.i, b.catalog.locales)
        }
        _ => (BODY_AT, Vec::new()),
    };
    let mut r = Reader::new(body, start, base_locales);
    let mut set = r.rule_set();
    if let Some(e) = r.err {
        let at = r.i;
        return Err(damaged(format!(
            "compiled rules are damaged at byte {at}: {e}"
        )));
    }
    if let Some(d) = B::check(&set) {
        return Err(RulesError {
            diagnostics: vec![d],
        });
    }
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

/// A whole-document error about compiled bytes.
fn damaged(msg: String) -> RulesError {
    RulesError {
        diagnostics: vec![Diagnostic::at("", msg)],
    }
}

/// The body of compiled bytes (without the checksum) and what it builds on
/// (0: nothing, 1: the built-in rules), once the magic, the format and the
/// checksum are right.
fn checked_body(bytes: &[u8]) -> Result<(&[u8], u8), RulesError> {
    if !is_compiled(bytes) {
        return Err(damaged(
            "these bytes are not compiled orderlens rules (they do not start with 'OLR')".into(),
        ));
    }
    let version = bytes.get(MAGIC.len()).copied().unwrap_or(0);
    if version != FORMAT {
        return Err(damaged(format!(
            "compiled rules of format {version}; this orderlens ({}) reads format {FORMAT}: compile them again with it",
            env!("CARGO_PKG_VERSION")
        )));
    }
    let split = bytes.len().saturating_sub(4);
    let (body, sum) = (bytes.get(..split).unwrap_or(&[]), bytes.get(split..));
    let stored = sum.and_then(|s| <[u8; 4]>::try_from(s).ok());
    if split < BODY_AT || stored.map(u32::from_le_bytes) != Some(fnv1a(body)) {
        return Err(damaged(
            "compiled rules are damaged or cut short (checksum mismatch)".into(),
        ));
    }
    let kind = body.get(KIND_AT).copied().unwrap_or(0);
    if kind > 1 {
        return Err(damaged("compiled rules are damaged (unknown base)".into()));
    }
    Ok((body, kind))
}

/// Reads the layout back. Errors are sticky: the first problem is kept in
/// `err`, and from then on every read gives a default value (counts give
/// 0, so every loop ends at once); the caller checks `err` at the end. This
/// keeps the reader free of early-return paths, which in the browser
/// runtime build is several KB of code less than `?` on every field.
struct Reader<'a> {
    b: &'a [u8],
    i: usize,
    depth: usize,
    err: Option<&'static str>,
    /// The built-in locales, for bytes built on them; each is taken once.
    base_locales: Vec<LocaleCatalog>,
    /// Inside `any`, `all` or `count` (the loader's checker forbids nesting
    /// them and `item.*` outside them; the bytes are held to the same).
    in_item: bool,
    /// Condition parts read: of the current rule, and of all rules.
    nodes: usize,
    total_nodes: usize,
}

impl<'a> Reader<'a> {
    /// A reader of `b` from byte `i`, with the built-in locales it may take.
    fn new(b: &'a [u8], i: usize, base_locales: Vec<LocaleCatalog>) -> Reader<'a> {
        Reader {
            b,
            i,
            depth: 0,
            err: None,
            base_locales,
            in_item: false,
            nodes: 0,
            total_nodes: 0,
        }
    }
}

impl Reader<'_> {
    fn fail(&mut self, msg: &'static str) {
        if self.err.is_none() {
            self.err = Some(msg);
        }
    }
    fn byte(&mut self) -> u8 {
        match self.b.get(self.i) {
            Some(&v) if self.err.is_none() => {
                self.i = self.i.saturating_add(1);
                v
            }
            _ => {
                self.fail("unexpected end");
                0
            }
        }
    }
    fn u(&mut self) -> u64 {
        let mut v = 0u64;
        let mut shift = 0u32;
        loop {
            let byte = self.byte();
            v |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return v;
            }
            shift = shift.saturating_add(7);
            if shift > 63 {
                self.fail("number too long");
                return 0;
            }
        }
    }
    fn i(&mut self) -> i64 {
        let v = self.u();
        ((v >> 1) as i64) ^ ((v & 1) as i64).wrapping_neg()
    }
    fn b(&mut self) -> bool {
        let v = self.byte();
        if v > 1 {
            self.fail("bad flag");
        }
        v == 1
    }
    /// A count of things that each take at least one byte.
    fn n(&mut self) -> usize {
        let n = self.u();
        let left = self.b.len().saturating_sub(self.i) as u64;
        if n > left {
            self.fail("count larger than the data");
        }
        if self.err.is_some() {
            return 0;
        }
        usize::try_from(n).unwrap_or(0)
    }
    fn s(&mut self) -> String {
        let n = self.n();
        let text = self
            .b
            .get(self.i..self.i.saturating_add(n))
            .and_then(|b| std::str::from_utf8(b).ok());
        self.i = self.i.saturating_add(n);
        match text {
            Some(t) => t.to_owned(),
            None => {
                self.fail("text is not UTF-8");
                String::new()
            }
        }
    }
    /// A count, then that many things. Memory follows what was read, not
    /// what the count claims, and the reading stops at the first error.
    fn list<T>(&mut self, f: fn(&mut Self) -> T) -> Vec<T> {
        let n = self.n();
        let mut out = Vec::new();
        for _ in 0..n {
            if self.err.is_some() {
                break;
            }
            out.push(f(self));
        }
        out
    }
    /// [`Self::list`] of at most `max` things.
    fn list_max<T>(&mut self, max: usize, f: fn(&mut Self) -> T) -> Vec<T> {
        let at = self.i;
        if self.u() > max as u64 {
            self.fail("more than the limit allows");
        }
        self.i = at;
        self.list(f)
    }
    fn strs(&mut self) -> Vec<String> {
        self.list(Self::s)
    }
    /// A name as the loader accepts them (rule ids, reasons, kinds).
    fn name(&mut self, sep: char) -> String {
        let s = self.s();
        if !limits::is_name(&s, sep) {
            self.fail("not a name");
        }
        s
    }
    /// A name that `parse` must know.
    fn named<T>(&mut self, parse: fn(&str) -> Option<T>, fallback: T) -> T {
        let s = self.s();
        parse(&s).unwrap_or_else(|| {
            self.fail("unknown name");
            fallback
        })
    }
    fn dur(&mut self) -> Duration {
        let d = match self.byte() {
            0 => Duration::Wall(self.i()),
            1 => Duration::Business(u32::try_from(self.u()).unwrap_or(u32::MAX)),
            _ => {
                self.fail("bad duration");
                Duration::Wall(0)
            }
        };
        if !limits::duration_ok(d) {
            self.fail("duration out of range");
        }
        d
    }
    fn dates(&mut self) -> Vec<Date> {
        self.list_max(limits::MAX_DATES, |r| {
            let d = r.i();
            if !limits::DAYS.contains(&d) {
                r.fail("date out of range");
            }
            Date::from_days(d.clamp(*limits::DAYS.start(), *limits::DAYS.end()))
        })
    }
    fn settings(&mut self) -> Settings {
        let timezone = self.s();
        let mask = self.byte();
        let weekend = Weekday::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, d)| *d)
            .collect();
        let holidays = self.dates();
        let extra_business_days = self.dates();
        let mut durs = [Duration::Wall(0); 6];
        for d in &mut durs {
            *d = self.dur();
        }
        let [auto_cancel_unpaid_after, payment_processing_grace, merchant_confirm_sla, auto_confirm_receipt_after, delivery_late_after, dispute_response_within] =
            durs;
        let url = self.s();
        let reorder = self.s();
        for u in [&url, &reorder] {
            if !u.is_empty() && !crate::model::settings::is_web_url(u) {
                self.fail("a link that is not http(s)");
            }
        }
        let cancel_allowed_until = self.named(Status::parse, Status::Shipped);
        let max_payment_attempts = self.i();
        if max_payment_attempts < 1 {
            self.fail("max_payment_attempts below 1");
        }
        Settings {
            timezone,
            weekend,
            holidays,
            extra_business_days,
            auto_cancel_unpaid_after,
            payment_processing_grace,
            merchant_confirm_sla,
            auto_confirm_receipt_after,
            delivery_late_after,
            dispute_response_within,
            support_url: (!url.is_empty()).then_some(url),
            reorder_url: (!reorder.is_empty()).then_some(reorder),
            cancel_allowed_until,
            max_payment_attempts,
        }
    }
    fn field(&mut self) -> Field {
        let f = Field::from_id(self.u());
        f.unwrap_or_else(|| {
            self.fail("bad field");
            Field::Id
        })
    }
    fn op(&mut self) -> CmpOp {
        let i = usize::from(self.byte());
        CMP_OPS.get(i).copied().unwrap_or_else(|| {
            self.fail("bad operator");
            CmpOp::Eq
        })
    }
    fn rel(&mut self) -> Rel {
        if self.b() {
            Rel::Until
        } else {
            Rel::Age
        }
    }
    fn konst(&mut self) -> Const {
        match self.byte() {
            const_tag::NULL => Const::Null,
            const_tag::BOOL => Const::Bool(self.b()),
            const_tag::INT => Const::Int(self.i()),
            const_tag::STR => Const::Str(self.s()),
            const_tag::DUR => Const::Dur(self.dur()),
            _ => {
                self.fail("bad constant");
                Const::Null
            }
        }
    }
    /// Counts condition parts as [`limits::nodes`] does: every node, and
    /// every entry of an `in` list.
    fn count(&mut self, n: usize) {
        self.nodes = self.nodes.saturating_add(n);
        self.total_nodes = self.total_nodes.saturating_add(n);
        if self.nodes > limits::MAX_RULE_NODES || self.total_nodes > limits::MAX_TOTAL_NODES {
            self.fail("conditions too large");
        }
    }
    fn node(&mut self) -> Node {
        self.count(1);
        self.depth = self.depth.saturating_add(1);
        let n = if self.depth > MAX_DEPTH {
            self.fail("nested too deeply");
            Node::Const(Const::Null)
        } else {
            self.node_inner()
        };
        self.depth = self.depth.saturating_sub(1);
        n
    }
    fn boxed(&mut self) -> Box<Node> {
        Box::new(self.node())
    }
    /// A timestamp field (what `age`, `until` and deadlines read).
    fn ts_field(&mut self) -> Box<Node> {
        let n = self.boxed();
        if !limits::is_ts_field(&n) {
            self.fail("age or until of something that is not a timestamp");
        }
        n
    }
    /// The condition of `any`, `all` or `count`.
    fn per_item(&mut self) -> Box<Node> {
        if self.in_item {
            self.fail("an item function inside another");
        }
        self.in_item = true;
        let n = self.boxed();
        self.in_item = false;
        n
    }
    fn node_inner(&mut self) -> Node {
        match self.byte() {
            tag::CONST => Node::Const(self.konst()),
            tag::FIELD => {
                let f = self.field();
                if matches!(f, Field::Item(_)) && !self.in_item {
                    self.fail("an item field outside an item function");
                }
                Node::Field(f)
            }
            tag::REL => Node::Rel(self.rel(), self.ts_field()),
            tag::NOT => Node::Not(self.boxed()),
            tag::AND => Node::And(self.list(Self::node)),
            tag::OR => Node::Or(self.list(Self::node)),
            tag::CMP => Node::Cmp(self.op(), self.boxed(), self.boxed()),
            tag::IN => {
                let negated = self.b();
                let lhs = self.boxed();
                let list = self.list(Self::konst);
                self.count(list.len());
                Node::In { lhs, list, negated }
            }
            tag::IS_SET => Node::IsSet(self.boxed()),
            tag::THRESHOLD => Node::Threshold {
                kind: self.rel(),
                op: self.op(),
                dur: self.dur(),
                ts: self.ts_field(),
            },
            tag::ANY => Node::Any(self.per_item()),
            tag::ALL => Node::All(self.per_item()),
            tag::COUNT => Node::Count(self.per_item()),
            _ => {
                self.fail("bad condition");
                Node::Const(Const::Null)
            }
        }
    }
    fn rule(&mut self) -> Rule {
        self.nodes = 0;
        let id = self.name('-');
        let reason = self.name('_');
        let severity = self.named(SeverityLevel::parse, SeverityLevel::Info);
        let priority = self.i();
        if !(-limits::MAX_PRIORITY..=limits::MAX_PRIORITY).contains(&priority) {
            self.fail("priority out of range");
        }
        let actions = self.list(|r| r.named(ActionKind::parse, ActionKind::Wait));
        if actions
            .iter()
            .enumerate()
            .any(|(i, a)| actions.iter().take(i).any(|x| x == a))
        {
            self.fail("an action twice");
        }
        let when = self.node();
        // Deadlines are single fields: only conditions count as parts.
        let counted = (self.nodes, self.total_nodes);
        let fields = self.list(Self::field);
        let deadlines = self.list_max(limits::MAX_DEADLINES, |r| DeadlineSpec {
            kind: r.name('_'),
            at: *r.ts_field(),
        });
        let wait_until = if self.b() {
            Some(*self.ts_field())
        } else {
            None
        };
        (self.nodes, self.total_nodes) = counted;
        let flags = self.byte();
        let audience = match flags >> 3 {
            0 => RuleAudience::Buyer,
            1 => RuleAudience::Merchant,
            2 => RuleAudience::Both,
            _ => {
                self.fail("bad rule flags");
                RuleAudience::Buyer
            }
        };
        let mut rule = Rule {
            size: 0,
            timed: false,
            id,
            reason,
            severity,
            priority,
            actions,
            when,
            when_src: String::new(),
            fields,
            mask: flags & 1 != 0,
            deadlines,
            wait_until,
            fallback: flags & 2 != 0,
            builtin: flags & 4 != 0,
            audience,
        };
        rule.derive();
        rule
    }
    fn parts(&mut self) -> Vec<Part> {
        self.depth = self.depth.saturating_add(1);
        if self.depth > MAX_DEPTH {
            self.fail("nested too deeply");
        }
        let parts = self.list(|r| match r.byte() {
            0 => Part::Text(r.s()),
            1 => Part::Arg(r.s()),
            2 => Part::Hash,
            3 => Part::Plural {
                arg: r.s(),
                cases: r.list(|r| {
                    let key = match r.byte() {
                        0 => PluralKey::Exact(r.i()),
                        k => PluralKey::Cat(
                            CATEGORIES
                                .get(usize::from(k).wrapping_sub(1))
                                .copied()
                                .unwrap_or_else(|| {
                                    r.fail("bad plural case");
                                    Category::Other
                                }),
                        ),
                    };
                    (key, r.parts())
                }),
            },
            4 => Part::Select {
                arg: r.s(),
                cases: r.list(|r| (r.s(), r.parts())),
            },
            _ => {
                r.fail("bad message part");
                Part::Hash
            }
        });
        self.depth = self.depth.saturating_sub(1);
        parts
    }
    fn rule_set(&mut self) -> RuleSet {
        let fingerprint = u32::try_from(self.u()).unwrap_or_else(|_| {
            self.fail("bad fingerprint");
            0
        });
        let settings = self.settings();
        let windows = self.list(|r| {
            let m = r.named(PaymentMethod::parse, PaymentMethod::Other);
            let review = r.dur();
            let arrive = (r.dur(), r.dur());
            (m, RefundWindow { review, arrive })
        });
        let rules = self.list_max(limits::MAX_RULES, Self::rule);
        if rules
            .iter()
            .enumerate()
            .any(|(i, r)| rules.iter().take(i).any(|x| x.id == r.id))
        {
            self.fail("a rule id twice");
        }
        let masked_codes = self.list_max(limits::MAX_MASKED_CODES, Self::s);
        let keys = self.strs();
        let mut locales = Vec::new();
        let n = self.n();
        if n > limits::MAX_LOCALES {
            self.fail("too many locales");
        }
        for _ in 0..n {
            if self.err.is_some() {
                break;
            }
            let tag = self.s();
            let from_base = self.b();
            let mut messages = KeyMap::default();
            if from_base {
                match self.base_locales.iter().position(|l| l.locale.tag == tag) {
                    Some(i) => messages = self.base_locales.swap_remove(i).messages,
                    None => self.fail("bad built-in locale"),
                }
            }
            let n = self.n();
            if n > limits::MAX_MESSAGES {
                self.fail("too many messages");
            }
            for _ in 0..n {
                if self.err.is_some() {
                    break;
                }
                let i = usize::try_from(self.u()).unwrap_or(usize::MAX);
                let key = keys.get(i).cloned().unwrap_or_else(|| {
                    self.fail("bad message key");
                    String::new()
                });
                messages.insert(
                    key,
                    Message {
                        parts: self.parts(),
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
            self.fail("trailing data");
        }
        RuleSet {
            settings,
            calendar: Calendar::utc(),
            windows: RefundWindows(windows),
            rules,
            catalog: Catalog { locales },
            fingerprint,
            masked_codes,
            warnings: Vec::new(),
        }
    }
}
