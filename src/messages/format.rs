//! A small ICU-style message format.
//!
//! ```text
//! Nothing was charged. Pay before {deadline}.
//! {count, plural, one {# item is} other {# items are}} out of stock.
//! {cancel_reason, select, out_of_stock {…} price_changed {…} other {…}}
//! ```
//!
//! `{name}` inserts a placeholder, formatted by its type (date, money,
//! number, text); `plural` picks a CLDR category (`zero`, `one`, `two`,
//! `few`, `many`, `other`) or an exact `=N`, with `#` standing for the number;
//! `select` picks by value, where `none` matches a missing value and `other`
//! is required. Messages are checked when the rules load; formatting never
//! fails.

use super::plural::Category;

/// A parsed message.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// Its parts.
    pub parts: Vec<Part>,
}

/// A piece of a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Literal text.
    Text(String),
    /// `{name}`
    Arg(String),
    /// `#` inside a plural case.
    Hash,
    /// `{name, plural, ...}`
    Plural {
        /// Placeholder.
        arg: String,
        /// Cases in order.
        cases: Vec<(PluralKey, Vec<Part>)>,
    },
    /// `{name, select, ...}`
    Select {
        /// Placeholder.
        arg: String,
        /// Cases in order.
        cases: Vec<(String, Vec<Part>)>,
    },
}

/// The key of a plural case.
#[derive(Clone, Debug, PartialEq)]
pub enum PluralKey {
    /// `=3`
    Exact(i64),
    /// `few`
    Cat(Category),
}

/// A syntax error in a message, at a character offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// 0-based character offset.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

const MAX_NEST: usize = 8;

/// Parses a message.
pub fn parse(src: &str) -> Result<Message, FormatError> {
    let chars: Vec<char> = src.chars().collect();
    let mut p = P { c: &chars, i: 0 };
    let parts = p.parts(0, false)?;
    if p.i < chars.len() {
        return Err(p.err("unexpected '}'"));
    }
    Ok(Message { parts })
}

struct P<'a> {
    c: &'a [char],
    i: usize,
}

impl P<'_> {
    fn err(&self, m: &str) -> FormatError {
        FormatError {
            offset: self.i,
            message: m.to_string(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }

    fn ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(ch) = self
            .peek()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '=' || *c == '-')
        {
            s.push(ch);
            self.i += 1;
        }
        s
    }

    /// Text and placeholders up to an unmatched `}` (not consumed) or the end.
    fn parts(&mut self, depth: usize, in_plural: bool) -> Result<Vec<Part>, FormatError> {
        if depth > MAX_NEST {
            return Err(self.err("message is nested too deeply"));
        }
        let mut parts = Vec::new();
        let mut text = String::new();
        while let Some(ch) = self.peek() {
            match ch {
                '}' => break,
                '#' if in_plural => {
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(Part::Hash);
                    self.i += 1;
                }
                '{' => {
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    self.i += 1;
                    parts.push(self.placeholder(depth, in_plural)?);
                }
                c => {
                    text.push(c);
                    self.i += 1;
                }
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(parts)
    }

    fn placeholder(&mut self, depth: usize, in_plural: bool) -> Result<Part, FormatError> {
        self.ws();
        let name = self.ident();
        if name.is_empty() || name.contains('=') {
            return Err(self.err("expected a placeholder name after '{'"));
        }
        self.ws();
        match self.peek() {
            Some('}') => {
                self.i += 1;
                Ok(Part::Arg(name))
            }
            Some(',') => {
                self.i += 1;
                self.ws();
                let kind = self.ident();
                self.ws();
                if self.peek() != Some(',') {
                    return Err(self.err("expected ',' after the placeholder kind"));
                }
                self.i += 1;
                match kind.as_str() {
                    "plural" => {
                        let mut cases = Vec::new();
                        for (key, body) in self.cases(depth, true)? {
                            let k = if let Some(n) = key.strip_prefix('=') {
                                PluralKey::Exact(
                                    n.parse()
                                        .map_err(|_| self.err("expected a number after '='"))?,
                                )
                            } else {
                                PluralKey::Cat(Category::parse(&key).ok_or_else(|| {
                                    self.err("plural cases are 'zero', 'one', 'two', 'few', 'many', 'other' or '=N'")
                                })?)
                            };
                            cases.push((k, body));
                        }
                        if !cases
                            .iter()
                            .any(|(k, _)| *k == PluralKey::Cat(Category::Other))
                        {
                            return Err(self.err("a plural needs an 'other' case"));
                        }
                        Ok(Part::Plural { arg: name, cases })
                    }
                    "select" => {
                        let cases = self.cases(depth, in_plural)?;
                        if !cases.iter().any(|(k, _)| k == "other") {
                            return Err(self.err("a select needs an 'other' case"));
                        }
                        Ok(Part::Select { arg: name, cases })
                    }
                    _ => Err(self.err("expected 'plural' or 'select'")),
                }
            }
            _ => Err(self.err("expected '}' or ',' after the placeholder name")),
        }
    }

    fn cases(
        &mut self,
        depth: usize,
        in_plural: bool,
    ) -> Result<Vec<(String, Vec<Part>)>, FormatError> {
        let mut cases = Vec::new();
        loop {
            self.ws();
            match self.peek() {
                Some('}') => {
                    self.i += 1;
                    return Ok(cases);
                }
                None => return Err(self.err("unclosed '{'")),
                _ => {}
            }
            let key = self.ident();
            if key.is_empty() {
                return Err(self.err("expected a case name"));
            }
            self.ws();
            if self.peek() != Some('{') {
                return Err(self.err("expected '{' after the case name"));
            }
            self.i += 1;
            let body = self.parts(depth + 1, in_plural)?;
            if self.peek() != Some('}') {
                return Err(self.err("unclosed '{'"));
            }
            self.i += 1;
            cases.push((key, body));
        }
    }
}

impl Message {
    /// Every placeholder the message uses, with how it is used.
    pub fn uses(&self) -> Vec<(String, Use)> {
        let mut out = Vec::new();
        walk(&self.parts, &mut out);
        out
    }
}

impl Message {
    /// Whether the message shows `name` without first selecting on its
    /// `none` case (so it needs a value).
    pub fn needs(&self, name: &str) -> bool {
        needs(&self.parts, name)
    }
}

fn needs(parts: &[Part], name: &str) -> bool {
    parts.iter().any(|p| match p {
        Part::Text(_) | Part::Hash => false,
        Part::Arg(a) => a == name,
        Part::Plural { arg, cases } => arg == name || cases.iter().any(|(_, b)| needs(b, name)),
        Part::Select { arg, cases } if arg == name => {
            // Each case but `none` may show the value.
            !cases.iter().any(|(k, _)| k == "none")
                || cases.iter().any(|(k, b)| k == "none" && needs(b, name))
        }
        Part::Select { cases, .. } => cases.iter().any(|(_, b)| needs(b, name)),
    })
}

/// How a message uses a placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Use {
    /// `{x}`
    Plain,
    /// `{x, plural, ...}`
    Plural,
    /// `{x, select, ...}` with these case keys
    Select(Vec<String>),
}

