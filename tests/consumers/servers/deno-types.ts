// `deno check deno-types.ts`: Deno's type checker (its own lib, no DOM) on the
// declarations the `deno` condition resolves to. Never executed.
import { compileRules, mount, OrderLensElement, type Diagnosis } from "orderlens";
import * as runtime from "orderlens/runtime";
import { load } from "orderlens/pure";
import { load as loadRuntime } from "orderlens/runtime/pure";

const d: Diagnosis = compileRules().explain("{}", { locale: "ru" });
const bytes: runtime.RuntimeRulesInput = compileRules().toBytes();
runtime.compileRules(bytes).explain("{}");
// @ts-expect-error the runtime's API has no checkRules
runtime.checkRules;
const ol = await load();
ol.checkRules("{}");
(await loadRuntime()).compileRules(bytes);
const thrown: never = mount({}, { order: "{}" });
const none: undefined = OrderLensElement;
console.log(d, thrown, none);
