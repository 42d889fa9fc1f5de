// renderHTML and renderEmail from the installed package (the packed
// tarball), checked as users meet them:
//
// 1. Pages made of renderHTML's output, served under the strict CSP of
//    scripts/demo-server.mjs (`script-src 'self' 'wasm-unsafe-eval'`,
//    `style-src 'self'`), in headless Chromium:
//    - with JavaScript disabled, the status shows: the headline and body are
//      visible text, styled by the linked widget.css;
//    - with JavaScript, <order-lens> takes the declarative shadow root over:
//      the cumulative layout shift (PerformanceObserver, layout-shift
//      entries) is 0, every part keeps its box, and the markup is the
//      server's (but for the time zone's name, which only a browser
//      localizes, and the <wbr> it adds between Chinese words).
// 2. renderEmail's HTML passes html-validate (recommended rules; inline
//    styles are what e-mail needs, so no-inline-style is off) and holds no
//    <script, <link, <style or javascript:.
//
//   node check.mjs --repo DIR --pkg DIR      (TOOLS: build/tools with playwright-core)
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { HtmlValidate } from "html-validate";
import { compileRules, renderEmail } from "orderlens";
import { startDemoServer } from "../../../scripts/demo-server.mjs";

const args = process.argv.slice(2);
const opt = (name) => resolve(args[args.indexOf(`--${name}`) + 1]);
const repo = opt("repo");
const pkg = opt("pkg");
const here = resolve(".");
const tools = createRequire(join(resolve(process.env.TOOLS ?? "build/tools"), "package.json"));
const { chromium } = tools("playwright-core");

const fixture = (name) => JSON.parse(readFileSync(join(repo, "tests/fixtures/cases", `${name}.json`), "utf8"));
const example = {
  now: "2026-11-21T02:05:00Z",
  order: JSON.parse(readFileSync(join(repo, "examples/order.json"), "utf8")),
  rules: JSON.parse(readFileSync(join(repo, "examples/rules.json"), "utf8")),
};
const CASES = [
  ["declined", example, "en"],
  ["declined", example, "zh-CN"],
  ["declined", example, "ru"],
  ["refund-late", fixture("refund-overdue-shop-has-not-sent"), "en"],
  ["refund-late", fixture("refund-overdue-shop-has-not-sent"), "ru"],
  ["delivery-late", fixture("delivery-delayed-expected-at"), "en"],
  ["out-of-stock-html-name", fixture("out-of-stock-html-item-name"), "zh-CN"],
];

let failures = 0;
const fail = (msg) => {
  failures++;
  console.log(`FAIL ${msg}`);
};

// --- the pages ------------------------------------------------------------
const site = join(here, "site");
mkdirSync(site, { recursive: true });
copyFileSync(join(here, "page.js"), join(site, "page.js"));
// (Chromium asks for /favicon.ico; an empty one keeps the logs clean.)
writeFileSync(join(site, "favicon.ico"), "");
const pages = [];
// The last page is the control: its markup links no stylesheet, so the
// widget's styles arrive with the script and the content must shift; a
// CLS of 0 there would mean the measurement sees nothing.
const CONTROL = "control-unstyled";
for (const [name, c, locale] of [...CASES, [CONTROL, example, "en"]]) {
  const rules = compileRules(c.rules);
  const d = rules.explain(c.order, { now: c.now, locale });
  const markup = rules.renderHTML(d, name === CONTROL ? {} : { stylesheet: "/orderlens/widget.css" });
  const data = JSON.stringify({ now: c.now, order: c.order, rules: c.rules ?? null }).replace(/</g, "\\u003c");
  const file = `${name}-${locale}.html`;
  writeFileSync(
    join(site, file),
    `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Order</title></head>\n` +
      `<body><h1>Your order</h1>\n${markup}\n<p id="after">Text after the status.</p>\n` +
      `<script type="application/json" id="data">${data}</script>\n<script type="module" src="/page.js"></script></body></html>\n`,
  );
  pages.push({ file, d, control: name === CONTROL });
  rules.free();
}

