//! Server-side rendering of a diagnosis (SPEC §4.4): the widget's markup as
//! HTML with a declarative shadow root ([`html`]), and a transactional
//! e-mail ([`email`]). One implementation for the CLI and the npm package's
//! Node build (the wasm `render` feature; no browser build carries it).
//!
//! Input is a [`Diagnosis`]: natively the typed value, in JavaScript the
//! object `explain()` returned, read back here from its JSON with every
//! problem located (`headline.title: expected a string`).

pub mod email;
pub mod html;

use crate::diagnosis::{
    Action, Confirm, Deadline, Diagnosis, Reason, StageState, TimelineStage, Trace,
};
use crate::json::Value;
use crate::model::rules::{ActionKind, RuleSet, SeverityLevel};
use crate::order::{FieldError, OrderError};
use crate::time::Timestamp;

pub use email::{render_email, Email, EmailOptions};
pub use html::{render_html, HtmlOptions};

/// Text escaped for HTML text and double-quoted attribute values.
pub(crate) fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Whether a link target is an `http:` / `https:` URL (SPEC §2.2), the only
/// links rendered.
pub(crate) fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https:") || lower.starts_with("http:")
}

/// Checks an option that must be an http(s) URL.
pub(crate) fn http_option(name: &str, url: Option<&str>) -> Result<Option<String>, String> {
    match url {
        None => Ok(None),
        Some(u) if is_http_url(u) && u.len() <= 2048 => Ok(Some(u.to_string())),
        Some(u) => Err(format!(
            "{name}: '{}' is not an http(s) URL",
            crate::time::truncate(u)
        )),
    }
}

/// Reads a diagnosis (SPEC §3) from its JSON text, as `explain` wrote it.
/// Every problem is reported, located by its path.
pub fn read_diagnosis(text: &str) -> Result<Diagnosis, OrderError> {
    let v = crate::json::parse(text).map_err(|e| OrderError {
        errors: vec![FieldError {
            path: String::new(),
            message: format!("invalid JSON at {e}"),
            help: None,
        }],
    })?;
    diagnosis_from_value(&v)
}

