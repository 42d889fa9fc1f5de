//! Native benchmarks: compiling rules, explaining one order, sweeping.
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

criterion_group!(benches, bench);
criterion_main!(benches);
