// Type-checks the package's declarations the way a TypeScript user meets
// them: every export, option, the order, the rules document, the diagnosis
// and the errors. Run with `tsc --noEmit -p .` (never executed).
import {
  checkRules,
  compileRules,
  CompiledRules,
  explain,
  version,
  type Action,
  type ActionKind,
  type BatchError,
  type CheckResult,
  type Diagnosis,
  type Diagnostic,
  type ExplainOptions,
  type FieldError,
  type Order,
  type OrderError,
  type RulesDocument,
  type RulesError,
  type Settings,
  type SweepLine,
  type TimelineStage,
} from "orderlens";
import init, { initSync, compileRules as compileRulesWeb, type InitOutput } from "orderlens/web";
import * as esmIntegration from "orderlens/bundler";

const order: Order = {
  id: "A-1001",
  status: "unconfirmed",
  created_at: "2026-11-21T09:58:00+08:00",
  currency: "CNY",
  total: 12900,
  payment: { method: "card", state: "failed", failure_code: "insufficient_funds", attempts: 1, updated_at: null },
  items: [{ sku: "TEA-01", name: "Oolong 250g", qty: 2, in_stock: true, restock_at: null }],
  shipment: null,
  cancellation: { requested_at: "2026-11-21T10:00:00+08:00", by: "buyer", reason: "input_error", state: "requested" },
  refund: null,
  dispute: { kind: "not_received", state: "awaiting_seller" },
  some_backend_field: { ignored: true },
};

const doc: RulesDocument = {
  version: 1,
  settings: { timezone: "Asia/Shanghai", weekend: ["sat", "sun"], holidays: ["2026-10-01"], support_url: "https://shop.example/help" },
  refund_windows: { card: { review: "1bd", arrive: ["5bd", "10bd"] } },
  rules: [
    {
      id: "gift-card-pending",
      when: "status == 'unconfirmed' && payment.method == 'other'",
      reason: "gift_card_pending",
      severity: "info",
      priority: 45,
      actions: ["wait", "contact_support"],
    },
    { id: "payment-declined", priority: 99 },
    { id: "out-of-stock", disabled: true },
  ],
  messages: { en: { "reason.gift_card_pending.title": "Checking your gift card" } },
};

const rules: CompiledRules = compileRules(doc);
compileRules();
compileRules(null);
compileRules(JSON.stringify(doc));

const options: ExplainOptions = { now: Date.now(), locale: "zh-Hans-CN" };
const d: Diagnosis = rules.explain(order, options);
rules.explain(order, { now: new Date(), locale: navigator.languages });
rules.explain(JSON.stringify(order), { now: "2026-11-21T02:05:00Z" });
rules.explain(order);

const title: string = d.headline.title;
const severity: "info" | "warning" | "action_required" = d.headline.severity;
const primary: Action | undefined = d.actions.find((a) => a.primary);
const kind: string | undefined = primary?.kind;
const confirmLabel: string | undefined = primary?.confirm?.confirm_label;
const stages: TimelineStage[] = d.timeline;
const arrives: string | null = stages[3]?.to ?? null;
const validUntil: string | null = d.valid_until;
const code: string = d.support_code;
const deadlineAt: string | undefined = d.deadlines[0]?.at;

const batch: (Diagnosis | BatchError)[] = rules.explainMany([order, JSON.stringify(order)], options);
for (const b of batch) {
  if ("error" in b) {
    const fe: FieldError[] = b.error.errors;
    void fe;
  } else {
    const r: string = b.headline.reason;
    void r;
  }
}
const swept: (SweepLine | BatchError)[] = rules.sweep([order], { now: Date.now() });
const fp: number = rules.fingerprint;
const locales: string[] = rules.locales;
const warnings: Diagnostic[] = rules.warnings;
rules.free();

const report: CheckResult = checkRules(doc);
if (!report.ok) {
  for (const x of report.diagnostics) {
    const where: string = `${x.path} ${x.line ?? "-"}:${x.column ?? "-"} ${x.rule ?? ""}`;
    const help: string | null = x.help;
    void where;
    void help;
  }
}

