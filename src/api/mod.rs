//! The Rust API: what a Rust front-end (Leptos, Yew, Dioxus), a server or a
//! test harness uses to explain orders, with no JavaScript in between.
//!
//! It is the same engine as the npm package and the CLI, and gives the same
//! diagnoses byte for byte (the JS front doors load rules through
//! [`Rules`] too).
//!
//! # Quick start
//!
//! ```
//! use orderlens::api::{ActionKind, ExplainOptions, Rules};
//!
//! // The built-in rules, or a merchant's document layered over them
//! // (`Rules::from_json`), or rules compiled ahead of time
//! // (`Rules::from_bytes`, what `orderlens compile` writes).
//! let rules = Rules::from_json(r#"{"settings": {"timezone": "Asia/Shanghai"}}"#)?;
//!
//! let order = r#"{
//!   "id": "A-1001", "status": "unconfirmed", "created_at": "2026-11-21T09:58:00+08:00",
//!   "currency": "CNY", "total": 12900,
//!   "payment": { "method": "card", "state": "failed", "failure_code": "insufficient_funds",
//!                "attempts": 1, "updated_at": "2026-11-21T10:00:00+08:00" }
//! }"#;
//! let options = ExplainOptions::at("2026-11-21T02:05:00Z")?.locale("en");
//! let d = rules.explain(order, &options)?;
//!
//! assert_eq!(d.headline.reason, "payment_declined");
//! assert_eq!(d.headline.title, "Not enough funds on this card");
//! assert_eq!(d.actions[0].kind, ActionKind::RetryPayment);
//! assert!(d.actions[0].primary);
//! assert_eq!(d.deadlines[0].kind, "auto_cancel");
//! assert_eq!(d.deadlines[0].at.to_rfc3339(), "2026-11-21T02:28:00Z");
//! // The widget re-renders by itself at this moment:
//! assert_eq!(d.valid_until, Some(d.deadlines[0].at));
//! # Ok::<(), orderlens::api::Error>(())
//! ```
//!
//! # What is here
//!
//! - [`Rules`]: load rules (a document, compiled bytes or the built-in
//!   ones), then [`Rules::explain`] orders (JSON text) or
//!   [`Rules::explain_order`] typed [`Order`]s, any number of times;
//!   [`Rules::evaluate`] gives the same decision without any text
//!   ([`Decision`]), for servers and batches.
//! - [`ExplainOptions`]: the evaluation time, the locale, and optionally the
//!   viewer's time zone for the times in texts.
//! - [`Diagnosis`] and its parts: typed values (`ActionKind`, `SeverityLevel`,
//!   [`RefundStage`], [`StageState`], [`Timestamp`]) that serialize with
//!   serde to exactly the JSON of SPEC §3 (feature `serde`, on by default)
//!   and deserialize from it, for a host that receives a diagnosis from its
//!   server.
//! - [`Error`]: one error type; [`Error::diagnostics`] locates every problem
//!   (the JSON path, and the line and column inside a rule's condition).
//! - [`TimeZoneSource`]: where UTC offsets come from; by default the
//!   target's own (the host's `Intl` in wasm, the tz database natively).
//!
//! # Builds
//!
//! The API is the same on every target. In `wasm32` it reads time zones
//! through the host's `Intl` and the clock through `Date.now()` ([`now`]).
//! Loading a rules document links the rules compiler in; a page that must
//! stay small loads compiled bytes only ([`Rules::from_bytes`]) and lets
//! the linker drop the compiler.

#![warn(missing_docs)]

mod diagnosis;
#[cfg(feature = "serde")]
mod serde_impls;

use std::fmt;

pub use crate::calendar::Calendar;
pub use crate::model::diagnostic::{Diagnostic, RulesError, Severity as DiagnosticSeverity};
pub use crate::model::rules::{ActionKind, Audience, RuleSet, SeverityLevel};
pub use crate::order::{FieldError, Order, OrderError};
pub use crate::refund::StageState;
pub use crate::time::Timestamp;
pub use diagnosis::{
    Action, Confirm, Deadline, Decision, DecisionDeadline, Diagnosis, Reason, RefundStage,
    TimelineStage, Trace, Warning,
};

use crate::model::diagnostic::Severity;

/// Shared ownership of a loaded rule set: `Arc` natively (rules are shared
/// between threads), `Rc` in wasm (one thread; the wasm calendar holds JS
/// values).
#[cfg(not(target_arch = "wasm32"))]
type Shared<T> = std::sync::Arc<T>;
#[cfg(target_arch = "wasm32")]
type Shared<T> = std::rc::Rc<T>;

