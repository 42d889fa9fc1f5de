//! Typed reads of the values of a JSON document where they are in it: each
//! accessor gives the value, or a [`Located`] error naming its path and
//! saying "expected X, found Y" (or "unknown N 'v'" for a name that is not
//! in its list). The settings reader and the rules document loader read
//! through the accessors and turn their errors into diagnostics in one
//! place each; the order reader, which the browser runtime carries, matches
//! its fields itself and reports its wrong types with [`mismatch`] (the
//! accessors and [`unknown`] there cost the runtime's payload bytes it has
//! no room for). So every "expected X, found Y" of a document is written
//! here once.
//!
//! Paths are the caller's (`payment.state`, `rules[2].actions[0]`,
//! `(built-in) settings.timezone`). A parsed [`Value`] has no line and
//! column, so neither has a [`Located`]: syntax errors, which have them,
//! are reported by `json::parse`.

use crate::json::{Number, Value};
use crate::time::truncate;

/// A value of a document that is not what its place needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// JSON path of the value.
    pub path: String,
    /// What is wrong: "expected a string, found an integer", "unknown
    /// action 'x'".
    pub message: String,
    /// A suggestion ("did you mean 'y'?"), when there is one.
    pub help: Option<String>,
}

/// `expected {what}, found {the type of found}` at `path`.
pub fn expected(path: &str, what: &str, found: &Value) -> Located {
    mismatch(path, what, found.type_name())
}

/// Like [`expected`], a string shown as its text (quoted, shortened)
/// rather than as "a string".
pub fn expected_showing(path: &str, what: &str, found: &Value) -> Located {
    mismatch(path, what, &shown(found))
}

/// `expected {what}, found {found}` at `path`, `found` as given (a
/// number: "found -1"): the one "expected X, found Y".
pub fn mismatch(path: &str, what: &str, found: &str) -> Located {
    Located {
        path: path.to_string(),
        message: format!("expected {what}, found {found}"),
        help: None,
    }
}

/// A value as messages show it: a string as its (shortened) text in quotes,
/// anything else as its type ("an integer").
pub fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => format!("'{}'", truncate(s)),
        other => other.type_name().to_string(),
    }
}

/// `unknown {noun} '{value}'` at `path`; its help is the nearest of `all`
/// when one is close, else `otherwise`.
pub fn unknown(
    path: &str,
    noun: &str,
    value: &str,
    all: &[&str],
    otherwise: Option<String>,
) -> Located {
    let near = if crate::SUGGESTIONS {
        crate::suggest::nearest(value, all.iter().copied()).map(crate::suggest::did_you_mean)
    } else {
        None
    };
    Located {
        path: path.to_string(),
        message: format!("unknown {noun} '{}'", truncate(value)),
        help: near.or(otherwise),
    }
}

/// The value, `None` when it is absent or `null` (what the optional
/// accessors take as "not given").
pub fn present(v: Option<&Value>) -> Option<&Value> {
    v.filter(|v| !v.is_null())
}

/// The text of a string value, `None` for any other (for reads that
/// report in their own words).
pub fn as_text(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// A string.
pub fn text<'v>(v: &'v Value, path: &str, what: &str) -> Result<&'v str, Located> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(expected(path, what, other)),
    }
}

/// A whole number as the JSON text writes it (no fraction, no exponent).
pub fn int(v: &Value, path: &str, what: &str) -> Result<i64, Located> {
    match v {
        Value::Number(Number::Int(n)) => Ok(*n),
        other => Err(expected(path, what, other)),
    }
}

/// A whole number, also when written with a zero fraction or an exponent
/// (`2.0`, `1e3`), up to 2^53 (every integer up to it is exact as a float).
pub fn whole(v: &Value, path: &str, what: &str) -> Result<i64, Located> {
    match v {
        Value::Number(Number::Int(i)) => Ok(*i),
        Value::Number(Number::Float(f))
            if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 =>
        {
            Ok(*f as i64)
        }
        other => Err(expected(path, what, other)),
    }
}

