// `orderlens/runtime`: the browser build for pages with a size budget. It
// loads rules compiled ahead of time (`orderlens compile rules.json --out
// rules.olr`, or `compileRules(doc).toBytes()` from "orderlens" on a server)
// and has no rules compiler: no `checkRules`, no documents, no batch calls.
// The types of orders, diagnoses and errors are the full build's. On servers
// (Node, Deno, Workers) "orderlens/runtime" is the full build; these
// declarations (node/runtime.d.ts there) keep to the runtime's API.
import type {
  CompiledRulesBytes,
  Decision,
  Diagnosis,
  Diagnostic,
  EvaluateOptions,
  ExplainOptions,
  MessageValues,
  MountHandle,
  MountOptions,
  OrderInput,
} from "./orderlens.js";

export type * from "./orderlens.js";
export { OrderLensElement } from "./orderlens.js";

/** Compiled rules, loaded: explain many orders. */
export declare class CompiledRules {
  private constructor();
  /** Releases the wasm memory now instead of at garbage collection. */
  free(): void;
  /** The diagnosis of one order. Throws an `OrderError` naming the bad fields. */
  explain(order: OrderInput, options?: ExplainOptions): Diagnosis;
  /** The decision without any text (rules, reasons, action kinds, deadlines, valid_until). */
  evaluate(order: OrderInput, options?: EvaluateOptions): Decision;
  /** One catalog message in `options.locale` (e.g. the widget's `widget.*` labels); an unknown key gives `""`. */
  message(key: string, values?: MessageValues | null, options?: { locale?: string | readonly string[] }): string;
  /** `settings.support_url`, if set. */
  readonly supportUrl: string | undefined;
  /** 32-bit fingerprint of the rules (part of support codes). */
  readonly fingerprint: number;
  /** The locales the messages cover, e.g. `["en", "zh-CN", "ru"]`. */
  readonly locales: string[];
  /** The IANA time zone deadlines are counted and dates are shown in (`settings.timezone`). */
  readonly timezone: string;
  /** Always empty: `orderlens compile` reports warnings when compiling. */
  readonly warnings: Diagnostic[];
}

/** What the runtime takes as rules: compiled bytes, loaded rules, or nothing for the built-in rules. */
export type RuntimeRulesInput = CompiledRulesBytes | CompiledRules | null | undefined;

/**
 * Loads compiled rules (absent = the built-in rules, with English messages
 * only: `loadRules()` has every shipped locale). Throws a `RulesError` for
 * damaged bytes, bytes of another format version, or a rules document
 * (which needs the full build, "orderlens").
 */
export declare function compileRules(compiled?: RuntimeRulesInput): CompiledRules;


/** One-shot: loads `rules` (kept while the same object is passed again) and explains `order`. */
export declare function explain(order: OrderInput, options?: ExplainOptions, rules?: RuntimeRulesInput): Diagnosis;

/** The package version. */
export declare function version(): string;

export interface RuntimeMountOptions extends Omit<MountOptions, "rules"> {
  /** Compiled rules (absent = built-in rules), or a promise of them (e.g. `fetch("rules.olr").then((r) => r.arrayBuffer())`). */
  rules?: RuntimeRulesInput | PromiseLike<RuntimeRulesInput>;
}

// @dom-only: what follows needs a browser; the server declarations
// (node/runtime.d.ts) have runtime-node-widget.d.ts instead.

/**
 * Fetches and loads compiled rules (browsers; on servers `orderlens/runtime` is
 * the full build, whose `compileRules()` has every locale): a URL (`orderlens compile rules.json
 * --locales zh-CN --out rules.olr` serves a page's own rules and locales), a
 * `Response`, or bytes. Without a source: the package's built-in rules
 * with every shipped locale, the buyer's side (`orderlens/runtime/rules.olr`,
 * one request), or with `{ audience: "merchant" }` both views
 * (`rules-merchant.olr`, for a back office).
 */
export declare function loadRules(
  source?: string | URL | Response | CompiledRulesBytes | null,
  options?: { audience?: "buyer" | "merchant" },
): Promise<CompiledRules>;

/** Renders the diagnosis of `options.order` inside `element` and keeps it current. */
export declare function mount(element: Element, options: RuntimeMountOptions): MountHandle;
