// Price-list import: paste JSON or read a file (locally: nothing is uploaded), have the module check it, and
// either use it or show each of its problems with its code. The module has no "check a list" call, so the
// list is checked by quoting an empty subscription with it: the list is read before anything else, and an
// empty subscription has nothing else to refuse.

import { $, h, put, problem } from "./dom.js";


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
    $("pricelist-file").addEventListener("change", async (e) => {
      const file = e.target.files?.[0];
      if (!file) return;
      if (file.size > 5_000_000) { this.show([{ code: "file_too_large", message: `${file.name} is over 5 MB; a price list is far smaller.` }]); return; }
      const text = await file.text();
      $("pricelist-text").value = text;
      this.take(text);
    });
  }

  clear() {
    const box = $("err-pricelist");
    box.hidden = true;
    put(box);
  }

  show(problems) {
    const box = $("err-pricelist");
    put(box, h("p", { text: "This price list was not imported:" }),
      h("ul", {}, problems.map((p) => h("li", {}, problem(p)))));
    box.hidden = false;
  }

  /** Parses and checks `text`; uses the list when the module accepts it. */
  take(text) {
    this.clear();
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
}
