'use strict';
// orderlens, the package's full Node build (pkg/node/orderlens.cjs):
// compileRules(doc) once in setup, then per order
// rules.explain(order, { now, locale }) -- the whole localized diagnosis
// (headline, reasons, actions, deadlines, timeline, trace, support code);
// the matched rule ids are read from `trace`. Timed per order: the dispute
// mapping, the order's JSON.stringify and the diagnosis's JSON.parse (both
// inside the package), the explain, the id mapping.
const path = require('path');
const { translate, mapOrder, ids, PKG } = require('./translate');

let rules, back;
const LOCALE = process.env.ORDERLENS_LOCALE || 'en';

module.exports = {
  name: 'orderlens full build: explain (all texts)',
  pkg: null,
  notes: 'sync; full localized diagnosis per order',
  translate: (neutral) => translate(neutral).doc,
  setup(neutral) {
    const ol = require(path.join(PKG, 'node/orderlens.cjs'));
    const t = translate(neutral);
    back = t.back;
    rules = ol.compileRules(t.doc);
  },
  evaluate(order, nowMs) {
    return ids(rules.explain(mapOrder(order), { now: nowMs, locale: LOCALE }), back);
  },
};