/// Reads a diagnosis from a parsed JSON value.
pub fn diagnosis_from_value(v: &Value) -> Result<Diagnosis, OrderError> {
    let mut r = Reader { errors: Vec::new() };
    if !matches!(v, Value::Object(_)) {
        r.fail(
            "",
            format!("expected a diagnosis object, found {}", v.type_name()),
        );
        return Err(OrderError { errors: r.errors });
    }
    let headline = r.reason(v.get("headline"), "headline");
    let d = Diagnosis {
        order_id: r.string(v, "", "order_id"),
        locale: r.string(v, "", "locale"),
        now: r.time(v.get("now"), "now").unwrap_or(Timestamp(0)),
        headline,
        reasons: r.list(v, "", "reasons", |r, x, p| r.reason(Some(x), p)),
        actions: r.list(v, "", "actions", Reader::action),
        deadlines: r.list(v, "", "deadlines", |r, x, p| Deadline {
            kind: r.string(x, p, "kind"),
            at: r.time(x.get("at"), &join(p, "at")).unwrap_or(Timestamp(0)),
            label: r.string(x, p, "label"),
        }),
        timeline: r.list(v, "", "timeline", Reader::stage),
        valid_until: r.opt_time(v, "", "valid_until"),
        trace: r.list(v, "", "trace", |r, x, p| Trace {
            rule: r.string(x, p, "rule"),
            fields: match x.get("fields") {
                Some(Value::Object(f)) => f.clone(),
                _ => Vec::new(),
            },
        }),
        support_code: r.string(v, "", "support_code"),
        warnings: r.list(v, "", "warnings", |r, x, p| FieldError {
            path: r.string(x, p, "path"),
            message: r.string(x, p, "message"),
            help: None,
        }),
    };
    if r.errors.is_empty() {
        Ok(d)
    } else {
        Err(OrderError { errors: r.errors })
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

struct Reader {
    errors: Vec<FieldError>,
}

impl Reader {
    fn fail(&mut self, path: &str, message: String) {
        // The first 100, like order errors.
        if self.errors.len() < 100 {
            self.errors.push(FieldError {
                path: path.to_string(),
                message,
                help: None,
            });
        }
    }

    fn string(&mut self, v: &Value, path: &str, key: &str) -> String {
        match v.get(key) {
            Some(Value::String(s)) => s.clone(),
            other => {
                let found = other.map_or("nothing", Value::type_name);
                self.fail(
                    &join(path, key),
                    format!("expected a string, found {found}"),
                );
                String::new()
            }
        }
    }

    /// One of `names` (a `&'static str`, as the typed diagnosis holds it).
    fn name(&mut self, v: &Value, path: &str, key: &str, names: &[&'static str]) -> &'static str {
        let s = self.string(v, path, key);
        match names.iter().find(|n| **n == s) {
            Some(n) => n,
            None => {
                if !s.is_empty() || matches!(v.get(key), Some(Value::String(_))) {
                    self.fail(
                        &join(path, key),
                        format!(
                            "unknown value '{}'; expected one of {}",
                            crate::time::truncate(&s),
                            names.join(", ")
                        ),
                    );
                }
                names.first().copied().unwrap_or("")
            }
        }
    }

    fn time(&mut self, v: Option<&Value>, path: &str) -> Option<Timestamp> {
        match v {
            Some(Value::String(s)) => match Timestamp::parse_rfc3339(s) {
                Ok(t) => Some(t),
                Err(e) => {
                    self.fail(path, e.to_string());
                    None
                }
            },
            other => {
                let found = other.map_or("nothing", Value::type_name);
                self.fail(
                    path,
                    format!("expected an RFC 3339 timestamp, found {found}"),
                );
                None
            }
        }
    }

    fn opt_time(&mut self, v: &Value, path: &str, key: &str) -> Option<Timestamp> {
        match v.get(key) {
            None | Some(Value::Null) => None,
            x => self.time(x, &join(path, key)),
        }
    }

    fn opt_string(&mut self, v: &Value, path: &str, key: &str) -> Option<String> {
        match v.get(key) {
            None | Some(Value::Null) => None,
            _ => Some(self.string(v, path, key)),
        }
    }

    fn list<T>(
        &mut self,
        v: &Value,
        path: &str,
        key: &str,
        mut f: impl FnMut(&mut Self, &Value, &str) -> T,
    ) -> Vec<T> {
        let here = join(path, key);
        match v.get(key) {
            // `warnings` is in the JSON only when there is any.
            None if key == "warnings" => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    let p = format!("{here}[{i}]");
                    if !matches!(x, Value::Object(_)) {
                        self.fail(&p, format!("expected an object, found {}", x.type_name()));
                    }
                    f(self, x, &p)
                })
                .collect(),
            other => {
                let found = other.map_or("nothing", Value::type_name);
                self.fail(&here, format!("expected an array, found {found}"));
                Vec::new()
            }
        }
    }

    fn reason(&mut self, v: Option<&Value>, path: &str) -> Reason {
        let Some(v @ Value::Object(_)) = v else {
            let found = v.map_or("nothing", Value::type_name);
            self.fail(path, format!("expected an object, found {found}"));
            return Reason {
                reason: String::new(),
                rule: String::new(),
                severity: SeverityLevel::Info,
                title: String::new(),
                body: String::new(),
                confidential: false,
            };
        };
        Reason {
            reason: self.string(v, path, "reason"),
            // The headline of a diagnosis always names its rule; a reason
            // written without one reads as no rule.
            rule: match v.get("rule") {
                None => String::new(),
                _ => self.string(v, path, "rule"),
            },
            severity: SeverityLevel::parse(self.name(v, path, "severity", SeverityLevel::ALL))
                .unwrap_or(SeverityLevel::Info),
            title: self.string(v, path, "title"),
            body: self.string(v, path, "body"),
            // The merchant's view marks what buyers are never told.
            confidential: matches!(v.get("confidential"), Some(Value::Bool(true))),
        }
    }

    fn action(&mut self, v: &Value, path: &str) -> Action {
        let confirm = match v.get("confirm") {
            None | Some(Value::Null) => None,
            Some(c) => {
                let p = join(path, "confirm");
                Some(Confirm {
                    title: self.string(c, &p, "title"),
                    body: self.string(c, &p, "body"),
                    confirm_label: self.string(c, &p, "confirm_label"),
                    cancel_label: self.string(c, &p, "cancel_label"),
                })
            }
        };
        Action {
            kind: ActionKind::parse(self.name(v, path, "kind", ActionKind::ALL))
                .unwrap_or(ActionKind::Wait),
            label: self.string(v, path, "label"),
            primary: match v.get("primary") {
                Some(Value::Bool(b)) => *b,
                None | Some(Value::Null) => false,
                Some(x) => {
                    let found = x.type_name();
                    self.fail(
                        &join(path, "primary"),
                        format!("expected true or false, found {found}"),
                    );
                    false
                }
            },
            confirm,
            url: self.opt_string(v, path, "url"),
            until: self.opt_time(v, path, "until"),
        }
    }

    fn stage(&mut self, v: &Value, path: &str) -> TimelineStage {
        TimelineStage {
            stage: self.name(v, path, "stage", &crate::refund::STAGES),
            state: StageState::parse(self.name(v, path, "state", StageState::ALL))
                .unwrap_or(StageState::Upcoming),
            at: self.opt_time(v, path, "at"),
            from: self.opt_time(v, path, "from"),
            to: self.opt_time(v, path, "to"),
            label: self.string(v, path, "label"),
            detail: match v.get("detail") {
                None | Some(Value::Null) => String::new(),
                _ => self.string(v, path, "detail"),
            },
        }
    }
}

/// Whether `text` shows a date or a time: what the widget tests before it
/// names the time zone (`/\d:\d\d|\d\u00a0|\u00a0\d|\d月/`), on the UTF-8
/// bytes (no-break space C2 A0, 月 E6 9C 88).
pub(crate) fn shows_time(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let at = |i: usize, s: &[u8]| b.get(i..).is_some_and(|r| r.starts_with(s));
    (0..b.len()).any(|i| {
        (digit(i)
            && ((at(i + 1, b":") && digit(i + 2) && digit(i + 3))
                || at(i + 1, "\u{a0}".as_bytes())
                || at(i + 1, "月".as_bytes())))
            || (at(i, "\u{a0}".as_bytes()) && digit(i + 2))
    })
}

/// The severity the widget shows: `success` for the calm states that are
/// finished, else the headline's.
pub(crate) fn shown_severity(d: &Diagnosis) -> &'static str {
    const DONE: [&str; 3] = ["order_completed", "refund_completed", "order_confirmed"];
    match d.headline.severity {
        SeverityLevel::Info if DONE.contains(&d.headline.reason.as_str()) => "success",
        s => s.as_str(),
    }
}

/// The reasons other than the headline.
pub(crate) fn other_reasons(d: &Diagnosis) -> impl Iterator<Item = &Reason> {
    d.reasons
        .iter()
        .filter(|r| !(r.reason == d.headline.reason && r.rule == d.headline.rule))
}

/// The zone the diagnosis's times are on: the `timeZone` option, else the
/// zone of `rules` when the diagnosis was explained with them (its support
/// code names their fingerprint). A diagnosis from other rules that shows
/// times needs the option: its clock is not known here, and a wrong label
/// is worse than none.
pub(crate) fn times_zone<'a>(
    rules: &'a RuleSet,
    d: &Diagnosis,
    zone: Option<&'a str>,
) -> Result<Option<&'a str>, String> {
    if zone.is_some() || !crate::render::html::times_shown(d) {
        return Ok(zone);
    }
    let ours = crate::diagnosis::support_code::decode(&d.support_code)
        .is_ok_and(|c| c.fingerprint == rules.fingerprint & 0xF_FFFF);
    if ours {
        return Ok(Some(rules.calendar.timezone()));
    }
    Err("timeZone: the diagnosis was explained with other rules than these, so whose clock its times are on is not known here: pass their zone (`rules.timezone`), or render it with those rules (`rules.renderHTML(d)`, `rules.renderEmail(d)`)".into())
}

#[cfg(test)]
mod tests {
    use super::shows_time;

    #[test]
    fn times_are_found_as_the_widget_finds_them() {
        assert!(shows_time("before 10:28, or"));
        assert!(shows_time("by 8\u{a0}Dec"));
        assert!(shows_time("Dec\u{a0}8"));
        assert!(shows_time("12月8日前"));
        assert!(!shows_time("1:2 and 3 items"));
        assert!(!shows_time("no time"));
    }
}
