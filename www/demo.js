// The demo storefront: one order page of a small tea shop with <order-lens>,
// a scenario picker, a language switcher, and a simulated shop backend that
// answers the widget's actions. Everything is relative to the real clock, so
// deadlines count down and the widget re-renders by itself when they pass.
// The checkout-budget build: the engine loads rules compiled on the server
// (scripts/demo-server.mjs compiles www/rules.json), no compiler in the page.
import { compileRules } from "/orderlens/runtime.js"; // also registers <order-lens>

const $ = (id) => document.getElementById(id);
const MIN = 60e3;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (offset) => new Date(Date.now() + offset).toISOString();

const RULES = compileRules(await (await fetch("/rules.olr")).arrayBuffer());

const UI = {
  en: {
    scenario: "Scenario", language: "Language", heading: "Your order", items: "Items", total: "Total",
    log: "Shop backend (simulated)", placed: "Order {id} · placed {date}", oos: "out of stock",
    did: { retry_payment: "payment retried", update_payment_method: "new payment method", cancel_order: "order cancelled", confirm_receipt: "receipt confirmed", open_dispute: "dispute opened", choose_alternative: "alternative chosen", paid: "payment succeeded" },
  },
  "zh-CN": {
    scenario: "场景", language: "语言", heading: "您的订单", items: "商品", total: "合计",
    log: "商家后台（模拟）", placed: "订单 {id} · 下单于 {date}", oos: "缺货",
    did: { retry_payment: "已重新付款", update_payment_method: "已更换付款方式", cancel_order: "订单已取消", confirm_receipt: "已确认收货", open_dispute: "已提交纠纷", choose_alternative: "已选择替代商品", paid: "付款成功" },
  },
  ru: {
    scenario: "Сценарий", language: "Язык", heading: "Ваш заказ", items: "Товары", total: "Итого",
    log: "Бэкенд магазина (имитация)", placed: "Заказ {id} · оформлен {date}", oos: "нет в наличии",
    did: { retry_payment: "оплата повторена", update_payment_method: "способ оплаты изменён", cancel_order: "заказ отменён", confirm_receipt: "получение подтверждено", open_dispute: "открыт спор", choose_alternative: "выбрана замена", paid: "оплата прошла" },
  },
};

const SCENARIOS = {
  declined: { en: "Payment declined", "zh-CN": "付款被拒", ru: "Платёж отклонён" },
  processing: { en: "Payment processing", "zh-CN": "付款处理中", ru: "Платёж обрабатывается" },
  out_of_stock: { en: "Out of stock, restock soon", "zh-CN": "缺货，即将补货", ru: "Нет в наличии, скоро будет" },
  delivered: { en: "Delivered, confirm receipt", "zh-CN": "已送达，待确认收货", ru: "Доставлен, подтвердите получение" },
  refund: { en: "Refund in progress", "zh-CN": "退款处理中", ru: "Возврат в процессе" },
  dispute: { en: "Dispute open", "zh-CN": "纠纷处理中", ru: "Открыт спор" },
};

function items() {
  return [
    { sku: "OOL-250", name: "Tieguanyin Oolong 250 g", qty: 2, in_stock: true, restock_at: null },
    { sku: "JAS-100", name: "Jasmine Silver Needle 100 g", qty: 1, in_stock: true, restock_at: null },
  ];
}

/** A fresh order for a scenario, with timestamps relative to now. */
function scenarioOrder(name) {
  const o = {
    id: "MLT-20417",
    status: "unconfirmed",
    created_at: at(-6 * MIN),
    currency: "CNY",
    total: 26800,
    payment: { method: "card", state: "succeeded", failure_code: null, attempts: 1, updated_at: at(-5 * MIN) },
    items: items(),
    shipment: null,
    buyer_confirmed_at: null,
    cancellation: null,
    refund: null,
    dispute: null,
  };
  const shipped = (deliveredAgo) => ({
    carrier: "SF Express",
    tracking_number: "SF1420 7788 0931",
    tracking_url: "https://shop.example/track/SF142077880931",
    shipped_at: at(-deliveredAgo - 2 * DAY),
    expected_at: at(-deliveredAgo),
    delivered_at: at(-deliveredAgo),
  });
  switch (name) {
    case "declined":
      Object.assign(o.payment, { state: "failed", failure_code: "insufficient_funds", updated_at: at(-4 * MIN) });
      break;
    case "processing":
      Object.assign(o.payment, { state: "processing", updated_at: at(-1 * MIN) });
      break;
    case "out_of_stock":
      Object.assign(o.items[1], { in_stock: false, restock_at: at(4 * DAY) });
      break;
    case "delivered":
      Object.assign(o, { status: "delivered", created_at: at(-5 * DAY), shipment: shipped(2 * DAY) });
      o.payment.updated_at = at(-5 * DAY);
      break;
    case "refund":
      Object.assign(o, {
        status: "cancelled",
        created_at: at(-4 * DAY),
        cancellation: { requested_at: at(-3 * DAY), by: "buyer", reason: "buyer_changed_mind", state: "approved" },
        refund: { amount: 26800, requested_at: at(-3 * DAY), approved_at: at(-2 * DAY), issued_at: at(-1 * DAY), completed_at: null },
      });
      o.payment.updated_at = at(-4 * DAY);
      break;
    case "dispute":
      Object.assign(o, {
        status: "delivered",
        created_at: at(-8 * DAY),
        shipment: shipped(3 * DAY),
        dispute: { opened_at: at(-1 * DAY), kind: "not_as_described", state: "awaiting_seller" },
      });
      o.payment.updated_at = at(-8 * DAY);
      break;
  }
  return o;
}

