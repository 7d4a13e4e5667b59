// scripts/serve.mjs as a static host: brotli or gzip (node:zlib) for clients that ask, an ETag that a browser
// revalidates (304), `Vary: Accept-Encoding`, and the page's CSP on every answer. The wasm module's size on
// the wire is measured in Chromium (Resource Timing) and from the raw HTTP answers.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { stat } from "node:fs/promises";
import { origin, withPage } from "./harness.mjs";
import { pickEncoding } from "../../scripts/serve.mjs";

const WASM = new URL("../../www/pkg/certcalc_bg.wasm", import.meta.url);

/** A raw GET (no decompression): status, headers and the body's length on the wire. */
function get(path, headers = {}) {
  return new Promise((ok, fail) => {
    const req = request(origin + path, { headers }, (res) => {
      let n = 0;
      res.on("data", (c) => { n += c.length; });
      res.on("end", () => ok({ status: res.statusCode, headers: res.headers, bytes: n }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("the server", () => {
  test("Accept-Encoding picks brotli, then gzip, and nothing when refused", () => {
    assert.equal(pickEncoding("gzip, deflate, br, zstd"), "br");
    assert.equal(pickEncoding("gzip"), "gzip");
    assert.equal(pickEncoding("br;q=0, gzip;q=0.5"), "gzip");
    assert.equal(pickEncoding("identity"), null);
    assert.equal(pickEncoding(""), null);
    assert.equal(pickEncoding(undefined), null);
    assert.equal(pickEncoding("*"), "br");
  });

  test("the wasm module goes compressed, with an ETag, Vary and the CSP, and revalidates to 304", async () => {
    await withPage("serve", "/", async () => {});
    const raw = (await stat(WASM)).size;
    const plain = await get("/pkg/certcalc_bg.wasm");
    assert.equal(plain.status, 200);
    assert.equal(plain.headers["content-encoding"], undefined);
    assert.equal(plain.bytes, raw);
    const br = await get("/pkg/certcalc_bg.wasm", { "accept-encoding": "gzip, deflate, br" });
    const gz = await get("/pkg/certcalc_bg.wasm", { "accept-encoding": "gzip" });
    assert.equal(br.headers["content-encoding"], "br");
    assert.equal(gz.headers["content-encoding"], "gzip");
    assert.equal(Number(br.headers["content-length"]), br.bytes);
    assert.ok(br.bytes < raw * 0.5, `brotli ${br.bytes} B of ${raw} B`);
    assert.ok(gz.bytes < raw * 0.55, `gzip ${gz.bytes} B of ${raw} B`);
    for (const r of [plain, br, gz]) {
      assert.equal(r.headers.vary, "Accept-Encoding");
      assert.equal(r.headers["cache-control"], "no-cache");
      assert.match(r.headers.etag ?? "", /^"[A-Za-z0-9_-]+"$/);
      assert.match(r.headers["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
      assert.equal(r.headers["content-type"], "application/wasm");
    }
    assert.notEqual(br.headers.etag, plain.headers.etag, "each encoding has its own ETag");
    const again = await get("/pkg/certcalc_bg.wasm", { "accept-encoding": "br", "if-none-match": br.headers.etag });
    assert.equal(again.status, 304);
    assert.equal(again.bytes, 0);
    // The page too: compressed HTML with its CSP.
    const html = await get("/", { "accept-encoding": "br" });
    assert.equal(html.headers["content-encoding"], "br");
    assert.match(html.headers["content-security-policy"], /default-src 'self'/);
    console.log(`wasm: ${raw} B raw, ${br.bytes} B brotli, ${gz.bytes} B gzip`);
  });

  test("in Chromium the wasm module's transferred size is well under its raw size", async () => {
    await withPage("serve-chromium", "/", async (page) => {
      await page.locator("#list-info").filter({ hasText: /\d+ products?/ }).waitFor();
      const t = await page.evaluate(() => {
        // The page loads the whole API's module (www/pkg/full/).
        const e = performance.getEntriesByType("resource").find((x) => /\/pkg\/.*_bg\.wasm$/.test(x.name));
        return e && { name: new URL(e.name).pathname, encoded: e.encodedBodySize, decoded: e.decodedBodySize, transfer: e.transferSize };
      });
      const raw = (await stat(new URL(`../../www${t.name}`, import.meta.url))).size;
      assert.equal(t.decoded, raw);
      assert.ok(t.encoded > 0 && t.encoded < raw * 0.5, `transferred ${t.encoded} B for ${raw} B`);
      console.log(`wasm in Chromium: ${t.encoded} B on the wire (${t.transfer} B with headers), ${t.decoded} B decoded`);
    });
  });
});
