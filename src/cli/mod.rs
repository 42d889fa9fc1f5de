//! The `orderlens` command line (SPEC §4.2).
//!
//! Exit codes: 0 ok, 1 invalid input, 2 usage error.

use crate::explain::write_sweep_line;
use crate::import::Platform;
use crate::json::Value;
use crate::messages::locale::negotiate;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::rules::{Audience, RuleSet};
use crate::order::{Order, OrderError};
use crate::runtime::bytes::is_compiled;
use crate::time::Timestamp;
use std::io::{self, BufRead, BufWriter, Read, Write};

const USAGE: &str = "\
orderlens — explain why an order is not confirmed yet, what to do, and when

usage:
  orderlens check RULES.json [--format text|json]
  orderlens compile RULES.json [--out RULES.olr] [--locales en,zh-CN,…] [--audience buyer]
  orderlens explain ORDER.json [--rules R] [--locale L] [--now TS] [--time-zone Z] [--json | --no-text] [--from P] [--audience buyer|merchant]
  orderlens explain ORDER.json [...] --format html [--stylesheet URL] [--theme light|dark|auto]
  orderlens explain ORDER.json [...] --format email [--brand NAME] [--support-url URL]
  orderlens sweep [--rules R] [--now TS] [--due-only] [--from P] [--audience buyer|merchant] < orders.ndjson > due.ndjson
  orderlens import --from P FILE
  orderlens decode OL-XXXX-XXXX [--rules R]
  orderlens messages [--locale L] [--rules R]

  ORDER.json and FILE may be '-' for standard input. TS is RFC 3339 (default: now).
  Z is the IANA time zone the texts show times in (default: the shop's,
  settings.timezone); deadlines are counted in the shop's calendar either way.
  P is shopify, woocommerce or stripe: read the platform's order payload (a
  Shopify Admin REST Order, a WooCommerce REST v3 order, or Stripe's
  {paymentIntent, refunds, dispute, order}); `import` prints the
  order document it becomes.
  --no-text prints the decision alone, as JSON without any text (what
  evaluate() gives: rules, reasons, actions, deadlines, valid_until).
  --format text|json|html|email: html is the widget's markup (<order-lens> with
  a declarative shadow root); email is {subject, html, text} as JSON.
  R is a rules document or compiled rules (`compile` writes them: what the
  browser runtime `orderlens/runtime` loads; to standard output without --out).
exit codes: 0 ok, 1 invalid input, 2 usage error";

/// Longest NDJSON line `sweep` reads; longer lines are reported and skipped.
pub const MAX_LINE: usize = 4 * 1024 * 1024;

struct Usage(String);

struct Args {
    positional: Vec<String>,
    flags: Vec<(String, Option<String>)>,
}

impl Args {
    fn parse(argv: &[String], with_value: &[&str], switches: &[&str]) -> Result<Args, Usage> {
        let mut a = Args {
            positional: Vec::new(),
            flags: Vec::new(),
        };
        let mut it = argv.iter();
        while let Some(arg) = it.next() {
            if let Some(name) = arg.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (name, None),
                };
                if with_value.contains(&name) {
                    let v = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .cloned()
                            .ok_or_else(|| Usage(format!("--{name} needs a value")))?,
                    };
                    a.flags.push((name.to_string(), Some(v)));
                } else if switches.contains(&name) {
                    a.flags.push((name.to_string(), None));
                } else {
                    return Err(Usage(format!("unknown option --{name}")));
                }
            } else {
                a.positional.push(arg.clone());
            }
        }
        Ok(a)
    }
    fn value(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }
    fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }
}

