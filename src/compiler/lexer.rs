//! Tokens of the condition language (SPEC §2.1).

use crate::model::diagnostic::ExprError;
use crate::time::Duration;

pub use crate::model::diagnostic::Span;

/// A token.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A name: `status`, `payment`, `age`.
    Ident(String),
    /// `'text'` or `"text"`.
    Str(String),
    /// `42`
    Int(i64),
    /// `30m`, `5bd`
    Dur(Duration),
    /// `true`
    True,
    /// `false`
    False,
    /// `null`
    Null,
    /// `in`
    In,
    /// `not`
    Not,
    /// `&&`
    And,
    /// `||`
    Or,
    /// `!`
    Bang,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `,`
    Comma,
    /// `.`
    Dot,
    /// End of the expression.
    Eof,
}

impl Tok {
    /// How the token reads in an error message.
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("'{s}'"),
            Tok::Str(_) => "a string".into(),
            Tok::Int(_) => "a number".into(),
            Tok::Dur(_) => "a duration".into(),
            Tok::True => "'true'".into(),
            Tok::False => "'false'".into(),
            Tok::Null => "'null'".into(),
            Tok::In => "'in'".into(),
            Tok::Not => "'not'".into(),
            Tok::And => "'&&'".into(),
            Tok::Or => "'||'".into(),
            Tok::Bang => "'!'".into(),
            Tok::Eq => "'=='".into(),
            Tok::Ne => "'!='".into(),
            Tok::Lt => "'<'".into(),
            Tok::Le => "'<='".into(),
            Tok::Gt => "'>'".into(),
            Tok::Ge => "'>='".into(),
            Tok::LParen => "'('".into(),
            Tok::RParen => "')'".into(),
            Tok::LBracket => "'['".into(),
            Tok::RBracket => "']'".into(),
            Tok::Comma => "','".into(),
            Tok::Dot => "'.'".into(),
            Tok::Eof => "the end of the expression".into(),
        }
    }
}

/// Splits an expression into tokens; stops at the first lexical error.
pub fn lex(src: &str) -> Result<Vec<(Tok, Span)>, ExprError> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let start = i;
        let at = |n: usize| b.get(n).copied();
        let tok = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'(' => one(&mut i, Tok::LParen),
            b')' => one(&mut i, Tok::RParen),
            b'[' => one(&mut i, Tok::LBracket),
            b']' => one(&mut i, Tok::RBracket),
            b',' => one(&mut i, Tok::Comma),
            b'.' => one(&mut i, Tok::Dot),
            b'&' if at(i + 1) == Some(b'&') => two(&mut i, Tok::And),
            b'|' if at(i + 1) == Some(b'|') => two(&mut i, Tok::Or),
            b'&' | b'|' => {
                let op = if c == b'&' { "&&" } else { "||" };
                return Err(ExprError::new(
                    Span::new(i, i + 1),
                    format!("unexpected '{}'", c as char),
                    Some(format!("did you mean '{op}'?")),
                ));
            }
            b'=' if at(i + 1) == Some(b'=') => two(&mut i, Tok::Eq),
            b'=' => {
                return Err(ExprError::new(
                    Span::new(i, i + 1),
                    "unexpected '='".into(),
                    Some("compare with '=='".into()),
                ))
            }
            b'!' if at(i + 1) == Some(b'=') => two(&mut i, Tok::Ne),
            b'!' => one(&mut i, Tok::Bang),
            b'<' if at(i + 1) == Some(b'=') => two(&mut i, Tok::Le),
            b'<' => one(&mut i, Tok::Lt),
            b'>' if at(i + 1) == Some(b'=') => two(&mut i, Tok::Ge),
            b'>' => one(&mut i, Tok::Gt),
            b'\'' | b'"' => string(src, &mut i, c)?,
            b'0'..=b'9' => number(src, &mut i)?,
            c if c.is_ascii_alphabetic() || c == b'_' => word(src, &mut i)?,
            _ => {
                let ch = src.get(i..).and_then(|s| s.chars().next()).unwrap_or('?');
                return Err(ExprError::new(
                    Span::new(i, i + ch.len_utf8()),
                    format!("unexpected character '{ch}'"),
                    None,
                ));
            }
        };
        out.push((tok, Span::new(start, i)));
    }
    out.push((Tok::Eof, Span::new(src.len(), src.len())));
    Ok(out)
}

/// Reads the string quoted with `c` starting at `*i` (its opening quote),
/// leaving `*i` past the closing quote.
fn string(src: &str, i: &mut usize, c: u8) -> Result<Tok, ExprError> {
    let b = src.as_bytes();
    let start = *i;
    *i += 1;
    let body = *i;
    while let Some(&d) = b.get(*i) {
        if d == c {
            break;
        }
        *i += 1;
    }
    if b.get(*i).is_none() {
        return Err(ExprError::new(
            Span::new(start, *i),
            "unterminated string".into(),
            Some(format!("close it with '{}'", c as char)),
        ));
    }
    let s = src.get(body..*i).unwrap_or_default().to_string();
    *i += 1;
    Ok(Tok::Str(s))
}

/// Reads the number or duration starting at `*i`, leaving `*i` past it.
fn number(src: &str, i: &mut usize) -> Result<Tok, ExprError> {
    let at = |n: usize| src.as_bytes().get(n).copied();
    let start = *i;
    while at(*i).is_some_and(|d| d.is_ascii_digit()) {
        *i += 1;
    }
    let digits_end = *i;
    while at(*i).is_some_and(|d| d.is_ascii_alphanumeric() || d == b'_') {
        *i += 1;
    }
    let text = src.get(start..*i).unwrap_or_default();
    if digits_end == *i {
        let n = text.parse::<i64>().map_err(|_| {
            ExprError::new(
                Span::new(start, *i),
                format!("number '{text}' is too large"),
                None,
            )
        })?;
        Ok(Tok::Int(n))
    } else {
        let d = Duration::parse(text).map_err(|_| {
            ExprError::new(
                Span::new(start, *i),
                format!("invalid duration '{}'", crate::time::truncate(text)),
                Some("write durations like '30m', '2h', '10d' or '5bd'".into()),
            )
        })?;
        Ok(Tok::Dur(d))
    }
}

/// Reads the name or keyword starting at `*i`, leaving `*i` past it.
fn word(src: &str, i: &mut usize) -> Result<Tok, ExprError> {
    let at = |n: usize| src.as_bytes().get(n).copied();
    let start = *i;
    while at(*i).is_some_and(|d| d.is_ascii_alphanumeric() || d == b'_') {
        *i += 1;
    }
    let tok = match src.get(start..*i).unwrap_or_default() {
        "true" => Tok::True,
        "false" => Tok::False,
        "null" => Tok::Null,
        "in" => Tok::In,
        "not" => Tok::Not,
        "and" | "AND" => {
            return Err(ExprError::new(
                Span::new(start, *i),
                "unexpected 'and'".into(),
                Some("did you mean '&&'?".into()),
            ))
        }
        "or" | "OR" => {
            return Err(ExprError::new(
                Span::new(start, *i),
                "unexpected 'or'".into(),
                Some("did you mean '||'?".into()),
            ))
        }
        s => Tok::Ident(s.to_string()),
    };
    Ok(tok)
}

fn one(i: &mut usize, t: Tok) -> Tok {
    *i += 1;
    t
}

fn two(i: &mut usize, t: Tok) -> Tok {
    *i += 2;
    t
}
