//! The limits of a rule set, in one place: the document loader enforces
//! them while it reads a rules document, and the compiled-bytes reader
//! checks every one of them again on what it read, because compiled rules
//! reach a checkout page over the network and are untrusted input like any
//! order (SPEC §5). Within these limits an explanation's time is bounded by
//! construction: at most `MAX_RULES` rules of at most `MAX_RULE_NODES` parts,
//! at most `MAX_TOTAL_NODES` parts in all, item functions not nested, each
//! evaluated over at most `order::MAX_ITEMS` items.

use super::eval::{Const, Node};
use super::schema::{Field, Ty, ORDER_FIELDS};
use super::RuleSet;
use crate::time::{Date, Duration, DAY_MS};

/// Most rules a rule set may hold (built-in ones included, disabled ones
/// not).
pub const MAX_RULES: usize = 250;
/// Most parts (operators, fields, constants, list entries) of one compiled
/// condition.
pub const MAX_RULE_NODES: usize = 4000;
/// Most parts of all the conditions of a rule set together.
pub const MAX_TOTAL_NODES: usize = 40_000;
/// Deepest nesting of a compiled condition.
pub const MAX_DEPTH: usize = 64;
/// Longest duration, in days (100 years), wall-clock or business days.
pub const MAX_DURATION_DAYS: i64 = 36_500;
/// Most holidays, and most extra business days.
pub use super::settings::MAX_DATES;
/// Highest `priority`, and lowest as its negative.
pub const MAX_PRIORITY: i64 = 1_000_000;
/// Most locales a rule set's messages cover.
pub const MAX_LOCALES: usize = 64;
/// Most messages of one locale.
pub const MAX_MESSAGES: usize = 2000;
/// Most payment codes a rule set masks.
pub const MAX_MASKED_CODES: usize = 4096;
/// Longest name (rule id, reason, deadline kind, masked code), in bytes.
pub const MAX_NAME: usize = 64;
/// Day numbers (days since 1970-01-01) of 0001-01-01 and 9999-12-31.
pub const DAYS: std::ops::RangeInclusive<i64> = -719_162..=2_932_896;

/// Whether a duration is within [`MAX_DURATION_DAYS`] (and not negative).
pub fn duration_ok(d: Duration) -> bool {
    match d {
        Duration::Wall(ms) => (0..=MAX_DURATION_DAYS.saturating_mul(DAY_MS)).contains(&ms),
        Duration::Business(n) => i64::from(n) <= MAX_DURATION_DAYS,
    }
}

/// Whether a date lies in years 1..=9999.
pub fn date_ok(d: Date) -> bool {
    DAYS.contains(&d.days())
}

/// Counts the parts of a condition, stopping past `cap`.
pub fn nodes(n: &Node, cap: usize) -> usize {
    let mut count = 0;
    walk(n, &mut |_| {
        count += 1;
        count <= cap
    });
    count
}

/// Visits every node, parents first, while `f` says go on; list entries of
/// `in` count as nodes. Bounded by the nesting depth of `n`.
fn walk(n: &Node, f: &mut dyn FnMut(&Node) -> bool) -> bool {
    if !f(n) {
        return false;
    }
    match n {
        Node::Const(_) | Node::Field(_) => true,
        Node::Rel(_, x)
        | Node::Not(x)
        | Node::IsSet(x)
        | Node::Any(x)
        | Node::All(x)
        | Node::Count(x) => walk(x, f),
        Node::Threshold { ts, .. } => walk(ts, f),
        Node::And(xs) | Node::Or(xs) => xs.iter().all(|x| walk(x, f)),
        Node::Cmp(_, a, b) => walk(a, f) && walk(b, f),
        Node::In { lhs, list, .. } => {
            walk(lhs, f) && list.iter().all(|_| f(&Node::Const(Const::Null)))
        }
    }
}

/// Whether `n` is a timestamp field (what `age`, `until`, deadlines and
/// `wait_until` read).
fn is_ts_field(n: &Node) -> bool {
    match n {
        Node::Field(Field::Item(i)) => *i == super::schema::ItemField::RestockAt,
        Node::Field(f) => ORDER_FIELDS
            .iter()
            .any(|(_, ty, x)| x == f && *ty == Ty::Ts),
        _ => false,
    }
}

