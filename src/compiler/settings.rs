//! Reading `settings` and `refund_windows` from a rules document (SPEC §2),
//! every bad value reported where it is.

use crate::json::{Number, Value};
use crate::model::diagnostic::Diagnostic;
use crate::model::settings::{is_web_url, RefundWindows, Settings, MAX_DATES, SETTING_KEYS};
use crate::order::{PaymentMethod, Status};
use crate::suggest;
use crate::time::{truncate, Date, Duration, Weekday};

impl Settings {
    /// Settings before any document is read: every value unset (empty, zero,
    /// none). The built-in document (`src/rules/defaults.json`) gives each
    /// its default, the one place defaults are written; a test holds it to
    /// giving every key.
    pub(crate) fn unset() -> Settings {
        Settings {
            timezone: String::new(),
            weekend: Vec::new(),
            holidays: Vec::new(),
            extra_business_days: Vec::new(),
            auto_cancel_unpaid_after: Duration::Wall(0),
            payment_processing_grace: Duration::Wall(0),
            merchant_confirm_sla: Duration::Wall(0),
            auto_confirm_receipt_after: Duration::Wall(0),
            delivery_late_after: Duration::Wall(0),
            dispute_response_within: Duration::Wall(0),
            support_url: None,
            reorder_url: None,
            cancel_allowed_until: Status::PendingPayment,
            max_payment_attempts: 0,
        }
    }

    /// Applies one `settings` object over `self`, reporting each bad value
    /// at `{base}.{key}`.
    pub fn apply(&mut self, v: &Value, base: &str, diags: &mut Vec<Diagnostic>) {
        let Value::Object(entries) = v else {
            diags.push(Diagnostic::at(
                base,
                format!("expected an object, found {}", v.type_name()),
            ));
            return;
        };
        for (key, val) in entries {
            let path = format!("{base}.{key}");
            self.apply_key(key, val, &path, diags);
        }
    }

    /// Applies one setting, reporting a bad value or an unknown key at
    /// `path`.
    fn apply_key(&mut self, key: &str, val: &Value, path: &str, diags: &mut Vec<Diagnostic>) {
        match key {
            "timezone" | "weekend" | "holidays" | "extra_business_days" => {
                self.apply_calendar(key, val, path, diags)
            }
            "auto_cancel_unpaid_after"
            | "payment_processing_grace"
            | "merchant_confirm_sla"
            | "auto_confirm_receipt_after"
            | "delivery_late_after"
            | "dispute_response_within" => self.apply_duration(key, val, path, diags),
            "support_url" | "reorder_url" => self.apply_url(key, val, path, diags),
            "cancel_allowed_until" => match val.as_str_opt() {
                Some(s) => match Status::parse(s) {
                    Some(st) => self.cancel_allowed_until = st,
                    None => bad(
                        diags,
                        path,
                        format!("unknown status '{}'", truncate(s)),
                        suggest::nearest(s, Status::ALL.iter().copied())
                            .map(crate::suggest::did_you_mean),
                    ),
                },
                None => bad(
                    diags,
                    path,
                    format!("expected a status string, found {}", val.type_name()),
                    None,
                ),
            },
            "max_payment_attempts" => match val {
                Value::Number(Number::Int(n)) if *n >= 1 => self.max_payment_attempts = *n,
                other => bad(
                    diags,
                    path,
                    format!(
                        "expected a whole number of at least 1, found {}",
                        show(other)
                    ),
                    None,
                ),
            },
            other => diags.push(
                Diagnostic::at(path, format!("unknown setting '{}'", truncate(other))).help(
                    suggest::nearest(other, SETTING_KEYS.iter().copied())
                        .map(crate::suggest::did_you_mean),
                ),
            ),
        }
    }

