// A checkout page in a fresh Vite app: the 64 KB runtime build and the
// merchant's rules compiled ahead of time (`orderlens compile`), imported as
// an asset URL. No plugin, no config.
import { compileRules, mount, version } from "orderlens/runtime";
import order from "./order.json";
import rulesUrl from "./rules.olr?url";

const $ = (id) => document.getElementById(id);
try {
  const rules = compileRules(await (await fetch(rulesUrl)).arrayBuffer());
  const d = rules.explain(order, { now: "2026-11-21T02:05:00Z", locale: navigator.language });
  mount($("status"), { order, rules, now: "2026-11-21T02:05:00Z", locale: "zh-CN" });
  const shown = $("status").querySelector(".orderlens")?.shadowRoot?.textContent ?? "";
  if (!shown.includes(d.support_code)) throw new Error(`the widget shows ${JSON.stringify(shown.slice(0, 80))}`);
  $("title").textContent = d.headline.title;
  $("detail").textContent = `${d.headline.reason} (orderlens/runtime ${version()}, widget ok)`;
  document.body.dataset.state = "ready";
} catch (e) {
  $("detail").textContent = String(e);
  document.body.dataset.state = "error";
}
