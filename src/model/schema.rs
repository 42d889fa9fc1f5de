//! The names a condition may use: order fields, item fields, computed dates
//! and settings, with their types (SPEC §2.1).

use crate::decline::DeclineGroup;
use crate::order::{
    CancelBy, CancelReason, CancelState, DisputeKind, DisputeState, PaymentMethod, PaymentState,
    Status,
};

/// An enumeration of the order schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnumTy {
    /// `status`
    Status,
    /// `payment.method`, `refund.method`
    PaymentMethod,
    /// `payment.state`
    PaymentState,
    /// `cancellation.by`
    CancelBy,
    /// `cancellation.reason`
    CancelReason,
    /// `cancellation.state`
    CancelState,
    /// `dispute.kind`
    DisputeKind,
    /// `dispute.state`
    DisputeState,
    /// `payment.decline_group`
    DeclineGroup,
}

impl EnumTy {
    /// The valid values.
    pub fn values(self) -> &'static [&'static str] {
        match self {
            EnumTy::Status => Status::ALL,
            EnumTy::PaymentMethod => PaymentMethod::ALL,
            EnumTy::PaymentState => PaymentState::ALL,
            EnumTy::CancelBy => CancelBy::ALL,
            EnumTy::CancelReason => CancelReason::ALL,
            EnumTy::CancelState => CancelState::ALL,
            EnumTy::DisputeKind => DisputeKind::ALL,
            EnumTy::DisputeState => DisputeState::ALL,
            EnumTy::DeclineGroup => DeclineGroup::ALL,
        }
    }
}

/// The static type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `true` / `false`
    Bool,
    /// An integer.
    Int,
    /// Free text.
    Str,
    /// One of a fixed set of strings.
    Enum(EnumTy),
    /// An instant.
    Ts,
    /// A duration.
    Dur,
    /// A duration measured from now: `age(ts)`, `until(ts)`.
    RelDur,
    /// The item list.
    Items,
    /// An object (`payment`, `shipment`, …): only `is_set` and `== null`.
    Object,
    /// The `null` literal.
    Null,
    /// Already reported; silences follow-up errors.
    Error,
}

impl Ty {
    /// How the type reads in an error message.
    pub fn describe(self) -> &'static str {
        match self {
            Ty::Bool => "a boolean",
            Ty::Int => "an integer",
            Ty::Str => "a string",
            Ty::Enum(_) => "an enum value",
            Ty::Ts => "a timestamp",
            Ty::Dur => "a duration",
            Ty::RelDur => "a duration from now",
            Ty::Items => "the item list",
            Ty::Object => "an object",
            Ty::Null => "null",
            Ty::Error => "an invalid value",
        }
    }
}

/// A field of the order document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Field {
    Id,
    Status,
    CreatedAt,
    Currency,
    Total,
    Payment,
    PaymentMethod,
    PaymentState,
    PaymentFailureCode,
    PaymentAttempts,
    PaymentUpdatedAt,
    Items,
    Shipment,
    ShipmentCarrier,
    ShipmentTrackingNumber,
    ShipmentTrackingUrl,
    ShipmentShippedAt,
    ShipmentExpectedAt,
    ShipmentDeliveredAt,
    BuyerConfirmedAt,
    Cancellation,
    CancellationRequestedAt,
    CancellationBy,
    CancellationReason,
    CancellationState,
    Refund,
    RefundAmount,
    RefundRequestedAt,
    RefundApprovedAt,
    RefundIssuedAt,
    RefundCompletedAt,
    RefundMethod,
    Dispute,
    DisputeOpenedAt,
    DisputeKind,
    DisputeState,
    PaymentDeclineCode,
    PaymentAdviceCode,
    /// The retry group of the payment's decline (computed, SPEC §2.3).
    PaymentDeclineGroup,
    /// `item.*` inside `any`, `all`, `count`.
    Item(ItemField),
    /// `expected.*`: dates orderlens computes from the order and settings.
    Expected(ExpectedField),
}

/// A field of a line item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum ItemField {
    Sku,
    Name,
    Qty,
    InStock,
    RestockAt,
}

