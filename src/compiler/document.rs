//! The rules document (SPEC §2): loading, layering over the built-in
//! defaults, checking and compiling into a [`RuleSet`].
//!
//! The built-in rules are themselves a rules document (`defaults.json`),
//! written in the same condition language a merchant uses. A merchant's
//! document is layered over it: `settings`, `refund_windows` and `messages`
//! override key by key; a rule whose `id` is a built-in one overrides that
//! rule's fields (so `{"id": "payment-declined", "priority": 99}` changes one
//! field, and a full rule replaces it); `"disabled": true` removes it; other
//! ids add rules after the built-in ones.

use super::{check, parser};
use crate::calendar::{Calendar, CalendarError};
use crate::json::{Number, Value};
use crate::messages::{key, Catalog};
use crate::model::diagnostic::{Diagnostic, RulesError, Severity};
use crate::model::ir::Node;
use crate::model::limits::{self, is_name, MAX_RULES};
use crate::model::located::{self, as_text as as_str, Located};
use crate::model::rules::*;
use crate::model::schema::Field;
use crate::model::settings::{RefundWindows, Settings};
use crate::time::truncate;

/// The built-in rules document.
pub const DEFAULTS: &str = include_str!("../rules/defaults.json");

/// [`fnv1a`] of [`DEFAULTS`] (part of every rule set's fingerprint), once.
const DEFAULTS_HASH: u32 = crate::model::rules::fnv1a(DEFAULTS.as_bytes());

const TOP_KEYS: &[&str] = &["version", "settings", "refund_windows", "rules", "messages"];
string_enum!(
    /// The fields a rule object may have.
    RuleKey {
        /// `id`
        Id = "id",
        /// `when`
        When = "when",
        /// `reason`
        Reason = "reason",
        /// `severity`
        Severity = "severity",
        /// `priority`
        Priority = "priority",
        /// `actions`
        Actions = "actions",
        /// `disabled`
        Disabled = "disabled",
        /// `mask`
        Mask = "mask",
        /// `deadlines`
        Deadlines = "deadlines",
        /// `wait_until`
        WaitUntil = "wait_until",
        /// `fallback`
        Fallback = "fallback",
        /// `description`
        Description = "description",
        /// `audience`
        Audience = "audience",
    }
);

/// Where a rule comes from: the rules every rule set starts from, or the
/// merchant's document alone (a merchant's fields over a built-in rule
/// keep it built-in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    BuiltIn,
    Merchant,
}

/// One field of a rule as given, and where.
struct RawField<'v> {
    /// The field, when it is one a rule has (an unknown one is reported).
    key: Option<RuleKey>,
    /// As written.
    name: &'v str,
    value: &'v Value,
    /// Its path: `rules[3].when`, `(built-in) rules[0].actions`.
    path: String,
}

/// One rule before compiling: its fields in the order given, the
/// merchant's after the built-in ones they change.
struct RawRule<'v> {
    origin: Origin,
    /// Where the rule starts: `rules[3]` or `(built-in) rules[0]`.
    base: String,
    fields: Vec<RawField<'v>>,
}

impl<'v> RawRule<'v> {
    /// The field's value and path, the last layer's.
    fn get(&self, k: RuleKey) -> Option<(&'v Value, &str)> {
        self.fields
            .iter()
            .rev()
            .find(|f| f.key == Some(k))
            .map(|f| (f.value, f.path.as_str()))
    }

    /// Whether `disabled` is `true`.
    fn disabled(&self) -> bool {
        matches!(self.get(RuleKey::Disabled), Some((Value::Bool(true), _)))
    }
}

impl RuleSet {
    /// The built-in rules alone.
    pub fn defaults() -> Result<RuleSet, RulesError> {
        RuleSet::from_value(None)
    }

    /// Loads a merchant document given as JSON text (empty text = defaults).
    pub fn from_json(text: &str) -> Result<RuleSet, RulesError> {
        if text.trim().is_empty() {
            return RuleSet::from_value(None);
        }
        match crate::json::parse(text) {
            Ok(v) => RuleSet::from_value(Some(&v)),
            Err(e) => {
                let mut d = Diagnostic::at("", format!("invalid JSON: {}", e.message));
                d.line = Some(e.line);
                d.column = Some(e.column);
                Err(RulesError {
                    diagnostics: vec![d],
                })
            }
        }
    }

