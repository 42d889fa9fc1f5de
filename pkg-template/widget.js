// The customer-facing widget: `mount()` and `<order-lens>`. Plain DOM in a
// shadow root; text only through text nodes (never innerHTML); styles
// through one shared constructable stylesheet (no inline styles, so a strict
// CSP is fine), or a <link> to widget.css where those are unavailable.
// The engine (`compileRules`, `CompiledRules`) comes from the entry that
// loaded the wasm: browser.js (full build) or runtime.js (runtime build).
// Every label is a catalog message (`widget.*`, rendered by the engine), so
// merchants can override them and their own locales have them.
import CSS from "./widget-css.js";

let engine;
const waiting = new Set(); // views rendered before the engine was ready
/** @internal Called by the entry module once its wasm is ready. */
export function setEngine(e) {
  engine = e;
  for (const v of waiting) v.render();
  waiting.clear();
}

const ICON = { info: "i", warning: "!", action_required: "!", success: "✓" };
const MARK = { done: "✓", current: "•", upcoming: "", overdue: "!" };
// Calm states that are finished: shown with a success look.
const DONE = ["order_completed", "refund_completed", "order_confirmed"];
const MAX_DELAY = 2 ** 31 - 1;
const MIN = 60e3;
const HOUR = 60 * MIN;
const URGENT = 5 * MIN;

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

const toMs = (x) => (x instanceof Date ? x.getTime() : typeof x === "string" ? Date.parse(x) : Number(x));
const isPromise = (x) => typeof x?.then === "function";
/** How text is set for a locale: line-breaking rules of Chinese and Russian. */
/**
 * How text is set for a locale: the line-breaking rules of Chinese and
 * Russian, and an order id that never breaks at its hyphens.
 */
const typist = (locale, id) => {
  const set = locale.startsWith("zh") ? zh : locale.startsWith("ru") ? ru : (s) => s;
  return (text) => (id ? text.split(id).flatMap((part, i) => [i > 0 && h("span", { class: "nw" }, id), set(part)]) : set(text));
};
// The browser's time zone: whose clock the shopper reads.
const here = Intl.DateTimeFormat().resolvedOptions().timeZone;

// Russian: a one-letter word (в, с, и …) is bound to the next word and a
// dash to the word before it, so that neither is left alone at a line end.
const ru = (text) => text.replace(/(?<=^|[\s(«„])([а-яё])\s/giu, "$1\u00a0").replace(/\s—/g, "\u00a0—");

// Chinese: a line may break only between words (Intl.Segmenter), never
// inside one (the stylesheet sets `word-break: keep-all`), nor next to a
// digit (dates such as 12月8日, amounts).
let seg;
const HAN = /[\u3400-\u9fff]/;
function zh(text) {
  try {
    seg ??= new Intl.Segmenter("zh", { granularity: "word" });
  } catch {
    return text;
  }
  const out = [];
  let prev = "";
  for (const { segment } of seg.segment(text)) {
    if (HAN.test(prev.at(-1)) && HAN.test(segment[0])) out.push(h("wbr"));
    out.push(segment);
    prev = segment;
  }
  return out;
}

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
  if (!root.querySelector("link[rel=stylesheet]")) root.append(h("link", { rel: "stylesheet", href: new URL("./widget.css", import.meta.url).href }));
}

// Compiled rules shared by every widget: the built-in set, and merchant
// documents by identity (a RulesError is kept too, so it is not recompiled).
let builtIn;
// The package's compiled built-in rules, fetched once: [buyer's side, both views].
const defaultRules = [];
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

/** The localized name of a time zone ("Pacific Time"), else its IANA name. */
function zoneName(zone, locale, now) {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "longGeneric" }).formatToParts(now);
    return parts.find((p) => p.type === "timeZoneName")?.value ?? zone;
  } catch {
    return zone;
  }
}

