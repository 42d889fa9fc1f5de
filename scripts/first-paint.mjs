#!/usr/bin/env node
// First paint of the widget's headline in headless Chromium, against a page
// that shows the same text statically. Not a test: it asserts no time, and
// exits non-zero only when the measurement itself fails (a page that errs,
// breaks the CSP, shows other words, or whose headline frame cannot be told).
//
//   node scripts/first-paint.mjs [--runs 20] [--warmup 2] [--pkg pkg] [--order examples/order.json]
//                                [--locale en] [--now 2026-11-21T02:05:00Z | --now none]
//                                [--viewport 390x844] [--scale 2] [--pause 300] [--preload] [--verbose]
//   (TOOLS: where playwright-core is installed, default build/tools as
//   scripts/build-pkg.sh leaves it; CHROMIUM: default /usr/bin/chromium)
//
// The two pages, generated into build/first-paint/site/ and served with the
// package at /orderlens/ by scripts/demo-server.mjs (127.0.0.1, the demo's
// strict CSP, no-store):
//
//   widget.html  a shop's order page that embeds the widget as the README
//                says: one <order-lens locale="en">, a module that imports
//                orderlens/runtime (it instantiates the wasm and registers
//                the element), sets `rules` to loadRules() of the compiled
//                runtime/rules.olr, and `order` (from a JSON data block in
//                the page). `now` is fixed (--now) so that every load shows
//                the same words; `--now none` leaves the clock running.
//                With --preload its <head> also has the README's preload
//                tags: modulepreload for the four modules, preload as=fetch
//                (crossorigin) for the .wasm and rules.olr.
//   static.html  the same element with the widget's own rendered shadow DOM
//                as a declarative shadow root and the packaged widget.css
//                linked in it, as renderHTML() writes it, and no script. Its
//                markup is captured from the widget page in a first load, so
//                both pages show the same words, DOM and CSS (the widget
//                adopts the same rules as a constructable stylesheet).
//
// Neither page has any text outside the widget.
//
// How "headline painted" is measured: Element Timing would be the direct
// way, but Chromium reports no `element` entry for an element in a shadow
// tree (checked: none for the <h2 elementtiming> of either page, while the
// same <h2> in the light DOM gets one). Paint Timing does see shadow trees:
// first-contentful-paint (FCP) is the first frame that paints any text, and
// largest-contentful-paint (LCP) adds an entry for each frame that paints a
// larger text than before, shadow trees included. An init script (run before
// the page's scripts, outside its CSP) notes when the <h2 part="title">
// enters the DOM: a MutationObserver on the widget's shadow root (from a
// wrapped attachShadow) or on the declarative one. The headline's frame is
// then the first FCP or LCP entry of a frame painted (its paintTime) after
// that, and the figure is that entry's startTime: relative to
// performance.timeOrigin (navigation start), the frame's presentation time
// (in 4 ms steps in this Chromium). On the widget page that is always the FCP
// (the placeholder's grey bars are not contentful, the page has no other
// text: a load that paints text first fails the measurement); on the static
// page too, unless the parser yielded inside the markup and a first frame
// showed only its start, when it is the next LCP entry (counted in the
// output). Sound because a frame that first paints the headline makes an LCP
// entry unless something as large painted before; a load where that happened
// fails. Also checked: the headline's words on every load, and that both
// pages' last LCP sizes agree (same layout; a warning if not). The widget's
// double requestAnimationFrame after the headline (an upper bound of its
// paint) is printed as a cross-check.
//
// Also recorded: on the widget page, when the wasm arrived, when
// WebAssembly.instantiateStreaming resolved (wrapped by the init script; the
// widget exposes no timing of its own) and how long that call took, when
// rules.olr arrived and when the headline entered the DOM; on both, the
// requests and the bytes transferred (Resource/Navigation Timing
// transferSize: headers included, uncompressed, as this server sends them;
// the favicon not counted), with gzip -9 of the same bodies for reference.
//
// Each run is a fresh browser context (empty HTTP cache, new renderer
// process; the server also sends no-store), one navigation, --pause ms after
// the previous context closed; the two pages alternate (ABBA), after --warmup
// discarded loads of each. Figures are ms
// from navigation start: median, p25, p75 (linear interpolation), min, max,
// and the difference of the two pages'. Raw samples go to
// build/first-paint/results.json. Like every figure of scripts/bench.sh they
// mean something only on an otherwise idle machine.
import { createRequire } from "node:module";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { CSP, startDemoServer } from "./demo-server.mjs";
import { args, opt, root } from "./lib/cli-args.mjs";

