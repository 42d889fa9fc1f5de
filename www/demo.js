// The demo storefront: one order page of a small tea shop with <order-lens>,
// a scenario picker, a language switcher, a clock to move "now", and a
// simulated shop backend that answers the widget's actions (or, in two
// scenarios, rejects them or never answers). Everything is relative to the
// demo clock, so deadlines count down and the widget re-renders by itself
// when they pass.
// The checkout-budget build: the engine loads rules compiled on the server
// (scripts/demo-server.mjs compiles www/rules.json), no compiler in the page.
import { compileRules } from "/orderlens/runtime.js"; // also registers <order-lens>

const $ = (id) => document.getElementById(id);
const MIN = 60e3;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// The demo clock: real time plus an offset the clock buttons move.
let offset = 0;
const clock = () => Date.now() + offset;
let t0 = Date.now(); // the scenario's "now" (orders are built relative to it)
const at = (delta) => new Date(t0 + delta).toISOString();
const nowIso = () => new Date(clock()).toISOString();

const UI = {
  en: {
    scenario: "Scenario", language: "Language", clock: "Clock", min1: "+1 min", min10: "+10 min", hour1: "+1 h", day: "+1 day", reset: "Now", heading: "Your order", items: "Items", total: "Total",
    log: "Shop backend (simulated)", backend: { ok: "Answers each action after a short delay.", rejects: "Rejects a cancellation: the payment is already captured (HTTP\u00a0409).", silent: "Never answers: the widget stops waiting after 8\u00a0s." },
    placed: "Order {id} · placed {date}", oos: "out of stock", back: "back {date}", sep: ", ",
    views: "View", storefront: "Storefront", office: "Back office", buyerView: "What the customer sees",
    rejected: "Payment already captured: the shop can't cancel this order any more (409).",
    did: { retry_payment: "payment retried", update_payment_method: "new payment method", cancel_order: "order cancelled", confirm_receipt: "receipt confirmed", open_dispute: "dispute opened", choose_alternative: "alternative chosen", paid: "payment succeeded", rejected: "request rejected", silent: "request received, no answer", confirm_order: "order confirmed by the shop", issue_refund: "refund sent", respond_to_dispute: "shop replied to the dispute", contact_buyer: "message to the buyer", remind_buyer: "reminder sent to the buyer" },
  },
  "zh-CN": {
    scenario: "场景", language: "语言", clock: "时钟", min1: "+1 分钟", min10: "+10 分钟", hour1: "+1 小时", day: "+1 天", reset: "现在", heading: "您的订单", items: "商品", total: "合计",
    log: "商家系统（模拟）", backend: { ok: "收到每个操作后稍等片刻即返回结果。", rejects: "拒绝取消订单：款项已扣除（HTTP\u00a0409）。", silent: "始终不响应：组件 8 秒后停止等待。" },
    placed: "订单 {id} · 下单于 {date}", oos: "缺货", back: "预计{date}前到货", sep: "，",
    views: "视图", storefront: "店铺前台", office: "商家后台", buyerView: "买家看到的内容",
    rejected: "款项已扣除，商家已无法取消此订单（409）。",
    did: { retry_payment: "已重新支付", update_payment_method: "已更换支付方式", cancel_order: "订单已取消", confirm_receipt: "已确认收货", open_dispute: "买家已申请售后", choose_alternative: "已选择替代商品", paid: "付款成功", rejected: "请求被拒绝", silent: "已收到请求，未回复", confirm_order: "商家已确认订单", issue_refund: "已发出退款", respond_to_dispute: "商家已回复售后纠纷", contact_buyer: "已联系买家", remind_buyer: "已提醒买家确认收货" },
  },
  ru: {
    scenario: "Сценарий", language: "Язык", clock: "Часы", min1: "+1 мин", min10: "+10 мин", hour1: "+1 ч", day: "+1 день", reset: "Сейчас", heading: "Ваш заказ", items: "Товары", total: "Итого",
    log: "Бэкенд магазина (имитация)", backend: { ok: "Отвечает на каждое действие с небольшой задержкой.", rejects: "Отклоняет отмену: платёж уже проведён (HTTP\u00a0409).", silent: "Не отвечает: виджет перестаёт ждать через 8\u00a0с." },
    placed: "Заказ {id} · оформлен {date}", oos: "нет в наличии", back: "ожидается до\u00a0{date}", sep: ", ",
    views: "Вид", storefront: "Витрина", office: "Кабинет продавца", buyerView: "Что видит покупатель",
    rejected: "Платёж уже проведён: магазин больше не может отменить этот заказ (409).",
    did: { retry_payment: "оплата повторена", update_payment_method: "способ оплаты изменён", cancel_order: "заказ отменён", confirm_receipt: "получение подтверждено", open_dispute: "открыт спор", choose_alternative: "выбрана замена", paid: "оплата прошла", rejected: "запрос отклонён", silent: "запрос получен, ответа нет", confirm_order: "магазин подтвердил заказ", issue_refund: "возврат отправлен", respond_to_dispute: "магазин ответил в споре", contact_buyer: "сообщение покупателю", remind_buyer: "покупателю отправлено напоминание" },
  },
};

