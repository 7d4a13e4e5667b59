// An account manager's quote, done the way a person does it in the page: a new blank quote, the customer's
// subscription typed in, four names priced, the missing wildcard added to the subscription (a charge that
// day, then the order at $0), the quote printed and its lines downloaded, Back and Undo. Figures are worked
// out by hand from the sample price list (Secure Site OV: 1000.00 a wildcard, 400.00 an FQDN).

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { addLicense, axe, downloaded, loaded, printedPages, text, withPage } from "./harness.mjs";

/** The subscription of the issue: from 2026-03-15, two bound Secure Site OV wildcards and 3 free FQDN slots;
 * four names priced on 2026-12-06 (99 of 365 days left). */
async function customer(page) {
  await page.click("#new-quote");
  await page.fill("#q_customer", "Example Retail Ltd");
  await page.fill("#q_reference", "Q-2026-117");
  await page.fill("#q_valid_until", "2026-12-31");
  await page.fill("#start_date", "2026-03-15");
  await addLicense(page, 0, "ssl_securesite_flex", "wildcard", "bound", "*.shop.example");
  await addLicense(page, 1, "ssl_securesite_flex", "wildcard", "bound", "*.api.example");
  await addLicense(page, 2, "ssl_securesite_flex", "fqdn", "slots", "3");
  await page.selectOption("#product", "ssl_securesite_flex");
  await page.fill("#as_of", "2026-12-06");
  await page.fill("#names", "*.cdn.example\nwww.example.com\nshop.example.com\nmail.example.com");
}

