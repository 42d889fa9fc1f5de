// `orderlens/runtime/pure`: the checkout-budget build without side effects.
// Importing it fetches nothing and registers no element; `load()` or
// `initSync()` instantiate the wasm and give the API of "orderlens/runtime"
// without the widget.
import type * as Runtime from "../runtime.js";
import type { LoadOptions } from "../pure.js";

export type * from "../runtime.js";
export type { LoadOptions, WasmSource } from "../pure.js";

/** What `load()` and `initSync()` give: `compileRules(bytes)`, `loadRules(url?)`, `explain`, `version`, `CompiledRules` (runtime-api.js). */
export type OrderLensRuntime = Pick<typeof Runtime, "CompiledRules" | "compileRules" | "explain" | "loadRules" | "version">;

/**
 * Fetches and instantiates the wasm on the first call (default: the file
 * next to this module, `runtime/orderlens_bg.wasm`), hands the engine to
 * `orderlens/widget`, and resolves to the API.
 */
export declare function load(options?: LoadOptions): Promise<OrderLensRuntime>;

/** The same, synchronously, from a compiled `WebAssembly.Module` or the .wasm's bytes. */
export declare function initSync(
  module: WebAssembly.Module | BufferSource | { module: WebAssembly.Module | BufferSource },
): OrderLensRuntime;
