// `orderlens/runtime/pure` (shipped as runtime/pure.js, bundled with the
// runtime's glue and runtime-api.js): the checkout-budget build without side
// effects. Importing it fetches nothing and registers no element; `load()`
// instantiates on its first call, `initSync(module)` from a module or bytes
// you already have. Both give the API of "orderlens/runtime" without the
// widget, and hand the engine to the widget (`orderlens/widget`).
import init, { initSync as instantiate } from "./orderlens.js";
import * as api from "../runtime-api.js";
import { setEngine } from "../widget.js";

/**
 * Fetches and loads compiled rules: a URL (`orderlens compile --locales …`
 * output), a Response, or bytes. Without one: the built-in rules in every
 * shipped locale (the runtime itself embeds them with English only), the
 * buyer's side (rules.olr next to this file), or with
 * `{ audience: "merchant" }` both views (rules-merchant.olr).
 */
async function loadRules(source, options) {
  // Literal URLs, so that bundlers emit both files as assets.
  const url = options?.audience == "merchant" ? new URL("./rules-merchant.olr", import.meta.url) : new URL("./rules.olr", import.meta.url);
  source ??= url.href.replace(/\.vite\/deps[^/]*/, "orderlens/runtime");
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return api.compileRules(source);
  const res = typeof Response == "function" && source instanceof Response ? source : await fetch(source);
  if (!res.ok) throw new Error(`orderlens: cannot load compiled rules from ${res.url || source} (HTTP ${res.status})`);
  return api.compileRules(new Uint8Array(await res.arrayBuffer()));
}

const engine = { ...api, loadRules };

function ready() {
  setEngine(engine);
  return engine;
}

/**
 * Fetches and instantiates the wasm once (`options.wasm`: its URL, a
 * Response, bytes or a compiled module); resolves to the API. (The glue keeps
 * the first call's promise, and forgets it if it fails.)
 */
export function load(options) {
  // Bundlers see `new URL(…, import.meta.url)` and emit the .wasm as an
  // asset. Vite's dev server, which pre-bundles dependencies into
  // node_modules/.vite/deps/, still serves it from the package (see pure.js).
  const wasm = options?.wasm ?? new URL("./orderlens_bg.wasm", import.meta.url).href.replace(/\.vite\/deps[^/]*/, "orderlens/runtime");
  return init({ module_or_path: wasm }).then(ready);
}

/** Instantiates synchronously from a `WebAssembly.Module` or the bytes of the .wasm; returns the API. */
export function initSync(module) {
  instantiate(module?.module ? module : { module });
  return ready();
}
