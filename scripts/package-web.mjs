// After `make build-web`: makes www/pkg the one npm package `certcalc`, for browsers, bundlers and Node.
// wasm-pack writes a package.json for the estimates module alone; this adds, for each of the two modules
// (`certcalc`, the estimates; `certcalc/full`, the whole API):
//   index.js    the browser entry: the generated module, whose functions called before `init()` say so, and
//               `isCertcalcError`, a runtime guard for what they throw (index.d.ts types both);
//   node.js     the Node entry: the same, started synchronously from the .wasm beside it at import, so
//               `init()` is unneeded there (it resolves at once);
// and `certcalc/element`, <certcalc-estimate> bundled into one module beside the generated one, with its
// styles. package.json gets the conditional `exports` map, `engines`, the consumer README (npm/README.md,
// in place of wasm-pack's copy of the repository's README) and the LICENSE.
//
// It rewrites only what it writes, from wasm-pack's output and the sources: running it again gives the same
// package.
//
//   node scripts/package-web.mjs [www/pkg]
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const dir = resolve(process.argv[2] ?? join(root, "www/pkg"));
const file = join(dir, "package.json");
const pkg = JSON.parse(readFileSync(file, "utf8"));

/** Writes the entries of one generated module: `glue` is its file name in `sub` ("" or "full/"). */
async function entries(sub, glue) {
  const wasm = glue.replace(/\.js$/, "_bg.wasm");
  const names = Object.keys(await import(pathToFileURL(join(dir, sub, glue)).href));
  const classes = names.filter((n) => /^[A-Z]/.test(n));
  const functions = names.filter((n) => !/^[A-Z]/.test(n) && n !== "default" && n !== "initSync").sort();
  writeFileSync(join(dir, sub, "index.js"), `\
// certcalc in the browser: the generated module (${glue}) with three additions. A function called before
// \`await init()\` has finished throws "certcalc: call init() first" (the generated code would fail with
// "Cannot read properties of undefined"); \`init()\` given a page where the wasm should be says so (not
// "expected magic word"); \`isCertcalcError(e)\` tells certcalc's refusals from other errors.
import * as m from "./${glue}";

export { initSync${classes.map((c) => `, ${c}`).join("")} } from "./${glue}";

/** Fetches and compiles the module (see ${glue.replace(/\.js$/, ".d.ts")}); an answer that is not wasm is named as such. */
export default async function init(...args) {
  try {
    return await m.default(...args);
  } catch (e) {
    if (!/magic word/.test(String(e?.message))) throw e;
    throw new Error("certcalc: the wasm's URL answered with something else, likely an HTML page: the file is missing " +
      "there, or a bundler moved this module away from it (Vite 5-7's dev server needs optimizeDeps: { exclude: " +
      '["certcalc"] })', { cause: e });
  }
}

/** What certcalc's functions throw: an Error with CertCentral's \`code\` and \`errors\`. */
export function isCertcalcError(e) {
  return e instanceof Error && typeof e.code === "string" && Array.isArray(e.errors);
}

// A refusal passes as it is; any other error is checked against the module's state only then, so a call
// costs nothing more when it succeeds.
function guard(f) {
  return function (...args) {
    try {
      return f.apply(this, args);
    } catch (e) {
      if (!isCertcalcError(e)) {
        try {
          m.version();
        } catch {
          throw new Error("certcalc: call init() first (await init() once, before any other function)");
        }
      }
      throw e;
    }
  };
}

${functions.map((f) => `export const ${f} = /* @__PURE__ */ guard(m.${f});`).join("\n")}
`);
  // The generated declarations give \`PriceList\` a \`[Symbol.dispose]()\`: the lib reference lets a project
  // whose \`lib\` predates it type-check them anyway.
  writeFileSync(join(dir, sub, "index.d.ts"), `\
/// <reference lib="esnext.disposable" />
export * from "./${glue}";
export { default } from "./${glue}";
import type { CertcalcError } from "./${glue}";

/**
 * True when \`e\` is what certcalc's functions throw for a request they refuse: an \`Error\` with CertCentral's
 * \`code\` (the first problem's) and \`errors\` (every problem).
 *
 * \`\`\`ts
 * try { estimate(request); } catch (e) { if (isCertcalcError(e)) console.log(e.code, e.errors); else throw e; }
 * \`\`\`
 */
export declare function isCertcalcError(e: unknown): e is CertcalcError;
`);
  writeFileSync(join(dir, sub, "node.js"), `\
// certcalc in Node: the module compiled and started from ${wasm} beside this file, synchronously, when it is
// imported or required, so no call needs \`await init()\` first (it resolves at once).
import { readFileSync } from "node:fs";
import { initSync } from "./${glue}";

export * from "./index.js";
export { default } from "./index.js";

initSync({ module: readFileSync(new URL("./${wasm}", import.meta.url)) });
`);
  return { functions, wasm };
}

const main = await entries("", "certcalc.js");
const full = await entries("full/", "certcalc_full.js");

