// The page's whole state, and its round trip through the URL hash (`#q=` + base64url of the JSON), so a
// quote can be shared by its address. Whatever a hash holds is checked field by field before use: it only
// ever reaches form values and text nodes.

import { iso, monthStart, parts, today } from "./dates.js";

export function defaults() {
  const now = today();
  const start = monthStart(now, -3);
  const [y, m] = parts(monthStart(now, -2));
  return {
    account: "subscription",
    sub: {
      start_date: start,
      proration: "daily",
      licenses: [
        { product_name_id: "ssl_securesite_flex", asset_type: "wildcard", kind: "bound", asset: "*.a.example", quantity: "1" },
        { product_name_id: "ssl_securesite_flex", asset_type: "wildcard", kind: "bound", asset: "*.b.example", quantity: "1" },
      ],
    },
    est: { product: "ssl_securesite_flex", names: "*.c.example", as_of: now, vunit: "days", vvalue: "397", payment_method: "balance" },
    quote: { customer: "", reference: "", valid_until: "" },
    // The example's balance and cards were not typed by the reader: they are marked as a sample until edited,
    // and a printed quote leaves them out.
    pay: {
      which: "after", balance: "1000.00", step: 0, sample: true,
      cards: [
        { id: "visa-4242", is_default: true, available_credit: "" },
        { id: "amex-1005", is_default: false, available_credit: "" },
      ],
    },
    partner: {
      balance: "2500.00", card: "partner-visa", credit: "",
      subs: [
        { id: "acme", name: "Acme Corp", bill_parent: true, start_date: monthStart(now, -8), proration: "daily",
          licenses: [
            { product_name_id: "ssl_securesite_flex", asset_type: "wildcard", kind: "bound", asset: "*.acme.example", quantity: "1" },
            { product_name_id: "ssl_securesite_flex", asset_type: "fqdn", kind: "slots", asset: "", quantity: "3" },
          ], balance: "0.00", card: "", credit: "" },
        { id: "globex", name: "Globex", bill_parent: false, start_date: iso(y, m, 15), proration: "daily",
          licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", kind: "slots", asset: "", quantity: "5" }],
          balance: "300.00", card: "globex-mc", credit: "" },
        { id: "initech", name: "Initech", bill_parent: true, start_date: monthStart(now, 4), proration: "daily",
          licenses: [{ product_name_id: "code_signing", asset_type: "organization", kind: "slots", asset: "", quantity: "1" }],
          balance: "0.00", card: "", credit: "" },
      ],
    },
    list: null,
  };
}

/** A quote that starts blank: today's subscription term, nothing in it, no names, no payment details, no
 * subaccounts. */
export function blankState() {
  const now = today();
  return {
    account: "subscription",
    sub: { start_date: now, proration: "daily", licenses: [] },
    est: { product: "ssl_securesite_flex", names: "", as_of: now, vunit: "", vvalue: "", payment_method: "balance" },
    quote: { customer: "", reference: "", valid_until: "" },
    pay: { which: "after", balance: "0.00", step: 0, sample: false, cards: [] },
    partner: { balance: "0.00", card: "", credit: "", subs: [] },
    list: null,
  };
}

const str = (v, d = "", max = 20000) => (typeof v === "string" ? v.slice(0, max) : typeof v === "number" ? String(v) : d);
const bool = (v, d = false) => (typeof v === "boolean" ? v : d);
const oneOf = (v, allowed, d) => (allowed.includes(v) ? v : d);
const list = (v, item, max = 200) => (Array.isArray(v) ? v.slice(0, max).map(item) : []);
const obj = (v) => (v && typeof v === "object" && !Array.isArray(v) ? v : {});

function license(v) {
  v = obj(v);
  return {
    product_name_id: str(v.product_name_id, "", 200), asset_type: str(v.asset_type, "", 40),
    kind: oneOf(v.kind, ["bound", "slots"], "slots"), asset: str(v.asset, "", 300), quantity: str(v.quantity, "1", 20),
    ...(typeof v.added_on === "string" && v.added_on ? { added_on: v.added_on.slice(0, 20) } : {}),
  };
}

