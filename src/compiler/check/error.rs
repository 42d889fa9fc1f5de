//! What the checker refuses, and what it only warns of: each a variant with
//! the data its message needs, worded in one place.

use crate::model::diagnostic::{ExprProblem, Span};
use crate::model::ir::CmpOp;
use crate::model::schema::{EnumTy, Ty, FUNCTIONS, ITEM_FIELDS, ORDER_FIELDS};
use crate::model::settings::Settings;
use crate::time::truncate;

/// Where a value must be true or false.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BoolPlace {
    /// The operand of `!`.
    Not,
    /// An operand of `&&`.
    And,
    /// An operand of `||`.
    Or,
    /// The condition of `any`, `all` or `count`.
    ItemCondition(String),
}

/// Why a path names no field, and so which fix to offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnknownPath {
    /// A single name that is a function: `age` for `age(...)`.
    Function,
    /// A single name that is an enum value: `failed` for `'failed'`.
    Value,
    /// `items.x`: the items are a list, tested with `any`/`all`/`count`.
    ItemsList {
        /// The name after `items.`.
        field: String,
    },
    /// No such field: the nearest one, if any is near.
    Nearest {
        /// The first segment, when the order has no object of that name.
        no_object: Option<String>,
        /// The nearest known field.
        nearest: Option<&'static str>,
        /// Whether `item.…` fields were candidates too.
        in_item: bool,
    },
}

/// A condition the checker refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckError {
    /// The whole expression is not of the type its place needs.
    WrongResult {
        /// The expression.
        at: Span,
        /// `Ty::Bool` for a condition, `Ty::Ts` for a timestamp path.
        want: Ty,
        /// What it is.
        found: Ty,
    },
    /// A value that must be true or false is not.
    NotBool {
        /// The value.
        at: Span,
        /// Where it stands.
        place: BoolPlace,
        /// What it is.
        found: Ty,
    },
    /// `item.…` outside an item function.
    ItemOutside {
        /// The path.
        at: Span,
        /// As written.
        path: String,
    },
    /// `item.x` that no item has.
    UnknownItemField {
        /// The path.
        at: Span,
        /// As written.
        path: String,
        /// The nearest item field.
        nearest: Option<&'static str>,
    },
    /// `settings.x` that is no setting readable in conditions.
    UnknownSetting {
        /// The path.
        at: Span,
        /// As written.
        path: String,
        /// The nearest setting name.
        nearest: Option<&'static str>,
    },
    /// A path that names no field of the order.
    UnknownField {
        /// The path, or its first segment when that is what is wrong.
        at: Span,
        /// As written.
        path: String,
        /// Why, and so the fix.
        why: UnknownPath,
    },
    /// A call of a function the language does not have.
    UnknownFunction {
        /// The name.
        at: Span,
        /// As written.
        name: String,
        /// The nearest function.
        nearest: Option<&'static str>,
    },
    /// A call with the wrong number of arguments.
    Arity {
        /// The call.
        at: Span,
        /// The function.
        name: String,
        /// How many it takes.
        takes: usize,
        /// How many were given.
        found: usize,
    },
    /// `age`/`until` of something that is not a timestamp.
    NotTimestamp {
        /// The argument.
        at: Span,
        /// The function.
        name: String,
        /// The argument's path, when it is one.
        path: Option<String>,
        /// What it is.
        found: Ty,
    },
    /// `any`/`all`/`count` over something that is not `items`.
    NotItems {
        /// The argument.
        at: Span,
        /// The function.
        name: String,
        /// What it is.
        found: Ty,
    },
    /// An item function inside another.
    NestedItemFunction {
        /// The inner function's name.
        at: Span,
        /// Its name.
        name: String,
    },
    /// `is_set` of something that is not a field.
    IsSetNotField(Span),
    /// `age(...)`/`until(...)` compared with something other than a duration.
    RelWithoutDuration(Span),
    /// `age(...) == null`.
    RelNull(Span),
    /// `x < null`.
    NullOrdered {
        /// The comparison.
        at: Span,
        /// Its operator.
        op: CmpOp,
    },
    /// An enum field compared with a free-text field.
    EnumWithText(Span),
    /// `payment.state < 'failed'`.
    EnumOrdered {
        /// The comparison.
        at: Span,
        /// Its operator.
        op: CmpOp,
    },
    /// A value an enum field never has.
    UnknownEnumValue {
        /// The value.
        at: Span,
        /// The field's enum.
        ty: EnumTy,
        /// The value as written.
        value: String,
        /// The field, when the other side is a path.
        field: Option<String>,
    },
    /// Values of kinds that do not compare, or do not order.
    Mismatch {
        /// The comparison.
        at: Span,
        /// Its operator.
        op: CmpOp,
        /// The left side's type.
        left: Ty,
        /// The right side's type.
        right: Ty,
    },
    /// An `in [...]` item of another kind than the tested value.
    ListItem {
        /// The item.
        at: Span,
        /// The tested value's type.
        left: Ty,
        /// The item's type.
        item: Ty,
    },
    /// `in` on a value it cannot test.
    InCannotTest {
        /// The tested value.
        at: Span,
        /// Its type.
        ty: Ty,
    },
}

