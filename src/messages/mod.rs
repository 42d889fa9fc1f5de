//! Message catalogs (`en`, `zh-CN`, `ru` and merchants' own), placeholders,
//! and rendering of localized plain text (SPEC §3.2).

pub mod format;
pub mod locale;
pub mod plural;

/// Message keys, put together in one place: the keys a rule set needs
/// (checked when it loads) are the keys the diagnosis renders. `pre` is the
/// view's prefix (`""`, or `"merchant."` for the seller's view).
pub mod key {
    use crate::util::join;

    /// The pieces of `{pre}reason.{reason}.{part}`, `part` being `title` or
    /// `body`.
    pub fn reason_parts<'a>(pre: &'a str, reason: &'a str, part: &'a str) -> [&'a str; 5] {
        [pre, "reason.", reason, ".", part]
    }

    /// The pieces of `{pre}action.{kind}.{part}`, `part` being `label` or
    /// `confirm.title`, `confirm.body`, `confirm.yes`, `confirm.no`.
    pub fn action_parts<'a>(pre: &'a str, kind: &'a str, part: &'a str) -> [&'a str; 5] {
        [pre, "action.", kind, ".", part]
    }

    /// The pieces of `{pre}deadline.{kind}.label`.
    pub fn deadline_parts<'a>(pre: &'a str, kind: &'a str) -> [&'a str; 4] {
        [pre, "deadline.", kind, ".label"]
    }

    /// `{pre}reason.{reason}.{part}`.
    pub fn reason(pre: &str, reason: &str, part: &str) -> String {
        join(&reason_parts(pre, reason, part))
    }

    /// `{pre}action.{kind}.{part}`.
    pub fn action(pre: &str, kind: &str, part: &str) -> String {
        join(&action_parts(pre, kind, part))
    }

    /// `{pre}deadline.{kind}.label`.
    pub fn deadline(pre: &str, kind: &str) -> String {
        join(&deadline_parts(pre, kind))
    }
}

use crate::json::Value;
use crate::model::diagnostic::Diagnostic;
use crate::order::{
    CancelBy, CancelReason, DisputeKind, DisputeState, PaymentMethod, PaymentState, Status,
};
use crate::time::{Date, Timestamp};
use format::{Message, Part, PluralKey, Use};
use locale::{DateFormatter, Locale};
use std::cell::Cell;

/// The built-in catalogs, as JSON objects of key → message.
pub const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("en.json")),
    ("zh-CN", include_str!("zh-CN.json")),
    ("ru", include_str!("ru.json")),
];

/// Longest message text, in bytes (a `select` over every decline detail in
/// Russian takes about 6 KB).
pub const MAX_MESSAGE: usize = 16 * 1024;

/// The widget's own labels (`<order-lens>`, `mount()`), catalog messages like
/// every other text, so that a merchant can override them and a merchant's
/// locale has them. Rendered with [`crate::RuleSet::message`].
pub const WIDGET_KEYS: &[&str] = &[
    "widget.region",
    "widget.severity.info",
    "widget.severity.warning",
    "widget.severity.action_required",
    "widget.stage.done",
    "widget.stage.current",
    "widget.stage.upcoming",
    "widget.stage.overdue",
    "widget.refund_progress",
    "widget.support_code",
    "widget.new_tab",
    "widget.countdown",
    "widget.time_zone",
    "widget.pending",
    "widget.action_failed",
    "widget.not_handled",
    "widget.no_answer",
    "widget.try_again",
    "widget.fallback",
];

/// What a placeholder holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// An instant, shown as date and time.
    DateTime,
    /// An instant, shown as a date.
    Date,
    /// Money in minor units of the order currency.
    Money,
    /// A whole number (usable with `plural`).
    Number,
    /// Text from the order (item name, carrier…).
    Text,
    /// One of a fixed set of values (usable with `select`).
    Choice(&'static [&'static str]),
}