/// A computed date. Each is `null` when what it is computed from is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExpectedField {
    /// `created_at + auto_cancel_unpaid_after`.
    AutoCancelAt,
    /// `payment.updated_at` (else `created_at`) `+ payment_processing_grace`.
    PaymentGraceEnd,
    /// `payment.updated_at` (else `created_at`) `+ merchant_confirm_sla`.
    MerchantConfirmBy,
    /// `shipment.expected_at`, else `shipment.shipped_at + delivery_late_after`.
    DeliveryBy,
    /// `shipment.delivered_at + auto_confirm_receipt_after`.
    AutoConfirmAt,
    /// When every item that is out of stock is back: the latest `restock_at`
    /// of those items, or null when one of them has none.
    RestockAt,
    /// When the refund was (or counts as) requested.
    RefundRequestedAt,
    /// When the refund is (or was) approved, or expected to be.
    RefundApprovedBy,
    /// When the refund is (or was) sent, or expected to be.
    RefundIssuedBy,
    /// Earliest expected arrival of the refund.
    RefundArrivalFrom,
    /// Latest expected arrival of the refund: past it, the refund is overdue.
    RefundArrivalBy,
    /// `dispute.opened_at + dispute_response_within`: when the shop's answer
    /// to an open dispute is due.
    DisputeResponseBy,
}

/// The fields' numbers in compiled rules: a field's number is its place in
/// this list (item fields: 1000 + their place in [`ITEMS_BY_ID`]). Append
/// only: the order of [`ORDER_FIELDS`] (checking, suggestions) may change
/// freely, these numbers never do; changing one is a new `FORMAT`.
pub const FIELDS_BY_ID: &[Field] = &[
    Field::Id,
    Field::Status,
    Field::CreatedAt,
    Field::Currency,
    Field::Total,
    Field::Payment,
    Field::PaymentMethod,
    Field::PaymentState,
    Field::PaymentFailureCode,
    Field::PaymentAttempts,
    Field::PaymentUpdatedAt,
    Field::Items,
    Field::Shipment,
    Field::ShipmentCarrier,
    Field::ShipmentTrackingNumber,
    Field::ShipmentTrackingUrl,
    Field::ShipmentShippedAt,
    Field::ShipmentExpectedAt,
    Field::ShipmentDeliveredAt,
    Field::BuyerConfirmedAt,
    Field::Cancellation,
    Field::CancellationRequestedAt,
    Field::CancellationBy,
    Field::CancellationReason,
    Field::CancellationState,
    Field::Refund,
    Field::RefundAmount,
    Field::RefundRequestedAt,
    Field::RefundApprovedAt,
    Field::RefundIssuedAt,
    Field::RefundCompletedAt,
    Field::RefundMethod,
    Field::Dispute,
    Field::DisputeOpenedAt,
    Field::DisputeKind,
    Field::DisputeState,
    Field::Expected(ExpectedField::AutoCancelAt),
    Field::Expected(ExpectedField::PaymentGraceEnd),
    Field::Expected(ExpectedField::MerchantConfirmBy),
    Field::Expected(ExpectedField::DeliveryBy),
    Field::Expected(ExpectedField::AutoConfirmAt),
    Field::Expected(ExpectedField::RestockAt),
    Field::Expected(ExpectedField::RefundRequestedAt),
    Field::Expected(ExpectedField::RefundApprovedBy),
    Field::Expected(ExpectedField::RefundIssuedBy),
    Field::Expected(ExpectedField::RefundArrivalFrom),
    Field::Expected(ExpectedField::RefundArrivalBy),
    Field::PaymentDeclineCode,
    Field::PaymentAdviceCode,
    Field::PaymentDeclineGroup,
    Field::Expected(ExpectedField::DisputeResponseBy),
];

/// The item fields' numbers in compiled rules (1000 + place), like
/// [`FIELDS_BY_ID`].
pub const ITEMS_BY_ID: &[ItemField] = &[
    ItemField::Sku,
    ItemField::Name,
    ItemField::Qty,
    ItemField::InStock,
    ItemField::RestockAt,
];

