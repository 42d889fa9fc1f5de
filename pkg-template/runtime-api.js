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

// [now ms (undefined: read the text), now text, locale tags, time zone, view mark] from explain's options, checked like the full build checks them.
function opts(options) {
  if (options != null && typeof options != "object") throw new TypeError("options: expected an object such as { now, locale }");
  const { now, locale, timeZone, audience } = options ?? {};
  let ms = Date.now(),
    at = "",
    tags = "en";
  if (typeof now == "number") ms = now;
  else if (now instanceof Date) ms = now.getTime();
  // Text (even empty) is read by the wasm side, without a number.
  else if (typeof now == "string") (at = now), (ms = undefined);
  else if (now != null) throw new TypeError("options.now: expected milliseconds since the epoch, a Date or an RFC 3339 string");
  if (typeof locale == "string") tags = locale;
  else if (Array.isArray(locale)) tags = locale.filter((t) => typeof t == "string").join();
  else if (locale != null) throw new TypeError("options.locale: expected a language tag, an Accept-Language list or an array of tags");
  // No tag holds a control character; the wasm side reads U+0003 as the
  // merchant's view and U+0001 / U+001F as separators, so none gets through.
  tags = clean(tags);
  // The merchant's view (SPEC §3.3) is marked by U+0003 before the locale.
  let view = "";
  if (audience == "merchant") view = "\x03";
  else if (typeof audience == "string" && audience != "buyer") throw new RangeError(`options.audience: unknown audience '${audience.slice(0, 64)}'; it is 'buyer' or 'merchant'`);
  else if (audience != null && typeof audience != "string") throw new TypeError("options.audience: expected 'buyer' or 'merchant'");
  return [ms, at, tags, timeZone, view];
}

// Control characters out of a string bound for a separated wasm argument
// (a tag with one is no tag, as the full build reads it).
const clean = (s) => String(s).replace(/[\0-\x1f\x7f]/g, "!");

// JSON text of an argument (a string is taken as JSON text already); what
// cannot be is an OrderError, as the full build reports it.
function text(v, what) {
  if (typeof v == "string") return v;
  if (v == null) return "null";
  let m = `${what}: expected an object or JSON text, found ${typeof v}`;
  if (typeof v == "object")
    try {
      return JSON.stringify(v);
    } catch (e) {
      m = `${what}: cannot be written as JSON (${e.message})`;
    }
  throw Object.assign(new Error("invalid order: " + m), { name: "OrderError", errors: [{ path: "", message: m, help: null }] });
}

// A result from the wasm side, or the error it stands for.
function check(out) {
  if (out[0] == "!") throw error(out.slice(1));
  return out;
}
const ONLY =
  'orderlens/runtime runs compiled rules only: pass the bytes of `orderlens compile` or `compileRules(doc).toBytes()`, or import "orderlens" to compile in the page';

/** Compiled rules: explain many orders. */
export class CompiledRules {
  #r;
  /** @internal Use compileRules(). */
  constructor(rules) {
    this.#r = rules;
  }

  /**
   * The diagnosis of one order (SPEC §3). Throws an OrderError naming the bad
   * fields. Times in texts are in the shop's zone: a `timeZone` other than
   * settings.timezone is a RangeError here (the full build converts).
   */
  explain(order, options) {
    const [ms, at, tags, zone, view] = opts(options);
    if (zone != null && zone != this.timezone) throw new RangeError(`options.timeZone: orderlens/runtime shows times in the shop's zone (${this.timezone})`);
    return JSON.parse(check(this.#r.explain(text(order, "order"), ms, at, view + tags)));
  }

  /**
   * The decision for one order without any text (SPEC §4.1):
   * `{ order_id, rules, reasons, actions, deadlines: [{ kind, at }], valid_until }`.
   */
  evaluate(order, options) {
    // Read off the diagnosis (the runtime's wasm has no second entry point:
    // the checkout budget). The same decision as the full build's; its
    // valid_until is the diagnosis's, the same instant or earlier.
    const d = this.explain(order, options != null && typeof options == "object" ? { now: options.now, audience: options.audience } : options);
    const list = (xs, k) => xs.map((x) => x[k]);
    return {
      order_id: d.order_id,
      rules: [...new Set(list(d.trace, "rule"))],
      reasons: list(d.reasons, "reason"),
      actions: list(d.actions, "kind"),
      deadlines: d.deadlines.map(({ kind, at }) => ({ kind, at })),
      valid_until: d.valid_until,
    };
  }

  /** One catalog message (e.g. `widget.countdown`) with placeholder values (numbers and text), in `options.locale`. */
  message(key, values, options) {
    const parts = ["\x01" + clean(key)];
    for (const [k, v] of Object.entries(values ?? {})) if (typeof v == "string" || typeof v == "number") parts.push(clean(k), clean(v));
    return key ? this.#r.explain(parts.join("\x1f"), 0, "", opts(options)[2]) : "";
  }

  /** `settings.support_url`, if set. */
  get supportUrl() {
    return this.#r.explain("\x01", 0, "", "") || undefined;
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
