// `orderlens/bundler` (wasm-bindgen's ESM-integration build), loaded by Node
// itself with --experimental-wasm-modules: the form webpack's
// asyncWebAssembly and vite-plugin-wasm consume.
import * as ol from "orderlens/bundler";
import run from "./checks.cjs";

console.log(run(ol, "bundler"));
