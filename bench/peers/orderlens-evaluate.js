'use strict';
// orderlens, the package's full Node build: rules.evaluate(order, { now })
// per order -- the decision without text (matched rules, reasons, action
// kinds, deadlines, valid_until); the ids come from its `rules`.
const path = require('path');
const { translate, mapOrder, decisionIds, PKG } = require('./translate');

let rules, back;

module.exports = {
  name: 'orderlens full build: evaluate (no text)',
  pkg: null,
  notes: 'sync; decision without text per order',
  translate: (neutral) => translate(neutral).doc,
  setup(neutral) {
    const ol = require(path.join(PKG, 'node/orderlens.cjs'));
    const t = translate(neutral);
    back = t.back;
    rules = ol.compileRules(t.doc);
  },
  evaluate(order, nowMs) {
    return decisionIds(rules.evaluate(mapOrder(order), { now: nowMs }), back);
  },
};
