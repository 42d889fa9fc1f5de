// The default entry for browsers and bundlers (Vite, webpack 5): the `web` build, instantiated here with top-level await so that
// `compileRules` & co. (and the widget: `mount`, `<order-lens>`) are ready as soon as the import resolves. Bundlers see
// the `new URL("./web/orderlens_bg.wasm", import.meta.url)` below and emit the
// .wasm as an asset; no plugin or config is needed.
import init, { CompiledRules, compileRules } from "./web/orderlens.js";
import { defineOrderLens, setEngine } from "./widget.js";

// <order-lens> is defined first: it holds its place (a placeholder) while the
// wasm loads, and renders as soon as the engine is ready.
defineOrderLens();

let wasm = new URL("./web/orderlens_bg.wasm", import.meta.url);
// Vite's dev server pre-bundles dependencies into node_modules/.vite/deps/,
// where that relative URL points nowhere; the package's own files are still
// served from node_modules/orderlens/. (Built with a variable, so that build
// tools do not try to resolve it.)
if (/\/node_modules\/\.vite\/deps[^/]*\/[^/]*$/.test(new URL(import.meta.url).pathname)) {
  wasm = new URL(["..", "..", "orderlens", "web", "orderlens_bg.wasm"].join("/"), import.meta.url);
}
await init({ module_or_path: wasm });
setEngine({ CompiledRules, compileRules });

export { CompiledRules, checkRules, compileRules, explain, version } from "./web/orderlens.js";
export { mount, OrderLensElement } from "./widget.js";
