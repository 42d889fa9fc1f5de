// orderlens/runtime in a browser: compiled rules (rules.olr, written by
// `orderlens compile`), the built-in rules, every kind of error the full
// build throws, and the widget on compiled rules. Any mismatch puts the page
// in the error state with the reasons in #detail.
import { compileRules, explain, loadRules, mount, version } from "/node_modules/orderlens/runtime.js";

const $ = (id) => document.getElementById(id);
const NOW = "2026-11-21T02:05:00Z";
const problems = [];
function throws(name, pattern, f) {
  try {
    f();
    problems.push(`expected a ${name}`);
  } catch (e) {
    if (e.name !== name || !pattern.test(e.message)) problems.push(`expected a ${name} matching ${pattern}, got ${e.name}: ${e.message}`);
    if (name === "RulesError" && !Array.isArray(e.diagnostics)) problems.push("RulesError without diagnostics");
    if (name === "OrderError" && !e.errors?.some((x) => x.path === "status")) problems.push("OrderError does not name 'status'");
  }
}

try {
  const [order, bytes] = await Promise.all([
    fetch("./order.json").then((r) => r.json()),
    fetch("./rules.olr").then((r) => r.arrayBuffer()),
  ]);
  // Compiled rules hold the rules and English messages that differ from
  // the built-in ones (the runtime embeds those), and the other locales in
  // full: about 41 KB for zh-CN and ru on the buyer's side (`compile
  // --audience buyer`), not the whole catalog twice (about 85 KB).
  if (bytes.byteLength > 45000) problems.push(`rules.olr is ${bytes.byteLength} bytes`);
  // The buyer's side only: no merchant's view (a RangeError that says so).
  try {
    compileRules(bytes).explain(order, { now: NOW, audience: "merchant" });
    problems.push("buyer-side rules gave a merchant's view");
  } catch (e) {
    if (e.name !== "RangeError" || !/buyer's view only/.test(e.message)) problems.push(`merchant view on buyer-side rules: ${e.name}: ${e.message}`);
  }
  const rules = compileRules(bytes);
  const d = rules.explain(order, { now: NOW, locale: navigator.languages });
  if (!rules.locales.includes("zh-CN")) problems.push(`locales ${rules.locales}`);
  if (rules.timezone !== "Asia/Shanghai") problems.push(`timezone ${rules.timezone}`);

  // The embedded built-in rules speak English only; loadRules() fetches
  // them with every shipped locale (orderlens/runtime/rules.olr).
  const builtIn = explain(order, { now: Date.parse(NOW), locale: "zh-CN" });
  if (builtIn.locale !== "en") problems.push(`embedded built-in rules in ${builtIn.locale}`);
  const loaded = await loadRules();
  const zh = loaded.explain(order, { now: NOW, locale: "zh-CN" });
  // rules.olr is the buyer's side: no merchant view, no seller's texts.
  try {
    loaded.explain(order, { now: NOW, audience: "merchant" });
    problems.push("rules.olr has the merchant's view");
  } catch (e) {
    if (e.name !== "RangeError") problems.push(`rules.olr, merchant view: ${e.name}`);
  }
  // rules-merchant.olr carries the merchant's view (SPEC §3.3), in every locale.
  const both = await loadRules(null, { audience: "merchant" });
  const seller = both.explain(order, { now: NOW, locale: "ru", audience: "merchant" });
  if (!seller.headline.rule.startsWith("merchant-") || !/[а-яё]/i.test(seller.headline.title)) problems.push(`merchant view: ${JSON.stringify(seller.headline)}`);
  try {
    loaded.explain(order, { now: NOW, audience: "seller" });
    problems.push("an unknown audience was accepted");
  } catch (e) {
    if (e.name !== "RangeError") problems.push(`unknown audience: ${e.name}`);
  }
  if (!/[\u4e00-\u9fff]/.test(zh.headline.title)) problems.push(`loadRules() in zh-CN: ${zh.headline.title}`);
  if (loaded.locales.join() !== "en,zh-CN,ru") problems.push(`loadRules() locales ${loaded.locales}`);

  throws("RulesError", /compiled rules only/, () => compileRules({ rules: [] }));
  throws("RulesError", /damaged or cut short/, () => compileRules(new Uint8Array(bytes).slice(0, 200)));
  throws("OrderError", /status/, () => rules.explain({ ...order, status: "nope" }, { now: NOW }));
  throws("RangeError", /options\.now/, () => rules.explain(order, { now: "yesterday" }));
  throws("TypeError", /options\.locale/, () => rules.explain(order, { locale: 5 }));

  const w = mount($("widget"), { order, rules: new Uint8Array(bytes), locale: "ru", now: NOW });
  const shown = $("widget").querySelector(".orderlens")?.shadowRoot?.textContent ?? "";
  if (!/[а-яё]/i.test(shown) || !shown.includes(d.support_code)) problems.push(`widget shows ${JSON.stringify(shown.slice(0, 120))}`);
  w.destroy();
  // Without rules, in Chinese: the widget fetches the built-in rules in
  // every locale (the runtime embeds English only) and shows Chinese.
  const wz = mount($("widget-zh"), { order, locale: "zh-CN", now: NOW });
  let zhText = "";
  for (let i = 0; i < 50 && !/[\u4e00-\u9fff]{4}/.test(zhText); i++) {
    await new Promise((r) => setTimeout(r, 50));
    zhText = $("widget-zh").querySelector(".orderlens")?.shadowRoot?.querySelector('[part="title"]')?.textContent ?? "";
  }
  if (!/[\u4e00-\u9fff]/.test(zhText)) problems.push(`widget without rules in zh-CN shows ${JSON.stringify(zhText)}`);
  wz.destroy();

  $("title").textContent = d.headline.title;
  $("detail").textContent = problems.length
    ? problems.join("; ")
    : `${d.headline.reason} (orderlens/runtime ${version()}, rules ${rules.fingerprint.toString(16)}, widget ok)`;
  document.body.dataset.state = problems.length ? "error" : "ready";
} catch (e) {
  $("detail").textContent = `${e.name}: ${e.message}`;
  document.body.dataset.state = "error";
}
