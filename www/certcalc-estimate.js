// <certcalc-estimate>: the estimator a partner drops into its own page with one module script.
//
//   <script type="module" src="/certcalc/certcalc-estimate.js"></script>
//   <certcalc-estimate price-list="prices.json" product="ssl_securesite_flex" names="www.example.com"></certcalc-estimate>
//
// Attributes: `product` (a product_name_id; required), `price-list` (a same-origin URL or inline JSON; the
// embedded sample list when absent), `names` (initial names, one per line or comma-separated), `years`
// (initial order length, 1–3, Multi-year Plan), `subscription` (inline JSON: price the names as additions to
// this subscription instead), `as-of` (the pricing day; today when absent), `locale` (for amounts).
// Every figure comes from the wasm module. It fires `certcalc-estimate` (bubbling, composed) with the
// module's estimate as `detail` after each successful estimate.

import { atDots, h, put, problem } from "./js/dom.js";
import { money } from "./js/format.js";
import { today } from "./js/dates.js";
import { certificate, namesLabel, splitNames } from "./js/request.js";
import { plain } from "./js/messages.js";

// The pricing module, or why it cannot start, said inside each element with the fix. Its JS and its wasm are
// requested together as soon as this file runs (a page can start both sooner still: embed.html's preload
// links). The JS is imported dynamically so that a missing file is this message, not an element that never
// appears.
let cc = null;
const WASM = new URL("./pkg/certcalc_bg.wasm", import.meta.url);
const ready = (async () => {
  const broken = (message, cause) => Object.assign(new Error(cause === undefined ? message
    : `${message} The browser said: ${cause?.message ?? cause}`), { code: "module" });
  if (typeof WebAssembly !== "object") {
    throw broken("this browser cannot run WebAssembly (too old, or WebAssembly is turned off): prices need a current browser.");
  }
  const wasm = fetch(WASM);
  wasm.catch(() => {});
  let glue;
  try {
    glue = await import("./pkg/certcalc.js");
  } catch (e) {
    throw broken("the pricing module could not be loaded: ./pkg/certcalc.js, beside this element's certcalc-estimate.js, " +
      "is missing or refused (it comes with certcalc_bg.wasm and snippets/, and the page's script-src must allow it).", e);
  }
  let response;
  try {
    response = await wasm;
  } catch (e) {
    throw broken(`the pricing module's ${WASM.pathname} could not be fetched.`, e);
  }
  if (!response.ok) {
    throw broken(`the pricing module's ${WASM.pathname} could not be fetched (HTTP ${response.status}): ` +
      "it belongs beside certcalc.js, served as application/wasm.");
  }
  const notWasm = () => broken(`the pricing module's ${WASM.pathname} was answered with a page, not the wasm: the file is ` +
    "missing behind a catch-all route, or a bundler moved the module away from it (Vite 5–7's dev server needs " +
    'optimizeDeps: { exclude: ["certcalc"] }).');
  if ((response.headers.get("content-type") ?? "").startsWith("text/html")) throw notWasm();
  try {
    await glue.default({ module_or_path: response });
  } catch (e) {
    if (/magic word/.test(String(e?.message))) throw notWasm();
    throw broken(/CSP|Content.Security|unsafe-eval/i.test(String(e?.message)) || e?.name === "EvalError"
      ? "the pricing module could not start. A page's Content-Security-Policy must allow it: script-src 'self' 'wasm-unsafe-eval'."
      : "the pricing module could not start: this browser may be too old for it (prices need a current browser), " +
        "or the page's Content-Security-Policy lacks script-src 'self' 'wasm-unsafe-eval'.", e);
  }
  cc = glue;
})();
ready.catch(() => {});

// Its styles: a stylesheet beside this file, one request for every element on the page. The npm package's
// one-file bundle carries them inside instead, as a constructed stylesheet, which no bundler can turn into a
// data: URL that a page's CSP refuses (scripts/package-web.mjs replaces this line).
const styles = () => h("link", { rel: "stylesheet", href: new URL("./certcalc-estimate.css", import.meta.url).href });
let uid = 0;