/// Every placeholder a message may use. Any of them may be missing for a
/// given order; `select` with a `none` case handles that.
pub const PLACEHOLDERS: &[(&str, ArgKind)] = &[
    ("order_id", ArgKind::Text),
    ("amount", ArgKind::Money),
    ("refund_amount", ArgKind::Money),
    ("deadline", ArgKind::DateTime),
    ("auto_cancel", ArgKind::DateTime),
    ("auto_confirm", ArgKind::DateTime),
    ("restock", ArgKind::Date),
    ("delivery", ArgKind::Date),
    ("arrive_from", ArgKind::Date),
    ("arrive_to", ArgKind::Date),
    ("days_from", ArgKind::Number),
    ("days_to", ArgKind::Number),
    ("item", ArgKind::Text),
    ("count", ArgKind::Number),
    // The missing items besides `item` (`count` - 1).
    ("others", ArgKind::Number),
    ("attempts", ArgKind::Number),
    ("max_attempts", ArgKind::Number),
    // Whether the order may still be paid again (`no` once `attempts`
    // reaches `max_payment_attempts`: its payment actions are gone).
    ("retry", ArgKind::Choice(&["yes", "no"])),
    ("carrier", ArgKind::Text),
    ("tracking_number", ArgKind::Text),
    ("method", ArgKind::Choice(PaymentMethod::ALL)),
    // The payment's state: a bank transfer the buyer may still have to send
    // (`pending`) reads differently from a bank debit under way
    // (`processing`).
    ("payment", ArgKind::Choice(PaymentState::ALL)),
    ("cancel_reason", ArgKind::Choice(CancelReason::ALL)),
    ("cancelled_by", ArgKind::Choice(CancelBy::ALL)),
    ("dispute_kind", ArgKind::Choice(DisputeKind::ALL)),
    ("dispute_state", ArgKind::Choice(DisputeState::ALL)),
    ("status", ArgKind::Choice(Status::ALL)),
    ("paid", ArgKind::Choice(&["yes", "no"])),
    ("decline", ArgKind::Choice(crate::decline::DETAILS)),
    ("delivered", ArgKind::Date),
    ("issued", ArgKind::Date),
    // A refund stage (timeline messages): its state and its time.
    ("state", ArgKind::Choice(crate::diagnosis::StageState::ALL)),
    ("at", ArgKind::Date),
    // The widget's own messages (`widget.*`).
    (
        "action",
        ArgKind::Choice(crate::model::rules::ActionKind::ALL),
    ),
    ("minutes", ArgKind::Number),
    ("zone", ArgKind::Text),
    // E-mails (`email.*`): the headline's title.
    ("title", ArgKind::Text),
    // The merchant's view (SPEC §3.3): the real cause of a masked decline,
    // set in that view only, and whether a rule's deadline has passed.
    ("decline_cause", ArgKind::Choice(crate::decline::CAUSES)),
    ("late", ArgKind::Choice(&["yes", "no"])),
];

/// A placeholder's value for one order.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Missing.
    Null,
    /// An instant.
    Time(Timestamp),
    /// An instant shown as a date whatever the placeholder (a time known
    /// to the day only, such as a restock date).
    Day(Timestamp),
    /// Money in minor units.
    Money(i64),
    /// A whole number.
    Number(i64),
    /// Text.
    Text(String),
    /// A choice value.
    Choice(&'static str),
}

/// Placeholder values for one order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Args {
    /// Values by placeholder name; absent names are missing.
    pub values: Vec<(&'static str, Arg)>,
    /// ISO 4217 code for money placeholders.
    pub currency: Option<String>,
}

impl Args {
    /// Sets a value (over any earlier one: the last value set is read).
    pub fn set(&mut self, name: &'static str, v: Arg) {
        // Not a search for an earlier value: an order's values are set once
        // each, by a few dozen calls.
        self.values.push((name, v));
    }
    fn get(&self, name: &str) -> &Arg {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map_or(&Arg::Null, |(_, v)| v)
    }
}

