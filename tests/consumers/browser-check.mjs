// Loads a page in headless Chromium (Debian's /usr/bin/chromium through
// playwright-core) from a local server with a strict CSP, and checks that it
// shows a diagnosis: `#title` filled in, `data-state="ready"` on <body>, no
// console errors or warnings, no uncaught exceptions, no failed requests, no
// CSP violations.
//
//   node browser-check.mjs --root DIR [--path /index.html] [--expect REGEX]
//                          [--no-csp | --csp POLICY]
//   node browser-check.mjs --url http://127.0.0.1:PORT/ [--expect REGEX]   (a running server)
// Needs TOOLS (build/tools, where playwright-core is installed).
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { startServer, CSP } from "./serve.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const root = opt("root");
const fixedUrl = opt("url");
const path = opt("path", "/");
const expect = new RegExp(opt("expect", "."));
const csp = args.includes("--no-csp") ? null : opt("csp", CSP);
const tools = process.env.TOOLS;
if ((!root && !fixedUrl) || !tools) {
  console.error("usage: TOOLS=build/tools node browser-check.mjs --root DIR [--path P] [--expect RE]");
  process.exit(2);
}
const { chromium } = createRequire(join(resolve(tools), "package.json"))("playwright-core");

const problems = [];
const srv = fixedUrl ? null : await startServer({ root, csp });
srv?.server.on("served", ({ url, code }) => {
  if (code >= 400) problems.push(`HTTP ${code} for ${url}`);
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
let status = 1;
try {
  const page = await browser.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`),
    );
  });
  page.on("response", (r) => {
    if (fixedUrl && r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  const url = fixedUrl ?? `http://127.0.0.1:${srv.port}${path}`;
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => document.body?.dataset.state === "ready" || document.body?.dataset.state === "error", null, {
    timeout: 20000,
  });
  const state = await page.evaluate(() => document.body.dataset.state);
  const title = (await page.textContent("#title"))?.trim() ?? "";
  const detail = (await page.textContent("#detail").catch(() => ""))?.trim() ?? "";
  for (const v of await page.evaluate(() => window.__csp)) problems.push(`CSP violation: ${v}`);
  if (state !== "ready") problems.push(`page state ${state}: ${detail}`);
  if (!expect.test(title)) problems.push(`title ${JSON.stringify(title)} does not match ${expect}`);
  console.log(`${url} (CSP: ${fixedUrl ? "as served" : (csp ?? "none")}): title ${JSON.stringify(title)}${detail ? `; ${detail}` : ""}`);
  status = problems.length ? 1 : 0;
} catch (e) {
  problems.push(`error: ${e.message}`);
} finally {
  await browser.close();
  await srv?.close();
}
for (const p of problems) console.error(`  problem: ${p}`);
process.exit(problems.length ? 1 : status);