const RUNS = Number(opt("runs", 20));
const WARMUP = Number(opt("warmup", 2));
const pkg = resolve(opt("pkg", join(root, "pkg")));
const orderFile = resolve(opt("order", join(root, "examples/order.json")));
const locale = opt("locale", "en");
const now = opt("now", "2026-11-21T02:05:00Z");
const [vw, vh] = opt("viewport", "390x844").split("x").map(Number);
const scale = Number(opt("scale", 2));
const PAUSE = Number(opt("pause", 300)); // ms between loads
const verbose = args.includes("--verbose");
const preload = args.includes("--preload");
const out = join(root, "build/first-paint");
const site = join(out, "site");

function fail(msg) {
  console.error(`first-paint: ${msg}`);
  process.exit(1);
}

const toolsDir = resolve(process.env.TOOLS ?? join(root, "build/tools"));
let chromium;
try {
  ({ chromium } = createRequire(join(toolsDir, "package.json"))("playwright-core"));
} catch {
  fail(`no playwright-core in ${toolsDir} (TOOLS): run scripts/build-pkg.sh`);
}
try {
  readFileSync(join(pkg, "runtime.js"));
  readFileSync(join(pkg, "runtime/rules.olr"));
} catch {
  fail(`no built package at ${pkg} (runtime.js, runtime/rules.olr): run scripts/build-pkg.sh`);
}
let order;
try {
  order = JSON.parse(readFileSync(orderFile, "utf8"));
} catch (e) {
  fail(`cannot read the order ${orderFile}: ${e.message}`);
}