/** Reads `price-list`: inline JSON when it looks like an object, else a URL fetched from this origin. */
async function loadList(value) {
  const text = (value ?? "").trim();
  if (!text) return null;
  if (text.startsWith("{")) return JSON.parse(text);
  const url = new URL(text, document.baseURI);
  if (url.origin !== location.origin) throw new Error(`the price list must come from this site, not ${url.origin}`);
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`the price list ${url.pathname} could not be read (HTTP ${res.status})`);
  return res.json();
}

class CertcalcEstimate extends HTMLElement {
  static observedAttributes = ["product", "price-list", "names", "years", "subscription", "as-of", "locale"];

  constructor() {
    super();
    const id = `cc${(uid += 1)}`;
    this.ids = { names: `${id}-names`, years: `${id}-years` };
    this.list = null;
    this.checked = undefined;
    this.listError = null;
    this.loaded = null;
    this.loadedFrom = undefined;
    this.namesPending = null;
    const root = this.attachShadow({ mode: "open" });
    this.heading = h("p", { class: "product", part: "product" });
    this.namesLabel = h("label", { for: this.ids.names, text: "Domains, one per line" });
    this.names = h("textarea", { id: this.ids.names, rows: "3", spellcheck: "false", autocomplete: "off", part: "names" });
    this.years = h("select", { id: this.ids.years, part: "years" },
      [1, 2, 3].map((n) => h("option", { value: String(n), text: n === 1 ? "1 year" : `${n} years` })));
    this.yearsField = h("div", { class: "field" }, h("label", { for: this.ids.years, text: "Order length" }), this.years);
    this.out = h("div", { class: "out", part: "result" });
    // What a screen reader hears: one sentence, once typing pauses, and only when it says something new.
    this.live = h("p", { class: "sr-only", role: "status" });
    this.liveTimer = null;
    this.names.addEventListener("input", () => this.price());
    this.years.addEventListener("change", () => this.price());
    put(root,
      styles(root),
      h("form", { class: "box", part: "form", novalidate: true, onsubmit: (e) => e.preventDefault() },
        this.heading,
        h("div", { class: "field" }, this.namesLabel, this.names),
        this.yearsField),
      this.out, this.live,
      h("p", { class: "by", text: "Prices estimated by certcalc" }));
  }

  connectedCallback() {
    this.reload();
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    // Names are split once the product's family is known: an organization name may hold a comma.
    if (name === "names") this.namesPending = after ?? "";
    if (name === "years") this.years.value = ["1", "2", "3"].includes(after) ? after : "1";
    if (name === "price-list") this.reload();
    else if (this.isConnected) this.price();
  }

  async reload() {
    if (!this.isConnected) return;
    const value = this.getAttribute("price-list");
    // An element upgraded with a price-list attribute is told twice (the attribute, then the connection):
    // one read of the list serves both.
    if (this.loaded && this.loadedFrom === value) return;
    this.loadedFrom = value;
    const loading = (this.loaded = (async () => {
      // The list is fetched while the module starts, not after.
      const read = loadList(value);
      read.catch(() => {});
      try {
        await ready;
      } catch (e) {
        this.list = null;
        this.listError = e;
        return;
      }
      this.checked?.free();
      this.checked = undefined;
      try {
        this.list = await read;
        // Read and checked once, here: every keystroke prices with it as it is.
        if (this.list) this.checked = cc.priceList(this.list);
        this.listError = null;
      } catch (e) {
        this.list = null;
        this.listError = e;
      }
    })());
    await loading;
    if (this.loaded === loading) this.price();
  }

