// Node's view of the package (tsconfig.json: module nodenext; tsconfig.node16.json:
// module node16), as a server project has it: lib es2022 only (no DOM, no
// esnext.disposable), skipLibCheck false. Never executed.
import {
  CompiledRules,
  checkRules,
  compileRules,
  explain,
  fromShopify,
  mount,
  renderEmail,
  renderHTML,
  OrderLensElement,
  version,
  type BatchError,
  type Diagnosis,
  type MerchantSweepLine,
  type RenderedEmail,
  type SweepLine,
  type MountOptions,
  type Order,
  type RulesError,
} from "orderlens";
import * as runtime from "orderlens/runtime";
import type { CompiledRulesBytes, RuntimeRulesInput } from "orderlens/runtime";
import { initSync, load, type OrderLens } from "orderlens/pure";
import { load as loadRuntime, type OrderLensRuntime } from "orderlens/runtime/pure";

declare const order: Order;

// The engine.
const rules: CompiledRules = compileRules({ settings: { timezone: "Asia/Shanghai" } });
const bytes: Uint8Array = rules.toBytes();
const d: Diagnosis = rules.explain(order, { now: Date.now(), locale: "ru" });
const same: Diagnosis = explain(order, { now: new Date() }, bytes);
const shortened: string[] = (d.warnings ?? []).map((w) => `${w.path}: ${w.message}`);
const queue: (MerchantSweepLine | BatchError)[] = rules.sweep([order], { now: Date.now(), audience: "merchant" });
const lines: (SweepLine | BatchError)[] = rules.sweep([order]);
const ok: boolean = checkRules("{}").ok;
const imported: Order = fromShopify("{}");
const v: string = version();
const page: string = rules.renderHTML(d, { stylesheet: "/widget.css", theme: "auto" }) + renderHTML(d);
const mail: RenderedEmail = renderEmail(d, { brand: "Tea", supportUrl: "https://shop.example/help" });
// @ts-expect-error a theme is light, dark or auto
renderHTML(d, { theme: "pink" });

// "orderlens/runtime" on a server: its own declarations (RuntimeRulesInput
// and all), not the full build's.
const input: RuntimeRulesInput = bytes;
const raw: CompiledRulesBytes = bytes.buffer as ArrayBuffer;
const loaded: runtime.CompiledRules = runtime.compileRules(input);
const fromRuntime: Diagnosis = loaded.explain(order, { locale: ["zh-CN"] });
runtime.explain(order, {}, raw);
// @ts-expect-error the runtime's API has no checkRules
runtime.checkRules("{}");
// @ts-expect-error the runtime loads compiled rules, not documents
runtime.compileRules({ rules: [] });

// The pure entries: load() on the first call; the API without the widget.
const ol: OrderLens = await load();
ol.compileRules().explain(order);
ol.checkRules("{}");
const again: OrderLens = initSync();
// @ts-expect-error no widget in the loaded API
again.mount;
const rt: OrderLensRuntime = await loadRuntime();
rt.compileRules(bytes).explain(order);
// @ts-expect-error no checkRules in the runtime's API
rt.checkRules;

// The widget on a server: `mount` throws, `OrderLensElement` is undefined.
const options: MountOptions = { order, rules: bytes, locale: "en" };
function render(): never {
  return mount({}, options);
}
const noElement: undefined = OrderLensElement;
// @ts-expect-error a Node project gets no DOM types from the package
document.title;

try {
  compileRules("{");
} catch (e) {
  void (e as RulesError).diagnostics[0]?.message;
}
void [d, same, ok, imported, v, fromRuntime, render, noElement, page, mail, shortened, queue, lines];