    /// Loads a merchant document (`None` or `null` = defaults).
    pub fn from_value(doc: Option<&Value>) -> Result<RuleSet, RulesError> {
        let mut diags = Vec::new();
        let set = load(doc, &mut diags);
        // Errors first, then warnings, each in the order found.
        let (mut diags, warnings): (Vec<_>, Vec<_>) = diags
            .into_iter()
            .partition(|d| d.severity != Severity::Warning);
        diags.extend(warnings);
        match set {
            Some(mut s) if !diags.iter().any(|d| d.severity == Severity::Error) => {
                s.warnings = diags;
                Ok(s)
            }
            _ => Err(RulesError { diagnostics: diags }),
        }
    }

    /// Every diagnostic of a document, never failing (for editors and CI).
    pub fn check(doc: Option<&Value>) -> Vec<Diagnostic> {
        match RuleSet::from_value(doc) {
            Ok(s) => s.warnings,
            Err(e) => e.diagnostics,
        }
    }
}

/// The built-in rules document, parsed. Natively and in Node (servers and
/// the CLI compile many documents) once per thread; the browsers' build,
/// which compiles a document or two per page, parses it each time and
/// spares the bytes of the cache.
fn defaults(diags: &mut Vec<Diagnostic>) -> Option<std::rc::Rc<Value>> {
    let parse = || crate::json::parse(DEFAULTS).map(std::rc::Rc::new);
    #[cfg(any(feature = "render", not(target_arch = "wasm32")))]
    let parse = || {
        thread_local! {
            static PARSED: std::cell::RefCell<Option<std::rc::Rc<Value>>> =
                const { std::cell::RefCell::new(None) };
        }
        PARSED.with(|cell| {
            if let Some(v) = cell.borrow().as_ref() {
                return Ok(v.clone());
            }
            let v = parse()?;
            *cell.borrow_mut() = Some(v.clone());
            Ok(v)
        })
    };
    parse()
        .map_err(|e: crate::json::ParseError| {
            diags.push(Diagnostic::at("(built-in rules)", e.to_string()))
        })
        .ok()
}

fn load(doc: Option<&Value>, diags: &mut Vec<Diagnostic>) -> Option<RuleSet> {
    let defaults = defaults(diags)?;
    let defaults = &*defaults;
    let empty = Value::Object(Vec::new());
    let doc = match located::present(doc) {
        None => &empty,
        Some(v) => {
            located::object(v, "", "a rules object")
                .map_err(|e| diags.push(e.into()))
                .ok()?;
            v
        }
    };
    check_top_keys(doc, diags);
    let settings = read_settings(defaults, doc, diags);
    let calendar = calendar_for(&settings, diags);
    let windows = read_windows(defaults, doc, diags);

    let raw = layer_rules(defaults, doc, diags);
    check_rule_count(&raw, diags);
    let mut rules = Vec::with_capacity(raw.len());
    for r in &raw {
        if let Some(rule) = compile_rule(r, &settings, diags) {
            rules.push(rule);
        }
    }
    lend_deadlines(&mut rules);
    check_condition_sizes(&rules, diags);
    let catalog = Catalog::load(doc.get("messages"), diags);
    let needed = needed_keys(&rules);
    catalog.require(&needed, diags);
    check_deadline_texts(&rules, &catalog, diags);

    let fingerprint = fnv1a(doc.to_json().as_bytes()) ^ DEFAULTS_HASH.rotate_left(7);
    let masked_codes = masked_codes(&rules);
    Some(RuleSet {
        settings,
        calendar,
        windows,
        rules,
        catalog,
        fingerprint,
        masked_codes,
        warnings: Vec::new(),
    })
}

/// Reports the document's unknown top-level keys and a `version` other
/// than 1.
fn check_top_keys(doc: &Value, diags: &mut Vec<Diagnostic>) {
    let Value::Object(entries) = doc else {
        return;
    };
    for (k, v) in entries {
        if !TOP_KEYS.contains(&k.as_str()) {
            diags.push(located::unknown(k, "key", k, TOP_KEYS, None).into());
        }
        if k == "version" && !matches!(v, Value::Number(Number::Int(1))) {
            diags.push(
                Diagnostic::at(
                    "version",
                    "unsupported version; this orderlens reads version 1",
                )
                .help(Some("write \"version\": 1".into())),
            );
        }
    }
}

/// The settings: the built-in document's (every default), then the
/// merchant's.
fn read_settings(defaults: &Value, doc: &Value, diags: &mut Vec<Diagnostic>) -> Settings {
    let mut settings = Settings::unset();
    if let Some(s) = defaults.get("settings") {
        settings.apply(s, "(built-in) settings", diags);
    }
    if let Some(s) = doc.get("settings") {
        settings.apply(s, "settings", diags);
    }
    settings
}