/// Runs the CLI with `argv` (without the program name); returns the exit code.
pub fn run(
    argv: &[String],
    stdin: &mut dyn BufRead,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let result = match argv.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            let _ = writeln!(stdout, "{USAGE}");
            return if argv.is_empty() { 2 } else { 0 };
        }
        // `orderlens CMD --help`: the usage, not an unknown option.
        Some(_) if argv.iter().skip(1).any(|a| a == "--help" || a == "-h") => {
            let _ = writeln!(stdout, "{USAGE}");
            return 0;
        }
        Some("-V" | "--version") => {
            let _ = writeln!(stdout, "orderlens {}", env!("CARGO_PKG_VERSION"));
            return 0;
        }
        Some("check") => check(argv.get(1..).unwrap_or_default(), stdout, stderr),
        Some("compile") => compile(argv.get(1..).unwrap_or_default(), stdout, stderr),
        Some("explain") => explain(argv.get(1..).unwrap_or_default(), stdin, stdout, stderr),
        Some("sweep") => sweep(argv.get(1..).unwrap_or_default(), stdin, stdout, stderr),
        Some("import") => import(argv.get(1..).unwrap_or_default(), stdin, stdout, stderr),
        Some("decode") => decode(argv.get(1..).unwrap_or_default(), stdout, stderr),
        Some("messages") => messages(argv.get(1..).unwrap_or_default(), stdout, stderr),
        Some(other) => Err(Usage(format!("unknown command '{other}'"))),
    };
    match result {
        Ok(code) => code,
        Err(Usage(msg)) => {
            let _ = writeln!(stderr, "orderlens: {msg}\n\n{USAGE}");
            2
        }
    }
}

fn read_file(path: &str, stdin: Option<&mut dyn BufRead>) -> Result<String, String> {
    if path == "-" {
        let bytes = match stdin {
            Some(r) => read_bounded(r, "standard input")?,
            None => return Err("standard input is not available here".into()),
        };
        return String::from_utf8(bytes).map_err(|_| "standard input: not UTF-8 text".into());
    }
    String::from_utf8(read_bytes(path)?).map_err(|_| format!("{path}: not UTF-8 text"))
}

fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    // The size the file system reports is checked first, and the reading is
    // bounded too: special files (/dev/zero, pipes) report no size.
    let meta = std::fs::metadata(path).map_err(|e| format!("{path}: {e}"))?;
    if meta.len() > crate::json::MAX_BYTES as u64 {
        return Err(format!(
            "{path}: file is too large ({} bytes; at most {})",
            meta.len(),
            crate::json::MAX_BYTES
        ));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    read_bounded(&mut io::BufReader::new(f), path)
}

/// Everything `r` gives, up to [`crate::json::MAX_BYTES`]: more is an error,
/// found after reading one byte past the limit, never by reading it all.
fn read_bounded(r: &mut dyn Read, name: &str) -> Result<Vec<u8>, String> {
    let max = crate::json::MAX_BYTES;
    let mut b = Vec::new();
    r.take(max as u64 + 1)
        .read_to_end(&mut b)
        .map_err(|e| format!("{name}: {e}"))?;
    if b.len() > max {
        return Err(format!("{name}: too large (more than {max} bytes)"));
    }
    Ok(b)
}

/// Loads `--rules`: a rules document, compiled rules, or (none) the
/// built-in rules; prints warnings or every error to `stderr`.
fn load_rules(path: Option<&str>, stderr: &mut dyn Write) -> Option<RuleSet> {
    let bytes = match path.map(read_bytes) {
        None => Vec::new(),
        Some(Ok(b)) => b,
        Some(Err(e)) => {
            let _ = writeln!(stderr, "orderlens: {e}");
            return None;
        }
    };
    let name = path.unwrap_or("(built-in rules)");
    let loaded = if is_compiled(&bytes) {
        RuleSet::from_bytes(&bytes)
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => RuleSet::from_json(&text),
            Err(_) => {
                let _ = writeln!(
                    stderr,
                    "orderlens: {name}: neither a JSON rules document nor compiled rules"
                );
                return None;
            }
        }
    };
    match loaded {
        Ok(rs) => {
            for w in &rs.warnings {
                let _ = writeln!(stderr, "{}", w.render(name));
            }
            Some(rs)
        }
        Err(e) => {
            for d in &e.diagnostics {
                let _ = writeln!(stderr, "{}", d.render(name));
            }
            None
        }
    }
}

fn parse_now(a: &Args) -> Result<Timestamp, Usage> {
    match a.value("now") {
        Some(s) => Timestamp::parse_rfc3339(s).map_err(|e| Usage(format!("--now: {e}"))),
        None => {
            let ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0);
            Ok(Timestamp(ms))
        }
    }
}

/// `--audience buyer|merchant` (SPEC §3.3), if given.
fn audience(a: &Args) -> Result<Option<Audience>, Usage> {
    match a.value("audience") {
        None => Ok(None),
        Some(v) => Audience::parse(v).map(Some).ok_or_else(|| {
            Usage(format!(
                "--audience: unknown audience '{}'; it is 'buyer' or 'merchant'",
                crate::time::truncate(v)
            ))
        }),
    }
}

