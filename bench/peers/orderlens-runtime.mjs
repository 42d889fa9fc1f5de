// orderlens/runtime (pkg/runtime, the browser build without a compiler): the
// rules compiled to bytes once in setup with the full build's toBytes() (what
// `orderlens compile` does ahead of time) and loaded with the runtime's
// compileRules(bytes), instantiated with initSync from the .wasm file. Per
// order: explain (all texts) and evaluate (no text), one adapter each.
import { createRequire } from 'module';
import { readFileSync } from 'fs';
import { join } from 'path';
import { pathToFileURL } from 'url';
const require = createRequire(import.meta.url);
const { translate, mapOrder, ids, decisionIds, PKG } = require('./translate.js');

export async function load(neutral) {
  const full = require(join(PKG, 'node/orderlens.cjs'));
  const t = translate(neutral);
  const bytes = full.compileRules(t.doc).toBytes();
  const glue = await import(pathToFileURL(join(PKG, 'runtime/orderlens.js')).href);
  glue.initSync({ module: readFileSync(join(PKG, 'runtime/orderlens_bg.wasm')) });
  const rt = await import(pathToFileURL(join(PKG, 'runtime-api.js')).href);
  return { rules: rt.compileRules(bytes), back: t.back };
}

let r;
const LOCALE = process.env.ORDERLENS_LOCALE || 'en';
export default {
  name: 'orderlens runtime: explain (all texts)',
  pkg: null,
  notes: 'sync; compiled rules bytes; full localized diagnosis per order',
  translate: (neutral) => translate(neutral).doc,
  async setup(neutral) {
    r = await load(neutral);
  },
  evaluate(order, nowMs) {
    return ids(r.rules.explain(mapOrder(order), { now: nowMs, locale: LOCALE }), r.back);
  },
};
export { mapOrder, decisionIds };
