// "orderlens/pure" and "orderlens/runtime/pure" in Node, through import and
// require: nothing is loaded until the first load(), which gives the API the
// shared assertions of checks.cjs run on (the widget is not part of it).
import { createRequire } from "node:module";
import { initSync, load } from "orderlens/pure";
import { load as loadRuntime } from "orderlens/runtime/pure";
import run from "./checks.cjs";

const require = createRequire(import.meta.url);
const loaded = () => Object.keys(require.cache).some((f) => f.endsWith("/orderlens/node/orderlens.cjs"));
if (loaded()) throw new Error("importing orderlens/pure loaded the build");
const ol = await load();
if (!loaded()) throw new Error("load() did not load the build");
if (ol !== (await load()) || ol !== initSync() || ol !== (await loadRuntime())) throw new Error("load() / initSync() gave different API objects");
if ("mount" in ol || "OrderLensElement" in ol) throw new Error("the pure API holds the widget's stubs");
const viaRequire = require("orderlens/pure");
if ((await viaRequire.load()) !== ol) throw new Error("require('orderlens/pure') gave another API object");
console.log(run(ol, "pure"));
