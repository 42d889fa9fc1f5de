// The customer-facing widget: `mount()` and `<order-lens>`. Plain DOM in a
// shadow root; text only through text nodes (never innerHTML); styles
// through one shared constructable stylesheet (no inline styles, so a strict
// CSP is fine), or a <link> to widget.css where those are unavailable.
// The engine (`compileRules`, `CompiledRules`) comes from the entry that
// loaded the wasm: browser.js (full build) or runtime.js (runtime build).
import CSS from "./widget-css.js";

let engine;
/** @internal Called by the entry module once its wasm is ready. */
export function setEngine(e) {
  engine = e;
}

// The widget's own labels; everything else comes localized in the diagnosis.
const T = {
  en: {
    l: "en", region: "Order status", action_required: "Action needed", warning: "Attention", info: "Status",
    done: "done", current: "in progress", upcoming: "upcoming", overdue: "overdue",
    refund: "Refund progress", code: "Support code: ", newtab: " (opens in a new tab)",
    fallback: "We can't show the status of this order right now.",
    failed: "That didn't work. Please try again.",
  },
  "zh-CN": {
    l: "zh-CN", region: "订单状态", action_required: "需要您处理", warning: "请注意", info: "状态",
    done: "已完成", current: "进行中", upcoming: "待进行", overdue: "已逾期",
    refund: "退款进度", code: "客服查询码：", newtab: "（在新标签页中打开）",
    fallback: "暂时无法显示此订单的状态。",
    failed: "操作未成功，请重试。",
  },
  ru: {
    l: "ru", region: "Статус заказа", action_required: "Нужно действие", warning: "Внимание", info: "Статус",
    done: "выполнено", current: "в процессе", upcoming: "впереди", overdue: "просрочено",
    refund: "Возврат денег", code: "Код для поддержки: ", newtab: " (откроется в новой вкладке)",
    fallback: "Сейчас не получается показать статус этого заказа.",
    failed: "Не получилось. Попробуйте ещё раз.",
  },
};
const ICON = { info: "i", warning: "!", action_required: "!" };
const MARK = { done: "✓", current: "•", upcoming: "", overdue: "!" };
const MAX_DELAY = 2 ** 31 - 1;

/** Widget labels for a locale tag or Accept-Language-style list (first known language wins). */
function strings(locale) {
  for (const tag of [].concat(locale ?? []).join(",").split(",")) {
    const p = tag.trim().toLowerCase();
    if (p.startsWith("zh")) return T["zh-CN"];
    if (p.startsWith("ru")) return T.ru;
    if (p.startsWith("en")) return T.en;
  }
  return T.en;
}

/** An element with attributes (null/false skipped) and children (strings become text nodes). */
function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const k in attrs) if (attrs[k] != null && attrs[k] !== false) e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
  return fill(e, kids, "append");
}

/** Appends (or replaces with) the given children, skipping null/false and flattening arrays. */
function fill(e, kids, how = "replaceChildren") {
  e[how](...kids.flat(2).filter((k) => k != null && k !== false && k !== ""));
  return e;
}

function dates(locale, timeZone) {
  try {
    return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone });
  } catch {
    return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" });
  }
}

const toMs = (x) => (x instanceof Date ? x.getTime() : typeof x === "string" ? Date.parse(x) : Number(x));

let sheet;
function adopt(root) {
  if ("adoptedStyleSheets" in ShadowRoot.prototype && "replaceSync" in CSSStyleSheet.prototype) {
    try {
      if (!sheet) {
        const s = new CSSStyleSheet();
        s.replaceSync(CSS);
        sheet = s;
      }
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // fall through to the packaged stylesheet
    }
  }
  root.append(h("link", { rel: "stylesheet", href: new URL("./widget.css", import.meta.url).href }));
}

// Compiled rules shared by every widget: the built-in set, and merchant
// documents by identity (a RulesError is kept too, so it is not recompiled).
let builtIn;
const compiledDocs = new WeakMap();
function compile(doc) {
  if (!engine) throw new Error("no engine: await load() first");
  const { CompiledRules, compileRules } = engine;
  if (doc instanceof CompiledRules) return doc;
  if (doc == null) return (builtIn ??= compileRules());
  if (typeof doc !== "object") return compileRules(doc);
  let c = compiledDocs.get(doc);
  if (!c) {
    try {
      c = compileRules(doc);
    } catch (e) {
      c = { e };
    }
    compiledDocs.set(doc, c);
  }
  if (c.e) throw c.e;
  return c;
}

