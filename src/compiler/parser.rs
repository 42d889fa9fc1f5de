//! Parser of the condition language: tokens to an AST (SPEC §2.1).
//!
//! `&&` and `||` chains become one n-ary node, so a long chain does not make
//! a deep tree; parentheses, `!` and calls nest, and their depth is limited
//! so hostile input cannot overflow the stack.

use super::lexer::{lex, Span, Tok};
use crate::model::diagnostic::ExprError;
use crate::time::Duration;

/// Deepest nesting of parentheses, `!` and calls.
pub const MAX_NESTING: usize = 48;
/// Longest expression, in bytes.
pub const MAX_EXPR_BYTES: usize = 8192;
/// Most nodes in one expression.
pub const MAX_NODES: usize = 2000;

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
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    if src.len() > MAX_EXPR_BYTES {
        return Err(ExprError::new(
            Span::new(0, 1),
            format!(
                "expression is too long ({} bytes; at most {MAX_EXPR_BYTES})",
                src.len()
            ),
            Some("split it into several rules".into()),
        ));
    }
    if src.trim().is_empty() {
        return Err(ExprError::new(
            Span::new(0, 0),
            "empty expression".into(),
            None,
        ));
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
        let help = match t {
            Tok::Ident(_) | Tok::Str(_) | Tok::Int(_) | Tok::Dur(_) => {
                Some("join conditions with '&&' or '||'".to_string())
            }
            Tok::RParen => Some("this ')' has no matching '('".to_string()),
            _ => None,
        };
        return Err(ExprError::new(
            span,
            format!("unexpected {}", t.describe()),
            help,
        ));
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

    fn node(&mut self, kind: ExprKind, span: Span) -> Result<Expr, ExprError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(ExprError::new(
                span,
                format!("expression is too large (more than {MAX_NODES} parts)"),
                Some("split it into several rules".into()),
            ));
        }
        Ok(Expr { kind, span })
    }

    fn enter(&mut self, span: Span) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(ExprError::new(
                span,
                format!("expression is nested too deeply (more than {MAX_NESTING} levels)"),
                Some("simplify the condition or split it into several rules".into()),
            ));
        }
        Ok(())
    }

    fn expect(&mut self, want: Tok, what: &str) -> Result<Span, ExprError> {
        let (t, span) = self.peek();
        if *t == want {
            self.bump();
            Ok(span)
        } else {
            Err(ExprError::new(
                span,
                format!("expected {what}, found {}", t.describe()),
                None,
            ))
        }
    }

    fn expr(&mut self) -> Result<Expr, ExprError> {
        self.or()
    }

    fn or(&mut self) -> Result<Expr, ExprError> {
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

    fn and(&mut self) -> Result<Expr, ExprError> {
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

    fn unary(&mut self) -> Result<Expr, ExprError> {
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

    fn compare(&mut self) -> Result<Expr, ExprError> {
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
                    return Err(ExprError::new(
                        op_span.to(s2),
                        format!("expected 'in' after 'not', found {}", t2.describe()),
                        Some("negate a condition with '!'".into()),
                    ));
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
            return Err(ExprError::new(
                s,
                "comparisons cannot be chained".into(),
                Some("join two comparisons with '&&'".into()),
            ));
        }
        self.node(ExprKind::Cmp(op, Box::new(lhs), Box::new(rhs)), span)
    }

    fn in_list(&mut self, lhs: Expr, negated: bool) -> Result<Expr, ExprError> {
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
                    other => {
                        return Err(ExprError::new(
                            s,
                            format!(
                                "expected a literal value in the list, found {}",
                                other.describe()
                            ),
                            Some("lists hold literals only, like '['card', 'wallet']'".into()),
                        ))
                    }
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
                    other => {
                        return Err(ExprError::new(
                            s,
                            format!("expected ',' or ']', found {}", other.describe()),
                            None,
                        ))
                    }
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

    fn term(&mut self) -> Result<Expr, ExprError> {
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
            other => Err(ExprError::new(
                span,
                format!("expected a value, found {}", other.describe()),
                match other {
                    Tok::Eof => Some("the condition is incomplete".into()),
                    _ => None,
                },
            )),
        }
    }

    /// The rest of `( expr )`, its `(` at `open`.
    fn parenthesized(&mut self, open: Span) -> Result<Expr, ExprError> {
        self.enter(open)?;
        let inner = self.expr()?;
        self.depth -= 1;
        let close = self.peek().1;
        if *self.peek().0 != Tok::RParen {
            return Err(ExprError::new(
                close,
                format!("expected ')', found {}", self.peek().0.describe()),
                Some(format!(
                    "the '(' at column {} is not closed",
                    open.start + 1
                )),
            ));
        }
        self.bump();
        Ok(Expr {
            kind: inner.kind,
            span: open.to(close),
        })
    }

    /// The call of `name` (at `span`), from its `(` on.
    fn call(&mut self, name: String, span: Span) -> Result<Expr, ExprError> {
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
    fn path(&mut self, name: String, span: Span) -> Result<Expr, ExprError> {
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
                other => {
                    return Err(ExprError::new(
                        s,
                        format!(
                            "expected a field name after '.', found {}",
                            other.describe()
                        ),
                        None,
                    ))
                }
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
        assert!(e.message.contains("too long") || e.message.contains("nested too deeply"));
        let src = "(".repeat(1000) + "true" + &")".repeat(1000);
        let e = parse(&src).unwrap_err();
        assert!(e.message.contains("nested too deeply"), "{e:?}");
        let src = "!".repeat(5000) + "true";
        assert!(parse(&src).is_err());
        let long_chain = vec!["true"; 900].join(" && ");
        assert!(parse(&long_chain).is_ok());
    }

    #[test]
    fn points_at_the_mistake() {
        let e = parse("status = 'x'").unwrap_err();
        assert_eq!(e.span.start, 7);
        assert_eq!(e.help.as_deref(), Some("compare with '=='"));
        let e = parse("a == 1 b").unwrap_err();
        assert_eq!(e.span.start, 7);
        let e = parse("any(items, ").unwrap_err();
        assert!(e.message.contains("expected a value"));
    }
}
