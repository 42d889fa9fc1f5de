// "orderlens" (and "orderlens/runtime") in Deno: wasm-bindgen's
// ESM-integration build, whose .wasm Deno imports as a module — no file read
// and so no `--allow-read`. The same exports as in Node.
export {
  CompiledRules,
  checkRules,
  compileRules,
  explain,
  fromShopify,
  fromStripe,
  fromWooCommerce,
  version,
} from "../bundler/orderlens.js";
export { mount, OrderLensElement } from "../server-widget.js";
