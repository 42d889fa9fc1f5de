// Every entry of the package on a server runtime (Bun: `bun server.mjs`;
// Deno: `deno run server.mjs`, with no permission flags). Exits 1 with the
// problems found.
import * as full from "orderlens";
import * as runtime from "orderlens/runtime";
import { initSync, load } from "orderlens/pure";
import { load as loadRuntime } from "orderlens/runtime/pure";
import order from "./order.json" with { type: "json" };
import rulesDoc from "./rules.json" with { type: "json" };

const NOW = "2026-11-21T02:05:00Z";
const problems = [];
const expect = (ok, what) => ok || problems.push(what);
const host = globalThis.Deno ? `Deno ${Deno.version.deno}` : globalThis.Bun ? `Bun ${Bun.version}` : `Node ${process.version}`;

// "orderlens": a rules document compiled on the server, in three locales.
const rules = full.compileRules(rulesDoc);
const d = rules.explain(order, { now: NOW, locale: "en" });
expect(d.headline.reason === "payment_declined" && /funds/.test(d.headline.title), `en: ${d.headline.reason} ${d.headline.title}`);
expect(/[\u4e00-\u9fff]/.test(rules.explain(order, { now: NOW, locale: "zh-CN" }).headline.title), "zh-CN title");
expect(/[а-яё]/i.test(rules.explain(order, { now: NOW, locale: "ru-RU" }).headline.title), "ru title");
try {
  full.compileRules({ rules: [{ id: "x", when: "payment.stat == 'failed'", reason: "x" }] });
  problems.push("a bad rule compiled");
} catch (e) {
  expect(e.name === "RulesError" && /payment\.state/.test(JSON.stringify(e.diagnostics)), `RulesError: ${e.message}`);
}

// "orderlens/runtime" (the full build on servers): the compiled bytes load.
const fromBytes = runtime.compileRules(rules.toBytes());
expect(fromBytes.fingerprint === rules.fingerprint, "fingerprint of the compiled bytes");
expect(JSON.stringify(fromBytes.explain(order, { now: NOW, locale: "en" })) === JSON.stringify(d), "runtime diagnosis differs");

// The pure entries: the API without the widget, one object per build.
const ol = await load();
expect(ol === (await load()) && ol === initSync(), "load() and initSync() give the same API");
expect(typeof ol.checkRules === "function" && !("mount" in ol), `pure API: ${Object.keys(ol)}`);
const rt = await loadRuntime();
expect(rt.compileRules(rules.toBytes()).explain(order, { now: NOW }).support_code === d.support_code, "runtime/pure support code");

// The widget's stand-ins.
expect(full.OrderLensElement === undefined, "OrderLensElement on a server");
try {
  full.mount({}, { order });
  problems.push("mount() did not throw");
} catch (e) {
  expect(e instanceof TypeError && /browser/.test(e.message), `mount: ${e.message}`);
}

if (problems.length) {
  console.error(`${host}: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
  (globalThis.Deno?.exit ?? process.exit)(1);
}
console.log(`${host}: every entry ok: "${d.headline.title}" (orderlens ${full.version()}, support code ${d.support_code})`);
