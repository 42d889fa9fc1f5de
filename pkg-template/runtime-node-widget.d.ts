// @server-widget: `mount` of `orderlens/runtime` on servers, appended by
// scripts/build-pkg.sh to runtime.d.ts above its `@dom-only` line.

/** Throws a `TypeError`: the widget needs a browser DOM. It exists so that code shared with the browser links. */
export declare function mount(element: unknown, options: RuntimeMountOptions): never;
