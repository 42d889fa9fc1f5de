// `<order-lens>` in React's JSX (React 18.3 and 19, `React.JSX`), opt-in:
// `import type {} from "orderlens/react";` once in your project (needs
// @types/react). See the package README for React 18 (a ref for properties
// and events) and React 19 (properties and `onorderlens-action` in JSX).
import type { DetailedHTMLProps, HTMLAttributes, Ref } from "react";
import type { OrderLensElement } from "./orderlens.js";
import type { OrderLensJSXAttributes } from "./jsx.js";

type ReactProps = DetailedHTMLProps<HTMLAttributes<OrderLensElement>, OrderLensElement>;

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "order-lens": Omit<ReactProps, keyof OrderLensJSXAttributes | "ref"> &
        OrderLensJSXAttributes & { ref?: Ref<OrderLensElement> };
    }
  }
}

