// The widget needs a browser: on servers (Deno, Cloudflare Workers) these
// stand in for it, as in Node (node-widget.cjs), so that code shared with the
// browser still links. Calling `mount` throws.
export function mount() {
  throw new TypeError("orderlens: mount() needs a browser DOM; on the server, use compileRules().explain()");
}
export const OrderLensElement = undefined;
