//! The limits of a rule set, in one place: the document loader enforces
//! them while it reads a rules document, and the compiled-bytes reader
//! checks every one of them again on what it read, because compiled rules
//! reach a checkout page over the network and are untrusted input like any
//! order (SPEC §5). Within these limits an explanation's time is bounded by
//! construction: at most `MAX_RULES` rules of at most `MAX_RULE_NODES` parts,
//! at most `MAX_TOTAL_NODES` parts in all, item functions not nested, each
//! evaluated over at most `order::MAX_ITEMS` items.

use super::ir::Node;
use crate::model::schema::{Field, Ty, ORDER_FIELDS};
use crate::time::{Date, Duration, DAY_MS};

/// Most rules a rule set may hold (built-in ones included, disabled ones
/// not).
pub const MAX_RULES: usize = 250;
/// Most parts (operators, fields, constants, list entries) of one compiled
/// condition.
pub const MAX_RULE_NODES: usize = 4000;
/// Most parts of all the conditions of a rule set together.
pub const MAX_TOTAL_NODES: usize = 20_000;
/// Deepest nesting of a compiled condition.
pub const MAX_DEPTH: usize = 64;
/// Longest duration, in days (100 years), wall-clock or business days.
pub const MAX_DURATION_DAYS: i64 = 36_500;
/// Most holidays, and most extra business days.
pub use crate::model::settings::MAX_DATES;
/// Highest `priority`, and lowest as its negative.
pub const MAX_PRIORITY: i64 = 1_000_000;
/// Most locales a rule set's messages cover.
pub const MAX_LOCALES: usize = 64;
/// Most messages of one locale.
pub const MAX_MESSAGES: usize = 2000;
/// Most deadlines of one rule.
pub const MAX_DEADLINES: usize = 16;
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

/// Counts the parts of a condition, up to one past `cap`.
pub fn nodes(n: &Node, cap: usize) -> usize {
    size(n).min(cap.saturating_add(1))
}

/// The number of parts of a condition: every node, and every entry of an
/// `in` list. Rules keep theirs (`Rule::size`), for the limits and for
/// `valid_until`'s work budget.
pub fn size(n: &Node) -> usize {
    let one = |x: &Node| size(x);
    let inner = match n {
        Node::Const(_) | Node::Field(_) => 0,
        Node::Rel(_, x)
        | Node::Not(x)
        | Node::IsSet(x)
        | Node::Any(x)
        | Node::All(x)
        | Node::Count(x) => one(x),
        Node::Threshold { ts, .. } => one(ts),
        Node::And(xs) | Node::Or(xs) => xs.iter().fold(0usize, |a, x| a.saturating_add(one(x))),
        Node::Cmp(_, a, b) => one(a).saturating_add(one(b)),
        Node::In { lhs, list, .. } => one(lhs).saturating_add(list.len()),
    };
    inner.saturating_add(1)
}

/// Whether `n` is a timestamp field (what `age`, `until`, deadlines and
/// `wait_until` read).
pub fn is_ts_field(n: &Node) -> bool {
    match n {
        Node::Field(Field::Item(i)) => *i == super::schema::ItemField::RestockAt,
        Node::Field(f) => ORDER_FIELDS
            .iter()
            .any(|(_, ty, x)| x == f && *ty == Ty::Ts),
        _ => false,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ir::Const;

    #[test]
    fn counting_stops_past_the_cap() {
        let wide = Node::And(vec![Node::Const(Const::Bool(true)); 100]);
        assert_eq!(nodes(&wide, 1000), 101);
        assert_eq!(nodes(&wide, 10), 11);
        assert_eq!(size(&wide), nodes(&wide, usize::MAX));
    }

    #[test]
    fn durations_and_dates_in_range() {
        assert!(duration_ok(Duration::Wall(36_500 * DAY_MS)));
        assert!(!duration_ok(Duration::Wall(36_500 * DAY_MS + 1)));
        assert!(!duration_ok(Duration::Wall(-1)));
        assert!(!duration_ok(Duration::Business(36_501)));
        assert!(date_ok(Date::from_days(*DAYS.end())));
        assert!(!date_ok(Date::from_days(DAYS.end() + 1)));
    }
}