/**
 * orderlens/runtime embeds the built-in rules in English only: for a widget
 * without rules in another language, the package's compiled built-in rules
 * in every shipped locale are fetched once (English if that fails).
 * So is it for the merchant's view (audience="merchant"): the runtime's
 * embedded rules are the buyer's side only; the seller's texts come in
 * their own file, which shoppers' pages never load.
 */
function fetchRules(v) {
  if (engine?.loadRules && v.rules == null && !v.wrules && (v.audience == "merchant" || !/^en\b/i.test([].concat(v.locale ?? navigator.languages)[0] ?? "en"))) {
    const merchant = v.audience == "merchant";
    // A page often sets its own rules just after the runtime's import
    // resolves, which is after this: the package's are fetched a task
    // later, and only if the page has not set any meanwhile.
    const later = new Promise((ok) => setTimeout(ok)).then(() =>
      v.prules === token ? (defaultRules[+merchant] ??= engine.loadRules(undefined, { audience: merchant ? "merchant" : "buyer" }).catch(() => engine.compileRules())) : null,
    );
    v.set("rules", later);
    const token = v.prules;
  }
}

/** Whether the headline of `d` already gives the date or time in `label` (its digits and what joins them). */
function said(label, d) {
  const at = (label.match(/\d{1,2}:\d\d|\d+月\d+日/) ?? label.match(/[^ ]*\d[^ ]*/))?.[0].replace(/[.,;:。]$/, "");
  return !!at && d.headline.body.includes(at);
}

/** Whether any text of `d` shows a date or a time (they hold a no-break space or 月, or read hh:mm). */
function timed(d) {
  const texts = [d.headline.body, ...d.reasons.map((r) => r.body), ...d.actions.map((a) => a.label), ...d.deadlines.map((x) => x.label), ...d.timeline.map((s) => s.detail)];
  return texts.some((x) => /\d:\d\d|\d\u00a0|\u00a0\d|\d月/.test(x));
}

/**
 * Deadlines: the label, unless the headline already states the time; a
 * live countdown in the last hour (kept in `v.cds` for `tick`).
 */
function deadlinesOf(v, d, now, t) {
  v.cds = [];
  const deadlines = [];
  for (const x of d.deadlines) {
    const left = Date.parse(x.at) - now;
    const cd = left <= HOUR && h("span", { class: "cd", "data-at": x.at });
    if (cd) v.cds.push(cd);
    // A deadline whose time the headline already gives ("…before 10:28, or
    // the order is cancelled") shows only its countdown.
    const dup = said(x.label, d);
    if (!dup || cd) deadlines.push(h("li", { part: "deadline", "data-kind": x.kind }, !dup && t(x.label), cd));
  }
  return deadlines.length > 0 && h("ul", { class: "dl" }, deadlines);
}

/** Fills the view's container with `kids`, as the region showing an order in `lang` (busy while an action runs). */
function region(v, lang, m, busy, kids) {
  const { box } = v;
  v.server = false;
  box.className = "c";
  box.setAttribute("role", "region");
  box.setAttribute("lang", lang);
  // A back office's widget is named apart from the customer's (a page may show both).
  box.setAttribute("aria-label", (v.audience == "merchant" && m("merchant.widget.region")) || m("widget.region"));
  box.setAttribute("aria-busy", busy ? "true" : "false");
  fill(box, kids);
}

/** The refund timeline: each stage's mark, label, state and detail. */
function timeline(d, m, t) {
  return h("section", { class: "tl", "aria-labelledby": "oltl" },
    h("h3", { class: "th", id: "oltl" }, m("widget.refund_progress")),
    h("ol", { part: "timeline" },
      d.timeline.map((s) =>
        h("li", { part: "stage", class: "st " + s.state, "data-state": s.state, "aria-current": s.state === "current" ? "step" : null },
          h("span", { class: "dot", "aria-hidden": "true" }, MARK[s.state] ?? ""),
          h("span", { class: "sl" }, t(s.label)),
          h("span", { class: s.state === "current" || s.state === "overdue" ? "ss" : "sr" }, h("span", { class: "sr" }, ", "), m("widget.stage." + s.state)),
          s.detail && h("span", { class: "sa" }, h("span", { class: "sr" }, ", "), t(s.detail))))));
}

