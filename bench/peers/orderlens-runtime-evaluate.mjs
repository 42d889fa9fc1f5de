// orderlens/runtime: evaluate (the decision without text) per order; see orderlens-runtime.mjs.
import { load, mapOrder, decisionIds } from './orderlens-runtime.mjs';

let r;
export default {
  name: 'orderlens runtime: evaluate (no text)',
  pkg: null,
  notes: 'sync; compiled rules bytes; decision without text per order',
  async setup(neutral) {
    r = await load(neutral);
  },
  evaluate(order, nowMs) {
    return decisionIds(r.rules.evaluate(mapOrder(order), { now: nowMs }), r.back);
  },
};
