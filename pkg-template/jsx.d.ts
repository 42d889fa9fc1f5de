// JSX types for `<order-lens>` in the global `JSX` namespace (Preact, Solid,
// Stencil and other JSX setups), opt-in: `import type {} from "orderlens/jsx";`
// once in your project. React: `import type {} from "orderlens/react";`.
//
// React 19 sets a custom element's properties (`order`, `rules`, …) and
// listens to its events (`onorderlens-action`) from JSX. React 18 passes
// everything as attributes: use the attributes below in JSX and set
// `order` / `rules` through a ref (see the package README).
import type {
  CompiledRules,
  OrderInput,
  OrderLensActionEvent,
  OrderLensElement,
  RulesInput,
  WidgetNow,
  WidgetTimeZone,
} from "./orderlens.js";

/** What `<order-lens>` takes in JSX besides the usual HTML attributes. */
export interface OrderLensJSXAttributes {
  /** Attribute: a language tag or Accept-Language list. */
  locale?: string;
  /** Attribute: `"local"` (default), `"shop"` or an IANA zone. */
  "time-zone"?: WidgetTimeZone;
  /** Attribute: where to get help when the rules cannot load. */
  "support-url"?: string;
  /** Attribute: milliseconds an action may take (default 15000). */
  "action-timeout"?: number | string;
  /** Attribute (read by the widget's stylesheet): one palette whatever the page's `color-scheme`, or both (`auto`). */
  theme?: "light" | "dark" | "auto";
  /** Attribute: `"merchant"` for a shop's back office (default: the buyer's view). */
  audience?: "buyer" | "merchant";
  /** React 19 (a property): the order, or a promise of it. */
  order?: OrderInput | PromiseLike<OrderInput> | null;
  /** React 19 (a property): rules, compiled rules or their bytes, or a promise of any. */
  rules?: RulesInput | CompiledRules | PromiseLike<RulesInput | CompiledRules>;
  /** React 19 (a property). */
  now?: WidgetNow;
  /** React 19: the `orderlens-action` event. */
  "onorderlens-action"?: (event: OrderLensActionEvent) => void;
  class?: string;
  className?: string;
  id?: string;
  slot?: string;
  hidden?: boolean;
  children?: unknown;
  key?: string | number | bigint | null;
  ref?: unknown;
}

declare global {
  namespace JSX {
    interface IntrinsicElements {
      "order-lens": OrderLensJSXAttributes;
    }
  }
}
