// `orderlens/pure`: the full build without side effects. Importing it fetches
// nothing and registers no element; `load()` or `initSync()` instantiate the
// wasm and give the API of "orderlens" without the widget.
import type * as Engine from "./bundler/orderlens.js";

export type * from "./bundler/orderlens.js";

/** What `load()` and `initSync()` give: `compileRules`, `checkRules`, `explain`, the importers, `version`, `CompiledRules`. */
export type OrderLens = typeof Engine;

/** Where the .wasm comes from: its URL, a `Response`, its bytes or a compiled `WebAssembly.Module`. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

export interface LoadOptions {
  /**
   * The .wasm, or a promise of it. Default: the file next to this module
   * (`web/orderlens_bg.wasm`), which bundlers emit as an asset. Only the
   * first call's options count.
   */
  wasm?: WasmSource | Promise<WasmSource>;
}

/**
 * Fetches and instantiates the wasm on the first call (later calls give the
 * same promise; after a failure the next call tries again), hands the engine
 * to `orderlens/widget`, and resolves to the API.
 */
export declare function load(options?: LoadOptions): Promise<OrderLens>;

/** The same, synchronously, from a compiled `WebAssembly.Module` (Workers) or the .wasm's bytes. */
export declare function initSync(
  module: WebAssembly.Module | BufferSource | { module: WebAssembly.Module | BufferSource },
): OrderLens;
