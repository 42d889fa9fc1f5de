// The side-effect-free entries and the widget on its own, as a browser
// project with a bundler sees them (tsconfig.browser.json). Never executed.
import { initSync, load, type LoadOptions, type OrderLens, type Diagnosis } from "orderlens/pure";
import { load as loadRuntime, type OrderLensRuntime } from "orderlens/runtime/pure";
import { defineOrderLens, mount, OrderLensElement, type MountHandle } from "orderlens/widget";

const options: LoadOptions = { wasm: new URL("https://cdn.example/orderlens/web/orderlens_bg.wasm") };
const ol: OrderLens = await load(options);
await load({ wasm: fetch("/orderlens_bg.wasm") });
await load({ wasm: "/assets/orderlens_bg.wasm" });
const sync: OrderLens = initSync(new WebAssembly.Module(new Uint8Array(8)));
initSync({ module: new Uint8Array(8) });
const d: Diagnosis = ol.compileRules({ settings: { timezone: "UTC" } }).explain({ id: 1, status: "unconfirmed", created_at: "2026-11-21T09:58:00Z" });
ol.fromStripe("{}");
const rt: OrderLensRuntime = await loadRuntime({ wasm: new URL("/checkout/orderlens_bg.wasm", location.href) });
rt.compileRules(new Uint8Array(8)).explain("{}");
// @ts-expect-error the runtime's API compiles no documents
rt.checkRules;

defineOrderLens();
defineOrderLens("shop-order-status");
const handle: MountHandle = mount(document.body, { order: "{}", locale: "zh-CN" });
const el: OrderLensElement | null = document.querySelector("order-lens");

// The engine entries declare no widget, and the pure entries only their loaders.
// @ts-expect-error orderlens/web has no mount
import("orderlens/web").then((m) => m.mount);
// @ts-expect-error orderlens/bundler has no OrderLensElement
import("orderlens/bundler").then((m) => m.OrderLensElement);
// @ts-expect-error compileRules comes from load(), not from the import
import("orderlens/pure").then((m) => m.compileRules());

console.log(sync, d, handle, el);
