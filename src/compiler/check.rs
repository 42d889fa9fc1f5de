//! The type checker: AST + schema + settings → compiled node tree, or every
//! error found, each located and with a suggestion where there is one.

use super::lexer::Span;
use super::parser::{CmpOp, Expr, ExprKind, Lit};
use crate::model::diagnostic::ExprError;
use crate::model::ir::{Const, Node, Rel};
use crate::model::schema::{EnumTy, Field, Ty, FUNCTIONS, ITEM_FIELDS, ORDER_FIELDS};
use crate::model::settings::Settings;
use crate::order::KNOWN_FAILURE_CODES;
use crate::suggest;
use crate::time::truncate;

/// The result of checking one expression.
pub struct Checked {
    /// The compiled condition.
    pub node: Node,
    /// Order fields the condition reads, in first-use order (for traces).
    pub fields: Vec<Field>,
    /// Errors.
    pub errors: Vec<ExprError>,
    /// Warnings (the condition still compiles).
    pub warnings: Vec<ExprError>,
}

/// Checks and compiles a boolean condition.
pub fn check_condition(e: &Expr, settings: &Settings) -> Checked {
    check_as(e, settings, Ty::Bool, |ty| {
        (
            format!(
                "the condition must be true or false, but this is {}",
                ty.describe()
            ),
            "compare it with something, e.g. \"status == 'unconfirmed'\"",
        )
    })
}

/// Checks a path that must name a timestamp (used by `deadlines[].at` and
/// `wait_until`).
pub fn check_timestamp_path(e: &Expr, settings: &Settings) -> Checked {
    check_as(e, settings, Ty::Ts, |ty| {
        (
            format!("expected a timestamp, found {}", ty.describe()),
            "use a field such as 'expected.auto_cancel_at'",
        )
    })
}

