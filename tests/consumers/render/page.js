// The page's script (same origin, allowed by the strict CSP): records every
// layout shift, keeps the server's markup and geometry, hands the widget the
// order, rules and clock the server used, and loads the package, whose
// <order-lens> then takes the declarative shadow root over.
const shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (!e.hadRecentInput) shifts.push({ value: e.value, sources: (e.sources ?? []).map((s) => `${s.node?.nodeName ?? "?"}.${s.node?.className ?? ""}`) });
  }
}).observe({ type: "layout-shift", buffered: true });

const data = JSON.parse(document.getElementById("data").textContent);
const el = document.querySelector("order-lens");
const geometry = () =>
  [...el.shadowRoot.querySelectorAll("[part]"), el, document.querySelector("#after")].map((e) => {
    const r = e.getBoundingClientRect();
    return `${e.getAttribute("part") ?? (e.id || e.localName)} ${[r.x, r.y, r.width, r.height].map((n) => Math.round(n * 10) / 10).join(",")}`;
  });
const server = { html: el.shadowRoot?.innerHTML ?? null, geometry: el.shadowRoot ? geometry() : [] };

// Set before <order-lens> is defined: the element takes them when it upgrades.
el.now = () => Date.parse(data.now);
el.rules = data.rules;
el.order = data.order;
const t0 = performance.now();
await import("/orderlens/browser.js");
const ready = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
while (!el.diagnosis && performance.now() - t0 < 10000) await ready();
await ready();
await new Promise((ok) => setTimeout(ok, 300));
window.__result = {
  server,
  widget: { html: el.shadowRoot.innerHTML, geometry: geometry() },
  took: Math.round(performance.now() - t0),
  cls: shifts.reduce((a, s) => a + s.value, 0),
  shifts,
};
document.body.dataset.state = "ready";