/// The messages of one locale.
#[derive(Clone, Debug, PartialEq)]
pub struct LocaleCatalog {
    /// The locale.
    pub locale: Locale,
    /// Parsed messages by key.
    pub messages: KeyMap<Message>,
    /// Source text by key (for `orderlens messages`).
    pub sources: KeyMap<String>,
}

/// Values by key, iterated in key order: a sorted `Vec` searched by halving
/// (a fraction of the code of a `BTreeMap` in the wasm build).
#[derive(Clone, Debug, PartialEq)]
pub struct KeyMap<V>(Entries<V>);

/// The entries of a [`KeyMap`]. Natively and in Node, where the built-in
/// catalogs are parsed once per thread ([`Catalog::load`]), they are shared
/// between copies until one changes: every compile starts from a copy of
/// the built-in catalogs, which a merchant's document rarely touches, and
/// making that copy was 40% of compiling the built-in rules. The browsers'
/// builds parse the catalogs at each compile and never copy one: a plain
/// vector, and no copy-on-write code in their wasm.
#[cfg(any(feature = "render", not(target_arch = "wasm32")))]
type Entries<V> = std::sync::Arc<Vec<(String, V)>>;
#[cfg(not(any(feature = "render", not(target_arch = "wasm32"))))]
type Entries<V> = Vec<(String, V)>;

impl<V> Default for KeyMap<V> {
    fn default() -> Self {
        KeyMap(Entries::default())
    }
}

impl<V> KeyMap<V> {
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key)
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, v)| v)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// How many keys have a value.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no key has a value.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The entries, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V: Clone> KeyMap<V> {
    /// The entries, to change (this copy's own from here on).
    fn entries_mut(&mut self) -> &mut Vec<(String, V)> {
        #[cfg(any(feature = "render", not(target_arch = "wasm32")))]
        return std::sync::Arc::make_mut(&mut self.0);
        #[cfg(not(any(feature = "render", not(target_arch = "wasm32"))))]
        return &mut self.0;
    }

    /// Sets the value of `key`, replacing any earlier one.
    pub fn insert(&mut self, key: String, value: V) {
        let at = self.find(&key);
        let map = self.entries_mut();
        match at {
            Ok(i) => {
                if let Some(slot) = map.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => map.insert(i, (key, value)),
        }
    }

    /// Keeps the keys for which `keep` holds.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        if self.0.iter().all(|(k, _)| keep(k)) {
            return;
        }
        self.entries_mut().retain(|(k, _)| keep(k));
    }
}

impl<'a, V> IntoIterator for &'a KeyMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// All catalogs of a rule set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    /// Locales, shipped ones first.
    pub locales: Vec<LocaleCatalog>,
}

impl Catalog {
    /// The built-in catalogs with a merchant's `messages` layered over, key by
    /// key. Every message is parsed and its placeholders checked; problems go
    /// to `diags`, located at `messages.LOCALE["KEY"]`.
    pub fn load(merchant: Option<&Value>, diags: &mut Vec<Diagnostic>) -> Catalog {
        let mut cat = Catalog::builtin(diags);
        match merchant {
            None | Some(Value::Null) => {}
            Some(Value::Object(locales)) => {
                let limit = crate::model::limits::MAX_LOCALES;
                if locales.len() > limit {
                    diags.push(Diagnostic::at(
                        "messages",
                        format!("too many locales ({}; at most {limit})", locales.len()),
                    ));
                    return cat;
                }
                for (tag, msgs) in locales {
                    let path = format!("messages.{tag}");
                    if !valid_tag(tag) {
                        diags.push(Diagnostic::at(
                            &path,
                            format!(
                                "'{}' is not a locale tag like 'en', 'zh-CN' or 'de'",
                                crate::time::truncate(tag)
                            ),
                        ));
                        continue;
                    }
                    // Shipped tags are matched case-insensitively.
                    let tag = locale::SHIPPED
                        .iter()
                        .find(|s| s.eq_ignore_ascii_case(tag))
                        .map_or(tag.as_str(), |s| s);
                    cat.apply_locale(tag, msgs, &path, diags);
                }
            }
            Some(other) => diags.push(Diagnostic::at(
                "messages",
                format!("expected an object of locales, found {}", other.type_name()),
            )),
        }
        cat
    }