// --- the pages -------------------------------------------------------------------
const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const head = (title, extra = "") => `<!doctype html>
<html lang="${esc(locale)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(title)}</title>
  <link rel="icon" href="favicon.svg">${extra}
</head>`;
mkdirSync(site, { recursive: true });
copyFileSync(join(root, "www/favicon.svg"), join(site, "favicon.svg"));
writeFileSync(
  join(site, "widget.html"),
  `${head(
    "Your order",
    (preload
      ? ["runtime.js", "runtime/pure.js", "widget.js", "widget-css.js"].map((m) => `\n  <link rel="modulepreload" href="/orderlens/${m}">`).join("") +
        ["runtime/orderlens_bg.wasm", "runtime/rules.olr"].map((f) => `\n  <link rel="preload" href="/orderlens/${f}" as="fetch" crossorigin>`).join("")
      : "") + '\n  <script type="module" src="widget.js"></script>',
  )}
<body>
  <order-lens id="status" locale="${esc(locale)}"></order-lens>
  <script type="application/json" id="order">${JSON.stringify(order).replace(/</g, "\\u003c")}</script>
</body>
</html>
`,
);
writeFileSync(
  join(site, "widget.js"),
  `// A shop's order page with the widget, as the README embeds it (orderlens/runtime, compiled rules).
import { loadRules } from "/orderlens/runtime.js"; // instantiates the wasm, registers <order-lens>

const el = document.querySelector("#status");
el.rules = loadRules("/orderlens/runtime/rules.olr");
${now === "none" ? "" : `el.now = ${JSON.stringify(now)}; // the same words on every load\n`}el.order = JSON.parse(document.querySelector("#order").textContent);
`,
);
const staticPage = (shadow) => `${head("Your order")}
<body>
  <order-lens id="status" locale="${esc(locale)}"><template shadowrootmode="open"><link rel="stylesheet" href="/orderlens/widget.css">${shadow}</template></order-lens>
</body>
</html>
`;

// --- in the page ---------------------------------------------------------------------
// Runs before any script of the page (Playwright's init script: not subject to
// the page's CSP). Only observes: paint entries, the headline entering the
// widget's shadow root, the wasm instantiation, CSP violations.
const INIT = () => {
  const fp = (window.__fp = { fcp: null, lcps: [], title: null, raf2: null, wasm: null, csp: [] });
  let ready;
  fp.ready = new Promise((r) => (ready = r));
  const at = (e) => e.paintTime ?? e.startTime;
  // Ready once a paint entry comes from a frame painted after the headline entered the DOM.
  const check = () => fp.title != null && [fp.fcp, ...fp.lcps].some((e) => e && at(e) >= fp.title) && ready();
  const entry = (e) => ({ startTime: e.startTime, paintTime: e.paintTime ?? null, presentationTime: e.presentationTime ?? null, size: e.size ?? null });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") fp.fcp = entry(e);
    check();
  }).observe({ type: "paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) fp.lcps.push(entry(e));
    check();
  }).observe({ type: "largest-contentful-paint", buffered: true });
  // When the headline enters a shadow root: the widget's (attachShadow) or a
  // declarative one (found from the document's mutations).
  const hooked = new WeakSet();
  const found = (root) => {
    if (fp.title != null || !root.querySelector('[part="title"]')) return fp.title != null;
    fp.title = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => (fp.raf2 = performance.now())));
    check();
    return true;
  };
  const hook = (root) => {
    if (!root || hooked.has(root)) return;
    hooked.add(root);
    if (found(root)) return;
    const mo = new MutationObserver(() => found(root) && mo.disconnect());
    mo.observe(root, { childList: true, subtree: true });
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (...a) {
    const root = attach.apply(this, a);
    hook(root);
    return root;
  };
  const declarative = () => hook(document.querySelector("order-lens")?.shadowRoot);
  const doc = new MutationObserver(() => (declarative(), fp.title != null && doc.disconnect()));
  doc.observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", declarative);
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const f = WebAssembly[name];
    WebAssembly[name] = function (...a) {
      const start = performance.now();
      return f.apply(this, a).then((r) => {
        fp.wasm ??= { how: name, start, end: performance.now() };
        return r;
      });
    };
  }
  document.addEventListener("securitypolicyviolation", (e) => fp.csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
};

const COLLECT = async () => {
  const fp = window.__fp;
  await Promise.race([fp.ready, new Promise((r) => setTimeout(r, 15000))]);
  // The paint and largest-contentful-paint entries of one frame come in
  // separate callbacks; the double rAF after the headline.
  for (let i = 0; i < 10 || (i < 50 && fp.title != null && !fp.raf2); i++) await new Promise((r) => setTimeout(r, 10));
  const nav = performance.getEntriesByType("navigation")[0];
  const host = document.querySelector("order-lens");
  const h2 = host?.shadowRoot?.querySelector('[part="title"]');
  // The headline's text area, as largest-contentful-paint sizes text.
  let titleArea = null;
  if (h2) {
    const range = document.createRange();
    range.selectNodeContents(h2);
    const b = range.getBoundingClientRect();
    titleArea = b.width * b.height;
  }
  return {
    fcp: fp.fcp,
    lcps: fp.lcps,
    title: fp.title,
    titleArea,
    raf2: fp.raf2,
    wasm: fp.wasm,
    csp: fp.csp,
    text: h2?.textContent ?? null,
    shadow: host?.shadowRoot?.innerHTML ?? null,
    resources: [
      { name: nav.name, transferSize: nav.transferSize, decodedBodySize: nav.decodedBodySize, responseEnd: nav.responseEnd },
      ...performance.getEntriesByType("resource").map((r) => ({ name: r.name, transferSize: r.transferSize, decodedBodySize: r.decodedBodySize, responseEnd: r.responseEnd })),
    ],
  };
};

// --- the runs --------------------------------------------------------------------------
const srv = await startDemoServer({ routes: { "/": site, "/orderlens/": pkg } });
const base = `http://127.0.0.1:${srv.port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const load0 = loadavg()[0];

async function load(path) {
  const ctx = await browser.newContext({ viewport: { width: vw, height: vh }, deviceScaleFactor: scale });
  const problems = [];
  try {
    const page = await ctx.newPage();
    page.on("console", (m) => ["error", "warning"].includes(m.type()) && problems.push(`console.${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
    page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));
    await page.addInitScript(INIT);
    await page.goto(base + path, { waitUntil: "load" });
    const r = await page.evaluate(COLLECT);
    problems.push(...r.csp.map((v) => `CSP violation: ${v}`));
    if (r.text == null) problems.push("no headline in the widget's shadow root");
    else if (r.title == null) problems.push("the headline's entry into the DOM was not observed");
    if (problems.length) throw new Error(`${path}: ${problems.join("; ")}`);
    // The headline's frame: the first paint entry (FCP or an LCP candidate)
    // of a frame painted after the headline entered the DOM. Sound as long as
    // nothing painted before it was as large as the headline (else a frame
    // with the headline could have made no LCP entry).
    const at = (e) => e.paintTime ?? e.startTime;
    const after = [r.fcp, ...r.lcps].filter((e) => e && at(e) >= r.title).sort((x, y) => x.startTime - y.startTime);
    if (!after.length) throw new Error(`${path}: no paint entry after the headline entered the DOM (${r.title} ms) within 15 s`);
    r.paint = after[0];
    r.otherFirst = !r.fcp || at(r.fcp) < r.title;
    const earlier = Math.max(0, ...r.lcps.filter((e) => at(e) < r.title).map((e) => e.size));
    if (earlier >= r.titleArea)
      throw new Error(`${path}: text as large as the headline (${earlier} px² ≥ ${Math.round(r.titleArea)} px²) painted before it: its frame cannot be told`);
    return r;
  } finally {
    await ctx.close();
    // Let the closed context's renderer exit before the next load starts.
    await new Promise((r) => setTimeout(r, PAUSE));
  }
}

const samples = { widget: [], static: [] };
let expected;
let exitCode = 0;
try {
  // A first load of the widget page gives the static page its markup.
  const first = await load("/widget.html");
  expected = first.text;
  writeFileSync(join(site, "static.html"), staticPage(first.shadow));

  const pages = { widget: "/widget.html", static: "/static.html" };
  for (let i = -WARMUP; i < RUNS; i++) {
    for (const name of i % 2 === 0 ? ["widget", "static"] : ["static", "widget"]) {
      const r = await load(pages[name]);
      if (r.text !== expected) throw new Error(`${pages[name]}: headline ${JSON.stringify(r.text)}, expected ${JSON.stringify(expected)}`);
      if (name === "widget" && r.otherFirst) throw new Error("widget.html: text painted before the headline (the page should have none)");
      if (i >= 0) samples[name].push(r);
    }
  }
} catch (e) {
  console.error(`first-paint: measurement failed: ${e.message}`);
  exitCode = 1;
}

// gzip -9 of every body the pages loaded (fetched once more from the same server).
const gz = new Map();
if (!exitCode) {
  for (const r of [...samples.widget[0].resources, ...samples.static[0].resources]) {
    if (gz.has(r.name)) continue;
    const body = Buffer.from(await (await fetch(r.name)).arrayBuffer());
    gz.set(r.name, gzipSync(body, { level: 9 }).length);
  }
}
const version = browser.version();
await browser.close();
await srv.close();
if (exitCode) process.exit(exitCode);

// --- report ------------------------------------------------------------------------------
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
const stats = (xs) => ({ median: quantile(xs, 0.5), p25: quantile(xs, 0.25), p75: quantile(xs, 0.75), min: Math.min(...xs), max: Math.max(...xs) });
const f1 = (x) => (x == null || Number.isNaN(x) ? "—" : x.toFixed(1));
const B = (n) => n.toLocaleString("en-US");
const median = (xs) => quantile(xs.filter((x) => x != null), 0.5);

const t = { widget: samples.widget.map((r) => r.paint.startTime), static: samples.static.map((r) => r.paint.startTime) };
const st = { widget: stats(t.widget), static: stats(t.static) };
const cols = ["median", "p25", "p75", "min", "max"];
const row = (label, s) => `  ${label.padEnd(17)}${cols.map((c) => f1(s[c]).padStart(8)).join("")}`;

console.log(`headline painted, ms from navigation start (paint timing, presentation time; ${RUNS} fresh loads of each page, after ${WARMUP} warm-up loads)`);
console.log(`  Chromium ${version}, ${vw}x${vh} @${scale}x, locale ${locale}${preload ? ", widget page with preload tags" : ""}, CSP "${CSP}"; load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
console.log(`  headline: ${JSON.stringify(expected)}`);
console.log(`  ${"".padEnd(17)}${cols.map((c) => c.padStart(8)).join("")}`);
console.log(row("widget", st.widget));
console.log(row("static", st.static));
console.log(row("widget − static", Object.fromEntries(cols.map((c) => [c, st.widget[c] - st.static[c]]))));
const paired = t.widget.map((w, i) => w - t.static[i]);
console.log(`  (median of the ${RUNS} paired differences, loads alternating: ${f1(median(paired))} ms)`);

const res = (r, re) => r.resources.find((x) => re.test(new URL(x.name).pathname))?.responseEnd;
const W = samples.widget;
const S = samples.static;
const painted = (list, name) =>
  `headline in the DOM ${f1(median(list.map((r) => r.title)))} · frame painted ${f1(median(list.map((r) => r.paint.paintTime)))} · presented ${f1(st[name].median)}`;
console.log("widget page, medians in ms from navigation start:");
console.log(
  `  HTML ${f1(median(W.map((r) => r.resources[0].responseEnd)))} · wasm received ${f1(median(W.map((r) => res(r, /orderlens_bg\.wasm$/))))}` +
    ` · wasm instantiated ${f1(median(W.map((r) => r.wasm?.end)))} (WebAssembly.${W[0].wasm?.how ?? "?"} ${f1(median(W.map((r) => r.wasm && r.wasm.end - r.wasm.start)))} ms)` +
    ` · rules.olr received ${f1(median(W.map((r) => res(r, /rules\.olr$/))))}`,
);
console.log(`  ${painted(W, "widget")} (double rAF after the headline ${f1(median(W.map((r) => r.raf2)))})`);
console.log("static page, medians:");
console.log(`  HTML ${f1(median(S.map((r) => r.resources[0].responseEnd)))} · widget.css received ${f1(median(S.map((r) => res(r, /widget\.css$/))))} · ${painted(S, "static")}`);
const partial = S.filter((r) => r.otherFirst).length;
if (partial) console.log(`  (${partial} of ${RUNS} loads painted part of the markup before the parser reached the headline; their headline frame is the next LCP entry)`);
for (const [name, list] of Object.entries(samples)) {
  const r = list[0].resources.filter((x) => !/\/favicon\.svg$/.test(x.name)); // the browser's, whenever it comes
  const sent = r.reduce((a, x) => a + x.transferSize, 0);
  const body = r.reduce((a, x) => a + x.decodedBodySize, 0);
  const zipped = r.reduce((a, x) => a + gz.get(x.name), 0);
  console.log(`bytes, ${name}: ${r.length} requests, ${B(sent)} B transferred (${B(body)} B of bodies, uncompressed as served; gzip -9 of the bodies ${B(zipped)} B)`);
  if (verbose)
    for (const x of r) console.log(`    ${new URL(x.name).pathname.padEnd(34)} ${B(x.decodedBodySize).padStart(9)} B  gzip -9 ${B(gz.get(x.name)).padStart(8)} B  received at ${f1(x.responseEnd)} ms`);
}
const lcp = (list) => [...new Set(list.map((r) => r.lcps.at(-1)?.size))].join("/");
if (lcp(W) !== lcp(S)) console.log(`warning: the largest contentful paint differs (widget ${lcp(W)} px², static ${lcp(S)} px²): the pages' layouts differ`);

writeFileSync(
  join(out, "results.json"),
  JSON.stringify({ chromium: version, runs: RUNS, warmup: WARMUP, viewport: [vw, vh, scale], locale, now, headline: expected, stats: st, samples: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map(({ shadow, csp, ...r }) => r)])) }, null, 1),
);
