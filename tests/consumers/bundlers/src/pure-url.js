// "orderlens/runtime/pure" with the .wasm's URL handed over: esbuild's file
// loader (--loader:.wasm=file) gives it for the exported asset subpath.
import wasm from "orderlens/runtime/orderlens_bg.wasm";
import { page } from "./pure-page.js";

await page({ wasm });
