//! The diagnosis (SPEC §3): what the customer sees, as plain data, and its
//! JSON form; support codes.

use crate::json::{write_object, write_string, Value};
use crate::model::rules::{ActionKind, SeverityLevel};
use crate::time::Timestamp;

string_enum!(
    /// Where a stage of the refund timeline stands.
    StageState {
        /// Happened.
        Done = "done",
        /// The next thing to happen, on time.
        Current = "current",
        /// Later.
        Upcoming = "upcoming",
        /// Its latest expected time has passed.
        Overdue = "overdue",
    }
);

/// One reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    /// Reason name, e.g. `payment_declined`.
    pub reason: String,
    /// The rule that found it.
    pub rule: String,
    /// `info`, `warning` or `action_required`.
    pub severity: SeverityLevel,
    /// Localized title.
    pub title: String,
    /// Localized body.
    pub body: String,
    /// In the merchant's view: the text names what buyers are never told
    /// (the real cause of a masked decline, SPEC §3.3). Written only when
    /// true, so the buyer's view is unchanged.
    pub confidential: bool,
}

/// The confirmation step of an action.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    /// Question.
    pub title: String,
    /// What happens (for `cancel_order`: the refund).
    pub body: String,
    /// Label of the confirming button.
    pub confirm_label: String,
    /// Label of the button that backs out.
    pub cancel_label: String,
}

/// One thing the customer can do.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    /// Action kind, e.g. `retry_payment`.
    pub kind: ActionKind,
    /// Localized button label.
    pub label: String,
    /// The main action (the first one).
    pub primary: bool,
    /// Confirmation step, if the action needs one.
    pub confirm: Option<Confirm>,
    /// Link target for `contact_support` and `track_shipment`.
    pub url: Option<String>,
    /// For `wait`: until when.
    pub until: Option<Timestamp>,
}

/// A deadline.
#[derive(Clone, Debug, PartialEq)]
pub struct Deadline {
    /// `auto_cancel`, `auto_confirm`, …
    pub kind: String,
    /// When.
    pub at: Timestamp,
    /// Localized label.
    pub label: String,
}

/// A stage of the refund timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineStage {
    /// `refund_requested`, `refund_approved`, `refund_issued`, `refund_arrived`.
    pub stage: &'static str,
    /// `done`, `current`, `upcoming`, `overdue`.
    pub state: StageState,
    /// Actual or expected time.
    pub at: Option<Timestamp>,
    /// Arrival window start.
    pub from: Option<Timestamp>,
    /// Arrival window end.
    pub to: Option<Timestamp>,
    /// Localized label.
    pub label: String,
    /// A second line: when the stage happened, when it is expected (for the
    /// money, the arrival window), or who is late.
    pub detail: String,
}

/// Why a rule matched: the fields it read and their values.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    /// Rule id.
    pub rule: String,
    /// Field path → value (JSON).
    pub fields: Vec<(String, Value)>,
}

/// The diagnosis of one order at one time in one locale.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnosis {
    /// The order's id.
    pub order_id: String,
    /// The locale used.
    pub locale: String,
    /// Evaluation time.
    pub now: Timestamp,
    /// The most important reason.
    pub headline: Reason,
    /// Every reason, most important first.
    pub reasons: Vec<Reason>,
    /// What the customer can do, the primary action first.
    pub actions: Vec<Action>,
    /// Deadlines.
    pub deadlines: Vec<Deadline>,
    /// Refund timeline (empty when there is no refund).
    pub timeline: Vec<TimelineStage>,
    /// When the diagnosis changes by itself, if ever.
    pub valid_until: Option<Timestamp>,
    /// Why each rule matched.
    pub trace: Vec<Trace>,
    /// Code a customer can read out to support.
    pub support_code: String,
    /// What was changed while reading the order (a display text shortened,
    /// a refund cut to the total); in the JSON only when there is any.
    pub warnings: Vec<crate::order::FieldError>,
}