describe("a quote that keeps its figures", () => {
  test("new quote, an addition charged that day, the quote printed and downloaded, Back and Undo", async () => {
    await withPage("quote-addition", "/", async (page) => {
      await loaded(page);
      // A new quote starts blank: no names, no licenses, no sample payment details, no error.
      await page.click("#new-quote");
      assert.equal(await page.inputValue("#names"), "");
      assert.equal(await page.locator("#licenses .license").count(), 0);
      assert.equal(await page.locator("#cards .card-row").count(), 0);
      assert.equal(await page.inputValue("#balance"), "0.00");
      assert.equal(await page.locator("#sample-note").isHidden(), true);
      assert.equal(await page.locator("main .field-error:visible").count(), 0, "a blank quote shows no error");
      assert.match(await text(page, "#estimate-out"), /Type the names to price/);
      assert.match(await text(page, "#undo-bar"), /Started a new, blank quote/);

      await customer(page);
      // 1000.00 × 99 / 365 = 271.232… → 271.23 for the wildcard; the FQDNs use the 3 free slots.
      assert.equal(await text(page, "#total"), "$271.23");
      assert.match(await text(page, "#estimate-out"), /prorated: 99 of 365 days left/);
      assert.equal(await text(page, "#renewal-after"), "$4,200.00");
      assert.match(await text(page, "#order-verdict"), /insufficient_subscription/);
      assert.match(await text(page, "#glance"), /Due for this order: \$271\.23/);

      // Adding it to the subscription is a charge that day, at that price; the order is then $0.00.
      await page.click("#add-uncovered");
      assert.match(await text(page, "#order-verdict"), /accepts this order/);
      assert.equal(await text(page, "#total"), "$0.00");
      assert.equal(await text(page, "#addition-total"), "$271.23");
      assert.match(await text(page, "#additions"), /Added to the subscription on December 6, 2026 \(Secure Site OV\), charged that day/);
      assert.match(await text(page, "#additions"), /\*\.cdn\.example\s+wildcard domain\s+prorated: 99 of 365 days left\s+\$1,000\.00\s+\$271\.23/);
      assert.equal(await page.inputValue("#lic-asset-3"), "*.cdn.example");
      assert.match(await text(page, "#licenses"), /added December 6, 2026/);
      assert.match(await text(page, "#glance"), /Added to the subscription December 6, 2026: \$271\.23 · Due for this order: \$0\.00 · Next renewal once added \(March 15, 2027\): \$4,200\.00/);
      assert.deepEqual(await axe(page, "quote-addition"), []);

      // The print carries who it is for, the addition as a charge, then the order at $0.00.
      await page.emulateMedia({ media: "print" });
      const quote = await text(page, "#quote");
      assert.match(quote, /Customer\s+Example Retail Ltd/);
      assert.match(quote, /Reference\s+Q-2026-117/);
      assert.match(quote, /Valid until\s+December 31, 2026/);
      assert.match(quote, /Added to the subscription on December 6, 2026 \(Secure Site OV\)[\s\S]*\*\.cdn\.example\s+wildcard domain\s+prorated: 99 of 365 days left\s+\$1,000\.00\s+\$271\.23\s+Charged on December 6, 2026\s+\$271\.23/);
      assert.match(quote, /Then the order[\s\S]*www\.example\.com\s+domain \(FQDN\)\s+free — covered by the subscription[\s\S]*Due for this order\s+\$0\.00/);
      assert.match(quote, /Renewal on March 15, 2027: \$4,200\.00 as the subscription is/);
      assert.doesNotMatch(quote, /visa-4242|Renewal payment/, "no payment details were entered: none print");
      assert.doesNotMatch(quote, /once this order's assets are added/, "the renewal is said once when adding changes nothing more");
      await page.screenshot({ path: new URL("../../target/e2e/quote-addition-print.png", import.meta.url).pathname, fullPage: true });
      await page.emulateMedia({ media: "screen" });

      // The lines CSV: product, pricing day, words, and each total as the module gave it.
      const csv = await downloaded(page, "#export-estimate");
      const head = "Example Retail Ltd,Q-2026-117,2026-12-31";
      assert.equal(csv.text, "customer,reference,valid_until,part,product,pricing_day,asset,asset_type,basis,annual_price,remaining_days,term_days,remaining_months,years,price,currency\r\n"
        + `${head},added to the subscription,Secure Site OV,2026-12-06,*.cdn.example,wildcard domain,prorated: 99 of 365 days left,1000.00,99,365,,,271.23,USD\r\n`
        + `${head},total added to the subscription,Secure Site OV,2026-12-06,,,,,,,,,271.23,USD\r\n`
        + `${head},order,Secure Site OV,2026-12-06,*.cdn.example,wildcard domain,free: covered by the subscription — license 4 (*.cdn.example),1000.00,,,,,0.00,USD\r\n`
        + `${head},order,Secure Site OV,2026-12-06,www.example.com,domain (FQDN),free: covered by the subscription — license 3 (3 free domain (FQDN) slots),400.00,,,,,0.00,USD\r\n`
        + `${head},order,Secure Site OV,2026-12-06,shop.example.com,domain (FQDN),free: covered by the subscription — license 3 (3 free domain (FQDN) slots),400.00,,,,,0.00,USD\r\n`
        + `${head},order,Secure Site OV,2026-12-06,mail.example.com,domain (FQDN),free: covered by the subscription — license 3 (3 free domain (FQDN) slots),400.00,,,,,0.00,USD\r\n`
        + `${head},order total,Secure Site OV,2026-12-06,,,,,,,,,0.00,USD\r\n`);

      // Back returns to the quote before the addition.
      await page.goBack();
      await page.locator("#total").filter({ hasText: "$271.23" }).waitFor();
      assert.equal(await page.locator("#additions").count(), 0);
      assert.equal(await page.inputValue("#q_customer"), "Example Retail Ltd");

      // Start over does not lose it: Undo brings it back.
      await page.click("#reset");
      assert.equal(await page.inputValue("#names"), "*.c.example");
      assert.equal(await page.inputValue("#q_customer"), "");
      assert.match(await text(page, "#undo-bar"), /Started over with the example/);
      await page.click("#undo");
      await page.locator("#total").filter({ hasText: "$271.23" }).waitFor();
      assert.equal(await page.inputValue("#q_customer"), "Example Retail Ltd");
      assert.equal(await page.inputValue("#names"), "*.cdn.example\nwww.example.com\nshop.example.com\nmail.example.com");
    });
  });

  test("the example's payment details are marked as a sample and left out of its printed quote", async () => {
    await withPage("quote-sample", "/", async (page) => {
      await loaded(page);
      assert.equal(await page.locator("#sample-note").isVisible(), true);
      await page.emulateMedia({ media: "print" });
      assert.doesNotMatch(await text(page, "#quote"), /Renewal payment|visa-4242/);
      await page.emulateMedia({ media: "screen" });
      // Once the reader types the account's balance, the payment is theirs, and it prints.
      await page.fill("#balance", "500.00");
      assert.equal(await page.locator("#sample-note").isHidden(), true);
      await page.emulateMedia({ media: "print" });
      assert.match(await text(page, "#quote"), /Renewal payment \(with this order's assets\): paid — account balance \$500\.00, then card visa-4242/);
      await page.emulateMedia({ media: "screen" });
    });
  });

  test("60 names: the printed table starts on page 1 and closes with its total", async () => {
    await withPage("quote-long-print", "/", async (page) => {
      await loaded(page);
      await page.fill("#start_date", "2026-01-01");
      await page.fill("#as_of", "2026-04-01");
      const names = Array.from({ length: 60 }, (_, i) => `host${i + 1}.shop.example.com`);
      await page.fill("#names", names.join("\n"));
      await page.fill("#q_customer", "Example Retail Ltd");
      await page.locator("#estimate-out tbody tr").nth(59).waitFor();
      await page.emulateMedia({ media: "print" });
      // A4 with 15 mm margins holds 267 mm (about 1009 CSS px) a page: the table's first row is within it.
      const top = await page.evaluate(() => document.querySelector("#quote table.quote-lines tbody tr").getBoundingClientRect().top - document.querySelector(".top").getBoundingClientRect().top);
      assert.ok(top < 900, `the first line is ${Math.round(top)} px down the first page`);
      const style = await page.evaluate(() => getComputedStyle(document.querySelector("#quote table.quote-lines")).breakInside);
      assert.notEqual(style, "avoid");
      const last = await page.evaluate(() => [...document.querySelectorAll("#quote table.quote-lines tr")].at(-1).innerText);
      // 60 × 400.00 × 275 / 365 = 60 × 301.37 = 18,082.20, the module's total.
      assert.match(last, /Due for this order\s+\$18,082\.20/);
      await page.setViewportSize({ width: 718, height: 1009 });
      assert.equal(await printedPages(page, "quote-long"), 2, "60 lines print on two pages");
    });
  });

  test("dates: typing never makes a six-digit year, and a message about a day names it", async () => {
    await withPage("quote-dates", "/", async (page) => {
      await loaded(page);
      for (const id of ["#start_date", "#as_of", "#q_valid_until"]) {
        assert.equal(await page.getAttribute(id, "max"), "9999-12-31");
      }
      // Typed key by key into the field (month, day, year), then more digits: the year stays four digits.
      await page.fill("#as_of", "");
      await page.click("#as_of");
      await page.keyboard.type("09012026", { delay: 20 });
      await page.keyboard.type("15", { delay: 20 });
      assert.match(await page.inputValue("#as_of"), /^\d{4}-\d{2}-\d{2}$/);
      await page.fill("#start_date", "2026-01-01");
      await page.fill("#as_of", "2027-02-01");
      assert.equal(await text(page, "#err-as_of").then((t) => t.split("\n")[0]),
        "The day priced, February 1, 2027, must fall inside the subscription's current 12-month term: on or after its start, January 1, 2026, and before its renewal, January 1, 2027.");
      assert.doesNotMatch(await text(page, "#err-as_of"), /YYYY/);
      await page.fill("#as_of", "2026-04-01");
      await page.fill("#q_valid_until", "2026-03-01");
      assert.match(await text(page, "#err-q_valid_until"), /The quote is valid until March 1, 2026, before the day it is priced, April 1, 2026\./);
      assert.equal(await page.getAttribute("#q_valid_until", "aria-invalid"), "true");
      await page.fill("#q_valid_until", "2026-04-30");
      assert.equal(await page.locator("#err-q_valid_until").isHidden(), true);
    });
  });

  test("on a phone: the total on the first screen, section 3 on a Multi-year Plan, a short stepper that says what a decline means, 44 px targets", async () => {
    await withPage("quote-phone", "/", async (page) => {
      await loaded(page);
      await page.fill("#start_date", "2026-01-01");
      await page.fill("#as_of", "2026-04-01");
      await page.evaluate(() => window.scrollTo(0, 0));
      const glance = await page.locator("#glance").boundingBox();
      assert.ok(glance.y + glance.height <= 812, `the summary ends at ${Math.round(glance.y + glance.height)} px`);
      assert.match(await text(page, "#glance"), /Due for this order: \$753\.42 · Next renewal once added \(January 1, 2027\): \$3,000\.00/);

      // A default card that cannot take the rest: declined, said in words; Due and the outcome fit one screen.
      await page.fill("#balance", "1000.00");
      await page.fill("#card-credit-0", "1000.00");
      await page.click("#step-reset");
      for (let i = 0; i < 3; i += 1) await page.click("#step-next");
      assert.match(await text(page, "#steps li.current"), /Declined\. \$1,000\.00 was collected from the balance; the other \$2,000\.00 was not collected\. The default card visa-4242 can take only \$1,000\.00/);
      assert.match(await text(page, "#step-summary"), /Due \$3,000\.00 on January 1, 2027 → Declined: \$1,000\.00 collected, \$2,000\.00 not collected/);
      const top = await page.locator("#step-summary").boundingBox();
      const end = await page.locator("#steps li.current").boundingBox();
      assert.ok(end.y + end.height - top.y <= 812, `from Due to the outcome: ${Math.round(end.y + end.height - top.y)} px`);

      // Touch targets: 44 px (a radio or checkbox through its label).
      const small = await page.evaluate(() => [...document.querySelectorAll("button, input, select, textarea, summary")]
        .filter((el) => el.getClientRects().length && !el.closest(".sr-only"))
        .map((el) => [el.id || el.textContent.trim().slice(0, 30) || el.tagName, (el.type === "radio" || el.type === "checkbox") ? el.closest("label").getBoundingClientRect() : el.getBoundingClientRect()])
        .filter(([, r]) => r.height < 43.5 || r.width < 43.5)
        .map(([n, r]) => `${n} ${r.width.toFixed(0)}×${r.height.toFixed(0)}`));
      assert.deepEqual(small, [], "every control is at least 44 × 44 px on a phone");

      // On a Multi-year Plan section 3 says how the account pays; the numbering goes on 1, 2, 3, 4, 5.
      await page.selectOption("#account", "myp");
      await page.selectOption("#payment_method", "card");
      assert.match(await text(page, "#renewal"), /no subscription to renew[\s\S]*This order is paid by a saved card\./);
      const headings = await page.locator("main section.card:visible h2").allInnerTexts();
      assert.deepEqual(headings.filter((t) => /^\d\./.test(t)).map((t) => t[0]), ["1", "2", "3", "4", "5"]);
      assert.deepEqual(await axe(page, "quote-phone-myp"), []);
    }, { viewport: { width: 375, height: 812 } });
  });

  test("coverage: which license covers each line and how many free slots are used, when the module tells", async () => {
    await withPage("quote-coverage", "/", async (page) => {
      await loaded(page);
      await customer(page);
      // The example's three FQDN names use license 3's three free slots (the module's covered_by and slots).
      assert.match(await text(page, "#estimate-out"), /free — covered by the subscription\s+license 3 \(3 free domain \(FQDN\) slots\)/);
      assert.match(await text(page, "#estimate-out ul.slots"), /3 of 3 domain \(FQDN\) slots used by this order, 0 left/);
      await page.locator("#estimate-out").screenshot({ path: "target/e2e/quote-coverage-estimate.png" });
      // The page's own rendering of the module's fields, given an answer that has them.
      const shown = await page.evaluate(async () => {
        const c = await import("/js/coverage.js");
        const licenses = [{ kind: "bound", asset: "*.shop.example", asset_type: "wildcard", quantity: "1" },
          { kind: "slots", asset: "", asset_type: "fqdn", quantity: "3" }];
        return {
          bound: c.coveredByText({ covered: true, covered_by: 0 }, licenses),
          slots: c.coveredByText({ covered: true, covered_by: 1 }, licenses),
          charged: c.coveredByText({ covered: false }, licenses),
          pools: [...c.slotsView({ slots: [{ asset_type: "fqdn", free: 3, used: 2, left: 1 }, { asset_type: "wildcard", free: 1, used: 1, left: 0 }] }).children].map((li) => li.textContent),
          none: c.slotsView({ lines: [] }),
        };
      });
      assert.equal(shown.bound, "license 1 (*.shop.example)");
      assert.equal(shown.slots, "license 2 (3 free domain (FQDN) slots)");
      assert.equal(shown.charged, null);
      assert.equal(shown.none, null);
      assert.deepEqual(shown.pools, ["2 of 3 domain (FQDN) slots used by this order, 1 left", "1 of 1 wildcard domain slot used by this order, 0 left"]);
    });
  });
});
