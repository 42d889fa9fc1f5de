#!/usr/bin/env node
// µs per order for `explain` from JavaScript, in Node, with the package's
// Node build (pkg/node/orderlens.cjs; build it with scripts/build-pkg.sh):
//
//   reuse     compileRules once, then rules.explain(order, options) per call
//   evaluate  compileRules once, then rules.evaluate(order, options): no text
//   compile   compileRules(rulesDoc) + explain + free per call
//   one-shot  the top-level explain(order, options, rulesDoc) (it keeps the
//             last compiled rules, so this is "reuse" plus the rules' JSON text)
//   batch     rules.explainMany(1000 orders) / 1000
//   load      compileRules(compiled bytes) + explain + free per call (full build)
//   runtime   orderlens/runtime (pkg/runtime, the browser budget build): its
//             CompiledRules from the compiled bytes, explain per call
//   rt-eval   orderlens/runtime: evaluate per call
//   rt-load   orderlens/runtime: compileRules(bytes) + explain + free per call
//
// Median of per-sample timings (samples of 100 calls, or one batch of 1000),
// over up to 100k orders
// or ~20 s per mode, whichever comes first. Not part of the test suite.
//
//   node scripts/bench-wasm.mjs [--seconds 20] [--calls 100000] [--pkg pkg/node/orderlens.cjs]
//                               [--timezone UTC]   (instead of the rules' Asia/Shanghai)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { loadPkg, opt, root } from "./lib/cli-args.mjs";

const seconds = Number(opt("seconds", 20));
const maxCalls = Number(opt("calls", 100000));
const ol = loadPkg();

const order = JSON.parse(readFileSync(join(root, "examples/order.json"), "utf8"));
const rulesDoc = JSON.parse(readFileSync(join(root, "examples/rules.json"), "utf8"));
if (opt("timezone")) rulesDoc.settings.timezone = opt("timezone");
const options = { now: "2026-11-21T02:05:00Z", locale: "en" };
const BATCH = 100;

function bench(name, fn, { calls = maxCalls, secs = seconds, per = 1, batch = BATCH } = {}) {
  for (let i = 0; i < Math.max(2, 200 / per); i++) fn(); // warm-up
  const samples = [];
  let done = 0;
  const deadline = performance.now() + secs * 1000;
  while (done < calls && performance.now() < deadline) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    samples.push(((performance.now() - t) * 1000) / (batch * per));
    done += batch;
  }
  samples.sort((a, b) => a - b);
  const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  console.log(
    `${name.padEnd(9)} median ${q(0.5).toFixed(1).padStart(7)} µs/order   p10 ${q(0.1).toFixed(1)}  p90 ${q(0.9).toFixed(1)}   (${(done * per).toLocaleString("en")} orders)`,
  );
  return q(0.5);
}

console.log(`orderlens ${ol.version()} in Node ${process.version}; example order (declined card), rules examples/rules.json (time zone ${rulesDoc.settings.timezone})`);
const rules = ol.compileRules(rulesDoc);
bench("reuse", () => rules.explain(order, options));
bench("evaluate", () => rules.evaluate(order, options));
bench("compile", () => {
  const r = ol.compileRules(rulesDoc);
  r.explain(order, options);
  r.free();
});
bench("one-shot", () => ol.explain(order, options, rulesDoc));
const many = Array.from({ length: 1000 }, () => order);
bench("batch", () => rules.explainMany(many, options), { calls: Math.max(1, maxCalls / 1000), per: 1000, batch: 1 });
const bytes = rules.toBytes();
bench("load", () => {
  const r = ol.compileRules(bytes);
  r.explain(order, options);
  r.free();
});

// The runtime build, instantiated from its file as runtime.js does in a browser.
const rtDir = opt("runtime", join(root, "pkg"));
const glue = await import(pathToFileURL(join(rtDir, "runtime/orderlens.js")).href);
glue.initSync({ module: readFileSync(join(rtDir, "runtime/orderlens_bg.wasm")) });
const rt = await import(pathToFileURL(join(rtDir, "runtime-api.js")).href);
const rtRules = rt.compileRules(bytes);
bench("runtime", () => rtRules.explain(order, options));
bench("rt-eval", () => rtRules.evaluate(order, options));
bench("rt-load", () => {
  const r = rt.compileRules(bytes);
  r.explain(order, options);
  r.free();
});
