//! Errors of rules documents: one located diagnostic per problem.

use std::fmt;

/// A byte range inside the expression text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A problem inside one expression, located by a byte span. Each stage of
/// the compiler has its own enum of them (the lexer's, the parser's, the
/// checker's); [`Diagnostic::in_expr`] turns any of them into the public
/// diagnostic, in one place.
pub trait ExprProblem {
    /// Where in the expression.
    fn span(&self) -> Span;
    /// What is wrong (lowercase, user input in quotes).
    fn message(&self) -> String;
    /// What to do, e.g. "did you mean 'payment.state'?".
    fn help(&self) -> Option<String>;
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The document is rejected.
    Error,
    /// The document loads, but something looks wrong.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`, as the JSON of a diagnostic has it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem of a rules document, located for people and for editors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The id of the rule, when the problem is inside a rule.
    pub rule: Option<String>,
    /// JSON path in the rules document: `rules[3].when`, `settings.timezone`.
    pub path: String,
    /// 1-based line inside the expression (or inside the document for JSON
    /// syntax errors).
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The expression the line and column point into, for carets.
    pub source: Option<String>,
    /// Length of the marked spot, in characters (at least 1).
    pub width: usize,
}

impl From<super::located::Located> for Diagnostic {
    /// A value of the document that is not what its place needs, at its
    /// path.
    fn from(e: super::located::Located) -> Diagnostic {
        Diagnostic::at(e.path, e.message).help(e.help)
    }
}

impl Diagnostic {
    /// The diagnostic as JSON, the one shape every front door gives
    /// (`orderlens check --format json`, `RulesError.diagnostics` and
    /// `checkRules()` in both npm builds): `{severity, rule, path, line,
    /// column, message, help, width}`, absent values `null`.
    pub fn to_value(&self) -> crate::json::Value {
        use crate::json::Value;
        let opt_str = |s: &Option<String>| s.as_deref().map_or(Value::Null, Value::from);
        let opt_n = |n: Option<usize>| {
            n.map_or(Value::Null, |n| {
                Value::from(i64::try_from(n).unwrap_or(i64::MAX))
            })
        };
        Value::Object(vec![
            ("severity".into(), self.severity.as_str().into()),
            ("rule".into(), opt_str(&self.rule)),
            ("path".into(), self.path.as_str().into()),
            ("line".into(), opt_n(self.line)),
            ("column".into(), opt_n(self.column)),
            ("message".into(), self.message.as_str().into()),
            ("help".into(), opt_str(&self.help)),
            ("width".into(), opt_n(Some(self.width))),
        ])
    }

    /// A diagnostic about a value of the document (not inside an expression).
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            rule: None,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
            source: None,
            width: 1,
        }
    }

    /// Adds a help line.
    pub fn help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }

    /// Names the rule.
    pub fn rule(mut self, rule: Option<&str>) -> Diagnostic {
        self.rule = rule.map(str::to_string);
        self
    }

    /// Makes it a warning.
    pub fn warning(mut self) -> Diagnostic {
        self.severity = Severity::Warning;
        self
    }

    /// A diagnostic for an error inside the expression `src`.
    pub fn in_expr(
        path: impl Into<String>,
        rule: Option<&str>,
        src: &str,
        e: &dyn ExprProblem,
    ) -> Diagnostic {
        let span = e.span();
        let (line, column) = line_col(src, span.start);
        let width = src
            .get(span.start.min(src.len())..span.end.min(src.len()))
            .map_or(1, |s| s.chars().count().max(1));
        Diagnostic {
            severity: Severity::Error,
            rule: rule.map(str::to_string),
            path: path.into(),
            line: Some(line),
            column: Some(column),
            message: e.message(),
            help: e.help(),
            source: Some(src.to_string()),
            width,
        }
    }

    /// The compiler-style text: `rules.json: rule 'x' (rules[3].when) 1:24: message`,
    /// then the expression with a caret under the spot, then the help line.
    pub fn render(&self, file: &str) -> String {
        let mut out = String::new();
        out.push_str(file);
        out.push_str(": ");
        if self.severity == Severity::Warning {
            out.push_str("warning: ");
        }
        match (&self.rule, self.path.is_empty()) {
            (Some(r), false) => out.push_str(&format!("rule '{r}' ({})", self.path)),
            (Some(r), true) => out.push_str(&format!("rule '{r}'")),
            (None, false) => out.push_str(&self.path),
            (None, true) => {}
        }
        match (self.line, self.column) {
            (Some(l), Some(c)) if self.rule.is_none() && self.path.is_empty() => {
                out.push_str(&format!("{l}:{c}: "))
            }
            (Some(l), Some(c)) => out.push_str(&format!(" {l}:{c}: ")),
            _ if self.rule.is_none() && self.path.is_empty() => {}
            _ => out.push_str(": "),
        }
        out.push_str(&self.message);
        if let Some(h) = &self.help {
            out.push_str("; ");
            out.push_str(h);
        }
        if let (Some(src), Some(l), Some(c)) = (&self.source, self.line, self.column) {
            if let Some(text) = src.lines().nth(l.saturating_sub(1)) {
                // Show at most 100 characters around the spot.
                let skip = c.saturating_sub(60);
                let shown: String = text.chars().skip(skip).take(100).collect();
                out.push_str("\n    ");
                out.push_str(&shown);
                out.push_str("\n    ");
                out.push_str(&" ".repeat(c.saturating_sub(1) - skip));
                out.push_str(&"^".repeat(self.width.clamp(1, 40)));
            }
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("rules"))
    }
}

/// 1-based line and column (in characters) of byte `pos` in `src`.
pub fn line_col(src: &str, pos: usize) -> (usize, usize) {
    let pos = pos.min(src.len());
    let before = src.get(..pos).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}

/// Every problem of a rules document that could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct RulesError {
    /// Errors first, then warnings, each group in document order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        write!(
            f,
            "the rules have {errors} error{}",
            if errors == 1 { "" } else { "s" }
        )?;
        for d in &self.diagnostics {
            write!(f, "\n{d}")?;
        }
        Ok(())
    }
}
