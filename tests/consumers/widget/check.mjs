// The widget in headless Chromium (playwright-core, /usr/bin/chromium),
// served with the strict CSP of scripts/demo-server.mjs:
//
//   node check.mjs demo   --www DIR --pkg DIR [--shots DIR]   the demo storefront
//   node check.mjs widget --www DIR --pkg DIR --test DIR      mount() on a plain page
//
// Every page fails a test on a console error, an uncaught exception, a failed
// request, an HTTP error or a CSP violation; console warnings are failures
// too except where a test expects one. Needs TOOLS (build/tools: playwright-core
// and axe-core).
//
// With --shots DIR the demo suite also writes a screenshot of every scenario
// in every locale, light and dark, at 320, 390 and 1280 px wide:
// DIR/<width>-<light|dark>/<scenario>-<locale>.png.
import { createRequire } from "node:module";
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startDemoServer } from "../../../scripts/demo-server.mjs";

const args = process.argv.slice(2);
const suite = args[0];
const opt = (name) => (args.includes(`--${name}`) ? resolve(args[args.indexOf(`--${name}`) + 1]) : undefined);
const tools = createRequire(join(resolve(process.env.TOOLS ?? "build/tools"), "package.json"));
const { chromium } = tools("playwright-core");
const AXE = readFileSync(tools.resolve("axe-core/axe.min.js"), "utf8");

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
  const httpOk = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
    if (m.type() === "warning") warnings.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  // (ERR_ABORTED: a request cut short by the next navigation, e.g. the favicon.)
  page.on("requestfailed", (r) => r.failure()?.errorText !== "net::ERR_ABORTED" && problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => r.status() >= 400 && !httpOk.some((re) => re.test(r.url())) && problems.push(`HTTP ${r.status()} for ${r.url()}`));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
  });
  let error;
  try {
    const expectWarnings = (await fn(page, { warnings, ctx, httpOk })) ?? 0;
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

// In-page helpers (functions serialized into the page).
const DEEP_ACTIVE = () => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return { k: a?.dataset?.k ?? null, part: a?.getAttribute("part") ?? null, tag: a?.tagName, role: a?.getAttribute("role") ?? null };
};
const titleOf = (page, sel = "order-lens") => page.evaluate((s) => document.querySelector(s)?.shadowRoot?.querySelector('[part="title"]')?.textContent ?? "", sel);
const waitTitle = (page, re, sel = "order-lens", timeout = 8000) =>
  page.waitForFunction(
    ([s, src]) => new RegExp(src).test(document.querySelector(s)?.shadowRoot?.querySelector('[part="title"]')?.textContent ?? ""),
    [sel, re.source],
    { timeout },
  );
const ready = (page) => page.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout: 20000 });
/** Texts inside the widget's shadow root: `{ [part]: text }` for the parts asked for. */
const parts = (page, names, sel = "order-lens") =>
  page.evaluate(
    ([s, names]) => {
      const root = document.querySelector(s).shadowRoot;
      return Object.fromEntries(names.map((n) => [n, [...root.querySelectorAll(`[part~="${n}"]`)].map((e) => e.textContent)]));
    },
    [sel, names],
  );

/**
 * Where `text` is rendered inside the element `sel` (shadow DOM included),
 * the number of line boxes it takes: 1 when no line breaks inside it. The
 * text may span several text nodes (<wbr> between Chinese words).
 */
const LINES = ([sel, text]) => {
  const host = document.querySelector(sel);
  const root = host.shadowRoot ?? host;
  const nodes = [];
  const walk = (n) => {
    for (const c of n.childNodes) {
      if (c.nodeType === 3) nodes.push(c);
      else if (c.nodeType === 1 && !c.classList.contains("sr")) walk(c);
    }
  };
  walk(root);
  const all = nodes.map((n) => n.data).join("");
  const at = all.indexOf(text);
  if (at < 0) return { found: false, all };
  const place = (i) => {
    for (const n of nodes) {
      if (i <= n.data.length) return [n, i];
      i -= n.data.length;
    }
    return [nodes.at(-1), nodes.at(-1).data.length];
  };
  const r = document.createRange();
  r.setStart(...place(at));
  r.setEnd(...place(at + text.length));
  const tops = new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top + b.height / 2)));
  return { found: true, lines: tops.size };
};

async function demo(page, scenario, locale, query = "") {
  await page.goto(`${base}/?scenario=${scenario}&locale=${locale}${query}`);
  await ready(page);
  await page.waitForFunction(() => document.querySelector("order-lens")?.shadowRoot?.querySelector('[part="title"]'), null, { timeout: 10000 });
}

