//! Parser of the condition language: tokens to an AST (SPEC §2.1).
//!
//! `&&` and `||` chains become one n-ary node, so a long chain does not make
//! a deep tree; parentheses, `!` and calls nest, and their depth is limited
//! so hostile input cannot overflow the stack.

use super::lexer::{lex, LexError, Span, Tok};
use crate::model::diagnostic::ExprProblem;
use crate::time::Duration;

/// Deepest nesting of parentheses, `!` and calls.
pub const MAX_NESTING: usize = 48;
/// Longest expression, in bytes.
pub const MAX_EXPR_BYTES: usize = 8192;
/// Most nodes in one expression.
pub const MAX_NODES: usize = 2000;

/// What the parser refuses: a lexical error, or tokens in an order the
/// grammar has no place for, each at the span of the offending token.
#[derive(Clone, Debug, PartialEq)]
pub enum SyntaxError {
    /// The lexer's error.
    Lex(LexError),
    /// More than [`MAX_EXPR_BYTES`] bytes.
    TooLong {
        /// The expression's length in bytes.
        len: usize,
    },
    /// Nothing but white space.
    Empty,
    /// A token after a complete expression.
    Trailing {
        /// The token.
        at: Span,
        /// Which.
        found: Tok,
    },
    /// More than [`MAX_NODES`] parts.
    TooLarge(Span),
    /// Deeper than [`MAX_NESTING`] levels.
    TooDeep(Span),
    /// A token other than the one the grammar needs here.
    Expected {
        /// The token.
        at: Span,
        /// What was needed, e.g. "'[' starting a list of values".
        what: &'static str,
        /// What is there.
        found: Tok,
    },
    /// `not` without `in` after it.
    NotWithoutIn {
        /// From `not` to the token after it.
        at: Span,
        /// The token after it.
        found: Tok,
    },
    /// `a == b == c`.
    ChainedComparison(Span),
    /// Something other than a literal inside `in [...]`.
    ListNotLiteral {
        /// The token.
        at: Span,
        /// Which.
        found: Tok,
    },
    /// Neither `,` nor `]` after a list item.
    ListSeparator {
        /// The token.
        at: Span,
        /// Which.
        found: Tok,
    },
    /// No value where one is needed.
    ExpectedValue {
        /// The token.
        at: Span,
        /// Which.
        found: Tok,
    },
    /// A `(` never closed.
    Unclosed {
        /// The token where `)` was needed.
        at: Span,
        /// Which.
        found: Tok,
        /// The `(`.
        open: Span,
    },
    /// No field name after `.`.
    FieldName {
        /// The token.
        at: Span,
        /// Which.
        found: Tok,
    },
}

impl From<LexError> for SyntaxError {
    fn from(e: LexError) -> SyntaxError {
        SyntaxError::Lex(e)
    }
}

impl ExprProblem for SyntaxError {
    fn span(&self) -> Span {
        match self {
            SyntaxError::Lex(e) => e.span(),
            SyntaxError::TooLong { .. } => Span::new(0, 1),
            SyntaxError::Empty => Span::new(0, 0),
            SyntaxError::TooLarge(at)
            | SyntaxError::TooDeep(at)
            | SyntaxError::ChainedComparison(at)
            | SyntaxError::Trailing { at, .. }
            | SyntaxError::Expected { at, .. }
            | SyntaxError::NotWithoutIn { at, .. }
            | SyntaxError::ListNotLiteral { at, .. }
            | SyntaxError::ListSeparator { at, .. }
            | SyntaxError::ExpectedValue { at, .. }
            | SyntaxError::Unclosed { at, .. }
            | SyntaxError::FieldName { at, .. } => *at,
        }
    }