/** A link action (`same`: opens in this tab). */
function link(m, label, href, cls, part, k, same) {
  return h("a", { part, class: cls, href, rel: "noopener noreferrer", target: same ? null : "_blank", "data-k": k },
    label, !same && h("span", { class: "sr" }, " ", m("widget.new_tab")));
}

/**
 * The actions of `d`: links and buttons in their container (or the
 * confirmation, when one is open), then the notes `wait` becomes.
 */
function actionsOf(v, d, m, t, emphasis) {
  const busy = v.busy;
  const button = (a, k, label, cls, part, onClick) => {
    const pressed = busy?.k === k;
    const b = h("button", { type: "button", part, class: cls + (pressed ? " bz" : ""), "aria-disabled": busy ? "true" : null, "data-k": k },
      pressed && h("span", { class: "sp", "aria-hidden": "true" }),
      pressed ? m("widget.pending", { action: a.kind }) : label);
    b.addEventListener("click", () => v.busy || onClick());
    return b;
  };
  const actions = h("div", { part: "actions", class: "ac" });
  const notes = [];
  let confirm;
  for (const a of d.actions) {
    const k = "a:" + a.kind;
    const primary = a.primary && emphasis;
    const part = primary ? " button-primary" : "";
    const cls = primary ? "btn p" : "btn";
    if (a.kind === "wait") {
      // "No action needed until 10:35" next to "…we'll update this page by 10:35" says nothing new.
      if (!said(a.label, d)) notes.push(h("p", { part: "wait", class: "nt" }, t(a.label)));
    } else if (a.url) {
      if (/^https?:/i.test(a.url)) actions.append(link(m, a.label, a.url, cls, "link" + part, k, a.kind === "reorder"));
    } else {
      actions.append(button(a, k, a.label, cls, "button" + part, () => (a.confirm ? v.openConfirm(a.kind) : v.run(a, k))));
    }
    if (a.confirm && a.kind === v.confirming) confirm = a;
  }
  if (v.confirming && !confirm) v.confirming = null;
  if (confirm) {
    const c = confirm.confirm;
    const yes = button(confirm, "yes", c.confirm_label, confirm.kind === "cancel_order" ? "btn p x" : "btn p", "button button-primary", () => v.run(confirm, "yes"));
    const no = button(confirm, "no", c.cancel_label, "btn", "button", () => v.closeConfirm());
    actions.replaceChildren(
      h("div", { part: "confirm", class: v.opening ? "cf in" : "cf", role: "alertdialog", tabindex: "-1", "aria-labelledby": "olct", "aria-describedby": "olcb", "data-k": "confirm" },
        h("p", { class: "ct", id: "olct" }, t(c.title)),
        h("p", { id: "olcb" }, t(c.body)),
        h("div", { class: "ac" }, yes, no)),
    );
  }
  return [actions.childElementCount > 0 && actions, notes];
}

/** One rendered widget in a shadow root: state, rendering, timers, actions. */
class View {
  constructor(root, act) {
    adopt(root);
    this.act = act; // (action, order) => false when nobody handles it; calls this.wait(promise) to go busy
    // Markup rendered on the server (renderHTML: a declarative shadow root)
    // stays, in place of the placeholder, until the first render replaces
    // its content in one step.
    const box = root.querySelector('[part="container"]');
    this.server = !!box;
    this.box = box ?? h("div", { part: "container", class: "c" });
    this.live = (box && root.querySelector('[role="status"]')) ?? h("div", { role: "status", "aria-live": "polite", class: "sr" });
    if (!box) root.append(this.box, this.live);
    this.root = root;
    this.on = true;
    this.setNow();
    this.box.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.confirming && !this.busy) {
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
    clearTimeout(this.ticker);
    this.timer = this.ticker = 0;
  }

