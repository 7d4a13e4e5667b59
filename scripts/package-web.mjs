// After `make build-web`: makes www/pkg one npm package of both web modules. wasm-pack writes a package.json
// for the estimates module alone; this adds the whole-API module (www/pkg/full/) to its files, and an
// `exports` map: `certcalc` (the estimates module), `certcalc/full` (the whole API) and both `.wasm` files,
// for the bundlers and servers that need their URLs.
//
//   node scripts/package-web.mjs [www/pkg]
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "www/pkg";
const file = join(dir, "package.json");
const pkg = JSON.parse(readFileSync(file, "utf8"));
const full = ["full/certcalc_full_bg.wasm", "full/certcalc_full.js", "full/certcalc_full.d.ts", "full/snippets"];
pkg.files = [...new Set([...(pkg.files ?? []), ...full])];
pkg.sideEffects = [...new Set([...(pkg.sideEffects ?? []), "./full/snippets/*"])];
pkg.exports = {
  ".": { types: "./certcalc.d.ts", default: "./certcalc.js" },
  "./full": { types: "./full/certcalc_full.d.ts", default: "./full/certcalc_full.js" },
  "./certcalc_bg.wasm": "./certcalc_bg.wasm",
  "./full/certcalc_full_bg.wasm": "./full/certcalc_full_bg.wasm",
  "./package.json": "./package.json",
};
writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
// wasm-pack writes a `.gitignore` of `*` into each module's folder: npm would then leave out full/snippets/,
// and a site that copies www/ into its own repository would silently lose the modules. The repository's own
// .gitignore keeps www/pkg out of it.
for (const ignore of [".gitignore", "full/.gitignore", "full/package.json", "full/README.md"]) rmSync(join(dir, ignore), { force: true });
console.log(`[package] ${file}: certcalc and certcalc/full, ${pkg.files.length} files`);
