//! `f64` ↔ text through the host's JavaScript engine, for the JSON reader
//! and writer on wasm32.
//!
//! Rust's own float parsing (`dec2flt`, with its 10 KB power-of-five table)
//! and printing (`flt2dec`: Grisu + Dragon4) cost about 23 KB of the gzipped
//! browser payload; the engine already has both. Results are identical to
//! Rust's: `parseFloat` rounds correctly like `str::parse::<f64>` (V8,
//! SpiderMonkey and JavaScriptCore all do, at any length), and
//! `Number.prototype.toString` gives the same shortest round-trip digits as
//! `{}`; only the layout differs (JS switches to exponent form below 1e-6 and
//! from 1e21, Rust never does), and [`write_f64`] lays the digits out the way
//! Rust's `{}` does. `src/wasm/tests.rs` checks both against Rust's own.
//!
//! To use them, `crate::json` calls these under
//! `#[cfg(target_arch = "wasm32")]` instead of `text.parse::<f64>()` and
//! `write!(out, "{f}")`.

use super::js;

/// Parses a JSON number's text (already checked against the JSON grammar).
/// `None` only for text that is not a number at all.
pub fn parse_f64(text: &str) -> Option<f64> {
    let f = js::parse_float(text);
    (!f.is_nan()).then_some(f)
}

/// Appends a finite `f` exactly as `write!(out, "{f}")` would.
pub fn write_f64(f: f64, out: &mut String) {
    // The runtime build's JSON goes straight to `JSON.parse`, where the
    // layout does not matter (no fingerprint is computed from it there).
    if !cfg!(feature = "compiler") {
        out.push_str(&js::number_to_string(f));
        return;
    }
    if f == 0.0 {
        out.push_str(if f.is_sign_negative() { "-0" } else { "0" });
        return;
    }
    let js = js::number_to_string(f);
    let (neg, body) = match js.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, js.as_str()),
    };
    let (mantissa, exp) = match body.split_once('e') {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (body, 0),
    };
    if exp == 0 {
        out.push_str(&js);
        return;
    }
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = int.chars().chain(frac.chars()).collect();
    // Position of the decimal point within `digits`.
    let point = i32::try_from(int.len()).unwrap_or(1).saturating_add(exp);
    let len = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    if neg {
        out.push('-');
    }
    if point <= 0 {
        out.push_str("0.");
        for _ in 0..-point {
            out.push('0');
        }
        out.push_str(digits.trim_end_matches('0'));
    } else if point >= len {
        out.push_str(&digits);
        for _ in 0..point - len {
            out.push('0');
        }
    } else {
        let (a, b) = digits
            .split_at_checked(usize::try_from(point).unwrap_or(0))
            .unwrap_or((&digits, ""));
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    }
}
