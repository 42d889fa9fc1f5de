// `orderlens/pure` (and `orderlens/runtime/pure`) in Deno: the wasm module is
// imported on the first `load()`. `initSync()` gives the API once it is loaded.
let api;

export async function load() {
  if (!api) {
    const { start, ...rest } = await import("../bundler/orderlens.js");
    api = Object.freeze(rest);
  }
  return api;
}

export function initSync() {
  if (!api) throw new TypeError("orderlens: in Deno the wasm is imported as a module; call `await load()` first");
  return api;
}
