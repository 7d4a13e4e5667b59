// Shared by the end-to-end tests: the page served by scripts/serve.mjs on a free loopback port, Debian's
// headless Chromium driven by playwright-core, and `withPage`, which fails a test on any request off the
// origin, CSP violation, console error, dialog or script error, or on a page wider than a 375 px phone, and
// saves two screenshots under target/e2e/: `<name>.png` at desktop width and `<name>-phone.png` at 375 px.
// `axe(page, state)` runs axe-core (the npm package, injected into the page) and returns its serious and
// critical violations; every run is also written to target/e2e/axe/<state>.json. `text`, `loaded`,
// `downloaded`, `addLicense` and `printedPages` are the tests' small steps on the calculator page.

import { after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

const SHOTS = new URL("../../target/e2e/", import.meta.url);
export const DESKTOP = { width: 1200, height: 900 };
export const PHONE = { width: 375, height: 800 };
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

let server, browser, axeSource;
export let origin;

before(async () => {
  await mkdir(new URL("axe/", SHOTS), { recursive: true });
  axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  server = await serve(0, "127.0.0.1");
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens `path` in a fresh context, runs `fn(page, seen)`, then checks what the page did and screenshots it. */
export async function withPage(name, path, fn, { expectViolation = false, colorScheme = "light", viewport = DESKTOP, withoutWasm = false, missing = [] } = {}) {
  const context = await browser.newContext({ locale: "en-US", timezoneId: "UTC", viewport, colorScheme });
  // `missing`: paths answered 404, as on a site that did not copy them. The browser's console error for
  // each names no file, so it is not counted; every other console error still is.
  for (const gone of missing) await context.route(origin + gone, (route) => route.fulfill({ status: 404, body: "not found" }));
  // `withoutWasm`: the page as a site whose CSP forgot 'wasm-unsafe-eval' would serve it.
  if (withoutWasm) {
    await context.route(origin + path, async (route) => {
      const response = await route.fetch();
      const csp = (response.headers()["content-security-policy"] ?? "").replace(" 'wasm-unsafe-eval'", "");
      await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": csp } });
    });
  }
  const seen = { requests: [], violations: [], consoleErrors: [], dialogs: [], pageErrors: [] };
  await context.exposeBinding("__certcalcCspViolation", (_src, v) => { seen.violations.push(v); });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__certcalcCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    }, true);
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("request", (r) => seen.requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error" && !(missing.length && m.text().startsWith("Failed to load resource"))) seen.consoleErrors.push(m.text());
  });
  page.on("dialog", (d) => { seen.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on("pageerror", (e) => seen.pageErrors.push(String(e)));
  try {
    const response = await page.goto(origin + path);
    const script = withoutWasm ? "script-src 'self'" : "script-src 'self' 'wasm-unsafe-eval'";
    assert.ok((response.headers()["content-security-policy"] ?? "").includes(`${script}; style-src 'self'`), "the page's CSP");
    await fn(page, seen);
    // The same state on a phone: nothing sticks out at the right.
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(150);
    const wide = await overflow(page);
    assert.deepEqual(wide, [], `at ${PHONE.width} px nothing is wider than the screen`);
  } finally {
    await page.setViewportSize(viewport).catch(() => {});
    await page.waitForTimeout(100).catch(() => {});
    await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true }).catch(() => {});
    await page.setViewportSize(PHONE).catch(() => {});
    await page.waitForTimeout(150).catch(() => {});
    await page.screenshot({ path: new URL(`${name}-phone.png`, SHOTS).pathname, fullPage: true }).catch(() => {});
    await context.close();
  }
  const away = seen.requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(away, [], "every request stays on the page's origin");
  assert.ok(seen.requests.some((u) => /\/pkg\/.*_bg\.wasm$/.test(u)), "the wasm module is loaded from the origin");
  if (!expectViolation) assert.deepEqual(seen.violations, [], "no Content-Security-Policy violation");
  if (!expectViolation) assert.deepEqual(seen.consoleErrors, [], "no console error");
  assert.deepEqual(seen.dialogs, [], "no dialog opened");
  assert.deepEqual(seen.pageErrors, [], "no script error");
  return seen;
}

/** What sticks out of the viewport at the right (or makes the page scroll sideways): `[]` when nothing. */
export async function overflow(page) {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > w) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px > ${w} px`);
    const visible = (el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden";
    const roots = [document, ...[...document.querySelectorAll("*")].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    for (const root of roots) {
      for (const el of root.querySelectorAll("body *, :host *")) {
        if (!visible(el) || el.closest(".sr-only, svg") || el.matches(".sr-only, .skip")) continue;
        const r = el.getBoundingClientRect();
        if (r.width && r.right > w + 0.5) out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${el.className?.baseVal ?? el.className} ends at ${Math.round(r.right)} px`);
        if (out.length > 8) return out;
      }
    }
    return out;
  });
}

/** axe-core's serious and critical violations of WCAG 2.x A/AA (2.0, 2.1, 2.2) in the page as it is now,
 * shadow roots included. The script is evaluated through the DevTools protocol (not a <script> element), so
 * the page's CSP stays as it is. */
export async function axe(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    resultTypes: ["violations"],
    // axe's CSS preload parses shadow-root styles by inserting <style> elements, which the page's CSP
    // (style-src 'self') rightly refuses; the one rule that needs it (css-orientation-lock) is left out.
    preload: false,
  }));
  const all = result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")), summary: v.nodes[0]?.failureSummary }));
  await writeFile(new URL(`axe/${state}.json`, SHOTS), `${JSON.stringify(all, null, 2)}\n`);
  return all.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** The rendered text of the element `selector` matches. */
export const text = (page, selector) => page.locator(selector).innerText();

/** Waits until the calculator page has its price list (the module answered). */
export const loaded = (page) => page.locator("#list-info").filter({ hasText: /\d+ products?/ }).waitFor();

/** Adds license row `i`: `kind` "bound" to the asset `value`, or "slots" with `value` free slots. */
export async function addLicense(page, i, product, type, kind, value) {
  await page.locator("#licenses button.add").click();
  await page.selectOption(`#lic-product-${i}`, product);
  await page.selectOption(`#lic-type-${i}`, type);
  await page.selectOption(`#lic-kind-${i}`, kind);
  if (kind === "bound") await page.fill(`#lic-asset-${i}`, value);
  else await page.fill(`#lic-quantity-${i}`, value);
}

/** The page in print media: saves `<name>-print-media.png` (and `<name>.pdf`, A4) under target/e2e/, turns
 * back to screen media, and gives the PDF's number of pages. */
export async function printedPages(page, name) {
  await page.screenshot({ path: new URL(`${name}-print-media.png`, SHOTS).pathname, fullPage: true });
  const pdf = await page.pdf({ format: "A4", printBackground: true, path: new URL(`${name}.pdf`, SHOTS).pathname });
  await page.emulateMedia({ media: "screen" });
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** Clicks `selector` and gives the file it downloads: `{ name, text }`. */
export async function downloaded(page, selector) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}