/// `true` or `false`.
pub fn boolean(v: &Value, path: &str, what: &str) -> Result<bool, Located> {
    match v {
        Value::Bool(b) => Ok(*b),
        other => Err(expected(path, what, other)),
    }
}

/// One of the names `all`, as the name there; a string that is none of
/// them is [`unknown`], with `otherwise` as its help when no name is near.
pub fn one_of(
    v: &Value,
    path: &str,
    what: &str,
    noun: &str,
    all: &'static [&'static str],
    otherwise: Option<&str>,
) -> Result<&'static str, Located> {
    let s = text(v, path, what)?;
    all.iter()
        .copied()
        .find(|a| *a == s)
        .ok_or_else(|| unknown(path, noun, s, all, otherwise.map(String::from)))
}

/// An array's elements.
pub fn list<'v>(v: &'v Value, path: &str, what: &str) -> Result<&'v [Value], Located> {
    match v {
        Value::Array(a) => Ok(a),
        other => Err(expected(path, what, other)),
    }
}

/// An object's members, in document order.
pub fn object<'v>(v: &'v Value, path: &str, what: &str) -> Result<&'v [(String, Value)], Located> {
    match v {
        Value::Object(o) => Ok(o),
        other => Err(expected(path, what, other)),
    }
}

/// [`text`] of a value that may be absent or `null` (`Ok(None)`).
pub fn opt_text<'v>(
    v: Option<&'v Value>,
    path: &str,
    what: &str,
) -> Result<Option<&'v str>, Located> {
    present(v).map(|v| text(v, path, what)).transpose()
}

/// [`one_of`] of a value that may be absent or `null` (`Ok(None)`).
pub fn opt_one_of(
    v: Option<&Value>,
    path: &str,
    what: &str,
    noun: &str,
    all: &'static [&'static str],
    otherwise: Option<&str>,
) -> Result<Option<&'static str>, Located> {
    present(v)
        .map(|v| one_of(v, path, what, noun, all, otherwise))
        .transpose()
}

/// [`list`] of a value that may be absent or `null` (`Ok(None)`).
pub fn opt_list<'v>(
    v: Option<&'v Value>,
    path: &str,
    what: &str,
) -> Result<Option<&'v [Value]>, Located> {
    present(v).map(|v| list(v, path, what)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn says_what_was_expected_and_what_was_found_where() {
        let v = parse(r#"{"n": 1, "s": "abc", "l": null}"#).unwrap();
        let n = v.get("n").unwrap();
        let e = text(n, "a.n", "a string").unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("a.n", "expected a string, found an integer")
        );
        let s = v.get("s").unwrap();
        assert_eq!(text(s, "a.s", "a string").unwrap(), "abc");
        let e = expected_showing("a.s", "a whole number", s);
        assert_eq!(e.message, "expected a whole number, found 'abc'");
        assert_eq!(opt_list(v.get("l"), "a.l", "a list").unwrap(), None);
        assert_eq!(opt_list(v.get("x"), "a.x", "a list").unwrap(), None);
        assert!(opt_list(Some(n), "a.n", "a list").is_err());
    }

    #[test]
    fn names_an_unknown_name_with_a_suggestion_or_the_fallback() {
        let v = Value::from("warnig");
        let e = one_of(
            &v,
            "p",
            "a level",
            "level",
            &["info", "warning"],
            Some("say"),
        )
        .unwrap_err();
        assert_eq!(e.message, "unknown level 'warnig'");
        assert_eq!(e.help.as_deref(), Some("did you mean 'warning'?"));
        let v = Value::from("zzzzzzzz");
        let e = one_of(
            &v,
            "p",
            "a level",
            "level",
            &["info", "warning"],
            Some("say"),
        )
        .unwrap_err();
        assert_eq!(e.help.as_deref(), Some("say"));
        assert_eq!(
            one_of(
                &Value::from("info"),
                "p",
                "a level",
                "level",
                &["info"],
                None
            )
            .unwrap(),
            "info"
        );
    }
}
