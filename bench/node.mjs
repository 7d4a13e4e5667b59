// certcalc's web package and the decimal.js baseline on the benchmark's workloads in Node, in one process:
// each workload in five alternating rounds, medians, and the ratio (decimal.js ÷ certcalc > 1: certcalc is
// faster). A quick second opinion beside the Chromium benchmark (bench/run.mjs), with the same V8 engine.
//
//   node bench/node.mjs [www/pkg]
import { readFileSync } from "node:fs";
import Decimal from "decimal.js";
import { makeBaseline } from "./baseline.mjs";
import { estimateRequest, portfolio } from "./workloads.mjs";
const dir = process.argv[2] ?? "www/pkg";
const m = await import(`../${dir}/certcalc.js`); m.initSync({ module: readFileSync(`${dir}/certcalc_bg.wasm`) });
const f = await import(`../${dir}/full/certcalc_full.js`); f.initSync({ module: readFileSync(`${dir}/full/certcalc_full_bg.wasm`) });
const b = makeBaseline(Decimal); const prices = m.catalog();
const time = (fn, k) => { for (let i = 0; i < Math.min(k, 2000); i++) fn(); const t0 = performance.now(); for (let i = 0; i < k; i++) fn(); return (performance.now() - t0) / k; };
for (const n of [1, 10, 250]) {
  const req = estimateRequest(n); const k = n === 250 ? 2000 : 20000;
  const rs = []; for (let r = 0; r < 5; r++) rs.push([time(() => m.estimate(req), k), time(() => b.estimate(req, prices), k)]);
  const med = (i) => rs.map((x) => x[i]).sort((a, c) => a - c)[2];
  console.log(`estimate ${n}: certcalc ${(med(0) * 1000).toFixed(2)} µs, decimal.js ${(med(1) * 1000).toFixed(2)} µs, ratio ${(med(1) / med(0)).toFixed(2)}×`);
}
const p = portfolio(10000, 10); const rs = [];
for (let r = 0; r < 5; r++) rs.push([time(() => f.partnerRollup(p), 2), time(() => b.partnerRollup(p, prices), 2)]);
const med = (i) => rs.map((x) => x[i]).sort((a, c) => a - c)[2];
console.log(`roll-up: certcalc ${med(0).toFixed(1)} ms, decimal.js ${med(1).toFixed(1)} ms, ratio ${(med(1) / med(0)).toFixed(2)}×`);
