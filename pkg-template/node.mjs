// Node's `import "orderlens"`: the CommonJS build (which loads the .wasm
// synchronously from disk), re-exported as ES module bindings.
import m from "./orderlens.cjs";

export const { CompiledRules, checkRules, compileRules, explain, version } = m;

// The widget needs a browser; these stubs keep `import { mount } from "orderlens"`
// in code shared with the server (SSR) from failing to link.
export function mount() {
  throw new TypeError("orderlens: mount() needs a browser DOM; on the server, use compileRules().explain()");
}
export const OrderLensElement = undefined;