/// Where the calendar's UTC offsets come from: for the shop's
/// `settings.timezone` (deadlines, business days) and the viewer's zone of
/// [`ExplainOptions::time_zone`].
///
/// ```
/// use orderlens::api::{ExplainOptions, Rules, TimeZoneSource};
///
/// let doc = r#"{"settings": {"timezone": "Asia/Shanghai"}}"#;
/// // A host that knows the shop is at UTC+8 all year and wants no lookups.
/// let rules = Rules::from_json(doc)?.with_time_zone_source(TimeZoneSource::FixedOffset(8 * 3600))?;
/// assert_eq!(rules.timezone(), "Asia/Shanghai");
/// # Ok::<(), orderlens::api::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeZoneSource {
    /// The target's own source: the tz database compiled in (`chrono-tz`)
    /// natively; the host's `Intl.DateTimeFormat` (browser, Node, Deno,
    /// workers) in wasm, so that no tz database ships in the wasm. What the
    /// npm package and the CLI use.
    #[default]
    Builtin,
    /// One UTC offset, in seconds east of Greenwich (`28800` for UTC+8), at
    /// every instant and for every zone name: the shop's calendar and the
    /// viewer's zone alike. Daylight saving time is not followed. Names are
    /// still checked against the built-in source when the rules load, and
    /// kept as labels. At most 23:59:59 either way.
    FixedOffset(i32),
}

impl TimeZoneSource {
    /// `calendar` with its offsets from this source.
    fn apply(self, calendar: &Calendar) -> Result<Calendar, Error> {
        match self {
            TimeZoneSource::Builtin => Ok(calendar.clone()),
            TimeZoneSource::FixedOffset(s) => {
                calendar
                    .with_fixed_offset(s)
                    .ok_or_else(|| Error::InvalidOption {
                        option: "time_zone_source".into(),
                        message: format!(
                            "a fixed offset must be under 24 hours (86400 seconds), not {s}"
                        ),
                    })
            }
        }
    }

    /// The viewer's zone `name` from this source.
    fn zone(self, name: &str) -> Result<Calendar, Error> {
        let unknown = || Error::TimeZone {
            name: crate::time::truncate(name),
            suggestion: crate::calendar::suggest_time_zone(name),
        };
        match self {
            TimeZoneSource::Builtin => Calendar::zone(name).ok_or_else(unknown),
            TimeZoneSource::FixedOffset(_) => self.apply(&Calendar::utc()),
        }
    }
}

/// When, in which language, and in whose time zone a diagnosis speaks.
///
/// ```
/// use orderlens::api::{ExplainOptions, Timestamp};
///
/// let o = ExplainOptions::at("2026-11-21T02:05:00Z")?
///     .locale("zh-Hans-CN")              // negotiated: zh-CN
///     .time_zone("America/Los_Angeles"); // times in texts in the viewer's zone
/// assert_eq!(o.now(), Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap());
/// assert_eq!(o.locale_tag(), "zh-Hans-CN");
///
/// // Now, in English, times in the shop's zone:
/// let o = ExplainOptions::new(orderlens::api::now());
/// assert_eq!(o.locale_tag(), "en");
/// # Ok::<(), orderlens::api::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ExplainOptions {
    now: Timestamp,
    locale: String,
    time_zone: Option<String>,
    audience: Audience,
}

impl ExplainOptions {
    /// At `now`, in English, times in the shop's zone.
    pub fn new(now: Timestamp) -> ExplainOptions {
        ExplainOptions {
            now,
            locale: "en".into(),
            time_zone: None,
            audience: Audience::Buyer,
        }
    }

    /// At `now` given as RFC 3339 text (`2026-11-21T02:05:00Z`). An invalid
    /// time is an [`Error::InvalidOption`].
    pub fn at(now: &str) -> Result<ExplainOptions, Error> {
        Timestamp::parse_rfc3339(now)
            .map(ExplainOptions::new)
            .map_err(|e| Error::InvalidOption {
                option: "now".into(),
                message: e.to_string(),
            })
    }

    /// The locale: a language tag (`ru-RU`) or an `Accept-Language` list
    /// (`de-CH, ru;q=0.8`), negotiated against the rules' locales
    /// (`zh-Hans-CN` → `zh-CN`, anything unknown → `en`).
    pub fn locale(mut self, locale: impl Into<String>) -> ExplainOptions {
        self.locale = locale.into();
        self
    }

