// A partner's tasks, done the way a person does them in the page: its customers imported from a spreadsheet
// that names products and asset types in words (replacing the sample subaccounts), a template to fill in,
// and the month at a glance. Figures are worked out by hand from the sample price list (Secure Site OV
// 1000.00 a wildcard and 400.00 an FQDN; Basic OV 200.00 an FQDN; Code Signing 500.00).

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { axe, withPage } from "./harness.mjs";

const text = (page, selector) => page.locator(selector).innerText();
const loaded = (page) => page.locator("#list-info").filter({ hasText: /\d+ products?/ }).waitFor();

async function downloaded(page, selector) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}

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
});
