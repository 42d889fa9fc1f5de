// Type-checks `orderlens/runtime` as a browser project with a bundler sees it
// (moduleResolution "bundler": no "node" condition). Never executed.
import {
  compileRules,
  CompiledRules,
  explain,
  mount,
  version,
  OrderLensElement,
  type CompiledRulesBytes,
  type Diagnosis,
  type MountHandle,
  type Order,
  type RulesError,
  type RuntimeRulesInput,
} from "orderlens/runtime";
// The full build, on a server, writes what the runtime loads.
import { compileRules as compileDocument } from "orderlens";

declare const order: Order;
declare const fetched: ArrayBuffer;

const bytes: Uint8Array = compileDocument({ settings: { timezone: "Asia/Shanghai" } }).toBytes();
const fromBytes: CompiledRules = compileRules(bytes);
const fromBuffer: CompiledRules = compileRules(fetched);
const builtIn: CompiledRules = compileRules();
const d: Diagnosis = fromBytes.explain(order, { now: Date.now(), locale: ["zh-CN", "en"] });
const again: Diagnosis = explain(order, { now: new Date() }, fromBuffer);
const locales: string[] = builtIn.locales;
const fp: number = builtIn.fingerprint;
const input: RuntimeRulesInput = bytes;
const raw: CompiledRulesBytes = fetched;
const handle: MountHandle = mount(document.body, { order, rules: bytes, locale: "ru" });
handle.update(order);
handle.destroy();
const el = document.createElement("order-lens");
const isElement: boolean = el instanceof OrderLensElement;
try {
  compileRules(new Uint8Array(3));
} catch (e) {
  const err = e as RulesError;
  console.log(err.diagnostics.map((x) => x.message), d.headline.title, again.support_code, version());
}
// @ts-expect-error the runtime loads compiled rules, not rules documents
compileRules({ rules: [] });
// @ts-expect-error no checkRules in the runtime
import("orderlens/runtime").then((m) => m.checkRules);
console.log(locales, fp, input, raw, isElement);