/// The decision for one order at one time, without any text (SPEC §4.1
/// `evaluate`): what servers, batch jobs and tests need, at a fraction of the
/// cost of a [`Diagnosis`]. It is exactly what the diagnosis at the same time
/// says, minus the words: the same reasons, action kinds and deadlines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The order's id.
    pub order_id: String,
    /// Every matched rule's id, most important first; a masked rule shows as
    /// `payment-declined`, as in the diagnosis's trace.
    pub rules: Vec<String>,
    /// The reasons, most important first (`order_status` when no rule matched).
    pub reasons: Vec<String>,
    /// The action kinds, the primary one first.
    pub actions: Vec<ActionKind>,
    /// The upcoming deadlines: kind and time.
    pub deadlines: Vec<(String, Timestamp)>,
    /// When the decision changes by itself because time passes, if ever.
    /// The diagnosis's `valid_until` is the same instant, or earlier when
    /// only its wording changes then ("today" becoming "yesterday").
    pub valid_until: Option<Timestamp>,
}

impl Decision {
    /// Compact JSON: `{order_id, rules, reasons, actions, deadlines: [{kind,
    /// at}], valid_until}`.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256);
        let mut o = Obj::new(&mut out);
        o.str("order_id", &self.order_id);
        array(o.key("rules"), &self.rules, |r, out| write_string(r, out));
        array(o.key("reasons"), &self.reasons, |r, out| {
            write_string(r, out)
        });
        array(o.key("actions"), &self.actions, |a, out| {
            write_string(a.as_str(), out)
        });
        array(o.key("deadlines"), &self.deadlines, |(kind, at), out| {
            Obj::new(out).str("kind", kind).ts("at", Some(*at)).end();
        });
        o.ts("valid_until", self.valid_until);
        o.end();
        out
    }
}

/// Writes one JSON object, key by key, straight into the output (no
/// intermediate [`Value`] tree: less code in the wasm builds, less work).
struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    fn new(out: &'a mut String) -> Obj<'a> {
        out.push('{');
        Obj { out, first: true }
    }
    fn key(&mut self, k: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_string(k, self.out);
        self.out.push(':');
        self.out
    }
    fn str(&mut self, k: &str, v: &str) -> &mut Self {
        let out = self.key(k);
        write_string(v, out);
        self
    }
    fn opt_str(&mut self, k: &str, v: Option<&str>) -> &mut Self {
        match v {
            Some(v) => self.str(k, v),
            None => self.raw(k, "null"),
        }
    }
    fn ts(&mut self, k: &str, t: Option<Timestamp>) -> &mut Self {
        match t {
            Some(t) => self.str(k, &t.to_rfc3339()),
            None => self.raw(k, "null"),
        }
    }
    fn raw(&mut self, k: &str, json: &str) -> &mut Self {
        self.key(k).push_str(json);
        self
    }
    fn end(&mut self) {
        self.out.push('}');
    }
}

/// `[` f(item) `,` … `]`
fn array<T>(out: &mut String, items: &[T], f: impl Fn(&T, &mut String)) {
    out.push('[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        f(x, out);
    }
    out.push(']');
}

impl Reason {
    fn write(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.str("reason", &self.reason)
            .str("rule", &self.rule)
            .str("severity", self.severity.as_str())
            .str("title", &self.title)
            .str("body", &self.body);
        if self.confidential {
            o.raw("confidential", "true");
        }
        o.end();
    }
}

impl Diagnosis {
    /// The JSON form (SPEC §3), keys in the documented order.
    pub fn to_value(&self) -> Value {
        crate::json::parse(&self.to_json()).unwrap_or(Value::Null)
    }

