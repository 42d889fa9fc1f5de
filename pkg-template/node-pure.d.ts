// `orderlens/pure` on servers (Node, Deno, Workers): nothing is loaded until
// the first `load()` or `initSync()`, which give the API of "orderlens"
// without the widget. (Node reads the .wasm from disk; Deno imports it as a
// module, so there `initSync()` works once `load()` has resolved; Workers
// instantiate the `WebAssembly.Module` they are handed.)
import type * as Engine from "./orderlens.js";

export type * from "./orderlens.js";

/** What `load()` and `initSync()` give: the engine without the widget. */
export type OrderLens = Omit<typeof Engine, "mount" | "OrderLensElement">;

export interface LoadOptions {
  /** Ignored on servers: each finds its .wasm itself (Workers: a `WebAssembly.Module` may be passed). */
  wasm?: unknown;
}

export declare function load(options?: LoadOptions): Promise<OrderLens>;
export declare function initSync(module?: unknown): OrderLens;
