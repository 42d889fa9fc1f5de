// `orderlens/widget`: `<order-lens>` and `mount()` on their own, for pages
// that load the engine with `orderlens/pure` or `orderlens/runtime/pure`:
// `await load()` first, then `defineOrderLens()`. The default entries
// ("orderlens", "orderlens/runtime") register the element themselves.
export { mount, OrderLensElement } from "./orderlens.js";
export type {
  ActionResult,
  MountHandle,
  MountOptions,
  OrderLensActionDetail,
  OrderLensActionEvent,
  OrderLensEventMap,
  WidgetNow,
} from "./orderlens.js";

/** Registers `<order-lens>` (or another tag name) once; a second call, or a second copy of the package, leaves the first in place. */
export declare function defineOrderLens(name?: string): void;
