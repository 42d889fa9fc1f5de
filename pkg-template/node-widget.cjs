
// The widget needs a browser. scripts/build-pkg.sh appends these stubs to the
// CommonJS build (node.mjs re-exports them for `import`): code shared with the
// server (SSR) can name `mount`, as the types declare; calling it throws.
exports.mount = function mount() {
  throw new TypeError("orderlens: mount() needs a browser DOM; on the server, use compileRules().explain()");
};
exports.OrderLensElement = undefined;