const SCENARIOS = {
  checkout: { en: "Not paid yet (countdown)", "zh-CN": "尚未付款（倒计时）", ru: "Не оплачен (обратный отсчёт)" },
  declined: { en: "Payment declined", "zh-CN": "付款被拒", ru: "Платёж отклонён" },
  no_attempts: { en: "Declined, no attempts left", "zh-CN": "付款被拒，次数已用完", ru: "Отказ, попыток нет" },
  processing: { en: "Payment processing", "zh-CN": "付款处理中", ru: "Платёж обрабатывается" },
  out_of_stock: { en: "Out of stock, restock soon", "zh-CN": "缺货，即将补货", ru: "Нет в наличии, скоро будет" },
  delivered: { en: "Delivered, confirm receipt", "zh-CN": "已送达，待确认收货", ru: "Доставлен, подтвердите получение" },
  refund: { en: "Refund in progress", "zh-CN": "退款处理中", ru: "Возврат в процессе" },
  refund_late: { en: "Refund late (shop hasn't sent it)", "zh-CN": "退款逾期（商家未发出）", ru: "Возврат задерживается (магазин не отправил)" },
  dispute: { en: "Dispute open", "zh-CN": "售后纠纷处理中", ru: "Открыт спор" },
  auto_cancelled: { en: "Cancelled: not paid in time", "zh-CN": "超时未付款已取消", ru: "Отменён: не оплачен вовремя" },
  completed: { en: "Order complete", "zh-CN": "订单已完成", ru: "Заказ выполнен" },
  backend_rejects: { en: "Backend rejects the cancel", "zh-CN": "商家系统拒绝取消", ru: "Бэкенд отклоняет отмену" },
  backend_silent: { en: "Backend never answers", "zh-CN": "商家系统无响应", ru: "Бэкенд не отвечает" },
};

// The shop's catalogue in the shopper's language: item names by SKU, and
// the carrier's name as each language writes it (the same company: the
// tracking number is SF Express's), unbroken.
const NAMES = {
  "OOL-250": { en: "Tieguanyin Oolong 250\u00a0g", "zh-CN": "铁观音乌龙茶 250克", ru: "Улун Те Гуань Инь, 250\u00a0г" },
  "JAS-100": { en: "Jasmine Silver Needle 100\u00a0g", "zh-CN": "茉莉银针 100克", ru: "Серебряные иглы с жасмином, 100\u00a0г" },
  "JAS-050": { en: "Jasmine Dragon Pearls 100\u00a0g", "zh-CN": "茉莉龙珠 100克", ru: "Жасминовые жемчужины дракона, 100\u00a0г" },
};
const CARRIERS = { en: "SF\u00a0Express", "zh-CN": "顺丰速运", ru: "SF\u00a0Express" };
const item = (sku, qty) => ({ sku, name: NAMES[sku][locale], qty, in_stock: true, restock_at: null });