    /// The built-in catalogs, parsed, and what parsing them reported
    /// (nothing, as tests hold). Natively and in Node (servers and the CLI
    /// compile many documents; parsing these constants was most of the
    /// work) once per thread; the browsers' build parses them each time and
    /// spares the bytes of the cache.
    fn builtin(diags: &mut Vec<Diagnostic>) -> Catalog {
        let parse = || {
            let mut cat = Catalog::default();
            let mut found = Vec::new();
            for (tag, text) in BUILTIN {
                let path = format!("(built-in {tag} messages)");
                match crate::json::parse(text) {
                    Ok(v) => cat.apply_locale(tag, &v, &path, &mut found),
                    Err(e) => found.push(Diagnostic::at(path, e.to_string())),
                }
            }
            (cat, found)
        };
        #[cfg(any(feature = "render", not(target_arch = "wasm32")))]
        let parse = || {
            thread_local! {
                static PARSED: std::cell::RefCell<Option<(Catalog, Vec<Diagnostic>)>> =
                    const { std::cell::RefCell::new(None) };
            }
            PARSED.with(|cell| cell.borrow_mut().get_or_insert_with(parse).clone())
        };
        let (cat, found) = parse();
        diags.extend(found);
        cat
    }

    fn apply_locale(&mut self, tag: &str, v: &Value, path: &str, diags: &mut Vec<Diagnostic>) {
        let Value::Object(entries) = v else {
            diags.push(Diagnostic::at(
                path,
                format!(
                    "expected an object of message keys, found {}",
                    v.type_name()
                ),
            ));
            return;
        };
        let limit = crate::model::limits::MAX_MESSAGES;
        if entries.len() > limit {
            diags.push(Diagnostic::at(
                path,
                format!("too many messages ({}; at most {limit})", entries.len()),
            ));
            return;
        }
        let idx = match self.locales.iter().position(|l| l.locale.tag == tag) {
            Some(i) => i,
            None => {
                self.locales.push(LocaleCatalog {
                    locale: Locale::from_tag(tag),
                    messages: KeyMap::default(),
                    sources: KeyMap::default(),
                });
                self.locales.len() - 1
            }
        };
        let Some(lc) = self.locales.get_mut(idx) else {
            return;
        };
        for (key, text) in entries {
            let kpath = format!("{path}[\"{key}\"]");
            let Value::String(text) = text else {
                diags.push(Diagnostic::at(
                    &kpath,
                    format!("expected message text, found {}", text.type_name()),
                ));
                continue;
            };
            if text.len() > MAX_MESSAGE {
                diags.push(Diagnostic::at(
                    &kpath,
                    format!(
                        "message is too long ({} bytes; at most {MAX_MESSAGE})",
                        text.len()
                    ),
                ));
                continue;
            }
            match format::parse(text) {
                Ok(m) => {
                    let problems = check_uses(&m);
                    if problems.is_empty() {
                        lc.messages.insert(key.clone(), m);
                        lc.sources.insert(key.clone(), text.clone());
                    } else {
                        for (msg, help) in problems {
                            diags.push(Diagnostic::at(&kpath, msg).help(help));
                        }
                    }
                }
                Err(e) => {
                    let mut d = Diagnostic::at(&kpath, e.message);
                    d.line = Some(1);
                    d.column = Some(e.offset + 1);
                    d.source = Some(text.clone());
                    diags.push(d);
                }
            }
        }
    }

    /// Tags of every locale, shipped first.
    pub fn tags(&self) -> Vec<String> {
        self.locales.iter().map(|l| l.locale.tag.clone()).collect()
    }

    /// The catalog of a tag (exact), else English.
    pub fn get(&self, tag: &str) -> Option<&LocaleCatalog> {
        self.locales
            .iter()
            .find(|l| l.locale.tag == tag)
            .or_else(|| self.locales.iter().find(|l| l.locale.tag == "en"))
    }

