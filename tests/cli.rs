//! The `orderlens` binary as merchants run it: exit codes, output formats,
//! streaming sweep.

// Native: these read fixture files and run the CLI. The wasm tests are
// in src/wasm/tests.rs and run the same fixtures through the JS boundary.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_orderlens"))
}

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn tmp(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("orderlens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn check_reports_three_mistakes_located_with_suggestions() {
    let rules = tmp(
        "three.json",
        r#"{"rules": [
  {"id": "late-pay", "when": "status == 'unconfirmd' && payment.stat == 'failed'", "reason": "payment_declined"},
  {"id": "old", "when": "age(status) > 1h", "reason": "payment_declined"}
]}"#,
    );
    let out = run(&["check", &rules], "");
    assert_eq!(out.status.code(), Some(1));
    let s = text(&out.stdout);
    assert!(s.contains("rule 'late-pay' (rules[0].when) 1:11: unknown value 'unconfirmd' for 'status'; did you mean 'unconfirmed'?"), "{s}");
    assert!(s.contains("rule 'late-pay' (rules[0].when) 1:27: unknown field 'payment.stat'; did you mean 'payment.state'?"), "{s}");
    assert!(s.contains("rule 'old' (rules[1].when) 1:5: 'age' expects a timestamp, but 'status' is an enum value"), "{s}");
    // The expression, and a caret under the spot.
    assert!(s.contains("\n    status == 'unconfirmd' && payment.stat == 'failed'\n                              ^^^^^^^^^^^^\n"), "{s}");
    assert!(s.contains("3 errors"), "{s}");
}

