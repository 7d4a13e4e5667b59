// The page and the element for the people who use them: axe-core in every tested state (both
// pages, light and dark), layouts from 320 to 1440 px, touch targets, focus and live regions, the first view,
// broken share links, reset, print, CSV export and the subaccount import. Same harness as page.test.mjs: each
// test fails on a request off the origin, a CSP violation, a console or script error, or a page wider than a
// phone, and saves a desktop and a phone screenshot under target/e2e/.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { axe, downloaded, loaded, overflow, printedPages, text, withPage } from "./harness.mjs";

const focusedId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

/** Counts the text changes of the live regions matching `selector` (in the document and in shadow roots). */
async function countAnnouncements(page, selector) {
  await page.evaluate((sel) => {
    window.__announced = [];
    const roots = [document, ...[...document.querySelectorAll("*")].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    for (const root of roots) {
      for (const el of root.querySelectorAll(sel)) {
        new MutationObserver(() => window.__announced.push(el.id ? `${el.id}: ${el.textContent}` : el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
      }
    }
  }, selector);
  return () => page.evaluate(() => window.__announced);
}

/** Reads the file a click downloads. */
async function seed(page) {
  await loaded(page);
  await page.fill("#start_date", "2026-01-01");
  await page.fill("#as_of", "2026-04-01");
}

describe("the page for the people who use it", () => {
  test("the first view is a successful estimate of the seed example, with 0 serious axe violations", async () => {
    await withPage("first-view", "/", async (page) => {
      await loaded(page);
      // The prorated wildcard, its renewal, the payment: no refusal, nothing red.
      assert.match(await text(page, "#estimate-out"), /prorated: \d+ of 36[56] days left/);
      assert.match(await text(page, "#total"), /^\$\d/);
      assert.match(await text(page, "#renewal-after"), /^\$3,000\.00$/);
      assert.match(await text(page, "#step-status"), /is due/);
      assert.equal(await page.locator("main .field-error:visible").count(), 0, "no error box on the first view");
      assert.equal(await page.locator("[aria-invalid=true]").count(), 0, "no field marked invalid");
      assert.equal(await page.locator(".verdict.refused").count(), 0, "no refusal on the first view");
      assert.deepEqual(await axe(page, "page-first-view"), []);
      // The refusal example is one click away.
      await page.click("#example-refusal");
      assert.equal(await page.locator(".verdict.refused").count(), 1);
      assert.match(await text(page, "#err-validity"), /at most 397 days/);
      assert.deepEqual(await axe(page, "page-refusals"), []);
      assert.equal(await focusedId(page), "example-refusal");
    });
  });

  test("the filled form and the partner view have no serious axe violation, in light and dark mode", async () => {
    for (const colorScheme of ["light", "dark"]) {
      await withPage(`axe-filled-${colorScheme}`, "/", async (page) => {
        await seed(page);
        await page.fill("#names", "*.c.example\nshop.example\nmail.example");
        await page.click("#step-next");
        await page.click("#step-next");
        if (colorScheme === "dark") {
          const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor + " " + getComputedStyle(document.documentElement).backgroundColor);
          assert.match(bg, /rgb\(18, 22, 28\)/, "dark mode paints the page dark");
        }
        assert.deepEqual(await axe(page, `page-filled-${colorScheme}`), []);
        await page.locator("#partner").scrollIntoViewIfNeeded();
          await page.locator("#import summary").click();
        assert.deepEqual(await axe(page, `page-partner-${colorScheme}`), []);
        await page.selectOption("#account", "myp");
        assert.deepEqual(await axe(page, `page-multi-year-plan-${colorScheme}`), []);
      }, { colorScheme });
    }
  });

  test("layouts from 320 to 1440 px: no horizontal overflow, a readable chart, 24 px touch targets", async () => {
    await withPage("layout", "/", async (page) => {
      await seed(page);
      await page.locator("#import summary").click();
      await page.locator("#renewal details summary").click();
      for (const width of [320, 375, 414, 768, 1024, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(120);
        assert.deepEqual(await overflow(page), [], `nothing sticks out at ${width} px`);
        // The chart's axis labels stay at their CSS size (12 px) however narrow the screen.
        const tick = await page.locator("#chart svg text.tick").first().boundingBox();
        assert.ok(tick.height >= 11, `chart labels ${tick.height.toFixed(1)} px tall at ${width} px`);
        const small = await page.evaluate(() => [...document.querySelectorAll("button, input, select, textarea, summary")]
          .filter((el) => el.getClientRects().length && !el.closest(".sr-only"))
          .map((el) => [el.id || el.textContent.trim().slice(0, 30) || el.tagName, el.getBoundingClientRect()])
          .filter(([, r]) => r.width < 23.5 || r.height < 23.5)
          .map(([n, r]) => `${n} ${r.width.toFixed(0)}×${r.height.toFixed(0)}`));
        assert.deepEqual(small, [], `every control is at least 24 × 24 px at ${width} px`);
      }
      await page.setViewportSize({ width: 1200, height: 900 });
    });
  });

  test("live regions speak once, in words, and only when something changed", async () => {
    await withPage("live-regions", "/", async (page) => {
      await seed(page);
      await page.waitForTimeout(800);
      const heard = await countAnnouncements(page, "[aria-live], [role=status], [role=alert]");
      // Typing a name key by key: the summary is said once, after the pause, with the new figures; the stepper
      // says once what is due now; the price-list line (which did not change) is not said again.
      await page.locator("#names").focus();
      await page.keyboard.press("End");
      await page.keyboard.type("\nshop.example", { delay: 30 });
      await page.waitForTimeout(1000);
      const said = await heard();
      assert.deepEqual(said.filter((x) => x.startsWith("summary: ")).length, 1, `the summary once: ${JSON.stringify(said)}`);
      assert.match(said.find((x) => x.startsWith("summary: ")), /^summary: Due for this order: \$1,054\.79\. Next renewal once added: \$3,400\.00\. To order it, first add the 2 uncovered assets to the subscription\.$/);
      assert.deepEqual(said.filter((x) => x.startsWith("step-status: ")), ["step-status: $3,400.00 is due. Step through who pays it."]);
      assert.equal(said.filter((x) => x.startsWith("list-info: ")).length, 0, "the price-list line is not said again");
      assert.equal(said.length, 2, JSON.stringify(said));
      // The same figures again (a name typed and taken back): nothing is said.
      await page.keyboard.type("x", { delay: 30 });
      await page.keyboard.press("Backspace");
      await page.waitForTimeout(1000);
      assert.equal((await heard()).length, 2, JSON.stringify(await heard()));
      // A refusal is read in words, not as a bare code.
      await page.fill("#validity_value", "398");
      await page.waitForTimeout(900);
      const summary = await page.locator("#summary").textContent();
      assert.match(summary, /No estimate\. On a subscription a certificate of this product lasts at most 397 days/);
      assert.doesNotMatch(summary, /invalid_value/);
    });
  });

  test("a broken share link says so and keeps the address; the reader chooses to start over", async () => {
    const good = "#q=" + Buffer.from(JSON.stringify({ est: { product: "ssl_basic", names: "www.example.org", as_of: "2026-04-01" } })).toString("base64url");
    for (const [name, hash] of [["cut-short", good.slice(0, 30)], ["garbage", "#q=garbage!!"]]) {
      await withPage(`broken-link-${name}`, `/${hash}`, async (page) => {
        await loaded(page);
        await page.locator("#link-notice").waitFor();
        assert.match(await text(page, "#link-notice"), /could not be read/);
        assert.equal(await focusedId(page), "link-notice");
        // Typing does not overwrite the address either.
        await page.fill("#names", "other.example");
        await page.waitForTimeout(100);
        assert.equal(new URL(page.url()).hash, hash, "the address is kept");
        await page.click("#link-start-over");
        assert.equal(await page.locator("#link-notice").isHidden(), true);
        assert.match(new URL(page.url()).hash, /^#q=[A-Za-z0-9_-]{40,}$/);
        assert.equal(await page.inputValue("#names"), "*.c.example");
        assert.notEqual(await focusedId(page), "BODY");
      });
    }
  });

  test("start over brings back the example", async () => {
    await withPage("reset", "/", async (page) => {
      await seed(page);
      await page.fill("#names", "a.example\nb.example");
      await page.selectOption("#account", "myp");
      await page.fill("#partner_balance", "1.00");
      await page.click("#reset");
      assert.equal(await page.inputValue("#account"), "subscription");
      assert.equal(await page.inputValue("#names"), "*.c.example");
      assert.equal(await page.inputValue("#partner_balance"), "2500.00");
      assert.equal(await page.locator("#licenses .license").count(), 2);
      assert.match(await text(page, "#estimate-out"), /prorated/);
      assert.equal(await focusedId(page), "reset");
    });
  });

  test("print: one clean page with the quote and no form control", async () => {
    await withPage("print", "/", async (page) => {
      await seed(page);
      // The button asks the browser to print (stubbed here: a headless print dialog does nothing).
      await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed ?? 0) + 1; }; });
      await page.click("#print");
      assert.equal(await page.evaluate(() => window.__printed), 1);
      await page.emulateMedia({ media: "print" });
      const controls = await page.evaluate(() => [...document.querySelectorAll("input, select, textarea, button")].filter((e) => e.getClientRects().length).length);
      assert.equal(controls, 0, "no form control prints");
      const quote = await text(page, "#quote");
      assert.match(quote, /Account\s+Subscription, term from January 1, 2026/);
      assert.match(quote, /Priced as of\s+April 1, 2026/);
      assert.match(quote, /Price list\s+.+\(USD\)/);
      assert.match(quote, /\*\.c\.example\s+wildcard domain\s+prorated: 275 of 365 days left\s+\$1,000\.00\s+\$753\.42/);
      assert.match(quote, /Due for this order\s+\$753\.42/);
      assert.match(quote, /Renewal on January 1, 2027: \$2,000\.00 as the subscription is; \$3,000\.00 once this order's assets are added/);
      assert.equal(await printedPages(page, "quote"), 1, "the quote prints on one page");
    });
  });

  test("CSV export: the estimate's lines and the partner roll-up, in RFC 4180", async () => {
    await withPage("csv-export", "/", async (page) => {
      await seed(page);
      await page.fill("#names", "*.c.example\nshop.example");
      const est = await downloaded(page, "#export-estimate");
      assert.equal(est.name, "certcalc-estimate-2026-04-01.csv");
      // Words for the asset types and the basis, the product and the pricing day, and the module's total.
      assert.equal(est.text, "customer,reference,valid_until,part,product,pricing_day,asset,asset_type,basis,annual_price,remaining_days,term_days,remaining_months,years,price,currency\r\n"
        + ",,,order,Secure Site OV,2026-04-01,*.c.example,wildcard domain,prorated: 275 of 365 days left,1000.00,275,365,,,753.42,USD\r\n"
        + ",,,order,Secure Site OV,2026-04-01,shop.example,domain (FQDN),prorated: 275 of 365 days left,400.00,275,365,,,301.37,USD\r\n"
        + ",,,order total,Secure Site OV,2026-04-01,,,,,,,,,1054.79,USD\r\n");
      // A name with a comma or a quote is quoted (RFC 4180 §2.6–2.7).
      await page.fill("#sub-0-name", 'Acme, "the" Corp');
      await page.fill("#sub-0-start_date", "2026-01-01");
      await page.fill("#sub-1-start_date", "2025-06-15");
      await page.fill("#sub-2-start_date", "2026-09-01");
      const subs = await downloaded(page, "#export-subaccounts");
      assert.equal(subs.text, "id,name,renewal_date,renewal_total,payer,currency\r\n"
        + 'acme,"Acme, ""the"" Corp",2027-01-01,2200.00,partner,USD\r\n'
        + "globex,Globex,2026-06-15,1000.00,globex,USD\r\n"
        + "initech,Initech,2027-09-01,500.00,partner,USD\r\n");
      const payers = await downloaded(page, "#export-payers");
      const rows = payers.text.split("\r\n");
      assert.equal(rows[0], "payer,payer_renewal_total,subaccount,renewal_date,amount_due,status,from_balance,card_id,from_card,collected,shortfall,balance_after,currency");
      assert.equal(rows[1], "partner,2700.00,acme,2027-01-01,2200.00,paid,2200.00,,,2200.00,0.00,300.00,USD");
      assert.equal(rows[2], "partner,2700.00,initech,2027-09-01,500.00,paid,300.00,partner-visa,200.00,500.00,0.00,0.00,USD");
      assert.equal(rows[3], "globex,1000.00,globex,2026-06-15,1000.00,paid,300.00,globex-mc,700.00,1000.00,0.00,0.00,USD");
      assert.equal(rows[4], "");
    });
  });

  test("importing subaccounts: bad rows are reported by line and nothing is half-imported; good CSV and JSON are added", async () => {
    await withPage("csv-import", "/", async (page) => {
      await seed(page);
      await page.locator("#import summary").click();
      const before = await page.locator("#subaccounts fieldset.subaccount").count();
      const bad = [
        "id,name,bill_parent,start_date,product_name_id,asset_type,asset,quantity",
        "hooli,Hooli,true,2026-02-01,ssl_basic,fqdn,,2",
        "pied,Pied Piper,maybe,2026-03-01,ssl_basic,fqdn,,1",
        "soylent,Soylent,false,2026-13-45,ssl_basic,fqdn,,1",
        "umbrella,Umbrella,true,2026-02-01,ssl_basic,fqdn,,1.5",
        "vandelay,Vandelay,true,2026-02-01,no_such_product,fqdn,,1",
        '"acme",Acme again,true,2026-02-01,ssl_basic,fqdn,,1',
      ].join("\n");
      await page.setInputFiles("#import-file", { name: "subs.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
      await page.locator("#import-status .import-bad").waitFor();
      const report = await text(page, "#import-status");
      assert.match(report, /Nothing was imported/);
      assert.match(report, /Line 3: bill_parent is true or false/);
      assert.match(report, /Line 4: start_date is a date/);
      assert.match(report, /Line 5: quantity is a whole number/);
      assert.doesNotMatch(report, /Line 2:/);
      assert.equal(await page.locator("#subaccounts fieldset.subaccount").count(), before, "nothing was added");
      // The page's own checks pass; the module refuses the product: reported at its line too.
      const engineBad = "id,start_date,product_name_id,asset_type,quantity\nhooli,2026-02-01,ssl_basic,fqdn,2\nvandelay,2026-02-01,no_such_product,fqdn,1\n";
      await page.fill("#import-text", engineBad);
      await page.click("#import-use");
      assert.match(await text(page, "#import-status"), /Line 3: vandelay, license no_such_product fqdn: .*invalid_value:product_name_id/);
      assert.equal(await page.locator("#subaccounts fieldset.subaccount").count(), before);
      assert.deepEqual(await axe(page, "page-import-problems"), []);

      // A good CSV: two subaccounts, one with two licenses (quoted names with a comma and with quotes).
      const good = 'id,name,bill_parent,start_date,proration,product_name_id,asset_type,asset,quantity,balance,card\r\n'
        + 'hooli,"Hooli, Inc.",true,2026-02-01,daily,ssl_basic,fqdn,,2,,\r\n'
        + 'hooli,,,,,ssl_securesite_flex,wildcard,*.hooli.example,,,\r\n'
        + 'pied,"Pied ""Piper""",false,2026-03-01,monthly,ssl_basic,fqdn,,1,100.00,pp-visa\r\n';
      await page.setInputFiles("#import-file", { name: "subs.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
      // Subaccounts are already there: the page asks whether to replace them or add to them.
      await page.locator("#import-ask-h").waitFor();
      assert.match(await text(page, "#import-status"), /Read 2 subaccounts \(Hooli, Inc\., Pied "Piper"\)\. The partner view already has 3/);
      assert.equal(await page.locator("#subaccounts fieldset.subaccount").count(), before, "nothing is added before the reader says how");
      await page.click("#import-add");
      await page.locator("#import-status .import-ok").waitFor();
      assert.match(await text(page, "#import-status"), /Imported 2 subaccounts/);
      assert.equal(await page.locator("#subaccounts fieldset.subaccount").count(), before + 2);
      const table = page.locator("#partner-out table").first();
      // hooli: 2 × 200.00 + 1000.00 = 1400.00 on 2027-02-01, billed to the partner; pied pays its own 200.00.
      assert.match(await table.innerText(), /Hooli, Inc\. \(hooli\)\s+February 1, 2027\s+\$1,400\.00\s+Partner/);
      assert.match(await table.innerText(), /Pied "Piper" \(pied\)\s+March 1, 2027\s+\$200\.00\s+Pied "Piper"/);

      // JSON as partnerRollup takes it; a bad item is reported at its line.
      const json = JSON.stringify([
        { id: "wonka", name: "Wonka", bill_parent: true, subscription: { start_date: "2026-05-01", licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", quantity: 1 }] } },
        { id: "", name: "no id", subscription: { start_date: "2026-05-01", licenses: [] } },
      ], null, 2);
      await page.fill("#import-text", json);
      await page.click("#import-use");
      assert.match(await text(page, "#import-status"), /Line 17: subaccount 2: id is empty/);
      await page.fill("#import-text", JSON.stringify({ subaccounts: [JSON.parse(json)[0]] }));
      await page.click("#import-use");
      await page.click("#import-add");
      assert.match(await text(page, "#import-status"), /Imported 1 subaccount: Wonka/);
      assert.equal(await page.locator("#subaccounts fieldset.subaccount").count(), before + 3);
    });
  });

  test("a price list without a subaccount's product: the roll-up stays, and the problem is listed once", async () => {
    await withPage("partner-missing-product", "/", async (page) => {
      await seed(page);
      const list = { currency: "USD", label: "No code signing", products: [
        { product_name_id: "ssl_basic", name: "Basic OV", family: "tls", annual_prices: { fqdn: "200.00", wildcard: "600.00" } },
        { product_name_id: "ssl_securesite_flex", name: "Secure Site OV", family: "tls", annual_prices: { fqdn: "400.00", wildcard: "1000.00" } }] };
      await page.fill("#pricelist-text", JSON.stringify(list));
      await page.click("#pricelist-use");
      await page.locator("#list-info").filter({ hasText: "No code signing" }).waitFor();
      // initech's code signing license is not in the list: initech is left out, the others are rolled up.
      assert.match(await text(page, "#partner-out"), /Left out of the roll-up until fixed .*Initech/);
      assert.match(await page.locator("#partner-out table").first().innerText(), /Acme Corp \(acme\)/);
      const box = await text(page, "#sub-2-error");
      const codes = box.match(/invalid_value:[a-z_]+/g) ?? [];
      assert.ok(codes.length >= 1, box);
      assert.equal(new Set(codes).size, codes.length, `each problem once: ${box}`);
      // told at its place in the partner's list (the third subaccount), as the module's path says
      assert.match(box, /subaccounts\[2\]\.subscription\.licenses\[0\]\.product_name_id: 'code_signing'/);
      assert.equal(await page.locator("#err-partner").isHidden(), true, "not repeated at the partner");
    });
  });
});

describe("the element for the people who use it", () => {
  test("axe: 0 serious violations on the embed page, first view and refusals, light and dark", async () => {
    for (const colorScheme of ["light", "dark"]) {
      await withPage(`embed-axe-${colorScheme}`, "/embed.html", async (page) => {
        await page.locator("#flex strong").filter({ hasText: "€1,250.00" }).waitFor();
        await page.locator("#addition strong").filter({ hasText: "$753.42" }).waitFor();
        assert.deepEqual(await axe(page, `embed-first-view-${colorScheme}`), []);
        await page.fill("#flex textarea", "bad name!");
        await page.locator("#flex ul.problems").waitFor();
        // The refusal keeps its list semantics, and says in words what is wrong.
        assert.equal(await page.locator("#flex ul.problems").getAttribute("role"), null);
        assert.match(await page.locator("#flex ul.problems").innerText(), /not a domain a certificate can protect/);
        assert.deepEqual(await axe(page, `embed-refusal-${colorScheme}`), []);
      }, { colorScheme });
    }
  });

  test("comma-separated names typed into the box are priced; the result is announced once, in words", async () => {
    await withPage("embed-commas", "/embed.html", async (page) => {
      await page.locator("#flex strong").filter({ hasText: "€1,250.00" }).waitFor();
      await page.waitForTimeout(900);
      const heard = await countAnnouncements(page, "[role=status], [aria-live]");
      await page.locator("#flex textarea").fill("");
      await page.locator("#flex textarea").pressSequentially("a.example, b.example", { delay: 25 });
      await page.locator("#flex strong").filter({ hasText: "€700.00" }).waitFor();
      await page.waitForTimeout(1000);
      const said = await heard();
      assert.deepEqual(said, ["Total €700.00 for 2 names."]);
      // Nothing new: nothing said.
      await page.selectOption("#flex select", "1");
      await page.waitForTimeout(900);
      assert.equal((await heard()).length, 1);
    });
  });
});
