import init, { compileRules, version } from "/node_modules/orderlens/web/orderlens.js";

const $ = (id) => document.getElementById(id);
try {
  await init();
  const [order, rules] = await Promise.all(
    ["./order.json", "./rules.json"].map((u) => fetch(u).then((r) => r.json())),
  );
  const d = compileRules(rules).explain(order, { now: "2026-11-21T02:05:00Z", locale: navigator.languages });
  $("title").textContent = d.headline.title;
  $("detail").textContent = `${d.headline.reason}: ${d.actions.map((a) => a.kind).join(", ")} (orderlens ${version()})`;
  document.body.dataset.state = "ready";
} catch (e) {
  $("detail").textContent = String(e);
  document.body.dataset.state = "error";
}
