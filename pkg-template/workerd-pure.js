// `orderlens/pure` (and `orderlens/runtime/pure`) on Cloudflare Workers (the
// `workerd` export condition). Workers cannot compile wasm at run time; the
// .wasm arrives as a `WebAssembly.Module` through this import (wrangler's
// default rule for *.wasm). Nothing is instantiated until `load()` or
// `initSync()`.
import wasm from "../web/orderlens_bg.wasm";
import * as glue from "../web/orderlens.js";

const { default: _init, initSync: instantiate, start, ...api } = glue;

/** Instantiates the packaged module (or the one you pass); returns the API. */
export function initSync(module) {
  instantiate({ module: module?.module ?? module ?? wasm });
  return api;
}

export async function load(options) {
  return initSync(options?.wasm instanceof WebAssembly.Module ? options.wasm : undefined);
}
