'use strict';
// Translation of the engine-neutral rules (rules.js) into one orderlens rules
// document, and of the peers' orders (gen.js) into orderlens orders.
// Shared by the adapters in this folder (bench/peers/*.js, *.mjs), which
// scripts/bench.sh --peers plugs into the peers' benchmark.
//
// * Every built-in orderlens rule is disabled; each neutral rule becomes one
//   orderlens rule whose `when` is the conjunction of its leaves.
// * orderlens rule ids use hyphens (`payment-declined`); ids are mapped back
//   to the neutral ids from the diagnosis' `trace`.
// * Each rule reuses a built-in reason (so no new messages are needed).
// * Neutral path `dispute.open` (boolean) does not exist in the orderlens
//   order schema, which has `dispute.state` (open / awaiting_* / escalated /
//   resolved). Orders map `{open: true}` -> `{state: 'open'}` and
//   `{open: false}` -> `{state: 'resolved'}`, and the leaf
//   `dispute.open == true` becomes `dispute.state != 'resolved'` (false when
//   dispute / dispute.state is null: a comparison with null is false).
const path = require('path');

// The orderlens checkout whose pkg/ (built by its scripts/build-pkg.sh) is measured.
const MAIN = process.env.ORDERLENS_ROOT;
if (!MAIN) throw new Error('set ORDERLENS_ROOT to the orderlens checkout (the folder holding pkg/)');
const PKG = path.join(MAIN, 'pkg');

const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// neutral rule id -> built-in orderlens reason (its messages exist in en/zh-CN/ru)
const REASON = {
  payment_declined: 'payment_declined',
  card_expired: 'card_expired',
  authentication_required: 'authentication_required',
  payment_processing: 'payment_processing',
  payment_stuck: 'payment_delayed',
  checkout_incomplete: 'checkout_incomplete',
  auto_cancel_due: 'auto_cancelled_unpaid',
  out_of_stock: 'out_of_stock',
  sync_delay: 'confirmation_delayed',
  auto_confirm_due: 'awaiting_receipt_confirmation',
  delivery_delayed: 'delivery_delayed',
  dispute_open: 'dispute_open',
};
const SEVERITY = {
  payment_declined: 'action_required',
  card_expired: 'action_required',
  authentication_required: 'action_required',
  payment_processing: 'info',
  checkout_incomplete: 'action_required',
  out_of_stock: 'action_required',
  auto_confirm_due: 'action_required',
};
// neutral action -> orderlens action kind
const ACTION = { cancel: 'cancel_order' };

function duration(ms) {
  if (ms % DAY === 0) return `${ms / DAY}d`;
  if (ms % HOUR === 0) return `${ms / HOUR}h`;
  if (ms % MIN === 0) return `${ms / MIN}m`;
  throw new Error(`duration ${ms} ms is not a whole number of minutes`);
}

function literal(v) {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v))) return String(v);
  if (typeof v === 'string') {
    if (/['\\]/.test(v)) throw new Error(`string literal ${v} needs escaping`);
    return `'${v}'`;
  }
  throw new Error(`cannot write literal ${JSON.stringify(v)}`);
}

// The order-schema difference: neutral `dispute.open` (bool) is orderlens
// `dispute.state` (enum). Only `eq` on it is translated.
function leaf(l, scope = '') {
  const p = scope + l.path;
  if (p === 'dispute.open') {
    if (l.op !== 'eq' || typeof l.value !== 'boolean') throw new Error('dispute.open: only eq true/false is translated');
    return l.value ? `dispute.state != 'resolved'` : `dispute.state == 'resolved'`;
  }
  switch (l.op) {
    case 'eq': return `${p} == ${literal(l.value)}`;
    case 'in': return `${p} in [${l.value.map(literal).join(', ')}]`;
    case 'is_null': return `!is_set(${p})`;
    case 'not_null': return `is_set(${p})`;
    case 'age_lt': return `age(${p}) < ${duration(l.value)}`;
    case 'age_gte': return `age(${p}) >= ${duration(l.value)}`;
    case 'age_gt': return `age(${p}) > ${duration(l.value)}`;
    case 'any': case 'all': return `${l.op}(${p}, ${leaf(l.where, 'item.')})`;
    default: throw new Error(`unknown op ${l.op}`);
  }
}

const toId = (id) => id.replace(/_/g, '-');

// -> { doc, back: Map(orderlens id -> neutral id) }
// A rule whose id equals a built-in id replaces that built-in rule (SPEC §2);
// every other built-in rule is disabled. Each rule takes the `deadlines` /
// `wait_until` of the built-in rule with the same reason (their messages use
// `{deadline}`; without one the document does not compile).
function translate(neutral) {
  const defaults = require(path.join(MAIN, 'src/rules/defaults.json'));
  const builtinIds = new Set(defaults.rules.map((r) => r.id));
  const byReason = new Map();
  for (const r of defaults.rules) if (!byReason.has(r.reason)) byReason.set(r.reason, r);
  const ours = [];
  const back = new Map();
  neutral.rules.forEach((r, i) => {
    const id = toId(r.id);
    if (back.has(id)) throw new Error(`duplicate rule id ${id}`);
    back.set(id, r.id);
    const reason = REASON[r.id];
    if (!reason) throw new Error(`no orderlens reason chosen for ${r.id}`);
    const rule = {
      id,
      when: r.all.map((l) => leaf(l)).join(' && '),
      reason,
      severity: SEVERITY[r.id] || 'warning',
      priority: 100 - i,
      actions: r.actions.map((a) => ACTION[a] || a),
    };
    const b = byReason.get(reason);
    if (b && b.deadlines) rule.deadlines = b.deadlines;
    if (b && b.wait_until) rule.wait_until = b.wait_until;
    ours.push(rule);
  });
  const disabled = [...builtinIds].filter((id) => !back.has(id)).map((id) => ({ id, disabled: true }));
  return { doc: { version: 1, rules: [...disabled, ...ours] }, back };
}

// Peers' order -> orderlens order. Shallow copy; only `dispute` differs.
function mapOrder(o) {
  const d = o.dispute;
  if (d == null) return o;
  const out = Object.assign({}, o);
  out.dispute = { state: d.open === true ? 'open' : 'resolved' };
  return out;
}

// Matched neutral ids from a diagnosis (trace lists every matched rule).
// Matched neutral ids from evaluate's decision (`rules`, most important first).
function decisionIds(decision, back) {
  const out = [];
  const r = decision.rules;
  for (let i = 0; i < r.length; i++) {
    const id = back.get(r[i]);
    if (id !== undefined) out.push(id);
  }
  return out;
}

function ids(diagnosis, back) {
  const out = [];
  const t = diagnosis.trace;
  for (let i = 0; i < t.length; i++) {
    const id = back.get(t[i].rule);
    if (id !== undefined) out.push(id);
  }
  return out;
}

module.exports = { translate, mapOrder, ids, decisionIds, PKG, MAIN };