/// The business calendar of the settings (UTC, reported, when they name
/// an unknown zone or no business day).
fn calendar_for(settings: &Settings, diags: &mut Vec<Diagnostic>) -> Calendar {
    match Calendar::new(
        &settings.timezone,
        &settings.weekend,
        &settings.holidays,
        &settings.extra_business_days,
    ) {
        Ok(c) => c,
        Err(e) => {
            let path = match e {
                CalendarError::UnknownTimeZone { .. } => "settings.timezone",
                _ => "settings.weekend",
            };
            diags.push(Diagnostic::at(path, e.to_string()).help(e.help()));
            Calendar::utc()
        }
    }
}

/// The refund windows: the built-in document's (every method), then the
/// merchant's.
fn read_windows(defaults: &Value, doc: &Value, diags: &mut Vec<Diagnostic>) -> RefundWindows {
    let mut windows = RefundWindows(Vec::new());
    if let Some(w) = defaults.get("refund_windows") {
        windows.apply(w, "(built-in) refund_windows", diags);
    }
    if let Some(w) = doc.get("refund_windows") {
        windows.apply(w, "refund_windows", diags);
    }
    windows
}

/// Reports more than MAX_RULES enabled rules (the built-in ones included),
/// naming the first rule past the limit.
fn check_rule_count(raw: &[RawRule<'_>], diags: &mut Vec<Diagnostic>) {
    let enabled = |r: &&RawRule| !r.disabled();
    if let Some(over) = raw.iter().filter(enabled).nth(MAX_RULES) {
        let n = raw.iter().filter(enabled).count();
        diags.push(Diagnostic::at(
            &over.base,
            format!(
                "too many rules ({n} enabled; at most {MAX_RULES}, the built-in ones included)"
            ),
        ));
    }
}

/// A merchant's new rule that reuses a built-in reason and declares no
/// deadline of its own takes the deadlines of the first built-in rule with
/// that reason (so a new rule for `payment_declined` still says "pay
/// before 10:28").
fn lend_deadlines(rules: &mut [Rule]) {
    for i in 0..rules.len() {
        let Some(r) = rules.get(i) else { continue };
        if r.builtin || !r.deadlines.is_empty() || r.wait_until.is_some() {
            continue;
        }
        let donor = rules
            .iter()
            .find(|d| {
                d.builtin
                    && d.reason == r.reason
                    && d.audience == r.audience
                    && (!d.deadlines.is_empty() || d.wait_until.is_some())
            })
            .map(|d| (d.deadlines.clone(), d.wait_until.clone()));
        if let (Some((deadlines, wait_until)), Some(r)) = (donor, rules.get_mut(i)) {
            r.deadlines = deadlines;
            r.wait_until = wait_until;
        }
    }
}

/// Reports the first condition past the size limits, as the
/// compiled-bytes reader counts them (so that whatever loads here also
/// loads as bytes).
fn check_condition_sizes(rules: &[Rule], diags: &mut Vec<Diagnostic>) {
    let mut total = 0usize;
    for r in rules {
        let n = r.size.min(limits::MAX_RULE_NODES.saturating_add(1));
        total = total.saturating_add(n);
        let limit = if n > limits::MAX_RULE_NODES {
            Some(format!(
                "condition too large (more than {} parts)",
                limits::MAX_RULE_NODES
            ))
        } else if total > limits::MAX_TOTAL_NODES {
            Some(format!(
                "the conditions of all rules together are too large (more than {} parts)",
                limits::MAX_TOTAL_NODES
            ))
        } else {
            None
        };
        if let Some(msg) = limit {
            diags.push(Diagnostic::at(format!("rules[{}]", r.id), msg).rule(Some(&r.id)));
            break;
        }
    }
}

/// Reports `{deadline}` in a reason's text when its rule gives no deadline.
fn check_deadline_texts(rules: &[Rule], catalog: &Catalog, diags: &mut Vec<Diagnostic>) {
    for r in rules {
        if !r.deadlines.is_empty() || r.wait_until.is_some() {
            continue;
        }
        let views = [Audience::Buyer, Audience::Merchant];
        for (lc, view) in catalog
            .locales
            .iter()
            .flat_map(|lc| views.iter().map(move |v| (lc, *v)))
            .filter(|(_, v)| r.audience.speaks_to(*v))
        {
            for part in ["title", "body"] {
                // A masked rule shows the generic payment_declined text to
                // buyers; the seller reads its own reason.
                let reason = if r.mask && view == Audience::Buyer {
                    MASKED_REASON
                } else {
                    r.reason.as_str()
                };
                let key = key::reason(view.key_prefix(), reason, part);
                if lc.messages.get(&key).is_some_and(|m| m.needs("deadline")) {
                    diags.push(
                        Diagnostic::at(format!("messages.{}[\"{key}\"]", lc.locale.tag), format!("'{{deadline}}' is used, but rule '{}' gives no deadline", r.id))
                            .rule(Some(&r.id))
                            .help(Some("add \"deadlines\" or \"wait_until\" to the rule, or write '{deadline, select, none {...} other {...}}'".into())),
                    );
                }
            }
        }
    }
}

/// The decline codes masked from buyers, sorted: those masked by default
/// and those the masked rules test for.
fn masked_codes(rules: &[Rule]) -> Vec<String> {
    let mut found: Vec<String> = crate::decline::masked_by_default()
        .map(String::from)
        .collect();
    for r in rules.iter().filter(|r| r.mask) {
        crate::model::ir::constants_for(&r.when, Field::PaymentFailureCode, &mut found);
        crate::model::ir::constants_for(&r.when, Field::PaymentDeclineCode, &mut found);
    }
    let mut masked_codes = Vec::new();
    for c in found {
        crate::util::insert_sorted(&mut masked_codes, c);
    }
    masked_codes
}

/// Calls `f` with every message key a rule set needs in every shipped
/// locale and the id of the rule that needs it (none for the keys every rule
/// set needs), until `f` says stop (false); returns whether it went through.
/// The document loader and the compiled-bytes reader both require them.
///
/// `merchant`: whether the merchant's view is there to be shown (a rules
/// document always has it; compiled bytes for a checkout, `buyer_side`,
/// leave it out with its `merchant.*` texts and its rules' conditions).
pub(crate) fn each_needed_key(
    rules: &[Rule],
    merchant: bool,
    f: &mut dyn FnMut(&str, Option<&str>) -> bool,
) -> bool {
    if !ALWAYS_NEEDED
        .iter()
        .chain(crate::messages::WIDGET_KEYS)
        .filter(|k| merchant || !k.starts_with(MERCHANT_KEYS))
        .all(|k| f(k, None))
    {
        return false;
    }
    // One buffer for every key (this runs for every load of compiled rules).
    let mut key = String::new();
    let mut need = |parts: &[&str], rule: &Rule| {
        crate::util::write_joined(&mut key, parts);
        f(&key, Some(&rule.id))
    };
    for r in rules {
        // A rule for both views needs the texts of both.
        for view in [Audience::Buyer, Audience::Merchant] {
            if !r.audience.speaks_to(view) || (view == Audience::Merchant && !merchant) {
                continue;
            }
            let pre = view.key_prefix();
            for part in ["title", "body"] {
                if !need(&key::reason_parts(pre, &r.reason, part), r) {
                    return false;
                }
            }
            for kind in &r.actions {
                let a = kind.as_str();
                if !need(&key::action_parts(pre, a, "label"), r) {
                    return false;
                }
                for part in ["confirm.title", "confirm.body", "confirm.yes", "confirm.no"] {
                    if kind.confirms() && !need(&key::action_parts(pre, a, part), r) {
                        return false;
                    }
                }
            }
            for d in &r.deadlines {
                if !need(&key::deadline_parts(pre, &d.kind), r) {
                    return false;
                }
            }
        }
    }
    true
}

/// The keys of [`each_needed_key`], each once, in first-need order.
fn needed_keys(rules: &[Rule]) -> Vec<(String, Option<String>)> {
    let mut needed: Vec<(String, Option<String>)> = Vec::new();
    // The keys so far, looked up by halving (not a search of the list: a
    // rule set needs hundreds of keys).
    let mut seen: crate::messages::KeyMap<()> = Default::default();
    each_needed_key(rules, true, &mut |k, rule| {
        if !seen.contains_key(k) {
            seen.insert(k.to_string(), ());
            needed.push((k.to_string(), rule.map(String::from)));
        }
        true
    });
    needed
}

fn layer_rules<'v>(
    defaults: &'v Value,
    doc: &'v Value,
    diags: &mut Vec<Diagnostic>,
) -> Vec<RawRule<'v>> {
    let (mut out, mut ids) = builtin_rules(defaults);
    let merchant = match located::opt_list(doc.get("rules"), "rules", "a list of rules") {
        Ok(Some(a)) => a,
        Ok(None) => return out,
        Err(e) => {
            diags.push(e.into());
            return out;
        }
    };
    let mut seen: Vec<String> = Vec::new();
    for (i, r) in merchant.iter().enumerate() {
        let base = format!("rules[{i}]");
        let Some((id, fields)) = merchant_rule(r, &base, &seen, diags) else {
            continue;
        };
        seen.push(id.to_string());
        let layered = located(fields, &base);
        match ids.iter().position(|x| x == id) {
            Some(pos) => {
                if let Some(slot) = out.get_mut(pos) {
                    slot.fields.extend(layered);
                }
            }
            None => {
                // Enabled rules are counted once layered (below); this bounds
                // the work of layering a document with many rules.
                if out.len() >= 4 * MAX_RULES {
                    diags.push(Diagnostic::at(
                        &base,
                        format!("too many rules (at most {MAX_RULES}, the built-in ones included)"),
                    ));
                    break;
                }
                ids.push(id.to_string());
                out.push(RawRule {
                    origin: Origin::Merchant,
                    base,
                    fields: layered,
                });
            }
        }
    }
    out
}