function items() {
  return [item("OOL-250", 2), item("JAS-100", 1)];
}

/** The order's names in the current language (the language switcher keeps the order). */
function localise(o) {
  for (const it of o.items ?? []) it.name = NAMES[it.sku]?.[locale] ?? it.name;
  if (o.shipment?.carrier) o.shipment.carrier = CARRIERS[locale];
  return o;
}

/** A fresh order for a scenario, with timestamps relative to the demo clock. */
function scenarioOrder(name) {
  t0 = clock();
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
    carrier: CARRIERS[locale],
    tracking_number: "SF1420 7788 0931",
    tracking_url: "https://shop.example/track/SF142077880931",
    shipped_at: at(-deliveredAgo - 2 * DAY),
    expected_at: at(-deliveredAgo),
    delivered_at: at(-deliveredAgo),
  });
  switch (name) {
    case "checkout":
      Object.assign(o, { status: "pending_payment", created_at: at(-12 * MIN) });
      Object.assign(o.payment, { state: "none", attempts: 0, updated_at: null });
      break;
    case "declined":
    case "backend_silent":
      Object.assign(o.payment, { state: "failed", failure_code: "insufficient_funds", updated_at: at(-4 * MIN) });
      break;
    case "no_attempts":
      // The tenth declined attempt (settings.max_payment_attempts, 10 by
      // default): no more retries are offered, the shop's support is.
      Object.assign(o.payment, { state: "failed", failure_code: "do_not_honor", attempts: 10, updated_at: at(-4 * MIN) });
      break;
    case "processing":
      Object.assign(o.payment, { state: "processing", updated_at: at(-1 * MIN) });
      break;
    case "out_of_stock":
    case "backend_rejects":
      // Back on different days: "expected by" is the later one.
      Object.assign(o.items[0], { in_stock: false, restock_at: at(4 * DAY) });
      Object.assign(o.items[1], { in_stock: false, restock_at: at(6 * DAY + 5 * HOUR) });
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
    case "refund_late":
      Object.assign(o, {
        status: "cancelled",
        created_at: at(-24 * DAY),
        cancellation: { requested_at: at(-22 * DAY), by: "buyer", reason: "buyer_changed_mind", state: "approved" },
        refund: { amount: 26800, requested_at: at(-22 * DAY), approved_at: at(-21 * DAY), issued_at: null, completed_at: null },
      });
      o.payment.updated_at = at(-24 * DAY);
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
    case "auto_cancelled":
      Object.assign(o, { status: "pending_payment", created_at: at(-2 * HOUR) });
      Object.assign(o.payment, { state: "failed", failure_code: "card_declined", updated_at: at(-115 * MIN) });
      break;
    case "completed":
      Object.assign(o, { status: "completed", created_at: at(-12 * DAY), shipment: shipped(6 * DAY), buyer_confirmed_at: at(-5 * DAY) });
      o.payment.updated_at = at(-12 * DAY);
      break;
  }
  return o;
}