/// What the checker warns of; the condition still compiles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckWarning {
    /// A failure code no processor sends, near one that they do.
    UnknownFailureCode {
        /// The literal.
        at: Span,
        /// As written.
        code: String,
        /// The known code it is nearest to.
        nearest: &'static str,
    },
}

impl ExprProblem for CheckWarning {
    fn span(&self) -> Span {
        match self {
            CheckWarning::UnknownFailureCode { at, .. } => *at,
        }
    }

    fn message(&self) -> String {
        match self {
            CheckWarning::UnknownFailureCode { code, .. } => {
                format!("'{}' is not a known failure code", truncate(code))
            }
        }
    }

    fn help(&self) -> Option<String> {
        match self {
            CheckWarning::UnknownFailureCode { nearest, .. } => {
                Some(crate::suggest::did_you_mean(nearest))
            }
        }
    }
}

impl ExprProblem for CheckError {
    fn span(&self) -> Span {
        use CheckError as E;
        match self {
            E::WrongResult { at, .. }
            | E::NotBool { at, .. }
            | E::ItemOutside { at, .. }
            | E::UnknownItemField { at, .. }
            | E::UnknownSetting { at, .. }
            | E::UnknownField { at, .. }
            | E::UnknownFunction { at, .. }
            | E::Arity { at, .. }
            | E::NotTimestamp { at, .. }
            | E::NotItems { at, .. }
            | E::NestedItemFunction { at, .. }
            | E::IsSetNotField(at)
            | E::RelWithoutDuration(at)
            | E::RelNull(at)
            | E::NullOrdered { at, .. }
            | E::EnumWithText(at)
            | E::EnumOrdered { at, .. }
            | E::UnknownEnumValue { at, .. }
            | E::Mismatch { at, .. }
            | E::ListItem { at, .. }
            | E::InCannotTest { at, .. } => *at,
        }
    }

    fn message(&self) -> String {
        use CheckError as E;
        match self {
            E::WrongResult { want, found, .. } if *want == Ty::Bool => format!(
                "the condition must be true or false, but this is {}",
                found.describe()
            ),
            E::WrongResult { found, .. } => {
                format!("expected a timestamp, found {}", found.describe())
            }
            E::NotBool { place, found, .. } => {
                let place = match place {
                    BoolPlace::Not => "'!'".to_string(),
                    BoolPlace::And => "'&&'".to_string(),
                    BoolPlace::Or => "'||'".to_string(),
                    BoolPlace::ItemCondition(f) => format!("the condition of '{f}'"),
                };
                format!(
                    "{place} needs true or false, but this is {}",
                    found.describe()
                )
            }
            E::ItemOutside { path, .. } => {
                format!("'{path}' is only available inside 'any', 'all' or 'count'")
            }
            E::UnknownItemField { path, .. } => format!("unknown field '{path}'"),
            E::UnknownSetting { path, .. } => format!("unknown setting '{path}'"),
            E::UnknownField { path, why, .. } => match why {
                UnknownPath::ItemsList { .. } => {
                    format!("unknown field '{path}': 'items' is a list")
                }
                UnknownPath::Nearest {
                    no_object: Some(first),
                    ..
                } => format!("unknown field '{path}': the order has no '{first}'"),
                _ => format!("unknown field '{path}'"),
            },
            E::UnknownFunction { name, .. } => format!("unknown function '{name}'"),
            E::Arity {
                name, takes, found, ..
            } => format!(
                "'{name}' takes {takes} argument{}, found {found}",
                if *takes == 1 { "" } else { "s" }
            ),
            E::NotTimestamp {
                name, path, found, ..
            } => {
                let what = path
                    .as_ref()
                    .map_or_else(|| "this".to_string(), |p| format!("'{p}'"));
                format!(
                    "'{name}' expects a timestamp, but {what} is {}",
                    found.describe()
                )
            }
            E::NotItems { name, found, .. } => {
                format!(
                    "'{name}' works on 'items', but this is {}",
                    found.describe()
                )
            }
            E::NestedItemFunction { name, .. } => {
                format!("'{name}' cannot be used inside another item function")
            }
            E::IsSetNotField(_) => {
                "'is_set' expects a field, like 'is_set(shipment.tracking_url)'".into()
            }
            E::RelWithoutDuration(_) => {
                "'age(...)' and 'until(...)' must be compared with a duration".into()
            }
            E::RelNull(_) => "'age'/'until' is never null; test the timestamp instead".into(),
            E::NullOrdered { op, .. } => format!("'{}' cannot compare with null", op.as_str()),
            E::EnumWithText(_) => "cannot compare an enum field with a free-text field".into(),
            E::EnumOrdered { op, .. } => format!("'{}' cannot order enum values", op.as_str()),
            E::UnknownEnumValue { value, field, .. } => {
                let field = field
                    .as_ref()
                    .map_or(String::new(), |p| format!(" for '{p}'"));
                format!("unknown value '{}'{field}", truncate(value))
            }
            E::Mismatch {
                op, left, right, ..
            } => mismatch(*op, *left, *right),
            E::ListItem { left, item, .. } => {
                format!(
                    "cannot compare {} with {}",
                    left.describe(),
                    item.describe()
                )
            }
            E::InCannotTest { ty, .. } => format!("'in' cannot test {}", ty.describe()),
        }
    }

