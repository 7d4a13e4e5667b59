// The npm package as its users get it: `npm pack` of www/pkg, the tarball installed (and nothing else) into
// small scratch projects under target/package-test/, and each project built and run the way its README
// section says, with exactly the settings it gives: Vite 8 and 7 (build, preview, and the dev server), esbuild and
// webpack, each loaded in headless Chromium under a strict CSP; the element's files copied into a site with
// no bundler; Node, ESM and CommonJS; TypeScript --strict.
// The bundlers and TypeScript are the repository's own (package.json's devDependencies), so no project
// needs the network.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const work = join(repo, "target/package-test");
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
// ssl_basic on the embedded sample list: 200.00 a year.
const REQUEST = `{ product_name_id: "ssl_basic", certificate: { common_name: "a.example" }, as_of: "2026-04-01" }`;

let tarball, browser;

/** A scratch project `name` holding package.json and the tarball installed (offline: it has no dependencies). */
function project(name, files, type = "module") {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `certcalc-user-${name}`, private: true, type }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: dir });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The same app for every bundler: calls before init() (the guard), init, an estimate, a refusal. */
const app = (init, element = true) => `
import init, { estimate, isCertcalcError } from "certcalc";
${element ? 'import "certcalc/element";\n' : ""}${init.imports ?? ""}
let early;
try { estimate(${REQUEST}); } catch (e) { early = e.message; }
await init(${init.args ?? ""});
let refusal;
try { estimate({}); } catch (e) { refusal = isCertcalcError(e) ? e.code : "not a certcalc error"; }
document.querySelector("#out").textContent = JSON.stringify({ early, total: estimate(${REQUEST}).total_price, refusal });
`;
const page = (script, element = true) => `<!doctype html><html><head><meta charset="utf-8"><title>certcalc user</title>
<script type="module" src="${script}"></script></head><body><output id="out"></output>
${element ? '<certcalc-estimate id="el" product="ssl_basic" names="a.example" years="2"></certcalc-estimate>' : ""}</body></html>`;

/** A static server for `dir`, with the CSP a careful site sends. */
async function host(dir) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/\/$/, "/index.html");
    try {
      const body = await readFile(join(dir, path));
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "content-security-policy": CSP }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/** Loads `url` in Chromium and reads what the app wrote; fails on any script error or CSP violation. */
async function run(url, { element = true } = {}) {
  const context = await browser.newContext();
  const p = await context.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  // A missing file is reported by its URL (the browser's own favicon request aside), not by the console's
  // "Failed to load resource", which does not name it.
  p.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text()); });
  p.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) errors.push(`${r.status()} ${r.url()}`); });
  try {
    await p.goto(url);
    await p.locator("#out").filter({ hasText: "total" }).waitFor({ timeout: 15_000 });
    const out = JSON.parse(await p.locator("#out").textContent());
    assert.deepEqual(out, {
      early: "certcalc: call init() first (await init() once, before any other function)",
      total: "200.00",
      refusal: "invalid_value:product_name_id",
    });
    if (element) {
      // The element found its wasm through the bundler, and is styled: 2 years × 200.00.
      await p.locator("#el .total strong").filter({ hasText: "$400.00" }).waitFor({ timeout: 15_000 });
      assert.equal(await p.locator("#el").evaluate((el) => getComputedStyle(el).borderTopStyle), "solid", "the element's own styles apply");
    }
    assert.deepEqual(errors, [], "no script error, console error or CSP violation");
  } finally {
    await context.close();
  }
}

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const name = execFileSync("npm", ["pack", join(repo, "www/pkg"), "--pack-destination", work, "--loglevel=error"], { encoding: "utf8" }).trim().split("\n").pop();
  tarball = join(work, name);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
});

after(async () => {
  await browser?.close();
});