fn walk(parts: &[Part], out: &mut Vec<(String, Use)>) {
    for p in parts {
        match p {
            Part::Text(_) | Part::Hash => {}
            Part::Arg(a) => out.push((a.clone(), Use::Plain)),
            Part::Plural { arg, cases } => {
                out.push((arg.clone(), Use::Plural));
                for (_, body) in cases {
                    walk(body, out);
                }
            }
            Part::Select { arg, cases } => {
                out.push((
                    arg.clone(),
                    Use::Select(cases.iter().map(|(k, _)| k.clone()).collect()),
                ));
                for (_, body) in cases {
                    walk(body, out);
                }
            }
        }
    }
}

/// Appends a message's literal text to what has been rendered so far.
///
/// A sentence-final period right after a placeholder that already ends in a
/// period is not doubled: the one period ends both, as typography wants.
/// That is an abbreviation (a Russian date in another year,
/// `28 ноября 2027 г.`, or a name such as `Ltd.`) or an ellipsis, which
/// absorbs the sentence's period too.
pub fn append_text(out: &mut String, text: &str) {
    let text = match text.strip_prefix('.') {
        Some(rest) if out.as_bytes().last() == Some(&b'.') => rest,
        _ => text,
    };
    out.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plural_and_select() {
        let m = parse("{count, plural, one {# item} few {# items} other {# items}} of {cancel_reason, select, none {x} other {y}}").unwrap();
        assert_eq!(m.uses().len(), 2);
        assert!(parse("{count, plural, one {#}}").is_err());
        assert!(parse("{oops").is_err());
        assert!(parse("text }").is_err());
        assert!(parse("{a, bogus, other {x}}").is_err());
    }

    #[test]
    fn a_sentence_period_after_an_abbreviation_is_not_doubled() {
        let after = |rendered: &str, text: &str| {
            let mut out = rendered.to_string();
            append_text(&mut out, text);
            out
        };
        // A Russian date in another year ends in «г.».
        let date = "до 5\u{a0}января\u{a0}2027\u{a0}г.";
        assert_eq!(after(date, "."), "до 5\u{a0}января\u{a0}2027\u{a0}г.");
        assert_eq!(
            after(date, ". Напишите покупателю."),
            "до 5\u{a0}января\u{a0}2027\u{a0}г. Напишите покупателю."
        );
        // Other punctuation after the abbreviation stays.
        assert_eq!(after(date, ", 10:28"), format!("{date}, 10:28"));
        assert_eq!(after(date, ": ответьте"), format!("{date}: ответьте"));
        // A date without the abbreviation keeps its period.
        assert_eq!(after("by Jan\u{a0}5", "."), "by Jan\u{a0}5.");
        assert_eq!(after("5\u{a0}января", "."), "5\u{a0}января.");
        // An ellipsis absorbs the sentence's period too.
        assert_eq!(after("Ждём...", "."), "Ждём...");
        assert_eq!(after("", "."), ".");
    }
}
