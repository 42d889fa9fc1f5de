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
