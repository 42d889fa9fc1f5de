//! Native benchmarks: compiling rules, evaluating and explaining one order,
//! sweeping.
//!
//! `cargo bench --bench explain`

use criterion::{criterion_group, criterion_main, Criterion};
use orderlens::{Order, RuleSet, Timestamp};
use std::hint::black_box;

fn inputs() -> (String, String, Timestamp) {
    let rules = std::fs::read_to_string("examples/rules.json").unwrap_or_default();
    let order = std::fs::read_to_string("examples/order.json").unwrap_or_default();
    let now = Timestamp::parse_rfc3339("2026-11-21T02:05:00Z").unwrap_or(Timestamp(0));
    (rules, order, now)
}

fn bench(c: &mut Criterion) {
    let (rules_text, order_text, now) = inputs();
    let Ok(rules) = RuleSet::from_json(&rules_text) else {
        return;
    };
    let Ok(order) = Order::from_json(&order_text) else {
        return;
    };
    c.bench_function("compile rules (defaults + merchant doc)", |b| {
        b.iter(|| RuleSet::from_json(black_box(&rules_text)).is_ok())
    });
    let bytes = rules.to_bytes();
    c.bench_function("load compiled rules (the same document, from bytes)", |b| {
        b.iter(|| RuleSet::from_bytes(black_box(&bytes)).is_ok())
    });
    c.bench_function("parse order JSON", |b| {
        b.iter(|| Order::from_json(black_box(&order_text)).is_ok())
    });
    c.bench_function("compile the built-in rules (no document)", |b| {
        b.iter(|| RuleSet::from_json(black_box("{}")).is_ok())
    });
    c.bench_function("match rules only (no deadlines, no valid_until)", |b| {
        b.iter(|| rules.evaluate(black_box(&order), now))
    });
    c.bench_function("evaluate (parsed order, the decision without text)", |b| {
        b.iter(|| rules.decide(black_box(&order), now))
    });
    c.bench_function("explain (parsed order, reused rules, en)", |b| {
        b.iter(|| rules.explain(black_box(&order), now, "en"))
    });
    c.bench_function(
        "explain to JSON text (parse + explain + serialize, ru)",
        |b| {
            b.iter(|| {
                Order::from_json(black_box(&order_text))
                    .map(|o| rules.explain(&o, now, "ru").to_json())
            })
        },
    );
    c.bench_function("sweep line (parse + evaluate, no text)", |b| {
        b.iter(|| {
            Order::from_json(black_box(&order_text))
                .map(|o| orderlens::explain::sweep_line(&rules, &o, now))
        })
    });
}

/// `orderlens sweep` over NDJSON next to parsing the same lines into
/// `serde_json::Value` (the floor of any JSON reader that builds a tree).
fn sweep(c: &mut Criterion) {
    let (rules_text, _, now) = inputs();
    let Ok(rules) = RuleSet::from_json(&rules_text) else {
        return;
    };
    let Ok(ndjson) = std::fs::read_to_string("benches/orders.ndjson") else {
        eprintln!("benches/orders.ndjson missing: python3 benches/gen_orders.py 2000 > benches/orders.ndjson");
        return;
    };
    let lines: Vec<&str> = ndjson.lines().collect();
    let mut g = c.benchmark_group("ndjson");
    g.throughput(criterion::Throughput::Elements(lines.len() as u64));
    g.bench_function("sweep (parse + evaluate + the output line)", |b| {
        b.iter(|| {
            let mut out = String::new();
            for l in &lines {
                if let Ok(o) = Order::from_json(black_box(l)) {
                    orderlens::explain::sweep_line(&rules, &o, now).write(&mut out);
                }
            }
            out.len()
        })
    });
    g.bench_function("serde_json::Value parse only", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|l| serde_json::from_str::<serde_json::Value>(black_box(l)).is_ok())
                .count()
        })
    });
    g.finish();
}

criterion_group!(benches, bench, sweep);
criterion_main!(benches);
