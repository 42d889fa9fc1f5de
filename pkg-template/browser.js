// The default entry for browsers and bundlers: the full build, ready when the
// import resolves. The wasm is instantiated here with top-level await (pure.js,
// `orderlens/pure`, does the loading; bundlers see its
// `new URL("./web/orderlens_bg.wasm", import.meta.url)` and emit the .wasm as
// an asset, no plugin or config needed) and <order-lens> is registered.
import { load } from "./pure.js";
import { defineOrderLens } from "./widget.js";

await load();
defineOrderLens();

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