const lens = $("lens");
// The shop's back office: the seller's view (audience="merchant") of the same order.
const office = $("office-lens");
let locale = "en";
let scenario = "declined";

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/** The shop backend: takes an action, answers with the updated order (after a short delay). */
async function backend(kind, order) {
  if (scenario === "backend_silent") {
    log("silent", order.id);
    return new Promise(() => {}); // never settles: the widget gives up after actionTimeout
  }
  await wait(600);
  if (scenario === "backend_rejects") {
    log("rejected", order.id);
    throw { message: UI[locale].rejected };
  }
  const o = structuredClone(order);
  const now = nowIso();
  const paid = o.payment?.state === "succeeded";
  switch (kind) {
    case "retry_payment":
    case "update_payment_method":
      o.payment = { ...o.payment, state: "processing", failure_code: null, attempts: (o.payment?.attempts ?? 0) + 1, updated_at: now };
      // The bank answers a few seconds later.
      wait(4000).then(() => {
        if (lens.order !== o) return;
        setOrder({ ...o, payment: { ...o.payment, state: "succeeded", updated_at: nowIso() } });
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
    // The seller's actions (the back office).
    case "confirm_order":
      o.status = "confirmed";
      break;
    case "issue_refund":
      o.refund = { amount: o.total, requested_at: o.refund?.requested_at ?? now, approved_at: o.refund?.approved_at ?? now, issued_at: now, completed_at: null };
      break;
    case "respond_to_dispute":
      o.dispute = { ...o.dispute, state: "awaiting_buyer" };
      break;
    case "contact_buyer":
    case "remind_buyer":
      return o; // sent; the order is as it was
    case "choose_alternative":
      o.items = o.items.map((it) => (it.in_stock ? it : item("JAS-050", it.qty)));
      break;
    default:
      return undefined; // nothing to change
  }
  return o;
}

function log(what, id) {
  const li = document.createElement("li");
  li.dataset.kind = what;
  li.textContent = `${time(clock())} — ${id}: ${UI[locale].did[what] ?? what}`;
  $("log").prepend(li);
}

/** Both views show the same order (the back office once it is shown). */
function setOrder(o) {
  lens.order = o;
  syncOffice();
}

/** The back office follows the storefront's order, language and clock; it
 * explains nothing until its tab is first shown. */
function syncOffice() {
  if (view !== "office") return;
  office.locale = locale;
  office.actionTimeout = lens.actionTimeout;
  if (office.order !== lens.order) office.order = lens.order;
}

for (const el of [lens, office]) {
  el.addEventListener("orderlens-action", (e) => {
    const { kind, orderId, respond } = e.detail;
    respond(
      backend(kind, el.order).then((o) => {
        if (o) {
          log(kind, orderId);
          // The other view follows (the one that asked renders the answer itself).
          if (el === office) lens.order = o;
          else if (view === "office") office.order = o;
        }
        summary(o ?? el.order);
        return o;
      }),
    );
  });
}

// The page's own texts use the widget's conventions: the widget's time zone
// (orderlens/runtime shows the shop's, settings.timezone, and says so),
// 24-hour times, and the currency as the widget writes it (CN¥ in English,
// ¥ in Chinese).
let zone; // the shop's, once the rules have loaded
// (No-break spaces inside a date, as the widget writes them.)
const fmt = (options) => (ms) => new Intl.DateTimeFormat(locale, { timeZone: zone, ...options }).format(ms).replace(/ /g, "\u00a0");
const month = () => (locale === "en" ? "short" : "long");
const time = (ms) => fmt({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" })(ms);
const dateTime = (ms) => fmt({ month: month(), day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })(ms);
const day = (ms) => fmt({ month: month(), day: "numeric" })(ms);

/** The page's own order summary (items and total), outside the widget. */
function summary(order) {
  const ui = UI[locale];
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: order.currency, currencyDisplay: "symbol" });
  $("meta").textContent = ui.placed.replace("{id}", order.id).replace("{date}", dateTime(Date.parse(order.created_at)));
  $("items").replaceChildren(
    ...order.items.map((it) => {
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = `${it.name}\u00a0×\u00a0${it.qty}`;
      li.append(name);
      if (!it.in_stock) {
        const oos = document.createElement("span");
        oos.className = "oos";
        oos.textContent = it.restock_at ? ui.oos + ui.sep + ui.back.replace("{date}", day(Date.parse(it.restock_at))) : ui.oos;
        li.append(oos);
      }
      return li;
    }),
  );
  $("total").textContent = money.format(order.total / 100);
}

function showClock() {
  const mins = Math.round(offset / MIN);
  const shift = mins === 0 ? "" : ` (${mins > 0 ? "+" : ""}${mins >= 1440 || mins <= -1440 ? `${Math.round(mins / 1440)} d` : mins >= 60 ? `${Math.round(mins / 60)} h` : `${mins} min`})`;
  $("clock-now").textContent = `${time(clock())}${shift}`;
}

/** How the simulated backend answers in this scenario. */
function showBackend() {
  $("log-state").textContent = UI[locale].backend[{ backend_rejects: "rejects", backend_silent: "silent" }[scenario] ?? "ok"];
}

function showScenario(name) {
  scenario = name;
  showBackend();
  const order = scenarioOrder(name);
  // A backend that never answers: the widget gives up sooner than its 15 s default.
  lens.actionTimeout = name === "backend_silent" ? 8000 : undefined;
  setOrder(order);
  summary(order);
}

function setLocale(next) {
  locale = UI[next] ? next : "en";
  document.documentElement.lang = locale;
  if (lens.order) localise(lens.order);
  lens.locale = locale;
  syncOffice();
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = UI[locale][el.dataset.t];
  for (const el of document.querySelectorAll("[data-t-label]")) el.setAttribute("aria-label", UI[locale][el.dataset.tLabel]);
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
  showBackend();
  showClock();
}

/** The storefront, or the back office next to it. */
function showView(name) {
  view = name === "office" ? "office" : "shop";
  document.body.dataset.view = view;
  $("office").hidden = view !== "office";
  $("buyer-h").hidden = view !== "office";
  syncOffice();
  for (const a of document.querySelectorAll("#tabs a")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}
let view = "shop";

function remember() {
  const q = new URLSearchParams({ scenario: $("scenario").value, locale, ...(view === "office" ? { view } : {}) });
  history.replaceState(null, "", `?${q}`);
}

const params = new URLSearchParams(location.search);
const preferred = params.get("locale") ?? navigator.languages.map((l) => (l.startsWith("zh") ? "zh-CN" : l.slice(0, 2))).find((l) => UI[l]) ?? "en";
// The rules the shop's server compiled, as bytes: the widget holds its place
// until they arrive, and shows its fallback (with the support link) if they
// cannot load. `?rules=NAME` loads NAME.olr instead (a test uses a broken one;
// index.html preloads /rules.olr).
const rules = fetch(`/${params.get("rules") ?? "rules"}.olr`)
  .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`rules: HTTP ${r.status}`))))
  .then((bytes) => compileRules(bytes));