  async price() {
    // Nothing is shown before the price list is in: `reload` prices once it is.
    if (!this.loaded) return;
    await this.loaded;
    if (this.listError) {
      const e = this.listError;
      this.show(null, e.errors?.map((p) => ({ ...p, message: `price-list: ${p.message}` }))
        ?? [{ code: e.code ?? "price_list", message: String(e.message ?? e) }]);
      return;
    }
    const list = this.list ?? cc.catalog();
    const id = this.getAttribute("product") ?? "";
    const product = list.products?.find?.((p) => p.product_name_id === id);
    this.heading.textContent = product?.name ?? id;
    this.namesLabel.textContent = namesLabel(product?.family);
    if (this.namesPending !== null) {
      const org = product?.family === "code_signing" || product?.family === "document_signing";
      this.names.value = org ? this.namesPending.split("\n")[0].trim() : splitNames(this.namesPending).join("\n");
      this.namesPending = null;
    }
    let sub = null;
    const subText = this.getAttribute("subscription");
    if (subText) {
      try {
        sub = JSON.parse(subText);
      } catch (e) {
        this.show(null, [{ code: "invalid_value:subscription", message: `the subscription attribute is not JSON: ${e.message}` }]);
        return;
      }
    }
    this.yearsField.hidden = !!sub;
    const cert = certificate(product?.family ?? "tls", this.names.value);
    this.family = product?.family;
    this.count = (cert.dns_names ?? cert.emails ?? [cert.organization].filter(Boolean)).length;
    if (!Object.values(cert).some((v) => (Array.isArray(v) ? v.length : v))) {
      put(this.out, h("p", { class: "prompt", text: "Enter what the certificate protects to see its price." }));
      this.announce("");
      return;
    }
    const req = { product_name_id: id, certificate: cert, as_of: this.getAttribute("as-of") || today() };
    if (sub) req.subscription = sub;
    else req.order_validity = { years: Number(this.years.value) };
    try {
      const est = cc.estimate(req, this.checked);
      this.show(est, null);
      this.dispatchEvent(new CustomEvent("certcalc-estimate", { detail: est, bubbles: true, composed: true }));
    } catch (e) {
      this.show(null, e.errors ?? [{ code: e.code ?? "error", message: String(e.message ?? e) }]);
    }
  }

  show(est, problems) {
    const locale = this.getAttribute("locale") || undefined;
    if (problems) {
      const ctx = { family: this.family, account: this.getAttribute("subscription") ? "subscription" : "myp", names: this.count };
      put(this.out, h("p", { class: "refused", text: "Not priced:" }), h("ul", { class: "problems" }, problems.map((p) => h("li", {}, problem(p, ctx)))));
      this.announce(`Not priced. ${problems.map((p) => plain(p, ctx) ?? p.message).join(" ")}`);
      return;
    }
    const cur = est.currency;
    const basis = (l) => (l.covered ? "included in your subscription"
      : l.remaining_days !== undefined ? `${l.remaining_days} of ${l.term_days} days left`
        : l.remaining_months !== undefined ? `${l.remaining_months} of 12 months left`
          : l.years !== undefined ? `${l.years} ${l.years === 1 ? "year" : "years"}` : "");
    put(this.out,
      h("p", { class: "total" }, h("span", { text: "Total" }), " ", h("strong", { part: "total", text: money(est.total_price, cur, locale) })),
      h("ul", { class: "lines" }, est.lines.map((l) => h("li", {},
        h("span", { class: "asset" }, atDots(l.asset)),
        h("span", { class: "basis", text: basis(l) }),
        h("span", { class: "price", text: money(l.price, cur, locale) })))),
      est.renewal_total_after !== undefined
        ? h("p", { class: "after", text: `Your next renewal: ${money(est.renewal_total_after, cur, locale)}` }) : null);
    const n = est.lines.length;
    this.announce(`Total ${money(est.total_price, cur, locale)} for ${n} ${n === 1 ? "name" : "names"}.${est.renewal_total_after !== undefined ? ` Your next renewal: ${money(est.renewal_total_after, cur, locale)}.` : ""}`);
  }

  /** Puts `text` in the live region after a pause in typing, unless it is what it already says. */
  announce(text) {
    clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(() => { if (this.live.textContent !== text) this.live.textContent = text; }, 700);
  }
}


if (!customElements.get("certcalc-estimate")) customElements.define("certcalc-estimate", CertcalcEstimate);

export { CertcalcEstimate };
