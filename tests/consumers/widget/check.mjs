// The widget in headless Chromium (playwright-core, /usr/bin/chromium),
// served with the strict CSP of scripts/demo-server.mjs:
//
//   node check.mjs demo   --www DIR --pkg DIR [--shots DIR]   the demo storefront
//   node check.mjs widget --www DIR --pkg DIR --test DIR      mount() on a plain page
//
// Every page fails a test on a console error, an uncaught exception, a failed
// request, an HTTP error or a CSP violation; console warnings are failures
// too except where a test expects one. Needs TOOLS (build/tools).
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { startDemoServer } from "../../../scripts/demo-server.mjs";

const args = process.argv.slice(2);
const suite = args[0];
const opt = (name) => (args.includes(`--${name}`) ? resolve(args[args.indexOf(`--${name}`) + 1]) : undefined);
const { chromium } = createRequire(join(resolve(process.env.TOOLS ?? "build/tools"), "package.json"))("playwright-core");

const routes = { "/": opt("www"), "/orderlens/": opt("pkg") };
if (opt("test")) routes["/test/"] = opt("test");
const srv = await startDemoServer({ routes });
const base = `http://127.0.0.1:${srv.port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

const results = [];
async function test(name, fn, context = {}) {
  const t0 = Date.now();
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, ...context });
  const page = await ctx.newPage();
  const problems = [];
  const warnings = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
    if (m.type() === "warning") warnings.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  // (ERR_ABORTED: a request cut short by the next navigation, e.g. the favicon.)
  page.on("requestfailed", (r) => r.failure()?.errorText !== "net::ERR_ABORTED" && problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
  });
  let error;
  try {
    const expectWarnings = (await fn(page, { warnings, ctx })) ?? 0;
    for (const v of await page.evaluate(() => window.__csp)) problems.push(`CSP violation: ${v}`);
    if (warnings.length !== expectWarnings) problems.push(`${warnings.length} console warnings, expected ${expectWarnings}: ${warnings.join(" | ")}`);
  } catch (e) {
    error = e;
  }
  await ctx.close();
  if (error) problems.unshift(`error: ${error.message.split("\n").slice(0, 6).join("\n    ")}`);
  results.push({ name, ok: problems.length === 0 });
  console.log(`${problems.length ? "FAIL" : "ok  "} ${name} (${Date.now() - t0} ms)`);
  for (const p of problems) console.log(`    ${p}`);
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

// In-page helpers (strings, so they run inside the page).
const DEEP_ACTIVE = () => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return { k: a?.dataset?.k ?? null, part: a?.getAttribute("part") ?? null, tag: a?.tagName };
};
const titleOf = (page, sel = "order-lens") => page.evaluate((s) => document.querySelector(s)?.shadowRoot?.querySelector('[part="title"]')?.textContent ?? "", sel);
const waitTitle = (page, re, sel = "order-lens", timeout = 8000) =>
  page.waitForFunction(
    ([s, src]) => new RegExp(src).test(document.querySelector(s)?.shadowRoot?.querySelector('[part="title"]')?.textContent ?? ""),
    [sel, re.source],
    { timeout },
  );
const ready = (page) => page.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout: 20000 });

async function demo(page, scenario, locale) {
  await page.goto(`${base}/?scenario=${scenario}&locale=${locale}`);
  await ready(page);
  await page.waitForFunction(() => document.querySelector("order-lens")?.shadowRoot?.querySelector('[part="title"]'));
}

// ---------------------------------------------------------------------------
if (suite === "demo") {
  const scenarios = ["declined", "processing", "out_of_stock", "delivered", "refund", "dispute"];
  const expect = {
    declined: /declined|funds/i,
    processing: /processed/i,
    out_of_stock: /stock/i,
    delivered: /arrive/i,
    refund: /refund/i,
    dispute: /shop|respond/i,
  };

  await test("every scenario in en, zh-CN and ru renders a headline (no errors, no CSP violations)", async (page) => {
    for (const locale of ["en", "zh-CN", "ru"]) {
      const seen = new Set();
      for (const s of scenarios) {
        await demo(page, s, locale);
        const info = await page.evaluate(() => {
          const root = document.querySelector("order-lens").shadowRoot;
          return {
            lang: root.querySelector('[part="container"]').getAttribute("lang"),
            title: root.querySelector('[part="title"]').textContent,
            body: root.querySelector('[part="body"]').textContent,
            code: root.querySelector('[part="support-code"]')?.textContent ?? "",
            stages: root.querySelectorAll('[part="stage"]').length,
          };
        });
        assert(info.lang === locale, `${s}/${locale}: lang ${info.lang}`);
        assert(info.title && info.body, `${s}/${locale}: empty headline`);
        if (locale === "en") assert(expect[s].test(info.title + " " + info.body), `${s}: unexpected headline ${info.title}`);
        if (locale === "zh-CN") assert(/[\u4e00-\u9fff]/.test(info.title), `${s}/zh-CN: title not Chinese: ${info.title}`);
        if (locale === "ru") assert(/[а-яё]/i.test(info.title), `${s}/ru: title not Russian: ${info.title}`);
        assert(/OL-/.test(info.code), `${s}/${locale}: no support code`);
        if (s === "refund") assert(info.stages === 4, `refund: ${info.stages} timeline stages`);
        seen.add(info.title);
      }
      assert(seen.size === scenarios.length, `${locale}: scenarios share headlines`);
    }
  });

  await test("locale switcher re-renders the widget in the chosen language", async (page) => {
    await demo(page, "declined", "en");
    await page.selectOption("#locale", "ru");
    await page.waitForFunction(() => document.querySelector("order-lens").shadowRoot.querySelector('[part="container"]').lang === "ru");
    assert((await page.getAttribute("order-lens", "locale")) === "ru", "locale attribute not reflected");
    await page.selectOption("#locale", "zh-CN");
    await waitTitle(page, /[\u4e00-\u9fff]/);
  });

  await test("keyboard: Tab reaches the primary button, Enter activates it, the widget updates", async (page) => {
    await demo(page, "declined", "en");
    let active;
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      active = await page.evaluate(DEEP_ACTIVE);
      if (active.part?.includes("button-primary")) break;
    }
    assert(active.part?.includes("button-primary") && active.k === "a:retry_payment", `Tab never reached the primary button (last: ${JSON.stringify(active)})`);
    const before = await titleOf(page);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("order-lens").shadowRoot.querySelector('[part="container"]').getAttribute("aria-busy") === "true", null, { timeout: 2000 });
    assert(await page.evaluate(() => [...document.querySelector("order-lens").shadowRoot.querySelectorAll("button")].every((b) => b.disabled)), "buttons not disabled while busy");
    await page.waitForSelector('#log li[data-kind="retry_payment"]');
    await waitTitle(page, /processed/i);
    assert((await titleOf(page)) !== before, "title did not change");
    // The simulated bank answers a few seconds later: paid, waiting for the shop.
    await waitTitle(page, /confirm|shop/i, "order-lens", 10000);
  });

  await test("cancel: confirmation states the refund, Escape closes it and focus returns; confirming updates the order", async (page) => {
    await demo(page, "out_of_stock", "en");
    const cancel = page.locator('order-lens button[data-k="a:cancel_order"]');
    await cancel.focus();
    await page.keyboard.press("Enter");
    const panel = page.locator('order-lens [part="confirm"]');
    await panel.waitFor();
    const text = await panel.textContent();
    assert(/refund/i.test(text) && /¥268\.00/.test(text), `confirmation does not state the refund: ${text}`);
    assert((await page.evaluate(DEEP_ACTIVE)).k === "confirm", "focus did not move into the confirmation");
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    const back = await page.evaluate(DEEP_ACTIVE);
    assert(back.k === "a:cancel_order", `focus did not return to the cancel button: ${JSON.stringify(back)}`);
    await page.keyboard.press("Enter");
    await panel.waitFor();
    const events = page.evaluate(
      () =>
        new Promise((ok) =>
          document.addEventListener("orderlens-action", (e) => ok({ kind: e.detail.kind, orderId: e.detail.orderId, composed: e.composed, bubbles: e.bubbles }), { once: true }),
        ),
    );
    await page.locator('order-lens button[data-k="yes"]').click();
    const ev = await events;
    assert(ev.kind === "cancel_order" && ev.orderId === "MLT-20417" && ev.bubbles && ev.composed, `event ${JSON.stringify(ev)}`);
    await page.waitForSelector('#log li[data-kind="cancel_order"]');
    await waitTitle(page, /cancel|refund/i);
    const stages = await page.locator('order-lens [part="stage"]').count();
    assert(stages === 4, `no refund timeline after cancelling (${stages} stages)`);
    const states = await page.locator('order-lens [part="stage"]').evaluateAll((els) => els.map((e) => e.dataset.state + ":" + e.textContent));
    assert(states.some((s) => /^(current|done):.*(in progress|done)/.test(s)), `stage states are not readable: ${states}`);
  });

  const shots = opt("shots");
  if (shots) {
    await test("screenshots at 390x844 (en, zh-CN)", async (page) => {
      await demo(page, "declined", "en");
      await page.screenshot({ path: join(shots, "demo-en.png"), fullPage: true });
      await demo(page, "refund", "zh-CN");
      await page.screenshot({ path: join(shots, "demo-zh-CN.png"), fullPage: true });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 390, `page overflows the phone viewport: ${width}px`);
    });
  }
}

// ---------------------------------------------------------------------------
if (suite === "widget") {
  const open = async (page) => {
    await page.goto(`${base}/test/mount.html`);
    await ready(page);
  };
  const NOW = Date.now();
  const iso = (ms) => new Date(ms).toISOString();
  const paidOrder = (extra = {}) => ({
    id: "W-1",
    status: "unconfirmed",
    created_at: iso(NOW - 10 * 60e3),
    currency: "USD",
    total: 4200,
    payment: { method: "card", state: "succeeded", attempts: 1, updated_at: iso(NOW - 9 * 60e3) },
    items: [{ sku: "T", name: "Oolong", qty: 1, in_stock: true }],
    ...extra,
  });
  const shadow = (sel = "#a") => `${sel} .orderlens`; // the host mount() creates

  await test("mount(): styles from a constructable stylesheet under the strict CSP; update() re-renders", async (page) => {
    await open(page);
    const out = await page.evaluate(
      ([a, b, s]) => {
        window.h = ol.mount(document.querySelector("#a"), { order: a, locale: "en" });
        const root = document.querySelector(s).shadowRoot;
        const t1 = root.querySelector('[part="title"]').textContent;
        const primary = getComputedStyle(root.querySelector('[part~="button-primary"]')).backgroundColor;
        window.h.update(b);
        return { t1, t2: root.querySelector('[part="title"]').textContent, primary, sheets: root.adoptedStyleSheets.length, links: root.querySelectorAll("link").length };
      },
      [paidOrder({ payment: { method: "card", state: "failed", failure_code: "card_declined", attempts: 1, updated_at: iso(NOW - 60e3) } }), paidOrder({ status: "shipped", shipment: { shipped_at: iso(NOW - 60e3), tracking_url: "https://t.example/1" } }), shadow()],
    );
    assert(out.t1 !== out.t2, `update() did not re-render: ${out.t1}`);
    assert(out.primary === "rgb(29, 107, 87)", `primary button not styled: ${out.primary}`);
    assert(out.sheets === 1 && out.links === 0, `expected one adopted sheet: ${JSON.stringify(out)}`);
  });

  await test("timeline dates are the shop's dates, not the browser's (Asia/Shanghai rules, a browser in Los Angeles)", async (page) => {
    await open(page);
    const out = await page.evaluate(
      ([o, s]) => {
        const rules = ol.compileRules({ settings: { timezone: "Asia/Shanghai" } });
        ol.mount(document.querySelector("#a"), { order: o, rules, locale: "en" });
        const root = document.querySelector(s).shadowRoot;
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        return { zone, tz: rules.timezone, dates: [...root.querySelectorAll('[part="stage"] time')].map((t) => t.textContent) };
      },
      [
        paidOrder({
          status: "cancelled",
          cancellation: { requested_at: "2026-11-18T20:00:00Z", by: "buyer", reason: "buyer_changed_mind", state: "approved" },
          refund: { amount: 4200, requested_at: "2026-11-18T20:00:00Z", approved_at: "2026-11-18T21:00:00Z", method: "card" },
        }),
        shadow(),
      ],
    );
    assert(out.zone === "America/Los_Angeles" && out.tz === "Asia/Shanghai", `zones ${JSON.stringify(out)}`);
    // 2026-11-18T20:00Z is Nov 19 in Shanghai and still Nov 18 in Los Angeles.
    assert(out.dates.length >= 2 && out.dates[0] === "Nov 19", `stage dates ${JSON.stringify(out.dates)}`);
  }, { timezoneId: "America/Los_Angeles" });

  await test("item names with HTML show as literal text", async (page) => {
    await open(page);
    const out = await page.evaluate(
      ([o, s]) => {
        ol.mount(document.querySelector("#a"), { order: o, locale: "en" });
        const root = document.querySelector(s).shadowRoot;
        return { body: root.querySelector('[part="body"]').textContent, img: root.querySelectorAll("img, b").length, xss: window.__xss ?? null };
      },
      [paidOrder({ items: [{ sku: "X", name: '<img src=x onerror="window.__xss=1"><b>Oolong</b>', qty: 1, in_stock: false }] }), shadow()],
    );
    assert(out.body.includes('<img src=x onerror="window.__xss=1"><b>Oolong</b>'), `name not shown literally: ${out.body}`);
    assert(out.img === 0 && out.xss === null, "markup from the item name was parsed");
  });

  await test("bad order and bad rules: localized fallback and one console.warn each, the page keeps working", async (page) => {
    await open(page);
    const out = await page.evaluate(
      ([good, s]) => {
        const bad = { id: "B-1", status: "unconfirmd", created_at: "2026-11-21T09:58:00+08:00" };
        const w = ol.mount(document.querySelector("#a"), { order: bad, locale: "ru-RU,ru;q=0.9" });
        w.update(bad); // the same bad input again: no second warning
        const root = document.querySelector(s).shadowRoot;
        const ru = { text: root.textContent, lang: root.querySelector('[part="container"]').lang };
        const badRules = { rules: [{ id: "x", when: "payment.stat == 'failed'", reason: "x" }] };
        ol.mount(document.querySelector("#b"), { order: good, rules: badRules, locale: "zh-CN" });
        const zh = document.querySelector("#b .orderlens").shadowRoot.textContent;
        w.update(good);
        return { ru, zh, after: root.querySelector('[part="title"]')?.textContent ?? "" };
      },
      [paidOrder(), shadow()],
    );
    assert(out.ru.text.includes("Сейчас не получается показать статус этого заказа.") && out.ru.lang === "ru", `ru fallback: ${JSON.stringify(out.ru)}`);
    assert(out.zh.includes("暂时无法显示此订单的状态。"), `zh-CN fallback for bad rules: ${out.zh}`);
    assert(out.after.length > 0, "a good order after a bad one did not render");
    return 2; // one warning for the order, one for the rules
  });

  await test("re-renders by itself at valid_until", async (page) => {
    await open(page);
    const t0 = await page.evaluate(
      ([s]) => {
        // Unpaid: auto-cancelled when 30 minutes have passed since created_at, 2 s from now.
        const created = new Date(Date.now() - 30 * 60e3 + 2000).toISOString();
        ol.mount(document.querySelector("#a"), { order: { id: "V-1", status: "pending_payment", created_at: created, payment: { state: "none" } }, locale: "en" });
        window.t0 = performance.now();
        return document.querySelector(s).shadowRoot.querySelector('[part="title"]').textContent;
      },
      [shadow()],
    );
    await page.waitForFunction(([s, t]) => document.querySelector(s).shadowRoot.querySelector('[part="title"]').textContent !== t, [shadow(), t0], { timeout: 5000 });
    const ms = await page.evaluate(() => performance.now() - window.t0);
    const t1 = await page.evaluate(([s]) => document.querySelector(s).shadowRoot.querySelector('[part="title"]').textContent, [shadow()]);
    assert(ms > 1500 && ms < 3500, `re-rendered after ${Math.round(ms)} ms, expected about 2000`);
    const live = await page.evaluate(([s]) => document.querySelector(s).shadowRoot.querySelector('[role="status"]').textContent, [shadow()]);
    assert(live === t1, `live region did not announce the new headline: ${live}`);
  });

  await test("destroy(): removes the widget and no render happens afterwards (timers cleared)", async (page) => {
    await open(page);
    await page.evaluate(() => {
      const rules = ol.compileRules();
      const explain = rules.explain.bind(rules);
      window.renders = 0;
      rules.explain = (...a) => (window.renders++, explain(...a));
      const created = new Date(Date.now() - 30 * 60e3 + 1000).toISOString();
      const order = { id: "D-1", status: "pending_payment", created_at: created, payment: { state: "none" } };
      window.w = ol.mount(document.querySelector("#a"), { order, rules, locale: "en" });
      window.w.update(order);
      window.w.destroy();
      window.w.update(order); // a no-op after destroy
    });
    await page.waitForTimeout(2000);
    const out = await page.evaluate(() => ({ renders: window.renders, left: document.querySelector("#a").childElementCount }));
    assert(out.left === 0, "destroy() left the host element in the page");
    assert(out.renders === 2, `${out.renders} renders, expected 2 (mount + update) and none after destroy()`);
  });

  await test("onAction: busy while pending, a rejection shows an error line and keeps the widget usable, a resolved order re-renders", async (page) => {
    await open(page);
    await page.evaluate(
      ([o]) => {
        window.calls = [];
        window.w = ol.mount(document.querySelector("#a"), {
          order: o,
          locale: "en",
          onAction: (action, order) =>
            new Promise((ok, fail) => {
              window.calls.push([action.kind, order.id]);
              window.settle = { ok, fail };
            }),
        });
      },
      [paidOrder({ payment: { method: "card", state: "failed", failure_code: "card_declined", attempts: 1, updated_at: iso(NOW - 60e3) } })],
    );
    const retry = page.locator('#a button[data-k="a:retry_payment"]');
    await retry.click();
    const busy = await page.evaluate(([s]) => ({ busy: document.querySelector(s).shadowRoot.querySelector('[part="container"]').getAttribute("aria-busy"), disabled: [...document.querySelector(s).shadowRoot.querySelectorAll("button")].every((b) => b.disabled) }), [shadow()]);
    assert(busy.busy === "true" && busy.disabled, `not busy while onAction runs: ${JSON.stringify(busy)}`);
    await page.evaluate(() => window.settle.fail(new Error("gateway timeout")));
    await page.locator('#a [part="error"]').waitFor();
    assert(/didn't work/.test(await page.locator('#a [part="error"]').textContent()), "no readable error line");
    assert(await retry.isEnabled(), "buttons stay disabled after a rejection");
    await retry.click();
    await page.evaluate(([o]) => window.settle.ok(o), [paidOrder({ status: "confirmed" })]);
    await waitTitle(page, /confirmed/i, "#a .orderlens");
    const calls = await page.evaluate(() => window.calls);
    assert(calls.length === 2 && calls[0][0] === "retry_payment" && calls[0][1] === "W-1", `onAction calls ${JSON.stringify(calls)}`);
    assert((await page.locator('#a [part="error"]').count()) === 0, "error line stays after success");
    return 1; // the rejection is logged with console.warn
  });

  await test("<order-lens>: properties, reflected locale attribute, double registration is harmless", async (page) => {
    await open(page);
    const out = await page.evaluate(async ([o]) => {
      await import("/orderlens/browser.js?again");
      const el = document.createElement("order-lens");
      el.order = o;
      el.locale = "ru";
      document.body.append(el);
      await new Promise((r) => setTimeout(r, 0));
      const a = { attr: el.getAttribute("locale"), lang: el.shadowRoot.querySelector('[part="container"]').lang, reason: el.diagnosis?.headline.reason };
      el.setAttribute("locale", "zh-CN");
      await new Promise((r) => setTimeout(r, 0));
      const b = { prop: el.locale, lang: el.shadowRoot.querySelector('[part="container"]').lang };
      el.remove();
      return { a, b, same: customElements.get("order-lens") === ol.OrderLensElement };
    }, [paidOrder()]);
    assert(out.a.attr === "ru" && out.a.lang === "ru" && out.a.reason, `property/attribute: ${JSON.stringify(out.a)}`);
    assert(out.b.prop === "zh-CN" && out.b.lang === "zh-CN", `attribute -> property: ${JSON.stringify(out.b)}`);
    assert(out.same, "element class not registered");
  });

  await test("without constructable stylesheets the packaged widget.css is linked (CSP-clean)", async (page, { ctx }) => {
    await page.addInitScript(() => {
      delete CSSStyleSheet.prototype.replaceSync;
    });
    await open(page);
    await page.evaluate(([o]) => ol.mount(document.querySelector("#a"), { order: o, locale: "en" }), [paidOrder({ payment: { method: "card", state: "failed", failure_code: "card_declined", attempts: 1, updated_at: iso(NOW - 60e3) } })]);
    await page.waitForFunction(([s]) => getComputedStyle(document.querySelector(s).shadowRoot.querySelector('[part~="button-primary"]')).backgroundColor === "rgb(29, 107, 87)", [shadow()], { timeout: 5000 });
    void ctx;
  });
}

await browser.close();
await srv.close();
const failed = results.filter((r) => !r.ok).length;
console.log(`${suite}: ${results.length - failed} of ${results.length} browser tests passed`);
process.exit(failed || results.length === 0 ? 1 : 0);
