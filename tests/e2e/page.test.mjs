// End-to-end tests of the page (www/index.html) in Debian's headless Chromium, served by scripts/serve.mjs on a
// free loopback port under the page's real Content-Security-Policy. Every test also checks, on its way out,
// that no request left the origin, that the CSP reported no violation, that the console logged no error,
// that no dialog opened and that no script error was thrown; and it saves a screenshot under target/e2e/.
// Expected figures are worked out by hand from the acceptance price list (tests/acceptance/price-list.json).

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { addLicense, axe, loaded, text, withPage } from "./harness.mjs";

/** The live region's text once it has settled (it is written after a pause in typing). */
async function settled(page, selector, expected) {
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent === want, [selector, expected], { timeout: 5000 })
    .catch(() => {});
  return page.locator(selector).textContent();
}

/** Replaces the subscription's licenses with the given bound ones. */
async function bindLicenses(page, licenses) {
  while (await page.locator("#licenses .license").count()) await page.locator("#licenses button.remove").first().click();
  for (const [i, [product, type, asset]] of licenses.entries()) await addLicense(page, i, product, type, "bound", asset);
}

/** The seed example: Secure Site OV from 2026-01-01 with *.a.example and *.b.example, *.c.example on 2026-04-01. */
async function seed(page) {
  await loaded(page);
  await page.selectOption("#account", "subscription");
  await page.fill("#start_date", "2026-01-01");
  await page.check("#proration-daily");
  await bindLicenses(page, [["ssl_securesite_flex", "wildcard", "*.a.example"], ["ssl_securesite_flex", "wildcard", "*.b.example"]]);
  await page.selectOption("#product", "ssl_securesite_flex");
  await page.fill("#names", "*.c.example");
  await page.fill("#as_of", "2026-04-01");
  await page.selectOption("#validity_unit", "days");
  await page.fill("#validity_value", "397");
}

