// Price-list import: paste JSON or CSV, or read a file (locally: nothing is uploaded), have the module check
// it, and either use it or show each of its problems with its code (and, for CSV, its line). Nothing is used
// unless the whole list is good. The list in use can be downloaded as CSV. The module has no "check a list" call, so the
// list is checked by quoting an empty subscription with it: the list is read before anything else, and an
// empty subscription has nothing else to refuse.

import { $, h, put, problem } from "./dom.js";
import { download } from "./csv.js";
import { parsePriceListCsv, priceListCsv } from "./pricelist-csv.js";


export class PriceListImport {
  /** `ctx`: `{ cc, current(), use(list|null) }`. */
  constructor(ctx) {
    this.ctx = ctx;
    $("pricelist-use").addEventListener("click", () => this.take($("pricelist-text").value));
    $("pricelist-show").addEventListener("click", () => {
      $("pricelist-text").value = JSON.stringify(this.ctx.current(), null, 2);
      this.clear();
    });
    $("pricelist-reset").addEventListener("click", () => { this.clear(); this.ctx.use(null); });
    $("pricelist-csv").addEventListener("click", () => download("certcalc-price-list.csv", priceListCsv(this.ctx.current())));
    $("pricelist-file").addEventListener("change", async (e) => {
      const file = e.target.files?.[0];
      if (!file) return;
      if (file.size > 5_000_000) { this.show([{ code: "file_too_large", message: `${file.name} is over 5 MB; a price list is far smaller.` }]); return; }
      const text = await file.text();
      $("pricelist-text").value = text;
      this.take(text, file.name);
      e.target.value = "";
    });
  }

  clear() {
    const box = $("err-pricelist");
    box.hidden = true;
    put(box);
  }

  /** `problems`: the module's `{ code, message }`, or the page's `{ line, message }` for a CSV row; a module
   * problem of a CSV list carries the `line` its product came from. */
  show(problems) {
    const box = $("err-pricelist");
    put(box, h("p", { text: "This price list was not imported (nothing of it is used):" }),
      h("ul", {}, problems.map((p) => h("li", {}, p.line ? h("strong", { text: `Line ${p.line}: ` }) : null, p.code ? problem(p) : p.message))));
    box.hidden = false;
  }

  /** Parses and checks `text` (JSON, or CSV by the file's name or when it does not start with `{`); uses
   * the list when the module accepts all of it. */
  take(text, name = "") {
    this.clear();
    const csv = /\.csv$/i.test(name) || (!/\.json$/i.test(name) && !/^\s*[{[]/.test(text) && /,/.test(text));
    if (csv) return this.takeCsv(text);
    let list;
    try {
      list = JSON.parse(text);
    } catch (e) {
      this.show([{ code: "invalid_json", message: `Not JSON: ${e.message}` }]);
      return false;
    }
    if (!list || typeof list !== "object" || Array.isArray(list)) {
      this.show([{ code: "invalid_value:price_list", message: "A price list is an object: { currency, products: [...] }." }]);
      return false;
    }
    try {
      this.ctx.cc.priceList(list).free();
    } catch (e) {
      this.show(e.errors ?? [{ code: e.code ?? "error", message: e.message }]);
      return false;
    }
    this.ctx.use(list);
    return true;
  }

  takeCsv(text) {
    let read;
    try {
      read = parsePriceListCsv(text);
    } catch (e) {
      read = { problems: [{ line: 1, message: String(e?.message ?? e) }] };
    }
    if (read.problems) { this.show(read.problems); return false; }
    try {
      this.ctx.cc.priceList(read.list).free();
    } catch (e) {
      // The module's path names the product (`products[2].annual_prices.fqdn`): told at that product's line.
      const first = read.lines[0] ?? 2;
      this.show((e.errors ?? [{ code: e.code ?? "error", message: e.message }]).map((p) => {
        const k = /^products\[(\d+)\]/.exec(p.path ?? "")?.[1];
        return { ...p, line: k === undefined ? first : read.lines[Number(k)] ?? first };
      }));
      return false;
    }
    this.ctx.use(read.list);
    return true;
  }
}