/** One rendered widget in a shadow root: state, rendering, timers, actions. */
class View {
  constructor(root, act) {
    adopt(root);
    this.act = act; // (action, order) => void; calls this.wait(promise) to go busy
    this.box = h("div", { part: "container", class: "c", role: "region" });
    this.live = h("div", { role: "status", "aria-live": "polite", class: "sr" });
    root.append(this.box, this.live);
    this.root = root;
    this.on = true;
    this.setNow();
    this.box.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.confirming) {
        e.stopPropagation();
        this.closeConfirm();
      }
    });
  }

  setNow(now) {
    if (typeof now === "function") this.clock = () => toMs(now());
    else if (now == null) this.clock = Date.now;
    else {
      const offset = toMs(now) - Date.now();
      this.clock = () => Date.now() + offset;
    }
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = 0;
  }

  /** Compiled rules for the current document, recompiled only when it changes. */
  rulesFor() {
    if (this.rulesIn !== this.rules || !this.rulesOut) {
      this.rulesIn = this.rules;
      try {
        this.rulesOut = { r: compile(this.rules) };
      } catch (e) {
        this.rulesOut = { e };
      }
    }
    if (this.rulesOut.e) throw this.rulesOut.e;
    return this.rulesOut.r;
  }

  render() {
    this.stop();
    if (this.dead) return;
    const { box, order } = this;
    const focusKey = this.root.activeElement?.dataset.k;
    box.hidden = order == null;
    if (order == null) return box.replaceChildren();
    let d;
    try {
      d = this.rulesFor().explain(order, { now: this.clock(), locale: this.locale ?? navigator.languages });
    } catch (e) {
      return this.fail(e, focusKey);
    }
    this.failed = null;
    this.d = d;
    const t = strings(d.locale);
    const busy = this.busy;
    const hd = d.headline;
    const sev = ICON[hd.severity] ? hd.severity : "info";

    const actions = h("div", { part: "actions", class: "ac" });
    const notes = [];
    let confirm;
    for (const a of d.actions) {
      const k = "a:" + a.kind;
      const part = a.primary ? " button-primary" : "";
      const cls = a.primary ? "btn p" : "btn";
      if (a.kind === "wait") {
        notes.push(h("p", { part: "wait", class: "nt" }, a.label));
      } else if (a.url) {
        if (/^https?:/i.test(a.url)) {
          actions.append(
            h("a", { part: "link" + part, class: cls, href: a.url, rel: "noopener noreferrer", target: "_blank", "data-k": k },
              a.label, h("span", { class: "sr" }, t.newtab)),
          );
        }
      } else {
        const b = h("button", { type: "button", part: "button" + part, class: cls, disabled: busy, "data-k": k }, a.label);
        b.addEventListener("click", () => (a.confirm ? this.openConfirm(a.kind) : this.run(a)));
        actions.append(b);
      }
      if (a.confirm && a.kind === this.confirming) confirm = a;
    }
    if (this.confirming && !confirm) this.confirming = null;
    if (confirm) {
      const c = confirm.confirm;
      const yes = h("button", { type: "button", part: "button button-primary", class: confirm.kind === "cancel_order" ? "btn p x" : "btn p", disabled: busy, "data-k": "yes" }, c.confirm_label);
      const no = h("button", { type: "button", part: "button", class: "btn", "data-k": "no" }, c.cancel_label);
      yes.addEventListener("click", () => {
        this.confirming = null;
        this.run(confirm);
      });
      no.addEventListener("click", () => this.closeConfirm());
      actions.replaceChildren(
        h("div", { part: "confirm", class: "cf", role: "group", tabindex: "-1", "aria-labelledby": "olct", "aria-describedby": "olcb", "data-k": "confirm" },
          h("p", { class: "ct", id: "olct" }, c.title),
          h("p", { id: "olcb" }, c.body),
          h("div", { class: "ac" }, yes, no)),
      );
    }

    const others = d.reasons.filter((r) => !(r.reason === hd.reason && r.rule === hd.rule));
    // Stage dates in the shop's zone, like every date in the engine's texts
    // (a customer elsewhere would otherwise see another day).
    const fmt = dates(d.locale, this.rulesFor().timezone);
    box.setAttribute("lang", d.locale);
    box.setAttribute("aria-label", t.region);
    box.setAttribute("aria-busy", busy ? "true" : "false");
    fill(box, [
      h("div", { part: "headline", class: "hd", "data-severity": sev },
        h("span", { class: "ic", "aria-hidden": "true" }, ICON[sev]),
        h("div", { class: "hx" },
          h("p", { class: sev === "info" ? "sr" : "sv" }, t[sev]),
          h("h2", { part: "title", class: "t", tabindex: "-1", "data-k": "title" }, hd.title),
          h("p", { part: "body", class: "b" }, hd.body))),
      others.length > 0 &&
        h("ul", { part: "reasons", class: "rs" },
          others.map((r) => h("li", { "data-severity": r.severity }, h("strong", null, r.title), " ", r.body))),
      this.error && h("p", { part: "error", class: "er", role: "alert" }, t.failed),
      (actions.childElementCount > 0) && actions,
      notes,
      d.deadlines.length > 0 &&
        h("ul", { class: "dl" }, d.deadlines.map((x) => h("li", { part: "deadline", "data-kind": x.kind }, x.label))),
      d.timeline.length > 0 &&
        h("section", { class: "tl", "aria-labelledby": "oltl" },
          h("h3", { class: "th", id: "oltl" }, t.refund),
          h("ol", { part: "timeline" },
            d.timeline.map((s) =>
              h("li", { part: "stage", class: "st " + s.state, "data-state": s.state, "aria-current": s.state === "current" ? "step" : null },
                h("span", { class: "dot", "aria-hidden": "true" }, MARK[s.state] ?? ""),
                h("span", { class: "sl" }, s.label),
                h("span", { class: s.state === "current" || s.state === "overdue" ? "ss" : "sr" }, h("span", { class: "sr" }, ", "), t[s.state] ?? s.state),
                s.at && !s.from && h("time", { class: "sa", datetime: s.at }, fmt.format(new Date(s.at))))))),
      d.support_code && h("p", { part: "support-code", class: "sc" }, t.code, h("span", null, d.support_code)),
    ]);
    this.live.setAttribute("lang", d.locale);
    if (this.said !== undefined && this.said !== hd.title) this.live.textContent = hd.title;
    this.said = hd.title;
    this.refocus(focusKey);

    if (d.valid_until && this.on) {
      const ms = Date.parse(d.valid_until) - this.clock();
      // A few ms late rather than early; never a tight loop on a stale value.
      this.timer = setTimeout(() => this.render(), ms >= 0 ? Math.min(ms + 5, MAX_DELAY) : 1000);
    }
  }

  /** The readable fallback for an order or rules the engine rejects, and one warning per bad input. */
  fail(e, focusKey) {
    const t = strings(this.locale ?? navigator.languages);
    this.d = null;
    this.box.setAttribute("lang", t.l);
    this.box.setAttribute("aria-label", t.region);
    this.box.setAttribute("aria-busy", "false");
    this.box.replaceChildren(
      h("div", { part: "headline", class: "hd", "data-severity": "warning" },
        h("span", { class: "ic", "aria-hidden": "true" }, ICON.warning),
        h("div", { class: "hx" }, h("p", { part: "body", class: "b" }, t.fallback))),
    );
    const key = [this.order, this.rulesIn, String(e)];
    if (!this.failed || key.some((x, i) => x !== this.failed[i])) {
      console.warn(`orderlens: cannot show this order (${e?.name ?? "Error"}): ${e?.message ?? e}`, e?.errors ?? e?.diagnostics ?? e);
    }
    this.failed = key;
    this.said = undefined;
    this.refocus(focusKey);
  }

  refocus(key) {
    if (key === undefined) return;
    const el = this.root.querySelector(`[data-k="${key}"]:not(:disabled)`) ?? this.root.querySelector('[data-k="title"]');
    el?.focus();
  }

  openConfirm(kind) {
    this.confirming = kind;
    this.returnTo = "a:" + kind;
    this.render();
    this.root.querySelector('[data-k="confirm"]')?.focus();
  }

  closeConfirm() {
    this.confirming = null;
    this.render();
    this.root.querySelector(`[data-k="${this.returnTo}"]`)?.focus();
  }

  run(action) {
    this.error = false;
    this.act(action, this.order);
    if (!this.busy) this.render();
  }

  /** Busy until `p` settles; an order it resolves to replaces the current one. */
  async wait(p) {
    this.busy = true;
    this.error = false;
    this.render();
    try {
      const next = await p;
      if (next != null && typeof next === "object") this.order = next;
    } catch (e) {
      this.error = true;
      console.warn("orderlens: the action failed:", e);
    }
    this.busy = false;
    this.render();
  }
}