const lens = $("lens");
let locale = "en";

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/** The shop backend: takes an action, answers with the updated order (after a short delay). */
async function backend(kind, order) {
  await wait(600);
  const o = structuredClone(order);
  const now = at(0);
  const paid = o.payment?.state === "succeeded";
  switch (kind) {
    case "retry_payment":
    case "update_payment_method":
      o.payment = { ...o.payment, state: "processing", failure_code: null, attempts: (o.payment?.attempts ?? 0) + 1, updated_at: now };
      // The bank answers a few seconds later.
      wait(4000).then(() => {
        if (lens.order !== o) return;
        lens.order = { ...o, payment: { ...o.payment, state: "succeeded", updated_at: at(0) } };
        log("paid", o.id);
      });
      break;
    case "cancel_order":
      o.status = "cancelled";
      o.cancellation = { requested_at: now, by: "buyer", reason: "buyer_changed_mind", state: "approved" };
      if (paid) o.refund = { amount: o.total, requested_at: now, approved_at: null, issued_at: null, completed_at: null };
      break;
    case "confirm_receipt":
      o.status = "completed";
      o.buyer_confirmed_at = now;
      break;
    case "open_dispute":
      o.dispute = { opened_at: now, kind: "not_as_described", state: "open" };
      break;
    case "choose_alternative":
      o.items = o.items.map((it) => (it.in_stock ? it : { sku: "JAS-050", name: "Jasmine Dragon Pearls 100 g", qty: it.qty, in_stock: true, restock_at: null }));
      break;
    default:
      return undefined; // nothing to change
  }
  return o;
}

function log(what, id) {
  const li = document.createElement("li");
  li.dataset.kind = what;
  li.textContent = `${new Date().toLocaleTimeString(locale)} — ${id}: ${UI[locale].did[what] ?? what}`;
  $("log").prepend(li);
}

lens.addEventListener("orderlens-action", (e) => {
  const { kind, orderId, respond } = e.detail;
  respond(
    backend(kind, lens.order).then((o) => {
      if (o) log(kind, orderId);
      summary(o ?? lens.order);
      return o;
    }),
  );
});

/** The page's own order summary (items and total), outside the widget. */
function summary(order) {
  const ui = UI[locale];
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: order.currency, currencyDisplay: "narrowSymbol" });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(order.created_at));
  $("meta").textContent = ui.placed.replace("{id}", order.id).replace("{date}", date);
  $("items").replaceChildren(
    ...order.items.map((it) => {
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = `${it.name} × ${it.qty}`;
      li.append(name);
      if (!it.in_stock) {
        const oos = document.createElement("span");
        oos.className = "oos";
        oos.textContent = ui.oos;
        li.append(oos);
      }
      return li;
    }),
  );
  $("total").textContent = money.format(order.total / 100);
}

function showScenario(name) {
  const order = scenarioOrder(name);
  lens.order = order;
  summary(order);
}

function setLocale(next) {
  locale = UI[next] ? next : "en";
  document.documentElement.lang = locale;
  lens.locale = locale;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = UI[locale][el.dataset.t];
  const sel = $("scenario");
  const current = sel.value;
  sel.replaceChildren(
    ...Object.entries(SCENARIOS).map(([value, names]) => {
      const opt = document.createElement("option");
      opt.value = value;
      opt.textContent = names[locale];
      return opt;
    }),
  );
  sel.value = current || "declined";
  $("locale").value = locale;
  if (lens.order) summary(lens.order);
}

function remember() {
  const q = new URLSearchParams({ scenario: $("scenario").value, locale });
  history.replaceState(null, "", `?${q}`);
}

const params = new URLSearchParams(location.search);
const preferred = params.get("locale") ?? navigator.languages.map((l) => (l.startsWith("zh") ? "zh-CN" : l.slice(0, 2))).find((l) => UI[l]) ?? "en";
lens.rules = RULES;
setLocale(preferred);
$("scenario").value = SCENARIOS[params.get("scenario")] ? params.get("scenario") : "declined";
showScenario($("scenario").value);

$("scenario").addEventListener("change", (e) => {
  showScenario(e.target.value);
  remember();
});
$("locale").addEventListener("change", (e) => {
  setLocale(e.target.value);
  remember();
});
$("controls").addEventListener("submit", (e) => e.preventDefault());

document.body.dataset.state = "ready";