    fn help(&self) -> Option<String> {
        use CheckError as E;
        Some(match self {
            E::WrongResult { want, .. } if *want == Ty::Bool => {
                "compare it with something, e.g. \"status == 'unconfirmed'\"".into()
            }
            E::WrongResult { .. } => "use a field such as 'expected.auto_cancel_at'".into(),
            E::ItemOutside { .. } => "e.g. 'any(items, !item.in_stock)'".into(),
            E::UnknownItemField { nearest, .. } => did_you_mean(*nearest, &names(ITEM_FIELDS)),
            E::UnknownSetting { nearest, .. } => match nearest {
                Some(n) => format!("did you mean 'settings.{n}'?"),
                None => format!(
                    "settings usable in conditions: {}",
                    Settings::EXPR_NAMES.join(", ")
                ),
            },
            E::UnknownField { path, why, .. } => match why {
                UnknownPath::Function => format!("'{path}' is a function: write '{path}(...)'"),
                UnknownPath::Value => format!("to compare with the value, quote it: '{path}'"),
                UnknownPath::ItemsList { field } => {
                    format!("test its items with any/all/count, e.g. 'any(items, item.{field})'")
                }
                UnknownPath::Nearest {
                    nearest, in_item, ..
                } => {
                    let mut all = names(ORDER_FIELDS);
                    if *in_item {
                        all.extend(names(ITEM_FIELDS));
                    }
                    did_you_mean(*nearest, &all)
                }
            },
            E::UnknownFunction { nearest, .. } => {
                let all: Vec<&str> = FUNCTIONS.iter().map(|(f, _)| *f).collect();
                did_you_mean(*nearest, &all)
            }
            E::Arity { name, .. } => {
                let sig = FUNCTIONS.iter().find(|(f, _)| f == name).map(|(_, s)| *s)?;
                format!("usage: {sig}")
            }
            E::NotTimestamp { .. } => {
                "pass a timestamp field such as 'created_at' or 'payment.updated_at'".into()
            }
            E::NotItems { name, .. } => format!("e.g. '{name}(items, !item.in_stock)'"),
            E::RelWithoutDuration(_) => {
                "e.g. 'age(created_at) >= 30m' or '>= settings.auto_cancel_unpaid_after'".into()
            }
            E::NullOrdered { .. } => "use '== null' or '!= null'".into(),
            E::EnumOrdered { .. } => "use '==', '!=' or 'in [...]'".into(),
            E::UnknownEnumValue { ty, value, .. } => {
                let values = ty.values();
                let nearest = crate::suggest::nearest(value, values.iter().copied());
                did_you_mean(nearest, values)
            }
            E::Mismatch { left, right, .. } => match (left, right) {
                (Ty::Ts, Ty::Dur) | (Ty::Dur, Ty::Ts) => {
                    "measure time with 'age(ts)' or 'until(ts)', e.g. 'age(created_at) > 30m'"
                        .into()
                }
                (Ty::Int, Ty::Str) | (Ty::Str, Ty::Int) => {
                    "quote text, leave numbers unquoted".into()
                }
                _ => return None,
            },
            E::NotBool { .. }
            | E::NestedItemFunction { .. }
            | E::IsSetNotField(_)
            | E::RelNull(_)
            | E::EnumWithText(_)
            | E::ListItem { .. }
            | E::InCannotTest { .. } => return None,
        })
    }
}

/// The names of a field table.
fn names<F>(table: &[(&'static str, Ty, F)]) -> Vec<&'static str> {
    table.iter().map(|(p, _, _)| *p).collect()
}

/// "cannot compare X with Y", or for an order of one kind that does not
/// order, "'<' cannot order timestamps".
fn mismatch(op: CmpOp, lt: Ty, rt: Ty) -> String {
    let ordered = !matches!(op, CmpOp::Eq | CmpOp::Ne);
    if ordered && lt == rt {
        // "a timestamp" -> "timestamps" (strip_prefix: no substring-search
        // code in the wasm build).
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
    }
}

/// "did you mean 'x'?" for the nearest name; without one, the names
/// themselves when there are few, or where to find them.
fn did_you_mean(best: Option<&str>, all: &[&str]) -> String {
    match best {
        Some(b) => crate::suggest::did_you_mean(b),
        None if all.len() <= 10 => format!("expected one of {}", crate::order::list(all)),
        None => "see the list of fields in the documentation".into(),
    }
}