    /// Reports every key of `keys` that a locale lacks.
    pub fn require(&self, keys: &[(String, Option<String>)], diags: &mut Vec<Diagnostic>) {
        for lc in &self.locales {
            let shipped = locale::SHIPPED.contains(&lc.locale.tag.as_str());
            let missing: Vec<&(String, Option<String>)> = keys
                .iter()
                .filter(|(k, _)| !lc.messages.contains_key(k))
                .collect();
            if shipped {
                // A shipped locale must never show a blank: an error per key.
                for (key, rule) in missing {
                    diags.push(
                        Diagnostic::at(
                            format!("messages.{}", lc.locale.tag),
                            format!("message '{key}' is missing in locale '{}'", lc.locale.tag),
                        )
                        .rule(rule.as_deref())
                        .help(Some(format!("add \"{key}\" to messages.{}", lc.locale.tag))),
                    );
                }
            } else if let Some((first, _)) = missing.first() {
                // A merchant's own locale may be partial: English fills in.
                diags.push(
                    Diagnostic::at(
                        format!("messages.{}", lc.locale.tag),
                        format!(
                            "{} message{} of locale '{}' fall back to English, e.g. '{first}'",
                            missing.len(),
                            if missing.len() == 1 { "" } else { "s" },
                            lc.locale.tag
                        ),
                    )
                    .help(Some(format!("run `orderlens messages --locale en` for every key; add them to messages.{}", lc.locale.tag)))
                    .warning(),
                );
            }
        }
    }
}

fn valid_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn check_uses(m: &Message) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for (name, how) in m.uses() {
        let Some((_, kind)) = PLACEHOLDERS.iter().find(|(n, _)| *n == name) else {
            let help = crate::suggest::nearest(&name, PLACEHOLDERS.iter().map(|(n, _)| *n))
                .map(|n| format!("did you mean '{{{n}}}'?"));
            out.push((format!("unknown placeholder '{{{name}}}'"), help));
            continue;
        };
        match (how, kind) {
            (Use::Plural, ArgKind::Number) => {}
            (Use::Plural, _) => out.push((
                format!("'{{{name}}}' is not a number; 'plural' needs one"),
                None,
            )),
            (Use::Select(keys), ArgKind::Choice(values)) => {
                for k in keys {
                    if k != "other" && k != "none" && !values.contains(&k.as_str()) {
                        let help = crate::suggest::nearest(&k, values.iter().copied())
                            .map(crate::suggest::did_you_mean);
                        out.push((format!("'{k}' is not a value of '{{{name}}}'"), help));
                    }
                }
            }
            (Use::Select(keys), _) => {
                if keys.iter().any(|k| k != "other" && k != "none") {
                    out.push((
                        format!("'{{{name}}}' can only be selected on 'none' and 'other'"),
                        None,
                    ));
                }
            }
            (Use::Plain, _) => {}
        }
    }
    out
}

/// Renders messages of one locale for one order.
pub struct Renderer<'a> {
    /// The catalog.
    pub catalog: &'a LocaleCatalog,
    /// English, used if a key is somehow missing.
    pub fallback: Option<&'a LocaleCatalog>,
    /// Date formatting.
    pub dates: DateFormatter<'a>,
    /// Placeholder values.
    pub args: &'a Args,
    /// The earliest instant at which some shown date reads differently only
    /// because the day changed.
    pub text_changes_at: Cell<Option<Timestamp>>,
}