lens.rules = rules;
// (Set at once: a runtime widget for the merchant's view without rules
// would fetch the package's own.)
office.rules = rules;
rules.then(
  (r) => {
    zone = r.timezone;
    if (lens.order) summary(lens.order);
    showClock();
  },
  () => {}, // the widget shows its fallback and warns
);
setLocale(preferred);
showView(params.get("view"));
$("scenario").value = SCENARIOS[params.get("scenario")] ? params.get("scenario") : "declined";
showScenario($("scenario").value);

$("scenario").addEventListener("change", (e) => {
  showScenario(e.target.value);
  remember();
});
$("tabs").addEventListener("click", (e) => {
  const a = e.target.closest("a[data-view]");
  if (!a) return;
  e.preventDefault();
  showView(a.dataset.view);
  remember();
});
$("locale").addEventListener("change", (e) => {
  setLocale(e.target.value);
  remember();
});
$("clock").addEventListener("click", (e) => {
  const step = e.target.closest("button")?.dataset.step;
  if (step === undefined) return;
  offset = Number(step) === 0 ? 0 : offset + Number(step);
  // The widget's clock runs on from the moment it is set.
  lens.now = office.now = clock();
  showClock();
});
setInterval(showClock, 15e3);
$("controls").addEventListener("submit", (e) => e.preventDefault());

// Exposed for the browser tests (they move the clock like the buttons do).
window.demo = {
  advance(ms) {
    offset += ms;
    lens.now = office.now = clock();
    showClock();
  },
};
document.body.dataset.state = "ready";
