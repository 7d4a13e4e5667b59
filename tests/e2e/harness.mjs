// Shared by the end-to-end tests: the page served by scripts/serve.mjs on a free loopback port, Debian's
// headless Chromium driven by playwright-core, and `withPage`, which fails a test on any request off the
// origin, CSP violation, console error, dialog or script error, and saves a screenshot under target/e2e/.

import { after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

const SHOTS = new URL("../../target/e2e/", import.meta.url);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

let server, browser;
export let origin;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await serve(0, "127.0.0.1");
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens `path` in a fresh context, runs `fn(page, seen)`, then checks what the page did and screenshots it. */
export async function withPage(name, path, fn, { expectViolation = false } = {}) {
  const context = await browser.newContext({ locale: "en-US", timezoneId: "UTC", viewport: { width: 1200, height: 900 } });
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
  page.on("console", (m) => { if (m.type() === "error") seen.consoleErrors.push(m.text()); });
  page.on("dialog", (d) => { seen.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on("pageerror", (e) => seen.pageErrors.push(String(e)));
  try {
    const response = await page.goto(origin + path);
    assert.match(response.headers()["content-security-policy"] ?? "", /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
    await fn(page, seen);
  } finally {
    await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true }).catch(() => {});
    await context.close();
  }
  const away = seen.requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(away, [], "every request stays on the page's origin");
  assert.ok(seen.requests.some((u) => u.endsWith("/pkg/certcalc_bg.wasm")), "the wasm module is loaded from the origin");
  if (!expectViolation) assert.deepEqual(seen.violations, [], "no Content-Security-Policy violation");
  if (!expectViolation) assert.deepEqual(seen.consoleErrors, [], "no console error");
  assert.deepEqual(seen.dialogs, [], "no dialog opened");
  assert.deepEqual(seen.pageErrors, [], "no script error");
  return seen;
}
