//! Writing compiled rules (the layout is described in
//! `crate::runtime::bytes`, which reads them), and reading them in builds
//! that carry the compiler: on the built-in rules compiled from their
//! document, with every message the rules need checked.

use crate::messages::format::{Message, Part, PluralKey};
use crate::messages::{KeyMap, LocaleCatalog};
use crate::model::diagnostic::{Diagnostic, RulesError};
use crate::model::ir::{const_tag, tag, CmpOp, Const, Node, Rel};
use crate::model::rules::{fnv1a, Rule, RuleAudience, RuleSet};
use crate::model::schema::Field;
use crate::model::settings::Settings;
use crate::runtime::bytes::{
    checksum, read, Build, BASE_LOCALE, CATEGORIES, CMP_OPS, FORMAT, MAGIC, MERCHANT_KEYS,
};
use crate::time::{Date, Duration};

impl RuleSet {
    /// Loads compiled-rules bytes written by [`RuleSet::to_bytes`] (of this
    /// format version), refusing bytes that lack a message their rules need.
    pub fn from_bytes(bytes: &[u8]) -> Result<RuleSet, RulesError> {
        read::<Compiler>(bytes)
    }
}

/// Builds with the compiler: the built-in rules compiled from their
/// document, and every message the rules need checked.
struct Compiler;

impl Build for Compiler {
    fn builtin() -> Result<(RuleSet, u32), RulesError> {
        builtin()
    }
    fn check(set: &RuleSet) -> Option<Diagnostic> {
        missing_message(set)
    }
}

/// The built-in rules and the digest that compiled rules built on them
/// record: the checksum of their standalone bytes.
fn builtin() -> Result<(RuleSet, u32), RulesError> {
    // Compiled once per thread to standalone bytes, then read from those:
    // compiling takes milliseconds, reading a fraction of that. (The
    // runtime build reads the bytes it embeds.)
    thread_local! {
        static BUILTIN: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let bytes = BUILTIN.with(|cache| cache.borrow().clone());
    let bytes = if bytes.is_empty() {
        let fresh = base_of(RuleSet::defaults()?).encode(None);
        BUILTIN.with(|cache| cache.borrow_mut().clone_from(&fresh));
        fresh
    } else {
        bytes
    };
    Ok((RuleSet::from_bytes(&bytes)?, checksum(&bytes)))
}

/// The built-in base: the built-in rules with the messages of
/// [`BASE_LOCALE`] only — what the browser runtime embeds. Compiled rules
/// built on it carry every other locale they cover in full, so that a page
/// loads the messages of the locales it serves and no others (Shopify
/// refuses checkout bundles that carry translations the page does not use).
///
/// The base is the buyer's side only: the rules that speak only to the
/// merchant (SPEC §3.3) and the `merchant.*` messages are left out, so that
/// a checkout page does not carry a back office's texts. Compiled rules
/// (`runtime/rules.olr`, a merchant's own) carry them.
pub fn base_of(mut rs: RuleSet) -> RuleSet {
    rs.catalog.locales.retain(|l| l.locale.tag == BASE_LOCALE);
    // Without the e-mail texts (`email.*`): only servers render e-mails, so
    // the runtime's embedded base leaves them out, and compiled rules carry
    // them like any message that differs from the base.
    for l in &mut rs.catalog.locales {
        l.messages = without_email(&l.messages);
        l.sources = without_email(&l.sources);
    }
    let mut rs = buyer_side(rs);
    // The built-in merchant rules come last: numbered after every buyer
    // rule, they can go without renumbering any (the base has no merchant's
    // own rules after them).
    while rs
        .rules
        .last()
        .is_some_and(|r| r.audience == RuleAudience::Merchant)
    {
        rs.rules.pop();
    }
    rs
}

/// The rule set for pages that show the buyer's view only (a checkout):
/// the `merchant.*` messages are left out, and the rules that speak only to
/// the merchant never match: they stay as placeholders (a short id, a
/// one-letter reason, a condition that never holds) so that rule numbers — and so
/// support codes — are those of the whole rule set.
pub fn buyer_side(mut rs: RuleSet) -> RuleSet {
    for (i, r) in rs.rules.iter_mut().enumerate() {
        if r.audience == RuleAudience::Merchant {
            r.id = format!("m{i}");
            r.reason = "m".into();
            r.when = Node::Const(Const::Bool(false));
            r.derive();
            r.when_src.clear();
            r.fields.clear();
            r.actions.clear();
            r.deadlines.clear();
            r.wait_until = None;
        }
    }
    for lc in &mut rs.catalog.locales {
        lc.messages.retain(|k| !k.starts_with(MERCHANT_KEYS));
        lc.sources.retain(|k| !k.starts_with(MERCHANT_KEYS));
    }
    rs
}

fn without_email<V: Clone>(map: &KeyMap<V>) -> KeyMap<V> {
    let mut out = KeyMap::default();
    for (k, v) in map.iter().filter(|(k, _)| !k.starts_with("email.")) {
        out.insert(k.clone(), v.clone());
    }
    out
}

/// A locale as written: whether it starts from the built-in locale's
/// messages, and the messages that differ from those.
type LocaleDelta<'a> = (&'a LocaleCatalog, bool, Vec<(&'a String, &'a Message)>);

