//! Tokens of the condition language (SPEC §2.1).

use crate::model::diagnostic::ExprProblem;
use crate::time::Duration;

pub use crate::model::diagnostic::Span;

/// What the lexer refuses, each at the span of the offending text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LexError {
    /// `&` or `|` alone (the operators are `&&` and `||`).
    HalfOperator {
        /// The character.
        at: Span,
        /// `'&'` or `'|'`.
        ch: char,
    },
    /// `=` alone (equality is `==`).
    SingleEquals(Span),
    /// A character the language has no use for.
    UnexpectedChar {
        /// The character.
        at: Span,
        /// Which one.
        ch: char,
    },
    /// A string without its closing quote.
    UnterminatedString {
        /// From the opening quote to the end.
        at: Span,
        /// The opening quote.
        quote: char,
    },
    /// A whole number beyond 64 bits.
    NumberTooLarge {
        /// The number.
        at: Span,
        /// Its digits.
        text: String,
    },
    /// Digits followed by letters that are not a duration unit.
    BadDuration {
        /// The word.
        at: Span,
        /// As written.
        text: String,
    },
    /// `and` / `or` (any case the lexer knows) written as words.
    WordOperator {
        /// The word.
        at: Span,
        /// `"and"` or `"or"`.
        word: &'static str,
    },
}

impl ExprProblem for LexError {
    fn span(&self) -> Span {
        match self {
            LexError::HalfOperator { at, .. }
            | LexError::SingleEquals(at)
            | LexError::UnexpectedChar { at, .. }
            | LexError::UnterminatedString { at, .. }
            | LexError::NumberTooLarge { at, .. }
            | LexError::BadDuration { at, .. }
            | LexError::WordOperator { at, .. } => *at,
        }
    }

    fn message(&self) -> String {
        match self {
            LexError::HalfOperator { ch, .. } => format!("unexpected '{ch}'"),
            LexError::SingleEquals(_) => "unexpected '='".into(),
            LexError::UnexpectedChar { ch, .. } => format!("unexpected character '{ch}'"),
            LexError::UnterminatedString { .. } => "unterminated string".into(),
            LexError::NumberTooLarge { text, .. } => format!("number '{text}' is too large"),
            LexError::BadDuration { text, .. } => {
                format!("invalid duration '{}'", crate::time::truncate(text))
            }
            LexError::WordOperator { word, .. } => format!("unexpected '{word}'"),
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            LexError::HalfOperator { ch, .. } => format!("did you mean '{ch}{ch}'?"),
            LexError::SingleEquals(_) => "compare with '=='".into(),
            LexError::UnterminatedString { quote, .. } => format!("close it with '{quote}'"),
            LexError::BadDuration { .. } => {
                "write durations like '30m', '2h', '10d' or '5bd'".into()
            }
            LexError::WordOperator { word, .. } => {
                format!(
                    "did you mean '{}'?",
                    if *word == "and" { "&&" } else { "||" }
                )
            }
            LexError::UnexpectedChar { .. } | LexError::NumberTooLarge { .. } => return None,
        })
    }
}

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
pub fn lex(src: &str) -> Result<Vec<(Tok, Span)>, LexError> {
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
                return Err(LexError::HalfOperator {
                    at: Span::new(i, i + 1),
                    ch: c as char,
                });
            }
            b'=' if at(i + 1) == Some(b'=') => two(&mut i, Tok::Eq),
            b'=' => return Err(LexError::SingleEquals(Span::new(i, i + 1))),
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
                return Err(LexError::UnexpectedChar {
                    at: Span::new(i, i + ch.len_utf8()),
                    ch,
                });
            }
        };
        out.push((tok, Span::new(start, i)));
    }
    out.push((Tok::Eof, Span::new(src.len(), src.len())));
    Ok(out)
}

/// Reads the string quoted with `c` starting at `*i` (its opening quote),
/// leaving `*i` past the closing quote.
fn string(src: &str, i: &mut usize, c: u8) -> Result<Tok, LexError> {
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
        return Err(LexError::UnterminatedString {
            at: Span::new(start, *i),
            quote: c as char,
        });
    }
    let s = src.get(body..*i).unwrap_or_default().to_string();
    *i += 1;
    Ok(Tok::Str(s))
}

/// Reads the number or duration starting at `*i`, leaving `*i` past it.
fn number(src: &str, i: &mut usize) -> Result<Tok, LexError> {
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
        let n = text.parse::<i64>().map_err(|_| LexError::NumberTooLarge {
            at: Span::new(start, *i),
            text: text.to_string(),
        })?;
        Ok(Tok::Int(n))
    } else {
        let d = Duration::parse(text).map_err(|_| LexError::BadDuration {
            at: Span::new(start, *i),
            text: text.to_string(),
        })?;
        Ok(Tok::Dur(d))
    }
}

/// Reads the name or keyword starting at `*i`, leaving `*i` past it.
fn word(src: &str, i: &mut usize) -> Result<Tok, LexError> {
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
        w @ ("and" | "AND" | "or" | "OR") => {
            return Err(LexError::WordOperator {
                at: Span::new(start, *i),
                word: if w.eq_ignore_ascii_case("and") {
                    "and"
                } else {
                    "or"
                },
            })
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