function tsc(dir, what) {
  try {
    execFileSync(join(repo, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8" });
  } catch (e) {
    assert.fail(`tsc (${what}): ${e.stdout}${e.stderr}`);
  }
}

describe("the npm package, installed from its tarball", () => {
  test("the tarball holds every entry, the README and the LICENSE, and no .gitignore", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean).map((f) => f.replace(/^package\//, ""));
    for (const f of ["index.js", "index.d.ts", "node.js", "certcalc.js", "certcalc_bg.wasm", "full/index.js", "full/node.js",
      "full/certcalc_full_bg.wasm", "certcalc-estimate.js", "certcalc-estimate.d.ts", "README.md", "LICENSE"]) {
      assert.ok(files.includes(f), `${f} is in the package`);
    }
    assert.ok(!files.some((f) => f.endsWith(".gitignore")), "no .gitignore");
    const copied = readdirSync(join(repo, "www"), { recursive: true }).filter((f) => f.endsWith(".gitignore"));
    assert.deepEqual(copied, [], "no .gitignore in www/, which a site copies");
    const readme = execFileSync("tar", ["xzOf", tarball, "package/README.md"], { encoding: "utf8" });
    assert.ok(readme.length < 12_000, `the package's README is the short consumer one (${readme.length} B)`);
  });

  /** Vite's build (preview under the CSP), then its dev server, on one project, with `settings` added. */
  async function vite(name, vite, settings) {
    const dir = project(name, { "index.html": page("/src/main.js"), "src/main.js": app({}) });
    const config = { root: dir, configFile: false, logLevel: "silent", ...settings };
    await vite.build({ ...config, build: { ...settings.build, outDir: join(dir, "dist") } });
    const preview = await vite.preview({ ...config, preview: { host: "127.0.0.1", port: 0, headers: { "content-security-policy": CSP } } });
    try {
      await run(preview.resolvedUrls.local[0]);
    } finally {
      await preview.close();
    }
    // The dev server serves modules with inline scripts of its own, so no CSP here.
    const dev = await vite.createServer({ ...config, server: { host: "127.0.0.1", port: 0 } });
    await dev.listen();
    try {
      await run(dev.resolvedUrls.local[0]);
    } finally {
      await dev.close();
    }
  }

  test("Vite 8: build and preview, then the dev server, with no settings", async () => {
    await vite("vite8", await import("vite"), {});
  });

  test("Vite 5: build and preview, then the dev server, with the README's two settings", async () => {
    await vite("vite5", await import("vite5"), { optimizeDeps: { exclude: ["certcalc"] }, build: { target: "es2022" } });
  });

  test("Vite 7: the same, with optimizeDeps.exclude for the dev server; without it, both say what to set", async () => {
    const vite7 = await import("vite7");
    await vite("vite7", vite7, { optimizeDeps: { exclude: ["certcalc"] } });
    // Pre-bundled, the module looks for its wasm beside the bundle and gets the dev server's page instead.
    const dev = await vite7.createServer({ root: join(work, "vite7"), configFile: false, logLevel: "silent", server: { host: "127.0.0.1", port: 0 } });
    await dev.listen();
    const context = await browser.newContext();
    try {
      const p = await context.newPage();
      const setting = 'optimizeDeps: { exclude: ["certcalc"] }';
      // The app's rejected init() reaches Playwright as a page error on its own schedule, maybe after the
      // element has drawn its problems: wait for each, not one after the other.
      const thrown = p.waitForEvent("pageerror", { predicate: (e) => e.message.includes(setting), timeout: 15_000 });
      await p.goto(dev.resolvedUrls.local[0]);
      await p.locator("#el ul.problems").filter({ hasText: setting }).waitFor({ timeout: 15_000 });
      assert.ok((await thrown).message.includes(setting), "init() says what to set");
    } finally {
      await context.close();
      await dev.close();
    }
  });

  test("esbuild: --bundle --format=esm --loader:.wasm=file, the wasm's URL passed to init()", async () => {
    const dir = project("esbuild", {
      "src/main.js": app({ imports: 'import wasmUrl from "certcalc/certcalc_bg.wasm";\n', args: "{ module_or_path: wasmUrl }" }, false),
      "dist/index.html": page("main.js", false),
    });
    const esbuild = await import("esbuild");
    await esbuild.build({ entryPoints: [join(dir, "src/main.js")], bundle: true, format: "esm", loader: { ".wasm": "file" }, outdir: join(dir, "dist"), logLevel: "silent" });
    const site = await host(join(dir, "dist"));
    try {
      await run(site.url, { element: false });
    } finally {
      site.close();
    }
  });

  test("webpack 5: production mode, performance.maxAssetSize raised for the wasm", async () => {
    const dir = project("webpack", { "src/main.js": app({}), "dist/index.html": page("main.js") });
    const { default: webpack } = await import("webpack");
    const stats = await new Promise((ok, fail) => webpack({
      mode: "production", context: dir, entry: "./src/main.js", output: { path: join(dir, "dist"), filename: "main.js" },
      // The wasm is over webpack's 244 KiB hint; it is one file loaded once.
      performance: { maxAssetSize: 1_000_000 },
    }, (err, s) => (err ? fail(err) : ok(s))));
    assert.deepEqual(stats.toJson({ all: false, errors: true, warnings: true }), { errors: [], warnings: [] }, "no webpack error or warning");
    const site = await host(join(dir, "dist"));
    try {
      await run(site.url);
    } finally {
      site.close();
    }
  });

  test("the element with no bundler: its four files copied into a site, one module script", async () => {
    const dir = project("copied", {
      "index.html": `<!doctype html><html><head><meta charset="utf-8"><title>partner</title>
<script type="module" src="certcalc/certcalc-estimate.js"></script></head><body>
<certcalc-estimate id="el" product="ssl_basic" names="a.example" years="2"></certcalc-estimate></body></html>`,
    });
    for (const f of ["certcalc-estimate.js", "certcalc.js", "certcalc_bg.wasm", "snippets"]) {
      cpSync(join(dir, "node_modules/certcalc", f), join(dir, "site/certcalc", f), { recursive: true });
    }
    cpSync(join(dir, "index.html"), join(dir, "site/index.html"));
    const site = await host(join(dir, "site"));
    const context = await browser.newContext();
    try {
      const p = await context.newPage();
      await p.goto(site.url);
      await p.locator("#el .total strong").filter({ hasText: "$400.00" }).waitFor({ timeout: 15_000 });
      // A site that left the wasm out: the element says which file, and where it belongs.
      rmSync(join(dir, "site/certcalc/certcalc_bg.wasm"));
      await p.reload();
      await p.locator("#el ul.problems").filter({ hasText: "/certcalc/certcalc_bg.wasm could not be fetched (HTTP 404): it belongs beside certcalc.js" }).waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
      site.close();
    }
  });

  test("Node: import and require, no init() needed", () => {
    const dir = project("node", {
      "esm.mjs": `import init, { estimate, isCertcalcError } from "certcalc";
import { simulate } from "certcalc/full";
const total = estimate(${REQUEST}).total_price;
await init(); // a no-op in Node, so code shared with the browser runs unchanged
let refusal;
try { estimate({}); } catch (e) { refusal = isCertcalcError(e) && e.code; }
const sub = { start_date: "2026-01-01", licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", quantity: 2 }] };
console.log(JSON.stringify({ total, refusal, renewals: simulate({ ...sub, events: [], years: 1 }).total }));
`,
      "cjs.cjs": `const { estimate, isCertcalcError } = require("certcalc");
const { partnerRollup } = require("certcalc/full");
let refusal;
try { estimate({}); } catch (e) { refusal = isCertcalcError(e) && e.code; }
const sub = { start_date: "2026-01-01", licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", quantity: 2 }] };
console.log(JSON.stringify({ total: estimate(${REQUEST}).total_price, refusal, renewals: partnerRollup({ subaccounts: [{ id: "a", name: "A", bill_parent: true, subscription: sub }] }).total }));
`,
    });
    const want = { total: "200.00", refusal: "invalid_value:product_name_id", renewals: "400.00" };
    for (const script of ["esm.mjs", "cjs.cjs"]) {
      const out = execFileSync(process.execPath, [script], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      assert.deepEqual(JSON.parse(out), want, script);
    }
    const pkg = JSON.parse(readFileSync(join(dir, "node_modules/certcalc/package.json"), "utf8"));
    assert.equal(pkg.engines.node, "^20.19.0 || >=22.12.0");
  });

  test("TypeScript --strict: the guard narrows, the element and its event are typed", () => {
    const source = `import init, { estimate, isCertcalcError, type Estimate } from "certcalc";
import { simulate } from "certcalc/full";
import "certcalc/element";

await init();
try {
  const est: Estimate = estimate(${REQUEST});
  console.log(est.total_price.length);
} catch (e) {
  // @ts-expect-error: a caught value is unknown until the guard says what it is
  console.log(e.code);
  if (isCertcalcError(e)) console.log(e.code.length, e.errors[0]?.message, e.message);
}
const el = document.createElement("certcalc-estimate");
el.addEventListener("certcalc-estimate", (ev) => console.log(ev.detail.total_price));
console.log(typeof simulate);
`;
    for (const resolution of ["bundler", "nodenext"]) {
      const dir = project(`ts-${resolution}`, {
        "main.ts": source,
        "tsconfig.json": JSON.stringify({ compilerOptions: {
          target: "es2022", module: resolution === "bundler" ? "esnext" : "nodenext", moduleResolution: resolution,
          lib: ["es2022", "dom"], strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["main.ts"] }),
      });
      tsc(dir, resolution);
    }
    // One entry alone brings the lib its declarations need (PriceList's [Symbol.dispose]).
    const dir = project("ts-one-entry", {
      "main.ts": `import { estimate } from "certcalc";\nconsole.log(estimate(${REQUEST}).total_price);\n`,
      "tsconfig.json": JSON.stringify({ compilerOptions: { target: "es2022", module: "esnext", moduleResolution: "bundler",
        lib: ["es2022", "dom"], strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["main.ts"] }),
    });
    tsc(dir, "one entry");
  });
});
