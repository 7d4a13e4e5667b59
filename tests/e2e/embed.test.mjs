// End-to-end tests of <certcalc-estimate> on the example partner page (www/embed.html), in headless
// Chromium under the served CSP. As in page.test.mjs, every test checks on its way out that no request left
// the origin, that there was no CSP violation, console error, dialog or script error, and saves a screenshot
// under target/e2e/. Figures are worked out by hand from the lists in www/partner-prices.json, the inline
// list in embed.html and the embedded sample list.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { withPage } from "./harness.mjs";

// Playwright's CSS locators pierce open shadow roots, so `#flex strong` finds the total inside the element.
const total = (page, id) => page.locator(`#${id} strong`);

describe("the embed page", () => {
  test("each <certcalc-estimate> renders and prices from its own list", async () => {
    const seen = await withPage("embed", "/embed.html", async (page) => {
      // partner-prices.json (EUR): shop.example.com 350.00 + *.example.com 900.00, one year.
      await total(page, "flex").filter({ hasText: "€1,250.00" }).waitFor();
      // The inline GBP list: www.example.org at 160.00 a year, for 2 years.
      await total(page, "basic").filter({ hasText: "£320.00" }).waitFor();
      // The seed addition on the embedded sample list: 1000.00 × 275 / 365, and 3 × 1000.00 at renewal.
      await total(page, "addition").filter({ hasText: "$753.42" }).waitFor();
      assert.match(await page.locator("#addition .out").innerText(), /275 of 365 days left/);
      assert.match(await page.locator("#addition .out").innerText(), /Your next renewal: \$3,000\.00/);
      assert.equal(await page.locator("#addition select").isHidden(), true, "no order length on a subscription");

      // Typing reprices: one wildcard for 2 years is 2 × 900.00.
      await page.fill("#flex textarea", "*.example.com");
      await page.selectOption("#flex select", "2");
      await total(page, "flex").filter({ hasText: "€1,800.00" }).waitFor();
      assert.match(await page.locator("#flex .out").innerText(), /\*\.example\.com\s+2 years\s+€1,800\.00/);

      // Each element's label is tied to its field inside its own shadow root.
      assert.equal(await page.getByLabel("Domains, one per line").count(), 3);

      // The keyboard moves through the element's fields and on to the next element.
      const focused = () => page.evaluate(() => {
        const host = document.activeElement;
        return `${host.id} ${host.shadowRoot?.activeElement?.tagName ?? ""}`;
      });
      await page.locator("#flex textarea").focus();
      assert.equal(await focused(), "flex TEXTAREA");
      await page.keyboard.press("Tab");
      assert.equal(await focused(), "flex SELECT");
      await page.keyboard.press("Tab");
      assert.equal(await focused(), "basic TEXTAREA");
    });
    assert.ok(seen.requests.some((u) => u.endsWith("/partner-prices.json")), "the URL price list is fetched from the origin");
  });

  test("under a CSP without 'wasm-unsafe-eval', each element says why it cannot price", async () => {
    await withPage("embed-no-wasm", "/embed.html", async (page) => {
      for (const id of ["flex", "basic", "addition"]) {
        await page.locator(`#${id} ul.problems`).filter({ hasText: "'wasm-unsafe-eval'" }).waitFor();
      }
      assert.equal(await page.locator("#flex strong").count(), 0, "no figure");
    }, { expectViolation: true, withoutWasm: true });
  });

  test("with its module's files missing, each element says which, and where it belongs", async () => {
    await withPage("embed-no-glue", "/embed.html", async (page) => {
      for (const id of ["flex", "basic", "addition"]) {
        await page.locator(`#${id} ul.problems`).filter({ hasText: "./pkg/certcalc.js, beside this element's certcalc-estimate.js" }).waitFor();
      }
    }, { missing: ["/pkg/certcalc.js"] });
    await withPage("embed-no-wasm-file", "/embed.html", async (page) => {
      await page.locator("#basic ul.problems").filter({ hasText: "/pkg/certcalc_bg.wasm could not be fetched (HTTP 404)" }).waitFor();
      assert.equal(await page.locator("#basic strong").count(), 0, "no figure");
    }, { missing: ["/pkg/certcalc_bg.wasm"] });
  });

  test("embed.html requests the element's modules and its wasm with the page, the wasm once", async () => {
    const seen = await withPage("embed-preload", "/embed.html", async (page) => {
      await total(page, "basic").filter({ hasText: "£320.00" }).waitFor();
      // Each is asked for before the element's script has even arrived, so before any import of it ran.
      const early = await page.evaluate(() => {
        const all = performance.getEntriesByType("resource");
        const element = all.find((r) => r.name.endsWith("/certcalc-estimate.js"));
        return all.filter((r) => r.startTime < element.responseEnd).map((r) => new URL(r.name).pathname);
      });
      for (const path of ["/pkg/certcalc_bg.wasm", "/pkg/certcalc.js", "/js/dom.js", "/js/messages.js"]) assert.ok(early.includes(path), `${path} is requested with the page`);
    });
    assert.equal(seen.requests.filter((u) => u.endsWith("/pkg/certcalc_bg.wasm")).length, 1, "the preloaded wasm is the one the element uses");
    assert.equal(seen.requests.filter((u) => u.endsWith("/partner-prices.json")).length, 1, "the price list is read once");
  });

  test("a refusal is shown with its code, markup stays text, and attributes can change", async () => {
    const evil = "<img src=x onerror=alert(1)>";
    await withPage("embed-refusal", "/embed.html", async (page) => {
      await total(page, "flex").filter({ hasText: "€1,250.00" }).waitFor();
      await page.fill("#flex textarea", evil);
      const problems = page.locator("#flex ul.problems");
      await problems.waitFor();
      assert.match(await problems.innerText(), /invalid_value:dns_names/);
      assert.ok((await problems.innerText()).includes(evil));
      assert.equal(await page.evaluate(() => [document, ...[...document.querySelectorAll("certcalc-estimate")].map((e) => e.shadowRoot)]
        .reduce((n, root) => n + root.querySelectorAll("img").length, 0)), 0, "no img element anywhere");

      // A product the list does not have is the module's refusal, not a blank box.
      await page.evaluate(() => document.querySelector("#basic").setAttribute("product", "no_such_product"));
      await page.locator("#basic ul.problems").filter({ hasText: "invalid_value:product_name_id" }).waitFor();
      // A new inline list reprices: 2 years × 100.00.
      await page.evaluate(() => {
        const el = document.querySelector("#basic");
        el.setAttribute("price-list", JSON.stringify({ currency: "USD", products: [
          { product_name_id: "ssl_basic", name: "Basic OV", family: "tls", annual_prices: { fqdn: "100.00" } }] }));
        el.setAttribute("product", "ssl_basic");
      });
      await total(page, "basic").filter({ hasText: "$200.00" }).waitFor();
      // A broken inline list says so.
      await page.evaluate(() => document.querySelector("#basic").setAttribute("price-list", "{ nope"));
      await page.locator("#basic ul.problems").filter({ hasText: "price_list" }).waitFor();
      // A list the module refuses is refused once, when it is read, with every problem.
      await page.evaluate(() => document.querySelector("#basic").setAttribute("price-list", JSON.stringify({ currency: "XXX", products: [] })));
      await page.locator("#basic ul.problems").filter({ hasText: "price-list: currency: 'XXX'" }).waitFor();
      await page.locator("#basic ul.problems").filter({ hasText: "price-list: products:" }).waitFor();
    });
  });
});
