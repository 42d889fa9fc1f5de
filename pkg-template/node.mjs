// Node's `import "orderlens"`: the CommonJS build (which loads the .wasm
// synchronously from disk), re-exported as ES module bindings.
import m from "./orderlens.cjs";

export const { CompiledRules, checkRules, compileRules, explain, version } = m;
