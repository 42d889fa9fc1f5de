// "orderlens/runtime/pure": load() finds the .wasm next to the module (the
// bundler's asset, or a copy next to the bundle).
import { page } from "./pure-page.js";

await page();