impl RuleSet {
    /// The rule set as compiled-rules bytes, for [`RuleSet::from_bytes`]:
    /// built on the built-in rules (only what differs from them is written).
    /// Warnings and message sources are not kept.
    pub fn to_bytes(&self) -> Vec<u8> {
        match builtin() {
            Ok((base, digest)) => self.encode(Some((&base, digest))),
            Err(_) => self.encode(None),
        }
    }

    /// The rule set with the messages of `locales` only (tags as the
    /// catalogs write them, matched without regard to case), and always those
    /// of [`BASE_LOCALE`], which every diagnosis falls back to: what a page
    /// serving those locales loads. Unknown tags are reported.
    pub fn with_locales(&self, locales: &[&str]) -> Result<RuleSet, String> {
        let tags = self.catalog.tags();
        if let Some(t) = locales
            .iter()
            .find(|t| !tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
        {
            return Err(format!(
                "no messages for locale '{}'; these rules have {}",
                crate::time::truncate(t),
                tags.join(", ")
            ));
        }
        let mut out = self.clone();
        out.catalog.locales.retain(|l| {
            l.locale.tag == BASE_LOCALE
                || locales
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(&l.locale.tag))
        });
        Ok(out)
    }

    /// Compiled-rules bytes that need no built-in rules to load (how
    /// `defaults.olr`, the built-in rules themselves, is written).
    pub fn to_standalone_bytes(&self) -> Vec<u8> {
        self.encode(None)
    }

    fn encode(&self, base: Option<(&RuleSet, u32)>) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(16 * 1024));
        w.0.extend_from_slice(MAGIC);
        w.0.push(FORMAT);
        match base {
            Some((_, digest)) => {
                w.0.push(1);
                w.u(u64::from(digest));
            }
            None => w.0.push(0),
        }
        let base = base.map(|(b, _)| b);
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
        // Per locale: whether it starts from the built-in locale's messages,
        // then the (key number, message) pairs that differ from those; the
        // keys once, before all locales.
        let locales: Vec<LocaleDelta<'_>> = self
            .catalog
            .locales
            .iter()
            .map(|lc| {
                let from = base.and_then(|b| {
                    b.catalog
                        .locales
                        .iter()
                        .find(|l| l.locale.tag == lc.locale.tag)
                });
                let entries = lc
                    .messages
                    .iter()
                    .filter(|(k, m)| from.and_then(|f| f.messages.get(k)) != Some(*m))
                    .collect();
                (lc, from.is_some(), entries)
            })
            .collect();
        let mut keys: Vec<&str> = Vec::new();
        for (_, _, entries) in &locales {
            for (k, _) in entries {
                if !keys.contains(&k.as_str()) {
                    keys.push(k);
                }
            }
        }
        w.u(keys.len() as u64);
        for k in &keys {
            w.s(k);
        }
        w.u(locales.len() as u64);
        for (lc, from, entries) in &locales {
            w.s(&lc.locale.tag);
            w.b(*from);
            w.u(entries.len() as u64);
            for (k, m) in entries {
                w.u(keys.iter().position(|x| x == k).unwrap_or(0) as u64);
                w.parts(&m.parts);
            }
        }
        let sum = fnv1a(&w.0);
        w.0.extend_from_slice(&sum.to_le_bytes());
        w.0
    }
}

