// "orderlens" (the full build): ready when the import resolves; a rules
// document compiled in the page.
import { compileRules, version } from "orderlens";

const $ = (id) => document.getElementById(id);
try {
  const [order, rules] = await Promise.all(["./order.json", "./rules.json"].map((u) => fetch(u).then((r) => r.json())));
  const d = compileRules(rules).explain(order, { now: "2026-11-21T02:05:00Z", locale: "en" });
  $("title").textContent = d.headline.title;
  $("detail").textContent = `${d.headline.reason} (orderlens ${version()})`;
  document.body.dataset.state = "ready";
} catch (e) {
  $("detail").textContent = String(e);
  document.body.dataset.state = "error";
}