/// What the type checker guarantees of a condition, checked again on one
/// read from bytes: item fields only inside an item function, item
/// functions not nested, `age` / `until` of timestamp fields, durations in
/// range. The first problem found, if any.
pub fn condition_problem(n: &Node, in_item: bool, depth: usize) -> Option<&'static str> {
    if depth > MAX_DEPTH {
        return Some("nested too deeply");
    }
    let d = depth.saturating_add(1);
    match n {
        Node::Const(Const::Dur(x)) if !duration_ok(*x) => Some("duration out of range"),
        Node::Const(_) => None,
        Node::Field(Field::Item(_)) if !in_item => Some("an item field outside an item function"),
        Node::Field(_) => None,
        Node::Rel(_, x) => (!is_ts_field(x))
            .then_some("age or until of something that is not a timestamp field")
            .or_else(|| condition_problem(x, in_item, d)),
        Node::Threshold { ts, dur, .. } => {
            if !is_ts_field(ts) {
                Some("age or until of something that is not a timestamp field")
            } else if !duration_ok(*dur) {
                Some("duration out of range")
            } else {
                condition_problem(ts, in_item, d)
            }
        }
        Node::Any(x) | Node::All(x) | Node::Count(x) => {
            if in_item {
                Some("an item function inside another")
            } else {
                condition_problem(x, true, d)
            }
        }
        Node::Not(x) | Node::IsSet(x) => condition_problem(x, in_item, d),
        Node::And(xs) | Node::Or(xs) => xs.iter().find_map(|x| condition_problem(x, in_item, d)),
        Node::Cmp(_, a, b) => {
            condition_problem(a, in_item, d).or_else(|| condition_problem(b, in_item, d))
        }
        Node::In { lhs, list, .. } => condition_problem(lhs, in_item, d).or_else(|| {
            list.iter()
                .any(|c| matches!(c, Const::Dur(x) if !duration_ok(*x)))
                .then_some("duration out of range")
        }),
    }
}

/// A name as the loader accepts them: lowercase letters, digits, `_` and
/// `sep`, starting with a letter, at most [`MAX_NAME`] bytes.
pub fn is_name(s: &str, sep: char) -> bool {
    !s.is_empty()
        && s.len() <= MAX_NAME
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == sep || c == '_')
}