/**
 * Renders the diagnosis of `order` into `element` (in a shadow root) and keeps it
 * current: `{ update(order), destroy() }`.
 */
export function mount(element, options = {}) {
  if (!element || typeof element.append !== "function") throw new TypeError("orderlens: mount(element, options) needs a DOM element");
  const { order, rules, locale, now, onAction } = options;
  const host = h("div", { class: "orderlens" });
  element.append(host);
  const view = new View(host.attachShadow({ mode: "open" }), (action, o) => {
    if (typeof onAction === "function") view.wait(new Promise((ok) => ok(onAction(action, o))));
  });
  Object.assign(view, { order, rules, locale });
  view.setNow(now);
  view.render();
  return {
    update(next) {
      if (view.dead) return;
      view.order = next;
      view.error = false;
      view.render();
    },
    destroy() {
      view.stop();
      view.dead = true;
      view.on = false;
      host.remove();
    },
  };
}

const Base = globalThis.HTMLElement ?? class {};

/** `<order-lens>`: properties `order`, `rules`, `locale`, `now`; attribute `locale`; event `orderlens-action`. */
export class OrderLensElement extends Base {
  static get observedAttributes() {
    return ["locale"];
  }

  #v;
  #queued = false;

  constructor() {
    super();
    this.#v = new View(this.attachShadow({ mode: "open" }), (action) => {
      let answered = false;
      this.dispatchEvent(
        new CustomEvent("orderlens-action", {
          bubbles: true,
          composed: true,
          detail: {
            kind: action.kind,
            orderId: this.#v.d?.order_id ?? "",
            respond: (p) => {
              if (answered) return;
              answered = true;
              this.#v.wait(p);
            },
          },
        }),
      );
    });
    this.#v.on = false;
    this.#v.locale = this.getAttribute("locale") ?? undefined;
    // Properties set before the element was defined shadow the accessors.
    for (const p of ["order", "rules", "locale", "now"]) {
      if (Object.prototype.hasOwnProperty.call(this, p)) {
        const v = this[p];
        delete this[p];
        this[p] = v;
      }
    }
  }

  get order() {
    return this.#v.order;
  }
  set order(v) {
    this.#v.order = v;
    this.#v.error = false;
    this.#queue();
  }
  get rules() {
    return this.#v.rules;
  }
  set rules(v) {
    this.#v.rules = v;
    this.#queue();
  }
  get locale() {
    return this.#v.locale;
  }
  set locale(v) {
    this.#v.locale = v ?? undefined;
    if (typeof v === "string") {
      if (this.getAttribute("locale") !== v) this.setAttribute("locale", v);
    } else if (this.hasAttribute("locale")) this.removeAttribute("locale");
    this.#queue();
  }
  /** The evaluation time at the moment it is set (the clock runs on from there), or a function returning it. */
  get now() {
    return this.#v.nowIn;
  }
  set now(v) {
    this.#v.nowIn = v;
    this.#v.setNow(v);
    this.#queue();
  }
  /** The diagnosis on screen (null before the first render or for the fallback). */
  get diagnosis() {
    return this.#v.d ?? null;
  }

  attributeChangedCallback(_name, _old, value) {
    const v = this.#v;
    if (value !== null ? v.locale !== value : typeof v.locale === "string") {
      v.locale = value ?? undefined;
      this.#queue();
    }
  }

  connectedCallback() {
    this.#v.on = true;
    this.#queue();
  }

  disconnectedCallback() {
    this.#v.on = false;
    this.#v.stop();
  }

  #queue() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (this.isConnected) this.#v.render();
    });
  }
}

/** Registers `<order-lens>` once (a second copy of the package leaves the first in place). */
export function defineOrderLens(name = "order-lens") {
  if (globalThis.customElements && !customElements.get(name)) customElements.define(name, OrderLensElement);
}