    /// Shows the times in texts in the viewer's IANA time zone (e.g. the
    /// browser's) instead of the shop's `settings.timezone`. Deadlines and
    /// business days are still counted in the shop's calendar. An unknown
    /// zone is an [`Error::TimeZone`] when explaining.
    pub fn time_zone(mut self, zone: impl Into<String>) -> ExplainOptions {
        self.time_zone = Some(zone.into());
        self
    }

    /// Whose view (SPEC §3.3): the buyer's (the default) or the
    /// merchant's, for a shop's back office: the seller's reasons, actions
    /// and deadlines, and what masking hides from buyers, marked
    /// `confidential`.
    pub fn audience(mut self, audience: Audience) -> ExplainOptions {
        self.audience = audience;
        self
    }

    /// The view asked for.
    pub fn view(&self) -> Audience {
        self.audience
    }

    /// The evaluation time.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// The locale as given.
    pub fn locale_tag(&self) -> &str {
        &self.locale
    }

    /// The viewer's time zone, if one was given.
    pub fn viewer_time_zone(&self) -> Option<&str> {
        self.time_zone.as_deref()
    }
}

/// The current time: `Date.now()` in wasm, the system clock natively.
pub fn now() -> Timestamp {
    #[cfg(target_arch = "wasm32")]
    let ms = crate::host::js::Date::now() as i64;
    #[cfg(not(target_arch = "wasm32"))]
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Timestamp::from_millis(ms).unwrap_or_else(|| Timestamp(0).plus_ms(ms))
}