    /// Applies `timezone`, `weekend`, `holidays` or `extra_business_days`.
    fn apply_calendar(&mut self, key: &str, val: &Value, path: &str, diags: &mut Vec<Diagnostic>) {
        match (key, val) {
            ("timezone", Value::String(s)) => self.timezone = s.clone(),
            ("timezone", other) => bad(
                diags,
                path,
                format!(
                    "expected an IANA time zone name, found {}",
                    other.type_name()
                ),
                None,
            ),
            ("weekend", Value::Array(days)) => self.weekend = weekend(days, path, diags),
            ("weekend", other) => bad(
                diags,
                path,
                format!(
                    "expected a list of days like [\"sat\", \"sun\"], found {}",
                    other.type_name()
                ),
                None,
            ),
            (_, Value::Array(dates)) if dates.len() > MAX_DATES => bad(
                diags,
                path,
                format!("too many dates ({}; at most {MAX_DATES})", dates.len()),
                None,
            ),
            (_, Value::Array(dates)) => {
                let out = read_dates(dates, path, diags);
                if key == "holidays" {
                    self.holidays = out;
                } else {
                    self.extra_business_days = out;
                }
            }
            (_, other) => bad(
                diags,
                path,
                format!(
                    "expected a list of 'YYYY-MM-DD' dates, found {}",
                    other.type_name()
                ),
                None,
            ),
        }
    }

    /// Applies one of the duration settings.
    fn apply_duration(&mut self, key: &str, val: &Value, path: &str, diags: &mut Vec<Diagnostic>) {
        match val.as_str_opt().map(Duration::parse) {
            Some(Ok(d)) => {
                let slot = match key {
                    "auto_cancel_unpaid_after" => &mut self.auto_cancel_unpaid_after,
                    "payment_processing_grace" => &mut self.payment_processing_grace,
                    "merchant_confirm_sla" => &mut self.merchant_confirm_sla,
                    "auto_confirm_receipt_after" => &mut self.auto_confirm_receipt_after,
                    "dispute_response_within" => &mut self.dispute_response_within,
                    _ => &mut self.delivery_late_after,
                };
                *slot = d;
            }
            Some(Err(e)) => bad(diags, path, e.to_string(), None),
            None => bad(
                diags,
                path,
                format!(
                    "expected a duration string like \"30m\", found {}",
                    val.type_name()
                ),
                None,
            ),
        }
    }

    /// Applies `support_url` or `reorder_url`: an http(s) URL, or null for
    /// none.
    fn apply_url(&mut self, key: &str, val: &Value, path: &str, diags: &mut Vec<Diagnostic>) {
        match val {
            Value::Null if key == "support_url" => self.support_url = None,
            Value::Null => self.reorder_url = None,
            Value::String(s) if is_web_url(s) && key == "support_url" => {
                self.support_url = Some(s.clone())
            }
            Value::String(s) if is_web_url(s) => self.reorder_url = Some(s.clone()),
            Value::String(s) => bad(
                diags,
                path,
                format!("'{}' is not an http(s) URL", truncate(s)),
                Some("links accept only 'https:' and 'http:' URLs".into()),
            ),
            other => bad(
                diags,
                path,
                format!("expected a URL string, found {}", other.type_name()),
                None,
            ),
        }
    }
}

/// Reports a bad value at `path`.
fn bad(diags: &mut Vec<Diagnostic>, path: &str, msg: String, help: Option<String>) {
    diags.push(Diagnostic::at(path, msg).help(help));
}

/// The weekend days of a `weekend` list, each once; unknown ones reported.
fn weekend(days: &[Value], path: &str, diags: &mut Vec<Diagnostic>) -> Vec<Weekday> {
    let mut out = Vec::new();
    for (i, d) in days.iter().enumerate() {
        match d.as_str_opt().and_then(Weekday::parse) {
            Some(w) if !out.contains(&w) => out.push(w),
            Some(_) => {}
            None => diags.push(
                Diagnostic::at(format!("{path}[{i}]"), format!("unknown day {}", show(d))).help(
                    Some("days are 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'".into()),
                ),
            ),
        }
    }
    out
}

/// The dates of a `holidays` or `extra_business_days` list; bad ones
/// reported.
fn read_dates(dates: &[Value], path: &str, diags: &mut Vec<Diagnostic>) -> Vec<Date> {
    let mut out = Vec::new();
    for (i, d) in dates.iter().enumerate() {
        match d.as_str_opt().map(Date::parse) {
            Some(Ok(date)) => out.push(date),
            Some(Err(e)) => diags.push(Diagnostic::at(format!("{path}[{i}]"), e.to_string())),
            None => diags.push(Diagnostic::at(
                format!("{path}[{i}]"),
                format!(
                    "expected a date string 'YYYY-MM-DD', found {}",
                    d.type_name()
                ),
            )),
        }
    }
    out
}

