// The browser benchmark: serves bench/ and the release web build, runs bench/index.html in Debian's
// headless Chromium through playwright-core, and prints certcalc's per-call figures beside the decimal.js
// baseline's, the ratios, the wasm ÷ native ratio (from the native run's output) and the build's size.
//
//   node bench/run.mjs [--native target/bench-native.txt] [--pkg www/pkg] [--quick] [--only estimate|rollup]
//                      [--profile out.cpuprofile] [--json out.json]
//   node bench/run.mjs --check [--pkg www/pkg] [--only estimate|rollup]
//
// `--check` (`make test-bench`, part of `make test`) loads the same page the same way, runs each workload once
// through certcalc and the baseline, prints one line per workload and exits non-zero on any difference or
// page error; no timing, a few seconds. It keeps the benchmark from rotting between `make bench` runs.
//
// `--profile` records a V8 CPU profile of the run (build the package with `wasm-pack build --profiling` to
// see Rust function names) and prints the functions with the most self time.

import { createServer } from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const SERVED = ["/bench/", "/www/pkg/", "/node_modules/decimal.js/", "/target/"];
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

function args(argv) {
  const o = { pkg: "www/pkg", native: null, quick: false, only: null, profile: null, json: null, check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") o.quick = true;
    else if (a === "--check") o.check = true;
    else if (["--pkg", "--native", "--only", "--profile", "--json"].includes(a)) o[a.slice(2)] = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.check && (o.quick || o.native || o.profile || o.json)) throw new Error("--check times nothing: it takes only --pkg and --only");
  return o;
}

