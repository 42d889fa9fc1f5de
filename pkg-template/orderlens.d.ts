// Types of the npm package `orderlens` (hand-written; wasm-bindgen's generated
// declarations are not shipped). This file is the browser entry's ("orderlens"
// in a browser or bundler). scripts/build-pkg.sh derives the others from it:
// everything above the `@dom-only` line is the engine (`orderlens/bundler`,
// `orderlens/web` with `init()`); the engine plus node-widget.d.ts is the
// server entries' (Node `import` and `require`, Deno, Workers), which need no
// DOM types.
//
// Orders, rules documents and diagnoses use `snake_case` keys like the JSON
// they mirror; options are `camelCase`.
//
// The widget (`mount`, `<order-lens>`) exists in browsers only; on servers
// `mount` throws.

// ---------------------------------------------------------------------------
// The order document (SPEC §1)

/** RFC 3339 timestamp with an offset, e.g. `"2026-11-21T09:58:00+08:00"`. */
export type Timestamp = string;

export type OrderStatus =
  | "pending_payment"
  | "unconfirmed"
  | "confirmed"
  | "shipped"
  | "delivered"
  | "completed"
  | "cancelled"
  | "refunded";

export type PaymentMethod = "card" | "wallet" | "bank_transfer" | "cash_on_delivery" | "bnpl" | "other";

export type PaymentState =
  | "none"
  | "pending"
  | "processing"
  | "requires_action"
  | "failed"
  | "succeeded"
  | "refunded"
  | "partially_refunded";

/** Known failure codes; any other string is allowed and falls into a generic reason. */
export type FailureCode =
  | "card_declined"
  | "insufficient_funds"
  | "expired_card"
  | "incorrect_cvc"
  | "incorrect_number"
  | "processing_error"
  | "authentication_required"
  | "do_not_honor"
  | "fraud_suspected"
  | (string & {});

/**
 * The issuer's reason behind a generic `card_declined` (Stripe's
 * `decline_code`). Every card decline code Stripe documents is understood and
 * grouped by the card networks' retry rules; any other string is allowed.
 */
export type DeclineCode =
  | "approve_with_id"
  | "authentication_not_handled"
  | "authentication_required"
  | "call_issuer"
  | "card_not_supported"
  | "card_velocity_exceeded"
  | "currency_not_supported"
  | "do_not_honor"
  | "do_not_try_again"
  | "duplicate_transaction"
  | "expired_card"
  | "fraudulent"
  | "generic_decline"
  | "incorrect_address"
  | "incorrect_cvc"
  | "incorrect_number"
  | "incorrect_pin"
  | "incorrect_zip"
  | "insufficient_funds"
  | "invalid_account"
  | "invalid_amount"
  | "invalid_cvc"
  | "invalid_expiry_month"
  | "invalid_expiry_year"
  | "invalid_number"
  | "invalid_pin"
  | "issuer_not_available"
  | "lost_card"
  | "merchant_blacklist"
  | "mobile_device_authentication_required"
  | "new_account_information_available"
  | "no_action_taken"
  | "not_permitted"
  | "offline_pin_required"
  | "online_or_offline_pin_required"
  | "pickup_card"
  | "pin_try_exceeded"
  | "processing_error"
  | "reenter_transaction"
  | "restricted_card"
  | "revocation_of_all_authorizations"
  | "revocation_of_authorization"
  | "security_violation"
  | "service_not_allowed"
  | "stolen_card"
  | "stop_payment_order"
  | "testmode_decline"
  | "transaction_not_allowed"
  | "try_again_later"
  | "withdrawal_count_limit_exceeded"
  | (string & {});

/** The processor's retry advice (Stripe's `advice_code`, Mastercard's Merchant Advice Code). */
export type AdviceCode = "try_again_later" | "do_not_try_again" | "confirm_card_data" | (string & {});

export interface Payment {
  /** Default `other`. */
  method?: PaymentMethod;
  state: PaymentState;
  failure_code?: FailureCode | null;
  decline_code?: DeclineCode | null;
  advice_code?: AdviceCode | null;
  attempts?: number;
  updated_at?: Timestamp | null;
}

export interface Item {
  sku?: string;
  name?: string;
  qty?: number;
  in_stock?: boolean;
  restock_at?: Timestamp | null;
}

export interface Shipment {
  carrier?: string | null;
  tracking_number?: string | null;
  tracking_url?: string | null;
  shipped_at?: Timestamp | null;
  expected_at?: Timestamp | null;
  delivered_at?: Timestamp | null;
}