function card(v) {
  v = obj(v);
  return { id: str(v.id, "", 100), is_default: bool(v.is_default), available_credit: str(v.available_credit, "", 40) };
}

function subaccount(v) {
  v = obj(v);
  return {
    id: str(v.id, "", 100), name: str(v.name, "", 200), bill_parent: bool(v.bill_parent, true),
    start_date: str(v.start_date, "", 20), proration: oneOf(v.proration, ["daily", "monthly"], "daily"),
    licenses: list(v.licenses, license), balance: str(v.balance, "0.00", 40), card: str(v.card, "", 100),
    credit: str(v.credit, "", 40),
  };
}

/** A state read from untrusted JSON: every field has its type, or its default. */
export function conform(v) {
  const d = defaults();
  v = obj(v);
  const sub = obj(v.sub), est = obj(v.est), pay = obj(v.pay), partner = obj(v.partner), quote = obj(v.quote);
  return {
    account: oneOf(v.account, ["subscription", "myp"], d.account),
    sub: {
      start_date: str(sub.start_date, d.sub.start_date, 20),
      proration: oneOf(sub.proration, ["daily", "monthly"], "daily"),
      licenses: Array.isArray(sub.licenses) ? list(sub.licenses, license) : d.sub.licenses,
    },
    est: {
      product: str(est.product, d.est.product, 200), names: str(est.names, "", 50000),
      as_of: str(est.as_of, d.est.as_of, 20), vunit: oneOf(est.vunit, ["", "days", "years"], d.est.vunit),
      vvalue: str(est.vvalue, "", 20), payment_method: str(est.payment_method, "balance", 40),
    },
    quote: { customer: str(quote.customer, "", 200), reference: str(quote.reference, "", 100), valid_until: str(quote.valid_until, "", 20) },
    pay: {
      which: oneOf(pay.which, ["current", "after"], "after"), balance: str(pay.balance, "0.00", 40), sample: bool(pay.sample),
      step: Number.isInteger(pay.step) && pay.step >= 0 && pay.step < 10 ? pay.step : 0,
      cards: Array.isArray(pay.cards) ? list(pay.cards, card, 20) : d.pay.cards,
    },
    partner: {
      balance: str(partner.balance, d.partner.balance, 40), card: str(partner.card, "", 100),
      credit: str(partner.credit, "", 40),
      subs: Array.isArray(partner.subs) ? list(partner.subs, subaccount, 1000) : d.partner.subs,
    },
    // The module checks an imported list in full before the page uses it.
    list: v.list && typeof v.list === "object" ? v.list : null,
  };
}

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const bin = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export function toHash(state) {
  return `#q=${toBase64Url(JSON.stringify(state))}`;
}

/** What an address holds: `{ state }`, `{ broken: true }` (a `#q=` that cannot be read: cut short, edited,
 * garbage) or `{ none: true }` (no quote in it). A broken link is never replaced silently: the page says so. */
export function readHash(hash) {
  const h = hash ?? "";
  if (h === "" || h === "#") return { none: true };
  if (!h.startsWith("#q=")) return { none: true };
  const m = /^#q=([A-Za-z0-9_-]+)$/.exec(h);
  if (!m) return { broken: true };
  try {
    const v = JSON.parse(fromBase64Url(m[1]));
    if (!v || typeof v !== "object" || Array.isArray(v)) return { broken: true };
    return { state: conform(v) };
  } catch {
    return { broken: true };
  }
}

/** The state a hash holds, or null when it holds none (or garbage). */
export function fromHash(hash) {
  return readHash(hash).state ?? null;
}

/** The refusal example: the seed example with a validity one day over the subscription's 397. */
export function refusalExample() {
  const d = defaults();
  d.est.vvalue = "398";
  return d;
}
