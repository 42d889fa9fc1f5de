#!/usr/bin/env node
// Parity between the wasm build (the package's Node entry) and the native CLI:
// for every fixture in tests/fixtures/cases/*.json (or, when there is none,
// examples/order.json + examples/rules.json), the diagnosis from
// `compileRules(rules).explain(order, { now, locale })` must deep-equal the
// JSON of `orderlens explain ORDER --rules RULES --locale L --now NOW --json`,
// in the fixture's locale and in every other built-in locale; and the
// `sweep` entry must equal `orderlens sweep`'s line, and `evaluate` (full
// build and runtime) the JSON of `orderlens explain ... --no-text`. Every importer payload
// (tests/fixtures/import) gives the same document from `fromShopify` /
// `fromWooCommerce` / `fromStripe` as from `orderlens import --from P`, and
// a bad one the same errors. renderHTML / renderEmail of every diagnosis give
// the bytes of `orderlens explain --format html|email`.
//
// The runtime build (`orderlens/runtime`, which loads compiled rules) takes
// part too: `toBytes()` of the full build must equal what
// `orderlens compile` writes, byte for byte, and the runtime's diagnosis from
// those bytes must equal the native one in every locale.
//
//   node scripts/parity.mjs [--pkg pkg/node/orderlens.cjs] [--runtime pkg] [--cli target/debug/orderlens]
//
// Without --cli it builds the CLI once (`cargo build --bin orderlens`) and
// runs the binary directly (the same as `cargo run --quiet --bin orderlens --`,
// without cargo's start-up per case).
import { execFileSync, spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPkg, opt, root } from "./lib/cli-args.mjs";

let cli = opt("cli");
if (!cli) {
  execFileSync("cargo", ["build", "--quiet", "--bin", "orderlens"], { cwd: root, stdio: "inherit" });
  cli = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug/orderlens");
}
const ol = loadPkg();
// The runtime: its web glue instantiated from the file, then its API module.
const rtDir = opt("runtime", join(root, "pkg"));
const glue = await import(pathToFileURL(join(rtDir, "runtime/orderlens.js")).href);
glue.initSync({ module: readFileSync(join(rtDir, "runtime/orderlens_bg.wasm")) });
const rt = await import(pathToFileURL(join(rtDir, "runtime-api.js")).href);

const casesDir = join(root, "tests/fixtures/cases");
let cases = [];
try {
  cases = readdirSync(casesDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f, ...JSON.parse(readFileSync(join(casesDir, f), "utf8")) }));
} catch {
  // no fixture folder yet
}
if (cases.length === 0) {
  cases = [
    {
      name: "examples/order.json",
      now: "2026-11-21T02:05:00Z",
      order: JSON.parse(readFileSync(join(root, "examples/order.json"), "utf8")),
      rules: JSON.parse(readFileSync(join(root, "examples/rules.json"), "utf8")),
    },
  ];
}

const tmp = mkdtempSync(join(tmpdir(), "orderlens-parity-"));
const run = (argv, input) => spawnSync(cli, argv, { encoding: "utf8", input, maxBuffer: 64 << 20 });
const firstDiff = (a, b, path = "") => {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDiff(a[k], b[k], `${path}/${k}`);
      if (d) return d;
    }
  }
  return `${path || "/"}: wasm ${JSON.stringify(a)} vs native ${JSON.stringify(b)}`;
};