try {
  compileRules({ rules: [{ id: "x", when: "payment.stat == 'failed'", reason: "x" }] });
} catch (e) {
  const err = e as RulesError;
  if (err.name === "RulesError") {
    const first: Diagnostic | undefined = err.diagnostics[0];
    void first;
  }
}
try {
  explain({ id: "A-1", status: "unconfirmed", created_at: "2026-11-21T09:58:00+08:00" }, { locale: "ru" }, doc);
} catch (e) {
  const err = e as OrderError;
  const paths: string[] = err.errors.map((x) => x.path);
  void paths;
}
const v: string = version();

async function web(): Promise<void> {
  const out: InitOutput = await init();
  await init({ module_or_path: new URL("https://cdn.example/orderlens_bg.wasm") });
  initSync({ module: new Uint8Array(8) });
  const r2 = compileRulesWeb(undefined);
  void out;
  void r2;
}
const e2: CompiledRules = esmIntegration.compileRules();

// @ts-expect-error: unknown status values are rejected.
const badOrder: Order = { id: "x", status: "unconfirmd", created_at: "" };
// @ts-expect-error: options are camelCase objects, not strings.
rules.explain(order, "en");
// @ts-expect-error: there is no constructor; use compileRules.
new CompiledRules();

void [title, severity, kind, confirmLabel, arrives, validUntil, code, deadlineAt, swept, fp, locales, warnings, v, web, e2, badOrder];

// The widget: mount() and <order-lens>.
import { mount, OrderLensElement, type MountHandle, type MountOptions, type OrderLensActionEvent } from "orderlens";

const mountOptions: MountOptions = {
  order,
  rules: doc,
  locale: navigator.languages,
  now: "2026-11-21T02:05:00Z",
  onAction: async (action, current) => {
    const k: string = action.kind;
    void k;
    return action.kind === "cancel_order" ? { ...(current as Order), status: "cancelled" } : undefined;
  },
};
const handle: MountHandle = mount(document.createElement("div"), mountOptions);
handle.update({ ...order, status: "confirmed" });
handle.destroy();
mount(document.body, { order: JSON.stringify(order), rules, locale: "ru", now: () => Date.now() });
mount(document.body, { order });

const lens = document.createElement("order-lens");
const lensTyped: OrderLensElement = lens;
lens.order = order;
lens.rules = doc;
lens.locale = "zh-CN";
lens.now = new Date();
const shown: Diagnosis | null = lens.diagnosis;
lens.addEventListener("orderlens-action", (e) => {
  const kindOf: string = e.detail.kind;
  const id: string = e.detail.orderId;
  e.detail.respond(Promise.resolve({ ...order, status: "cancelled" }));
  e.detail.respond(undefined);
  void [kindOf, id];
});
const onAny = (e: OrderLensActionEvent) => e.detail.respond(fetch("/cancel").then((r) => r.json() as Promise<Order>));
document.querySelector("order-lens")?.addEventListener("orderlens-action", onAny);
const found: OrderLensElement | null = document.querySelector("order-lens");
const cls: typeof OrderLensElement = OrderLensElement;

// @ts-expect-error: mount needs the options with an order.
mount(document.body);
// @ts-expect-error: update takes an order, not options.
handle.update({ order });

void [lensTyped, shown, found, cls];

// Importers: the fields they read, typed; the result is an order document.
import {
  fromShopify,
  fromStripe,
  fromWooCommerce,
  type ImportError,
  type ImportedOrder,
  type ShopifyOrder,
  type StripeInput,
  type StripePaymentIntent,
  type WooCommerceOrder,
} from "orderlens";

