// The default entry for browsers and bundlers (Vite, webpack 5, Rollup,
// Parcel): the `web` build, instantiated here with top-level await so that
// `compileRules` & co. are ready as soon as the import resolves. Bundlers see
// the `new URL(…, import.meta.url)` below and emit the .wasm as an asset; no
// plugin or config is needed.
import init from "./web/orderlens.js";

await init({ module_or_path: new URL("./web/orderlens_bg.wasm", import.meta.url) });

export { CompiledRules, checkRules, compileRules, explain, version } from "./web/orderlens.js";