impl Field {
    /// The field's number in compiled rules ([`FIELDS_BY_ID`]).
    pub fn id(self) -> Option<u64> {
        match self {
            Field::Item(i) => ITEMS_BY_ID
                .iter()
                .position(|x| *x == i)
                .map(|n| n as u64 + 1000),
            f => FIELDS_BY_ID.iter().position(|x| *x == f).map(|n| n as u64),
        }
    }

    /// The field with this number, if any ([`Field::id`]).
    pub fn from_id(id: u64) -> Option<Field> {
        let at = |n: u64| usize::try_from(n).ok();
        match id.checked_sub(1000) {
            Some(n) => at(n)
                .and_then(|n| ITEMS_BY_ID.get(n))
                .map(|i| Field::Item(*i)),
            None => at(id).and_then(|n| FIELDS_BY_ID.get(n)).copied(),
        }
    }
}

/// Every order path with its type and field, for checking and suggestions.
pub const ORDER_FIELDS: &[(&str, Ty, Field)] = &[
    ("id", Ty::Str, Field::Id),
    ("status", Ty::Enum(EnumTy::Status), Field::Status),
    ("created_at", Ty::Ts, Field::CreatedAt),
    ("currency", Ty::Str, Field::Currency),
    ("total", Ty::Int, Field::Total),
    ("payment", Ty::Object, Field::Payment),
    (
        "payment.method",
        Ty::Enum(EnumTy::PaymentMethod),
        Field::PaymentMethod,
    ),
    (
        "payment.state",
        Ty::Enum(EnumTy::PaymentState),
        Field::PaymentState,
    ),
    ("payment.failure_code", Ty::Str, Field::PaymentFailureCode),
    ("payment.attempts", Ty::Int, Field::PaymentAttempts),
    ("payment.updated_at", Ty::Ts, Field::PaymentUpdatedAt),
    ("items", Ty::Items, Field::Items),
    ("shipment", Ty::Object, Field::Shipment),
    ("shipment.carrier", Ty::Str, Field::ShipmentCarrier),
    (
        "shipment.tracking_number",
        Ty::Str,
        Field::ShipmentTrackingNumber,
    ),
    ("shipment.tracking_url", Ty::Str, Field::ShipmentTrackingUrl),
    ("shipment.shipped_at", Ty::Ts, Field::ShipmentShippedAt),
    ("shipment.expected_at", Ty::Ts, Field::ShipmentExpectedAt),
    ("shipment.delivered_at", Ty::Ts, Field::ShipmentDeliveredAt),
    ("buyer_confirmed_at", Ty::Ts, Field::BuyerConfirmedAt),
    ("cancellation", Ty::Object, Field::Cancellation),
    (
        "cancellation.requested_at",
        Ty::Ts,
        Field::CancellationRequestedAt,
    ),
    (
        "cancellation.by",
        Ty::Enum(EnumTy::CancelBy),
        Field::CancellationBy,
    ),
    (
        "cancellation.reason",
        Ty::Enum(EnumTy::CancelReason),
        Field::CancellationReason,
    ),
    (
        "cancellation.state",
        Ty::Enum(EnumTy::CancelState),
        Field::CancellationState,
    ),
    ("refund", Ty::Object, Field::Refund),
    ("refund.amount", Ty::Int, Field::RefundAmount),
    ("refund.requested_at", Ty::Ts, Field::RefundRequestedAt),
    ("refund.approved_at", Ty::Ts, Field::RefundApprovedAt),
    ("refund.issued_at", Ty::Ts, Field::RefundIssuedAt),
    ("refund.completed_at", Ty::Ts, Field::RefundCompletedAt),
    (
        "refund.method",
        Ty::Enum(EnumTy::PaymentMethod),
        Field::RefundMethod,
    ),
    ("dispute", Ty::Object, Field::Dispute),
    ("dispute.opened_at", Ty::Ts, Field::DisputeOpenedAt),
    (
        "dispute.kind",
        Ty::Enum(EnumTy::DisputeKind),
        Field::DisputeKind,
    ),
    (
        "dispute.state",
        Ty::Enum(EnumTy::DisputeState),
        Field::DisputeState,
    ),
    (
        "expected.auto_cancel_at",
        Ty::Ts,
        Field::Expected(ExpectedField::AutoCancelAt),
    ),
    (
        "expected.payment_grace_end",
        Ty::Ts,
        Field::Expected(ExpectedField::PaymentGraceEnd),
    ),
    (
        "expected.merchant_confirm_by",
        Ty::Ts,
        Field::Expected(ExpectedField::MerchantConfirmBy),
    ),
    (
        "expected.delivery_by",
        Ty::Ts,
        Field::Expected(ExpectedField::DeliveryBy),
    ),
    (
        "expected.auto_confirm_at",
        Ty::Ts,
        Field::Expected(ExpectedField::AutoConfirmAt),
    ),
    (
        "expected.restock_at",
        Ty::Ts,
        Field::Expected(ExpectedField::RestockAt),
    ),
    (
        "expected.refund_requested_at",
        Ty::Ts,
        Field::Expected(ExpectedField::RefundRequestedAt),
    ),
    (
        "expected.refund_approved_by",
        Ty::Ts,
        Field::Expected(ExpectedField::RefundApprovedBy),
    ),
    (
        "expected.refund_issued_by",
        Ty::Ts,
        Field::Expected(ExpectedField::RefundIssuedBy),
    ),
    (
        "expected.refund_arrival_from",
        Ty::Ts,
        Field::Expected(ExpectedField::RefundArrivalFrom),
    ),
    (
        "expected.refund_arrival_by",
        Ty::Ts,
        Field::Expected(ExpectedField::RefundArrivalBy),
    ),
    // Appended, so that compiled bytes keep their field numbers.
    ("payment.decline_code", Ty::Str, Field::PaymentDeclineCode),
    ("payment.advice_code", Ty::Str, Field::PaymentAdviceCode),
    (
        "payment.decline_group",
        Ty::Enum(EnumTy::DeclineGroup),
        Field::PaymentDeclineGroup,
    ),
    (
        "expected.dispute_response_by",
        Ty::Ts,
        Field::Expected(ExpectedField::DisputeResponseBy),
    ),
];

