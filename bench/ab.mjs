// Two or more web builds side by side in one Node process (BENCHMARKS.md, third round): each build's
// `estimate` (10 names, 5,000 calls after 2,000 warm-up) and one 10,000 × 10 `partnerRollup`, in alternation,
// nine rounds; prints the medians. A noisy machine slows every build alike, so compare the ratios.
//
//   node bench/ab.mjs target/pkg-before www/pkg
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { estimateRequest, portfolio } from "./workloads.mjs";

const dirs = process.argv.slice(2).map((d) => resolve(d));
const builds = [];
for (const dir of dirs) {
  const m = await import(`${dir}/certcalc.js`);
  m.initSync({ module: readFileSync(`${dir}/certcalc_bg.wasm`) });
  // A package of two modules has partnerRollup in its whole-API module, `full/`.
  let { partnerRollup } = m;
  if (typeof partnerRollup !== "function") {
    const full = await import(`${dir}/full/certcalc_full.js`);
    full.initSync({ module: readFileSync(`${dir}/full/certcalc_full_bg.wasm`) });
    partnerRollup = full.partnerRollup;
  }
  builds.push({ dir, m: { estimate: m.estimate, partnerRollup }, estimate: [], rollup: [] });
}
const request = estimateRequest(10);
const p = portfolio(10_000, 10);
const time = (f) => { const t = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - t) / 1e3; };
for (let round = 0; round < 9; round++) {
  for (const b of builds) {
    for (let i = 0; i < 2000; i++) b.m.estimate(request);
    b.estimate.push(time(() => { for (let i = 0; i < 5000; i++) b.m.estimate(request); }) / 5000);
    b.rollup.push(time(() => b.m.partnerRollup(p)) / 1000);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const b of builds) {
  console.log(`${b.dir}: estimate (10 names) ${median(b.estimate).toFixed(2)} µs, roll-up ${median(b.rollup).toFixed(1)} ms`);
}