/// The built-in rules as given, and their ids (empty for a rule without
/// one), in the same order.
fn builtin_rules(defaults: &Value) -> (Vec<RawRule<'_>>, Vec<String>) {
    let mut out: Vec<RawRule<'_>> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let builtin = match defaults.get("rules") {
        Some(Value::Array(a)) => a.as_slice(),
        _ => &[],
    };
    for (i, r) in builtin.iter().enumerate() {
        if let Value::Object(fields) = r {
            let base = format!("(built-in) rules[{i}]");
            out.push(RawRule {
                origin: Origin::BuiltIn,
                fields: located(fields, &base),
                base,
            });
            ids.push(r.get("id").and_then(as_str).unwrap_or_default().to_string());
        }
    }
    (out, ids)
}

/// A rule's fields, each with its path under `base`.
fn located<'v>(fields: &'v [(String, Value)], base: &str) -> Vec<RawField<'v>> {
    fields
        .iter()
        .map(|(k, v)| RawField {
            key: RuleKey::parse(k),
            name: k,
            value: v,
            path: crate::util::join(&[base, ".", k]),
        })
        .collect()
}

/// The id and fields of a merchant's rule at `base`; none, reported, when
/// it is not an object, has no string id, or repeats an id `seen` before.
fn merchant_rule<'v>(
    r: &'v Value,
    base: &str,
    seen: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<(&'v str, &'v [(String, Value)])> {
    let fields = located::object(r, base, "a rule object")
        .map_err(|e| diags.push(e.into()))
        .ok()?;
    let Some(id) = r.get("id").and_then(as_str) else {
        diags.push(Diagnostic::at(
            format!("{base}.id"),
            "every rule needs an 'id' (a string)",
        ));
        return None;
    };
    if seen.iter().any(|s| s == id) {
        diags.push(
            Diagnostic::at(
                format!("{base}.id"),
                format!("duplicate rule id '{}'", truncate(id)),
            )
            .rule(Some(id)),
        );
        return None;
    }
    Some((id, fields))
}