/** axe-core on the page (open shadow roots included): the violations, summarized. */
async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" > ")).join(", ")}`);
  });
}

// ---------------------------------------------------------------------------
if (suite === "demo") {
  const SCENARIOS = ["checkout", "declined", "no_attempts", "processing", "out_of_stock", "delivered", "refund", "refund_late", "dispute", "auto_cancelled", "completed", "backend_rejects", "backend_silent"];
  const LOCALES = ["en", "zh-CN", "ru"];
  const expect = {
    checkout: /isn't finished/,
    declined: /declined|funds/i,
    processing: /processed/,
    out_of_stock: /out of stock/,
    delivered: /arrive/,
    refund: /refund is on its way/,
    refund_late: /refund is late/,
    dispute: /shop to respond/,
    auto_cancelled: /wasn't paid in time/,
    completed: /complete/i,
    backend_rejects: /out of stock/,
    backend_silent: /declined|funds/i,
    no_attempts: /can't take another payment attempt/,
  };

  await test("every scenario in en, zh-CN and ru renders a headline and a support code (no errors, no CSP violations)", async (page) => {
    for (const locale of LOCALES) {
      const seen = new Set();
      for (const s of SCENARIOS) {
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
        if (/refund/.test(s)) assert(info.stages === 4, `${s}: ${info.stages} timeline stages`);
        if (!s.startsWith("backend_")) seen.add(info.title);
      }
      assert(seen.size === SCENARIOS.length - 2, `${locale}: scenarios share headlines`);
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

  await test("keyboard: Tab reaches the primary button, Enter activates it; the pressed button shows progress, the others rest", async (page) => {
    await demo(page, "declined", "en");
    let active;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      active = await page.evaluate(DEEP_ACTIVE);
      if (active.part?.includes("button-primary")) break;
    }
    assert(active.part?.includes("button-primary") && active.k === "a:retry_payment", `Tab never reached the primary button (last: ${JSON.stringify(active)})`);
    const before = await titleOf(page);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("order-lens").shadowRoot.querySelector('[part="container"]').getAttribute("aria-busy") === "true", null, { timeout: 2000 });
    const busy = await page.evaluate(() => {
      const root = document.querySelector("order-lens").shadowRoot;
      const b = [...root.querySelectorAll("button")];
      const pressed = root.querySelector('[data-k="a:retry_payment"]');
      return { all: b.every((x) => x.getAttribute("aria-disabled") === "true"), label: pressed.textContent, spinner: !!pressed.querySelector(".sp"), focus: root.activeElement?.dataset.k, opacity: getComputedStyle(pressed).opacity };
    });
    assert(busy.all, "buttons are not inert while the action runs");
    assert(busy.label === "Starting payment…" && busy.spinner && busy.opacity === "1", `the pressed button shows no progress: ${JSON.stringify(busy)}`);
    assert(busy.focus === "a:retry_payment", `focus left the pressed button: ${busy.focus}`);
    await page.waitForSelector('#log li[data-kind="retry_payment"]');
    await waitTitle(page, /processed/i);
    assert((await titleOf(page)) !== before, "title did not change");
    // The simulated bank answers a few seconds later: paid, waiting for the shop.
    await waitTitle(page, /confirm|shop/i, "order-lens", 10000);
  });

  await test("cancel: a named alertdialog states the refund and focuses the safe choice; Escape closes it; a double click on 'Yes' sends one request and shows 'Cancelling…'", async (page) => {
    await demo(page, "out_of_stock", "en");
    const cancel = page.locator('order-lens button[data-k="a:cancel_order"]');
    await cancel.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog", { name: "Cancel this order?" });
    await dialog.waitFor();
    const text = await dialog.textContent();
    assert(/refund/i.test(text) && /CN¥268\.00/.test(text), `confirmation does not state the refund: ${text}`);
    const desc = await page.evaluate(() => {
      const d = document.querySelector("order-lens").shadowRoot.querySelector('[role="alertdialog"]');
      return d.getRootNode().getElementById(d.getAttribute("aria-describedby"))?.textContent;
    });
    assert(/refunded/.test(desc ?? ""), `the dialog is not described by its body: ${desc}`);
    assert((await page.evaluate(DEEP_ACTIVE)).k === "no", "focus did not move to 'Keep order'");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    const back = await page.evaluate(DEEP_ACTIVE);
    assert(back.k === "a:cancel_order", `focus did not return to the cancel button: ${JSON.stringify(back)}`);
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.evaluate(() => {
      window.events = [];
      document.addEventListener("orderlens-action", (e) => window.events.push({ kind: e.detail.kind, orderId: e.detail.orderId, action: e.detail.action?.kind, composed: e.composed, bubbles: e.bubbles }));
    });
    await page.locator('order-lens button[data-k="yes"]').dblclick();
    const pending = await page.evaluate(() => {
      const root = document.querySelector("order-lens").shadowRoot;
      const yes = root.querySelector('[data-k="yes"]');
      return { label: yes?.textContent, busy: yes?.getAttribute("aria-disabled"), no: root.querySelector('[data-k="no"]')?.getAttribute("aria-disabled"), dialog: !!root.querySelector('[role="alertdialog"]') };
    });
    assert(pending.dialog && pending.label === "Cancelling…" && pending.busy === "true" && pending.no === "true", `no pending state in the dialog: ${JSON.stringify(pending)}`);
    await page.waitForSelector('#log li[data-kind="cancel_order"]');
    await waitTitle(page, /cancel|refund/i);
    const ev = await page.evaluate(() => window.events);
    assert(ev.length === 1, `${ev.length} orderlens-action events for a double click`);
    assert(ev[0].kind === "cancel_order" && ev[0].action === "cancel_order" && ev[0].orderId === "MLT-20417" && ev[0].bubbles && ev[0].composed, `event ${JSON.stringify(ev[0])}`);
    const stages = await page.locator('order-lens [part="stage"]').evaluateAll((els) => els.map((e) => e.dataset.state + ":" + e.textContent));
    assert(stages.length === 4, `no refund timeline after cancelling (${stages.length} stages)`);
    assert(stages.some((s) => /^(current|done):.*(in progress|done)/.test(s)), `stage states are not readable: ${stages}`);
  });

  await test("countdown: the last hour before the auto-cancel counts down, ticks each minute, turns urgent, and the deadline passing re-renders", async (page) => {
    await demo(page, "checkout", "en");
    const row = () =>
      page.evaluate(() => {
        const li = document.querySelector("order-lens").shadowRoot.querySelector('[part="deadline"]');
        const cd = li?.querySelector(".cd");
        return { text: li?.textContent ?? "", cd: cd?.textContent ?? "", urgent: cd?.classList.contains("u") ?? false, color: cd ? getComputedStyle(cd).backgroundColor : "" };
      });
    let r = await row();
    assert(/^1[78] min left$/.test(r.cd) && !r.urgent, `countdown 18 minutes before: ${JSON.stringify(r)}`);
    // The body already says "before 10:28, or the order is cancelled automatically": no second line repeating it.
    assert(r.text === r.cd, `the deadline row repeats the body: ${r.text}`);
    // 4 minutes left: urgent (red).
    await page.evaluate(() => window.demo.advance(14 * 60e3));
    r = await row();
    assert(/^[34] min left$/.test(r.cd) && r.urgent && r.color === "rgb(179, 38, 30)", `not urgent 4 minutes before: ${JSON.stringify(r)}`);
    // The countdown ticks by itself: set the clock 1.5 s before a minute boundary.
    const left = await page.evaluate(() => {
      const at = Date.parse(document.querySelector("order-lens").diagnosis.deadlines[0].at);
      const now = Date.parse(document.querySelector("order-lens").diagnosis.now);
      return at - now;
    });
    await page.evaluate((ms) => window.demo.advance(ms), left - 2 * 60e3 - 1500);
    r = await row();
    assert(r.cd === "2 min left", `before the tick: ${JSON.stringify(r)}`);
    await page.waitForFunction(() => document.querySelector("order-lens").shadowRoot.querySelector(".cd")?.textContent === "1 min left", null, { timeout: 4000 });
    // Past the deadline (valid_until): the widget re-renders by itself.
    await page.evaluate(() => window.demo.advance(118e3));
    r = await row();
    assert(r.cd === "less than a minute left", `last minute: ${JSON.stringify(r)}`);
    await waitTitle(page, /wasn't paid in time/, "order-lens", 5000);
    const reorder = await page.evaluate(() => {
      const a = document.querySelector("order-lens").shadowRoot.querySelector('[data-k="a:reorder"]');
      return a && { text: a.textContent, href: a.href, target: a.target };
    });
    assert(reorder?.text === "Place the order again" && reorder.href === "https://shop.example/cart" && reorder.target === "", `no reorder link: ${JSON.stringify(reorder)}`);
  });

  await test("time zone: with a browser in Los Angeles the runtime shows the shop's times, labelled with its zone; the page's summary uses the same zone and money format", async (page) => {
    await demo(page, "declined", "en");
    const out = await page.evaluate(() => {
      const el = document.querySelector("order-lens");
      const root = el.shadowRoot;
      const at = Date.parse(el.diagnosis.deadlines[0].at);
      const sh = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
      const placed = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
        .format(Date.parse(el.order.created_at))
        .replace(/ /g, "\u00a0");
      return {
        zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        body: root.querySelector('[part="body"]').textContent,
        note: root.querySelector('[part="time-zone"]')?.textContent,
        sh,
        placed,
        meta: document.getElementById("meta").textContent,
        total: document.getElementById("total").textContent,
        confirm: el.diagnosis.actions.find((a) => a.kind === "cancel_order").confirm.body,
      };
    });
    assert(out.zone === "America/Los_Angeles", `browser zone ${out.zone}`);
    // The demo runs on the real clock: past the shop's midnight the time carries its date ("Dec 4, 00:20").
    assert(new RegExp(`before (?:[A-Z][a-z]{2}[ \u00a0]\\d{1,2},[ \u00a0])?${out.sh},`).test(out.body), `the body's time is not the shop's ${out.sh}: ${out.body}`);
    assert(out.note === "Time zone: China Standard Time.", `times are not labelled: ${out.note}`);
    assert(out.meta.endsWith(out.placed), `the summary is not in the shop's zone: ${out.meta} vs ${out.placed}`);
    assert(out.total === "CN¥268.00", `the summary's money differs from the widget's (CN¥268.00): ${out.total}`);
  }, { timezoneId: "America/Los_Angeles" });

  await test("a backend that rejects: what failed, the shop's own message as text, the support link and code; the widget stays usable", async (page) => {
    await demo(page, "backend_rejects", "en");
    await page.locator('order-lens button[data-k="a:cancel_order"]').click();
    await page.locator('order-lens button[data-k="yes"]').click();
    const err = page.locator('order-lens [part="error"]');
    await err.waitFor({ timeout: 5000 });
    const out = await page.evaluate(() => {
      const root = document.querySelector("order-lens").shadowRoot;
      const e = root.querySelector('[part="error"]');
      return {
        role: e.getAttribute("role"),
        text: e.textContent,
        link: e.querySelector("a")?.href,
        code: /OL-[0-9A-Z-]+/.test(e.textContent),
        usable: [...root.querySelectorAll("button")].every((b) => !b.hasAttribute("aria-disabled")),
        dialog: !!root.querySelector('[role="alertdialog"]'),
        focus: root.activeElement?.dataset.k,
      };
    });
    assert(out.role === "alert", "the error is not announced");
    assert(out.text.startsWith("We couldn't cancel your order."), `what failed is not said: ${out.text}`);
    assert(out.text.includes("Payment already captured: the shop can't cancel this order any more (409)."), `the shop's message is missing: ${out.text}`);
    assert(out.link === "https://shop.example/help" && out.code, `no support link or code: ${JSON.stringify(out)}`);
    assert(out.usable && !out.dialog && out.focus === "a:cancel_order", `the widget is not usable again: ${JSON.stringify(out)}`);
    // Usable: the next try goes out again.
    await page.locator('order-lens button[data-k="a:cancel_order"]').click();
    await page.getByRole("alertdialog").waitFor();
    return 1; // the rejection is logged with console.warn
  });

  await test("a backend that never answers: after actionTimeout an error, and the widget is usable again", async (page) => {
    await demo(page, "backend_silent", "en");
    await page.evaluate(() => (document.querySelector("order-lens").actionTimeout = 1500));
    const t0 = Date.now();
    await page.locator('order-lens button[data-k="a:retry_payment"]').click();
    assert((await page.locator('order-lens [data-k="a:retry_payment"]').textContent()) === "Starting payment…", "no pending label");
    await page.locator('order-lens [part="error"]').waitFor({ timeout: 5000 });
    const ms = Date.now() - t0;
    const out = await parts(page, ["error"]);
    assert(ms >= 1400 && ms < 4000, `timed out after ${ms} ms, expected about 1500`);
    assert(/^The payment didn't start\.No answer from the shop yet\. Reload the page before you try again\.Please try again\./.test(out.error[0]), `error: ${out.error[0]}`);
    await page.locator('order-lens button[data-k="a:retry_payment"]').click();
    assert((await page.locator('order-lens [data-k="a:retry_payment"]').getAttribute("aria-disabled")) === "true", "the second try did not start");
  });

  await test("refund timeline: stages that have not happened read 'Expected …'; the arrival window is its own line; an overdue refund says once that the shop has not sent it, and its late stages read as not done, in the headline's colour", async (page) => {
    await demo(page, "refund", "en");
    let st = await page.locator('order-lens [part="stage"]').evaluateAll((els) => els.map((e) => ({ state: e.dataset.state, label: e.querySelector(".sl").textContent, detail: e.querySelector(".sa")?.textContent.trim() ?? "" })));
    assert(st[3].state === "current" && st[3].label === "Money back in your account" && /^, Expected [A-Z][a-z]{2}\u00a0\d+\u00a0–\u2060\u00a0[A-Z][a-z]{2}\u00a0\d+$/.test(st[3].detail), `arrival: ${JSON.stringify(st[3])}`);
    assert(st.slice(0, 3).every((s) => s.state === "done" && /^, [A-Z][a-z]{2}\u00a0\d+$/.test(s.detail)), `done stages: ${JSON.stringify(st)}`);
    // The same refund one day after it was requested: approval and issue still ahead.
    await demo(page, "refund_late", "en");
    st = await page.locator('order-lens [part="stage"]').evaluateAll((els) =>
      els.map((e) => ({ state: e.dataset.state, label: e.querySelector(".sl").textContent, mark: e.querySelector(".dot").textContent, detail: e.querySelector(".sa")?.textContent ?? "", color: getComputedStyle(e.querySelector(".dot")).borderTopColor })),
    );
    assert(st[2].state === "overdue" && st[2].label === "Refund not sent yet" && st[2].mark === "!" && /^, Due by [A-Z][a-z]{2}\u00a0\d+$/.test(st[2].detail), `overdue stage: ${JSON.stringify(st[2])}`);
    assert(st[3].state === "overdue" && st[3].label === "Money not back yet" && /^, Due by [A-Z][a-z]{2}\u00a0\d+$/.test(st[3].detail), `overdue arrival: ${JSON.stringify(st[3])}`);
    const body = (await parts(page, ["body"])).body[0];
    assert(/The shop hasn't sent it yet/.test(body) && !/bank/.test(body), `who is late: ${body}`);
    // Said once: the body says who is late, the stages when they were due.
    const all = await page.evaluate(() => document.querySelector("order-lens").shadowRoot.querySelector('[part="container"]').textContent);
    assert((all.match(/hasn't sent/g) ?? []).length === 1, `'hasn't sent' repeated: ${all}`);
    // A warning: the late stages are amber like the headline's icon, done stages green (success).
    const icon = await page.evaluate(() => getComputedStyle(document.querySelector("order-lens").shadowRoot.querySelector(".ic")).backgroundColor);
    assert(icon === "rgb(143, 84, 0)" && st[2].color === icon && st[3].color === icon, `late stages are not in the warning's colour: ${icon} vs ${st[2].color}`);
    assert(st[0].color === "rgb(27, 110, 54)", `done stage: ${st[0].color}`);
    const dotColor = await page.evaluate(() => {
      // The dots of stages ahead are outlined in the muted text colour (3:1 or more).
      const el = document.querySelector("order-lens");
      el.order = { ...el.order, refund: { ...el.order.refund, approved_at: null, requested_at: new Date(Date.now() - 3600e3).toISOString() }, cancellation: { ...el.order.cancellation, requested_at: new Date(Date.now() - 3600e3).toISOString() } };
      return new Promise((ok) =>
        setTimeout(() => {
          const up = el.shadowRoot.querySelector('[data-state="upcoming"] .dot');
          ok({ border: getComputedStyle(up).borderTopColor, detail: el.shadowRoot.querySelector('[data-state="upcoming"] .sa').textContent });
        }, 50),
      );
    });
    assert(dotColor.border === "rgb(86, 96, 107)" && /Expected by/.test(dotColor.detail), `upcoming stage: ${JSON.stringify(dotColor)}`);
  });

  await test("typography at 320 px in Russian: no line break inside an amount, a date, a date range or the support code; one-letter words bound to the next", async (page) => {
    await demo(page, "refund", "ru");
    const texts = await page.evaluate(() => {
      const d = document.querySelector("order-lens").diagnosis;
      return { body: d.headline.body, window: d.timeline[3].detail, code: d.support_code };
    });
    const amount = texts.body.match(/\d+,\d\d\u00a0CN¥/)?.[0];
    const dates = texts.body.match(/\d+\u00a0[а-я]+/g) ?? [];
    assert(amount && dates.length === 2, `no amount or dates in ${JSON.stringify(texts.body)}`);
    const range = texts.window.replace(/^Ожидается /, "");
    assert(range.includes("\u2060"), `no word joiner after the dash of ${JSON.stringify(range)}`);
    for (const t of [amount, ...dates, range, texts.code]) {
      const r = await page.evaluate(LINES, ["order-lens", t]);
      assert(r.found && r.lines === 1, `${JSON.stringify(t)} breaks across ${r.lines} lines (found: ${r.found})`);
    }
    // "…поступить в период с 8 декабря…": no one-letter word with an ordinary space after it.
    const shown = await page.evaluate(() => document.querySelector("order-lens").shadowRoot.querySelector('[part="body"]').textContent);
    assert(!/(^|\s)[вксуоиая] /i.test(shown) && /с\u00a0/.test(shown), `one-letter words not bound: ${JSON.stringify(shown)}`);
    await demo(page, "out_of_stock", "ru");
    const code = (await page.evaluate(() => document.querySelector("order-lens").diagnosis.support_code));
    assert((await page.evaluate(LINES, ["order-lens", code])).lines === 1, "the support code breaks");
  }, { viewport: { width: 320, height: 700 } });

  await test("layout at 1280 px: the actions line up with the headline's text; buttons in a row share their top and height", async (page) => {
    for (const [s, l] of [["declined", "en"], ["delivered", "ru"], ["refund_late", "zh-CN"]]) {
      await demo(page, s, l);
      const out = await page.evaluate(() => {
        const root = document.querySelector("order-lens").shadowRoot;
        const b = root.querySelector('[part="body"]').getBoundingClientRect();
        const btns = [...root.querySelectorAll('[part="actions"] > .btn')].map((e) => e.getBoundingClientRect());
        const rows = {};
        for (const r of btns) (rows[Math.round(r.top)] ??= []).push(r);
        return { body: Math.round(b.left), rows: Object.values(rows).map((row) => ({ left: Math.round(Math.min(...row.map((r) => r.left))), heights: new Set(row.map((r) => Math.round(r.height))).size })) };
      });
      assert(out.rows.length > 0 && out.rows.every((r) => r.left === out.body && r.heights === 1), `${s}/${l}: ${JSON.stringify(out)}`);
    }
  }, { viewport: { width: 1280, height: 900 } });

  await test("layout at 320 px in Russian: no word breaks inside a button, a title or a stage label; nothing overflows; 'Написать в поддержку' on one line; every button at least 44 px tall", async (page) => {
    for (const s of ["declined", "delivered", "refund_late", "out_of_stock", "dispute", "backend_rejects"]) {
      await demo(page, s, "ru");
      const out = await page.evaluate(() => {
        const root = document.querySelector("order-lens").shadowRoot;
        const over = [...root.querySelectorAll(".btn, .t, .sl, .b")].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent);
        // Every word of a button, the title and the stage labels on one line.
        const broken = [];
        for (const e of root.querySelectorAll(".btn, .t, .sl")) {
          const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            for (const m of n.data.matchAll(/[^\s\u00a0]+/g)) {
              const r = document.createRange();
              r.setStart(n, m.index);
              r.setEnd(n, m.index + m[0].length);
              if (new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top))).size > 1) broken.push(m[0]);
            }
          }
        }
        // The support link's label (with its ↗) on one line; tap targets of 44 px.
        const support = root.querySelector('[data-k="a:contact_support"]');
        const label = support && document.createRange();
        label?.selectNode(support.firstChild);
        const lines = label ? new Set([...label.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top))).size : 0;
        const short = [...root.querySelectorAll(".btn")].filter((e) => e.getBoundingClientRect().height < 44).map((e) => e.textContent);
        return { over, broken, lines, short, support: !!support, height: support && Math.round(support.getBoundingClientRect().height) };
      });
      assert(out.over.length === 0 && out.broken.length === 0 && out.short.length === 0, `${s}: ${JSON.stringify(out)}`);
      if (out.support) assert(out.lines === 1 && out.height < 60, `${s}: the support link's label wraps: ${JSON.stringify(out)}`);
    }
  }, { viewport: { width: 320, height: 700 } });

  await test("typography in Chinese: lines break between words, not inside one or inside a date", async (page) => {
    await demo(page, "out_of_stock", "zh-CN");
    const body = await page.evaluate(() => document.querySelector("order-lens").diagnosis.headline.body);
    const wbr = await page.evaluate(() => document.querySelector("order-lens").shadowRoot.querySelectorAll('[part="body"] wbr').length);
    assert(wbr > 5, `no word boundaries marked in the body (${wbr})`);
    for (const t of ["全额退款", "替代商品", body.match(/\d+月\d+日/)[0]]) {
      const r = await page.evaluate(LINES, ["order-lens", t]);
      assert(r.found && r.lines === 1, `${t} breaks across ${r.lines} lines`);
    }
  }, { viewport: { width: 320, height: 700 } });

  await test("severity matches the call to action: calm states calm, completed ones a success, no alarm for a routine request", async (page) => {
    const look = () =>
      page.evaluate(() => {
        const root = document.querySelector("order-lens").shadowRoot;
        const hd = root.querySelector('[part="headline"]');
        return { sev: hd.dataset.severity, label: hd.querySelector(".sv")?.textContent ?? null, quiet: hd.querySelector(".hx > .sr")?.textContent ?? null, icon: getComputedStyle(hd.querySelector(".ic")).backgroundColor, primary: root.querySelectorAll('[part~="button-primary"], [part~="link-primary"]').length };
      });
    await demo(page, "out_of_stock", "en");
    let l = await look();
    assert(l.sev === "warning" && l.label === "Attention", `out of stock: ${JSON.stringify(l)}`);
    await demo(page, "dispute", "en");
    l = await look();
    assert(l.sev === "info" && l.primary === 0 && l.label === null, `a dispute the buyer need not act on: ${JSON.stringify(l)}`);
    await demo(page, "delivered", "en");
    l = await look();
    // Action needed: blue, neither the green of what is done nor the amber of a warning.
    assert(l.sev === "action_required" && l.primary === 1 && l.icon === "rgb(31, 95, 191)", `receipt confirmation: ${JSON.stringify(l)}`);
    const body = (await parts(page, ["body"])).body[0];
    assert(/delivered on [A-Z][a-z]{2}\u00a0\d+ by SF\u00a0Express/.test(body), `the delivery has no date or carrier: ${body}`);
    assert((await page.locator('order-lens a[data-k="a:track_shipment"]').count()) === 1, "no tracking link");
    await demo(page, "completed", "en");
    l = await look();
    assert(l.sev === "success" && l.icon === "rgb(27, 110, 54)" && l.quiet === "Status", `completed: ${JSON.stringify(l)}`);
  });

  await test("no repeated text: a wait note or a deadline whose time the body gives is left out; times are labelled wherever they appear", async (page) => {
    const shown = () =>
      page.evaluate(() => {
        const root = document.querySelector("order-lens").shadowRoot;
        return { body: root.querySelector('[part="body"]').textContent, wait: [...root.querySelectorAll('[part="wait"]')].map((e) => e.textContent), deadlines: [...root.querySelectorAll('[part="deadline"]')].map((e) => e.textContent), zone: root.querySelector('[part="time-zone"]')?.textContent ?? null };
      });
    await demo(page, "processing", "en");
    let s = await shown();
    // On the real clock, a time past the shop's midnight carries its date ("by Dec 4, 00:25").
    const DAY = "(?:[A-Z][a-z]{2}[ \u00a0]\\d{1,2},[ \u00a0])?";
    assert(new RegExp(`update this page by ${DAY}\\d\\d:\\d\\d`).test(s.body) && s.wait.length === 0, `processing: ${JSON.stringify(s)}`);
    await demo(page, "out_of_stock", "ru");
    s = await shown();
    assert(/до 9|до \d+\u00a0/.test(s.body) && s.wait.length === 0, `out of stock: ${JSON.stringify(s)}`);
    await demo(page, "delivered", "en");
    s = await shown();
    assert(s.deadlines.length === 1 && /^Automatic receipt confirmation: /.test(s.deadlines[0]), `delivered: ${JSON.stringify(s)}`);
    // Chinese: the body "请在03:30前重新支付…" gives the auto-cancel time; the deadline line is the countdown only.
    await demo(page, "declined", "zh-CN");
    s = await shown();
    assert(s.deadlines.length === 1 && /^还剩 \d+ 分钟$/.test(s.deadlines[0]), `zh declined: ${JSON.stringify(s)}`);
    // A time in the body only ("wasn't paid by 01:21"): still labelled.
    await demo(page, "auto_cancelled", "en");
    s = await shown();
    assert(new RegExp(`wasn't paid by ${DAY}\\d\\d:\\d\\d`).test(s.body) && s.zone === "Time zone: China Standard Time.", `auto-cancelled: ${JSON.stringify(s)}`);
  }, { timezoneId: "Europe/Berlin" });

  await test("restock: 'expected by' is the later of two restock dates, shown as a date", async (page) => {
    await demo(page, "out_of_stock", "en");
    const out = await page.evaluate(() => {
      const el = document.querySelector("order-lens");
      const last = Math.max(...el.order.items.map((i) => Date.parse(i.restock_at)));
      const day = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", month: "short", day: "numeric" }).format(last).replace(" ", "\u00a0");
      return { body: el.diagnosis.headline.body, day };
    });
    assert(out.body.includes(`More stock is expected by ${out.day}.`), `restock: ${out.body} (expected ${out.day})`);
  });

  await test("while the rules load a placeholder holds the widget's place; when they cannot load, a fallback with the support link", async (page) => {
    let release;
    const held = new Promise((r) => (release = r));
    await page.route("**/rules.olr", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${base}/?scenario=declined&locale=en`);
    await ready(page);
    const ph = await page.evaluate(() => {
      const el = document.querySelector("order-lens");
      return { placeholder: !!el.shadowRoot.querySelector('[part="placeholder"]'), height: el.getBoundingClientRect().height, busy: el.shadowRoot.querySelector('[part="container"]').getAttribute("aria-busy") };
    });
    assert(ph.placeholder && ph.height >= 200 && ph.busy === "true", `no placeholder while loading: ${JSON.stringify(ph)}`);
    release();
    await waitTitle(page, /declined|funds/i);
    await page.unroute("**/rules.olr");
    // Bytes that are not compiled rules.
    await page.route("**/rules.olr", (route) => route.fulfill({ status: 200, contentType: "application/octet-stream", body: "not rules" }));
    await page.goto(`${base}/?scenario=declined&locale=en`);
    await ready(page);
    await page.waitForFunction(() => /can't show/.test(document.querySelector("order-lens").shadowRoot.textContent));
    const fb = await page.evaluate(() => {
      const root = document.querySelector("order-lens").shadowRoot;
      return { text: root.querySelector('[part="body"]').textContent, link: root.querySelector('[part~="link"]')?.href, diagnosis: document.querySelector("order-lens").diagnosis };
    });
    assert(fb.text === "We can't show the status of order MLT-20417 right now." && fb.link === "https://shop.example/help" && fb.diagnosis === null, `fallback: ${JSON.stringify(fb)}`);
    return 1; // the bad rules are logged with console.warn
  });

  await test("shop back office: the seller's view of the same scenario next to the customer's, in three languages, under the strict CSP; the seller's refund goes through", async (page) => {
    const office = "#office-lens";
    // The page sets its own compiled rules on both widgets as soon as the
    // runtime's import resolves: the package's own (rules-merchant.olr, 75 KB,
    // or rules.olr) are never fetched.
    const fetched = [];
    page.on("request", (r) => /\/runtime\/rules(-merchant)?\.olr$/.test(r.url()) && fetched.push(r.url()));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/?scenario=out_of_stock&locale=en`);
    await ready(page);
    await waitTitle(page, /out of stock/);
    // The storefront first: no back office on screen, and nothing explained there.
    // (Hidden on screen, not only by attribute: a `display` rule can defeat `hidden`.)
    assert(await page.evaluate(() => document.getElementById("office").hidden && getComputedStyle(document.getElementById("office")).display === "none" && document.getElementById("office-lens").diagnosis === null), "the back office shows on the storefront");
    await page.click("#tab-office");
    await waitTitle(page, /^Paid, but/, office);
    const shown = await page.evaluate(() => {
      const box = (id) => document.getElementById(id).getBoundingClientRect();
      const root = document.getElementById("office-lens").shadowRoot;
      return {
        url: location.search,
        current: document.querySelector("#tabs [aria-current=page]")?.id,
        sideBySide: box("lens").top === box("office-lens").top && box("lens").right <= box("office-lens").left,
        kinds: [...root.querySelectorAll("[data-k^='a:']")].map((b) => b.dataset.k.slice(2)),
        buyerKinds: [...document.getElementById("lens").shadowRoot.querySelectorAll("[data-k^='a:']")].map((b) => b.dataset.k.slice(2)),
        audience: document.getElementById("office-lens").getAttribute("audience"),
      };
    });
    assert(/view=office/.test(shown.url) && shown.current === "tab-office", `tab state: ${JSON.stringify(shown)}`);
    assert(fetched.length === 0, `the package's rules were fetched although the page sets its own: ${fetched.join(", ")}`);
    assert(shown.sideBySide, "the two views are not side by side at 1280 px");
    assert(shown.audience === "merchant", "no audience attribute");
    assert(JSON.stringify(shown.kinds) === JSON.stringify(["contact_buyer", "check_stock", "issue_refund"]), `seller's actions: ${shown.kinds}`);
    assert(shown.buyerKinds.includes("choose_alternative") && !shown.buyerKinds.some((k) => shown.kinds.includes(k)), `buyer's actions: ${shown.buyerKinds}`);
    // The language switcher drives both views.
    await page.selectOption("#locale", "zh-CN");
    await waitTitle(page, /买家已付款/, office);
    await page.selectOption("#locale", "ru");
    await waitTitle(page, /Заказ оплачен/, office);
    assert((await page.textContent("#tab-office")) === "Кабинет продавца", "tab label not translated");
    // A refund the shop has not sent: the seller sends it from the back office.
    await page.goto(`${base}/?scenario=refund_late&locale=en&view=office`);
    await ready(page);
    await waitTitle(page, /You haven't sent the refund/, office);
    await waitTitle(page, /refund is late/);
    await page.click(`${office} button[data-k="a:issue_refund"]`);
    const dialog = page.getByRole("alertdialog", { name: "Refund CN¥268.00?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Yes, refund" }).click();
    await page.waitForSelector('#log li[data-kind="issue_refund"]');
    // Sent now, it arrives within the card's window again: on its way, in both views.
    await waitTitle(page, /^Refund sent$/, office);
    await waitTitle(page, /refund is on its way/);
    // Back to the storefront: the back office is hidden again.
    await page.click("#tab-shop");
    assert(await page.evaluate(() => document.getElementById("office").hidden && getComputedStyle(document.getElementById("office")).display === "none" && !/view=/.test(location.search)), "the storefront tab does not hide the back office");
    // At 390 px the views stack.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/?scenario=dispute&locale=en&view=office`);
    await ready(page);
    await waitTitle(page, /^Dispute: reply by/, office);
    const stacked = await page.evaluate(() => document.getElementById("office-lens").getBoundingClientRect().top > document.getElementById("lens").getBoundingClientRect().bottom);
    assert(stacked, "the views do not stack on a phone");
    const violations = await axe(page);
    assert(violations.length === 0, `axe: ${violations.join("; ")}`);
  });

  await test("the scenario picker and the clock fit a 320 px phone", async (page) => {
    await demo(page, "refund_late", "ru");
    const out = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      select: document.getElementById("scenario").getBoundingClientRect().right,
      clock: document.getElementById("clock").getBoundingClientRect().right,
      tab: document.getElementById("tab-office").getBoundingClientRect().right,
      lens: document.querySelector("order-lens").getBoundingClientRect().right,
    }));
    assert(Object.values(out).every((right) => right <= 320), `overflows: ${JSON.stringify(out)}`);
  }, { viewport: { width: 320, height: 700 } });

  await test("the simulated backend's card says how it answers in the scenario, in the page's language, and lists nothing before it is asked", async (page) => {
    for (const [s, l, said] of [["declined", "en", /short delay/], ["backend_rejects", "zh-CN", /拒绝取消订单/], ["backend_silent", "ru", /^Не отвечает/]]) {
      await demo(page, s, l);
      const out = await page.evaluate(() => ({ state: document.getElementById("log-state").textContent, list: document.getElementById("log").getBoundingClientRect().height }));
      assert(said.test(out.state) && out.list === 0, `${s}/${l}: ${JSON.stringify(out)}`);
    }
  });

  for (const scheme of ["light", "dark"]) {
    await test(`axe-core finds no violations (${scheme}): headlines, a dialog, a timeline, an error, the fallback`, async (page) => {
      const found = [];
      for (const [s, l] of [["declined", "en"], ["refund_late", "en"], ["out_of_stock", "zh-CN"], ["delivered", "ru"], ["completed", "en"], ["dispute", "en"]]) {
        await demo(page, s, l);
        for (const v of await axe(page)) found.push(`${s}/${l}: ${v}`);
      }
      await demo(page, "backend_rejects", "en");
      await page.locator('order-lens button[data-k="a:cancel_order"]').click();
      await page.getByRole("alertdialog").waitFor();
      await page.waitForTimeout(300); // its fade-in
      for (const v of await axe(page)) found.push(`dialog: ${v}`);
      await page.locator('order-lens button[data-k="yes"]').click();
      await page.locator('order-lens button[data-k="yes"][aria-disabled]').waitFor();
      for (const v of await axe(page)) found.push(`pending: ${v}`);
      await page.locator('order-lens [part="error"]').waitFor();
      for (const v of await axe(page)) found.push(`error: ${v}`);
      await page.route("**/rules.olr", (route) => route.fulfill({ status: 200, contentType: "application/octet-stream", body: "not rules" }));
      await page.goto(`${base}/?scenario=declined&locale=en`);
      await ready(page);
      await page.waitForFunction(() => /can't show/.test(document.querySelector("order-lens").shadowRoot.textContent));
      for (const v of await axe(page)) found.push(`fallback: ${v}`);
      assert(found.length === 0, `axe: ${found.join("\n    ")}`);
      return 2; // the rejection and the rules that did not load
    }, { colorScheme: scheme });
  }

  const shots = opt("shots");
  if (shots) {
    await test("screenshots: every scenario in every locale at 320, 390 and 1280 px, light and dark", async (page, { ctx }) => {
      const sets = [
        [390, "light"],
        [390, "dark"],
        [1280, "light"],
        [1280, "dark"],
        [320, "light"],
        [320, "dark"],
      ];
      let n = 0;
      for (const [width, scheme] of sets) {
        const dir = join(shots, `${width}-${scheme}`);
        mkdirSync(dir, { recursive: true });
        await page.setViewportSize({ width, height: 844 });
        await page.emulateMedia({ colorScheme: scheme });
        for (const locale of LOCALES) {
          for (const s of SCENARIOS) {
            await demo(page, s, locale);
            await page.screenshot({ path: join(dir, `${s}-${locale}.png`), fullPage: true });
            const w = await page.evaluate(() => document.documentElement.scrollWidth);
            assert(w <= width, `${s}/${locale} at ${width}px overflows: ${w}px`);
            n++;
          }
        }
      }
      console.log(`    ${n} screenshots in ${shots}`);
      void ctx;
    }, { deviceScaleFactor: 1 });
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
  const declined = () => paidOrder({ payment: { method: "card", state: "failed", failure_code: "card_declined", attempts: 1, updated_at: iso(NOW - 60e3) } });
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
      [declined(), paidOrder({ status: "shipped", shipment: { shipped_at: iso(NOW - 60e3), tracking_url: "https://t.example/1" } }), shadow()],
    );
    assert(out.t1 !== out.t2, `update() did not re-render: ${out.t1}`);
    assert(out.primary === "rgb(29, 107, 87)", `primary button not styled: ${out.primary}`);
    assert(out.sheets === 1 && out.links === 0, `expected one adopted sheet: ${JSON.stringify(out)}`);
  });

  const refundOrder = paidOrder({
    status: "cancelled",
    cancellation: { requested_at: "2026-11-18T20:00:00Z", by: "buyer", reason: "buyer_changed_mind", state: "approved" },
    refund: { amount: 4200, requested_at: "2026-11-18T20:00:00Z", approved_at: "2026-11-18T21:00:00Z", method: "card" },
  });
  await test("time zone (full build): times in the shopper's zone, labelled; timeZone 'shop' keeps the shop's, labelled too (Shanghai rules, a browser in Los Angeles)", async (page) => {
    await open(page);
    const out = await page.evaluate(
      ([o, s]) => {
        const rules = ol.compileRules({ settings: { timezone: "Asia/Shanghai" } });
        const read = (sel) => {
          const root = document.querySelector(sel).shadowRoot;
          return { dates: [...root.querySelectorAll('[part="stage"] .sa')].map((t) => t.textContent.replace(/^, /, "")), note: root.querySelector('[part="time-zone"]')?.textContent };
        };
        ol.mount(document.querySelector("#a"), { order: o, rules, locale: "en", now: "2026-11-19T03:00:00Z" });
        ol.mount(document.querySelector("#b"), { order: o, rules, locale: "en", now: "2026-11-19T03:00:00Z", timeZone: "shop" });
        return { zone: Intl.DateTimeFormat().resolvedOptions().timeZone, local: read(s), shop: read("#b .orderlens") };
      },
      [refundOrder, shadow()],
    );
    assert(out.zone === "America/Los_Angeles", `zone ${out.zone}`);
    // 2026-11-18T20:00Z is Nov 18 in Los Angeles and already Nov 19 in Shanghai.
    assert(out.local.dates[0] === "Nov\u00a018" && out.local.note === "Time zone: Pacific Time.", `local: ${JSON.stringify(out.local)}`);
    assert(out.shop.dates[0] === "Nov\u00a019" && out.shop.note === "Time zone: China Standard Time.", `shop: ${JSON.stringify(out.shop)}`);
  }, { timezoneId: "America/Los_Angeles" });

  await test("merchant-overridden widget.* labels, and a merchant locale that lacks some (English fills in)", async (page) => {
    await open(page);
    const out = await page.evaluate(
      ([o, r, s]) => {
        const rules = ol.compileRules({
          messages: {
            en: { "widget.support_code": "Reference:", "widget.refund_progress": "Your money" },
            de: { "reason.order_status.title": "Status", "reason.order_status.body": "Nichts zu tun.", "widget.support_code": "Support-Code:" },
          },
        });
        ol.mount(document.querySelector("#a"), { order: o, rules, locale: "en" });
        ol.mount(document.querySelector("#b"), { order: r, rules, locale: "de" });
        const a = document.querySelector(s).shadowRoot;
        const b = document.querySelector("#b .orderlens").shadowRoot;
        return {
          code: a.querySelector('[part="support-code"]').firstChild.textContent,
          progress: a.querySelector("h3")?.textContent,
          de: b.querySelector('[part="support-code"]').firstChild.textContent,
          deLang: b.querySelector('[part="container"]').lang,
          deProgress: b.querySelector("h3")?.textContent,
        };
      },
      [refundOrder, refundOrder, shadow()],
    );
    assert(out.code === "Reference:" && out.progress === "Your money", `en overrides: ${JSON.stringify(out)}`);
    // A key the merchant's locale lacks comes from English (with the merchant's English overrides).
    assert(out.deLang === "de" && out.de === "Support-Code:" && out.deProgress === "Your money", `de: ${JSON.stringify(out)}`);
  });

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

  await test("bad order and bad rules: localized fallback naming the order, one console.warn each, the page keeps working", async (page) => {
    await open(page);
    const out = await page.evaluate(
      ([good, s]) => {
        const bad = { id: "B-1", status: "unconfirmd", created_at: "2026-11-21T09:58:00+08:00" };
        const w = ol.mount(document.querySelector("#a"), { order: bad, locale: "ru-RU,ru;q=0.9", rules: { settings: { support_url: "https://shop.example/help" } } });
        w.update(bad); // the same bad input again: no second warning
        const root = document.querySelector(s).shadowRoot;
        const ru = { text: root.querySelector('[part="body"]').textContent, lang: root.querySelector('[part="container"]').lang, link: root.querySelector("a")?.href };
        const badRules = { rules: [{ id: "x", when: "payment.stat == 'failed'", reason: "x" }] };
        ol.mount(document.querySelector("#b"), { order: good, rules: badRules, locale: "zh-CN", supportUrl: "https://shop.example/zh/help" });
        const b = document.querySelector("#b .orderlens").shadowRoot;
        const zh = { text: b.querySelector('[part="body"]').textContent, link: b.querySelector("a")?.href };
        w.update(good);
        return { ru, zh, after: root.querySelector('[part="title"]')?.textContent ?? "" };
      },
      [paidOrder(), shadow()],
    );
    assert(out.ru.text.startsWith("Сейчас не получается показать статус заказа B-1.") && out.ru.lang === "ru" && out.ru.link === "https://shop.example/help", `ru fallback: ${JSON.stringify(out.ru)}`);
    assert(out.zh.text.startsWith("暂时无法显示订单W-1的状态。") && out.zh.link === "https://shop.example/zh/help", `zh-CN fallback for bad rules: ${JSON.stringify(out.zh)}`);
    assert(out.after.length > 0, "a good order after a bad one did not render");
    return 2; // one warning for the order, one for the rules
  });

  await test("rules as a promise: a placeholder until they arrive; a rejection shows the fallback", async (page) => {
    await open(page);
    const out = await page.evaluate(async ([o, s]) => {
      let ok;
      ol.mount(document.querySelector("#a"), { order: o, locale: "en", rules: new Promise((r) => (ok = r)) });
      const root = document.querySelector(s).shadowRoot;
      const before = { placeholder: !!root.querySelector('[part="placeholder"]'), height: root.querySelector('[part="container"]').getBoundingClientRect().height };
      ok(ol.compileRules());
      await new Promise((r) => setTimeout(r, 20));
      const after = root.querySelector('[part="title"]')?.textContent;
      ol.mount(document.querySelector("#b"), { order: o, locale: "en", rules: Promise.reject(new Error("offline")), supportUrl: "https://shop.example/help" });
      await new Promise((r) => setTimeout(r, 20));
      const b = document.querySelector("#b .orderlens").shadowRoot;
      return { before, after, failed: b.querySelector('[part="body"]').textContent, link: b.querySelector("a")?.href };
    }, [declined(), shadow()]);
    assert(out.before.placeholder && out.before.height >= 200, `no placeholder: ${JSON.stringify(out.before)}`);
    assert(/declined/.test(out.after), `did not render once the rules arrived: ${out.after}`);
    assert(/can't show the status of order W-1/.test(out.failed) && out.link === "https://shop.example/help", `rejected rules: ${JSON.stringify(out)}`);
    return 1;
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

  await test("onAction: gets the diagnosis's action; busy while pending; a rejection with { message } shows it as text; a resolved order re-renders", async (page) => {
    await open(page);
    await page.evaluate(
      ([o]) => {
        window.calls = [];
        window.w = ol.mount(document.querySelector("#a"), {
          order: o,
          locale: "en",
          onAction: (action, order) =>
            new Promise((ok, fail) => {
              window.calls.push([action.kind, action.label, order.id]);
              window.settle = { ok, fail };
            }),
        });
      },
      [declined()],
    );
    const retry = page.locator('#a button[data-k="a:retry_payment"]');
    await retry.click();
    const busy = await page.evaluate(([s]) => ({ busy: document.querySelector(s).shadowRoot.querySelector('[part="container"]').getAttribute("aria-busy"), inert: [...document.querySelector(s).shadowRoot.querySelectorAll("button")].every((b) => b.getAttribute("aria-disabled") === "true") }), [shadow()]);
    assert(busy.busy === "true" && busy.inert, `not busy while onAction runs: ${JSON.stringify(busy)}`);
    await retry.click({ force: true }); // a second press sends nothing (force: Playwright waits for aria-disabled otherwise)
    await page.evaluate(() => window.settle.fail({ message: "<b>Card</b> blocked by the bank (402)" }));
    await page.locator('#a [part="error"]').waitFor();
    const err = await page.evaluate(([s]) => {
      const e = document.querySelector(s).shadowRoot.querySelector('[part="error"]');
      return { text: e.textContent, bold: e.querySelectorAll("b").length };
    }, [shadow()]);
    assert(err.text.startsWith("The payment didn't start.<b>Card</b> blocked by the bank (402)") && err.bold === 0, `the host's message is not shown as text: ${JSON.stringify(err)}`);
    assert((await retry.getAttribute("aria-disabled")) === null, "buttons stay inert after a rejection");
    await retry.click();
    await page.evaluate(([o]) => window.settle.ok(o), [paidOrder({ status: "confirmed" })]);
    await waitTitle(page, /confirmed/i, "#a .orderlens");
    const calls = await page.evaluate(() => window.calls);
    assert(calls.length === 2 && calls[0][0] === "retry_payment" && calls[0][1] === "Try again" && calls[0][2] === "W-1", `onAction calls ${JSON.stringify(calls)}`);
    assert((await page.locator('#a [part="error"]').count()) === 0, "error line stays after success");
    return 1; // the rejection is logged with console.warn
  });

  await test("no handler: mount() without onAction and <order-lens> without a listener say the page can't do that", async (page) => {
    await open(page);
    await page.evaluate(([o]) => {
      ol.mount(document.querySelector("#a"), { order: o, locale: "en" });
      const el = document.createElement("order-lens");
      el.id = "el";
      el.locale = "en";
      el.order = o;
      document.body.append(el);
    }, [declined()]);
    await page.locator("#el").locator('[part="title"]').waitFor();
    for (const sel of ["#a", "#el"]) {
      await page.locator(`${sel} button[data-k="a:retry_payment"]`).click();
      const text = await page.locator(`${sel} [part="error"]`).textContent();
      assert(text.startsWith("The payment didn't start.This page can't do that right now."), `${sel}: ${text}`);
    }
  });

  await test("<order-lens>: properties, reflected locale attribute, attributes time-zone/support-url/action-timeout, diagnosis null without an order, double registration is harmless", async (page) => {
    await open(page);
    const out = await page.evaluate(async ([o]) => {
      await import("/orderlens/browser.js?again");
      const el = document.createElement("order-lens");
      el.order = o;
      el.locale = "ru";
      el.setAttribute("action-timeout", "5000");
      el.setAttribute("support-url", "https://shop.example/help");
      el.setAttribute("time-zone", "shop");
      document.body.append(el);
      await new Promise((r) => setTimeout(r, 0));
      const a = { attr: el.getAttribute("locale"), lang: el.shadowRoot.querySelector('[part="container"]').lang, reason: el.diagnosis?.headline.reason, timeout: el.actionTimeout, support: el.supportUrl, zone: el.timeZone };
      el.setAttribute("locale", "zh-CN");
      await new Promise((r) => setTimeout(r, 0));
      const b = { prop: el.locale, lang: el.shadowRoot.querySelector('[part="container"]').lang };
      el.order = null;
      await new Promise((r) => setTimeout(r, 0));
      const c = { diagnosis: el.diagnosis, hidden: el.shadowRoot.querySelector('[part="container"]').hidden };
      el.remove();
      return { a, b, c, same: customElements.get("order-lens") === ol.OrderLensElement };
    }, [paidOrder()]);
    assert(out.a.attr === "ru" && out.a.lang === "ru" && out.a.reason, `property/attribute: ${JSON.stringify(out.a)}`);
    assert(out.a.timeout === 5000 && out.a.support === "https://shop.example/help" && out.a.zone === "shop", `attributes: ${JSON.stringify(out.a)}`);
    assert(out.b.prop === "zh-CN" && out.b.lang === "zh-CN", `attribute -> property: ${JSON.stringify(out.b)}`);
    assert(out.c.diagnosis === null && out.c.hidden, `order = null: ${JSON.stringify(out.c)}`);
    assert(out.same, "element class not registered");
  });

  await test("without constructable stylesheets the packaged widget.css is linked (CSP-clean)", async (page, { ctx }) => {
    await page.addInitScript(() => {
      delete CSSStyleSheet.prototype.replaceSync;
    });
    await open(page);
    await page.evaluate(([o]) => ol.mount(document.querySelector("#a"), { order: o, locale: "en" }), [declined()]);
    await page.waitForFunction(([s]) => getComputedStyle(document.querySelector(s).shadowRoot.querySelector('[part~="button-primary"]')).backgroundColor === "rgb(29, 107, 87)", [shadow()], { timeout: 5000 });
    void ctx;
  });
}

await browser.close();
await srv.close();
const failed = results.filter((r) => !r.ok).length;
console.log(`${suite}: ${results.length - failed} of ${results.length} browser tests passed`);
process.exit(failed || results.length === 0 ? 1 : 0);