/// Fields of `item` inside `any`, `all` and `count`.
pub const ITEM_FIELDS: &[(&str, Ty, ItemField)] = &[
    ("item.sku", Ty::Str, ItemField::Sku),
    ("item.name", Ty::Str, ItemField::Name),
    ("item.qty", Ty::Int, ItemField::Qty),
    ("item.in_stock", Ty::Bool, ItemField::InStock),
    ("item.restock_at", Ty::Ts, ItemField::RestockAt),
];

/// The built-in functions, with a one-line signature for help texts.
pub const FUNCTIONS: &[(&str, &str)] = &[
    ("age", "age(timestamp) -> duration since then"),
    ("until", "until(timestamp) -> duration until then"),
    ("any", "any(items, condition on item) -> boolean"),
    ("all", "all(items, condition on item) -> boolean"),
    ("count", "count(items, condition on item) -> integer"),
    ("is_set", "is_set(path) -> boolean"),
];

/// The path a field is written as.
pub fn field_path(f: Field) -> &'static str {
    if let Field::Item(i) = f {
        return ITEM_FIELDS
            .iter()
            .find(|(_, _, x)| *x == i)
            .map_or("item", |(p, _, _)| p);
    }
    ORDER_FIELDS
        .iter()
        .find(|(_, _, x)| *x == f)
        .map_or("?", |(p, _, _)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ids_are_unique_and_read_back() {
        let all: Vec<Field> = ORDER_FIELDS
            .iter()
            .map(|(_, _, f)| *f)
            .chain(ITEM_FIELDS.iter().map(|(_, _, f)| Field::Item(*f)))
            .collect();
        for f in &all {
            let id = f.id().expect("every field has a number");
            assert_eq!(Field::from_id(id), Some(*f), "{f:?}");
            assert_eq!(
                all.iter().filter(|g| g.id() == Some(id)).count(),
                1,
                "{f:?}"
            );
        }
        assert_eq!(FIELDS_BY_ID.len() + ITEMS_BY_ID.len(), all.len());
        assert_eq!(Field::from_id(999), None);
        assert_eq!(Field::from_id(u64::MAX), None);
    }
}