/// `compile RULES.json [--out FILE]`: checks the document like `check` and
/// writes it compiled (standard output without --out). Exit 1 when invalid.
fn compile(argv: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<i32, Usage> {
    let a = Args::parse(argv, &["out", "locales", "audience"], &[])?;
    let [path] = a.positional.as_slice() else {
        return Err(Usage("compile needs one RULES.json".into()));
    };
    let buyer_only = audience(&a)? == Some(Audience::Buyer);
    let Some(rs) = load_rules(Some(path), stderr) else {
        return Ok(1);
    };
    // --locales: the messages of those locales only (and English, which
    // every diagnosis falls back to), for a page that serves them.
    let rs = match a.value("locales") {
        None => rs,
        Some(list) => {
            let tags: Vec<&str> = list
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            match rs.with_locales(&tags) {
                Ok(rs) => rs,
                Err(e) => return Err(Usage(format!("--locales: {e}"))),
            }
        }
    };
    // --audience buyer: for a page that shows the buyer's view only (a
    // checkout): no merchant.* messages, no merchant rules to evaluate.
    let rs = if buyer_only {
        crate::compiler::bytes_write::buyer_side(rs)
    } else {
        rs
    };
    let bytes = rs.to_bytes();
    match a.value("out") {
        Some(out) => {
            if let Err(e) = std::fs::write(out, &bytes) {
                let _ = writeln!(stderr, "orderlens: {out}: {e}");
                return Ok(1);
            }
            let _ = writeln!(
                stderr,
                "{path}: compiled to {out} ({} bytes, rules {:08x}, locales {})",
                bytes.len(),
                rs.fingerprint,
                rs.catalog.tags().join(", ")
            );
        }
        None => {
            if stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return Ok(1);
            }
        }
    }
    Ok(0)
}

fn check(argv: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<i32, Usage> {
    let a = Args::parse(argv, &["format"], &[])?;
    let [path] = a.positional.as_slice() else {
        return Err(Usage("check needs one RULES.json".into()));
    };
    let format = a.value("format").unwrap_or("text");
    if format != "text" && format != "json" {
        return Err(Usage(format!(
            "--format must be text or json, not '{format}'"
        )));
    }
    let loaded = read_bytes(path).and_then(|b| {
        if is_compiled(&b) {
            Ok(RuleSet::from_bytes(&b))
        } else {
            String::from_utf8(b)
                .map(|t| RuleSet::from_json(&t))
                .map_err(|_| format!("{path}: not UTF-8 text"))
        }
    });
    let diags = match loaded {
        Ok(Ok(rs)) => rs.warnings,
        Ok(Err(e)) => e.diagnostics,
        Err(e) => {
            let _ = writeln!(stderr, "orderlens: {e}");
            return Ok(1);
        }
    };
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    if format == "json" {
        let v = Value::Object(vec![
            ("ok".into(), (errors == 0).into()),
            (
                "diagnostics".into(),
                Value::Array(diags.iter().map(Diagnostic::to_value).collect()),
            ),
        ]);
        let _ = writeln!(stdout, "{}", v.to_json_pretty());
    } else {
        for d in &diags {
            let _ = writeln!(stdout, "{}\n", d.render(path));
        }
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        if errors == 0 {
            let _ = writeln!(stdout, "{path}: ok ({})", plural(warnings, "warning"));
        } else {
            let _ = writeln!(
                stdout,
                "{path}: {}, {}",
                plural(errors, "error"),
                plural(warnings, "warning")
            );
        }
    }
    Ok(if errors == 0 { 0 } else { 1 })
}

fn explain(
    argv: &[String],
    stdin: &mut dyn BufRead,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<i32, Usage> {
    let a = Args::parse(
        argv,
        &[
            "rules",
            "locale",
            "now",
            "from",
            "time-zone",
            "format",
            "stylesheet",
            "theme",
            "brand",
            "support-url",
            "audience",
        ],
        &["json", "no-text"],
    )?;
    let [path] = a.positional.as_slice() else {
        return Err(Usage("explain needs one ORDER.json (or '-')".into()));
    };
    let format = explain_format(&a)?;
    let now = parse_now(&a)?;
    let view = audience(&a)?.unwrap_or(Audience::Buyer);
    let from = parse_from(&a)?;
    let zone = time_zone(&a)?;
    let Some(rs) = load_rules(a.value("rules"), stderr) else {
        return Ok(1);
    };
    if view == Audience::Merchant && !rs.has_merchant_view() {
        return Err(Usage(format!(
            "--audience merchant: {}",
            crate::model::rules::NO_MERCHANT_VIEW
        )));
    }
    let Some(order) = read_order_file(path, from, stdin, stderr) else {
        return Ok(1);
    };
    if a.has("no-text") {
        let e = rs.decide_for(&order, now, view).to_json();
        let pretty = crate::json::parse(&e).map_or(e, |v| v.to_json_pretty());
        let _ = writeln!(stdout, "{pretty}");
        return Ok(0);
    }
    let d = rs.explain_for(
        &order,
        now,
        a.value("locale").unwrap_or("en"),
        zone.as_ref(),
        view,
    );
    if format == "json" {
        let _ = writeln!(stdout, "{}", d.to_value().to_json_pretty());
        return Ok(0);
    }
    if format == "html" || format == "email" {
        return render(&a, format, &rs, &d, stdout);
    }
    let _ = stdout.write_all(explain_text(&d, now).as_bytes());
    Ok(0)
}

/// `--time-zone`: the calendar of the zone the times are shown in.
fn time_zone(a: &Args) -> Result<Option<crate::calendar::Calendar>, Usage> {
    match a.value("time-zone") {
        Some(z) => Ok(Some(
            crate::calendar::Calendar::new(z, &[], &[], &[])
                .map_err(|e| Usage(format!("--time-zone: {e}")))?,
        )),
        None => Ok(None),
    }
}

/// Reads the order at `path` (`-`: standard input), as an order document or
/// as `from`'s payload; `None` when it cannot, the problems written to
/// `stderr`.
fn read_order_file(
    path: &str,
    from: Option<Platform>,
    stdin: &mut dyn BufRead,
    stderr: &mut dyn Write,
) -> Option<Order> {
    let text = match read_file(path, Some(stdin)) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(stderr, "orderlens: {e}");
            return None;
        }
    };
    match read_order(from, &text) {
        Ok(o) => Some(o),
        Err(e) => {
            for fe in &e.errors {
                let _ = writeln!(stderr, "{path}: {fe}");
            }
            None
        }
    }
}

