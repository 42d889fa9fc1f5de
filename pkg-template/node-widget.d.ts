// @server-widget: the widget on servers (Node, Deno, Workers), appended by
// scripts/build-pkg.sh to the engine's declarations (orderlens.d.ts above its
// `@dom-only` line) for the server entries. No DOM types: there is no DOM.

/** Throws a `TypeError`: the widget needs a browser DOM. It exists so that code shared with the browser links. */
export declare function mount(element: unknown, options: MountOptions): never;

/** `undefined` on servers: there are no custom elements. */
export declare const OrderLensElement: undefined;
