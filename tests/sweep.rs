//! `orderlens sweep` writes its lines straight as text; they must read as
//! the `{ id, reasons, deadlines }` value `sweep_line` gives, byte for byte.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use orderlens::explain::{sweep_line, write_sweep_line};
use orderlens::json::{self, Value};
use orderlens::{Order, RuleSet, Timestamp};

#[test]
fn written_sweep_lines_are_the_sweep_values() {
    let root = env!("CARGO_MANIFEST_DIR");
    // Every fixture's order, at its time and at two others.
    let mut cases: Vec<(Order, String)> = Vec::new();
    for entry in std::fs::read_dir(format!("{root}/tests/fixtures/cases")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let case = json::parse(&text).unwrap();
        let Some(order) = case.get("order") else {
            continue;
        };
        let Ok(order) = Order::from_json(&order.to_json()) else {
            continue; // a fixture of a bad order
        };
        if let Some(Value::String(now)) = case.get("now") {
            cases.push((order, now.clone()));
        }
    }
    assert!(cases.len() > 150, "{} fixture orders", cases.len());
    let example = std::fs::read_to_string(format!("{root}/examples/rules.json")).unwrap();
    let sets = [
        RuleSet::defaults().unwrap(),
        RuleSet::from_json(&example).unwrap(),
    ];
    let (mut lines, mut due) = (0, 0);
    let mut out = String::new();
    for rs in &sets {
        for (order, at) in &cases {
            for now in [at.as_str(), "2026-06-01T00:00:00Z", "2027-03-01T18:30:00Z"] {
                let now = Timestamp::parse_rfc3339(now).unwrap();
                let want = sweep_line(rs, order, now);
                out.clear();
                let is_due = write_sweep_line(rs, order, now, &mut out);
                assert_eq!(out, want.to_json(), "{} at {now}", order.id);
                let listed = match want.get("deadlines") {
                    Some(Value::Array(d)) => d.len(),
                    other => panic!("deadlines: {other:?}"),
                };
                assert_eq!(is_due, listed > 0, "{} at {now}", order.id);
                lines += 1;
                due += usize::from(is_due);
            }
        }
    }
    // The orders exercise both kinds of line.
    assert!(due > 0 && due < lines, "{lines} lines, {due} due");
}
