// `orderlens/runtime`: the browser build for pages with a size budget
// (checkout). It explains orders with rules compiled ahead of time —
// `orderlens compile rules.json -o rules.olr`, or `compileRules(doc).toBytes()`
// from "orderlens" on a server — and holds no rules compiler. Same API as
// "orderlens" for what it does: compileRules(bytes?), CompiledRules#explain,
// explain, version, mount, <order-lens>.
//
// Ready when the import resolves: the wasm is instantiated here (top-level
// await) and <order-lens> registered. runtime/pure.js (`orderlens/runtime/pure`)
// does the loading; the API itself is runtime-api.js.
import { load } from "./runtime/pure.js";
import { defineOrderLens } from "./widget.js";
// Imported by widget.js; named here too so that a browser requests it with
// the two modules above instead of a round trip later (bundlers drop it).
import "./widget-css.js";

// The wasm's request goes out first; <order-lens> holds its place (a
// placeholder) while it loads.
const ready = load();
defineOrderLens();
export const { CompiledRules, compileRules, explain, loadRules, version } = await ready;

export { mount, OrderLensElement } from "./widget.js";
