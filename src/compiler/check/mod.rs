//! The type checker: AST + schema + settings → compiled node tree, or every
//! error found, each located and with a suggestion where there is one.

mod error;

pub use error::{BoolPlace, CheckError, CheckWarning, UnknownPath};

use super::lexer::Span;
use super::parser::{CmpOp, Expr, ExprKind, Lit};
use crate::model::ir::{Const, Node, Rel};
use crate::model::schema::{EnumTy, Field, Ty, FUNCTIONS, ITEM_FIELDS, ORDER_FIELDS};
use crate::model::settings::Settings;
use crate::order::KNOWN_FAILURE_CODES;
use crate::suggest;

/// The result of checking one expression.
pub struct Checked {
    /// The compiled condition.
    pub node: Node,
    /// Order fields the condition reads, in first-use order (for traces).
    pub fields: Vec<Field>,
    /// Errors.
    pub errors: Vec<CheckError>,
    /// Warnings (the condition still compiles).
    pub warnings: Vec<CheckWarning>,
}

/// Checks and compiles a boolean condition.
pub fn check_condition(e: &Expr, settings: &Settings) -> Checked {
    check_as(e, settings, Ty::Bool)
}

/// Checks a path that must name a timestamp (used by `deadlines[].at` and
/// `wait_until`).
pub fn check_timestamp_path(e: &Expr, settings: &Settings) -> Checked {
    check_as(e, settings, Ty::Ts)
}

/// Checks `e` and requires its type to be `want`.
fn check_as(e: &Expr, settings: &Settings, want: Ty) -> Checked {
    let mut c = Checker {
        settings,
        errors: Vec::new(),
        warnings: Vec::new(),
        fields: Vec::new(),
        in_item: false,
    };
    let (ty, node) = c.expr(e);
    if ty != want && ty != Ty::Error {
        c.error(CheckError::WrongResult {
            at: e.span,
            want,
            found: ty,
        });
    }
    Checked {
        node,
        fields: c.fields,
        errors: c.errors,
        warnings: c.warnings,
    }
}

struct Checker<'s> {
    settings: &'s Settings,
    errors: Vec<CheckError>,
    warnings: Vec<CheckWarning>,
    fields: Vec<Field>,
    in_item: bool,
}

const BAD: (Ty, Node) = (Ty::Error, Node::Const(Const::Null));

/// One side of a comparison: the expression, its type and its node.
#[derive(Clone, Copy)]
struct Side<'a> {
    e: &'a Expr,
    ty: Ty,
    node: &'a Node,
}

