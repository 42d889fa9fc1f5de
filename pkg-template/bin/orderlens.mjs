#!/usr/bin/env node
// The rules commands of the `orderlens` CLI, from the package's Node build,
// for projects that have npm but not the native CLI:
//
//   npx orderlens compile RULES.json [--out RULES.olr]   compiled rules for orderlens/runtime
//   npx orderlens check RULES.json [--format text|json]  every problem of a document
//
// The same compiled bytes and exit codes as the native CLI (0 ok, 1 invalid
// input, 2 usage error); diagnostics one per line, without the native CLI's
// caret under the expression. (explain, sweep, decode and messages are the
// native CLI's; in Node, use the API.)
import { readFileSync, writeFileSync } from "node:fs";
import { checkRules, compileRules } from "../node/orderlens.mjs";

const USAGE = `usage:
  orderlens compile RULES.json [--out RULES.olr]
  orderlens check RULES.json [--format text|json]
exit codes: 0 ok, 1 invalid input, 2 usage error`;

function usage(msg) {
  console.error(`orderlens: ${msg}\n\n${USAGE}`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
if (!command || command === "-h" || command === "--help") {
  console.log(USAGE);
  process.exit(command ? 0 : 2);
}
const files = [];
const flags = {};
for (let i = 0; i < rest.length; i++) {
  const a = rest[i];
  if (!a.startsWith("--")) files.push(a);
  else {
    const [name, inline] = a.slice(2).split(/=(.*)/s);
    const known = { compile: ["out"], check: ["format"] }[command] ?? [];
    if (!known.includes(name)) usage(`unknown option --${name}`);
    flags[name] = inline ?? rest[++i];
    if (flags[name] === undefined) usage(`--${name} needs a value`);
  }
}
if (command !== "compile" && command !== "check") usage(`unknown command '${command}' (this is the npm package's CLI: compile and check)`);
if (files.length !== 1) usage(`${command} needs one RULES.json`);
const [path] = files;
const format = flags.format ?? "text";
if (format !== "text" && format !== "json") usage(`--format must be text or json, not '${format}'`);

let input;
try {
  input = readFileSync(path);
} catch (e) {
  console.error(`orderlens: ${path}: ${e.message}`);
  process.exit(1);
}
// A JSON document as text (so that errors are located in it), or compiled bytes.
const doc = input.subarray(0, 3).toString("latin1") === "OLR" ? new Uint8Array(input) : input.toString("utf8");

const line = (d) =>
  `${path}: ${d.rule ? `rule '${d.rule}' (${d.path})` : d.path || "(document)"}${d.line ? ` ${d.line}:${d.column}` : ""}: ` +
  `${d.severity === "warning" ? "warning: " : ""}${d.message}${d.help ? `; ${d.help}` : ""}`;

const { ok, diagnostics } = checkRules(doc);
if (command === "check") {
  if (format === "json") console.log(JSON.stringify({ ok, diagnostics }, null, 2));
  else {
    for (const d of diagnostics) console.log(line(d));
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    const n = (k, w) => `${k} ${w}${k === 1 ? "" : "s"}`;
    const warnings = n(diagnostics.length - errors, "warning");
    console.log(ok ? `${path}: ok (${warnings})` : `${path}: ${n(errors, "error")}, ${warnings}`);
  }
  process.exit(ok ? 0 : 1);
}

for (const d of diagnostics) console.error(line(d));
if (!ok) process.exit(1);
const rules = compileRules(doc);
const bytes = rules.toBytes();
if (flags.out) {
  writeFileSync(flags.out, bytes);
  console.error(`${path}: compiled to ${flags.out} (${bytes.length} bytes, rules ${rules.fingerprint.toString(16).padStart(8, "0")}, locales ${rules.locales.join(", ")})`);
} else {
  process.stdout.write(bytes);
}
