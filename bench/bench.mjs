// The browser benchmark page's module (run by bench/run.mjs): certcalc's wasm API and the decimal.js
// baseline on the same workloads, in the same page, in alternating batches so that a machine shared with
// other work slows both alike. The answers are checked equal first; a difference stops the run.
//
// Query parameters: `pkg` (the certcalc.js glue to load; default the release web build in www/pkg), `quick`
// (fewer samples, for comparing builds), `only=estimate|rollup` (one workload, for profiling), `check` (each
// workload once through both, every answer checked equal, no timing: `node bench/run.mjs --check`, part of
// `make test` as `make test-bench`, so that the benchmark cannot silently stop running).

import Decimal from "/node_modules/decimal.js/decimal.mjs";
import { makeBaseline } from "./baseline.mjs";
import { estimateRequest, portfolio } from "./workloads.mjs";

const params = new URLSearchParams(location.search);
const pkg = params.get("pkg") ?? "/www/pkg/certcalc.js";
const quick = params.has("quick");
const only = params.get("only");
const checkOnly = params.has("check");
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

/**
 * Top-level fields of certcalc's estimate answer that the baseline does not compute, left out of the
 * comparison by name (and only these: any other field either side has, at any depth, is compared).
 * - `as_of`: certcalc echoes the day it priced for; the baseline reads `req.as_of` for the proration but
 *   does not echo it back (nothing to time: it is the request's own string).
 * - `validity`: the order's length and where it was read (R6's precedence over `order_validity`,
 *   `validity_days`, …); the baseline prices a subscription add-on, whose length is the term's, and does not
 *   implement R6. Writing it into the baseline would only add work certcalc is not timed against.
 * Should the baseline come to compute one of them, it is compared again (see `withoutNotInBaseline`).
 */
const NOT_IN_BASELINE = ["as_of", "validity"];

/** certcalc's estimate answer without the NOT_IN_BASELINE fields the baseline's answer lacks. */
function withoutNotInBaseline(ours, theirs) {
  if (!ours || typeof ours !== "object" || Array.isArray(ours)) return ours;
  const kept = { ...ours };
  for (const k of NOT_IN_BASELINE) if (!(theirs && Object.hasOwn(theirs, k))) delete kept[k];
  return kept;
}

/** The first difference between certcalc's answer to workload `w` and the baseline's, or null. */
function difference(w, ours, theirs) {
  return firstDiff(canon(w.estimate ? withoutNotInBaseline(ours, theirs) : ours), canon(theirs));
}

function checkEqual(w, ours, theirs) {
  const d = difference(w, ours, theirs);
  if (d) throw new Error(`${w.what}: certcalc and the decimal.js baseline differ at ${d}`);
  log(`checked: ${w.what} — certcalc and decimal.js answer the same`);
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
  // Warm-up, 200 ms each: the JavaScript JIT and the wasm tier-up (Liftoff code to TurboFan's, compiled on a
  // background thread that a busy 2-core machine may start late) both finish before anything is timed.
  for (const n of names) for (const t0 = performance.now(); performance.now() - t0 < 200;) batch(fns[n], ks[n]);
  const per = Object.fromEntries(names.map((n) => [n, []]));
  for (let s = 0; s < samples; s++) {
    for (const n of s % 2 ? [...names].reverse() : names) per[n].push(batch(fns[n], ks[n]) * 1000);
  }
  return Object.fromEntries(names.map((n) => [n, { median_us: median(per[n]), min_us: Math.min(...per[n]), calls_per_sample: ks[n], samples }]));
}

/**
 * The workloads, for the timed run and the check alike: each with one call through certcalc (`ours`) and
 * the baseline (`theirs`), its input built by `prepare()` (the portfolio only when its turn comes, so that it
 * does not weigh on the heap while the estimates are timed) and given by `input()`, and its samples and batch
 * length (ms; 0: one call a batch) when timed.
 */
function workloads(certcalc, baseline, prices) {
  const list = [];
  if (only !== "rollup") {
    for (const n of [1, 10, 250]) {
      const req = estimateRequest(n);
      list.push({
        what: `estimate ${n} name${n === 1 ? "" : "s"}`, estimate: n, prepare() {}, input: () => req,
        ours: () => certcalc.estimate(req), theirs: () => baseline.estimate(req, prices),
        samples: quick ? 21 : n === 10 ? 101 : 41, batchMs: 2,
      });
    }
  }
  if (only !== "estimate") {
    let p;
    list.push({
      what: "partner roll-up 10,000 × 10", prepare() { p = portfolio(10_000, 10); }, input: () => p,
      ours: () => certcalc.partnerRollup(p), theirs: () => baseline.partnerRollup(p, prices),
      samples: quick ? 5 : 11, batchMs: 0,
    });
  }
  return list;
}

/** `check`: each workload once through both, each answer compared (`diff`: null when equal); no timing. */
function check(certcalc, baseline, prices) {
  const checks = [];
  const call = (who, f) => {
    try { return { answer: f() }; } catch (e) { return { threw: `${who} threw ${e?.message ?? e}` }; }
  };
  for (const w of workloads(certcalc, baseline, prices)) {
    w.prepare();
    const ours = call("certcalc", w.ours), theirs = call("the baseline", w.theirs);
    let diff = ours.threw ?? theirs.threw ?? null;
    if (!diff) {
      const d = difference(w, ours.answer, theirs.answer);
      diff = d && `differ at ${d}`;
    }
    checks.push({ what: w.what, diff });
    log(`${w.what}: ${diff ?? "certcalc = baseline"}`);
  }
  return checks;
}

/** The package's estimates module, with partnerRollup from its whole-API module (`full/`) when the estimates
 * module has none (a build made before the web package was two modules has it in one). */
async function load(pkg) {
  const main = await import(pkg);
  await main.default();
  if (typeof main.partnerRollup === "function") return main;
  const full = await import(new URL("full/certcalc_full.js", new URL(pkg, location.href)).href);
  await full.default();
  return { ...main, partnerRollup: full.partnerRollup };
}

async function main() {
  const certcalc = await load(pkg);
  const prices = certcalc.catalog();
  const baseline = makeBaseline(Decimal);
  if (checkOnly) return { pkg, userAgent: navigator.userAgent, checks: check(certcalc, baseline, prices) };
  const results = { pkg, userAgent: navigator.userAgent, crossOriginIsolated, estimate: {}, rollup: null };

  for (const w of workloads(certcalc, baseline, prices)) {
    w.prepare();
    const answer = w.ours();
    checkEqual(w, answer, w.theirs());
    // The JSON-text boundary's least cost, timed beside both: the argument's `JSON.stringify` and the
    // answer's `JSON.parse`, without the guard's walk, the copies into and out of wasm, or the module's work.
    const input = w.input(), text = JSON.stringify(answer);
    const crossing = () => (JSON.stringify(input), JSON.parse(text));
    const r = compare({ certcalc: w.ours, decimaljs: w.theirs, crossing }, w.samples, w.batchMs);
    if (w.estimate) results.estimate[w.estimate] = r;
    else results.rollup = r;
    log(`${w.what}: ${JSON.stringify(r)}`);
  }
  return results;
}

main().then(
  (r) => { window.benchResult = r; log("done"); },
  (e) => { window.benchResult = { error: String(e?.stack ?? e) }; log(`FAILED: ${e?.stack ?? e}`); },
);
