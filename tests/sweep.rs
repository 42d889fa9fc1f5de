//! `orderlens sweep` writes its lines straight as text; they must read as
//! the `{ id, reasons, deadlines }` value `sweep_line` gives, byte for byte.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use orderlens::explain::{sweep_line, write_sweep_line};
use orderlens::{Order, RuleSet, Timestamp};

#[test]
fn written_sweep_lines_are_the_sweep_values() {
    let root = env!("CARGO_MANIFEST_DIR");
    let orders = std::fs::read_to_string(format!("{root}/benches/orders.ndjson")).unwrap();
    let example = std::fs::read_to_string(format!("{root}/examples/rules.json")).unwrap();
    let sets = [
        RuleSet::defaults().unwrap(),
        RuleSet::from_json(&example).unwrap(),
    ];
    let (mut lines, mut due) = (0, 0);
    let mut out = String::new();
    for rs in &sets {
        for now in ["2026-06-01T00:00:00Z", "2026-12-24T18:30:00Z"] {
            let now = Timestamp::parse_rfc3339(now).unwrap();
            for text in orders.lines() {
                let order = Order::from_json(text).unwrap();
                let want = sweep_line(rs, &order, now);
                out.clear();
                let is_due = write_sweep_line(rs, &order, now, &mut out);
                assert_eq!(out, want.to_json(), "{text}");
                let listed = match want.get("deadlines") {
                    Some(orderlens::json::Value::Array(d)) => d.len(),
                    other => panic!("deadlines: {other:?}"),
                };
                assert_eq!(is_due, listed > 0, "{text}");
                lines += 1;
                due += usize::from(is_due);
            }
        }
    }
    // The orders exercise both kinds of line.
    assert!(
        lines > 1000 && due > 0 && due < lines,
        "{lines} lines, {due} due"
    );
}