  /** Takes `value` for `key` ("order" or "rules"); a promise is awaited first (the placeholder shows meanwhile). */
  set(key, value) {
    const token = (this["p" + key] = {});
    if (!isPromise(value)) {
      this[key] = value;
      this["w" + key] = false;
      return;
    }
    this["w" + key] = true;
    value.then(
      (v) => this["p" + key] === token && (this.set(key, v), this.render()),
      (e) => {
        if (this["p" + key] !== token) return;
        this["w" + key] = false;
        this[key] = { failed: e };
        this.render();
      },
    );
  }

  /** Compiled rules for the current document, recompiled only when it changes. */
  rulesFor() {
    if (this.rulesIn !== this.rules || !this.rulesOut) {
      this.rulesIn = this.rules;
      try {
        if (this.rules?.failed) throw this.rules.failed;
        this.rulesOut = { r: compile(this.rules) };
      } catch (e) {
        this.rulesOut = { e };
      }
    }
    if (this.rulesOut.e) throw this.rulesOut.e;
    return this.rulesOut.r;
  }

  /** The time zone texts show times in, when not the shop's: the shopper's, unless `timeZone` says otherwise. */
  zoneFor(rules) {
    let z = this.timeZone ?? "local";
    if (z === "local") z = here;
    return z === "shop" || z === rules.timezone ? undefined : z;
  }

  placeholder() {
    this.stop();
    this.d = null;
    waiting.add(this);
    if (this.server) return;
    this.box.className = "c ld";
    this.box.removeAttribute("role");
    this.box.setAttribute("aria-busy", "true");
    fill(this.box, [h("div", { part: "placeholder", class: "sk", "aria-hidden": "true" }, h("i"), h("i"), h("i"))]);
  }

  render() {
    this.stop();
    if (this.dead) return;
    const { box, order } = this;
    const focusKey = this.root.activeElement?.dataset.k;
    box.hidden = order === null;
    if (order === null) {
      this.server = false;
      this.d = null;
      return box.replaceChildren();
    }
    fetchRules(this);
    if (!engine || this.worder || this.wrules || order === undefined) return this.placeholder();
    const now = this.clock();
    let d, rules, zone;
    try {
      if (order?.failed) throw order.failed;
      rules = this.rulesFor();
      zone = this.zoneFor(rules);
      const opts = { now, locale: this.locale ?? navigator.languages, timeZone: zone, audience: this.audience };
      try {
        d = rules.explain(order, opts);
      } catch (e) {
        // A zone this engine does not know: the shop's, labelled.
        if (!zone || e.name !== "RangeError") throw e;
        d = rules.explain(order, { ...opts, timeZone: (zone = undefined) });
      }
    } catch (e) {
      return this.fail(e, rules, focusKey);
    }
    this.failed = null;
    this.d = d;
    const m = (key, values) => rules.message(key, values, { locale: d.locale });
    const t = typist(d.locale, d.order_id);
    const hd = d.headline;
    const sev = !ICON[hd.severity] ? "info" : hd.severity === "info" && DONE.includes(hd.reason) ? "success" : hd.severity;
    // A filled button only when the customer has something to do.
    const emphasis = sev === "action_required" || sev === "warning";
    const actions = actionsOf(this, d, m, t, emphasis);
    const deadlines = deadlinesOf(this, d, now, t);
    const others = d.reasons.filter((r) => !(r.reason === hd.reason && r.rule === hd.rule));
    region(this, d.locale, m, this.busy, [
      h("div", { part: "headline", class: "hd", "data-severity": sev },
        h("span", { class: "ic", "aria-hidden": "true" }, ICON[sev]),
        h("div", { class: "hx" },
          h("p", { class: emphasis ? "sv" : "sr" }, m("widget.severity." + (sev === "success" ? "info" : sev))),
          h("h2", { part: "title", class: "t", tabindex: "-1", "data-k": "title" }, t(hd.title))),
        h("p", { part: "body", class: "b" }, t(hd.body))),
      others.length > 0 &&
        h("ul", { part: "reasons", class: "rs" },
          others.map((r) => h("li", { "data-severity": r.severity }, h("strong", null, t(r.title)), " ", t(r.body)))),
      this.error &&
        this.errorBlock(m, t, d.actions.find((a) => a.kind === "contact_support")?.url ?? rules.supportUrl ?? this.supportUrl, d.support_code),
      actions,
      deadlines,
      d.timeline.length > 0 && timeline(d, m, t),
      timed(d) && (zone || rules.timezone !== here) &&
        h("p", { part: "time-zone", class: "tz" }, t(m("widget.time_zone", { zone: zoneName(zone ?? rules.timezone, d.locale, now) }))),
      this.code(m, d.support_code),
    ]);
    this.live.setAttribute("lang", d.locale);
    if (this.said !== undefined && this.said !== hd.title) this.live.textContent = hd.title;
    this.said = hd.title;
    this.refocus(focusKey);
    this.tick(m);

    if (d.valid_until && this.on) {
      const ms = Date.parse(d.valid_until) - this.clock();
      // A few ms late rather than early; never a tight loop on a stale value.
      this.timer = setTimeout(() => this.render(), ms >= 0 ? Math.min(ms + 5, MAX_DELAY) : 1000);
    }
  }