const srv = await startDemoServer({ routes: { "/": site, "/orderlens/": pkg } });
const base = `http://127.0.0.1:${srv.port}`;
srv.server.on("served", ({ url, code }) => code >= 400 && fail(`HTTP ${code} for ${url}`));
console.log(`pages served on ${base} with the strict CSP`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function open(context, path) {
  const ctx = await browser.newContext(context);
  const page = await ctx.newPage();
  const problems = [];
  page.on("console", (m) => ["error", "warning"].includes(m.type()) && problems.push(`console.${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));
  await page.goto(base + path);
  return { ctx, page, problems };
}

// What a reader sees inside the shadow root: visible text, and whether the stylesheet applies.
const SEEN = () => {
  const root = document.querySelector("order-lens").shadowRoot;
  if (!root) return null;
  const c = root.querySelector('[part="container"]');
  return {
    text: c.innerText,
    icon: getComputedStyle(root.querySelector(".ic")).width,
    radius: getComputedStyle(c).borderRadius,
  };
};
// The markup without what only a browser adds or names.
const normal = (html) => html.replace(/<wbr>/g, "").replace(/(<p part="time-zone" class="tz">)[^<]*(<\/p>)/, "$1…$2");

let worst = 0;
for (const width of [390, 1280]) {
  for (const { file, d, control } of pages) {
    const at = `${file} @${width}px`;
    const viewport = { width, height: 900 };
    // Without JavaScript: the server's status, styled.
    if (!control) {
      const { ctx, page, problems } = await open({ viewport, javaScriptEnabled: false, timezoneId: "Europe/Berlin" }, `/${file}`);
      await page.waitForLoadState("load");
      const seen = await page.evaluate(SEEN);
      if (!seen) fail(`${at} (no JS): no shadow root`);
      else {
        const flat = (s) => s.replace(/\s+/g, "");
        if (!flat(seen.text).includes(flat(d.headline.title))) fail(`${at} (no JS): title not visible: ${seen.text.slice(0, 80)}`);
        if (!flat(seen.text).includes(flat(d.headline.body).slice(0, 20))) fail(`${at} (no JS): body not visible`);
        if (seen.icon !== "28px" || seen.radius === "0px") fail(`${at} (no JS): widget.css not applied (icon ${seen.icon}, radius ${seen.radius})`);
      }
      for (const p of problems) fail(`${at} (no JS): ${p}`);
      await ctx.close();
    }
    // With JavaScript: the widget takes over without a shift.
    {
      const { ctx, page, problems } = await open({ viewport, timezoneId: "Europe/Berlin" }, `/${file}`);
      await page.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout: 20000 });
      const r = await page.evaluate(() => window.__result);
      const csp = await page.evaluate(() => window.__csp ?? []);
      console.log(`${at}: CLS ${r.cls} (${r.shifts.length} layout-shift entries), widget ready in ${r.took} ms${control ? " (control)" : ""}`);
      if (r.server.html === null) fail(`${at}: no declarative shadow root`);
      if (control) {
        if (!(r.cls > 0)) fail(`${at}: the control page shows no layout shift: the measurement sees nothing`);
        await ctx.close();
        continue;
      }
      worst = Math.max(worst, r.cls);
      if (r.cls !== 0) fail(`${at}: CLS ${r.cls}: ${JSON.stringify(r.shifts)}`);
      const moved = r.server.geometry.filter((g, i) => g !== r.widget.geometry[i]);
      if (moved.length || r.server.geometry.length !== r.widget.geometry.length) fail(`${at}: boxes moved: ${moved.join(" | ")} → ${r.widget.geometry.join(" | ")}`);
      if (normal(r.server.html) !== normal(r.widget.html)) {
        const a = normal(r.server.html);
        const b = normal(r.widget.html);
        let i = 0;
        while (a[i] === b[i]) i++;
        fail(`${at}: the widget's markup differs from the server's at ${i}:\n    server: ${a.slice(i - 60, i + 100)}\n    widget: ${b.slice(i - 60, i + 100)}`);
      }
      for (const p of [...problems, ...csp]) fail(`${at}: ${p}`);
      await ctx.close();
    }
  }
}
await browser.close();
srv.server.close();

// --- the e-mail -------------------------------------------------------------
const hv = new HtmlValidate({ extends: ["html-validate:recommended"], rules: { "no-inline-style": "off" } });
let emails = 0;
for (const [name, c, locale] of CASES) {
  const rules = compileRules(c.rules);
  const d = rules.explain(c.order, { now: c.now, locale });
  for (const e of [rules.renderEmail(d, { brand: "Tea & Leaf" }), renderEmail(d, { supportUrl: "https://shop.example/help?x=1&y=2", timeZone: rules.timezone })]) {
    emails++;
    const at = `${name}-${locale} e-mail`;
    const report = await hv.validateString(e.html);
    if (!report.valid) {
      for (const m of report.results.flatMap((x) => x.messages)) fail(`${at}: html-validate ${m.ruleId} ${m.line}:${m.column}: ${m.message}`);
    }
    for (const bad of [/<script/i, /<link/i, /<style/i, /javascript:/i]) if (bad.test(e.html)) fail(`${at}: holds ${bad}`);
    if (!e.text.includes(d.support_code) || !e.subject.includes(d.order_id)) fail(`${at}: text or subject incomplete`);
  }
  rules.free();
}
console.log(`html-validate (recommended, inline styles allowed): ${emails} e-mails checked`);
console.log(`${pages.length - 1} pages at 390 and 1280 px: worst CLS ${worst} (the unstyled control page shifts, as it must); ${failures} problem${failures === 1 ? "" : "s"}`);
process.exit(failures ? 1 : 0);
