// `orderlens/runtime`: the browser build for pages with a size budget
// (checkout). It explains orders with rules compiled ahead of time —
// `orderlens compile rules.json -o rules.olr`, or `compileRules(doc).toBytes()`
// from "orderlens" on a server — and holds no rules compiler. Same API as
// "orderlens" for what it does: compileRules(bytes?), CompiledRules#explain,
// explain, version, mount, <order-lens>.
//
// The API itself is runtime-api.js.
import init from "./runtime/orderlens.js";
import { CompiledRules, compileRules } from "./runtime-api.js";
import { defineOrderLens, setEngine } from "./widget.js";

// <order-lens> holds its place (a placeholder) while the wasm loads.
defineOrderLens();

let wasm = new URL("./runtime/orderlens_bg.wasm", import.meta.url);
// Vite's dev server pre-bundles dependencies into node_modules/.vite/deps/,
// where that relative URL points nowhere (see browser.js).
if (/\/node_modules\/\.vite\/deps[^/]*\/[^/]*$/.test(new URL(import.meta.url).pathname)) {
  wasm = new URL(["..", "..", "orderlens", "runtime", "orderlens_bg.wasm"].join("/"), import.meta.url);
}
await init({ module_or_path: wasm });

setEngine({ CompiledRules, compileRules });

export { CompiledRules, compileRules, explain, version } from "./runtime-api.js";
export { mount, OrderLensElement } from "./widget.js";