#[test]
fn check_json_format_and_valid_document() {
    let out = run(&["check", "examples/rules.json", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v = orderlens::json::parse(&text(&out.stdout)).unwrap();
    assert_eq!(v.get("ok"), Some(&orderlens::json::Value::Bool(true)));

    let bad = tmp(
        "bad.json",
        "{\"settings\": {\"timezone\": \"Mars/Olympus\"}}",
    );
    let out = run(&["check", &bad, "--format", "json"], "");
    assert_eq!(out.status.code(), Some(1));
    let v = orderlens::json::parse(&text(&out.stdout)).unwrap();
    let s = v.to_json();
    assert!(s.contains("\"path\":\"settings.timezone\""), "{s}");
}

#[test]
fn malformed_rules_json_is_located() {
    let bad = tmp(
        "malformed.json",
        "{\n  \"rules\": [\n    {\"id\": \"x\",}\n  ]\n}",
    );
    let out = run(&["check", &bad], "");
    assert_eq!(out.status.code(), Some(1));
    let s = text(&out.stdout);
    assert!(s.contains("3:16: invalid JSON"), "{s}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[], "").status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(run(&["check"], "").status.code(), Some(2));
    assert_eq!(
        run(&["check", "x.json", "--format", "xml"], "")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(
            &["explain", "examples/order.json", "--now", "yesterday"],
            ""
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(run(&["sweep", "--bogus"], "").status.code(), Some(2));
    assert_eq!(run(&["--help"], "").status.code(), Some(0));
}

#[test]
fn help_after_a_command_prints_the_usage_and_exits_0() {
    for cmd in [
        "check", "compile", "explain", "sweep", "import", "decode", "messages",
    ] {
        for flag in ["--help", "-h"] {
            let out = run(&[cmd, flag], "");
            assert_eq!(out.status.code(), Some(0), "{cmd} {flag}");
            let s = text(&out.stdout);
            assert!(s.contains("usage:") && s.contains("exit codes"), "{s}");
            assert!(out.stderr.is_empty(), "{cmd} {flag}: {}", text(&out.stderr));
        }
    }
    // Also after other arguments, which are not read.
    let out = run(&["explain", "no-such-file.json", "--help"], "");
    assert_eq!(out.status.code(), Some(0));
}

/// `orderlens explain --json` on the bundled example at a fixed time.
fn explain_example_json() -> Output {
    run(
        &[
            "explain",
            "examples/order.json",
            "--rules",
            "examples/rules.json",
            "--now",
            "2026-11-21T02:05:00Z",
            "--json",
        ],
        "",
    )
}

#[test]
fn explain_json_is_the_diagnosis() {
    let out = explain_example_json();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v = orderlens::json::parse(&text(&out.stdout)).unwrap();
    let keys: Vec<&str> = match &v {
        orderlens::json::Value::Object(m) => m.iter().map(|(k, _)| k.as_str()).collect(),
        _ => panic!(),
    };
    assert_eq!(
        keys,
        [
            "order_id",
            "locale",
            "now",
            "headline",
            "reasons",
            "actions",
            "deadlines",
            "timeline",
            "valid_until",
            "trace",
            "support_code"
        ]
    );
    let s = v.to_json();
    // insufficient_funds: what happened in plain words in the title (SPEC
    // §2.3), what to do by when in the body (SPEC §3's example).
    assert!(
        s.contains("\"title\":\"Not enough funds on this card\""),
        "{s}"
    );
    assert!(s.contains("\"body\":\"Nothing was charged. Try again or use another card before 10:28, or the order is cancelled automatically.\""), "{s}");
    assert!(
        s.contains("\"deadlines\":[{\"kind\":\"auto_cancel\",\"at\":\"2026-11-21T02:28:00Z\""),
        "{s}"
    );
    assert!(
        s.contains("\"valid_until\":\"2026-11-21T02:28:00Z\""),
        "{s}"
    );
}

#[test]
fn explain_reads_stdin_and_reports_bad_orders_by_field() {
    let order = std::fs::read_to_string("examples/order.json").unwrap();
    let out = run(
        &[
            "explain",
            "-",
            "--locale",
            "ru-RU",
            "--now",
            "2026-11-21T02:05:00Z",
        ],
        &order,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("A-1001"));

    let bad = order.replace("2026-11-21T10:00:00+08:00", "2026-13-45T10:00:00+08:00");
    let out = run(&["explain", "-"], &bad);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("payment.updated_at: invalid timestamp '2026-13-45T10:00:00+08:00'"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn sweep_streams_and_reports_bad_lines_without_stopping() {
    let good = |id: &str, created: &str| {
        format!(
            r#"{{"id":"{id}","status":"pending_payment","created_at":"{created}","payment":null}}"#
        )
    };
    let input = [
        good("A", "2026-11-21T00:00:00Z"),
        "{not json".to_string(),
        good("B", "2026-11-21T01:50:00Z"),
        String::new(),
        r#"{"id":"C","status":"nope","created_at":"2026-11-21T00:00:00Z"}"#.to_string(),
        good("D", "2026-11-20T00:00:00Z"),
    ]
    .join("\n");
    let out = run(&["sweep", "--now", "2026-11-21T02:00:00Z"], &input);
    assert_eq!(out.status.code(), Some(1), "bad lines make the exit code 1");
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(
        lines[0],
        r#"{"id":"A","reasons":["auto_cancelled_unpaid"],"deadlines":[{"kind":"auto_cancel","at":"2026-11-21T00:30:00Z"}]}"#
    );
    assert_eq!(
        lines[1],
        r#"{"id":"B","reasons":["checkout_incomplete"],"deadlines":[]}"#
    );
    assert!(lines[2].starts_with(r#"{"id":"D""#));
    let err = text(&out.stderr);
    assert!(err.contains("line 2: invalid JSON at 1:2"), "{err}");
    assert!(
        err.contains("line 5: status: unknown value 'nope'"),
        "{err}"
    );

    let out = run(
        &["sweep", "--now", "2026-11-21T02:00:00Z", "--due-only"],
        &input,
    );
    assert_eq!(text(&out.stdout).lines().count(), 2);
}

#[test]
fn decode_turns_a_support_code_back_into_reasons() {
    let out = explain_example_json();
    let v = orderlens::json::parse(&text(&out.stdout)).unwrap();
    let Some(orderlens::json::Value::String(code)) = v.get("support_code") else {
        panic!()
    };
    let out = run(&["decode", code, "--rules", "examples/rules.json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("matches these rules"), "{s}");
    assert!(
        s.contains("payment_declined") && s.contains("rule 'payment-declined'"),
        "{s}"
    );
    assert!(s.contains("2026-11-21T02:05:00Z"), "{s}");

    // Without the merchant's rules the fingerprint does not match.
    let s = text(&run(&["decode", code], "").stdout);
    assert!(s.contains("does NOT match"), "{s}");
    assert_eq!(run(&["decode", "OL-ZZZZ"], "").status.code(), Some(1));
}

#[test]
fn messages_lists_a_locale_for_translators() {
    let out = run(&["messages", "--locale", "ru"], "");
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    assert!(s.starts_with("# locale ru:"), "{s}");
    assert!(s.contains("action.cancel_order.label = "));
}

#[test]
fn compile_writes_rules_that_explain_and_decode_exactly_like_the_document() {
    let root = env!("CARGO_MANIFEST_DIR");
    let doc = format!("{root}/examples/rules.json");
    let order = format!("{root}/examples/order.json");
    let olr = std::env::temp_dir()
        .join(format!("orderlens-cli-{}-rules.olr", std::process::id()))
        .to_string_lossy()
        .into_owned();
    let out = run(&["compile", &doc, "--out", &olr], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("locales en, zh-CN, ru"),
        "{}",
        text(&out.stderr)
    );
    let bytes = std::fs::read(&olr).unwrap();
    assert!(bytes.starts_with(b"OLR"));
    // Without --out the same bytes go to standard output.
    let piped = run(&["compile", &doc], "");
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(piped.stdout, bytes);

    let now = "2026-11-21T02:05:00Z";
    for locale in ["en", "zh-CN", "ru"] {
        let from_doc = run(
            &[
                "explain", &order, "--rules", &doc, "--locale", locale, "--now", now, "--json",
            ],
            "",
        );
        let from_olr = run(
            &[
                "explain", &order, "--rules", &olr, "--locale", locale, "--now", now, "--json",
            ],
            "",
        );
        assert_eq!(
            from_olr.status.code(),
            Some(0),
            "{}",
            text(&from_olr.stderr)
        );
        assert_eq!(text(&from_olr.stdout), text(&from_doc.stdout), "{locale}");
    }
    let d = text(
        &run(
            &["explain", &order, "--rules", &olr, "--now", now, "--json"],
            "",
        )
        .stdout,
    );
    let code = d
        .split("\"support_code\": \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let decoded = run(&["decode", &code, "--rules", &olr], "");
    assert!(
        text(&decoded.stdout).contains("matches these rules"),
        "{}",
        text(&decoded.stdout)
    );
    let checked = run(&["check", &olr], "");
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    // Compiled rules keep no message sources.
    assert_eq!(
        run(&["messages", "--rules", &olr], "").status.code(),
        Some(1)
    );
}

#[test]
fn compile_refuses_invalid_rules_and_damaged_compiled_rules_are_reported() {
    let bad = tmp(
        "bad-compile.json",
        r#"{"rules": [{"id": "x", "when": "payment.stat == 'failed'", "reason": "payment_declined"}]}"#,
    );
    let out = run(&["compile", &bad], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("did you mean 'payment.state'?"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(run(&["compile"], "").status.code(), Some(2));
    assert_eq!(
        run(&["compile", &bad, "--output", "x"], "").status.code(),
        Some(2)
    );

    let root = env!("CARGO_MANIFEST_DIR");
    let good = run(&["compile", &format!("{root}/examples/rules.json")], "").stdout;
    let cut = std::env::temp_dir().join(format!("orderlens-cli-{}-cut.olr", std::process::id()));
    std::fs::write(&cut, &good[..good.len() / 2]).unwrap();
    let cut = cut.to_string_lossy().into_owned();
    let out = run(
        &[
            "explain",
            &format!("{root}/examples/order.json"),
            "--rules",
            &cut,
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("damaged or cut short"),
        "{}",
        text(&out.stderr)
    );
}

/// The `payload` of an importer fixture, as JSON text.
fn import_payload(fixture: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/import/{fixture}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let v = orderlens::json::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    v.get("payload").unwrap().to_json()
}

#[test]
fn import_prints_the_order_document_of_a_platform_payload() {
    let file = tmp(
        "shopify.json",
        &import_payload("shopify/rest-example-partially-refunded"),
    );
    let out = run(&["import", "--from", "shopify", &file], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    // Pretty JSON, and exactly an order document.
    assert!(
        s.starts_with("{\n  \"id\": \"#1001\",\n  \"status\": \"confirmed\","),
        "{s}"
    );
    let doc = orderlens::json::parse(&s).unwrap();
    let order = orderlens::Order::from_value(&doc).unwrap();
    assert_eq!(order.total, Some(59894));
    assert_eq!(order.refund.and_then(|r| r.amount), Some(20900));

    // From standard input, WooCommerce.
    let out = run(
        &["import", "--from", "woocommerce", "-"],
        &import_payload("woocommerce/create-example-processing-bacs"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("\"method\": \"bank_transfer\""));
}

#[test]
fn import_reports_every_error_of_a_payload_and_exits_1() {
    let payload = import_payload("woocommerce/create-example-processing-bacs")
        .replace("\"status\":\"processing\"", "\"status\":\"wc-shipped\"")
        .replace("\"currency\":\"USD\"", "\"currency\":\"BTC\"");
    let file = tmp("woo-bad.json", &payload);
    let out = run(&["import", "--from", "woocommerce", &file], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("cannot read this WooCommerce order (2 errors):"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}: status: unknown value 'wc-shipped'; expected one of 'pending', 'processing', 'on-hold'")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}: currency: unknown currency 'BTC'")),
        "{err}"
    );
    // Malformed JSON: line and column.
    let out = run(
        &["import", "--from", "stripe", "-"],
        "{\n  \"paymentIntent\": }",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("-: invalid JSON at 2:20"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn import_usage_errors_exit_2() {
    let file = tmp("any.json", "{}");
    for args in [
        vec!["import", file.as_str()],
        vec!["import", "--from", "magento", file.as_str()],
        vec!["import", "--from", "shopify"],
        vec!["explain", file.as_str(), "--from", "amazon"],
        vec!["sweep", "--from", "ebay"],
    ] {
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let out = run(&["import", "--from", "magento", &file], "");
    assert!(
        text(&out.stderr).contains("--from must be shopify, woocommerce or stripe, not 'magento'"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn explain_from_a_platform_is_explaining_what_import_prints() {
    let file = tmp(
        "stripe.json",
        &import_payload("stripe/declined-insufficient-funds"),
    );
    let now = "2026-11-21T02:05:00Z";
    let direct = run(
        &["explain", "--from", "stripe", &file, "--now", now, "--json"],
        "",
    );
    assert_eq!(direct.status.code(), Some(0), "{}", text(&direct.stderr));
    let doc = run(&["import", "--from", "stripe", &file], "");
    let via = run(
        &["explain", "-", "--now", now, "--json"],
        &text(&doc.stdout),
    );
    assert_eq!(text(&direct.stdout), text(&via.stdout));
    let d = orderlens::json::parse(&text(&direct.stdout)).unwrap();
    assert_eq!(d.get("order_id").unwrap().to_json(), "\"A-1001\"");
    assert_eq!(
        d.get("headline").unwrap().get("reason").unwrap().to_json(),
        "\"payment_declined\""
    );
    // A bad payload: located errors on stderr, exit 1.
    let bad = tmp(
        "stripe-bad.json",
        "{\"paymentIntent\": {\"status\": \"open\"}}",
    );
    let out = run(&["explain", "--from", "stripe", &bad], "");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "{bad}: paymentIntent.status: unknown value 'open'"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{bad}: paymentIntent.id: missing field")),
        "{err}"
    );
}

#[test]
fn sweep_from_a_platform_reads_one_payload_per_line() {
    let lines = [
        import_payload("woocommerce/pending-unpaid"),
        "{\"id\": 1, \"status\": \"shipped\"}".to_string(),
        import_payload("woocommerce/on-hold-awaiting-bank-transfer"),
    ]
    .join("\n");
    let out = run(
        &[
            "sweep",
            "--from",
            "woocommerce",
            "--now",
            "2026-11-21T03:00:00Z",
        ],
        &lines,
    );
    assert_eq!(out.status.code(), Some(1));
    let got = text(&out.stdout);
    let rows: Vec<&str> = got.lines().collect();
    assert_eq!(rows.len(), 2, "{got}");
    assert!(rows[0].starts_with("{\"id\":\"727\""), "{got}");
    let err = text(&out.stderr);
    assert!(
        err.starts_with("line 2: date_created_gmt: missing field; "),
        "{err}"
    );
    assert!(err.contains("; status: unknown value 'shipped'"), "{err}");
    assert!(err.contains("orderlens: 1 bad line skipped"), "{err}");
}

/// Runs with `stdin` fed from another thread, so that a process that stops
/// reading early (as it must on input over a limit) does not block the test.
fn run_bytes(args: &[&str], stdin: Vec<u8>) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        // A broken pipe is the point of some of these tests.
        let _ = pipe.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

#[test]
fn standard_input_is_bounded_like_files() {
    // 16 MiB + 1 byte: refused after reading one byte past the limit.
    let big = vec![b' '; 16 * 1024 * 1024 + 1];
    let out = run_bytes(&["explain", "-"], big);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("standard input: too large (more than 16777216 bytes)"),
        "{err}"
    );
    // Exactly at the limit is read (and is then not an order).
    let mut at_limit =
        b"{\"id\":\"L\",\"status\":\"confirmed\",\"created_at\":\"2026-11-21T00:00:00Z\"}".to_vec();
    at_limit.resize(16 * 1024 * 1024, b' ');
    let out = run_bytes(
        &["explain", "-", "--now", "2026-11-21T02:00:00Z", "--json"],
        at_limit,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("\"L\""), "{}", text(&out.stdout));
}

#[test]
fn sweep_line_limit_counts_the_content_not_the_line_ending() {
    const MAX_LINE: usize = 4 * 1024 * 1024;
    let order = |id: &str| {
        let mut l = format!(
            r#"{{"id":"{id}","status":"pending_payment","created_at":"2026-11-21T00:00:00Z"}}"#
        )
        .into_bytes();
        l.resize(MAX_LINE, b' ');
        l
    };
    let mut input = Vec::new();
    input.extend(order("LF"));
    input.extend(b"\n");
    input.extend(order("CRLF"));
    input.extend(b"\r\n");
    let mut over = order("OVER");
    over.push(b' ');
    input.extend(over);
    input.extend(b"\n");
    input.extend(order("LAST"));
    let out = run_bytes(&["sweep", "--now", "2026-11-21T02:00:00Z"], input);
    let ids: Vec<String> = text(&out.stdout)
        .lines()
        .map(|l| l.split('"').nth(3).unwrap_or_default().to_string())
        .collect();
    assert_eq!(ids, ["LF", "CRLF", "LAST"]);
    let err = text(&out.stderr);
    assert!(
        err.contains("line 3: line is too long (more than 4194304 bytes, the line ending not counted); skipped"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn explain_shows_times_in_the_viewers_time_zone_when_asked() {
    let rules = tmp(
        "shanghai.json",
        r#"{"settings": {"timezone": "Asia/Shanghai"}}"#,
    );
    let order = tmp(
        "unpaid.json",
        r#"{"id": "Z-1", "status": "pending_payment", "created_at": "2026-11-21T09:58:00+08:00"}"#,
    );
    let now = "2026-11-21T02:05:00Z";
    let shop = run(&["explain", &order, "--rules", &rules, "--now", now], "");
    assert!(
        text(&shop.stdout).contains("if not paid by 10:28"),
        "{}",
        text(&shop.stdout)
    );
    let la = run(
        &[
            "explain",
            &order,
            "--rules",
            &rules,
            "--now",
            now,
            "--time-zone",
            "America/Los_Angeles",
        ],
        "",
    );
    assert_eq!(la.status.code(), Some(0));
    // The same instant (02:28Z), in Los Angeles.
    assert!(
        text(&la.stdout).contains("if not paid by 18:28"),
        "{}",
        text(&la.stdout)
    );
    assert!(
        text(&la.stdout).contains("2026-11-21T02:28:00Z"),
        "{}",
        text(&la.stdout)
    );
    let bad = run(&["explain", &order, "--time-zone", "Mars/Base"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("unknown time zone 'Mars/Base'"),
        "{}",
        text(&bad.stderr)
    );
}
