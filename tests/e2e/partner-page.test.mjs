// A partner's tasks, done the way a person does them in the page: its customers imported from a spreadsheet
// that names products and asset types in words (replacing the sample subaccounts), a template to fill in,
// and the month at a glance. Figures are worked out by hand from the sample price list (Secure Site OV
// 1000.00 a wildcard and 400.00 an FQDN; Basic OV 200.00 an FQDN; Code Signing 500.00).

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { axe, downloaded, loaded, text, withPage } from "./harness.mjs";


const CUSTOMERS = [
  "id,name,bill_parent,start_date,product,asset_type,asset,quantity,balance,card",
  "northwind,Northwind,true,2026-01-01,Secure Site OV,Wildcard,*.northwind.example,,,",
  "northwind,,,,secure site ov,FQDN,,3,,",
  "contoso,Contoso,false,2025-12-15,Basic OV,fqdn,,5,300.00,contoso-mc",
  "fabrikam,Fabrikam,true,2026-09-01,Code Signing,Organization,,1,,",
].join("\r\n");

describe("a partner's month", () => {
  test("an import by product names and asset types in words replaces the sample subaccounts; the template imports as it is", async () => {
    await withPage("partner-import-names", "/", async (page) => {
      await loaded(page);
      await page.fill("#as_of", "2026-12-01");
      await page.locator("#import summary").click();
      await page.setInputFiles("#import-file", { name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(CUSTOMERS) });
      await page.locator("#import-ask-h").waitFor();
      assert.match(await text(page, "#import-status"), /Read 3 subaccounts \(Northwind, Contoso, Fabrikam\)\. The partner view already has 3/);
      await page.click("#import-replace");
      assert.match(await text(page, "#import-status"), /Imported 3 subaccounts, in place of the ones that were there/);
      assert.equal(await page.locator("#subaccounts fieldset.subaccount").count(), 3);
      assert.equal(await page.inputValue("#sub-0-lic-product-1"), "ssl_securesite_flex");
      assert.equal(await page.inputValue("#sub-0-lic-type-1"), "fqdn");
      // northwind: 1000.00 + 3 × 400.00; contoso: 5 × 200.00; fabrikam: 500.00.
      const table = await page.locator("#partner-out table").first().innerText();
      assert.match(table, /Contoso \(contoso\)\s+December 15, 2026\s+\$1,000\.00\s+Contoso\s+Northwind \(northwind\)\s+January 1, 2027\s+\$2,200\.00\s+Partner\s+Fabrikam \(fabrikam\)\s+September 1, 2027\s+\$500\.00\s+Partner/);
      // Back returns to the sample subaccounts.
      await page.goBack();
      await page.locator("#sub-0-name[value='Acme Corp']").or(page.locator("#sub-0-name")).first().waitFor();
      await page.waitForFunction(() => document.querySelector("#sub-0-name")?.value === "Acme Corp");
      await page.goForward();
      await page.waitForFunction(() => document.querySelector("#sub-0-name")?.value === "Northwind");

      // The template lists the list's products by name, and imports as it is.
      const template = await downloaded(page, "#import-template");
      const rows = template.text.split("\r\n");
      assert.equal(rows[0], "id,name,bill_parent,start_date,proration,product,asset_type,asset,quantity,balance,card,available_credit");
      assert.equal(rows[1], "example,Example customer,true,2026-12-01,daily,Basic OV,domain (FQDN),,1,,,");
      assert.ok(rows.includes("example,,,,,Secure Site OV,wildcard domain,,1,,,"), template.text);
      assert.ok(rows.includes("example,,,,,Code Signing,organization,,1,,,"), template.text);
      await page.setInputFiles("#import-file", { name: "template.csv", mimeType: "text/csv", buffer: Buffer.from(template.text) });
      await page.click("#import-add");
      assert.match(await text(page, "#import-status"), /Imported 1 subaccount: Example customer/);
      assert.equal(await page.locator("#subaccounts fieldset.subaccount").count(), 4);
      assert.deepEqual(await axe(page, "partner-import-names"), []);
    });
  });

  test("a reseller's price list from a spreadsheet: problems by line, nothing applied until all is good, the list in use as CSV", async () => {
    await withPage("price-list-csv", "/", async (page) => {
      await loaded(page);
      await page.fill("#start_date", "2026-01-01");
      await page.fill("#as_of", "2026-04-01");
      assert.equal(await text(page, "#total"), "$753.42");
      const bad = [
        "product_name_id,name,family,currency,fqdn,wildcard",
        "ssl_basic,Basic OV,tls,EUR,190.00,560.00",
        "ssl_securesite_flex,Secure Site OV,tlss,EUR,350.00,900.00",
        'ssl_securesite_pro,Secure Site Pro OV,tls,EUR,"1,000.00",',
        "secure_email_mailbox,Secure Email Mailbox,secure_email,USD,,",
      ].join("\n");
      await page.setInputFiles("#pricelist-file", { name: "prices.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
      await page.locator("#err-pricelist").filter({ hasText: "Line 3" }).waitFor();
      const report = await text(page, "#err-pricelist");
      assert.match(report, /nothing of it is used/);
      assert.match(report, /Line 3: family is one of tls, .*not "tlss"/);
      assert.match(report, /Line 4: the 12-month fqdn price is an amount such as 400\.00, not "1,000\.00"/);
      assert.match(report, /Line 5: currency USD differs from EUR on line 2/);
      assert.match(report, /Line 5: no 12-month price/);
      assert.doesNotMatch(report, /Line 2:/);
      assert.equal(await text(page, "#total"), "$753.42", "the list in use is unchanged");

      // Every row reads, but the module refuses one: told at that row's line.
      const refused = "product_name_id,name,family,currency,fqdn,email_address\nssl_basic,Basic OV,tls,EUR,190.00,\nssl_securesite_flex,Secure Site OV,tls,EUR,350.00,25.00\n";
      await page.fill("#pricelist-text", refused);
      await page.click("#pricelist-use");
      assert.match(await text(page, "#err-pricelist"), /Line 3:\s[\s\S]*email_address/);
      assert.equal(await text(page, "#total"), "$753.42");

      const good = "Product_Name_ID,Name,Family,Currency,Label,FQDN,Wildcard,wildcard_2_years\r\n"
        + "ssl_basic,Basic OV,tls,EUR,Example Hosting's prices,190.00,560.00,\r\n"
        + "ssl_securesite_flex,Secure Site OV,tls,EUR,,350.00,900.00,1700.00\r\n";
      await page.setInputFiles("#pricelist-file", { name: "prices.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
      await page.locator("#list-info").filter({ hasText: "Example Hosting's prices · EUR · 2 products" }).waitFor();
      // 900.00 × 275 / 365 = 678.08.
      assert.equal(await text(page, "#total"), "€678.08");
      // A Multi-year Plan order of 2 years is the list's 2-year price.
      await page.selectOption("#account", "myp");
      await page.selectOption("#validity_unit", "years");
      await page.fill("#validity_value", "2");
      assert.equal(await text(page, "#total"), "€1,700.00");
      await page.selectOption("#account", "subscription");
      await page.selectOption("#validity_unit", "days");

      const out = await downloaded(page, "#pricelist-csv");
      assert.equal(out.name, "certcalc-price-list.csv");
      assert.equal(out.text, "product_name_id,name,family,currency,label,fqdn,wildcard,wildcard_2_years\r\n"
        + "ssl_basic,Basic OV,tls,EUR,Example Hosting's prices,190.00,560.00,\r\n"
        + "ssl_securesite_flex,Secure Site OV,tls,EUR,,350.00,900.00,1700.00\r\n");
      // The sample list downloads too, and reads back as it was.
      await page.click("#pricelist-reset");
      const sample = await downloaded(page, "#pricelist-csv");
      assert.match(sample.text, /^product_name_id,name,family,currency,label,fqdn,wildcard,email_domain,email_address,organization\r\nssl_basic,Basic OV,tls,USD,/);
      await page.setInputFiles("#pricelist-file", { name: "sample.csv", mimeType: "text/csv", buffer: Buffer.from(sample.text) });
      await page.locator("#list-info").filter({ hasText: "· USD · 14 products" }).waitFor();
      assert.equal(await page.locator("#err-pricelist").isHidden(), true);
      assert.equal(await text(page, "#total"), "$753.42");
      assert.deepEqual(await axe(page, "price-list-csv"), []);
    });
  });

  test("the month at a glance: the next 30 days and the next renewal month, who pays, the chart's values, colours that stay", async () => {
    await withPage("partner-glance", "/", async (page) => {
      await loaded(page);
      await page.fill("#as_of", "2026-06-10");
      await page.fill("#partner_balance", "2500.00");
      await page.fill("#partner_card", "partner-visa");
      await page.fill("#sub-0-start_date", "2025-06-20"); // acme, billed to the partner: renews 2026-06-20 for 2200.00
      await page.fill("#sub-1-start_date", "2025-06-15"); // globex pays itself: 2026-06-15, 1000.00
      await page.fill("#sub-2-start_date", "2025-07-05"); // initech, billed to the partner: 2026-07-05, 500.00
      const soon = await text(page, "#glance-30");
      assert.match(soon, /Due in the next 30 days \(June 10, 2026 to July 9, 2026\)/);
      // The window's totals are the module's roll-up of those renewals.
      assert.match(soon, /3 renewals: \$3,700\.00 — Partner pays \$2,700\.00; Globex pays \$1,000\.00/);
      assert.match(soon, /Globex, June 15, 2026: \$1,000\.00, paid by Globex \(paid: balance \$300\.00, then card globex-mc \$700\.00\)\s+Acme Corp, June 20, 2026: \$2,200\.00, paid by Partner \(paid: balance \$2,200\.00\)\s+Initech, July 5, 2026: \$500\.00, paid by Partner \(paid: balance \$300\.00, then card partner-visa \$200\.00\)/);
      const month = await text(page, "#glance-month");
      assert.match(month, /The next renewal month: June 2026\s+2 renewals: \$3,200\.00 — Partner pays \$2,200\.00; Globex pays \$1,000\.00/);
      assert.doesNotMatch(month, /Initech/);

      // The charges are open beside the chart, and the bars show their values.
      assert.equal(await page.locator("#ledger-out tbody tr").first().isVisible(), true);
      const chart = await page.locator("#chart").boundingBox();
      const ledger = await page.locator("#ledger-out").boundingBox();
      assert.ok(ledger.x > chart.x + chart.width - 1, "the table is beside the chart at desktop width");
      const values = await page.locator("#chart svg text.bar-value").allTextContents();
      assert.ok(values.includes("$2.2K"), JSON.stringify(values));
      // A payer's colour is its own: removing another subaccount does not change it.
      const globex = await page.locator("#chart svg rect.bar[data-payer=globex]").first().getAttribute("class");
      const partner = await page.locator("#chart svg rect.bar[data-payer=partner]").first().getAttribute("class");
      await page.locator("#subaccounts fieldset.subaccount").first().locator("button.remove-sub").click();
      assert.equal(await page.locator("#chart svg rect.bar[data-payer=globex]").first().getAttribute("class"), globex);
      assert.equal(await page.locator("#chart svg rect.bar[data-payer=partner]").first().getAttribute("class"), partner);
      assert.notEqual(globex, partner);
      assert.deepEqual(await axe(page, "partner-glance"), []);
    });
  });
});
