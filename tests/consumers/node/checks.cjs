// Assertions shared by the Node consumers (require, import, the bundler
// build): they get the package's exports and run the same API checks.
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const examples = path.join(__dirname, "examples");
const order = JSON.parse(fs.readFileSync(path.join(examples, "order.json"), "utf8"));
const rulesDoc = JSON.parse(fs.readFileSync(path.join(examples, "rules.json"), "utf8"));
const NOW = "2026-11-21T02:05:00Z";

module.exports = function run(ol, label) {
  const names = ["compileRules", "checkRules", "explain", "version", "CompiledRules"];
  for (const n of names) assert.equal(typeof ol[n], "function", `${label}: export ${n}`);
  assert.match(ol.version(), /^\d+\.\d+\.\d+/);

  // Compile once, explain many.
  const rules = ol.compileRules(rulesDoc);
  assert.ok(rules instanceof ol.CompiledRules);
  assert.deepEqual(rules.locales, ["en", "zh-CN", "ru"]);
  assert.equal(rules.timezone, "Asia/Shanghai");
  assert.equal(typeof rules.fingerprint, "number");
  assert.ok(Array.isArray(rules.warnings));

  const d = rules.explain(order, { now: NOW, locale: "en" });
  assert.equal(d.order_id, "A-1001");
  assert.equal(d.headline.reason, "payment_declined");
  assert.equal(d.headline.severity, "action_required");
  assert.ok(d.headline.title.length > 0);
  assert.equal(d.actions[0].kind, "retry_payment");
  assert.equal(d.actions[0].primary, true);
  assert.equal(d.deadlines[0].kind, "auto_cancel");
  assert.equal(d.deadlines[0].at, "2026-11-21T02:28:00Z");
  assert.equal(d.valid_until, "2026-11-21T02:28:00Z");
  assert.match(d.support_code, /^OL-/);

  // `now` as a number and a Date, the order as JSON text: the same diagnosis.
  const ms = Date.parse(NOW);
  assert.deepEqual(rules.explain(JSON.stringify(order), { now: ms }), d);
  assert.deepEqual(rules.explain(order, { now: new Date(ms), locale: "en-US,en;q=0.9" }), d);

  // Locale negotiation, including a navigator.languages-style list.
  assert.equal(rules.explain(order, { now: NOW, locale: "ru-RU" }).locale, "ru");
  assert.equal(rules.explain(order, { now: NOW, locale: ["zh-Hans-CN", "en"] }).locale, "zh-CN");
  assert.equal(rules.explain(order, { now: NOW, locale: "fr" }).locale, "en");
  // Default now: the current time, a valid diagnosis.
  assert.equal(rules.explain(order).order_id, "A-1001");

  // Rules errors: thrown Error with name and a structured diagnostics array.
  let caught = null;
  try {
    ol.compileRules({ rules: [{ id: "x", when: "payment.stat == 'failed'", reason: "x" }] });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, "RulesError is an Error");
  assert.equal(caught.name, "RulesError");
  assert.match(caught.message, /payment\.stat/);
  assert.ok(Array.isArray(caught.diagnostics));
  const diag = caught.diagnostics.find((x) => x.rule === "x");
  assert.ok(diag, "a diagnostic for rule x");
  assert.equal(diag.severity, "error");
  assert.equal(diag.path, "rules[0].when");
  assert.equal(diag.line, 1);
  assert.equal(diag.column, 1);
  assert.match(diag.help, /payment\.state/);

  // checkRules never throws.
  const bad = ol.checkRules("{not json");
  assert.equal(bad.ok, false);
  assert.equal(bad.diagnostics[0].line, 1);
  assert.deepEqual(ol.checkRules(rulesDoc), { ok: true, diagnostics: [] });
  assert.equal(ol.checkRules(42).ok, false);

  // Order errors name the field.
  caught = null;
  try {
    rules.explain({ id: "A-1", status: "unconfirmd", created_at: "2026-11-21T09:58:00+08:00" }, { now: NOW });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error);
  assert.equal(caught.name, "OrderError");
  assert.match(caught.message, /status/);
  assert.equal(caught.errors[0].path, "status");
  assert.match(caught.errors[0].help, /unconfirmed/);
  assert.throws(() => rules.explain(undefined), { name: "OrderError" });
  assert.throws(() => rules.explain(order, { now: "yesterday" }), RangeError);
  assert.throws(() => rules.explain(order, { now: {} }), TypeError);

  // Batches: a bad order takes its place as { error }.
  const many = rules.explainMany([order, { id: 1 }, order], { now: NOW, locale: "zh-CN" });
  assert.equal(many.length, 3);
  assert.equal(many[0].locale, "zh-CN");
  assert.equal(many[1].error.name, "OrderError");
  assert.ok(many[1].error.errors.length > 0);
  assert.deepEqual(many[2], many[0]);
  const swept = rules.sweep([order], { now: "2026-11-21T03:00:00Z" });
  assert.equal(swept[0].id, "A-1001");
  assert.deepEqual(swept[0].deadlines, [{ kind: "auto_cancel", at: "2026-11-21T02:28:00Z" }]);

  // One-shot explain, with and without rules.
  assert.deepEqual(ol.explain(order, { now: NOW }, rulesDoc), d);
  assert.equal(ol.explain(order, { now: NOW }).headline.reason, "payment_declined");
  assert.throws(() => ol.explain(order, {}, { rules: 1 }), { name: "RulesError" });

  // Importers (SPEC §4.3): one documented payload per platform (the
  // repository's tests/fixtures/import, copied next to this file) → order
  // document → diagnosis, as the fixture expects.
  const fixtures = path.join(__dirname, "import-fixtures");
  const subset = (got, want, where) => {
    if (want === null) return assert.ok(got === null || got === undefined, `${where}: ${JSON.stringify(got)}`);
    if (typeof want !== "object") return assert.equal(got, want, where);
    if (Array.isArray(want)) assert.equal(got.length, want.length, `${where}.length`);
    for (const k of Object.keys(want)) subset(got?.[k], want[k], `${where}.${k}`);
  };
  const imported = [];
  for (const [fn, file] of [
    ["fromShopify", "shopify/paid-fulfilled-in-transit.json"],
    ["fromWooCommerce", "woocommerce/create-example-processing-bacs.json"],
    ["fromStripe", "stripe/declined-insufficient-funds.json"],
  ]) {
    assert.equal(typeof ol[fn], "function", `${label}: export ${fn}`);
    const c = JSON.parse(fs.readFileSync(path.join(fixtures, file), "utf8"));
    const doc = ol[fn](c.payload);
    subset(doc, c.expect.order, `${label}: ${file}: order`);
    assert.deepEqual(ol[fn](JSON.stringify(c.payload)), doc, `${file}: as JSON text`);
    const dd = ol.compileRules(c.rules).explain(doc, { now: c.now });
    assert.equal(dd.headline.reason, c.expect.headline, `${file}: headline`);
    if (c.expect.actions) assert.deepEqual(dd.actions.map((a) => a.kind), c.expect.actions, `${file}: actions`);
    imported.push(dd.headline.reason);
  }
  // fromStripe with its parts as separate objects, absent ones left out.
  const stripe = JSON.parse(fs.readFileSync(path.join(fixtures, "stripe/refunds-partial-with-order.json"), "utf8"));
  const { paymentIntent, refunds, order: own } = stripe.payload;
  const merged = ol.fromStripe({ paymentIntent, refunds, dispute: undefined, order: own });
  assert.equal(merged.id, "A-3001");
  assert.equal(merged.payment.state, "partially_refunded");
  assert.equal(merged.refund.amount, 500);
  // A value the importer does not know is an ImportError naming the field.
  const shop = JSON.parse(fs.readFileSync(path.join(fixtures, "shopify/paid-fulfilled-in-transit.json"), "utf8")).payload;
  caught = null;
  try {
    ol.fromShopify({ ...shop, financial_status: "settled", currency: "XBT" });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, "ImportError is an Error");
  assert.equal(caught.name, "ImportError");
  assert.match(caught.message, /^cannot read this Shopify order: /);
  assert.deepEqual(caught.errors.map((x) => x.path).sort(), ["currency", "financial_status"]);
  assert.match(caught.errors.find((x) => x.path === "financial_status").help, /'partially_paid'/);
  assert.throws(() => ol.fromStripe(undefined), { name: "ImportError" });
  assert.throws(() => ol.fromWooCommerce("{not json"), { name: "ImportError", message: /invalid JSON at 1:2/ });
  // The widget's labels are catalog messages; times in another zone (server-side rendering for a customer elsewhere).
  assert.equal(rules.message("widget.countdown", { minutes: 23 }, { locale: "ru-RU" }), "осталось 23 мин");
  assert.equal(rules.message("widget.pending", { action: "cancel_order" }, { locale: "zh-CN" }), "正在取消…");
  assert.equal(rules.message("no.such.key"), "");
  assert.equal(rules.supportUrl, rulesDoc.settings?.support_url);
  const la = rules.explain(order, { now: NOW, locale: "en", timeZone: "America/Los_Angeles" });
  assert.equal(la.deadlines[0].at, d.deadlines[0].at);
  assert.match(la.deadlines[0].label, /by 18:28$/);
  assert.throws(() => rules.explain(order, { now: NOW, timeZone: "Mars/Base" }), { name: "RangeError" });

  // Server side (SPEC §4.4): the widget's markup and a transactional e-mail,
  // in Node's build only (the ESM-integration build is the browsers' .wasm).
  if (label === "bundler") {
    assert.equal(ol.renderHTML, undefined, "bundler: renderHTML is Node's only");
  } else {
    const page = rules.renderHTML(d, { stylesheet: "/assets/widget.css", theme: "dark" });
    assert.match(page, /^<order-lens locale="en" time-zone="shop" theme="dark"><template shadowrootmode="open"><link rel="stylesheet" href="\/assets\/widget.css">/);
    assert.ok(page.includes(d.headline.title) && page.endsWith("</template></order-lens>"));
    assert.equal(ol.renderHTML(JSON.stringify(d), { timeZone: rules.timezone }), ol.renderHTML(d, { timeZone: rules.timezone }));
    // Whose clock is never guessed: the built-in rules' renderer cannot know this diagnosis's zone.
    if (rules.timezone !== "UTC") assert.throws(() => ol.renderHTML(d), (e) => e.name === "RangeError" && /timeZone/.test(e.message));
    const mail = rules.renderEmail(d, { brand: "Tea House" });
    assert.deepEqual(Object.keys(mail), ["subject", "html", "text"]);
    assert.ok(mail.subject.includes(d.order_id) && mail.text.includes(d.support_code), mail.text);
    assert.ok(!/<script|<link|javascript:/i.test(mail.html));
    assert.throws(() => rules.renderHTML({ ...d, reasons: "x" }), (e) => e.name === "TypeError" && e.errors[0].path === "reasons");
    assert.throws(() => rules.renderHTML(d, { theme: "pink" }), { name: "RangeError" });
    assert.throws(() => ol.renderEmail(d, { supportUrl: 1 }), { name: "TypeError" });
  }

  rules.free();
  return `${label}: ok (${d.headline.title}; imported: ${imported.join(", ")})`;
};
