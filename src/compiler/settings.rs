//! Reading `settings` and `refund_windows` from a rules document (SPEC §2),
//! every bad value reported where it is.

use crate::json::Value;
use crate::model::diagnostic::Diagnostic;
use crate::model::located::{self, Located};
use crate::model::settings::{
    is_web_url, RefundWindow, RefundWindows, Settings, MAX_DATES, SETTING_KEYS,
};
use crate::order::{PaymentMethod, Status};
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
        let Some(entries) = ok(located::object(v, base, "an object"), diags) else {
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
            "cancel_allowed_until" => {
                let read =
                    located::one_of(val, path, "a status string", "status", Status::ALL, None);
                if let Some(st) = ok(read, diags).and_then(Status::parse) {
                    self.cancel_allowed_until = st;
                }
            }
            "max_payment_attempts" => {
                const WHAT: &str = "a whole number of at least 1";
                match located::int(val, path, WHAT) {
                    Ok(n) if n >= 1 => self.max_payment_attempts = n,
                    _ => diags.push(located::expected_showing(path, WHAT, val).into()),
                }
            }
            other => {
                diags.push(located::unknown(path, "setting", other, SETTING_KEYS, None).into())
            }
        }
    }

    /// Applies `timezone`, `weekend`, `holidays` or `extra_business_days`.
    fn apply_calendar(&mut self, key: &str, val: &Value, path: &str, diags: &mut Vec<Diagnostic>) {
        match key {
            "timezone" => {
                if let Some(s) = ok(located::text(val, path, "an IANA time zone name"), diags) {
                    self.timezone = s.to_string();
                }
            }
            "weekend" => {
                let what = "a list of days like [\"sat\", \"sun\"]";
                if let Some(days) = ok(located::list(val, path, what), diags) {
                    self.weekend = weekend(days, path, diags);
                }
            }
            _ => {
                let what = "a list of 'YYYY-MM-DD' dates";
                let Some(dates) = ok(located::list(val, path, what), diags) else {
                    return;
                };
                if dates.len() > MAX_DATES {
                    bad(
                        diags,
                        path,
                        format!("too many dates ({}; at most {MAX_DATES})", dates.len()),
                        None,
                    );
                    return;
                }
                let out = read_dates(dates, path, diags);
                if key == "holidays" {
                    self.holidays = out;
                } else {
                    self.extra_business_days = out;
                }
            }
        }
    }

    /// Applies one of the duration settings.
    fn apply_duration(&mut self, key: &str, val: &Value, path: &str, diags: &mut Vec<Diagnostic>) {
        let what = "a duration string like \"30m\"";
        let Some(text) = ok(located::text(val, path, what), diags) else {
            return;
        };
        match Duration::parse(text) {
            Ok(d) => {
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
            Err(e) => bad(diags, path, e.to_string(), None),
        }
    }

    /// Applies `support_url` or `reorder_url`: an http(s) URL, or null for
    /// none.
    fn apply_url(&mut self, key: &str, val: &Value, path: &str, diags: &mut Vec<Diagnostic>) {
        let url = match val {
            Value::Null => None,
            v => {
                let Some(s) = ok(located::text(v, path, "a URL string"), diags) else {
                    return;
                };
                if !is_web_url(s) {
                    bad(
                        diags,
                        path,
                        format!("'{}' is not an http(s) URL", truncate(s)),
                        Some("links accept only 'https:' and 'http:' URLs".into()),
                    );
                    return;
                }
                Some(s.to_string())
            }
        };
        if key == "support_url" {
            self.support_url = url;
        } else {
            self.reorder_url = url;
        }
    }
}

/// The value read, or `None` with its error reported.
fn ok<T>(read: Result<T, Located>, diags: &mut Vec<Diagnostic>) -> Option<T> {
    read.map_err(|e| diags.push(e.into())).ok()
}

/// Reports a bad value at `path`.
fn bad(diags: &mut Vec<Diagnostic>, path: &str, msg: String, help: Option<String>) {
    diags.push(Diagnostic::at(path, msg).help(help));
}