  /** Updates the countdowns in place (once a minute), and renders again when a deadline enters its last hour. */
  tick(m) {
    clearTimeout(this.ticker);
    if (!this.on || !this.d) return;
    const now = this.clock();
    let next = Infinity;
    for (const el of this.cds) {
      const left = Date.parse(el.dataset.at) - now;
      if (left <= 0) continue;
      el.textContent = m("widget.countdown", { minutes: Math.floor(left / MIN) });
      el.classList.toggle("u", left <= URGENT);
      next = Math.min(next, (left % MIN) + 5);
    }
    for (const x of this.d.deadlines) {
      const early = Date.parse(x.at) - HOUR - now;
      if (early > 0) next = Math.min(next, early + 5);
    }
    // A deadline entering its last hour needs a render (for its countdown).
    const due = () => this.d.deadlines.filter((x) => Date.parse(x.at) - this.clock() <= HOUR).length;
    if (next < Infinity) this.ticker = setTimeout(() => (due() === this.cds.length ? this.tick(m) : this.render()), Math.min(next, MAX_DELAY));
  }

  code(m, code) {
    return code && h("p", { part: "support-code", class: "sc" }, m("widget.support_code"), " ", h("span", { class: "code" }, code));
  }

  /** What went wrong with the last action, what the shop said, and where to get help. */
  errorBlock(m, t, support, code) {
    const { kind, why, message } = this.error;
    return h("div", { part: "error", class: "er", role: "alert" },
      h("p", { class: "et" }, t(m("widget.action_failed", { action: kind }))),
      message ? h("p", { class: "em" }, message) : why && h("p", null, t(m(why))),
      why !== "widget.not_handled" && h("p", null, t(m("widget.try_again"))),
      support && h("p", null, h("a", { href: support, rel: "noopener noreferrer", target: "_blank", class: "el" }, m("action.contact_support.label"), h("span", { class: "sr" }, " ", m("widget.new_tab")))),
      this.code(m, code));
  }

