// The same declarations through `require` (TypeScript with module nodenext or
// node16 resolves the "require" condition: node/*.d.cts).
import ol = require("orderlens");
import rt = require("orderlens/runtime");
import pure = require("orderlens/pure");
import runtimePure = require("orderlens/runtime/pure");

const rules: ol.CompiledRules = ol.compileRules();
const d: ol.Diagnosis = rules.explain({ id: 1, status: "confirmed", created_at: "2026-11-21T09:58:00Z" }, { now: 0 });
const r: ol.CheckResult = ol.checkRules("{}");
const s: string = ol.version();
const o: ol.ImportedOrder = ol.fromWooCommerce({ currency: "JPY", total: "3500", date_created_gmt: "2026-11-20T01:58:00", id: 1 });
const input: rt.RuntimeRulesInput = rules.toBytes();
const fromBytes: rt.CompiledRules = rt.compileRules(input);
const api: Promise<pure.OrderLens> = pure.load();
const runtimeApi: runtimePure.OrderLensRuntime = runtimePure.initSync();
// @ts-expect-error no checkRules in orderlens/runtime
rt.checkRules;
void [d, r, s, o, fromBytes, api, runtimeApi];
