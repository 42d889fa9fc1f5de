// The default entry for browsers and bundlers: the full build, ready when the
// import resolves. The wasm is instantiated here with top-level await (pure.js,
// `orderlens/pure`, does the loading; bundlers see its
// `new URL("./web/orderlens_bg.wasm", import.meta.url)` and emit the .wasm as
// an asset, no plugin or config needed) and <order-lens> is registered.
import { load } from "./pure.js";
import { defineOrderLens } from "./widget.js";

// <order-lens> is defined first: it holds its place (a placeholder) while the
// wasm loads, and renders as soon as the engine is ready.
defineOrderLens();
await load();

export {
  CompiledRules,
  checkRules,
  compileRules,
  explain,
  fromShopify,
  fromStripe,
  fromWooCommerce,
  version,
} from "./web/orderlens.js";
export { mount, OrderLensElement } from "./widget.js";