  /** The readable fallback for an order or rules the engine rejects (naming the order, with the support link where known), and one warning per bad input. */
  fail(e, rules, focusKey) {
    this.d = null;
    let cat = rules;
    try {
      cat ??= compile();
    } catch {
      // no catalog at all: the labels stay empty
    }
    const locale = this.locale ?? navigator.languages;
    // The negotiated locale: the one a diagnosis would be in.
    const lang = cat?.explain({ id: "-", status: "confirmed", created_at: new Date(0).toISOString() }, { now: 0, locale }).locale ?? "en";
    const m = (key, values) => cat?.message(key, values, { locale: lang }) ?? "";
    const id = this.order?.id;
    const support = rules?.supportUrl ?? this.supportUrl;
    const t = typist(lang, typeof id === "string" || typeof id === "number" ? String(id) : "");
    region(this, lang, m, false, [
      h("div", { part: "headline", class: "hd", "data-severity": "warning" },
        h("span", { class: "ic", "aria-hidden": "true" }, ICON.warning),
        h("div", { class: "hx" }, h("p", { part: "body", class: "b" }, t(m("widget.fallback", typeof id === "string" || typeof id === "number" ? { order_id: String(id) } : {}))))),
      support && h("div", { part: "actions", class: "ac" }, link(m, m("action.contact_support.label"), support, "btn", "link", "a:contact_support")),
    ]);
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
    const el = this.root.querySelector(`[data-k="${key}"]`) ?? this.root.querySelector('[data-k="title"]');
    el?.focus();
  }

  openConfirm(kind) {
    this.confirming = kind;
    this.returnTo = "a:" + kind;
    this.error = null;
    // Fades in when it opens, not again at each render.
    this.opening = true;
    this.render();
    this.opening = false;
    // The safe choice has the focus: Enter by mistake keeps the order.
    this.root.querySelector('[data-k="no"]')?.focus();
  }

  closeConfirm() {
    this.confirming = null;
    this.render();
    this.root.querySelector(`[data-k="${this.returnTo}"]`)?.focus();
  }

  run(action, k) {
    if (this.busy) return; // a second press sends nothing
    this.error = null;
    this.pressed = k;
    if (this.act(action, this.order) === false) {
      this.confirming = null;
      this.error = { kind: action.kind, why: "widget.not_handled" };
    }
    if (!this.busy) {
      this.render();
      this.refocusAfter(action);
    }
  }

  refocusAfter(action) {
    if (this.error) this.root.querySelector(`[data-k="a:${action.kind}"]`)?.focus();
  }

  /** Busy until `p` settles (or `actionTimeout` passes); an order it resolves to replaces the current one. */
  async wait(p, action) {
    const busy = (this.busy = { k: this.pressed ?? "a:" + action.kind, kind: action.kind });
    this.error = null;
    this.render();
    let timer;
    const limit = this.actionTimeout ?? 15000;
    try {
      const next = await Promise.race([
        p,
        new Promise((_, fail) => (timer = setTimeout(() => fail({ why: "widget.no_answer" }), limit))),
      ]);
      if (this.busy !== busy) return;
      if (next != null && typeof next === "object") this.order = next;
    } catch (e) {
      if (this.busy !== busy) return;
      const message = e?.why ? null : typeof e?.message === "string" && e.message.trim() ? e.message.trim().slice(0, 300) : null;
      this.error = { kind: action.kind, why: e?.why ?? null, message };
      if (!e?.why) console.warn("orderlens: the action failed:", e);
    } finally {
      clearTimeout(timer);
    }
    this.busy = null;
    this.confirming = null;
    this.render();
    this.refocusAfter(action);
  }
}

/**
 * Renders the diagnosis of `order` into `element` (in a shadow root) and keeps it
 * current: `{ update(order), destroy() }`.
 */
export function mount(element, options = {}) {
  if (!element || typeof element.append !== "function") throw new TypeError("orderlens: mount(element, options) needs a DOM element");
  const { order, rules, locale, now, onAction, timeZone, actionTimeout, supportUrl, audience } = options;
  const host = h("div", { class: "orderlens" });
  element.append(host);
  const view = new View(host.attachShadow({ mode: "open" }), (action, o) => {
    if (typeof onAction !== "function") return false;
    view.wait(new Promise((ok) => ok(onAction(action, o))), action);
  });
  Object.assign(view, { locale, timeZone, actionTimeout, supportUrl, audience });
  view.set("order", order);
  view.set("rules", rules);
  view.setNow(now);
  view.render();
  return {
    update(next) {
      if (view.dead) return;
      view.set("order", next);
      view.error = null;
      view.render();
    },
    destroy() {
      view.stop();
      view.dead = true;
      view.on = false;
      waiting.delete(view);
      host.remove();
    },
  };
}