let same = 0;
let renders = 0;
const diffs = [];
const LOCALES = ["en", "zh-CN", "ru"];
for (const c of cases) {
  const orderFile = join(tmp, "order.json");
  const rulesFile = join(tmp, "rules.json");
  writeFileSync(orderFile, JSON.stringify(c.order));
  const rulesArgs = c.rules === undefined ? [] : ["--rules", rulesFile];
  if (c.rules !== undefined) writeFileSync(rulesFile, JSON.stringify(c.rules));

  let rules = null;
  let compileError = null;
  try {
    rules = ol.compileRules(c.rules);
  } catch (e) {
    compileError = e;
  }
  // Compiled rules: the same bytes from wasm and from the CLI; the runtime loads them.
  let runtimeRules = null;
  if (rules) {
    const bytes = rules.toBytes();
    // (No document: the CLI has nothing to compile; the runtime still loads
    // the bytes, which build on its embedded built-in rules.)
    const native =
      c.rules === undefined ? { status: 0, stdout: Buffer.from(bytes) } : spawnSync(cli, ["compile", rulesFile], { maxBuffer: 64 << 20 });
    if (native.status !== 0) diffs.push(`${c.name} [compile]: native exit ${native.status}: ${native.stderr}`);
    else if (!Buffer.from(bytes).equals(native.stdout)) diffs.push(`${c.name} [compile]: toBytes() differs from \`orderlens compile\``);
    else same++;
    try {
      runtimeRules = rt.compileRules(bytes);
      if (runtimeRules.fingerprint !== rules.fingerprint) diffs.push(`${c.name} [runtime]: fingerprint differs`);
    } catch (e) {
      diffs.push(`${c.name} [runtime]: compileRules(bytes) threw ${e.name}: ${e.message}`);
    }
  }
  const locales = [c.locale ?? "en", ...LOCALES.filter((l) => l !== (c.locale ?? "en"))];
  for (const locale of locales) {
    const label = `${c.name} [${locale}]`;
    const zoneArgs = c.time_zone ? ["--time-zone", c.time_zone] : [];
    const audienceArgs = c.audience ? ["--audience", c.audience] : [];
    const options = { now: c.now, locale, timeZone: c.time_zone, audience: c.audience };
    const native = run(["explain", orderFile, ...rulesArgs, "--locale", locale, "--now", c.now, ...zoneArgs, ...audienceArgs, "--json"]);
    let wasm;
    try {
      if (compileError) throw compileError;
      wasm = rules.explain(c.order, options);
    } catch (e) {
      wasm = { thrown: e.name, message: e.message };
    }
    if (native.status !== 0) {
      if (wasm.thrown) same++;
      else diffs.push(`${label}: native failed (exit ${native.status}: ${native.stderr.trim().split("\n")[0]}), wasm did not`);
      continue;
    }
    if (wasm.thrown) {
      diffs.push(`${label}: wasm threw ${wasm.thrown}: ${wasm.message.split("\n")[0]}; native succeeded`);
      continue;
    }
    const want = JSON.parse(native.stdout);
    const d = firstDiff(wasm, want);
    if (d) diffs.push(`${label}: ${d}`);
    else same++;
    // renderHTML / renderEmail of the diagnosis object vs `explain --format html|email`.
    const explainArgs = ["explain", orderFile, ...rulesArgs, "--locale", locale, "--now", c.now, ...zoneArgs, ...audienceArgs];
    const htmlNative = run([...explainArgs, "--format", "html", "--stylesheet", "/orderlens/widget.css", "--theme", "auto"]);
    const emailNative = run([...explainArgs, "--format", "email", "--brand", "Tea & <Co>", "--support-url", "https://shop.example/help?a=1&b=2"]);
    try {
      const html = rules.renderHTML(wasm, { stylesheet: "/orderlens/widget.css", theme: "auto", timeZone: c.time_zone });
      if (htmlNative.status !== 0 || html + "\n" !== htmlNative.stdout) diffs.push(`${label} [renderHTML]: differs from \`explain --format html\``);
      else same++;
      const email = rules.renderEmail(wasm, { brand: "Tea & <Co>", supportUrl: "https://shop.example/help?a=1&b=2", timeZone: c.time_zone });
      const de = emailNative.status === 0 ? firstDiff(email, JSON.parse(emailNative.stdout)) : `native exit ${emailNative.status}`;
      if (de) diffs.push(`${label} [renderEmail]: ${de}`);
      else same++;
    } catch (e) {
      diffs.push(`${label} [render]: threw ${e.name}: ${e.message.split("\n")[0]}`);
    }
    renders++;
    if (runtimeRules) {
      let got;
      try {
        got = runtimeRules.explain(c.order, options);
      } catch (e) {
        got = { thrown: e.name, message: e.message };
      }
      // The runtime shows times in the shop's zone only: another zone is a RangeError.
      const d = c.time_zone
        ? got.thrown === "RangeError" && /timeZone/.test(got.message) ? null : `expected a RangeError for timeZone, got ${JSON.stringify(got).slice(0, 120)}`
        : firstDiff(got, want);
      if (d) diffs.push(`${label} [runtime]: ${d}`);
      else same++;
    }
  }

  // evaluate: the decision without text, full build and runtime vs `explain --no-text`.
  {
    const native = run(["explain", orderFile, ...rulesArgs, "--now", c.now, ...(c.audience ? ["--audience", c.audience] : []), "--no-text"]);
    for (const [which, r] of [["evaluate", rules], ["evaluate runtime", runtimeRules]]) {
      if (!r) continue;
      let got;
      try {
        got = r.evaluate(c.order, { now: c.now, audience: c.audience });
      } catch (e) {
        got = { thrown: e.name, message: e.message };
      }
      let want = native.status === 0 ? JSON.parse(native.stdout) : null;
      // The runtime reads the decision off its diagnosis: its valid_until is
      // the diagnosis's (the same instant, or earlier when only wording or
      // a refund stage changes), never later than the decision's.
      if (want && which === "evaluate runtime" && !got.thrown) {
        const ok = got.valid_until === want.valid_until || (got.valid_until !== null && (want.valid_until === null || got.valid_until < want.valid_until));
        if (!ok) diffs.push(`${c.name} [${which}]: valid_until ${got.valid_until} later than the decision's ${want.valid_until}`);
        want = { ...want, valid_until: got.valid_until };
      }
      const d = native.status !== 0 ? (got.thrown ? null : `native exit ${native.status}, wasm did not throw`) : firstDiff(got, want);
      if (d) diffs.push(`${c.name} [${which}]: ${d}`);
      else same++;
    }
  }

  // sweep: one NDJSON line in, one line out.
  const native = run(["sweep", ...rulesArgs, "--now", c.now], JSON.stringify(c.order) + "\n");
  if (rules && native.status === 0) {
    const d = firstDiff(rules.sweep([c.order], { now: c.now })[0], JSON.parse(native.stdout.trim()));
    if (d) diffs.push(`${c.name} [sweep]: ${d}`);
    else same++;
  } else if (rules || native.status === 0) {
    diffs.push(`${c.name} [sweep]: native exit ${native.status}, wasm ${rules ? "compiled" : "did not compile"}`);
  } else {
    same++;
  }
  // The seller's work queue: `sweep --audience merchant` (SPEC §3.3).
  {
    const native = run(["sweep", ...rulesArgs, "--now", c.now, "--audience", "merchant"], JSON.stringify(c.order) + "\n");
    let got;
    try {
      got = rules?.sweep([c.order], { now: c.now, audience: "merchant" })[0];
    } catch (e) {
      got = { thrown: e.name };
    }
    const d = native.status === 0 ? firstDiff(got, JSON.parse(native.stdout.trim())) : got?.thrown || !rules ? null : `native exit ${native.status}, wasm did not throw`;
    if (d) diffs.push(`${c.name} [sweep --audience merchant]: ${d}`);
    else same++;
  }
  rules?.free();
  runtimeRules?.free();
}
// Importers: every tests/fixtures/import payload, `orderlens import --from P`
// vs fromShopify / fromWooCommerce / fromStripe (and, for bad payloads, the
// same error paths).
const IMPORTERS = { shopify: "fromShopify", woocommerce: "fromWooCommerce", stripe: "fromStripe" };
const importDir = join(root, "tests/fixtures/import");
let imports = 0;
const importCases = [];
for (const platform of Object.keys(IMPORTERS)) {
  for (const f of readdirSync(join(importDir, platform)).filter((f) => f.endsWith(".json")).sort()) {
    importCases.push({ name: `${platform}/${f}`, platform, ...JSON.parse(readFileSync(join(importDir, platform, f), "utf8")) });
  }
}
for (const f of readdirSync(join(importDir, "errors")).filter((f) => f.endsWith(".json")).sort()) {
  importCases.push({ name: `errors/${f}`, ...JSON.parse(readFileSync(join(importDir, "errors", f), "utf8")) });
}
for (const c of importCases) {
  imports++;
  const text = c.payload_text ?? JSON.stringify(c.payload);
  const file = join(tmp, "payload.json");
  writeFileSync(file, text);
  const native = run(["import", "--from", c.platform, file]);
  let wasm;
  try {
    wasm = ol[IMPORTERS[c.platform]](c.payload_text ?? c.payload);
  } catch (e) {
    // Each error as the CLI prints it: `PATH: message; help`.
    const line = (x) => `${x.path ? `${x.path}: ` : ""}${x.message}${x.help ? `; ${x.help}` : ""}`;
    wasm = { thrown: e.name, lines: (e.errors ?? []).map(line) };
  }
  const label = `${c.name} [import]`;
  if (native.status === 0) {
    const d = wasm.thrown ? `wasm threw ${wasm.thrown}, native imported` : firstDiff(wasm, JSON.parse(native.stdout));
    if (d) diffs.push(`${label}: ${d}`);
    else same++;
  } else {
    // `FILE: PATH: message; help` lines after the first: the same errors.
    const lines = native.stderr
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.slice(file.length + 2));
    const d = wasm.thrown === "ImportError" ? firstDiff(wasm.lines, lines) : `native exit ${native.status}, wasm did not throw an ImportError`;
    if (d) diffs.push(`${label}: ${d}`);
    else same++;
  }
}
// The top-level renderers (built-in rules' labels) give what the CLI gives without --rules.
{
  const c = cases.find((x) => x.rules === undefined) ?? cases[0];
  const orderFile = join(tmp, "order.json");
  writeFileSync(orderFile, JSON.stringify(c.order));
  const d = ol.explain(c.order, { now: c.now, locale: "ru" });
  const native = run(["explain", orderFile, "--locale", "ru", "--now", c.now, "--format", "html"]);
  if (ol.renderHTML(d) + "\n" !== native.stdout) diffs.push(`${c.name} [renderHTML, built-in rules]: differs`);
  else same++;
  const email = run(["explain", orderFile, "--locale", "ru", "--now", c.now, "--format", "email"]);
  const de = firstDiff(ol.renderEmail(JSON.stringify(d)), JSON.parse(email.stdout));
  if (de) diffs.push(`${c.name} [renderEmail, built-in rules]: ${de}`);
  else same++;
  // A malformed diagnosis: a TypeError locating the problem.
  try {
    ol.renderHTML({ ...d, headline: { ...d.headline, title: 42 } });
    diffs.push("renderHTML accepted a diagnosis whose headline.title is a number");
  } catch (e) {
    if (e.name !== "TypeError" || e.errors?.[0]?.path !== "headline.title") diffs.push(`renderHTML on a bad diagnosis: ${e.name}: ${e.message}`);
    else same++;
  }
}
// The same calls give the same errors in the full build and the runtime
// (and a locale can never switch the runtime to the seller's view).
{
  const c = cases.find((x) => x.rules === undefined && x.order?.payment) ?? cases[0];
  const full = ol.compileRules();
  const small = rt.compileRules(full.toBytes());
  const outcome = (f) => {
    try {
      const d = f();
      return { headline: d.headline?.title, reasons: d.reasons?.map((r) => r.reason) };
    } catch (e) {
      return { thrown: e.name, message: e.message, errors: e.errors };
    }
  };
  const calls = [
    [c.order, { now: "" }],
    [c.order, { now: "  " }],
    [c.order, { now: "yesterday" }],
    [c.order, { now: Number.NaN }],
    [c.order, { now: {} }],
    [c.order, { now: c.now, locale: 5 }],
    [c.order, { now: c.now, locale: "\u0003en" }],
    [c.order, { now: c.now, locale: ["\u0003ru", "en"] }],
    [c.order, { now: c.now, audience: "sellers" }],
    [c.order, "ru"],
    [42, { now: c.now }],
    [true, { now: c.now }],
    ["{", { now: c.now }],
    [{ id: 1 }, { now: c.now }],
  ];
  for (const [order, options] of calls) {
    const d = firstDiff(outcome(() => small.explain(order, options)), outcome(() => full.explain(order, options)));
    if (d) diffs.push(`runtime vs full build, explain(${JSON.stringify(order).slice(0, 20)}, ${JSON.stringify(options)}): ${d}`);
    else same++;
  }
  full.free();
  small.free();
}
rmSync(tmp, { recursive: true, force: true });

for (const d of diffs.slice(0, 20)) console.error(`  differs: ${d}`);
if (diffs.length > 20) console.error(`  … and ${diffs.length - 20} more`);
console.log(
  `parity: ${cases.length} fixture${cases.length === 1 ? "" : "s"} and ${imports} importer payloads, ${same + diffs.length} comparisons (every locale, full build and runtime; sweep; compiled bytes; import; renderHTML and renderEmail for ${renders} diagnoses): ${same} identical, ${diffs.length} different`,
);
process.exit(diffs.length ? 1 : 0);
