// A fresh Vite app: `npm install orderlens`, import it, no plugin, no config.
import { compileRules, version } from "orderlens";
import order from "./order.json";
import rules from "./rules.json";

const $ = (id) => document.getElementById(id);
try {
  const d = compileRules(rules).explain(order, { now: "2026-11-21T02:05:00Z", locale: navigator.language });
  $("title").textContent = d.headline.title;
  $("detail").textContent = `${d.headline.reason}: ${d.actions.map((a) => a.kind).join(", ")} (orderlens ${version()})`;
  document.body.dataset.state = "ready";
} catch (e) {
  $("detail").textContent = String(e);
  document.body.dataset.state = "error";
}