/// `explain --format text`: the diagnosis for a person at a terminal.
fn explain_text(d: &crate::Diagnosis, now: Timestamp) -> String {
    let mut out = String::new();
    out.push_str(&format!("Order {} — {}\n", d.order_id, d.headline.title));
    if !d.headline.body.is_empty() {
        out.push_str(&format!("  {}\n", d.headline.body));
    }
    for r in d.reasons.iter().skip(1) {
        out.push_str(&format!("\nAlso: {}\n  {}\n", r.title, r.body));
    }
    if !d.actions.is_empty() {
        out.push('\n');
        for act in &d.actions {
            let mark = if act.primary { "▶" } else { "·" };
            let url = act
                .url
                .as_deref()
                .map(|u| format!(" <{u}>"))
                .unwrap_or_default();
            out.push_str(&format!("  {mark} {}{url}\n", act.label));
        }
    }
    let style = crate::messages::locale::Locale::from_tag(&d.locale).style;
    for dl in &d.deadlines {
        let rel = crate::messages::locale::relative(style, now, dl.at);
        out.push_str(&format!("\n  ⏱ {} ({rel}; {})", dl.label, dl.at));
    }
    if !d.deadlines.is_empty() {
        out.push('\n');
    }
    timeline_text(d, &mut out);
    out.push_str(&format!(
        "\nreasons: {}   valid until: {}   support code: {}\n",
        d.reasons
            .iter()
            .map(|r| r.reason.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        d.valid_until
            .map_or_else(|| "—".to_string(), |t| t.to_rfc3339()),
        d.support_code
    ));
    out
}

/// The refund timeline of `explain --format text`, one line a stage.
fn timeline_text(d: &crate::Diagnosis, out: &mut String) {
    if d.timeline.is_empty() {
        return;
    }
    out.push('\n');
    for s in &d.timeline {
        let when = match (s.at, s.from, s.to) {
            (Some(at), _, _) => at.to_rfc3339(),
            (None, Some(f), Some(t)) => format!("{f} – {t}"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "  [{:<8}] {} — {} ({when})\n",
            s.state.as_str(),
            s.label,
            s.detail
        ));
    }
}

/// `explain --format text|json|html|email` (`--json` is `--format json`).
fn explain_format(a: &Args) -> Result<&str, Usage> {
    if a.has("no-text") && (a.has("json") || a.value("format").is_some()) {
        return Err(Usage(
            "--no-text prints the decision without text; it takes no --json or --format".into(),
        ));
    }
    match (a.value("format"), a.has("json")) {
        (None, json) => Ok(if json { "json" } else { "text" }),
        (Some("json"), _) => Ok("json"),
        (Some(_), true) => Err(Usage("--json is --format json; give one of them".into())),
        (Some(f @ ("text" | "html" | "email")), false) => Ok(f),
        (Some(f), false) => Err(Usage(format!(
            "--format must be text, json, html or email, not '{f}'"
        ))),
    }
}

/// `explain --format html` prints the `<order-lens>` element with its
/// declarative shadow root (`renderHTML`); `--format email` prints the
/// JSON object `{"subject", "html", "text"}` (`renderEmail`).
fn render(
    a: &Args,
    format: &str,
    rs: &RuleSet,
    d: &crate::Diagnosis,
    stdout: &mut dyn Write,
) -> Result<i32, Usage> {
    if format == "html" {
        let opts = crate::render::HtmlOptions {
            locale: None,
            theme: a.value("theme"),
            stylesheet: a.value("stylesheet"),
            time_zone: a.value("time-zone"),
        };
        let html = crate::render::render_html(rs, d, &opts).map_err(option_error)?;
        let _ = writeln!(stdout, "{html}");
    } else {
        let opts = crate::render::EmailOptions {
            brand: a.value("brand"),
            support_url: a.value("support-url"),
            locale: None,
            time_zone: a.value("time-zone"),
        };
        let e = crate::render::render_email(rs, d, &opts).map_err(option_error)?;
        let v = Value::Object(vec![
            ("subject".into(), Value::String(e.subject)),
            ("html".into(), Value::String(e.html)),
            ("text".into(), Value::String(e.text)),
        ]);
        let _ = writeln!(stdout, "{}", v.to_json_pretty());
    }
    Ok(0)
}

/// A renderer's option error (`supportUrl: …`) named as the CLI spells the
/// option (`--support-url: …`).
fn option_error(e: String) -> Usage {
    let e = e
        .replacen("supportUrl:", "support-url:", 1)
        .replacen("timeZone:", "time-zone:", 1);
    Usage(format!("--{e}"))
}

fn sweep(
    argv: &[String],
    stdin: &mut dyn BufRead,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<i32, Usage> {
    let a = Args::parse(argv, &["rules", "now", "from", "audience"], &["due-only"])?;
    if !a.positional.is_empty() {
        return Err(Usage("sweep reads orders from standard input".into()));
    }
    let merchant = audience(&a)? == Some(Audience::Merchant);
    let now = parse_now(&a)?;
    let from = parse_from(&a)?;
    let due_only = a.has("due-only");
    let Some(rs) = load_rules(a.value("rules"), stderr) else {
        return Ok(1);
    };
    let job = Sweep {
        rs: &rs,
        from,
        now,
        merchant,
        due_only,
    };
    let mut out = BufWriter::with_capacity(64 * 1024, stdout);
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    let mut line_no = 0usize;
    let mut bad = 0usize;
    let mut line_out = String::with_capacity(512);
    loop {
        buf.clear();
        line_no += 1;
        let result = match next_line(stdin, &mut buf) {
            Ok(SweepLine::End) => break,
            Ok(SweepLine::Bad(msg)) => Err(msg),
            Ok(SweepLine::Text("")) => continue,
            Ok(SweepLine::Text(text)) => {
                line_out.clear();
                job.line(text, &mut line_out)
            }
            Err(e) => {
                let _ = writeln!(stderr, "orderlens: reading standard input: {e}");
                return Ok(1);
            }
        };
        match result {
            Ok(false) => {}
            Ok(true) => {
                line_out.push('\n');
                if out.write_all(line_out.as_bytes()).is_err() {
                    // The reader went away (e.g. `| head`): stop quietly.
                    return Ok(0);
                }
            }
            Err(msg) => {
                bad += 1;
                let _ = writeln!(stderr, "line {line_no}: {msg}");
            }
        }
    }
    Ok(sweep_end(&mut out, bad, stderr))
}

/// Flushes `sweep`'s output and reports the `bad` lines skipped; the exit
/// code: 1 when there were any (0 when the reader went away).
fn sweep_end(out: &mut dyn Write, bad: usize, stderr: &mut dyn Write) -> i32 {
    if out.flush().is_err() {
        return 0;
    }
    if bad > 0 {
        let _ = writeln!(
            stderr,
            "orderlens: {bad} bad line{} skipped",
            if bad == 1 { "" } else { "s" }
        );
        return 1;
    }
    0
}

/// A line of `sweep`'s input.
enum SweepLine<'a> {
    /// The end of the input.
    End,
    /// A line that cannot be read (too long, not UTF-8): why.
    Bad(String),
    /// A line's text, trimmed.
    Text(&'a str),
}

/// Reads the next line of `sweep`'s input into `buf`.
fn next_line<'b>(stdin: &mut dyn BufRead, buf: &'b mut Vec<u8>) -> io::Result<SweepLine<'b>> {
    let (n, too_long) = read_line_bounded(stdin, buf, MAX_LINE)?;
    if n == 0 {
        return Ok(SweepLine::End);
    }
    if too_long {
        return Ok(SweepLine::Bad(format!(
            "line is too long (more than {MAX_LINE} bytes, the line ending not counted); skipped"
        )));
    }
    Ok(match std::str::from_utf8(buf) {
        Ok(t) => SweepLine::Text(t.trim()),
        Err(_) => SweepLine::Bad("not valid UTF-8".into()),
    })
}

