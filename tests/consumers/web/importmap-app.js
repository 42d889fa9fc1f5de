// "orderlens/pure" (the full build) and "orderlens/widget" by bare specifier
// through the page's import map, no bundler: load() finds the .wasm next to
// pure.js, a rules document compiles in the page, <order-lens> shows it.
import { load } from "orderlens/pure";
import { defineOrderLens } from "orderlens/widget";

const $ = (id) => document.getElementById(id);
const NOW = "2026-11-21T02:05:00Z";
try {
  if (customElements.get("order-lens")) throw new Error("importing orderlens/widget registered <order-lens>");
  const [order, doc] = await Promise.all(["./order.json", "./rules.json"].map((u) => fetch(u).then((r) => r.json())));
  const ol = await load();
  defineOrderLens();
  const rules = ol.compileRules(doc);
  const d = rules.explain(order, { now: NOW, locale: "en" });
  const el = document.createElement("order-lens");
  Object.assign(el, { rules: doc, now: NOW, locale: "zh-CN", order });
  $("status").append(el);
  await new Promise((ok) => setTimeout(ok, 50));
  const shown = el.shadowRoot?.textContent ?? "";
  if (!/[\u4e00-\u9fff]/.test(shown) || !shown.includes(d.support_code)) throw new Error(`<order-lens> shows ${JSON.stringify(shown.slice(0, 80))}`);
  $("title").textContent = d.headline.title;
  $("detail").textContent = `${d.headline.reason} (orderlens/pure ${ol.version()} by import map, <order-lens> ok)`;
  document.body.dataset.state = "ready";
} catch (e) {
  $("detail").textContent = String(e);
  document.body.dataset.state = "error";
}
