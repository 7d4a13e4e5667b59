// The web package as a reseller's developer gets it: `npm pack` of www/pkg (what `make build-web` leaves),
// installed from the tarball into a scratch project, both of its modules imported by their package names
// (`certcalc`, `certcalc/full`) and their `.wasm` files found through the package's `exports`.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const pkgDir = fileURLToPath(new URL("../../www/pkg/", import.meta.url));

test("npm pack of the web package holds both modules, and a project imports each by name", async () => {
  const scratch = mkdtempSync(join(tmpdir(), "certcalc-package-"));
  try {
    const npm = (...args) => execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd: scratch, encoding: "utf8" });
    const tarball = npm("pack", pkgDir, "--pack-destination", scratch).trim().split("\n").pop();
    const files = execFileSync("tar", ["tzf", join(scratch, tarball)], { encoding: "utf8" }).split("\n").filter(Boolean).sort();
    for (const f of ["certcalc.js", "certcalc.d.ts", "certcalc_bg.wasm", "full/certcalc_full.js", "full/certcalc_full.d.ts", "full/certcalc_full_bg.wasm"]) {
      assert.ok(files.includes(`package/${f}`), `${f} is in the package`);
    }
    assert.ok(files.some((f) => f.startsWith("package/full/snippets/")), "the whole-API module's snippets are in the package");
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "reseller-site", private: true, type: "module" }));
    npm("install", "--offline", join(scratch, tarball));
    writeFileSync(join(scratch, "app.mjs"), `
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { initSync, estimate } from "certcalc";
import { initSync as initFull, partnerRollup, simulate } from "certcalc/full";
const wasm = (name) => readFileSync(fileURLToPath(import.meta.resolve(name)));
initSync({ module: wasm("certcalc/certcalc_bg.wasm") });
initFull({ module: wasm("certcalc/full/certcalc_full_bg.wasm") });
export default { estimate, partnerRollup, simulate };
`);
    const { default: cc } = await import(pathToFileURL(join(scratch, "app.mjs")).href);
    // ssl_basic: 200.00 a year on the sample list; two slots renew at 400.00.
    assert.equal(cc.estimate({ product_name_id: "ssl_basic", certificate: { common_name: "a.example" }, as_of: "2026-04-01" }).total_price, "200.00");
    const sub = { start_date: "2026-01-01", licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", quantity: 2 }] };
    assert.equal(cc.partnerRollup({ subaccounts: [{ id: "a", name: "A", bill_parent: true, subscription: sub }] }).total, "400.00");
    assert.equal(cc.simulate({ ...sub, events: [], years: 1 }).total, "400.00");
    assert.deepEqual(JSON.parse(readFileSync(join(scratch, "node_modules/certcalc/package.json"), "utf8")).exports["./full"],
      { types: "./full/index.d.ts", node: "./full/node.js", default: "./full/index.js" });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