    fn message(&self) -> String {
        match self {
            SyntaxError::Lex(e) => e.message(),
            SyntaxError::TooLong { len } => {
                format!("expression is too long ({len} bytes; at most {MAX_EXPR_BYTES})")
            }
            SyntaxError::Empty => "empty expression".into(),
            SyntaxError::Trailing { found, .. } => format!("unexpected {}", found.describe()),
            SyntaxError::TooLarge(_) => {
                format!("expression is too large (more than {MAX_NODES} parts)")
            }
            SyntaxError::TooDeep(_) => {
                format!("expression is nested too deeply (more than {MAX_NESTING} levels)")
            }
            SyntaxError::Expected { what, found, .. } => {
                format!("expected {what}, found {}", found.describe())
            }
            SyntaxError::NotWithoutIn { found, .. } => {
                format!("expected 'in' after 'not', found {}", found.describe())
            }
            SyntaxError::ChainedComparison(_) => "comparisons cannot be chained".into(),
            SyntaxError::ListNotLiteral { found, .. } => format!(
                "expected a literal value in the list, found {}",
                found.describe()
            ),
            SyntaxError::ListSeparator { found, .. } => {
                format!("expected ',' or ']', found {}", found.describe())
            }
            SyntaxError::ExpectedValue { found, .. } => {
                format!("expected a value, found {}", found.describe())
            }
            SyntaxError::Unclosed { found, .. } => {
                format!("expected ')', found {}", found.describe())
            }
            SyntaxError::FieldName { found, .. } => {
                format!(
                    "expected a field name after '.', found {}",
                    found.describe()
                )
            }
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            SyntaxError::Lex(e) => return e.help(),
            SyntaxError::TooLong { .. } | SyntaxError::TooLarge(_) => {
                "split it into several rules".into()
            }
            SyntaxError::TooDeep(_) => {
                "simplify the condition or split it into several rules".into()
            }
            SyntaxError::Trailing { found, .. } => match found {
                Tok::Ident(_) | Tok::Str(_) | Tok::Int(_) | Tok::Dur(_) => {
                    "join conditions with '&&' or '||'".into()
                }
                Tok::RParen => "this ')' has no matching '('".into(),
                _ => return None,
            },
            SyntaxError::NotWithoutIn { .. } => "negate a condition with '!'".into(),
            SyntaxError::ChainedComparison(_) => "join two comparisons with '&&'".into(),
            SyntaxError::ListNotLiteral { .. } => {
                "lists hold literals only, like '['card', 'wallet']'".into()
            }
            SyntaxError::ExpectedValue {
                found: Tok::Eof, ..
            } => "the condition is incomplete".into(),
            SyntaxError::Unclosed { open, .. } => {
                format!("the '(' at column {} is not closed", open.start + 1)
            }
            SyntaxError::Empty
            | SyntaxError::Expected { .. }
            | SyntaxError::ListSeparator { .. }
            | SyntaxError::ExpectedValue { .. }
            | SyntaxError::FieldName { .. } => return None,
        })
    }
}

/// A literal value.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    /// `'text'`
    Str(String),
    /// `42`
    Int(i64),
    /// `30m`
    Dur(Duration),
    /// `true` / `false`
    Bool(bool),
    /// `null`
    Null,
}

pub use crate::model::ir::CmpOp;

/// An expression with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A literal.
    Lit(Lit),
    /// `a.b.c`, each segment with its span.
    Path(Vec<(String, Span)>),
    /// `f(x, y)`
    Call {
        /// Function name.
        name: String,
        /// Span of the name.
        name_span: Span,
        /// Arguments.
        args: Vec<Expr>,
    },
    /// `!x`
    Not(Box<Expr>),
    /// `a && b && …`
    And(Vec<Expr>),
    /// `a || b || …`
    Or(Vec<Expr>),
    /// `a op b`
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    /// `a in [..]` / `a not in [..]`
    In {
        /// The tested value.
        lhs: Box<Expr>,
        /// The literals.
        list: Vec<(Lit, Span)>,
        /// `not in`
        negated: bool,
    },
}

/// Parses one expression.
pub fn parse(src: &str) -> Result<Expr, SyntaxError> {
    if src.len() > MAX_EXPR_BYTES {
        return Err(SyntaxError::TooLong { len: src.len() });
    }
    if src.trim().is_empty() {
        return Err(SyntaxError::Empty);
    }
    let toks = lex(src)?;
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
        nodes: 0,
    };
    let e = p.expr()?;
    let (t, span) = p.peek();
    if *t != Tok::Eof {
        return Err(SyntaxError::Trailing {
            at: span,
            found: t.clone(),
        });
    }
    Ok(e)
}

struct Parser {
    toks: Vec<(Tok, Span)>,
    pos: usize,
    depth: usize,
    nodes: usize,
}

static EOF: (Tok, Span) = (Tok::Eof, Span { start: 0, end: 0 });

impl Parser {
    fn peek(&self) -> (&Tok, Span) {
        let (t, s) = self.toks.get(self.pos).or(self.toks.last()).unwrap_or(&EOF);
        (t, *s)
    }