/// Every limit and invariant of a rule set read from bytes, with where it
/// is broken: `(path, problem)` of the first one.
pub fn check(set: &RuleSet) -> Result<(), (String, String)> {
    let fail = |path: &str, msg: String| Err((path.to_string(), msg));
    let s = &set.settings;
    for (name, dates) in [
        ("settings.holidays", &s.holidays),
        ("settings.extra_business_days", &s.extra_business_days),
    ] {
        if dates.len() > MAX_DATES {
            return fail(
                name,
                format!("too many dates ({}; at most {MAX_DATES})", dates.len()),
            );
        }
        if !dates.iter().all(|d| date_ok(*d)) {
            return fail(name, "a date outside years 1 to 9999".into());
        }
    }
    let durations = [
        (
            "settings.auto_cancel_unpaid_after",
            s.auto_cancel_unpaid_after,
        ),
        (
            "settings.payment_processing_grace",
            s.payment_processing_grace,
        ),
        ("settings.merchant_confirm_sla", s.merchant_confirm_sla),
        (
            "settings.auto_confirm_receipt_after",
            s.auto_confirm_receipt_after,
        ),
        ("settings.delivery_late_after", s.delivery_late_after),
    ];
    for (name, d) in durations {
        if !duration_ok(d) {
            return fail(name, "duration out of range (at most 100 years)".into());
        }
    }
    if s.max_payment_attempts < 1 {
        return fail("settings.max_payment_attempts", "must be at least 1".into());
    }
    if s.support_url
        .as_deref()
        .is_some_and(|u| !super::settings::is_web_url(u))
    {
        return fail("settings.support_url", "not an http(s) URL".into());
    }
    for (m, w) in &set.windows.0 {
        if ![w.review, w.arrive.0, w.arrive.1]
            .into_iter()
            .all(duration_ok)
        {
            return fail(
                &format!("refund_windows.{}", m.as_str()),
                "duration out of range (at most 100 years)".into(),
            );
        }
    }
    if set.rules.len() > MAX_RULES {
        return fail(
            "rules",
            format!("too many rules ({}; at most {MAX_RULES})", set.rules.len()),
        );
    }
    if set.masked_codes.len() > MAX_MASKED_CODES
        || set.masked_codes.iter().any(|c| c.len() > MAX_NAME * 4)
    {
        return fail("masked codes", "too many or too long".into());
    }
    let mut total: usize = 0;
    for (i, r) in set.rules.iter().enumerate() {
        let path = format!("rules[{i}]");
        if !is_name(&r.id, '-') || set.rules.iter().take(i).any(|x| x.id == r.id) {
            return fail(&path, "a rule id that is not a name, or twice".into());
        }
        if !is_name(&r.reason, '_') || r.deadlines.iter().any(|d| !is_name(&d.kind, '_')) {
            return fail(&path, "a reason or deadline kind that is not a name".into());
        }
        if !(-MAX_PRIORITY..=MAX_PRIORITY).contains(&r.priority) {
            return fail(
                &path,
                format!("priority out of range (-{MAX_PRIORITY} to {MAX_PRIORITY})"),
            );
        }
        let n = nodes(&r.when, MAX_RULE_NODES);
        if n > MAX_RULE_NODES {
            return fail(
                &path,
                format!("condition too large (more than {MAX_RULE_NODES} parts)"),
            );
        }
        total = total.saturating_add(n);
        if total > MAX_TOTAL_NODES {
            return fail(
                &path,
                format!("conditions too large in all (more than {MAX_TOTAL_NODES} parts)"),
            );
        }
        if let Some(p) = condition_problem(&r.when, false, 0) {
            return fail(&path, p.to_string());
        }
        let stamps = r
            .deadlines
            .iter()
            .map(|d| &d.at)
            .chain(r.wait_until.as_ref());
        for at in stamps {
            if !is_ts_field(at) || matches!(at, Node::Field(Field::Item(_))) {
                return fail(&path, "a deadline that is not a timestamp field".into());
            }
        }
        if r.fields.len() > ORDER_FIELDS.len() + 8 {
            return fail(&path, "too many traced fields".into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::eval::Rel;
    use crate::rules::parser::CmpOp;
    use crate::rules::schema::ItemField;

    fn all_items(x: Node) -> Node {
        Node::All(Box::new(x))
    }

    #[test]
    fn nested_item_functions_and_stray_item_fields_are_refused() {
        let item = Node::Field(Field::Item(ItemField::InStock));
        assert_eq!(condition_problem(&all_items(item.clone()), false, 0), None);
        assert_eq!(
            condition_problem(&all_items(all_items(item.clone())), false, 0),
            Some("an item function inside another")
        );
        assert_eq!(
            condition_problem(&item, false, 0),
            Some("an item field outside an item function")
        );
    }

    #[test]
    fn thresholds_read_timestamps_with_durations_in_range() {
        let t = |ts: Node, dur| Node::Threshold {
            kind: Rel::Age,
            ts: Box::new(ts),
            op: CmpOp::Ge,
            dur,
        };
        let created = Node::Field(Field::CreatedAt);
        assert_eq!(
            condition_problem(&t(created.clone(), Duration::Wall(60_000)), false, 0),
            None
        );
        assert!(condition_problem(&t(created.clone(), Duration::Wall(-1)), false, 0).is_some());
        assert!(condition_problem(&t(created, Duration::Business(40_000)), false, 0).is_some());
        assert!(
            condition_problem(&t(Node::Field(Field::Total), Duration::Wall(1)), false, 0).is_some()
        );
    }

    #[test]
    fn counting_stops_past_the_cap() {
        let wide = Node::And(vec![Node::Const(Const::Bool(true)); 100]);
        assert_eq!(nodes(&wide, 1000), 101);
        assert_eq!(nodes(&wide, 10), 11);
    }
}
