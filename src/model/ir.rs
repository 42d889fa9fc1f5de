//! The compiled form of a condition (the IR both layers share): the
//! compiler (`crate::compiler`) builds it, the compiled bytes carry it, the
//! runtime's evaluator (`crate::runtime::eval`) runs it.
//!
//! A compiled condition is a tree whose field accesses, settings and enum
//! values are already resolved; the only thing that depends on the clock is a
//! [`Node::Threshold`] (`age(ts) >= 30m`).

use crate::model::schema::Field;
use crate::time::Duration;

/// A constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// `null`
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// Text or an enum value.
    Str(String),
    /// A duration.
    Dur(Duration),
}

/// Which way a relative duration is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    /// `age(ts)` = now − ts
    Age,
    /// `until(ts)` = ts − now
    Until,
}

/// A compiled condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A constant (literals and settings).
    Const(Const),
    /// An order, item or computed field.
    Field(Field),
    /// `age(ts)` / `until(ts)`; only valid under a threshold.
    Rel(Rel, Box<Node>),
    /// `!x`
    Not(Box<Node>),
    /// All true.
    And(Vec<Node>),
    /// Any true.
    Or(Vec<Node>),
    /// A comparison; false when either side is null.
    Cmp(CmpOp, Box<Node>, Box<Node>),
    /// `x in [...]`, `x not in [...]`; false when `x` is null (unless the list holds null).
    In {
        /// The tested value.
        lhs: Box<Node>,
        /// The list.
        list: Vec<Const>,
        /// `not in`
        negated: bool,
    },
    /// Not null (and, for the item list, not empty).
    IsSet(Box<Node>),
    /// `age(ts) op dur` or `until(ts) op dur`.
    Threshold {
        /// age or until.
        kind: Rel,
        /// The timestamp.
        ts: Box<Node>,
        /// The operator, with the relative duration on the left.
        op: CmpOp,
        /// The duration.
        dur: Duration,
    },
    /// Some item matches.
    Any(Box<Node>),
    /// Every item matches (true for no items).
    All(Box<Node>),
    /// How many items match.
    Count(Box<Node>),
}

/// The text constants a condition compares `field` with (`==` or `in`).
pub fn constants_for(n: &Node, field: Field, out: &mut Vec<String>) {
    match n {
        Node::Cmp(_, a, b) => {
            for (x, y) in [(a, b), (b, a)] {
                if let (Node::Field(f), Node::Const(Const::Str(s))) = (x.as_ref(), y.as_ref()) {
                    if *f == field {
                        out.push(s.clone());
                    }
                }
            }
        }
        Node::In { lhs, list, .. } => {
            if matches!(lhs.as_ref(), Node::Field(f) if *f == field) {
                out.extend(list.iter().filter_map(|c| match c {
                    Const::Str(s) => Some(s.clone()),
                    _ => None,
                }));
            }
        }
        Node::Not(x)
        | Node::IsSet(x)
        | Node::Any(x)
        | Node::All(x)
        | Node::Count(x)
        | Node::Rel(_, x) => constants_for(x, field, out),
        Node::And(xs) | Node::Or(xs) => xs.iter().for_each(|x| constants_for(x, field, out)),
        Node::Threshold { ts, .. } => constants_for(ts, field, out),
        Node::Const(_) | Node::Field(_) => {}
    }
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
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
}

impl Node {
    /// Whether a threshold is part of it: whether time passing alone can
    /// change its value.
    pub fn timed(&self) -> bool {
        match self {
            Node::Threshold { .. } => true,
            Node::Const(_) | Node::Field(_) => false,
            Node::Rel(_, x)
            | Node::Not(x)
            | Node::IsSet(x)
            | Node::Any(x)
            | Node::All(x)
            | Node::Count(x)
            | Node::In { lhs: x, .. } => x.timed(),
            Node::And(xs) | Node::Or(xs) => xs.iter().any(Node::timed),
            Node::Cmp(_, a, b) => a.timed() || b.timed(),
        }
    }
}

impl CmpOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
    /// `a op b` ⇔ `b op.flip() a`.
    pub fn flip(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            o => o,
        }
    }
    /// Applies the operator to an ordering.
    pub fn test(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
        }
    }
}

/// The tags of the IR in compiled rules (`crate::runtime::bytes`): written
/// and read by these names only, fixed once given (a new node takes a new
/// number; changing one is a new `FORMAT`).
pub mod tag {
    /// `Node::Const`
    pub const CONST: u8 = 0;
    /// `Node::Field`
    pub const FIELD: u8 = 1;
    /// `Node::Rel`
    pub const REL: u8 = 2;
    /// `Node::Not`
    pub const NOT: u8 = 3;
    /// `Node::And`
    pub const AND: u8 = 4;
    /// `Node::Or`
    pub const OR: u8 = 5;
    /// `Node::Cmp`
    pub const CMP: u8 = 6;
    /// `Node::In`
    pub const IN: u8 = 7;
    /// `Node::IsSet`
    pub const IS_SET: u8 = 8;
    /// `Node::Threshold`
    pub const THRESHOLD: u8 = 9;
    /// `Node::Any`
    pub const ANY: u8 = 10;
    /// `Node::All`
    pub const ALL: u8 = 11;
    /// `Node::Count`
    pub const COUNT: u8 = 12;
}

/// The tags of constants in compiled rules, like [`tag`].
pub mod const_tag {
    /// `Const::Null`
    pub const NULL: u8 = 0;
    /// `Const::Bool`
    pub const BOOL: u8 = 1;
    /// `Const::Int`
    pub const INT: u8 = 2;
    /// `Const::Str`
    pub const STR: u8 = 3;
    /// `Const::Dur`
    pub const DUR: u8 = 4;
}