const Base = globalThis.HTMLElement ?? class {};
// Attributes and the properties they set.
const ATTRS = { locale: "locale", "time-zone": "timeZone", "support-url": "supportUrl", "action-timeout": "actionTimeout", audience: "audience" };

/**
 * `<order-lens>`: properties `order`, `rules`, `locale`, `now`, `timeZone`,
 * `actionTimeout`, `supportUrl`, `audience`; attributes `locale`, `time-zone`,
 * `action-timeout`, `support-url`, `audience`; event `orderlens-action`.
 */
export class OrderLensElement extends Base {
  static get observedAttributes() {
    return Object.keys(ATTRS);
  }

  #v;
  #queued = false;

  constructor() {
    super();
    // A declarative shadow root (renderHTML's markup) is taken over as it is.
    this.#v = new View(this.shadowRoot ?? this.attachShadow({ mode: "open" }), (action) => {
      let answered = false;
      const ev = new CustomEvent("orderlens-action", {
        bubbles: true,
        composed: true,
        cancelable: true,
        detail: {
          kind: action.kind,
          orderId: this.#v.d?.order_id ?? "",
          action,
          respond: (p) => {
            if (answered) return;
            answered = true;
            this.#v.wait(p, action);
          },
        },
      });
      this.dispatchEvent(ev);
      // Nobody answered and nobody called preventDefault(): no handler on this page.
      return answered || ev.defaultPrevented;
    });
    this.#v.on = false;
    // Properties set before the element was defined shadow the accessors.
    for (const p of ["order", "rules", "locale", "now", "timeZone", "actionTimeout", "supportUrl", "audience"]) {
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
  /** The order (or a promise of it: the placeholder shows until it settles). `null` shows nothing. */
  set order(v) {
    this.#v.set("order", v);
    this.#v.error = null;
    this.#queue();
  }
  get rules() {
    return this.#v.rules;
  }
  /** A rules document, compiled rules or their bytes, or a promise of any (the placeholder shows until it settles; a rejection shows the fallback). */
  set rules(v) {
    this.#v.set("rules", v);
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
  /** Whose clock times are shown on: "local" (the browser's zone, default), "shop" (settings.timezone, labelled), or an IANA zone. */
  get timeZone() {
    return this.#v.timeZone;
  }
  set timeZone(v) {
    this.#v.timeZone = v ?? undefined;
    this.#queue();
  }
  /** Milliseconds an action's promise may take before it counts as failed (default 15000). */
  get actionTimeout() {
    return this.#v.actionTimeout;
  }
  set actionTimeout(v) {
    this.#v.actionTimeout = v == null ? undefined : Number(v);
  }
  /** Where to get help when the rules (and so settings.support_url) cannot load. */
  get supportUrl() {
    return this.#v.supportUrl;
  }
  set supportUrl(v) {
    this.#v.supportUrl = v && /^https?:/i.test(v) ? String(v) : undefined;
    this.#queue();
  }
  /** Whose view: "buyer" (default) or "merchant" (a shop's back office, SPEC §3.3). */
  get audience() {
    return this.#v.audience;
  }
  set audience(v) {
    this.#v.audience = v ?? undefined;
    this.#queue();
  }
  /** The diagnosis on screen (null before the first render, for the fallback and with no order). */
  get diagnosis() {
    return this.#v.d ?? null;
  }

  attributeChangedCallback(name, _old, value) {
    const p = ATTRS[name];
    const v = this.#v;
    if (p === "locale") {
      if (value !== null ? v.locale !== value : typeof v.locale === "string") {
        v.locale = value ?? undefined;
        this.#queue();
      }
    } else this[p] = value ?? undefined;
  }

  connectedCallback() {
    this.#v.on = true;
    this.#queue();
  }

  disconnectedCallback() {
    this.#v.on = false;
    this.#v.stop();
    waiting.delete(this.#v);
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