impl Renderer<'_> {
    /// Records when the text of a shown date changes only because the local
    /// day changes: a time on a later day switches to its short form at
    /// that day's midnight, a time today switches to the long form at the
    /// next midnight, and the year is shown or hidden from New Year on.
    fn note_date(&self, t: Timestamp, with_time: bool) {
        let cal = self.dates.calendar;
        let d = cal.local(t).0;
        let today = self.dates.today;
        let earliest = |day: Date| {
            let at = cal.from_local(day, crate::time::TimeOfDay(0));
            if self.text_changes_at.get().is_none_or(|c| at < c) {
                self.text_changes_at.set(Some(at));
            }
        };
        if with_time && d >= today {
            earliest(if d == today { today.succ() } else { d });
        }
        // The year is shown when it is not the current one.
        let year_turns = if d.year > today.year {
            d.year
        } else {
            today.year.saturating_add(1)
        };
        if d.year >= today.year {
            if let Some(ny) = Date::new(year_turns, 1, 1) {
                earliest(ny);
            }
        }
    }

    /// Renders a message; never fails (a missing key gives English, then an
    /// empty string, which callers replace).
    pub fn text(&self, key: &str) -> String {
        self.text_with(key, &[])
    }

    /// Renders with extra placeholder values that override the order's.
    pub fn text_with(&self, key: &str, extra: &[(&str, Arg)]) -> String {
        let msg = self
            .catalog
            .messages
            .get(key)
            .or_else(|| self.fallback.and_then(|f| f.messages.get(key)));
        let mut out = String::new();
        if let Some(m) = msg {
            self.parts(&m.parts, extra, None, &mut out);
        }
        out
    }

    fn arg<'b>(&'b self, name: &str, extra: &'b [(&str, Arg)]) -> &'b Arg {
        extra
            .iter()
            .find(|(n, _)| *n == name)
            .map_or_else(|| self.args.get(name), |(_, v)| v)
    }

    fn parts(&self, parts: &[Part], extra: &[(&str, Arg)], hash: Option<i64>, out: &mut String) {
        let style = self.catalog.locale.style;
        for p in parts {
            match p {
                Part::Text(t) => format::append_text(out, t),
                Part::Hash => {
                    if let Some(n) = hash {
                        out.push_str(&locale::number(style, n));
                    }
                }
                Part::Arg(name) => {
                    let kind = PLACEHOLDERS
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, k)| *k);
                    match (self.arg(name, extra), kind) {
                        (Arg::Null, _) => out.push('—'),
                        (Arg::Time(t), Some(ArgKind::Date)) => {
                            self.note_date(*t, false);
                            out.push_str(&self.dates.date(*t));
                        }
                        (Arg::Time(t), _) => {
                            self.note_date(*t, true);
                            out.push_str(&self.dates.date_time(*t));
                        }
                        (Arg::Day(t), _) => {
                            self.note_date(*t, false);
                            out.push_str(&self.dates.date(*t));
                        }
                        (Arg::Money(m), _) => {
                            out.push_str(&locale::money(style, *m, self.args.currency.as_deref()))
                        }
                        (Arg::Number(n), _) => out.push_str(&locale::number(style, *n)),
                        (Arg::Text(t), _) => out.push_str(t),
                        (Arg::Choice(c), _) => out.push_str(c),
                    }
                }
                Part::Plural { arg, cases } => {
                    let n = match self.arg(arg, extra) {
                        Arg::Number(n) => *n,
                        _ => 0,
                    };
                    let cat = self.catalog.locale.plural.select(n);
                    let body = cases
                        .iter()
                        .find(|(k, _)| *k == PluralKey::Exact(n))
                        .or_else(|| cases.iter().find(|(k, _)| *k == PluralKey::Cat(cat)))
                        .or_else(|| {
                            cases
                                .iter()
                                .find(|(k, _)| *k == PluralKey::Cat(plural::Category::Other))
                        });
                    if let Some((_, b)) = body {
                        self.parts(b, extra, Some(n), out);
                    }
                }
                Part::Select { arg, cases } => {
                    let key = match self.arg(arg, extra) {
                        Arg::Null => "none",
                        Arg::Choice(c) => c,
                        _ => "other",
                    };
                    let body = cases
                        .iter()
                        .find(|(k, _)| k == key)
                        .or_else(|| cases.iter().find(|(k, _)| k == "other"));
                    if let Some((_, b)) = body {
                        self.parts(b, extra, hash, out);
                    }
                }
            }
        }
    }
}