/// The weekend days of a `weekend` list, each once; unknown ones reported.
fn weekend(days: &[Value], path: &str, diags: &mut Vec<Diagnostic>) -> Vec<Weekday> {
    let mut out = Vec::new();
    for (i, d) in days.iter().enumerate() {
        match located::as_text(d).and_then(Weekday::parse) {
            Some(w) if !out.contains(&w) => out.push(w),
            Some(_) => {}
            None => diags.push(
                Diagnostic::at(
                    format!("{path}[{i}]"),
                    format!("unknown day {}", located::shown(d)),
                )
                .help(Some(
                    "days are 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'".into(),
                )),
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
        let p = format!("{path}[{i}]");
        let Some(text) = ok(located::text(d, &p, "a date string 'YYYY-MM-DD'"), diags) else {
            continue;
        };
        match Date::parse(text) {
            Ok(date) => out.push(date),
            Err(e) => diags.push(Diagnostic::at(p, e.to_string())),
        }
    }
    out
}

impl RefundWindows {
    /// Applies a `refund_windows` object: per method, per field.
    pub fn apply(&mut self, v: &Value, base: &str, diags: &mut Vec<Diagnostic>) {
        let Some(entries) = ok(located::object(v, base, "an object"), diags) else {
            return;
        };
        for (method, w) in entries {
            let path = format!("{base}.{method}");
            let Some(m) = PaymentMethod::parse(method) else {
                let e = located::unknown(&path, "payment method", method, PaymentMethod::ALL, None);
                diags.push(e.into());
                continue;
            };
            let what = "an object like {\"review\": \"1bd\", \"arrive\": [\"5bd\", \"10bd\"]}";
            let Some(fields) = ok(located::object(w, &path, what), diags) else {
                continue;
            };
            let mut win = self.get(m);
            for (k, val) in fields {
                apply_window_field(&mut win, k, val, &format!("{path}.{k}"), diags);
            }
            if let Some(slot) = self.0.iter_mut().find(|(k, _)| *k == m) {
                slot.1 = win;
            } else {
                self.0.push((m, win));
            }
        }
    }
}

/// Applies `review` or `arrive` of one method's refund window, reporting a
/// bad value or an unknown field at `p`.
fn apply_window_field(
    win: &mut RefundWindow,
    k: &str,
    val: &Value,
    p: &str,
    diags: &mut Vec<Diagnostic>,
) {
    match k {
        "review" => {
            let Some(text) = ok(located::text(val, p, "a duration string"), diags) else {
                return;
            };
            match Duration::parse(text) {
                Ok(d) => win.review = d,
                Err(e) => diags.push(Diagnostic::at(p, e.to_string())),
            }
        }
        "arrive" => {
            let pair = match val {
                Value::Array(a) if a.len() == 2 => {
                    let parse = |i: usize| a.get(i).and_then(located::as_text).map(Duration::parse);
                    match (parse(0), parse(1)) {
                        (Some(Ok(x)), Some(Ok(y))) => Some((x, y)),
                        _ => None,
                    }
                }
                _ => None,
            };
            match pair {
                Some((a, b)) if !later(a, b) => win.arrive = (a, b),
                Some(_) => diags.push(Diagnostic::at(
                    p,
                    "the earliest arrival is after the latest",
                )),
                None => diags.push(Diagnostic::at(
                    p,
                    "expected two durations, earliest and latest, like [\"5bd\", \"10bd\"]",
                )),
            }
        }
        other => {
            diags.push(located::unknown(p, "field", other, &["review", "arrive"], None).into())
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

    #[test]
    fn the_settings_conditions_read_are_those_lookup_knows() {
        // EXPR_NAMES (what "unknown setting" lists) is SETTING_KEYS less the
        // business calendar's, in the same order, and `lookup` gives exactly
        // those: a setting added to one and not the others fails here.
        use crate::model::settings::Settings;
        let s = crate::RuleSet::defaults().unwrap().settings;
        let readable: Vec<&str> = SETTING_KEYS
            .iter()
            .copied()
            .filter(|k| s.lookup(k).is_some())
            .collect();
        assert_eq!(readable, Settings::EXPR_NAMES);
        assert_eq!(
            SETTING_KEYS.len() - readable.len(),
            3,
            "weekend, holidays, extra_business_days"
        );
        assert!(s.lookup("no_such_setting").is_none());
    }
}
