// The API of `orderlens/runtime` over its wasm glue (which must be
// initialized first: runtime.js does that for browsers, a test harness with
// initSync in Node). The wasm side takes and gives strings only
// (src/wasm/runtime.rs); this turns options and errors into exactly what the
// full build gives.
import { Rules, version } from "./runtime/orderlens.js";

// The JSON text of an error from the wasm side, as the Error the full build throws.
function error(text) {
  const { name, message, ...rest } = JSON.parse(text);
  if (name == "RangeError" || name == "TypeError") return new globalThis[name](message);
  return Object.assign(new Error(message), { name }, rest);
}

function load(bytes) {
  try {
    return new CompiledRules(new Rules(bytes));
  } catch (e) {
    throw typeof e == "string" ? error(e) : e;
  }
}

const ONLY =
  "orderlens/runtime runs compiled rules only: compile this document with `orderlens compile rules.json -o rules.olr` " +
  '(or `compileRules(doc).toBytes()` from "orderlens") and pass the bytes, or import "orderlens" to compile in the page';

/** Compiled rules: explain many orders. */
export class CompiledRules {
  #r;
  /** @internal Use compileRules(). */
  constructor(rules) {
    this.#r = rules;
  }

  /** The diagnosis of one order (SPEC §3). Throws an OrderError naming the bad fields. */
  explain(order, options) {
    if (options != null && typeof options != "object") throw new TypeError("options: expected an object such as { now, locale }");
    const { now, locale } = options ?? {};
    let ms = Date.now(),
      text = "",
      tags = "en",
      json = "null";
    if (typeof now == "number") ms = now;
    else if (now instanceof Date) ms = now.getTime();
    else if (typeof now == "string") text = now;
    else if (now != null) throw new TypeError("options.now: expected milliseconds since the epoch, a Date or an RFC 3339 string");
    if (typeof locale == "string") tags = locale;
    else if (Array.isArray(locale)) tags = locale.filter((t) => typeof t == "string").join();
    else if (locale != null) throw new TypeError("options.locale: expected a language tag, an Accept-Language list or an array of tags");
    if (typeof order == "string") json = order;
    else if (typeof order == "object" && order) {
      try {
        json = JSON.stringify(order);
      } catch (e) {
        throw new TypeError(`order: cannot be written as JSON (${e.message})`);
      }
    } else if (order != null) throw new TypeError(`order: expected an object or JSON text, found ${typeof order}`);
    const out = this.#r.explain(json, ms, text, tags);
    if (out[0] == "!") throw error(out.slice(1));
    return JSON.parse(out);
  }

  /** The rule set's 32-bit fingerprint (part of support codes). */
  get fingerprint() {
    return this.#r.fingerprint;
  }

  /** The IANA time zone deadlines are counted and dates shown in. */
  get timezone() {
    return this.#r.timezone;
  }

  /** The locales the messages cover. */
  get locales() {
    return this.#r.locales.split(",");
  }

  /** Compiled rules carry no warnings (`orderlens compile` prints them). */
  get warnings() {
    return [];
  }

  /** Frees the wasm memory now instead of at garbage collection. */
  free() {
    this.#r.free();
  }
}

/**
 * Loads compiled rules: a Uint8Array / ArrayBuffer from `orderlens compile`
 * or `toBytes()`, or nothing for the built-in rules. Throws a RulesError.
 */
export function compileRules(compiled) {
  if (compiled == null) return load();
  if (compiled instanceof CompiledRules) return compiled;
  if (compiled instanceof ArrayBuffer) return load(new Uint8Array(compiled));
  if (compiled instanceof Uint8Array) return load(compiled);
  const d = { severity: "error", rule: null, path: "", line: null, column: null, message: ONLY, help: null, width: 1 };
  throw Object.assign(new Error("the rules have 1 error\n" + ONLY), { name: "RulesError", diagnostics: [d] });
}

let last = [];
/** One-shot: loads `rules` (kept while the same object is passed again) and explains `order`. */
export function explain(order, options, rules) {
  if (!last[1] || last[0] !== rules) last = [rules, compileRules(rules)];
  return last[1].explain(order, options);
}

export { version };