impl Checker<'_> {
    fn error(&mut self, e: CheckError) {
        if self.errors.len() < 50 {
            self.errors.push(e);
        }
    }

    fn expr(&mut self, e: &Expr) -> (Ty, Node) {
        match &e.kind {
            ExprKind::Lit(l) => lit(l),
            ExprKind::Path(segs) => self.path(segs, e.span),
            ExprKind::Call {
                name,
                name_span,
                args,
            } => self.call(name, *name_span, args, e.span),
            ExprKind::Not(inner) => {
                let (t, n) = self.expr(inner);
                self.want_bool(t, inner.span, BoolPlace::Not);
                (Ty::Bool, Node::Not(Box::new(n)))
            }
            ExprKind::And(parts) | ExprKind::Or(parts) => {
                let place = if matches!(e.kind, ExprKind::And(_)) {
                    BoolPlace::And
                } else {
                    BoolPlace::Or
                };
                let mut nodes = Vec::with_capacity(parts.len());
                for p in parts {
                    let (t, n) = self.expr(p);
                    self.want_bool(t, p.span, place.clone());
                    nodes.push(n);
                }
                if matches!(e.kind, ExprKind::And(_)) {
                    (Ty::Bool, Node::And(nodes))
                } else {
                    (Ty::Bool, Node::Or(nodes))
                }
            }
            ExprKind::Cmp(op, l, r) => self.compare(*op, l, r),
            ExprKind::In { lhs, list, negated } => self.in_list(lhs, list, *negated),
        }
    }

    fn want_bool(&mut self, t: Ty, span: Span, place: BoolPlace) {
        if !matches!(t, Ty::Bool | Ty::Error) {
            self.error(CheckError::NotBool {
                at: span,
                place,
                found: t,
            });
        }
    }

    fn use_field(&mut self, f: Field) {
        if !self.fields.contains(&f) {
            self.fields.push(f);
        }
        // The decline group is computed from the codes: trace them too (a
        // masked one shows as "(masked)").
        if f == Field::PaymentDeclineGroup {
            for src in [
                Field::PaymentFailureCode,
                Field::PaymentDeclineCode,
                Field::PaymentAdviceCode,
            ] {
                self.use_field(src);
            }
        }
    }

    fn path(&mut self, segs: &[(String, Span)], span: Span) -> (Ty, Node) {
        let full: String = segs
            .iter()
            .map(|(s, _)| s.as_str())
            .collect::<Vec<_>>()
            .join(".");
        if full.starts_with("item.") || full == "item" {
            return self.item_path(&full, span);
        }
        if let Some(rest) = full.strip_prefix("settings.") {
            return self.setting_path(&full, rest, span);
        }
        if let Some((_, ty, f)) = ORDER_FIELDS.iter().find(|(p, _, _)| *p == full) {
            self.use_field(*f);
            return (*ty, Node::Field(*f));
        }
        self.unknown_path(segs, &full, span);
        BAD
    }

    /// An `item.…` path: a field of the item under test, inside an item
    /// function only.
    fn item_path(&mut self, full: &str, span: Span) -> (Ty, Node) {
        if !self.in_item {
            self.error(CheckError::ItemOutside {
                at: span,
                path: full.to_string(),
            });
            return BAD;
        }
        if let Some((_, ty, f)) = ITEM_FIELDS.iter().find(|(p, _, _)| *p == full) {
            self.use_field(Field::Item(*f));
            return (*ty, Node::Field(Field::Item(*f)));
        }
        self.error(CheckError::UnknownItemField {
            at: span,
            path: full.to_string(),
            nearest: suggest::nearest(full, ITEM_FIELDS.iter().map(|(p, _, _)| *p)),
        });
        BAD
    }

    /// A `settings.…` path (`rest` after the prefix): the setting's value,
    /// a constant.
    fn setting_path(&mut self, full: &str, rest: &str, span: Span) -> (Ty, Node) {
        match self.settings.lookup(rest) {
            Some((ty, c)) => (ty, Node::Const(c)),
            None => {
                self.error(CheckError::UnknownSetting {
                    at: span,
                    path: full.to_string(),
                    nearest: suggest::nearest(rest, Settings::EXPR_NAMES.iter().copied()),
                });
                BAD
            }
        }
    }

    /// Reports a path that names no field, with the likeliest fix.
    fn unknown_path(&mut self, segs: &[(String, Span)], full: &str, span: Span) {
        let is_value = ORDER_FIELDS
            .iter()
            .any(|(_, ty, _)| matches!(ty, Ty::Enum(e) if e.values().contains(&full)));
        let first = segs.first();
        let mut at = span;
        let why = if segs.len() == 1 && FUNCTIONS.iter().any(|(f, _)| *f == full) {
            UnknownPath::Function
        } else if segs.len() == 1 && is_value {
            UnknownPath::Value
        } else if first.is_some_and(|(f, _)| f == "items") {
            UnknownPath::ItemsList {
                field: segs
                    .get(1)
                    .map_or("in_stock", |(n, _)| n.as_str())
                    .to_string(),
            }
        } else {
            let mut candidates: Vec<&'static str> =
                ORDER_FIELDS.iter().map(|(p, _, _)| *p).collect();
            if self.in_item {
                candidates.extend(ITEM_FIELDS.iter().map(|(p, _, _)| *p));
            }
            // A field of an object the order does not have: point at it.
            let no_object = first.filter(|(f, _)| {
                segs.len() > 1
                    && f != "expected"
                    && !ORDER_FIELDS
                        .iter()
                        .any(|(p, _, _)| p.starts_with(&format!("{f}.")))
            });
            if let Some((_, s)) = no_object {
                at = *s;
            }
            UnknownPath::Nearest {
                no_object: no_object.map(|(f, _)| f.clone()),
                nearest: suggest::nearest(full, candidates.iter().copied()),
                in_item: self.in_item,
            }
        };
        self.error(CheckError::UnknownField {
            at,
            path: full.to_string(),
            why,
        });
    }

    fn call(&mut self, name: &str, name_span: Span, args: &[Expr], span: Span) -> (Ty, Node) {
        match name {
            "age" | "until" => self.call_rel(name, args, span),
            "any" | "all" | "count" => self.call_items(name, name_span, args, span),
            "is_set" => self.call_is_set(args, span),
            _ => {
                self.error(CheckError::UnknownFunction {
                    at: name_span,
                    name: name.to_string(),
                    nearest: suggest::nearest(name, FUNCTIONS.iter().map(|(f, _)| *f)),
                });
                for a in args {
                    self.expr(a);
                }
                BAD
            }
        }
    }

    /// Whether the call of `name` at `span` has `n` arguments; reports it
    /// when not.
    fn arity(&mut self, name: &str, args: &[Expr], n: usize, span: Span) -> bool {
        if args.len() != n {
            self.error(CheckError::Arity {
                at: span,
                name: name.to_string(),
                takes: n,
                found: args.len(),
            });
            false
        } else {
            true
        }
    }

    /// `age(ts)` or `until(ts)`: a duration relative to now.
    fn call_rel(&mut self, name: &str, args: &[Expr], span: Span) -> (Ty, Node) {
        if !self.arity(name, args, 1, span) {
            return BAD;
        }
        let Some(a) = args.first() else { return BAD };
        let (t, n) = self.expr(a);
        if !matches!(t, Ty::Ts | Ty::Error) {
            self.error(CheckError::NotTimestamp {
                at: a.span,
                name: name.to_string(),
                path: path_text(a),
                found: t,
            });
            return BAD;
        }
        let rel = if name == "age" { Rel::Age } else { Rel::Until };
        (Ty::RelDur, Node::Rel(rel, Box::new(n)))
    }

    /// `any`, `all` or `count` over the items, with a condition on `item`.
    fn call_items(&mut self, name: &str, name_span: Span, args: &[Expr], span: Span) -> (Ty, Node) {
        if !self.arity(name, args, 2, span) {
            return BAD;
        }
        let (Some(list), Some(cond)) = (args.first(), args.get(1)) else {
            return BAD;
        };
        let (lt, _) = self.expr(list);
        if !matches!(lt, Ty::Items | Ty::Error) {
            self.error(CheckError::NotItems {
                at: list.span,
                name: name.to_string(),
                found: lt,
            });
        }
        if self.in_item {
            self.error(CheckError::NestedItemFunction {
                at: name_span,
                name: name.to_string(),
            });
            return BAD;
        }
        self.in_item = true;
        let (ct, cn) = self.expr(cond);
        self.in_item = false;
        self.want_bool(ct, cond.span, BoolPlace::ItemCondition(name.to_string()));
        let b = Box::new(cn);
        match name {
            "any" => (Ty::Bool, Node::Any(b)),
            "all" => (Ty::Bool, Node::All(b)),
            _ => (Ty::Int, Node::Count(b)),
        }
    }

    /// `is_set(field)`.
    fn call_is_set(&mut self, args: &[Expr], span: Span) -> (Ty, Node) {
        if !self.arity("is_set", args, 1, span) {
            return BAD;
        }
        let Some(a) = args.first() else { return BAD };
        if !matches!(a.kind, ExprKind::Path(_)) {
            self.error(CheckError::IsSetNotField(a.span));
            return BAD;
        }
        let (_, n) = self.expr(a);
        (Ty::Bool, Node::IsSet(Box::new(n)))
    }

    fn compare(&mut self, op: CmpOp, l: &Expr, r: &Expr) -> (Ty, Node) {
        let (lt, ln) = self.expr(l);
        let (rt, rn) = self.expr(r);
        if lt == Ty::Error || rt == Ty::Error {
            return BAD;
        }
        // `x == null`, `x != null`
        if lt == Ty::Null || rt == Ty::Null {
            let (other, node) = if lt == Ty::Null { (rt, rn) } else { (lt, ln) };
            if !self.null_comparable(op, other, l.span.to(r.span)) {
                return BAD;
            }
            let set = Node::IsSet(Box::new(node));
            return match op {
                CmpOp::Eq => (Ty::Bool, Node::Not(Box::new(set))),
                _ => (Ty::Bool, set),
            };
        }
        // age(ts) op duration → a threshold in time.
        if lt == Ty::RelDur || rt == Ty::RelDur {
            let (rel, dur, op, dur_span) = if lt == Ty::RelDur {
                (ln, (rt, rn), op, r.span)
            } else {
                (rn, (lt, ln), op.flip(), l.span)
            };
            return match (rel, dur) {
                (Node::Rel(kind, ts), (Ty::Dur, Node::Const(Const::Dur(d)))) => (
                    Ty::Bool,
                    Node::Threshold {
                        kind,
                        ts,
                        op,
                        dur: d,
                    },
                ),
                _ => {
                    self.error(CheckError::RelWithoutDuration(dur_span));
                    BAD
                }
            };
        }
        let left = Side {
            e: l,
            ty: lt,
            node: &ln,
        };
        let right = Side {
            e: r,
            ty: rt,
            node: &rn,
        };
        if !self.comparable(op, left, right) {
            return BAD;
        }
        (Ty::Bool, Node::Cmp(op, Box::new(ln), Box::new(rn)))
    }

    /// Whether a value of type `other` may be compared with null by `op`
    /// (`== null`: not set, `!= null`: set); reports why not.
    fn null_comparable(&mut self, op: CmpOp, other: Ty, span: Span) -> bool {
        if other == Ty::RelDur {
            self.error(CheckError::RelNull(span));
            return false;
        }
        if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
            self.error(CheckError::NullOrdered { at: span, op });
            return false;
        }
        true
    }

    /// Whether `l op r` compares values of kinds that compare (neither
    /// null nor a relative duration); reports why not, and warns of unknown
    /// failure codes.
    fn comparable(&mut self, op: CmpOp, l: Side, r: Side) -> bool {
        let span = l.e.span.to(r.e.span);
        let ordered = !matches!(op, CmpOp::Eq | CmpOp::Ne);
        match (l.ty, r.ty) {
            (Ty::Enum(a), Ty::Enum(b)) if a == b && !ordered => {}
            (Ty::Enum(a), Ty::Str) | (Ty::Str, Ty::Enum(a)) => {
                let lit_side = if l.ty == Ty::Str { l } else { r };
                match lit_side.node {
                    Node::Const(Const::Str(s)) => {
                        if !a.values().contains(&s.as_str()) {
                            self.unknown_enum_value(a, s, lit_side.e.span, l.e);
                            return false;
                        }
                    }
                    _ => {
                        self.error(CheckError::EnumWithText(span));
                        return false;
                    }
                }
                if ordered {
                    self.error(CheckError::EnumOrdered { at: span, op });
                    return false;
                }
            }
            (Ty::Str, Ty::Str) if !ordered => {
                self.warn_failure_code(l.node, r.node, r.e.span);
                self.warn_failure_code(r.node, l.node, l.e.span);
            }
            (Ty::Int, Ty::Int) | (Ty::Ts, Ty::Ts) | (Ty::Dur, Ty::Dur) => {}
            (Ty::Bool, Ty::Bool) if !ordered => {}
            (left, right) => {
                self.error(CheckError::Mismatch {
                    at: span,
                    op,
                    left,
                    right,
                });
                return false;
            }
        }
        true
    }

    fn unknown_enum_value(&mut self, ty: EnumTy, value: &str, span: Span, field: &Expr) {
        self.error(CheckError::UnknownEnumValue {
            at: span,
            ty,
            value: value.to_string(),
            field: path_text(field),
        });
    }

    fn warn_failure_code(&mut self, field: &Node, lit: &Node, span: Span) {
        if let (Node::Field(Field::PaymentFailureCode), Node::Const(Const::Str(s))) = (field, lit) {
            self.check_code(s, span);
        }
    }

    fn check_code(&mut self, s: &str, span: Span) {
        if !KNOWN_FAILURE_CODES.contains(&s) {
            if let Some(nearest) = suggest::nearest(s, KNOWN_FAILURE_CODES.iter().copied()) {
                self.warnings.push(CheckWarning::UnknownFailureCode {
                    at: span,
                    code: s.to_string(),
                    nearest,
                });
            }
        }
    }

    fn in_list(&mut self, lhs: &Expr, list: &[(Lit, Span)], negated: bool) -> (Ty, Node) {
        let (lt, ln) = self.expr(lhs);
        if lt == Ty::Error {
            return BAD;
        }
        let mut consts = Vec::with_capacity(list.len());
        for (l, span) in list {
            let (t, n) = lit(l);
            let Node::Const(c) = n else { continue };
            let ok = match (lt, t) {
                (_, Ty::Null) => true,
                (Ty::Enum(e), Ty::Str) => {
                    if let Const::Str(s) = &c {
                        if !e.values().contains(&s.as_str()) {
                            self.unknown_enum_value(e, s, *span, lhs);
                            return BAD;
                        }
                    }
                    true
                }
                (Ty::Str, Ty::Str) => {
                    if let (Node::Field(Field::PaymentFailureCode), Const::Str(s)) = (&ln, &c) {
                        self.check_code(s, *span);
                    }
                    true
                }
                (a, b) => a == b && matches!(a, Ty::Int | Ty::Dur | Ty::Bool),
            };
            if !ok {
                self.error(CheckError::ListItem {
                    at: *span,
                    left: lt,
                    item: t,
                });
                return BAD;
            }
            consts.push(c);
        }
        if matches!(lt, Ty::RelDur | Ty::Items | Ty::Object | Ty::Ts) {
            self.error(CheckError::InCannotTest {
                at: lhs.span,
                ty: lt,
            });
            return BAD;
        }
        (
            Ty::Bool,
            Node::In {
                lhs: Box::new(ln),
                list: consts,
                negated,
            },
        )
    }
}

fn lit(l: &Lit) -> (Ty, Node) {
    match l {
        Lit::Str(s) => (Ty::Str, Node::Const(Const::Str(s.clone()))),
        Lit::Int(i) => (Ty::Int, Node::Const(Const::Int(*i))),
        Lit::Dur(d) => (Ty::Dur, Node::Const(Const::Dur(*d))),
        Lit::Bool(b) => (Ty::Bool, Node::Const(Const::Bool(*b))),
        Lit::Null => (Ty::Null, Node::Const(Const::Null)),
    }
}

fn path_text(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Path(segs) => Some(
            segs.iter()
                .map(|(s, _)| s.as_str())
                .collect::<Vec<_>>()
                .join("."),
        ),
        _ => None,
    }
}
