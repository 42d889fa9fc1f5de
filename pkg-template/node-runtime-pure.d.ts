// `orderlens/runtime/pure` on servers: as `orderlens/pure` (the full build
// runs there), declared with the runtime's API.
import type * as Runtime from "./runtime.js";
import type { LoadOptions } from "./pure.js";

export type * from "./runtime.js";
export type { LoadOptions } from "./pure.js";

/** What `load()` and `initSync()` give (Node gives the full build's API, a superset). */
export type OrderLensRuntime = Pick<typeof Runtime, "CompiledRules" | "compileRules" | "explain" | "version">;

export declare function load(options?: LoadOptions): Promise<OrderLensRuntime>;
export declare function initSync(module?: unknown): OrderLensRuntime;