const shopifyOrder: ShopifyOrder = {
  id: 450789469,
  name: "#1001",
  created_at: "2008-01-10T11:00:00-05:00",
  currency: "USD",
  presentment_currency: "USD",
  total_price: "598.94",
  total_price_set: { presentment_money: { amount: "598.94", currency_code: "USD" } },
  financial_status: "partially_refunded",
  fulfillment_status: null,
  cancel_reason: null,
  payment_gateway_names: ["bogus"],
  fulfillments: [{ status: "success", shipment_status: "in_transit", tracking_company: "USPS", tracking_numbers: ["1Z2345"] }],
  refunds: [{ created_at: "2023-08-14T11:46:02-04:00", transactions: [{ kind: "refund", status: "success", amount: "209.00" }] }],
  line_items: [{ name: "IPod Nano - 8gb - green", sku: "IPOD2008GREEN", quantity: 1 }],
  admin_graphql_api_id: "gid://shopify/Order/450789469",
};
const fromShop: ImportedOrder = fromShopify(shopifyOrder);
fromShopify({ order: shopifyOrder });
const asOrder: Order = fromShop;
const shopId: string = fromShop.id;
const decline: string | null | undefined = fromShop.payment?.decline_code;

const wooOrder: WooCommerceOrder = {
  id: 727,
  number: "727",
  status: "checkout-draft",
  currency: "USD",
  total: "29.35",
  date_created_gmt: "2017-03-22T19:28:02",
  date_paid_gmt: null,
  payment_method: "bacs",
  set_paid: true,
  refunds: [{ id: 726, total: "-10.00" }],
  line_items: [{ name: "Woo Single #1", quantity: 2 }],
};
const fromWoo: ImportedOrder = fromWooCommerce(wooOrder);

const pi: StripePaymentIntent = {
  object: "payment_intent",
  id: "pi_1",
  status: "requires_payment_method",
  amount: 1099,
  currency: "usd",
  created: 1795226280,
  metadata: { order_id: "A-1001" },
  last_payment_error: { code: "card_declined", decline_code: "insufficient_funds", advice_code: "try_again_later" },
  latest_charge: { object: "charge", created: 1795226340, outcome: { network_advice_code: "03" } },
};
const stripeInput: StripeInput = {
  paymentIntent: pi,
  refunds: { object: "list", data: [{ amount: 100, currency: "usd", status: "pending" }] },
  dispute: { status: "warning_needs_response", reason: "product_not_received" },
  order: { id: "A-1001", status: "delivered" },
};
const fromPay: ImportedOrder = fromStripe(stripeInput);
fromStripe(pi);
fromStripe(JSON.stringify(stripeInput));
rules.explain(fromPay);

try {
  fromShopify("{}");
} catch (e) {
  const err = e as ImportError;
  const where: string[] = err.errors.map((x) => `${x.path}: ${x.message} (${x.help ?? ""})`);
  void where;
}

// @ts-expect-error: financial_status is one of Shopify's values.
fromShopify({ ...shopifyOrder, financial_status: "settled" });
// @ts-expect-error: WooCommerce writes on-hold with a hyphen.
fromWooCommerce({ ...wooOrder, status: "on_hold" });
// @ts-expect-error: Stripe spells it canceled.
fromStripe({ paymentIntent: { ...pi, status: "cancelled" } });
// @ts-expect-error: the input keys are camelCase.
fromStripe({ payment_intent: pi });

void [asOrder, shopId, decline, fromWoo];
// The widget's behaviour options, catalog messages and the time zone option.
const timed: MountOptions = {
  order: fetch("/order").then((r) => r.json() as Promise<Order>),
  rules: fetch("/rules.olr").then((r) => r.arrayBuffer()),
  timeZone: "shop",
  actionTimeout: 8000,
  supportUrl: "https://shop.example/help",
};
mount(document.body, timed);
lens.timeZone = "local";
lens.actionTimeout = 5000;
lens.supportUrl = "https://shop.example/help";
lens.order = null;
lens.addEventListener("orderlens-action", (e) => {
  const label: string = e.detail.action.label;
  const url: string | null = e.detail.action.url;
  void [label, url];
});
const left: string = rules.message("widget.countdown", { minutes: 23 }, { locale: "ru" });
const help: string | undefined = rules.supportUrl;
const inLa: Diagnosis = rules.explain(order, { now: Date.now(), locale: "en", timeZone: "America/Los_Angeles" });
const detail: string = inLa.timeline[0]?.detail ?? "";
const reorder: ActionKind = "reorder";
const reorderUrl: Settings = { reorder_url: "https://shop.example/cart" };
// @ts-expect-error: a time zone is a name.
rules.explain(order, { timeZone: 8 });
void [left, help, detail, reorder, reorderUrl];
