// Node's `import "orderlens"`: the CommonJS build (which loads the .wasm
// synchronously from disk), re-exported as ES module bindings. `mount` and
// `OrderLensElement` are its browser-only stubs (pkg-template/node-widget.cjs):
// `mount()` throws, so that code shared with the server (SSR) still links.
import m from "./orderlens.cjs";

export const {
  CompiledRules,
  checkRules,
  compileRules,
  explain,
  fromShopify,
  fromStripe,
  fromWooCommerce,
  mount,
  OrderLensElement,
  renderEmail,
  renderHTML,
  version,
} = m;