/// Checks `e` and requires its type to be `want`.
fn check_as(
    e: &Expr,
    settings: &Settings,
    want: Ty,
    wrong: impl Fn(Ty) -> (String, &'static str),
) -> Checked {
    let mut c = Checker {
        settings,
        errors: Vec::new(),
        warnings: Vec::new(),
        fields: Vec::new(),
        in_item: false,
    };
    let (ty, node) = c.expr(e);
    if ty != want && ty != Ty::Error {
        let (message, help) = wrong(ty);
        c.error(e.span, message, Some(help.into()));
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
    errors: Vec<ExprError>,
    warnings: Vec<ExprError>,
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
    fn error(&mut self, span: Span, message: String, help: Option<String>) {
        if self.errors.len() < 50 {
            self.errors.push(ExprError::new(span, message, help));
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
                self.want_bool(t, inner.span, "'!'");
                (Ty::Bool, Node::Not(Box::new(n)))
            }
            ExprKind::And(parts) | ExprKind::Or(parts) => {
                let op = if matches!(e.kind, ExprKind::And(_)) {
                    "'&&'"
                } else {
                    "'||'"
                };
                let mut nodes = Vec::with_capacity(parts.len());
                for p in parts {
                    let (t, n) = self.expr(p);
                    self.want_bool(t, p.span, op);
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

    fn want_bool(&mut self, t: Ty, span: Span, op: &str) {
        if !matches!(t, Ty::Bool | Ty::Error) {
            self.error(
                span,
                format!("{op} needs true or false, but this is {}", t.describe()),
                None,
            );
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
            self.error(
                span,
                format!("'{full}' is only available inside 'any', 'all' or 'count'"),
                Some("e.g. 'any(items, !item.in_stock)'".into()),
            );
            return BAD;
        }
        if let Some((_, ty, f)) = ITEM_FIELDS.iter().find(|(p, _, _)| *p == full) {
            self.use_field(Field::Item(*f));
            return (*ty, Node::Field(Field::Item(*f)));
        }
        let help = suggest::nearest(full, ITEM_FIELDS.iter().map(|(p, _, _)| *p));
        self.error(
            span,
            format!("unknown field '{full}'"),
            Some(did_you_mean(help, ITEM_FIELDS.iter().map(|(p, _, _)| *p))),
        );
        BAD
    }

    /// A `settings.…` path (`rest` after the prefix): the setting's value,
    /// a constant.
    fn setting_path(&mut self, full: &str, rest: &str, span: Span) -> (Ty, Node) {
        match self.settings.lookup(rest) {
            Some((ty, c)) => (ty, Node::Const(c)),
            None => {
                let names = Settings::EXPR_NAMES
                    .iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>();
                let help = suggest::nearest(rest, names.iter().map(String::as_str))
                    .map(|n| format!("did you mean 'settings.{n}'?"));
                self.error(
                    span,
                    format!("unknown setting '{full}'"),
                    help.or(Some(format!(
                        "settings usable in conditions: {}",
                        Settings::EXPR_NAMES.join(", ")
                    ))),
                );
                BAD
            }
        }
    }

    /// Reports a path that names no field, with the likeliest fix.
    fn unknown_path(&mut self, segs: &[(String, Span)], full: &str, span: Span) {
        let mut candidates: Vec<&str> = ORDER_FIELDS.iter().map(|(p, _, _)| *p).collect();
        if self.in_item {
            candidates.extend(ITEM_FIELDS.iter().map(|(p, _, _)| *p));
        }
        let help = suggest::nearest(full, candidates.iter().copied());
        // A field of a known object: point at the segment that is wrong.
        let (mut at, mut msg) = (span, format!("unknown field '{full}'"));
        if segs.len() > 1 {
            if let Some((first, _)) = segs.first() {
                if !ORDER_FIELDS
                    .iter()
                    .any(|(p, _, _)| p.starts_with(&format!("{first}.")))
                    && first != "expected"
                    && first != "items"
                {
                    if let Some((_, s)) = segs.first() {
                        at = *s;
                    }
                    msg = format!("unknown field '{full}': the order has no '{first}'");
                }
            }
        }
        let is_value = ORDER_FIELDS
            .iter()
            .any(|(_, ty, _)| matches!(ty, Ty::Enum(e) if e.values().contains(&full)));
        let help = if segs.len() == 1 && FUNCTIONS.iter().any(|(f, _)| *f == full) {
            Some(format!("'{full}' is a function: write '{full}(...)'"))
        } else if segs.len() == 1 && is_value {
            Some(format!("to compare with the value, quote it: '{full}'"))
        } else if segs.first().is_some_and(|(f, _)| f == "items") {
            msg = format!("unknown field '{full}': 'items' is a list");
            Some(format!(
                "test its items with any/all/count, e.g. 'any(items, item.{})'",
                segs.get(1).map_or("in_stock", |(n, _)| n.as_str())
            ))
        } else {
            Some(did_you_mean(help, candidates.iter().copied()))
        };
        self.error(at, msg, help);
    }

    fn call(&mut self, name: &str, name_span: Span, args: &[Expr], span: Span) -> (Ty, Node) {
        match name {
            "age" | "until" => self.call_rel(name, args, span),
            "any" | "all" | "count" => self.call_items(name, name_span, args, span),
            "is_set" => self.call_is_set(args, span),
            _ => {
                let help = suggest::nearest(name, FUNCTIONS.iter().map(|(f, _)| *f));
                self.error(
                    name_span,
                    format!("unknown function '{name}'"),
                    Some(did_you_mean(help, FUNCTIONS.iter().map(|(f, _)| *f))),
                );
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
            let sig = FUNCTIONS.iter().find(|(f, _)| *f == name).map(|(_, s)| *s);
            self.error(
                span,
                format!(
                    "'{name}' takes {n} argument{}, found {}",
                    if n == 1 { "" } else { "s" },
                    args.len()
                ),
                sig.map(|s| format!("usage: {s}")),
            );
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
            let what = path_text(a).map_or_else(|| "this".to_string(), |p| format!("'{p}'"));
            self.error(
                a.span,
                format!(
                    "'{name}' expects a timestamp, but {what} is {}",
                    t.describe()
                ),
                Some("pass a timestamp field such as 'created_at' or 'payment.updated_at'".into()),
            );
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
            self.error(
                list.span,
                format!("'{name}' works on 'items', but this is {}", lt.describe()),
                Some(format!("e.g. '{name}(items, !item.in_stock)'")),
            );
        }
        if self.in_item {
            self.error(
                name_span,
                format!("'{name}' cannot be used inside another item function"),
                None,
            );
            return BAD;
        }
        self.in_item = true;
        let (ct, cn) = self.expr(cond);
        self.in_item = false;
        self.want_bool(ct, cond.span, &format!("the condition of '{name}'"));
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
            self.error(
                a.span,
                "'is_set' expects a field, like 'is_set(shipment.tracking_url)'".into(),
                None,
            );
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
                    self.error(
                        dur_span,
                        "'age(...)' and 'until(...)' must be compared with a duration".into(),
                        Some("e.g. 'age(created_at) >= 30m' or '>= settings.auto_cancel_unpaid_after'".into()),
                    );
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
            self.error(
                span,
                "'age'/'until' is never null; test the timestamp instead".into(),
                None,
            );
            return false;
        }
        if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
            self.error(
                span,
                format!("'{}' cannot compare with null", op.as_str()),
                Some("use '== null' or '!= null'".into()),
            );
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
                        self.error(
                            span,
                            "cannot compare an enum field with a free-text field".into(),
                            None,
                        );
                        return false;
                    }
                }
                if ordered {
                    self.error(
                        span,
                        format!("'{}' cannot order enum values", op.as_str()),
                        Some("use '==', '!=' or 'in [...]'".into()),
                    );
                    return false;
                }
            }
            (Ty::Str, Ty::Str) if !ordered => {
                self.warn_failure_code(l.node, r.node, r.e.span);
                self.warn_failure_code(r.node, l.node, l.e.span);
            }
            (Ty::Int, Ty::Int) | (Ty::Ts, Ty::Ts) | (Ty::Dur, Ty::Dur) => {}
            (Ty::Bool, Ty::Bool) if !ordered => {}
            (lt, rt) => {
                self.mismatch(op, lt, rt, span);
                return false;
            }
        }
        true
    }

    /// Reports a comparison of values of kinds that do not compare (or do
    /// not order).
    fn mismatch(&mut self, op: CmpOp, lt: Ty, rt: Ty, span: Span) {
        let ordered = !matches!(op, CmpOp::Eq | CmpOp::Ne);
        let help = match (lt, rt) {
            (Ty::Ts, Ty::Dur) | (Ty::Dur, Ty::Ts) => Some(
                "measure time with 'age(ts)' or 'until(ts)', e.g. 'age(created_at) > 30m'"
                    .to_string(),
            ),
            (Ty::Int, Ty::Str) | (Ty::Str, Ty::Int) => {
                Some("quote text, leave numbers unquoted".to_string())
            }
            _ => None,
        };
        let what = if ordered && lt == rt {
            // "a timestamp" -> "timestamps" (strip_prefix: no
            // substring-search code in the wasm build).
            let mut what = lt.describe();
            while let Some(rest) = what.strip_prefix("a ") {
                what = rest;
            }
            while let Some(rest) = what.strip_prefix("an ") {
                what = rest;
            }
            format!("'{}' cannot order {what}s", op.as_str())
        } else {
            format!("cannot compare {} with {}", lt.describe(), rt.describe())
        };
        self.error(span, what, help);
    }

    fn unknown_enum_value(&mut self, e: EnumTy, value: &str, span: Span, field: &Expr) {
        let help = suggest::nearest(value, e.values().iter().copied());
        let field_name = path_text(field).map_or(String::new(), |p| format!(" for '{p}'"));
        self.error(
            span,
            format!("unknown value '{}'{field_name}", truncate(value)),
            Some(did_you_mean(help, e.values().iter().copied())),
        );
    }

    fn warn_failure_code(&mut self, field: &Node, lit: &Node, span: Span) {
        if let (Node::Field(Field::PaymentFailureCode), Node::Const(Const::Str(s))) = (field, lit) {
            self.check_code(s, span);
        }
    }

    fn check_code(&mut self, s: &str, span: Span) {
        if !KNOWN_FAILURE_CODES.contains(&s) {
            if let Some(n) = suggest::nearest(s, KNOWN_FAILURE_CODES.iter().copied()) {
                self.warnings.push(ExprError::new(
                    span,
                    format!("'{}' is not a known failure code", truncate(s)),
                    Some(crate::suggest::did_you_mean(n)),
                ));
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
                self.error(
                    *span,
                    format!("cannot compare {} with {}", lt.describe(), t.describe()),
                    None,
                );
                return BAD;
            }
            consts.push(c);
        }
        if matches!(lt, Ty::RelDur | Ty::Items | Ty::Object | Ty::Ts) {
            self.error(
                lhs.span,
                format!("'in' cannot test {}", lt.describe()),
                None,
            );
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

fn did_you_mean<'a>(best: Option<&str>, all: impl Iterator<Item = &'a str>) -> String {
    match best {
        Some(b) => crate::suggest::did_you_mean(b),
        None => {
            let all: Vec<&str> = all.collect();
            if all.len() <= 10 {
                format!("expected one of {}", crate::order::list(&all))
            } else {
                "see the list of fields in the documentation".into()
            }
        }
    }
}