// <certcalc-estimate>, its helpers (www/js/) and its styles bundled in, as one module beside the generated
// one: it imports ./certcalc.js and fetches ./certcalc_bg.wasm relative to itself, as a bundler that follows
// `new URL(..., import.meta.url)` does too. The styles go in as a constructed stylesheet rather than a
// <link> to a file: a bundler would inline so small a file as a data: URL, which `style-src 'self'` refuses.
const elementSource = join(root, "www/certcalc-estimate.js");
const STYLES_LINK = 'const styles = () => h("link", { rel: "stylesheet", href: new URL("./certcalc-estimate.css", import.meta.url).href });';
const css = readFileSync(join(root, "www/certcalc-estimate.css"), "utf8");
const element = await build({
  entryPoints: [elementSource],
  bundle: true, format: "esm", target: "es2022", minify: true, legalComments: "none", write: false,
  plugins: [{
    name: "element-package",
    setup(b) {
      b.onResolve({ filter: /\/pkg\/certcalc\.js$/ }, () => ({ path: "./certcalc.js", external: true }));
      b.onLoad({ filter: /certcalc-estimate\.js$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        if (args.path !== elementSource || !text.includes(STYLES_LINK)) throw new Error(`the element's styles line is not: ${STYLES_LINK}`);
        return { contents: text.replace(STYLES_LINK, `const sheet = new CSSStyleSheet();
sheet.replaceSync(${JSON.stringify(css)});
const styles = (root) => { root.adoptedStyleSheets = [sheet]; };`), loader: "js" };
      });
    },
  }],
});
let code = element.outputFiles[0].text;
if (!code.includes('new URL("./pkg/certcalc_bg.wasm",import.meta.url)') || !code.includes('import("./certcalc.js")')) {
  throw new Error("[package] the element's bundle does not load ./certcalc.js and fetch ./pkg/certcalc_bg.wasm as expected");
}
code = code.replaceAll("./pkg/", "./");
writeFileSync(join(dir, "certcalc-estimate.js"), `// <certcalc-estimate> (certcalc/element): importing this module defines the element.\n${code}`);
rmSync(join(dir, "certcalc-estimate.css"), { force: true });
writeFileSync(join(dir, "certcalc-estimate.d.ts"), `\
/// <reference lib="esnext.disposable" />
import type { Estimate } from "./certcalc.js";

/** <certcalc-estimate>: importing \`certcalc/element\` defines it. Attributes: product, price-list, names,
 * years, subscription, as-of, locale. After each estimate it fires \`certcalc-estimate\` with the estimate. */
export declare class CertcalcEstimate extends HTMLElement {
  static observedAttributes: string[];
}

declare global {
  interface HTMLElementTagNameMap {
    "certcalc-estimate": CertcalcEstimate;
  }
  interface HTMLElementEventMap {
    "certcalc-estimate": CustomEvent<Estimate>;
  }
}
`);

copyFileSync(join(root, "npm/README.md"), join(dir, "README.md"));
copyFileSync(join(root, "LICENSE"), join(dir, "LICENSE"));

const entry = (sub) => ({
  types: `./${sub}index.d.ts`,
  node: `./${sub}node.js`,
  default: `./${sub}index.js`,
});
pkg.main = "index.js";
pkg.types = "index.d.ts";
pkg.files = [
  "index.js", "index.d.ts", "node.js", "certcalc.js", "certcalc.d.ts", "certcalc_bg.wasm", "snippets",
  "full/index.js", "full/index.d.ts", "full/node.js", "full/certcalc_full.js", "full/certcalc_full.d.ts",
  `full/${full.wasm}`, "full/snippets",
  "certcalc-estimate.js", "certcalc-estimate.d.ts",
];
// Bundlers keep these even when nothing is imported from them: the snippets are the generated module's,
// the element defines itself, and the Node entry starts the module.
pkg.sideEffects = ["./snippets/*", "./full/snippets/*", "./certcalc-estimate.js", "./node.js", "./full/node.js"];
pkg.exports = {
  ".": entry(""),
  "./full": entry("full/"),
  "./element": { types: "./certcalc-estimate.d.ts", default: "./certcalc-estimate.js" },
  [`./${main.wasm}`]: `./${main.wasm}`,
  [`./full/${full.wasm}`]: `./full/${full.wasm}`,
  "./package.json": "./package.json",
};
// The glue's snippets are ES modules, so `require("certcalc")` loads ESM: Node does that unflagged from
// 20.19 on the 20 line and from 22.12 (21 and 22.0–22.11 need a flag); `import` works on both.
pkg.engines = { node: "^20.19.0 || >=22.12.0" };
writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
// wasm-pack writes a `.gitignore` of `*` into each module's folder: npm would then leave out full/snippets/,
// and a site that copies www/ into its own repository would silently lose the modules. The repository's own
// .gitignore keeps www/pkg out of it.
for (const ignore of [".gitignore", "full/.gitignore", "full/package.json", "full/README.md"]) rmSync(join(dir, ignore), { force: true });
console.log(`[package] ${file}: certcalc (${main.functions.length} functions), certcalc/full (${full.functions.length}), certcalc/element; ${pkg.files.length} files`);
