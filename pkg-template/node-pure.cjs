"use strict";
// `orderlens/pure` (and `orderlens/runtime/pure`) in Node: nothing is loaded
// until the first `load()` or `initSync()`, which read the full build's .wasm
// from disk (synchronously) and give its API, the same object as in browsers.
let api;

function initSync() {
  if (!api) {
    // Every export but the start function and the widget's stubs.
    const { start, mount, OrderLensElement, ...rest } = require("./orderlens.cjs");
    api = Object.freeze(rest);
  }
  return api;
}

exports.initSync = initSync;
exports.load = async function load() {
  return initSync();
};
