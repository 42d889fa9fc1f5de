// "orderlens" (and "orderlens/runtime") on Cloudflare Workers (the `workerd`
// export condition): instantiated synchronously at import from the
// `WebAssembly.Module` that workerd hands over (workerd-pure.js). No fetch,
// no top-level await. The same exports as in Node.
import { initSync } from "./pure.js";

initSync();
export {
  CompiledRules,
  checkRules,
  compileRules,
  explain,
  fromShopify,
  fromStripe,
  fromWooCommerce,
  version,
} from "../web/orderlens.js";
export { mount, OrderLensElement } from "../server-widget.js";