/// The first message the rules need that a shipped locale lacks (SPEC §3.2:
/// an error at load time, for bytes as for documents); English, which every
/// diagnosis falls back to, must be there.
fn missing_message(set: &RuleSet) -> Option<Diagnostic> {
    let none = KeyMap::default();
    let mut missing = None;
    for tag in crate::messages::locale::SHIPPED {
        let messages = match set.catalog.locales.iter().find(|l| l.locale.tag == *tag) {
            Some(l) => &l.messages,
            None if *tag == BASE_LOCALE => &none,
            None => continue,
        };
        super::document::each_needed_key(&set.rules, set.has_merchant_view(), &mut |key, rule| {
            if messages.contains_key(key) {
                return true;
            }
            missing = Some(
                Diagnostic::at(
                    format!("messages.{tag}"),
                    format!(
                        "compiled rules are damaged: message '{key}' is missing in locale '{tag}'"
                    ),
                )
                .rule(rule),
            );
            false
        });
        if missing.is_some() {
            break;
        }
    }
    missing
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
            s.dispute_response_within,
        ] {
            self.dur(d);
        }
        self.s(s.support_url.as_deref().unwrap_or(""));
        self.s(s.reorder_url.as_deref().unwrap_or(""));
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
        let audience: u8 = match r.audience {
            RuleAudience::Buyer => 0,
            RuleAudience::Merchant => 1,
            RuleAudience::Both => 2,
        };
        self.0.push(
            u8::from(r.mask) | u8::from(r.fallback) << 1 | u8::from(r.builtin) << 2 | audience << 3,
        );
    }
    fn field(&mut self, f: Field) {
        self.u(f.id().unwrap_or(u64::MAX));
    }
    fn op(&mut self, op: CmpOp) {
        let i = CMP_OPS.iter().position(|o| *o == op).unwrap_or(0);
        self.0.push(i as u8);
    }
    fn konst(&mut self, c: &Const) {
        match c {
            Const::Null => self.0.push(const_tag::NULL),
            Const::Bool(b) => {
                self.0.push(const_tag::BOOL);
                self.b(*b);
            }
            Const::Int(n) => {
                self.0.push(const_tag::INT);
                self.i(*n);
            }
            Const::Str(s) => {
                self.0.push(const_tag::STR);
                self.s(s);
            }
            Const::Dur(d) => {
                self.0.push(const_tag::DUR);
                self.dur(*d);
            }
        }
    }
    fn node(&mut self, n: &Node) {
        match n {
            Node::Const(c) => {
                self.0.push(tag::CONST);
                self.konst(c);
            }
            Node::Field(f) => {
                self.0.push(tag::FIELD);
                self.field(*f);
            }
            Node::Rel(k, x) => {
                self.0.push(tag::REL);
                self.b(*k == Rel::Until);
                self.node(x);
            }
            Node::Not(x) => self.tagged(tag::NOT, x),
            Node::And(xs) => self.list(tag::AND, xs),
            Node::Or(xs) => self.list(tag::OR, xs),
            Node::Cmp(op, a, b) => {
                self.0.push(tag::CMP);
                self.op(*op);
                self.node(a);
                self.node(b);
            }
            Node::In { lhs, list, negated } => {
                self.0.push(tag::IN);
                self.b(*negated);
                self.node(lhs);
                self.u(list.len() as u64);
                for c in list {
                    self.konst(c);
                }
            }
            Node::IsSet(x) => self.tagged(tag::IS_SET, x),
            Node::Threshold { kind, ts, op, dur } => {
                self.0.push(tag::THRESHOLD);
                self.b(*kind == Rel::Until);
                self.op(*op);
                self.dur(*dur);
                self.node(ts);
            }
            Node::Any(x) => self.tagged(tag::ANY, x),
            Node::All(x) => self.tagged(tag::ALL, x),
            Node::Count(x) => self.tagged(tag::COUNT, x),
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

#[cfg(test)]
mod tests {
    use super::buyer_side;
    use crate::model::rules::RuleSet;

    #[test]
    fn every_rule_knows_its_size() {
        let built = RuleSet::defaults().unwrap();
        let read = RuleSet::from_bytes(&built.to_bytes()).unwrap();
        let buyer = buyer_side(built.clone());
        for rs in [&built, &read, &buyer] {
            for r in &rs.rules {
                assert_eq!(
                    r.size,
                    crate::model::limits::nodes(&r.when, usize::MAX),
                    "{}",
                    r.id
                );
            }
        }
        assert!(built.rules.iter().any(|r| r.size > 10));
    }
}