/// Why rules, an order or an option could not be used. Every variant
/// locates its problems: [`Error::diagnostics`] lists them uniformly.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The rules document (or compiled bytes) has errors: every one of them,
    /// each with its JSON path, and inside a condition its rule, line and
    /// column.
    Rules(RulesError),
    /// The order cannot be read: every bad field, with its JSON path.
    Order(OrderError),
    /// The viewer's time zone of [`ExplainOptions::time_zone`] is unknown.
    TimeZone {
        /// The name as given (shortened if very long).
        name: String,
        /// The nearest known name, if one is close.
        suggestion: Option<String>,
    },
    /// An option is out of range (an invalid `now`, an unknown locale for
    /// [`Rules::to_bytes_for`], a fixed offset of 24 hours or more).
    InvalidOption {
        /// Which option: `now`, `locales`, `time_zone_source`.
        option: String,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// Every problem, located: for rules, the diagnostics as they are
    /// (errors first, then warnings); for an order, one per bad field with
    /// its path in the order (`payment.state`); for an option, one with the
    /// option's name as its path.
    ///
    /// ```
    /// use orderlens::api::{ExplainOptions, Rules};
    ///
    /// let rules = Rules::builtin()?;
    /// let order = r#"{"id": "A-1", "status": "unconfirmd", "created_at": "2026-11-21T02:00:00Z",
    ///                 "payment": {"state": "paid"}}"#;
    /// let e = rules.explain(order, &ExplainOptions::at("2026-11-21T02:05:00Z")?).unwrap_err();
    /// let found = e.diagnostics();
    /// assert_eq!(found.len(), 2);
    /// assert_eq!(found[0].path, "status");
    /// assert_eq!(found[0].help.as_deref(), Some("did you mean 'unconfirmed'?"));
    /// assert_eq!(found[1].path, "payment.state");
    /// # Ok::<(), orderlens::api::Error>(())
    /// ```
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Error::Rules(e) => e.diagnostics.clone(),
            Error::Order(e) => e
                .errors
                .iter()
                .map(|f| Diagnostic::at(f.path.clone(), f.message.clone()).help(f.help.clone()))
                .collect(),
            Error::TimeZone { .. } => {
                vec![
                    Diagnostic::at("time_zone", self.to_string()).help(self.help().or_else(|| {
                        Some("use an IANA time-zone name such as 'Europe/Berlin' or 'UTC'".into())
                    })),
                ]
            }
            Error::InvalidOption { option, message } => {
                vec![Diagnostic::at(option.clone(), message.clone())]
            }
        }
    }

    /// The help line of a one-problem error ("did you mean …?"), if any.
    fn help(&self) -> Option<String> {
        match self {
            Error::TimeZone {
                suggestion: Some(s),
                ..
            } => Some(crate::suggest::did_you_mean(s)),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Rules(e) => e.fmt(f),
            Error::Order(e) => write!(f, "invalid order: {e}"),
            Error::TimeZone { name, .. } => {
                write!(f, "unknown time zone '{name}'")?;
                if let Some(h) = self.help() {
                    write!(f, "; {h}")?;
                }
                Ok(())
            }
            Error::InvalidOption { option, message } => write!(f, "{option}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<RulesError> for Error {
    fn from(e: RulesError) -> Error {
        Error::Rules(e)
    }
}

impl From<OrderError> for Error {
    fn from(e: OrderError) -> Error {
        Error::Order(e)
    }
}

/// Loaded, checked rules: load once, explain many orders. Cheap to clone
/// (shared); equal when they are the same load with the same
/// [`TimeZoneSource`].
#[derive(Clone, Debug)]
pub struct Rules {
    set: Shared<RuleSet>,
    zones: TimeZoneSource,
}

impl PartialEq for Rules {
    fn eq(&self, other: &Rules) -> bool {
        Shared::ptr_eq(&self.set, &other.set) && self.zones == other.zones
    }
}

impl Rules {
    fn new(set: RuleSet) -> Rules {
        Rules {
            set: Shared::new(set),
            zones: TimeZoneSource::Builtin,
        }
    }

    /// The built-in rules (SPEC §3.1) with their messages in every shipped
    /// locale (en, zh-CN, ru).
    ///
    /// ```
    /// let rules = orderlens::api::Rules::builtin()?;
    /// assert_eq!(rules.locales(), ["en", "zh-CN", "ru"]);
    /// assert_eq!(rules.timezone(), "UTC");
    /// # Ok::<(), orderlens::api::Error>(())
    /// ```
    pub fn builtin() -> Result<Rules, Error> {
        Ok(Rules::new(RuleSet::defaults()?))
    }

    /// A merchant's rules document (JSON text, SPEC §2) layered over the
    /// built-in rules; empty text or `{}` is the built-in rules. Every
    /// problem of the document is reported at once.
    ///
    /// ```
    /// use orderlens::api::{Error, Rules};
    ///
    /// let doc = r#"{"rules": [{"id": "x", "when": "payment.stat == 'failed'", "reason": "x"}]}"#;
    /// let Err(Error::Rules(e)) = Rules::from_json(doc) else { panic!("loaded a bad document") };
    /// let d = &e.diagnostics[0];
    /// assert_eq!((d.rule.as_deref(), d.path.as_str()), (Some("x"), "rules[0].when"));
    /// assert_eq!((d.line, d.column), (Some(1), Some(1)));
    /// assert_eq!(d.help.as_deref(), Some("did you mean 'payment.state'?"));
    /// ```
    pub fn from_json(document: &str) -> Result<Rules, Error> {
        Ok(Rules::new(RuleSet::from_json(document)?))
    }

    /// Rules compiled ahead of time (`orderlens compile`, [`Rules::to_bytes`],
    /// `compileRules(doc).toBytes()` in Node). Damaged bytes, or bytes of
    /// another orderlens version, are an [`Error::Rules`] that says to
    /// compile again.
    ///
    /// ```
    /// use orderlens::api::Rules;
    ///
    /// let bytes = Rules::from_json(r#"{"settings": {"timezone": "Europe/Moscow"}}"#)?.to_bytes();
    /// let rules = Rules::from_bytes(&bytes)?;
    /// assert_eq!(rules.timezone(), "Europe/Moscow");
    /// assert!(Rules::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    /// # Ok::<(), orderlens::api::Error>(())
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Rules, Error> {
        Ok(Rules::new(RuleSet::from_bytes(bytes)?))
    }

    /// Compiled bytes or a document's JSON text, told apart by the compiled
    /// rules' signature (what the CLI's `--rules` accepts).
    pub fn load(rules: &[u8]) -> Result<Rules, Error> {
        if crate::runtime::bytes::is_compiled(rules) {
            Rules::from_bytes(rules)
        } else {
            Rules::from_json(&String::from_utf8_lossy(rules))
        }
    }

    /// These rules with their offsets from `source` (the default is
    /// [`TimeZoneSource::Builtin`]).
    pub fn with_time_zone_source(self, source: TimeZoneSource) -> Result<Rules, Error> {
        let base = match self.zones {
            // Back to the zone's own offsets: resolve it again.
            TimeZoneSource::FixedOffset(_) => {
                let s = &self.set.settings;
                Calendar::new(&s.timezone, &s.weekend, &s.holidays, &s.extra_business_days)
                    .map_err(|e| Error::TimeZone {
                        name: s.timezone.clone(),
                        suggestion: match e {
                            crate::calendar::CalendarError::UnknownTimeZone {
                                suggestion, ..
                            } => suggestion,
                            crate::calendar::CalendarError::NoBusinessDays => None,
                        },
                    })?
            }
            TimeZoneSource::Builtin => self.set.calendar.clone(),
        };
        let calendar = source.apply(&base)?;
        let mut set = RuleSet::clone(&self.set);
        set.calendar = calendar;
        Ok(Rules {
            set: Shared::new(set),
            zones: source,
        })
    }

    /// Where these rules' offsets come from.
    pub fn time_zone_source(&self) -> TimeZoneSource {
        self.zones
    }

    /// The diagnosis of an order given as JSON text (SPEC §1). A bad order
    /// is an [`Error::Order`] listing every bad field.
    pub fn explain(&self, order: &str, options: &ExplainOptions) -> Result<Diagnosis, Error> {
        let order = Order::from_json(order)?;
        self.explain_order(&order, options)
    }

    /// The diagnosis of a typed order (read once with [`Order::from_json`],
    /// or built by the host).
    ///
    /// ```
    /// use orderlens::api::{ExplainOptions, Order, Rules, SeverityLevel};
    ///
    /// let rules = Rules::builtin()?;
    /// let order = Order::from_json(r#"{"id": "A-7", "status": "delivered",
    ///   "created_at": "2026-11-01T08:00:00Z",
    ///   "shipment": {"shipped_at": "2026-11-02T08:00:00Z", "delivered_at": "2026-11-05T08:00:00Z"}}"#)?;
    /// let d = rules.explain_order(&order, &ExplainOptions::at("2026-11-06T08:00:00Z")?.locale("ru"))?;
    /// assert_eq!(d.locale, "ru");
    /// assert_eq!(d.headline.reason, "awaiting_receipt_confirmation");
    /// assert_eq!(d.headline.severity, SeverityLevel::ActionRequired);
    /// # Ok::<(), orderlens::api::Error>(())
    /// ```
    pub fn explain_order(
        &self,
        order: &Order,
        options: &ExplainOptions,
    ) -> Result<Diagnosis, Error> {
        self.core_diagnosis(order, options).map(Diagnosis::from)
    }

    /// The diagnosis as the JSON text of SPEC §3 (what `orderlens explain
    /// --json` prints and the npm package returns), without building the
    /// typed values: for a server that passes it on.
    pub fn explain_json(&self, order: &str, options: &ExplainOptions) -> Result<String, Error> {
        let order = Order::from_json(order)?;
        self.core_diagnosis(&order, options).map(|d| d.to_json())
    }

    fn core_diagnosis(
        &self,
        order: &Order,
        options: &ExplainOptions,
    ) -> Result<crate::diagnosis::Diagnosis, Error> {
        let zone = match &options.time_zone {
            Some(name) => Some(self.zones.zone(name)?),
            None => None,
        };
        Ok(self.set.explain_for(
            order,
            options.now,
            &options.locale,
            zone.as_ref(),
            options.audience,
        ))
    }

    /// The decision for an order given as JSON text at `now`, without any
    /// text (SPEC §4.1 `evaluate`): the matched rules, reasons, action kinds
    /// and deadlines the diagnosis would show, for servers and batches that
    /// need no words (no message is rendered, so it costs less).
    ///
    /// ```
    /// use orderlens::api::{ActionKind, ExplainOptions, Rules, Timestamp};
    ///
    /// let rules = Rules::builtin()?;
    /// let order = r#"{"id": "A-1", "status": "pending_payment", "created_at": "2026-11-21T02:00:00Z"}"#;
    /// let now = Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap();
    /// let e = rules.evaluate(order, now)?;
    /// assert_eq!(e.reasons, ["checkout_incomplete"]);
    /// assert_eq!(e.actions, [ActionKind::RetryPayment, ActionKind::CancelOrder]);
    /// assert_eq!(e.deadlines[0].kind, "auto_cancel");
    /// assert_eq!(e.to_json(), r#"{"order_id":"A-1","rules":["checkout-incomplete"],"reasons":["checkout_incomplete"],"actions":["retry_payment","cancel_order"],"deadlines":[{"kind":"auto_cancel","at":"2026-11-21T02:30:00Z"}],"valid_until":"2026-11-21T02:30:00Z"}"#);
    ///
    /// // What explain says at the same time, minus the words.
    /// let d = rules.explain(order, &ExplainOptions::new(now))?;
    /// assert_eq!(d.reasons[0].reason, e.reasons[0]);
    /// assert_eq!(d.deadlines[0].at, e.deadlines[0].at);
    /// # Ok::<(), orderlens::api::Error>(())
    /// ```
    pub fn evaluate(&self, order: &str, now: Timestamp) -> Result<Decision, Error> {
        let order = Order::from_json(order)?;
        Ok(self.evaluate_order(&order, now))
    }

    /// [`Rules::evaluate`] of a typed order.
    pub fn evaluate_order(&self, order: &Order, now: Timestamp) -> Decision {
        self.set.decide(order, now).into()
    }

    /// [`Rules::evaluate_order`] in a view: the merchant's decision (the
    /// seller's reasons, actions and deadlines) or the buyer's.
    pub fn evaluate_order_for(
        &self,
        order: &Order,
        now: Timestamp,
        audience: Audience,
    ) -> Decision {
        self.set.decide_for(order, now, audience).into()
    }

    /// [`Rules::evaluate`] as the JSON text of SPEC §4.1, without building
    /// the typed values.
    pub fn evaluate_json(&self, order: &str, now: Timestamp) -> Result<String, Error> {
        let order = Order::from_json(order)?;
        Ok(self.set.decide(&order, now).to_json())
    }

    /// One catalog message in a locale: the widget's own labels
    /// (`widget.support_code`, `widget.countdown`, …) or any other key, with
    /// placeholder values as text (`("minutes", "23")`). Never fails: an
    /// unknown key gives an empty string.
    ///
    /// ```
    /// let rules = orderlens::api::Rules::builtin()?;
    /// assert_eq!(rules.message("widget.support_code", &[], "en"), "Support code:");
    /// assert_eq!(rules.message("no.such.key", &[], "en"), "");
    /// # Ok::<(), orderlens::api::Error>(())
    /// ```
    pub fn message(&self, key: &str, values: &[(&str, &str)], locale: &str) -> String {
        self.set.message(key, values, locale)
    }

    /// The rules as compiled bytes, for [`Rules::from_bytes`] here, in a
    /// browser page's `orderlens/runtime` or in the CLI (what `orderlens
    /// compile` writes): every locale.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.set.to_bytes()
    }

    /// [`Rules::to_bytes`] with the messages of `locales` only (and English,
    /// the fallback): what a page serving those locales loads.
    pub fn to_bytes_for(&self, locales: &[&str]) -> Result<Vec<u8>, Error> {
        self.set
            .with_locales(locales)
            .map(|s| s.to_bytes())
            .map_err(|message| Error::InvalidOption {
                option: "locales".into(),
                message,
            })
    }

    /// The locales the messages cover, e.g. `["en", "zh-CN", "ru"]`.
    pub fn locales(&self) -> Vec<String> {
        self.set.catalog.tags()
    }

    /// The shop's IANA time zone (`settings.timezone`, canonical case):
    /// deadlines are counted and, by default, times shown in it.
    pub fn timezone(&self) -> &str {
        self.set.calendar.timezone()
    }

    /// `settings.support_url`, if set.
    pub fn support_url(&self) -> Option<&str> {
        self.set.settings.support_url.as_deref()
    }

    /// The rule set's 32-bit fingerprint (part of every support code).
    pub fn fingerprint(&self) -> u32 {
        self.set.fingerprint
    }

    /// Warnings found while loading (a document that loads may still have
    /// some: a merchant locale that lacks a message falls back to English).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.set.warnings
    }

    /// The engine's rule set, for what this API does not cover.
    pub fn rule_set(&self) -> &RuleSet {
        &self.set
    }
}

/// Every diagnostic of a rules document (JSON text), errors and warnings;
/// never fails: for editors and CI. No error in the list means it loads.
///
/// ```
/// use orderlens::api::{check, DiagnosticSeverity};
///
/// let found = check(r#"{"settings": {"timezone": "Asia/Shangai"}}"#);
/// assert_eq!(found[0].severity, DiagnosticSeverity::Error);
/// assert_eq!(found[0].path, "settings.timezone");
/// assert_eq!(found[0].help.as_deref(), Some("did you mean 'Asia/Shanghai'?"));
/// assert!(check("{}").iter().all(|d| d.severity != DiagnosticSeverity::Error));
/// ```
pub fn check(document: &str) -> Vec<Diagnostic> {
    match RuleSet::from_json(document) {
        Ok(s) => s.warnings,
        Err(e) => e.diagnostics,
    }
}

/// Whether a list of diagnostics holds an error (not only warnings).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