    /// Compact JSON (SPEC §3), keys in the documented order.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(2048);
        let mut o = Obj::new(&mut out);
        o.str("order_id", &self.order_id)
            .str("locale", &self.locale)
            .ts("now", Some(self.now));
        self.headline.write(o.key("headline"));
        array(o.key("reasons"), &self.reasons, Reason::write);
        array(o.key("actions"), &self.actions, |a, out| {
            let mut o = Obj::new(out);
            o.str("kind", a.kind.as_str())
                .str("label", &a.label)
                .raw("primary", if a.primary { "true" } else { "false" });
            match &a.confirm {
                Some(c) => Obj::new(o.key("confirm"))
                    .str("title", &c.title)
                    .str("body", &c.body)
                    .str("confirm_label", &c.confirm_label)
                    .str("cancel_label", &c.cancel_label)
                    .end(),
                None => {
                    o.raw("confirm", "null");
                }
            }
            o.opt_str("url", a.url.as_deref())
                .ts("until", a.until)
                .end();
        });
        array(o.key("deadlines"), &self.deadlines, |d, out| {
            Obj::new(out)
                .str("kind", &d.kind)
                .ts("at", Some(d.at))
                .str("label", &d.label)
                .end();
        });
        array(o.key("timeline"), &self.timeline, |s, out| {
            Obj::new(out)
                .str("stage", s.stage)
                .str("state", s.state.as_str())
                .ts("at", s.at)
                .ts("from", s.from)
                .ts("to", s.to)
                .str("label", &s.label)
                .str("detail", &s.detail)
                .end();
        });
        o.ts("valid_until", self.valid_until);
        array(o.key("trace"), &self.trace, |t, out| {
            let mut o = Obj::new(out);
            o.str("rule", &t.rule);
            write_object(&t.fields, o.key("fields"));
            o.end();
        });
        o.str("support_code", &self.support_code);
        if !self.warnings.is_empty() {
            array(o.key("warnings"), &self.warnings, |w, out| {
                Obj::new(out)
                    .str("path", &w.path)
                    .str("message", &w.message)
                    .end();
            });
        }
        o.end();
        out
    }
}

/// Support codes: `OL-` + Crockford base32 of
/// `version(3) | fingerprint(20) | minutes since 2024-01-01 UTC (26) |
/// count(4) | rule indexes (8 each) | check(5)`, in groups of four.
pub mod support_code {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const EPOCH_MS: i64 = 1_704_067_200_000; // 2024-01-01T00:00:00Z
    const VERSION: u64 = 1;