/// What `sweep` was asked for.
struct Sweep<'a> {
    rs: &'a RuleSet,
    from: Option<Platform>,
    now: Timestamp,
    /// `--audience merchant`: the seller's lines.
    merchant: bool,
    /// `--due-only`: only the orders with something due.
    due_only: bool,
}

impl Sweep<'_> {
    /// Writes the output line for the order in `text` into `out`: `false`
    /// (and nothing written) when it is not due and only due orders are
    /// asked for; the order's errors, joined, when it cannot be read.
    fn line(&self, text: &str, out: &mut String) -> Result<bool, String> {
        let order = read_order(self.from, text).map_err(|e| {
            e.errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        // --audience merchant --due-only: the seller's work queue,
        // the orders that need the seller now.
        if self.merchant {
            let (v, due) = crate::explain::merchant_sweep_line(self.rs, &order, self.now);
            if self.due_only && !due {
                return Ok(false);
            }
            v.write(out);
        } else if !write_sweep_line(self.rs, &order, self.now, out) && self.due_only {
            out.clear();
            return Ok(false);
        }
        Ok(true)
    }
}

/// Reads one line into `buf` (with its line ending), keeping at most `max`
/// bytes of content: a longer line is read to its end and reported as too
/// long, with `buf` cleared. The line ending (`\n` or `\r\n`) does not count.
/// Returns the bytes consumed and whether the line was too long.
fn read_line_bounded(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<(usize, bool)> {
    let mut total = 0usize;
    let mut too_long = false;
    let keep = max.saturating_add(2);
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (available.get(..=i).unwrap_or(available), true),
            None => (available, false),
        };
        let len = chunk.len();
        if !too_long {
            if buf.len().saturating_add(len) > keep {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        total = total.saturating_add(len);
        r.consume(len);
        if done {
            break;
        }
    }
    if !too_long {
        let mut content = buf.len();
        if buf.last() == Some(&b'\n') {
            content -= 1;
            if buf.get(..content).and_then(<[u8]>::last) == Some(&b'\r') {
                content -= 1;
            }
        }
        if content > max {
            too_long = true;
            buf.clear();
        }
    }
    Ok((total, too_long))
}

/// `--from P`: the platform whose payloads are read (none: order documents).
fn parse_from(a: &Args) -> Result<Option<Platform>, Usage> {
    match a.value("from") {
        None => Ok(None),
        Some(p) => Platform::parse(p).map(Some).ok_or_else(|| {
            Usage(format!(
                "--from must be shopify, woocommerce or stripe, not '{p}'"
            ))
        }),
    }
}

/// An order document, or a platform's payload imported.
fn read_order(from: Option<Platform>, text: &str) -> Result<Order, OrderError> {
    match from {
        None => Order::from_json(text),
        Some(p) => crate::import::order_from_json(p, text),
    }
}

/// `import --from P FILE`: prints the order document of a platform's
/// payload. Exit 1 with every located error when it cannot be read.
fn import(
    argv: &[String],
    stdin: &mut dyn BufRead,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<i32, Usage> {
    let a = Args::parse(argv, &["from"], &[])?;
    let [path] = a.positional.as_slice() else {
        return Err(Usage(
            "import needs --from shopify|woocommerce|stripe and one FILE (or '-')".into(),
        ));
    };
    let Some(from) = parse_from(&a)? else {
        return Err(Usage(
            "import needs --from shopify|woocommerce|stripe".into(),
        ));
    };
    let text = match read_file(path, Some(stdin)) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(stderr, "orderlens: {e}");
            return Ok(1);
        }
    };
    match crate::import::parse(&text).and_then(|v| crate::import::to_document(from, &v)) {
        Ok(doc) => {
            let _ = writeln!(stdout, "{}", doc.to_json_pretty());
            Ok(0)
        }
        Err(e) => {
            let _ = writeln!(
                stderr,
                "{path}: cannot read this {} ({} error{}):",
                from.what(),
                e.errors.len(),
                if e.errors.len() == 1 { "" } else { "s" }
            );
            for fe in &e.errors {
                let _ = writeln!(stderr, "{path}: {fe}");
            }
            Ok(1)
        }
    }
}

fn decode(argv: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<i32, Usage> {
    let a = Args::parse(argv, &["rules"], &[])?;
    if a.positional.is_empty() {
        return Err(Usage(
            "decode needs a support code like OL-XXXX-XXXX".into(),
        ));
    }
    let code = a.positional.join("");
    let d = match crate::diagnosis::support_code::decode(&code) {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(stderr, "orderlens: {code}: {e}");
            return Ok(1);
        }
    };
    let Some(rs) = load_rules(a.value("rules"), stderr) else {
        return Ok(1);
    };
    let same = (rs.fingerprint & 0xF_FFFF) == d.fingerprint;
    let mut out = String::new();
    out.push_str(&format!("support code: {code}\n"));
    out.push_str(&format!("evaluated at: {} (to the minute)\n", d.at));
    out.push_str(&format!(
        "rule set:     {:05x} ({})\n",
        d.fingerprint,
        if same {
            "matches these rules".to_string()
        } else {
            format!(
                "does NOT match these rules ({:05x}); pass the merchant's rules with --rules",
                rs.fingerprint & 0xF_FFFF
            )
        }
    ));
    if d.rules.is_empty() {
        out.push_str("reasons:      none matched (the generic status line was shown)\n");
    } else {
        out.push_str("reasons:\n");
        for (n, i) in d.rules.iter().enumerate() {
            let tag = if n == 0 { "headline" } else { "" };
            match rs.rules.get(usize::from(*i)).filter(|_| same) {
                Some(r) => out.push_str(&format!(
                    "  #{i:<3} {:<32} rule '{}' {tag}\n",
                    r.reason, r.id
                )),
                None => out.push_str(&format!(
                    "  #{i:<3} (rule index; needs the matching rules) {tag}\n"
                )),
            }
        }
    }
    let _ = stdout.write_all(out.as_bytes());
    Ok(0)
}

fn messages(argv: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<i32, Usage> {
    let a = Args::parse(argv, &["locale", "rules"], &[])?;
    let Some(rs) = load_rules(a.value("rules"), stderr) else {
        return Ok(1);
    };
    let tag = negotiate(a.value("locale").unwrap_or("en"), &rs.catalog.tags());
    let Some(lc) = rs.catalog.get(&tag) else {
        return Ok(1);
    };
    if lc.sources.is_empty() {
        let _ = writeln!(
            stderr,
            "orderlens: compiled rules keep no message texts to print; pass the rules document"
        );
        return Ok(1);
    }
    let mut out = format!("# locale {tag}: {} messages\n", lc.sources.len());
    for (k, v) in &lc.sources {
        out.push_str(&format!("{k} = {v}\n"));
    }
    let _ = stdout.write_all(out.as_bytes());
    Ok(0)
}
