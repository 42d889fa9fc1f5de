// The page of pure.js and pure-url.js: "orderlens/runtime/pure" and
// "orderlens/widget". Importing them fetches no wasm and registers no
// element; load(options) does the loading, defineOrderLens() the
// registering, and <order-lens> then shows the order.
import { load } from "orderlens/runtime/pure";
import { defineOrderLens } from "orderlens/widget";

const $ = (id) => document.getElementById(id);
const NOW = "2026-11-21T02:05:00Z";
const wasmFetches = () => performance.getEntriesByType("resource").filter((e) => new URL(e.name).pathname.endsWith(".wasm")).length;

export async function page(options) {
  try {
    const [order, bytes] = await Promise.all([fetch("./order.json").then((r) => r.json()), fetch("./rules.olr").then((r) => r.arrayBuffer())]);
    if (wasmFetches() !== 0) throw new Error("importing orderlens/runtime/pure fetched the wasm");
    if (customElements.get("order-lens")) throw new Error("importing orderlens/widget registered <order-lens>");
    const ol = await load(options);
    if ((await load()) !== ol) throw new Error("a second load() gave another API object");
    if (wasmFetches() !== 1) throw new Error(`load() fetched the wasm ${wasmFetches()} times`);
    defineOrderLens();
    const rules = ol.compileRules(bytes);
    const d = rules.explain(order, { now: NOW, locale: "en" });
    const el = document.createElement("order-lens");
    Object.assign(el, { rules, now: NOW, locale: "ru", order });
    $("status").append(el);
    await new Promise((ok) => setTimeout(ok, 50));
    const shown = el.shadowRoot?.textContent ?? "";
    if (!/[а-яё]/i.test(shown) || !shown.includes(d.support_code)) throw new Error(`<order-lens> shows ${JSON.stringify(shown.slice(0, 80))}`);
    $("title").textContent = d.headline.title;
    $("detail").textContent = `${d.headline.reason} (orderlens/runtime/pure ${ol.version()}, <order-lens> ok)`;
    document.body.dataset.state = "ready";
  } catch (e) {
    $("detail").textContent = String(e);
    document.body.dataset.state = "error";
  }
}
