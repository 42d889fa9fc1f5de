// The same declarations through `require` (TypeScript with module nodenext
// resolves the "require" condition: node/orderlens.d.cts).
import ol = require("orderlens");

const rules: ol.CompiledRules = ol.compileRules();
const d: ol.Diagnosis = rules.explain({ id: 1, status: "confirmed", created_at: "2026-11-21T09:58:00Z" }, { now: 0 });
const r: ol.CheckResult = ol.checkRules("{}");
const s: string = ol.version();
const o: ol.ImportedOrder = ol.fromWooCommerce({ currency: "JPY", total: "3500", date_created_gmt: "2026-11-20T01:58:00", id: 1 });
void [d, r, s, o];