/// One rule being compiled: its layered fields, its id (named by every
/// diagnostic about it) and the settings its conditions may read.
struct RuleCx<'a> {
    r: &'a RawRule<'a>,
    id: &'a str,
    rid: Option<&'a str>,
    settings: &'a Settings,
}

/// How many errors (not warnings) `diags` holds.
fn error_count(diags: &[Diagnostic]) -> usize {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

fn compile_rule(r: &RawRule<'_>, settings: &Settings, diags: &mut Vec<Diagnostic>) -> Option<Rule> {
    let (id_v, id_path) = r.get(RuleKey::Id)?;
    let id = as_str(id_v)?.to_string();
    let cx = RuleCx {
        r,
        id: &id,
        rid: Some(&id),
        settings,
    };
    if !is_name(&id, '-') {
        diags.push(
            Diagnostic::at(
                id_path,
                format!(
                    "rule id '{}' must be lowercase letters, digits, '-' and '_'",
                    truncate(&id)
                ),
            )
            .rule(cx.rid),
        );
    }
    if r.disabled() {
        return None;
    }
    let before = error_count(diags);
    cx.check_keys(diags);
    let (when, when_src, fields) = cx.when(diags);
    let reason = cx.reason(diags);
    let severity = cx.severity(diags);
    let priority = cx.priority(diags);
    let actions = cx.actions(diags);
    let mask = cx.flag(RuleKey::Mask, diags);
    let fallback = cx.flag(RuleKey::Fallback, diags);
    let audience = cx.audience(diags);
    cx.check_action_sides(audience, diags);
    let deadlines = cx.deadlines(diags);
    let wait_until = match r.get(RuleKey::WaitUntil) {
        None | Some((Value::Null, _)) => None,
        Some((v, p)) => cx.timestamp(v, p, diags),
    };
    let builtin = r.origin == Origin::BuiltIn;
    if !builtin && actions.contains(&ActionKind::RetryPayment) {
        cx.warn_never_retried(&when, diags);
    }
    if error_count(diags) != before {
        return None;
    }
    let mut rule = Rule {
        size: 0,
        timed: false,
        id,
        reason,
        severity,
        priority,
        actions,
        when,
        when_src,
        fields,
        mask,
        deadlines,
        wait_until,
        fallback,
        builtin,
        audience,
    };
    rule.derive();
    Some(rule)
}

impl RuleCx<'_> {
    /// Reports a located error of the rule's fields, naming the rule.
    fn report(&self, e: Located, diags: &mut Vec<Diagnostic>) {
        diags.push(Diagnostic::from(e).rule(self.rid));
    }

    /// The value read, or `None` with its error reported.
    fn ok<T>(&self, read: Result<T, Located>, diags: &mut Vec<Diagnostic>) -> Option<T> {
        read.map_err(|e| self.report(e, diags)).ok()
    }

    /// Reports the rule's unknown fields and a `disabled` that is not a
    /// boolean.
    fn check_keys(&self, diags: &mut Vec<Diagnostic>) {
        for f in self.r.fields.iter().filter(|f| f.key.is_none()) {
            let e = located::unknown(&f.path, "rule field", f.name, RuleKey::ALL, None);
            self.report(e, diags);
        }
        if let Some((v, p)) = self.r.get(RuleKey::Disabled) {
            self.ok(located::boolean(v, p, "true or false"), diags);
        }
    }

    /// Reads `when`: the compiled condition (false when it is bad), its
    /// source and the order fields it reads.
    fn when(&self, diags: &mut Vec<Diagnostic>) -> (Node, String, Vec<Field>) {
        let rid = self.rid;
        let mut when = Node::Const(crate::model::ir::Const::Bool(false));
        let mut when_src = String::new();
        let mut fields = Vec::new();
        match self.r.get(RuleKey::When) {
            Some((v, p)) => {
                let Some(src) = self.ok(located::text(v, p, "a condition string"), diags) else {
                    return (when, when_src, fields);
                };
                when_src = src.to_string();
                match parser::parse(src) {
                    Ok(ast) => {
                        let c = check::check_condition(&ast, self.settings);
                        for e in c.errors {
                            diags.push(Diagnostic::in_expr(p, rid, src, &e));
                        }
                        for w in c.warnings {
                            diags.push(Diagnostic::in_expr(p, rid, src, &w).warning());
                        }
                        when = c.node;
                        fields = c.fields;
                    }
                    Err(e) => diags.push(Diagnostic::in_expr(p, rid, src, &e)),
                }
            }
            None => diags.push(
                Diagnostic::at(
                    format!("rules[{}]", self.id),
                    "the rule has no 'when' condition",
                )
                .rule(rid),
            ),
        }
        (when, when_src, fields)
    }

    /// Reads `reason`, a snake_case name (empty when missing or bad).
    fn reason(&self, diags: &mut Vec<Diagnostic>) -> String {
        match self.r.get(RuleKey::Reason) {
            Some((v, p)) => {
                let Some(s) = self.ok(located::text(v, p, "a reason name"), diags) else {
                    return String::new();
                };
                if !is_name(s, '_') {
                    diags.push(
                        Diagnostic::at(
                            p,
                            format!(
                                "reason '{}' must be snake_case: lowercase letters, digits and '_'",
                                truncate(s)
                            ),
                        )
                        .rule(self.rid),
                    );
                }
                s.to_string()
            }
            None => {
                diags.push(
                    Diagnostic::at(format!("rules[{}]", self.id), "the rule has no 'reason'")
                        .rule(self.rid),
                );
                String::new()
            }
        }
    }

    /// Reads `severity` (info when missing or bad).
    fn severity(&self, diags: &mut Vec<Diagnostic>) -> SeverityLevel {
        let Some((v, p)) = self.r.get(RuleKey::Severity) else {
            return SeverityLevel::Info;
        };
        let read = located::one_of(
            v,
            p,
            "a severity string",
            "severity",
            SeverityLevel::ALL,
            Some("severity is 'info', 'warning' or 'action_required'"),
        );
        self.ok(read, diags)
            .and_then(SeverityLevel::parse)
            .unwrap_or(SeverityLevel::Info)
    }

    /// Reads `priority`, a bounded whole number (0 when missing or bad).
    fn priority(&self, diags: &mut Vec<Diagnostic>) -> i64 {
        const WHAT: &str = "a whole number between -1000000 and 1000000";
        let Some((v, p)) = self.r.get(RuleKey::Priority) else {
            return 0;
        };
        match located::int(v, p, WHAT) {
            Ok(n) if (-limits::MAX_PRIORITY..=limits::MAX_PRIORITY).contains(&n) => n,
            _ => {
                self.report(located::expected(p, WHAT, v), diags);
                0
            }
        }
    }

    /// Reads `actions`: the known ones, each once, in order given.
    fn actions(&self, diags: &mut Vec<Diagnostic>) -> Vec<ActionKind> {
        let mut actions = Vec::new();
        let Some((v, p)) = self.r.get(RuleKey::Actions) else {
            return actions;
        };
        let read = located::opt_list(Some(v), p, "a list of actions");
        let Some(Some(a)) = self.ok(read, diags) else {
            return actions;
        };
        for (i, v) in a.iter().enumerate() {
            // The path is written out only for an error.
            let Some(k) = as_str(v).and_then(ActionKind::parse) else {
                let ap = format!("{p}[{i}]");
                let read =
                    located::one_of(v, &ap, "an action name", "action", ActionKind::ALL, None);
                if let Err(e) = read {
                    self.report(e, diags);
                }
                continue;
            };
            if !actions.contains(&k) {
                actions.push(k);
            }
        }
        actions
    }

    /// Reads a boolean field such as `mask` (false when missing or bad).
    fn flag(&self, key: RuleKey, diags: &mut Vec<Diagnostic>) -> bool {
        let Some((v, p)) = self.r.get(key) else {
            return false;
        };
        self.ok(located::boolean(v, p, "true or false"), diags)
            .unwrap_or(false)
    }

    /// Reads `audience` (the buyer when missing or bad).
    fn audience(&self, diags: &mut Vec<Diagnostic>) -> RuleAudience {
        let Some((v, p)) = self.r.get(RuleKey::Audience) else {
            return RuleAudience::Buyer;
        };
        let read = located::opt_one_of(
            Some(v),
            p,
            "'buyer', 'merchant' or 'both'",
            "audience",
            RuleAudience::ALL,
            Some("audience is 'buyer', 'merchant' or 'both'"),
        );
        self.ok(read, diags)
            .flatten()
            .and_then(RuleAudience::parse)
            .unwrap_or(RuleAudience::Buyer)
    }

    /// Reports each action only one side can take on a rule that speaks to
    /// the other side (or to both): a button nobody can use.
    fn check_action_sides(&self, audience: RuleAudience, diags: &mut Vec<Diagnostic>) {
        let Some((Value::Array(a), p)) = self.r.get(RuleKey::Actions) else {
            return;
        };
        for (i, v) in a.iter().enumerate() {
            let Some(k) = as_str(v).and_then(ActionKind::parse) else {
                continue;
            };
            let allowed = k.audience();
            if allowed == RuleAudience::Both || allowed == audience {
                continue;
            }
            let (whose, help) = match allowed {
                RuleAudience::Merchant => (
                    "a seller's action",
                    "give the rule \"audience\": \"merchant\", or offer a buyer's action",
                ),
                _ => (
                    "a buyer's action",
                    "give the rule \"audience\": \"buyer\", or offer a seller's action",
                ),
            };
            diags.push(
                Diagnostic::at(
                    format!("{p}[{i}]"),
                    format!(
                        "'{}' is {whose}, but the rule speaks to {}",
                        k.as_str(),
                        match audience {
                            RuleAudience::Both => "both the buyer and the seller",
                            RuleAudience::Merchant => "the seller (\"audience\": \"merchant\")",
                            RuleAudience::Buyer => "the buyer",
                        }
                    ),
                )
                .rule(self.rid)
                .help(Some(help.into())),
            );
        }
    }

    /// Reads a timestamp path (`deadlines[].at`, `wait_until`) at `p`; none
    /// when it is bad.
    fn timestamp(&self, v: &Value, p: &str, diags: &mut Vec<Diagnostic>) -> Option<Node> {
        let rid = self.rid;
        let what = "a timestamp field such as 'expected.auto_cancel_at'";
        let src = self.ok(located::text(v, p, what), diags)?;
        match parser::parse(src) {
            Ok(ast) => {
                let c = check::check_timestamp_path(&ast, self.settings);
                let ok = c.errors.is_empty();
                for e in c.errors {
                    diags.push(Diagnostic::in_expr(p, rid, src, &e));
                }
                ok.then_some(c.node)
            }
            Err(e) => {
                diags.push(Diagnostic::in_expr(p, rid, src, &e));
                None
            }
        }
    }

    /// Reads `deadlines`: the good ones, in order given.
    fn deadlines(&self, diags: &mut Vec<Diagnostic>) -> Vec<DeadlineSpec> {
        let mut deadlines = Vec::new();
        let Some((v, p)) = self.r.get(RuleKey::Deadlines) else {
            return deadlines;
        };
        let read = located::opt_list(Some(v), p, "a list of deadlines");
        let Some(Some(a)) = self.ok(read, diags) else {
            return deadlines;
        };
        if a.len() > limits::MAX_DEADLINES {
            diags.push(
                Diagnostic::at(
                    p,
                    format!(
                        "too many deadlines ({}; at most {})",
                        a.len(),
                        limits::MAX_DEADLINES
                    ),
                )
                .rule(self.rid),
            );
            return deadlines;
        }
        for (i, d) in a.iter().enumerate() {
            let dp = format!("{p}[{i}]");
            let kind = d.get("kind").and_then(as_str);
            match (kind, d.get("at")) {
                (Some(k), Some(at)) if is_name(k, '_') => {
                    if let Some(node) = self.timestamp(at, &format!("{dp}.at"), diags) {
                        deadlines.push(DeadlineSpec {
                            kind: k.to_string(),
                            at: node,
                        });
                    }
                }
                _ => diags.push(
                    Diagnostic::at(
                        dp,
                        "expected {\"kind\": \"auto_cancel\", \"at\": \"expected.auto_cancel_at\"}",
                    )
                    .rule(self.rid),
                ),
            }
        }
        deadlines
    }

    /// Warns when a merchant's rule offers `retry_payment` for a decline
    /// that must never be retried.
    fn warn_never_retried(&self, when: &Node, diags: &mut Vec<Diagnostic>) {
        if let (Some(code), Some((_, p))) = (never_retried(when), self.r.get(RuleKey::Actions)) {
            diags.push(
                Diagnostic::at(
                    p,
                    format!(
                        "'retry_payment' is offered for '{}', a decline the card networks forbid retrying; it is never shown for it",
                        truncate(&code)
                    ),
                )
                .rule(self.rid)
                .help(Some("offer 'update_payment_method' instead".into()))
                .warning(),
            );
        }
    }
}

