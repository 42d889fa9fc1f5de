// "orderlens/runtime" (the checkout build): rules compiled by
// `orderlens compile`, and the widget with mount().
import { compileRules, mount, version } from "orderlens/runtime";

const $ = (id) => document.getElementById(id);
const NOW = "2026-11-21T02:05:00Z";
try {
  const [order, bytes] = await Promise.all([fetch("./order.json").then((r) => r.json()), fetch("./rules.olr").then((r) => r.arrayBuffer())]);
  const rules = compileRules(bytes);
  const d = rules.explain(order, { now: NOW, locale: "en" });
  mount($("status"), { order, rules, now: NOW, locale: "zh-CN" });
  const shown = $("status").querySelector(".orderlens")?.shadowRoot?.textContent ?? "";
  if (!shown.includes(d.support_code)) throw new Error(`the widget shows ${JSON.stringify(shown.slice(0, 80))}`);
  $("title").textContent = d.headline.title;
  $("detail").textContent = `${d.headline.reason} (orderlens/runtime ${version()}, widget ok)`;
  document.body.dataset.state = "ready";
} catch (e) {
  $("detail").textContent = String(e);
  document.body.dataset.state = "error";
}