describe("the page", () => {
  test("the seed example: 753.42 now, a renewal total of 3,000.00 after, and the order accepted once the asset is added", async () => {
    await withPage("seed-example", "/", async (page) => {
      await seed(page);
      // 1000.00 × 275 / 365 = 753.424… → 753.42 (275 days from 2026-04-01 to 2027-01-01).
      assert.equal(await text(page, "#total"), "$753.42");
      assert.match(await text(page, "#estimate-out"), /prorated: 275 of 365 days left/);
      assert.equal(await text(page, "#renewal-after"), "$3,000.00");
      // The subscription as it is renews for 2 × 1000.00 on 2027-01-01.
      assert.equal(await text(page, "#renewal-total"), "$2,000.00");
      assert.equal(await text(page, "#renewal-date"), "January 1, 2027");
      // CertCentral refuses the order until *.c.example is in the subscription: that is the next step, shown
      // with CertCentral's code in the verdict, not an error at the names (which are fine: they are priced).
      assert.equal(await page.locator("#err-names").isHidden(), true);
      assert.equal(await page.getAttribute("#names", "aria-invalid"), null);
      assert.match(await text(page, "#order-verdict"), /Next step: add to the subscription/);
      assert.match(await text(page, "#order-verdict"), /insufficient_subscription/);
      // The live region sums it up in one sentence, in words, for screen readers.
      assert.equal(await page.getAttribute("#summary", "aria-live"), "polite");
      assert.equal(await settled(page, "#summary", "Due for this order: $753.42. Next renewal once added: $3,000.00. To order it, first add the uncovered asset to the subscription."),
        "Due for this order: $753.42. Next renewal once added: $3,000.00. To order it, first add the uncovered asset to the subscription.");
      // The state is in the address: a fresh load of it shows the same quote.
      const shared = page.url();
      assert.match(shared, /#q=/);
      await page.goto("about:blank");
      await page.goto(shared);
      await loaded(page);
      assert.equal(await text(page, "#total"), "$753.42");
      assert.equal(await page.inputValue("#as_of"), "2026-04-01");
      // The verdict's button adds it in one click; the focus goes to the new verdict, not to <body>.
      await page.click("#add-uncovered");
      assert.match(await text(page, "#order-verdict"), /accepts this order/);
      assert.equal(await page.evaluate(() => document.activeElement?.id), "order-verdict");
      assert.equal(await page.inputValue("#lic-asset-2"), "*.c.example");
      assert.equal(await text(page, "#renewal-total"), "$3,000.00");
      await page.goto("about:blank");
      await page.goto(shared);
      await loaded(page);
      // Adding the third wildcard to the subscription: it is covered (free), the order is accepted, and the
      // subscription now renews for 3 × 1000.00.
      await page.locator("#licenses button.add").click();
      await page.selectOption("#lic-product-2", "ssl_securesite_flex");
      await page.selectOption("#lic-type-2", "wildcard");
      await page.selectOption("#lic-kind-2", "bound");
      await page.fill("#lic-asset-2", "*.c.example");
      assert.equal(await text(page, "#total"), "$0.00");
      assert.match(await text(page, "#estimate-out"), /free — covered by the subscription/);
      assert.match(await text(page, "#order-verdict"), /accepts this order/);
      assert.equal(await page.locator("#err-names").isHidden(), true);
      assert.equal(await text(page, "#renewal-total"), "$3,000.00");
    });
  });

  test("a long name wraps at its dots (or hyphens), never inside a word, on a phone", async () => {
    await withPage("names-wrap", "/", async (page) => {
      await seed(page);
      const long = "checkoutpayments.euweststorefront.shop.exampleretailer.com";
      await page.fill("#names", long);
      await page.locator("#estimate-out th.asset").filter({ hasText: long }).waitFor();
      await page.setViewportSize({ width: 375, height: 800 });
      // The cell's text, line by line as laid out: every line but the last ends at a dot, or at a hyphen,
      // where a browser may break any text.
      const lines = await page.evaluate(() => {
        const cell = document.querySelector("#estimate-out th.asset");
        const rows = new Map();
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.length; i++) {
            const r = document.createRange();
            r.setStart(node, i);
            r.setEnd(node, i + 1);
            const top = Math.round(r.getBoundingClientRect().top);
            rows.set(top, (rows.get(top) ?? "") + node.data[i]);
          }
        }
        return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
      });
      assert.ok(lines.length > 1, `the name wraps at 375 px: ${JSON.stringify(lines)}`);
      assert.equal(lines.join(""), long);
      for (const line of lines.slice(0, -1)) assert.ok(/[.-]$/.test(line), `a line ends inside a word: ${JSON.stringify(lines)}`);
    });
  });

  test("monthly proration and a validity refusal shown at the validity field", async () => {
    await withPage("validity-refusal", "/", async (page) => {
      await seed(page);
      await page.check("#proration-monthly");
      // 9 of 12 months left on 2026-04-01: 1000.00 × 9 / 12 = 750.00.
      assert.equal(await text(page, "#total"), "$750.00");
      assert.match(await text(page, "#estimate-out"), /prorated: 9 of 12 months left/);
      await page.fill("#validity_value", "398");
      // CertCentral's code and message, and beside them what is wrong in words, with the limit.
      assert.match(await text(page, "#err-validity"), /at most 397 days/);
      assert.match(await text(page, "#err-validity"), /invalid_value:validity_days\s+\S/);
      assert.equal(await page.getAttribute("#validity_value", "aria-invalid"), "true");
      assert.deepEqual(await axe(page, "page-refusal-validity"), [], "no serious or critical axe violation with a refusal shown");
      // A count that is not whole is told so by the page, in words, before the module is asked.
      await page.fill("#validity_value", "1.5");
      assert.match(await text(page, "#err-validity"), /whole number \(like 397\), not 1\.5/);
      assert.doesNotMatch(await text(page, "#err-validity"), /found a string/);
      assert.match(await text(page, "#estimate-out"), /No estimate/);
      // Another unit starts from its usual length, so nothing is refused before the reader types.
      await page.selectOption("#validity_unit", "years");
      assert.equal(await page.inputValue("#validity_value"), "1");
      assert.equal(await page.locator("#err-validity").isHidden(), true);
      await page.fill("#validity_value", "2");
      assert.match(await text(page, "#err-validity"), /at most 1 year/);
      assert.match(await text(page, "#err-validity"), /invalid_value:validity_years\s+\S/);
      // Before subscription the same product may run 3 years, priced per year: 3 × 1000.00.
      await page.selectOption("#account", "myp");
      await page.fill("#validity_value", "3");
      assert.equal(await page.locator("#err-validity").isHidden(), true);
      assert.equal(await text(page, "#total"), "$3,000.00");
      // Section 3 stays (the numbering does not jump) and says how this account pays instead.
      assert.equal(await page.locator("#renewal-out").isHidden(), true);
      assert.match(await text(page, "#renewal"), /3\. Renewal and its payment\s+A Multi-year Plan account has no subscription to renew[\s\S]*This order is paid by the account balance\./);
      assert.deepEqual(await axe(page, "page-multi-year-plan"), [], "no serious or critical axe violation on a Multi-year Plan");
    });
  });

  test("a renewal paid part by balance and part by card, one step at a time, then played", async () => {
    await withPage("payment-stepper", "/", async (page) => {
      await seed(page);
      await page.selectOption("#pay_amount", "after");
      await page.fill("#balance", "1000.00");
      await page.fill("#card-id-0", "visa-4242");
      await page.check("#card-default-0");
      await page.fill("#card-credit-0", "");
      await page.fill("#card-id-1", "amex-1005");
      await page.click("#step-reset");
      const current = page.locator("#steps li.current");
      assert.match(await current.innerText(), /Due\s+\$3,000\.00/);
      assert.equal(await page.isDisabled("#step-back"), true);

      await page.click("#step-next");
      assert.match(await current.innerText(), /Account balance/);
      assert.match(await current.innerText(), /charged\s+\$1,000\.00\s+still due\s+\$2,000\.00/);
      assert.equal(await text(page, "#step-status"), "Step 1: $1,000.00 from the account balance; $2,000.00 still due.");

      await page.click("#step-next");
      assert.match(await current.innerText(), /Default card visa-4242/);
      assert.match(await current.innerText(), /charged\s+\$2,000\.00\s+still due\s+\$0\.00/);

      await page.click("#step-next");
      assert.match(await current.innerText(), /Outcome\s+Paid in full/);
      assert.match(await current.innerText(), /collected\s+\$3,000\.00\s+shortfall\s+\$0\.00\s+balance after\s+\$0\.00/);
      assert.match(await current.innerText(), /Never tried: amex-1005/);
      assert.equal(await page.isDisabled("#step-next"), true);
      // "Next step" disabled itself at the outcome: the focus moved to "Previous step", not to <body>.
      assert.equal(await page.evaluate(() => document.activeElement?.id), "step-back");
      assert.equal(await page.getAttribute("#steps li.current", "aria-current"), "step");

      // The keyboard walks it too.
      await page.focus("#step-reset");
      await page.keyboard.press("ArrowLeft");
      assert.match(await current.innerText(), /Default card visa-4242/);

      // Play runs from the start to the outcome by itself, then stops.
      await page.click("#step-reset");
      await page.click("#step-play");
      assert.equal(await page.getAttribute("#step-play", "aria-pressed"), "true");
      await page.locator("#steps li.current.outcome").waitFor({ timeout: 10_000 });
      await page.locator("#step-play[aria-pressed=false]").waitFor();

      // A default card that cannot take the rest declines it, and the other card is never tried (R8).
      await page.fill("#card-credit-0", "1000.00");
      // The status line is a live region: after an edit it is written once typing pauses.
      await page.locator("#step-status").filter({ hasText: /^Declined/ }).waitFor();
      assert.match(await text(page, "#step-status"), /^Declined.*\$1,000\.00 collected, \$2,000\.00 short\.$/);
      assert.match(await text(page, "#steps li.current"), /Never tried: amex-1005/);
    });
  });

  test("a malformed price list is refused with its errors; a good one from a file is used", async () => {
    await withPage("price-list-import", "/", async (page) => {
      await seed(page);
      await page.fill("#pricelist-text", "{ this is not json");
      await page.click("#pricelist-use");
      assert.match(await text(page, "#err-pricelist"), /invalid_json/);

      // Money as a JSON number is refused (README "Bad input"), and the page keeps the list it had.
      await page.fill("#pricelist-text", JSON.stringify({ currency: "USD", products: [
        { product_name_id: "ssl_securesite_flex", name: "Secure Site OV", family: "tls", annual_prices: { wildcard: 1000 } }] }));
      await page.click("#pricelist-use");
      assert.match(await text(page, "#err-pricelist"), /invalid_value:annual_prices/);
      assert.equal(await text(page, "#total"), "$753.42");

      await page.fill("#pricelist-text", JSON.stringify({ currency: "XYZ1", products: [] }));
      await page.click("#pricelist-use");
      assert.match(await text(page, "#err-pricelist"), /invalid_value:currency/);

      const eur = { currency: "EUR", label: "Test list", products: [
        { product_name_id: "ssl_securesite_flex", name: "Secure Site OV", family: "tls", annual_prices: { fqdn: "350.00", wildcard: "900.00" } }] };
      await page.setInputFiles("#pricelist-file", { name: "prices.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(eur)) });
      // The file is read asynchronously: wait for the list to be in use.
      await page.locator("#list-info").filter({ hasText: "Test list · EUR · 1 product" }).waitFor();
      assert.equal(await page.locator("#err-pricelist").isHidden(), true);
      // 900.00 × 275 / 365 = 678.082… → 678.08; the renewal after: 3 × 900.00.
      assert.equal(await text(page, "#total"), "€678.08");
      assert.equal(await text(page, "#renewal-after"), "€2,700.00");

      await page.click("#pricelist-reset");
      assert.equal(await text(page, "#total"), "$753.42");
    });
  });

  test("markup typed as a name is refused and shown as text, and no script runs", async () => {
    const evil = "<img src=x onerror=alert(1)>";
    await withPage("no-injection", "/", async (page) => {
      await seed(page);
      await page.fill("#names", evil);
      assert.match(await text(page, "#err-names"), /invalid_value:dns_names/);
      assert.ok((await text(page, "#err-names")).includes(evil), "the name is shown as the characters typed");
      // The same text as a license's asset and as a subaccount's name is shown as text too.
      await page.fill("#lic-asset-0", evil);
      assert.ok((await text(page, "#err-licenses")).includes(evil));
      await page.fill("#sub-0-name", evil);
      await page.locator("#partner-out table").first().filter({ hasText: evil }).waitFor();
      await page.waitForTimeout(300);
      assert.equal(await page.locator("img").count(), 0, "no img element was created");
      assert.equal(await page.evaluate(() => document.querySelectorAll("img, script:not([src])").length), 0);
    });
    // A shared address carrying markup renders it as text as well.
    const state = { est: { product: "ssl_securesite_flex", names: evil, as_of: "2026-04-01", vunit: "", vvalue: "" } };
    const hash = `#q=${Buffer.from(JSON.stringify(state)).toString("base64url")}`;
    await withPage("no-injection-from-address", `/${hash}`, async (page) => {
      await loaded(page);
      assert.equal(await page.inputValue("#names"), evil);
      assert.ok((await text(page, "#err-names")).includes(evil));
      assert.equal(await page.locator("img").count(), 0);
    });
  });

  test("the partner view: per-payer totals follow bill_parent, and the chart shows 24 months of charges", async (t) => {
    await withPage("partner-view", "/", async (page) => {
      await loaded(page);
      if (!(await page.evaluate(async () => { const m = await import("/pkg/full/certcalc_full.js"); return typeof m.simulate === "function" && typeof m.partnerRollup === "function"; }))) {
        t.skip("this build has no simulate()/partnerRollup()");
        return;
      }
      // The chart's window starts at the as_of month: April 2026 to March 2028.
      await page.fill("#as_of", "2026-04-01");
      await page.fill("#partner_balance", "2500.00");
      await page.fill("#partner_card", "partner-visa");
      await page.fill("#sub-0-start_date", "2026-01-01"); // acme: *.acme.example wildcard + 3 FQDN slots of Secure Site OV
      await page.fill("#sub-1-start_date", "2025-06-15"); // globex: 5 FQDN slots of Basic OV, pays itself
      await page.fill("#sub-2-start_date", "2026-09-01"); // initech: 1 code signing slot
      const subs = page.locator("#partner-out table").first();
      // acme: 1000.00 + 3 × 400.00 = 2200.00; globex: 5 × 200.00 = 1000.00; initech: 500.00.
      // In renewal-date order: globex (June 2026), acme (January 2027), initech (September 2027).
      assert.match(await subs.innerText(), /Globex \(globex\)\s+June 15, 2026\s+\$1,000\.00\s+Globex\s+Acme Corp \(acme\)\s+January 1, 2027\s+\$2,200\.00\s+Partner\s+Initech \(initech\)\s+September 1, 2027\s+\$500\.00\s+Partner/);
      const payers = page.locator("#partner-out table.payers");
      // The partner pays acme's and initech's renewals: 2700.00; acme's first, from the 2500.00 balance,
      // leaving 300.00 for initech's 500.00, whose other 200.00 go on the partner's card.
      // Each payment says whose renewal and when.
      assert.match(await payers.innerText(), /Partner\s+\$2,700\.00\s+Acme Corp, January 1, 2027, \$2,200\.00: paid: balance \$2,200\.00\s+Initech, September 1, 2027, \$500\.00: paid: balance \$300\.00, then card partner-visa \$200\.00/);
      assert.match(await payers.innerText(), /Globex\s+\$1,000\.00\s+Globex, June 15, 2026, \$1,000\.00: paid: balance \$300\.00, then card globex-mc \$700\.00/);
      assert.match(await payers.innerText(), /All renewals\s+\$3,700\.00/);
      // In the window: acme renews 2027-01-01 and 2028-01-01, globex 2026-06-15 and 2027-06-15, initech is
      // activated 2026-09-01 and renews 2027-09-01: six charges, six bars.
      assert.equal(await page.locator("#chart svg rect.bar").count(), 6);
      assert.equal(await page.locator("#chart svg rect.bar[data-payer=globex]").count(), 2);
      // Months read as months: "Apr 2026", not "Apr 26".
      assert.equal(await page.locator("#chart svg text.tick.x").first().textContent(), "Apr 2026");

      // Billing globex to the parent: one payer, the partner, for all 3700.00.
      await page.uncheck("#sub-1-bill_parent");
      await page.check("#sub-1-bill_parent");
      assert.equal(await payers.locator("tbody tr").count(), 1);
      assert.match(await payers.innerText(), /Partner\s+\$3,700\.00/);
      assert.equal(await page.locator("#chart svg rect.bar[data-payer=partner]").count(), 6);
      assert.equal(await page.locator("#ledger-out tbody tr").count(), 6);
    });
  });

  test("the CSP monitor of these tests does catch a violation (so 'none' above means none)", async () => {
    const seen = await withPage("csp-monitor", "/", async (page) => {
      await loaded(page);
      await page.evaluate(() => {
        const el = document.createElement("div");
        el.setAttribute("style", "color: red"); // an inline style: CSP style-src 'self' refuses it
        document.body.append(el);
      });
      await page.waitForTimeout(300);
    }, { expectViolation: true });
    assert.ok(seen.violations.some((v) => v.startsWith("style-src")), `violations seen: ${JSON.stringify(seen.violations)}`);
  });
});
