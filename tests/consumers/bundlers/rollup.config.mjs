// Rollup does not emit files referenced by `new URL("./x.wasm", import.meta.url)`
// by itself: @web/rollup-plugin-import-meta-assets does (one line). The rest
// is the usual browser setup.
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { importMetaAssets } from "@web/rollup-plugin-import-meta-assets";

export default {
  output: { format: "es" },
  plugins: [nodeResolve({ browser: true }), importMetaAssets()],
};