impl RefundWindows {
    /// Applies a `refund_windows` object: per method, per field.
    pub fn apply(&mut self, v: &Value, base: &str, diags: &mut Vec<Diagnostic>) {
        let Value::Object(entries) = v else {
            diags.push(Diagnostic::at(
                base,
                format!("expected an object, found {}", v.type_name()),
            ));
            return;
        };
        for (method, w) in entries {
            let path = format!("{base}.{method}");
            let Some(m) = PaymentMethod::parse(method) else {
                diags.push(
                    Diagnostic::at(
                        &path,
                        format!("unknown payment method '{}'", truncate(method)),
                    )
                    .help(
                        suggest::nearest(method, PaymentMethod::ALL.iter().copied())
                            .map(crate::suggest::did_you_mean),
                    ),
                );
                continue;
            };
            let mut win = self.get(m);
            let Value::Object(fields) = w else {
                diags.push(Diagnostic::at(&path, format!("expected an object like {{\"review\": \"1bd\", \"arrive\": [\"5bd\", \"10bd\"]}}, found {}", w.type_name())));
                continue;
            };
            for (k, val) in fields {
                let p = format!("{path}.{k}");
                match k.as_str() {
                    "review" => match val.as_str_opt().map(Duration::parse) {
                        Some(Ok(d)) => win.review = d,
                        Some(Err(e)) => diags.push(Diagnostic::at(&p, e.to_string())),
                        None => diags.push(Diagnostic::at(
                            &p,
                            format!("expected a duration string, found {}", val.type_name()),
                        )),
                    },
                    "arrive" => {
                        let pair = match val {
                            Value::Array(a) if a.len() == 2 => {
                                let parse = |i: usize| {
                                    a.get(i).and_then(|x| x.as_str_opt()).map(Duration::parse)
                                };
                                match (parse(0), parse(1)) {
                                    (Some(Ok(x)), Some(Ok(y))) => Some((x, y)),
                                    _ => None,
                                }
                            }
                            _ => None,
                        };
                        match pair {
                            Some((a, b)) if !later(a, b) => win.arrive = (a, b),
                            Some(_) => diags.push(Diagnostic::at(&p, "the earliest arrival is after the latest")),
                            None => diags.push(Diagnostic::at(&p, "expected two durations, earliest and latest, like [\"5bd\", \"10bd\"]")),
                        }
                    }
                    other => diags.push(
                        Diagnostic::at(&p, format!("unknown field '{}'", truncate(other))).help(
                            suggest::nearest(other, ["review", "arrive"])
                                .map(crate::suggest::did_you_mean),
                        ),
                    ),
                }
            }
            if let Some(slot) = self.0.iter_mut().find(|(k, _)| *k == m) {
                slot.1 = win;
            } else {
                self.0.push((m, win));
            }
        }
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("'{}'", truncate(s)),
        other => other.type_name().to_string(),
    }
}

trait StrOpt {
    fn as_str_opt(&self) -> Option<&str>;
}
impl StrOpt for Value {
    fn as_str_opt(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Whether `a` is surely longer than `b` (same units only).
fn later(a: Duration, b: Duration) -> bool {
    match (a, b) {
        (Duration::Wall(x), Duration::Wall(y)) => x > y,
        (Duration::Business(x), Duration::Business(y)) => x > y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::compiler::document::DEFAULTS;
    use crate::json::{parse, Value};
    use crate::model::settings::SETTING_KEYS;
    use crate::order::PaymentMethod;

    #[test]
    fn the_built_in_document_gives_every_default() {
        let doc = parse(DEFAULTS).unwrap();
        let keys = |k: &str| match doc.get(k) {
            Some(Value::Object(e)) => e.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        let settings = keys("settings");
        for k in SETTING_KEYS {
            assert!(
                settings.iter().any(|s| s == k),
                "defaults.json lacks settings.{k}"
            );
        }
        let windows = keys("refund_windows");
        for m in PaymentMethod::ALL {
            assert!(
                windows.iter().any(|w| w == m),
                "defaults.json lacks refund_windows.{m}"
            );
        }
    }
}
