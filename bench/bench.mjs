// The browser benchmark page's module (run by bench/run.mjs): certcalc's wasm API and the decimal.js
// baseline on the same workloads, in the same page, in alternating batches so that a machine shared with
// other work slows both alike. The answers are checked equal first; a difference stops the run.
//
// Query parameters: `pkg` (the certcalc.js glue to load; default the release web build in www/pkg), `quick`
// (fewer samples, for comparing builds), `only=estimate|rollup` (one workload, for profiling).

import Decimal from "/node_modules/decimal.js/decimal.mjs";
import { makeBaseline } from "./baseline.mjs";
import { estimateRequest, portfolio } from "./workloads.mjs";

const params = new URLSearchParams(location.search);
const pkg = params.get("pkg") ?? "/www/pkg/certcalc.js";
const quick = params.has("quick");
const only = params.get("only");
const out = document.getElementById("out");
const log = (s) => { out.textContent += `${s}\n`; };

/** Objects with their keys sorted, so two answers compare whatever order their fields were written in. */
function canon(v) {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])]));
  return v;
}

/** The first path at which two answers differ, or null. */
function firstDiff(a, b, path = "$") {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b)) return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  if (a && typeof a === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDiff(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}

function checkEqual(what, ours, theirs) {
  const d = firstDiff(canon(ours), canon(theirs));
  if (d) throw new Error(`${what}: certcalc and the decimal.js baseline differ at ${d}`);
  log(`checked: ${what} — certcalc and decimal.js answer the same`);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
let sink;

/** Mean time per call (ms) of `k` back-to-back calls. */
function batch(fn, k) {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) sink = fn();
  return (performance.now() - t0) / k;
}

/** How many calls make a batch of at least `ms` milliseconds (the timer is coarse: 5–100 µs). */
function calibrate(fn, ms) {
  for (let k = 1; ; k *= 2) {
    if (batch(fn, k) * k >= ms || k >= 1 << 20) return k;
  }
}

/**
 * Times each function in `fns` over `samples` batches, alternating which goes first, and answers per
 * function its median and fastest per-call time in microseconds and the calls per batch.
 */
function compare(fns, samples, batchMs) {
  const names = Object.keys(fns);
  const ks = Object.fromEntries(names.map((n) => [n, batchMs ? calibrate(fns[n], batchMs) : 1]));
  for (const n of names) for (let w = 0; w < 2; w++) batch(fns[n], ks[n]); // warm-up: JIT, wasm tier-up
  const per = Object.fromEntries(names.map((n) => [n, []]));
  for (let s = 0; s < samples; s++) {
    for (const n of s % 2 ? [...names].reverse() : names) per[n].push(batch(fns[n], ks[n]) * 1000);
  }
  return Object.fromEntries(names.map((n) => [n, { median_us: median(per[n]), min_us: Math.min(...per[n]), calls_per_sample: ks[n], samples }]));
}

async function main() {
  const certcalc = await import(pkg);
  await certcalc.default();
  const prices = certcalc.catalog();
  const baseline = makeBaseline(Decimal);
  const results = { pkg, userAgent: navigator.userAgent, crossOriginIsolated, estimate: {}, rollup: null };

  if (only !== "rollup") {
    for (const n of [1, 10, 250]) {
      const req = estimateRequest(n);
      checkEqual(`estimate, ${n} names`, certcalc.estimate(req), baseline.estimate(req, prices));
      const samples = quick ? 21 : n === 10 ? 101 : 41;
      results.estimate[n] = compare({
        certcalc: () => certcalc.estimate(req),
        decimaljs: () => baseline.estimate(req, prices),
      }, samples, 2);
      log(`estimate ${n}: ${JSON.stringify(results.estimate[n])}`);
    }
  }
  if (only !== "estimate") {
    const p = portfolio(10_000, 10);
    checkEqual("partner roll-up, 10,000 × 10", certcalc.partnerRollup(p), baseline.partnerRollup(p, prices));
    results.rollup = compare({
      certcalc: () => certcalc.partnerRollup(p),
      decimaljs: () => baseline.partnerRollup(p, prices),
    }, quick ? 5 : 11, 0);
    log(`roll-up: ${JSON.stringify(results.rollup)}`);
  }
  return results;
}

main().then(
  (r) => { window.benchResult = r; log("done"); },
  (e) => { window.benchResult = { error: String(e?.stack ?? e) }; log(`FAILED: ${e?.stack ?? e}`); },
);