    fn bump(&mut self) -> (Tok, Span) {
        let t = self
            .toks
            .get(self.pos)
            .or(self.toks.last())
            .cloned()
            .unwrap_or((Tok::Eof, Span::default()));
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn node(&mut self, kind: ExprKind, span: Span) -> Result<Expr, SyntaxError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(SyntaxError::TooLarge(span));
        }
        Ok(Expr { kind, span })
    }

    fn enter(&mut self, span: Span) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(SyntaxError::TooDeep(span));
        }
        Ok(())
    }

    fn expect(&mut self, want: Tok, what: &'static str) -> Result<Span, SyntaxError> {
        let (t, span) = self.peek();
        if *t == want {
            self.bump();
            Ok(span)
        } else {
            Err(SyntaxError::Expected {
                at: span,
                what,
                found: t.clone(),
            })
        }
    }

    fn expr(&mut self) -> Result<Expr, SyntaxError> {
        self.or()
    }

    fn or(&mut self) -> Result<Expr, SyntaxError> {
        let first = self.and()?;
        if *self.peek().0 != Tok::Or {
            return Ok(first);
        }
        let mut span = first.span;
        let mut parts = vec![first];
        while *self.peek().0 == Tok::Or {
            self.bump();
            let e = self.and()?;
            span = span.to(e.span);
            parts.push(e);
        }
        self.node(ExprKind::Or(parts), span)
    }

    fn and(&mut self) -> Result<Expr, SyntaxError> {
        let first = self.unary()?;
        if *self.peek().0 != Tok::And {
            return Ok(first);
        }
        let mut span = first.span;
        let mut parts = vec![first];
        while *self.peek().0 == Tok::And {
            self.bump();
            let e = self.unary()?;
            span = span.to(e.span);
            parts.push(e);
        }
        self.node(ExprKind::And(parts), span)
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        let (t, span) = self.peek();
        if *t == Tok::Bang {
            self.bump();
            self.enter(span)?;
            let inner = self.unary()?;
            self.depth -= 1;
            let s = span.to(inner.span);
            return self.node(ExprKind::Not(Box::new(inner)), s);
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Expr, SyntaxError> {
        let lhs = self.term()?;
        let (t, op_span) = self.peek();
        let op = match t {
            Tok::Eq => CmpOp::Eq,
            Tok::Ne => CmpOp::Ne,
            Tok::Lt => CmpOp::Lt,
            Tok::Le => CmpOp::Le,
            Tok::Gt => CmpOp::Gt,
            Tok::Ge => CmpOp::Ge,
            Tok::In => {
                self.bump();
                return self.in_list(lhs, false);
            }
            Tok::Not => {
                self.bump();
                let (t2, s2) = self.peek();
                if *t2 != Tok::In {
                    return Err(SyntaxError::NotWithoutIn {
                        at: op_span.to(s2),
                        found: t2.clone(),
                    });
                }
                self.bump();
                return self.in_list(lhs, true);
            }
            _ => return Ok(lhs),
        };
        self.bump();
        let rhs = self.term()?;
        let span = lhs.span.to(rhs.span);
        if let Tok::Eq | Tok::Ne | Tok::Lt | Tok::Le | Tok::Gt | Tok::Ge = self.peek().0 {
            let (_, s) = self.peek();
            return Err(SyntaxError::ChainedComparison(s));
        }
        self.node(ExprKind::Cmp(op, Box::new(lhs), Box::new(rhs)), span)
    }

    fn in_list(&mut self, lhs: Expr, negated: bool) -> Result<Expr, SyntaxError> {
        self.expect(Tok::LBracket, "'[' starting a list of values")?;
        let mut list = Vec::new();
        let end;
        if *self.peek().0 == Tok::RBracket {
            end = self.bump().1;
        } else {
            loop {
                let (t, s) = self.bump();
                let lit = match t {
                    Tok::Str(v) => Lit::Str(v),
                    Tok::Int(v) => Lit::Int(v),
                    Tok::Dur(v) => Lit::Dur(v),
                    Tok::True => Lit::Bool(true),
                    Tok::False => Lit::Bool(false),
                    Tok::Null => Lit::Null,
                    found => return Err(SyntaxError::ListNotLiteral { at: s, found }),
                };
                self.nodes += 1;
                list.push((lit, s));
                let (t, s) = self.bump();
                match t {
                    Tok::Comma => continue,
                    Tok::RBracket => {
                        end = s;
                        break;
                    }
                    found => return Err(SyntaxError::ListSeparator { at: s, found }),
                }
            }
        }
        let span = lhs.span.to(end);
        self.node(
            ExprKind::In {
                lhs: Box::new(lhs),
                list,
                negated,
            },
            span,
        )
    }

    fn term(&mut self) -> Result<Expr, SyntaxError> {
        let (t, span) = self.bump();
        match t {
            Tok::Str(s) => self.node(ExprKind::Lit(Lit::Str(s)), span),
            Tok::Int(i) => self.node(ExprKind::Lit(Lit::Int(i)), span),
            Tok::Dur(d) => self.node(ExprKind::Lit(Lit::Dur(d)), span),
            Tok::True => self.node(ExprKind::Lit(Lit::Bool(true)), span),
            Tok::False => self.node(ExprKind::Lit(Lit::Bool(false)), span),
            Tok::Null => self.node(ExprKind::Lit(Lit::Null), span),
            Tok::LParen => self.parenthesized(span),
            Tok::Ident(name) if *self.peek().0 == Tok::LParen => self.call(name, span),
            Tok::Ident(name) => self.path(name, span),
            found => Err(SyntaxError::ExpectedValue { at: span, found }),
        }
    }

    /// The rest of `( expr )`, its `(` at `open`.
    fn parenthesized(&mut self, open: Span) -> Result<Expr, SyntaxError> {
        self.enter(open)?;
        let inner = self.expr()?;
        self.depth -= 1;
        let close = self.peek().1;
        if *self.peek().0 != Tok::RParen {
            return Err(SyntaxError::Unclosed {
                at: close,
                found: self.peek().0.clone(),
                open,
            });
        }
        self.bump();
        Ok(Expr {
            kind: inner.kind,
            span: open.to(close),
        })
    }

    /// The call of `name` (at `span`), from its `(` on.
    fn call(&mut self, name: String, span: Span) -> Result<Expr, SyntaxError> {
        let open = self.bump().1;
        self.enter(open)?;
        let mut args = Vec::new();
        if *self.peek().0 != Tok::RParen {
            loop {
                args.push(self.expr()?);
                if *self.peek().0 == Tok::Comma {
                    self.bump();
                    continue;
                }
                break;
            }
        }
        let close = self.expect(Tok::RParen, "',' or ')' in the call")?;
        self.depth -= 1;
        self.node(
            ExprKind::Call {
                name,
                name_span: span,
                args,
            },
            span.to(close),
        )
    }

    /// The path that starts with `name` (at `span`): `a.b.c`.
    fn path(&mut self, name: String, span: Span) -> Result<Expr, SyntaxError> {
        let mut segs = vec![(name, span)];
        let mut full = span;
        while *self.peek().0 == Tok::Dot {
            self.bump();
            let (t, s) = self.bump();
            match t {
                Tok::Ident(n) => {
                    full = full.to(s);
                    segs.push((n, s));
                }
                found => return Err(SyntaxError::FieldName { at: s, found }),
            }
        }
        self.node(ExprKind::Path(segs), full)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_spec_example() {
        let e = parse("status == 'unconfirmed' && payment.state == 'failed' && payment.failure_code in ['card_declined', 'insufficient_funds']").unwrap();
        match e.kind {
            ExprKind::And(parts) => assert_eq!(parts.len(), 3),
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = "(".repeat(10_000) + "true" + &")".repeat(10_000);
        let e = parse(&src).unwrap_err();
        assert!(matches!(
            e,
            SyntaxError::TooLong { .. } | SyntaxError::TooDeep(_)
        ));
        let src = "(".repeat(1000) + "true" + &")".repeat(1000);
        let e = parse(&src).unwrap_err();
        assert!(matches!(e, SyntaxError::TooDeep(_)), "{e:?}");
        assert!(e.message().contains("nested too deeply"));
        let src = "!".repeat(5000) + "true";
        assert!(parse(&src).is_err());
        let long_chain = vec!["true"; 900].join(" && ");
        assert!(parse(&long_chain).is_ok());
    }

    #[test]
    fn points_at_the_mistake() {
        let e = parse("status = 'x'").unwrap_err();
        assert_eq!(e.span().start, 7);
        assert_eq!(e.help().as_deref(), Some("compare with '=='"));
        let e = parse("a == 1 b").unwrap_err();
        assert_eq!(e.span().start, 7);
        assert_eq!(
            e.help().as_deref(),
            Some("join conditions with '&&' or '||'")
        );
        let e = parse("any(items, ").unwrap_err();
        assert!(matches!(
            e,
            SyntaxError::ExpectedValue {
                found: Tok::Eof,
                ..
            }
        ));
        assert!(e.message().contains("expected a value"));
        assert_eq!(e.help().as_deref(), Some("the condition is incomplete"));
    }
}
