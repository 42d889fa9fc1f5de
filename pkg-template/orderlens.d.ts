// Types of the npm package `orderlens` (hand-written; wasm-bindgen's generated
// declarations are not shipped). The same file serves every entry point: the
// browser / bundler build, `orderlens/bundler`, Node's `import` and (as
// `node/orderlens.d.cts`) Node's `require`. `orderlens/web` adds `init()`.
//
// Orders, rules documents and diagnoses use `snake_case` keys like the JSON
// they mirror; options are `camelCase`.
//
// The widget (`mount`, `<order-lens>`) exists in browsers only (the default
// and bundler entries); in Node `mount` throws.

/// <reference lib="dom" />

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

export interface Payment {
  /** Default `other`. */
  method?: PaymentMethod;
  state: PaymentState;
  failure_code?: FailureCode | null;
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
  | "reorder";

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
  /** Show as the generic `payment_declined` and hide the failure code. */
  mask?: boolean;
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
}

/** One line of `sweep`: the order's reasons and the deadlines due at `now`. */
export interface SweepLine {
  id: string;
  reasons: string[];
  deadlines: { kind: string; at: Timestamp }[];
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
}

/** Placeholder values for `CompiledRules#message`. */
export interface MessageValues {
  /** Counts (`minutes: 23`) as whole numbers, choices and text (`action: "cancel_order"`) as strings; other values are left out. */
  [name: string]: string | number | null | undefined;
}

export interface SweepOptions {
  /** As in `ExplainOptions`. Default: now. */
  now?: number | Date | string;
}

/** Compiled, checked rules: compile once, explain many orders. */
export declare class CompiledRules {
  private constructor();
  /** Releases the wasm memory now instead of at garbage collection. */
  free(): void;
  [Symbol.dispose](): void;
  /** The diagnosis of one order. Throws an `OrderError` naming the bad fields. */
  explain(order: OrderInput, options?: ExplainOptions): Diagnosis;
  /** Diagnoses of many orders at the same time and locale; a bad order gives a `BatchError` in its place. */
  explainMany(orders: readonly OrderInput[] | string, options?: ExplainOptions): (Diagnosis | BatchError)[];
  /** What `orderlens sweep` prints, one entry per order. */
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