export type CancelledBy = "buyer" | "seller" | "system";
export type CancelReason =
  | "buyer_changed_mind"
  | "input_error"
  | "out_of_stock"
  | "price_changed"
  | "cannot_fulfill"
  | "unpaid_timeout"
  | "other";
export type CancelState = "requested" | "approved" | "rejected";

export interface Cancellation {
  requested_at?: Timestamp | null;
  by?: CancelledBy;
  reason?: CancelReason;
  state?: CancelState;
}

export interface Refund {
  /** Minor units of the order's currency. */
  amount?: number;
  requested_at?: Timestamp | null;
  approved_at?: Timestamp | null;
  issued_at?: Timestamp | null;
  completed_at?: Timestamp | null;
  /** Defaults to `payment.method`. */
  method?: PaymentMethod | null;
}

export type DisputeKind = "not_received" | "not_as_described" | "damaged" | "other";
export type DisputeState = "open" | "awaiting_seller" | "awaiting_buyer" | "escalated" | "resolved";

export interface Dispute {
  opened_at?: Timestamp | null;
  kind?: DisputeKind;
  state?: DisputeState;
}

/** One order, as the commerce backend produces it. Unknown keys are ignored. */
export interface Order {
  /** A string, or an integer (read as its decimal text). */
  id: string | number;
  status: OrderStatus;
  created_at: Timestamp;
  /** ISO 4217 code, e.g. `"CNY"`. */
  currency?: string;
  /** Minor units (`12900` = ¥129.00). */
  total?: number;
  payment?: Payment | null;
  items?: Item[];
  shipment?: Shipment | null;
  buyer_confirmed_at?: Timestamp | null;
  cancellation?: Cancellation | null;
  refund?: Refund | null;
  dispute?: Dispute | null;
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------
// The rules document (SPEC §2)

/** `30m`, `2h`, `10d` (wall clock) or `5bd` (business days). */
export type Duration = string;
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
/** `YYYY-MM-DD`. */
export type DateString = string;

export type Severity = "info" | "warning" | "action_required";

export type ActionKind =
  | "retry_payment"
  | "update_payment_method"
  | "cancel_order"
  | "contact_support"
  | "confirm_receipt"
  | "open_dispute"
  | "track_shipment"
  | "choose_alternative"
  | "wait"
  /** A link to `settings.reorder_url`, after an auto-cancel. */
  | "reorder"
  // The seller's actions (the merchant's view, SPEC §3.3); `contact_support`
  // and `track_shipment` appear in both views.
  | "confirm_order"
  | "check_stock"
  | "contact_buyer"
  | "remind_buyer"
  | "respond_to_dispute"
  /** With a confirmation step that states the amount. */
  | "issue_refund"
  | "contact_payment_provider"
  | "contact_platform";

/** Whose view a diagnosis is (SPEC §3.3): the customer's, or the shop's back office. */
export type Audience = "buyer" | "merchant";

export interface Settings {
  /** IANA name; default `UTC`. */
  timezone?: string;
  weekend?: Weekday[];
  holidays?: DateString[];
  /** Weekend dates that are worked. */
  extra_business_days?: DateString[];
  auto_cancel_unpaid_after?: Duration;
  payment_processing_grace?: Duration;
  merchant_confirm_sla?: Duration;
  auto_confirm_receipt_after?: Duration;
  delivery_late_after?: Duration;
  /** The merchant answers an open dispute within this of `dispute.opened_at` (default `48h`): the `dispute_response` deadline. */
  dispute_response_within?: Duration;
  /** `https:` or `http:` only. */
  support_url?: string | null;
  /** Where `reorder` leads (`https:` or `http:` only): a page to order again. */
  reorder_url?: string | null;
  cancel_allowed_until?: OrderStatus;
  max_payment_attempts?: number;
}

export interface RefundWindow {
  review?: Duration;
  /** Earliest and latest arrival after the refund is issued. */
  arrive?: [Duration, Duration];
}

export interface DeadlineSpec {
  kind: string;
  /** A timestamp path such as `expected.auto_cancel_at`. */
  at: string;
}

export interface RuleSpec {
  id: string;
  /** A condition in the orderlens condition language (SPEC §2.1). */
  when?: string;
  reason?: string;
  severity?: Severity;
  priority?: number;
  actions?: ActionKind[];
  disabled?: boolean;
  /** Show as the generic `payment_declined` and hide the failure code (in the buyer's view; the merchant's names it, marked `confidential`). */
  mask?: boolean;
  /** Whose view the rule speaks to (default `"buyer"`); a merchant rule's texts are the `merchant.*` messages. */
  audience?: Audience | "both";
  deadlines?: DeadlineSpec[];
  wait_until?: string | null;
  description?: string;
}

/** Message key → text, per locale tag (`en`, `zh-CN`, `ru`, or a new locale). */
export type Messages = { [locale: string]: { [key: string]: string } };

/** A merchant's rules document, layered over the built-in rules. Every key is optional. */
export interface RulesDocument {
  version?: 1;
  settings?: Settings;
  refund_windows?: Partial<Record<PaymentMethod, RefundWindow>>;
  rules?: RuleSpec[];
  messages?: Messages;
}

/**
 * Compiled rules: what `orderlens compile RULES.json --out rules.olr` writes
 * and `CompiledRules#toBytes()` returns; the only rules `orderlens/runtime`
 * (the browser build without the compiler) loads.
 */
export type CompiledRulesBytes = Uint8Array | ArrayBuffer;

/** A rules document as an object or as JSON text, or compiled rules; absent = the built-in rules. */
export type RulesInput = RulesDocument | string | CompiledRulesBytes | null | undefined;
/** An order as an object or as JSON text. */
export type OrderInput = Order | string;

// ---------------------------------------------------------------------------
// The diagnosis (SPEC §3)

export interface Reason {
  reason: string;
  rule: string;
  severity: Severity;
  title: string;
  body: string;
  /** Merchant's view only, and only when true: the text names what buyers are never told (a masked decline's cause). */
  confidential?: true;
}

export interface Confirm {
  title: string;
  body: string;
  confirm_label: string;
  cancel_label: string;
}

export interface Action {
  kind: ActionKind;
  label: string;
  primary: boolean;
  confirm: Confirm | null;
  url: string | null;
  /** For `wait`: until when. */
  until: Timestamp | null;
}

export interface Deadline {
  kind: "auto_cancel" | "auto_confirm" | (string & {});
  at: Timestamp;
  label: string;
}

export type TimelineStageName = "refund_requested" | "refund_approved" | "refund_issued" | "refund_arrived";
export type TimelineState = "done" | "current" | "upcoming" | "overdue";

export interface TimelineStage {
  stage: TimelineStageName;
  state: TimelineState;
  at: Timestamp | null;
  from: Timestamp | null;
  to: Timestamp | null;
  label: string;
  /** A second line: the date it happened, "Expected by …", the arrival window, or who is late; may be empty. */
  detail: string;
}

export interface Trace {
  rule: string;
  /** Field path → the value the rule read. */
  fields: { [path: string]: unknown };
}

/** What `explain` returns: plain text, already localized (SPEC §3). */
export interface Diagnosis {
  order_id: string;
  /** The negotiated locale: `en`, `zh-CN`, `ru` or a merchant's. */
  locale: string;
  now: Timestamp;
  headline: Reason;
  reasons: Reason[];
  actions: Action[];
  deadlines: Deadline[];
  timeline: TimelineStage[];
  /** When the diagnosis changes by itself; re-render then. */
  valid_until: Timestamp | null;
  trace: Trace[];
  /** `OL-…`; `orderlens decode CODE` turns it back into the reasons. */
  support_code: string;
  /**
   * What was changed while reading the order (a display text shortened, a
   * refund larger than the total cut to it), each at its field; present only
   * when there is any.
   */
  warnings?: { path: string; message: string }[];
}

/** One line of `sweep`: the order's reasons and the deadlines due at `now`. */
export interface SweepLine {
  id: string;
  reasons: string[];
  deadlines: { kind: string; at: Timestamp }[];
}

/**
 * One line of `sweep(orders, { audience: "merchant" })`, the seller's work
 * queue (SPEC §3.3, `orderlens sweep --audience merchant`): the reasons in
 * the seller's view, whether the order needs the seller now, the seller's
 * action kinds, the deadlines due at `now` and those still ahead.
 */
export interface MerchantSweepLine extends SweepLine {
  needs_seller: boolean;
  actions: string[];
  upcoming: { kind: string; at: Timestamp }[];
}

/**
 * The decision for one order without any text (`CompiledRules#evaluate`,
 * SPEC §4.1): the same reasons, action kinds and deadlines `explain` gives at
 * the same time.
 */
export interface Decision {
  order_id: string;
  /** Every matched rule's id, most important first; a masked rule as `"payment-declined"`. */
  rules: string[];
  /** Reasons, most important first (`"order_status"` when no rule matched). */
  reasons: string[];
  /** Action kinds, the primary one first. */
  actions: ActionKind[];
  /** Upcoming deadlines. */
  deadlines: { kind: string; at: Timestamp }[];
  /**
   * When the decision changes by itself as time passes, or null. `explain`'s
   * `valid_until` is the same instant, or earlier when only its wording changes.
   */
  valid_until: Timestamp | null;
}

/** Options of `evaluate`: the time and the view (no locale: there is no text). */
export interface EvaluateOptions {
  /** As in `ExplainOptions`. Default: now. */
  now?: number | Date | string;
  /** As in `ExplainOptions`. Default `"buyer"`. */
  audience?: Audience;
}

// ---------------------------------------------------------------------------
// Errors

/** One problem of a rules document. */
export interface Diagnostic {
  severity: "error" | "warning";
  /** The rule's id, when the problem is inside a rule. */
  rule: string | null;
  /** JSON path in the document: `rules[3].when`, `settings.timezone`. */
  path: string;
  /** 1-based line inside the expression (or the document, for JSON syntax errors). */
  line: number | null;
  /** 1-based column, in characters. */
  column: number | null;
  message: string;
  /** What to do, e.g. `did you mean 'payment.state'?`. */
  help: string | null;
  /** Length of the marked spot, in characters (at least 1). */
  width: number;
}

/** Thrown by `compileRules` (and `explain` with a bad rules document). */
export interface RulesError extends Error {
  name: "RulesError";
  /** Every problem: errors first, then warnings. */
  diagnostics: Diagnostic[];
}

/** One problem with one field of an order. */
export interface FieldError {
  /** e.g. `payment.state`, `items[2].qty`; empty for the whole document. */
  path: string;
  message: string;
  help: string | null;
}

/** Thrown by `explain` for an order that cannot be read. */
export interface OrderError extends Error {
  name: "OrderError";
  errors: FieldError[];
}

/** A bad order's place in `explainMany` / `sweep` results. */
export interface BatchError {
  error: { name: "OrderError"; message: string; errors: FieldError[] };
}

export interface CheckResult {
  /** No errors (warnings allowed). */
  ok: boolean;
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------
// Options and the API

export interface ExplainOptions {
  /** Evaluation time: milliseconds since the epoch, a Date or RFC 3339 text. Default: now. */
  now?: number | Date | string;
  /**
   * A language tag (`"zh-Hans-CN"`), an Accept-Language list
   * (`"ru-RU,ru;q=0.9,en;q=0.5"`) or a list such as `navigator.languages`.
   * Negotiated against the rules' locales; default `"en"`.
   */
  locale?: string | readonly string[];
  /**
   * The IANA time zone the texts show times in, e.g. the shopper's
   * (`Intl.DateTimeFormat().resolvedOptions().timeZone`). Default: the
   * shop's, `settings.timezone`. Deadlines are counted in the shop's
   * calendar either way. An unknown zone throws a `RangeError`.
   */
  timeZone?: string;
  /**
   * Whose view (SPEC §3.3): `"buyer"` (default) or `"merchant"`, the shop's
   * back office (the seller's reasons, actions and deadlines). Another value
   * throws a `RangeError`, and so does `"merchant"` with rules that hold the
   * buyer's side only (orderlens/runtime's embedded rules: `loadRules()`).
   */
  audience?: Audience;
}

/** Placeholder values for `CompiledRules#message`. */
export interface MessageValues {
  /** Counts (`minutes: 23`) as whole numbers, choices and text (`action: "cancel_order"`) as strings; other values are left out. */
  [name: string]: string | number | null | undefined;
}

export interface SweepOptions {
  /** As in `ExplainOptions`. Default: now. */
  now?: number | Date | string;
  /** `"merchant"`: the seller's lines ({@link MerchantSweepLine}); a RangeError when the rules have no seller's view. Default: the buyer's. */
  audience?: "buyer" | "merchant";
}

/**
 * `[Symbol.dispose]()` (frees the rules, for `using`) where the project's
 * `lib` has `Symbol.dispose` (esnext.disposable); nothing otherwise, so that
 * projects without it still type-check with `skipLibCheck: false`.
 */
export type Disposer = {
  [K in SymbolConstructor extends { readonly dispose: infer S extends symbol } ? S : never]: () => void;
};

/** Compiled, checked rules: compile once, explain many orders. */
export interface CompiledRules extends Disposer {}
export declare class CompiledRules {
  private constructor();
  /** Releases the wasm memory now instead of at garbage collection. */
  free(): void;
  /** The diagnosis of one order. Throws an `OrderError` naming the bad fields. */
  explain(order: OrderInput, options?: ExplainOptions): Diagnosis;
  /** The decision without any text (rules, reasons, action kinds, deadlines, valid_until), for servers, batches and tests. */
  evaluate(order: OrderInput, options?: EvaluateOptions): Decision;
  /** Diagnoses of many orders at the same time and locale; a bad order gives a `BatchError` in its place. */
  explainMany(orders: readonly OrderInput[] | string, options?: ExplainOptions): (Diagnosis | BatchError)[];
  /** What `orderlens sweep` prints, one entry per order. */
  sweep(orders: readonly OrderInput[] | string, options: SweepOptions & { audience: "merchant" }): (MerchantSweepLine | BatchError)[];
  sweep(orders: readonly OrderInput[] | string, options?: SweepOptions): (SweepLine | BatchError)[];
  /** The rules compiled to bytes (what `orderlens compile` writes), for `orderlens/runtime` or `compileRules(bytes)`. */
  toBytes(): Uint8Array;
  /**
   * One catalog message in `options.locale` (negotiated like `explain`'s),
   * e.g. the widget's labels: `message("widget.countdown", { minutes: 23 }, { locale: "ru" })`
   * → `"осталось 23 мин"`. An unknown key gives `""`.
   */
  message(key: string, values?: MessageValues | null, options?: { locale?: string | readonly string[] }): string;
  /** `settings.support_url`, if set. */
  readonly supportUrl: string | undefined;
  /** 32-bit fingerprint of the rules (part of support codes). */
  readonly fingerprint: number;
  /** The locales the messages cover, e.g. `["en", "zh-CN", "ru"]`. */
  readonly locales: string[];
  /** The IANA time zone deadlines are counted and dates are shown in (`settings.timezone`). */
  readonly timezone: string;
  /** Warnings found while compiling. */
  readonly warnings: Diagnostic[];
}

/** Compiles a rules document or loads compiled rules (absent = built-in rules). Throws a `RulesError`. */
export declare function compileRules(doc?: RulesInput): CompiledRules;

/** Every diagnostic of a rules document, for editors and linters. Never throws. */
export declare function checkRules(doc?: RulesInput): CheckResult;

/**
 * One-shot: compiles `rules` (kept until a different document is given) and
 * explains `order`. Throws `RulesError` or `OrderError`.
 */
export declare function explain(order: OrderInput, options?: ExplainOptions, rules?: RulesInput): Diagnosis;

/** The package version. */
export declare function version(): string;

// ---------------------------------------------------------------------------
// Importers (SPEC §4.3): a platform's payload → an order document. In the
// full build ("orderlens" in Node and browsers); not in `orderlens/runtime`.
// The input types list the fields the importers read (others are ignored);
// a value outside the listed ones is an `ImportError`, never a guess.

/** What the importers return: an ordinary order document (what `orderlens import --from P` prints). */
export type ImportedOrder = Order & { id: string; items: Item[] };

/** Thrown by the importers: every problem, located in the platform's payload (`fulfillments[0].shipment_status`). */
export interface ImportError extends Error {
  name: "ImportError";
  errors: FieldError[];
}

export interface ShopifyMoney {
  amount: string;
  currency_code: string;
}

export interface ShopifyMoneySet {
  shop_money?: ShopifyMoney;
  /** The customer's currency: the importer reads this one. */
  presentment_money?: ShopifyMoney;
}

export type ShopifyFinancialStatus =
  | "pending"
  | "authorized"
  | "partially_paid"
  | "paid"
  | "partially_refunded"
  | "refunded"
  | "voided"
  | "expired";
/** `null`: nothing fulfilled (Shopify's webhook examples also send `pending`). */
export type ShopifyFulfillmentStatus = "fulfilled" | "partial" | "restocked" | "pending";
export type ShopifyCancelReason = "customer" | "fraud" | "inventory" | "declined" | "staff" | "other";
export type ShopifyFulfillmentState = "pending" | "open" | "success" | "cancelled" | "error" | "failure";
export type ShopifyShipmentStatus =
  | "label_printed"
  | "label_purchased"
  | "attempted_delivery"
  | "ready_for_pickup"
  | "picked_up"
  | "carrier_picked_up"
  | "confirmed"
  | "in_transit"
  | "out_for_delivery"
  | "delayed"
  | "delivered"
  | "failure";

export interface ShopifyLineItem {
  name?: string;
  title?: string;
  sku?: string | null;
  quantity?: number;
  [key: string]: unknown;
}

export interface ShopifyFulfillment {
  status?: ShopifyFulfillmentState;
  shipment_status?: ShopifyShipmentStatus | null;
  tracking_company?: string | null;
  tracking_number?: string | null;
  tracking_numbers?: string[];
  tracking_url?: string | null;
  tracking_urls?: string[];
  created_at?: Timestamp;
  updated_at?: Timestamp;
  [key: string]: unknown;
}

export interface ShopifyTransaction {
  kind?: "authorization" | "capture" | "sale" | "void" | "refund" | "change";
  status?: "pending" | "failure" | "success" | "error";
  amount?: string;
  currency?: string;
  processed_at?: Timestamp | null;
  [key: string]: unknown;
}

export interface ShopifyRefund {
  created_at?: Timestamp;
  processed_at?: Timestamp | null;
  transactions?: ShopifyTransaction[];
  [key: string]: unknown;
}

/** A Shopify Admin REST `Order`: the fields the importer reads. */
export interface ShopifyOrder {
  id?: number | string;
  /** `#1001`: the order id customers see (else `order_number`, else `id`). */
  name?: string;
  order_number?: number;
  created_at: Timestamp;
  processed_at?: Timestamp | null;
  closed_at?: Timestamp | null;
  /** The shop's currency. */
  currency?: string;
  /** The customer's currency. */
  presentment_currency?: string;
  total_price?: string;
  total_price_set?: ShopifyMoneySet;
  financial_status: ShopifyFinancialStatus;
  fulfillment_status?: ShopifyFulfillmentStatus | null;
  confirmed?: boolean;
  cancelled_at?: Timestamp | null;
  cancel_reason?: ShopifyCancelReason | null;
  gateway?: string | null;
  payment_gateway_names?: string[];
  payment_details?: { credit_card_company?: string | null; [key: string]: unknown } | null;
  line_items?: ShopifyLineItem[];
  fulfillments?: ShopifyFulfillment[];
  refunds?: ShopifyRefund[];
  [key: string]: unknown;
}

export type WooCommerceStatus =
  | "pending"
  | "processing"
  | "on-hold"
  | "completed"
  | "cancelled"
  | "refunded"
  | "failed"
  | "checkout-draft";

/** As listed on the order (`total` negative) or as a refund object (`amount`, `date_created_gmt`, `refunded_payment`). */
export interface WooCommerceRefund {
  id?: number;
  reason?: string;
  total?: string;
  amount?: string;
  date_created?: string;
  date_created_gmt?: string;
  refunded_payment?: boolean;
  [key: string]: unknown;
}

export interface WooCommerceLineItem {
  name?: string;
  sku?: string;
  quantity?: number;
  [key: string]: unknown;
}

/**
 * A WooCommerce REST v3 order: the fields the importer reads. Dates are read
 * from the `_gmt` fields (WooCommerce writes both without a time zone).
 */
export interface WooCommerceOrder {
  id?: number;
  number?: string;
  /** Default `pending` (`processing` with `set_paid`). */
  status?: WooCommerceStatus;
  currency: string;
  total?: string;
  date_created?: string | null;
  date_created_gmt?: string | null;
  date_modified?: string | null;
  date_modified_gmt?: string | null;
  date_paid?: string | null;
  date_paid_gmt?: string | null;
  date_completed?: string | null;
  date_completed_gmt?: string | null;
  payment_method?: string;
  payment_method_title?: string;
  set_paid?: boolean;
  line_items?: WooCommerceLineItem[];
  refunds?: WooCommerceRefund[];
  [key: string]: unknown;
}

export type StripePaymentIntentStatus =
  | "requires_payment_method"
  | "requires_confirmation"
  | "requires_action"
  | "processing"
  | "requires_capture"
  | "canceled"
  | "succeeded";
export type StripeCancellationReason =
  | "abandoned"
  | "automatic"
  | "duplicate"
  | "expired"
  | "failed_invoice"
  | "fraudulent"
  | "requested_by_customer"
  | "void_invoice";
export type StripeRefundStatus = "pending" | "requires_action" | "succeeded" | "failed" | "canceled";
export type StripeDisputeStatus =
  | "warning_needs_response"
  | "warning_under_review"
  | "warning_closed"
  | "needs_response"
  | "under_review"
  | "won"
  | "lost"
  | "charge_refunded"
  | "prevented";
export type StripeDisputeReason =
  | "bank_cannot_process"
  | "check_returned"
  | "credit_not_processed"
  | "customer_initiated"
  | "debit_not_authorized"
  | "duplicate"
  | "fraudulent"
  | "general"
  | "incorrect_account_details"
  | "insufficient_funds"
  | "noncompliant"
  | "product_not_received"
  | "product_unacceptable"
  | "subscription_canceled"
  | "unrecognized";

export interface StripePaymentError {
  type?: string;
  /** → `payment.failure_code` */
  code?: string | null;
  /** → `payment.decline_code` */
  decline_code?: DeclineCode | null;
  /** → `payment.advice_code` */
  advice_code?: AdviceCode | null;
  /** The card network's two-digit advice, read when there is no `advice_code`. */
  network_advice_code?: string | null;
  [key: string]: unknown;
}

export interface StripeCharge {
  object?: "charge";
  id?: string;
  /** Seconds since 1970. */
  created?: number;
  failure_code?: string | null;
  outcome?: { advice_code?: AdviceCode | null; network_advice_code?: string | null; [key: string]: unknown } | null;
  payment_method_details?: {
    type?: string;
    card?: { wallet?: { type?: string; [key: string]: unknown } | null; [key: string]: unknown } | null;
    [key: string]: unknown;
  } | null;
  [key: string]: unknown;
}

/** A Stripe PaymentIntent: the fields the importer reads. Amounts in Stripe's minor units. */
export interface StripePaymentIntent {
  object?: "payment_intent";
  id: string;
  status: StripePaymentIntentStatus;
  amount: number;
  amount_received?: number;
  currency: string;
  /** Seconds since 1970. */
  created: number;
  canceled_at?: number | null;
  cancellation_reason?: StripeCancellationReason | null;
  /** `metadata.order_id` is the order id when there is no merchant order. */
  metadata?: { order_id?: string; [key: string]: string | undefined };
  last_payment_error?: StripePaymentError | null;
  /** The id, or the charge expanded. */
  latest_charge?: string | StripeCharge | null;
  payment_method?: string | { type?: string; [key: string]: unknown } | null;
  payment_method_types?: string[];
  [key: string]: unknown;
}

export interface StripeRefund {
  object?: "refund";
  id?: string;
  amount: number;
  currency: string;
  status: StripeRefundStatus;
  created?: number;
  payment_intent?: string | null;
  [key: string]: unknown;
}

export interface StripeList<T> {
  object: "list";
  data: T[];
  has_more?: boolean;
  url?: string;
}

export interface StripeDispute {
  object?: "dispute";
  status: StripeDisputeStatus;
  reason?: StripeDisputeReason;
  created?: number;
  payment_intent?: string | null;
  [key: string]: unknown;
}

/** What `fromStripe` takes: Stripe knows the payment only; `order` (your own partial order document) keeps the rest. */
export interface StripeInput {
  paymentIntent: StripePaymentIntent;
  refunds?: StripeRefund[] | StripeList<StripeRefund> | null;
  dispute?: StripeDispute | null;
  order?: Partial<Order> | null;
}

/** A Shopify Admin REST order (or `{ order }` as `GET /orders/{id}.json` answers, or its JSON text). Throws an `ImportError`. */
export declare function fromShopify(order: ShopifyOrder | { order: ShopifyOrder } | string): ImportedOrder;
/** A WooCommerce REST v3 order (or its JSON text). Throws an `ImportError`. */
export declare function fromWooCommerce(order: WooCommerceOrder | string): ImportedOrder;
/** Stripe's objects merged into your partial order (a PaymentIntent alone works too). Throws an `ImportError`. */
export declare function fromStripe(input: StripeInput | StripePaymentIntent | string): ImportedOrder;

// ---------------------------------------------------------------------------
// The widget (browsers): `mount()` and `<order-lens>`

/** Evaluation time for the widget: the clock starts there and runs on; or a function read at every render. */
export type WidgetNow = number | Date | string | (() => number | Date | string);

/** What an action handler may resolve to: the updated order (re-rendered), or nothing. */
export type ActionResult = OrderInput | null | undefined | void;

/** Whose clock the widget shows times on: the shopper's (`"local"`, default), the shop's (`"shop"`, labelled), or an IANA zone. */
export type WidgetTimeZone = "local" | "shop" | (string & {});

export interface MountOptions {
  /** The order to explain, or a promise of it (a placeholder holds its place meanwhile). */
  order: OrderInput | PromiseLike<OrderInput>;
  /**
   * The merchant's rules document (absent = built-in rules), compiled once per
   * document; or rules compiled already; or a promise of either (a placeholder
   * holds the place meanwhile; a rejection shows the fallback with the support link).
   */
  rules?: RulesInput | CompiledRules | PromiseLike<RulesInput | CompiledRules>;
  /** Tag, Accept-Language list or list of tags. Default: `navigator.languages`. */
  locale?: string | readonly string[];
  /** Default: the current time. */
  now?: WidgetNow;
  /** Default `"local"`: times in the browser's zone, with a note when it is not the shop's. */
  timeZone?: WidgetTimeZone;
  /** Milliseconds `onAction`'s promise may take before the widget shows it as failed (default 15000). */
  actionTimeout?: number;
  /** A help page for when the rules (and so `settings.support_url`) cannot load. */
  supportUrl?: string;
  /** `"merchant"`: the shop's back-office view (SPEC §3.3). Default `"buyer"`. */
  audience?: Audience;
  /**
   * Called with the diagnosis's action when the customer activates it (after
   * its confirmation step, if it has one). While the promise is pending the
   * pressed button shows progress ("Cancelling…") and the others rest; an
   * order it resolves to is rendered; a rejection (or no answer within
   * `actionTimeout`) shows what failed, the rejection's `message` (plain
   * text, shown to the customer), the support link and code. Without
   * `onAction`, pressing a button says the page cannot do that.
   */
  onAction?: (action: Action, order: OrderInput) => Promise<ActionResult> | ActionResult;
}

/** What `mount` returns. */
export interface MountHandle {
  /** Renders another version of the order (same rules and locale). */
  update(order: OrderInput): void;
  /** Removes the widget and stops its timers. */
  destroy(): void;
}

// @dom-only: what follows needs a browser (and the DOM types); the server
// declarations have node-widget.d.ts instead.

/**
 * Renders the diagnosis of `options.order` inside `element` (in a shadow root)
 * and keeps it current: it re-renders by itself at `valid_until`.
 */
export declare function mount(element: Element, options: MountOptions): MountHandle;

/** `event.detail` of `orderlens-action`. */
export interface OrderLensActionDetail {
  kind: ActionKind;
  orderId: string;
  /** The diagnosis's action (`{ kind, label, url, … }`). */
  action: Action;
  /**
   * Hand the element the shop's answer: it stays busy until `result` settles
   * (or `actionTimeout` passes), then renders the order it resolves to, or
   * what failed. Call it (or `event.preventDefault()`) while handling the
   * event: an event nobody answers shows that the page cannot do that.
   */
  respond(result: Promise<ActionResult> | ActionResult): void;
}

export type OrderLensActionEvent = CustomEvent<OrderLensActionDetail>;

/** `<order-lens>`, registered when the browser entry loads. */
export declare class OrderLensElement extends HTMLElement {
  /** `undefined` (not set yet) or a pending promise shows the placeholder; `null` shows nothing. */
  order: OrderInput | PromiseLike<OrderInput> | null | undefined;
  rules: RulesInput | CompiledRules | PromiseLike<RulesInput | CompiledRules>;
  /** Reflected to the `locale` attribute when a string. */
  locale: string | readonly string[] | undefined;
  now: WidgetNow | undefined;
  /** Attribute `time-zone`. */
  timeZone: WidgetTimeZone | undefined;
  /** Attribute `action-timeout` (milliseconds, default 15000). */
  actionTimeout: number | undefined;
  /** Attribute `support-url`: where to get help when the rules cannot load. */
  supportUrl: string | undefined;
  /** Attribute `audience`: `"merchant"` for a shop's back office. */
  audience: Audience | undefined;
  /** The diagnosis on screen; null before the first render and when the fallback is shown. */
  readonly diagnosis: Diagnosis | null;
  addEventListener<K extends keyof OrderLensEventMap>(
    type: K,
    listener: (this: OrderLensElement, ev: OrderLensEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

export interface OrderLensEventMap extends HTMLElementEventMap {
  "orderlens-action": OrderLensActionEvent;
}

// @browser-globals-begin (left out of the CommonJS copy)
declare global {
  interface HTMLElementTagNameMap {
    "order-lens": OrderLensElement;
  }
}
// @browser-globals-end
