// `orderlens/pure`: the full build without side effects. Importing it fetches
// nothing and registers no element. `load()` fetches and instantiates the
// wasm on its first call and resolves to the API ("orderlens" without the
// widget); `initSync(module)` does the same synchronously from a
// `WebAssembly.Module` or bytes you already have. Either one also hands the
// engine to the widget (`orderlens/widget`).
import * as glue from "./web/orderlens.js";
import { setEngine } from "./widget.js";

// The API: every export of the glue but its loaders (and the start function).
const { default: init, initSync: instantiate, start, ...api } = glue;

function ready() {
  setEngine(api);
  return api;
}

/**
 * Fetches and instantiates the wasm once (`options.wasm`: its URL, a
 * Response, bytes or a compiled module); resolves to the API. (The glue keeps
 * the first call's promise, and forgets it if it fails.)
 */
export function load(options) {
  // Bundlers (webpack 5, Vite, Parcel; Rollup with an import-meta-assets
  // plugin) see `new URL(…, import.meta.url)` and emit the .wasm as an asset.
  // Vite's dev server pre-bundles dependencies into node_modules/.vite/deps/,
  // where the relative URL points nowhere; it still serves the package's own
  // files from node_modules/orderlens/.
  const wasm = options?.wasm ?? new URL("./web/orderlens_bg.wasm", import.meta.url).href.replace(/\.vite\/deps[^/]*/, "orderlens");
  return init({ module_or_path: wasm }).then(ready);
}

/** Instantiates synchronously from a `WebAssembly.Module` or the bytes of the .wasm; returns the API. */
export function initSync(module) {
  instantiate(module?.module ? module : { module });
  return ready();
}