/// A never-approve decline a condition tests for (a code, the advice
/// `do_not_try_again` or the group `never_approve`), if any: `retry_payment`
/// is never offered for those (SPEC §2.3).
fn never_retried(when: &Node) -> Option<String> {
    use crate::decline::{DeclineGroup, ADVICE, CODES};
    let mut found = Vec::new();
    crate::model::ir::constants_for(when, Field::PaymentFailureCode, &mut found);
    crate::model::ir::constants_for(when, Field::PaymentDeclineCode, &mut found);
    let never = |c: &String| {
        CODES
            .iter()
            .any(|x| x.0 == c && x.1 == DeclineGroup::NeverApprove)
    };
    if let Some(c) = found.iter().find(|c| never(c)) {
        return Some(c.clone());
    }
    let mut advice = Vec::new();
    crate::model::ir::constants_for(when, Field::PaymentAdviceCode, &mut advice);
    if let Some(a) = advice.into_iter().find(|a| {
        ADVICE
            .iter()
            .any(|x| x.0 == a && x.1 == DeclineGroup::NeverApprove)
    }) {
        return Some(a);
    }
    let mut groups = Vec::new();
    crate::model::ir::constants_for(when, Field::PaymentDeclineGroup, &mut groups);
    groups
        .into_iter()
        .find(|g| g == DeclineGroup::NeverApprove.as_str())
}