/** Loopback static server for the allowed folders, cross-origin isolated so the page's timer is 5 µs, not 100. */
function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://localhost").pathname));
    const file = join(ROOT, path);
    if (!SERVED.some((p) => path.startsWith(p)) || !file.startsWith(ROOT)) { res.writeHead(404).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store",
        "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

const UNITS = { ns: 1e-3, "µs": 1, us: 1, ms: 1e3, s: 1e6 };

/** Medians (µs) from divan's table: `name  fastest │ slowest │ median │ mean │ samples │ iters`. */
export function parseDivan(text) {
  // Two groups: `certcalc_core` (the pricing on read input) and `json_text` (JSON text in, JSON text out:
  // the same work as a wasm call between JSON.stringify and JSON.parse), the latter keyed `text:<name>`.
  const medians = {};
  let parent = "";
  let group = "";
  for (const line of text.split("\n")) {
    const m = /^[\s│├╰─]*([\w]+)\s+(.*)$/u.exec(line);
    if (!m) continue;
    if (m[1] === "certcalc_core" || m[1] === "json_text") {
      group = m[1] === "json_text" ? "text:" : "";
      continue;
    }
    const cells = m[2].split("│").map((c) => c.trim());
    const times = cells.slice(0, 3).map((c) => /^([\d.]+) (ns|µs|us|ms|s)$/.exec(c));
    if (times[2]) medians[group + (/^\d+$/.test(m[1]) ? `${parent}/${m[1]}` : m[1])] = Number(times[2][1]) * UNITS[times[2][2]];
    else parent = m[1];
  }
  return medians;
}

function sizes(pkgDir) {
  const gz = (f) => execFileSync("gzip", ["-9", "-n", "-c", f], { maxBuffer: 1 << 26 }).length;
  // The glue is the generated module plus its snippets (the guarded `JSON.stringify` of src/wasm.rs).
  const snippets = existsSync(join(pkgDir, "snippets"))
    ? readdirSync(join(pkgDir, "snippets"), { recursive: true }).filter((f) => f.endsWith(".js")).map((f) => join(pkgDir, "snippets", f))
    : [];
  const size = (fs) => ({ raw: fs.reduce((n, f) => n + readFileSync(f).length, 0), gzip: fs.reduce((n, f) => n + gz(f), 0) });
  return { wasm: size([join(pkgDir, "certcalc_bg.wasm")]), glue: size([join(pkgDir, "certcalc.js"), ...snippets]) };
}

const fmt = (us) => (Math.abs(us) >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(Math.abs(us) < 10 ? 2 : 1)} µs`);
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const pad = (s, n) => String(s).padEnd(n);

/** Where a profiled function's time belongs: the JS ↔ wasm boundary, the allocator, or the pricing itself. */
function category(name) {
  if (/^stringify$|^parse$|wasm_bindgen|js_sys|externref|decodeText|encodeString|StringToWasm|StringFromWasm|getDataView|getUint8|^__wbg|wasm-to-js|js-to-wasm|^addToExternref|^takeFromExternref/.test(name)) return "boundary (JSON.stringify, JSON.parse, glue, strings)";
  if (/json::|FromJson|ToJson|from_json|to_json/.test(name)) return "JSON text read and written in wasm (certcalc::json)";
  if (/dlmalloc|alloc::|__rust_alloc|__rust_dealloc|__rust_realloc|RawVec|drop_in_place|memcpy|memmove|memset|clone/i.test(name)) return "allocation, copies, drops";
  if (/garbage collector/.test(name)) return "JS garbage collector";
  if (/rust_decimal|money::/.test(name)) return "decimal arithmetic and formatting";
  if (/fmt|to_string|Display|Write/.test(name)) return "formatting (core::fmt)";
  if (/certcalc|chrono|core::|std::|hashbrown|sort/.test(name)) return "pricing core (parse, cover, price, pay)";
  return "other";
}

/**
 * The functions with the most self time in a V8 CPU profile, counting only samples under a call of `root`
 * (certcalc's exported function), and the same time by category.
 */
function topSelf(profile, root, n) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const under = new Map();
  const isUnder = (id) => {
    if (under.has(id)) return under.get(id);
    const f = byId.get(id).callFrame;
    const p = parent.get(id);
    const v = (f.functionName === root && /certcalc/.test(f.url)) || (p !== undefined && isUnder(p));
    under.set(id, v);
    return v;
  };
  const self = new Map();
  profile.samples.forEach((id, i) => {
    if (!isUnder(id)) return;
    const f = byId.get(id).callFrame;
    const key = f.functionName || `(${f.url.split("/").pop() || "program"})`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const cats = new Map();
  for (const [k, v] of self) cats.set(category(k), (cats.get(category(k)) ?? 0) + v);
  const line = ([k, v]) => `${(100 * v / total).toFixed(1).padStart(5)}%  ${k.slice(0, 130)}`;
  return [
    `by category (samples under ${root}):`, ...[...cats.entries()].sort((a, b) => b[1] - a[1]).map(line),
    "by function:", ...[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(line),
  ];
}

async function main() {
  const o = args(process.argv.slice(2));
  const pkgDir = resolve(ROOT, o.pkg);
  if (!existsSync(join(pkgDir, "certcalc.js"))) throw new Error(`${o.pkg}/certcalc.js is missing: run \`make build-web\` first`);
  const server = await serve();
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  let result;
  const pageErrors = [];
  try {
    const page = await browser.newPage();
    page.on("console", (m) => { if (m.type() === "error") { pageErrors.push(m.text()); console.error(`[page] ${m.text()}`); } });
    page.on("pageerror", (e) => { pageErrors.push(String(e)); console.error(`[page] ${e}`); });
    const cdp = o.profile ? await page.context().newCDPSession(page) : null;
    if (cdp) { await cdp.send("Profiler.enable"); await cdp.send("Profiler.setSamplingInterval", { interval: 100 }); await cdp.send("Profiler.start"); }
    const q = new URLSearchParams({ pkg: `/${o.pkg.replace(/^\/+|\/+$/g, "")}/certcalc.js` });
    if (o.quick) q.set("quick", "");
    if (o.only) q.set("only", o.only);
    if (o.check) q.set("check", "");
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/index.html?${q}`);
    if (o.check) {
      // One call of each workload: seconds. A page that cannot answer (a module that fails to load) must fail
      // the check, not hang it: two seconds after a page error without an answer, or after two minutes.
      for (let t0 = Date.now(), errAt = null; !(await page.evaluate(() => !!window.benchResult)); await new Promise((ok) => setTimeout(ok, 100))) {
        if (pageErrors.length && errAt === null) errAt = Date.now();
        if ((errAt !== null && Date.now() - errAt > 2_000) || Date.now() - t0 > 120_000) {
          throw new Error(`[bench-check] FAILED: the benchmark page gave no answer${pageErrors.length ? ` (page errors: ${pageErrors.join("; ")})` : " in 2 minutes"}`);
        }
      }
    } else {
      await page.waitForFunction(() => window.benchResult, null, { timeout: 600_000, polling: 500 });
    }
    result = await page.evaluate(() => window.benchResult);
    if (cdp) {
      const { profile } = await cdp.send("Profiler.stop");
      await writeFile(o.profile, JSON.stringify(profile));
      console.log(`CPU profile written to ${o.profile}; self time of certcalc's calls:`);
      for (const root of o.only === "estimate" ? ["estimate"] : o.only === "rollup" ? ["partnerRollup"] : ["estimate", "partnerRollup"]) {
        for (const l of topSelf(profile, root, 25)) console.log(`  ${l}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (result.error) throw new Error(`the benchmark page failed: ${result.error}`);
  if (o.check) {
    for (const c of result.checks) console.log(`[bench-check] ${c.what}: ${c.diff ? `certcalc ≠ baseline: ${c.diff}` : "certcalc = baseline"}`);
    const differ = result.checks.filter((c) => c.diff).length;
    if (pageErrors.length) throw new Error(`[bench-check] FAILED: ${pageErrors.length} page error(s), above`);
    if (differ || !result.checks.length) throw new Error(`[bench-check] FAILED: ${differ} of ${result.checks.length} workloads differ from the decimal.js baseline`);
    console.log(`[bench-check] all ${result.checks.length} workloads: certcalc answers as the decimal.js baseline (${result.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? "Chromium"}, package ${o.pkg})`);
    return;
  }

  const native = o.native && existsSync(o.native) ? parseDivan(readFileSync(o.native, "utf8")) : {};
  const size = sizes(pkgDir);
  console.log(`\ncertcalc browser benchmark — ${result.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? "Chromium"}, ` +
    `cross-origin isolated: ${result.crossOriginIsolated}, package ${o.pkg}`);
  console.log(`(median per call over alternating batches; decimal.js ÷ certcalc > 1 means certcalc is faster)\n`);
  console.log(`${pad("workload", 32)}${pad("certcalc wasm", 15)}${pad("decimal.js", 15)}${pad("js ÷ wasm", 11)}${pad("native", 12)}${pad("wasm ÷ native", 15)}${pad("native, JSON text", 19)}wasm ÷ that`);
  const rows = [];
  // The budgets: decimal.js time ÷ certcalc time at least this, in one run, side by side.
  const ESTIMATE_BUDGET = { 1: 1, 10: 2, 250: 2 }, ROLLUP_BUDGET = 1;
  for (const [n, r] of Object.entries(result.estimate)) rows.push([`estimate, ${n} name${n === "1" ? "" : "s"}`, r, `estimate/${n}`, ESTIMATE_BUDGET[n]]);
  if (result.rollup) rows.push(["partner roll-up, 10,000 × 10", result.rollup, "partner_rollup_10000x10", ROLLUP_BUDGET]);
  for (const [name, r, key] of rows) {
    const w = r.certcalc.median_us, j = r.decimaljs.median_us, nat = native[key], text = native[`text:${key}`];
    console.log(`${pad(name, 32)}${pad(fmt(w), 15)}${pad(fmt(j), 15)}${pad(ratio(j, w), 11)}${pad(nat ? fmt(nat) : "—", 12)}` +
      `${pad(nat ? ratio(w, nat) : "—", 15)}${pad(text ? fmt(text) : "—", 19)}${text ? ratio(w, text) : "—"}`);
  }
  if (native.renewal_quote_1000_licenses) console.log(`${pad("renewal quote, 1,000 licenses", 32)}${pad("", 41)}${fmt(native.renewal_quote_1000_licenses)} (native only)`);
  if (native.pay_renewal) console.log(`${pad("pay_renewal", 32)}${pad("", 41)}${fmt(native.pay_renewal)} (native only)`);
  const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
  const total = size.wasm.gzip + size.glue.gzip;
  console.log(`\nrelease web build (${o.pkg}): certcalc_bg.wasm ${kb(size.wasm.raw)} raw, ${kb(size.wasm.gzip)} gzip -9; ` +
    `certcalc.js + snippets ${kb(size.glue.raw)} raw, ${kb(size.glue.gzip)} gzip -9; wasm + glue ${kb(total)} gzip -9`);

  // The budgets, each a line starting MET or MISSED; every ratio (decimal.js time ÷ certcalc time) is from
  // this one run, side by side: an estimate of 1 name ≥ 1×, of 10 and 250 names ≥ 2×, the roll-up ≥ 1×
  // (stretch 2×), wasm + glue ≤ 120 kB gzip -9.
  const ru = result.rollup;
  const budget = (ok, what) => console.log(`${ok ? "MET   " : "MISSED"}  ${what}`);
  console.log("\nbudgets:");
  for (const n of ["1", "10", "250"]) {
    const e = result.estimate[n];
    const want = ESTIMATE_BUDGET[n];
    if (e) budget(e.decimaljs.median_us / e.certcalc.median_us >= want, `estimate, ${n} name${n === "1" ? "" : "s"}, ≥ ${want}× decimal.js: ${ratio(e.decimaljs.median_us, e.certcalc.median_us)}`);
  }
  if (ru) {
    budget(ru.decimaljs.median_us / ru.certcalc.median_us >= ROLLUP_BUDGET, `roll-up 10,000 × 10 ≥ ${ROLLUP_BUDGET}× decimal.js: ${ratio(ru.decimaljs.median_us, ru.certcalc.median_us)}`);
    budget(ru.decimaljs.median_us / ru.certcalc.median_us >= 2, `roll-up 10,000 × 10 ≥ 2× decimal.js (stretch): ${ratio(ru.decimaljs.median_us, ru.certcalc.median_us)}`);
  }
  budget(total <= 120_000, `wasm + glue ≤ 120 kB gzip -9: ${kb(total)}`);

  // What a budget leaves the module: certcalc's time at the budget's ratio, less the JSON crossing alone (the
  // argument's JSON.stringify and the answer's JSON.parse, timed in the same batches), beside what the same
  // work takes natively from JSON text to JSON text.
  console.log("\nroom the JSON crossing leaves (certcalc's time at the budget, less JSON.stringify + JSON.parse alone):");
  for (const [name, r, key, want] of rows) {
    const allowed = r.decimaljs.median_us / want, cross = r.crossing.median_us, text = native[`text:${key}`];
    console.log(`${pad(name, 32)}at ${want}×: ${pad(fmt(allowed), 11)} crossing ${pad(fmt(cross), 11)} room ${pad(fmt(allowed - cross), 11)}` +
      `native, JSON text: ${text ? fmt(text) : "—"}`);
  }
  if (o.json) await writeFile(o.json, JSON.stringify({ browser: result, native, size }, null, 2));
}

main().catch((e) => { console.error(e.message ?? e); process.exit(1); });