    /// What a support code says.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Decoded {
        /// Low 20 bits of the rule-set fingerprint.
        pub fingerprint: u32,
        /// Evaluation time, to the minute.
        pub at: crate::time::Timestamp,
        /// Indexes of the matched rules in the rule set, headline first.
        pub rules: Vec<u8>,
    }

    /// The code's symbols as its bits come: each bit goes into the check
    /// (FNV-1a over the bits, as [`check`] computes it) and into the current
    /// 5-bit symbol, written out once full (no bit vector: a fifth of the
    /// work of an explain's support code).
    struct Symbols {
        out: String,
        hash: u32,
        sym: usize,
        bits: u32,
        written: usize,
    }
    impl Symbols {
        fn push(&mut self, v: u64, n: u32, checked: bool) {
            for i in (0..n).rev() {
                let bit = (v >> i) & 1;
                if checked {
                    self.hash = check_step(self.hash, bit == 1);
                }
                self.sym = self.sym * 2 + bit as usize;
                self.bits += 1;
                if self.bits == 5 {
                    if self.written > 0 && self.written % 4 == 0 {
                        self.out.push('-');
                    }
                    self.out
                        .push(ALPHABET.get(self.sym).map_or('0', |&c| char::from(c)));
                    self.written += 1;
                    self.sym = 0;
                    self.bits = 0;
                }
            }
        }
    }

    /// The check's start: FNV-1a over the bits, one at a time.
    const CHECK_START: u32 = 0x811c_9dc5;

    /// The check after one more bit.
    fn check_step(h: u32, bit: bool) -> u32 {
        (h ^ u32::from(bit)).wrapping_mul(0x0100_0193)
    }

    /// The 5-bit check of `bits`.
    fn check(bits: &[bool]) -> u64 {
        u64::from(bits.iter().fold(CHECK_START, |h, &b| check_step(h, b)) % 32)
    }

    /// Encodes a code.
    pub fn encode(fingerprint: u32, now: crate::time::Timestamp, rules: &[usize]) -> String {
        let minutes =
            (now.millis().saturating_sub(EPOCH_MS).max(0) / 60_000).min((1 << 26) - 1) as u64;
        let rules = rules.get(..rules.len().min(15)).unwrap_or(&[]);
        // At most 3 + 20 + 26 + 4 + 15 × 8 bits, padding and the check:
        // 37 symbols and 9 hyphens.
        let mut b = Symbols {
            out: String::with_capacity(49),
            hash: CHECK_START,
            sym: 0,
            bits: 0,
            written: 0,
        };
        b.out.push_str("OL-");
        b.push(VERSION, 3, true);
        b.push(u64::from(fingerprint & 0xF_FFFF), 20, true);
        b.push(minutes, 26, true);
        b.push(rules.len() as u64, 4, true);
        for &r in rules {
            b.push(r.min(255) as u64, 8, true);
        }
        // Zero bits up to a whole symbol, then the check.
        b.push(0, (5 - b.bits) % 5, true);
        let check = u64::from(b.hash % 32);
        b.push(check, 5, false);
        b.out
    }

    /// Decodes a code (case-insensitive; `I`/`L` read as 1, `O` as 0;
    /// hyphens and spaces ignored).
    pub fn decode(code: &str) -> Result<Decoded, String> {
        let body = code.trim();
        let body = body
            .strip_prefix("OL-")
            .or_else(|| body.strip_prefix("ol-"))
            .or_else(|| body.strip_prefix("OL"))
            .or_else(|| body.strip_prefix("ol"))
            .ok_or_else(|| "a support code starts with 'OL-'".to_string())?;
        let mut bits = Vec::new();
        for ch in body.chars().filter(|c| *c != '-' && !c.is_whitespace()) {
            let c = match ch.to_ascii_uppercase() {
                'I' | 'L' => '1',
                'O' => '0',
                c => c,
            };
            let v = ALPHABET
                .iter()
                .position(|&a| a as char == c)
                .ok_or_else(|| format!("'{ch}' is not a support code character"))?;
            for i in (0..5).rev() {
                bits.push((v >> i) & 1 == 1);
            }
        }
        if bits.len() < 60 || bits.len() > 200 {
            return Err("the code has the wrong length".into());
        }
        let (data, chk) = bits.split_at(bits.len() - 5);
        let want = chk.iter().fold(0u64, |a, &x| a * 2 + u64::from(x));
        if check(data) != want {
            return Err("the code does not check out; was it read correctly?".into());
        }
        let mut pos = 0;
        let mut take = |n: usize| -> Option<u64> {
            let s = data.get(pos..pos + n)?;
            pos += n;
            Some(s.iter().fold(0u64, |a, &x| a * 2 + u64::from(x)))
        };
        let bad = || "the code is damaged".to_string();
        let version = take(3).ok_or_else(bad)?;
        if version != VERSION {
            return Err(format!("unknown support code version {version}"));
        }
        let fingerprint = take(20).ok_or_else(bad)? as u32;
        let minutes = take(26).ok_or_else(bad)? as i64;
        let count = take(4).ok_or_else(bad)?;
        let mut rules = Vec::new();
        for _ in 0..count {
            rules.push(take(8).ok_or_else(bad)? as u8);
        }
        Ok(Decoded {
            fingerprint,
            at: crate::time::Timestamp(EPOCH_MS + minutes * 60_000),
            rules,
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::time::Timestamp;

        #[test]
        fn round_trips_and_catches_typos() {
            let t = Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap();
            let code = encode(0xABCDE, t, &[2, 14]);
            assert!(code.starts_with("OL-"));
            let d = decode(&code).unwrap();
            assert_eq!(
                d,
                Decoded {
                    fingerprint: 0xABCDE,
                    at: t,
                    rules: vec![2, 14]
                }
            );
            assert_eq!(decode(&code.to_lowercase().replace('1', "l")).unwrap(), d);
            let mut broken: Vec<char> = code.chars().collect();
            let i = broken.len() - 3;
            broken[i] = if broken[i] == 'A' { 'B' } else { 'A' };
            assert!(decode(&broken.into_iter().collect::<String>()).is_err());
        }
    }
}
