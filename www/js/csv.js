// CSV export and the subaccount import. Export writes the module's answers as they are (decimal strings,
// ISO dates) in RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, a quote or a
// line break (Papa Parse's unparse). Import reads a partner's subaccounts from CSV (Papa Parse) or JSON, and
// reports every bad row with its line number; the caller adds nothing unless every row is good.
//
// Papa Parse is served from this origin (www/vendor/papaparse.min.js, copied from node_modules by
// `make build-web`) as a classic script, so it is `globalThis.Papa` here.

import { assetTypeOf, productOf } from "./names.js";

const papa = () => {
  if (!globalThis.Papa) throw new Error("the CSV library (vendor/papaparse.min.js) did not load");
  return globalThis.Papa;
};

/** Rows (arrays) → RFC 4180 text. Cells starting with = + - @ are not quoted as formulas: an asset or a name
 * is text, and amounts are never negative, so Papa's `escapeFormulae` is off and values stay as written. */
export function toCsv(header, rows) {
  return `${papa().unparse({ fields: header, data: rows }, { newline: "\r\n", quotes: false, header: true })}\r\n`;
}

const opt = (v) => (v === undefined || v === null ? "" : String(v));

export const ESTIMATE_HEADER = ["customer", "reference", "valid_until", "part", "product", "pricing_day", "asset", "asset_type",
  "basis", "annual_price", "remaining_days", "term_days", "remaining_months", "years", "price", "currency"];

/** How a line is priced, in words (the same words as on the page). */
export function basis(l) {
  if (l.covered) return "free: covered by the subscription";
  if (l.remaining_days !== undefined) return `prorated: ${l.remaining_days} of ${l.term_days} days left`;
  if (l.remaining_months !== undefined) return `prorated: ${l.remaining_months} of 12 months left`;
  if (l.years !== undefined) return `${l.years} ${l.years === 1 ? "year" : "years"}`;
  return "full price";
}

/**
 * The quote's lines, one row each, as the module answered them: first each addition to the subscription
 * (charged the day it was added) and its total, then the order's lines and its total. Totals are the
 * module's `total_price`, never summed here. `q`: `{ quote: { customer, reference, valid_until }, est,
 * productName, additions: [{ added_on, productName, value }], typeLabel, coveredBy? }` (`coveredBy(line)`:
 * words for the license that covers a line, when the module tells).
 */
export function estimateCsv(q) {
  const { quote, est, typeLabel } = q;
  const by = q.coveredBy ?? (() => null);
  const head = [quote.customer, quote.reference, quote.valid_until];
  const rows = [];
  const lines = (part, product, day, e) => {
    for (const l of e.lines) {
      rows.push([...head, part, product, day, l.asset, typeLabel(l.asset_type), [basis(l), by(l)].filter(Boolean).join(" — "), opt(l.annual_price), opt(l.remaining_days),
        opt(l.term_days), opt(l.remaining_months), opt(l.years), l.price, e.currency]);
    }
  };
  const total = (part, product, day, e) => rows.push([...head, part, product, day, "", "", "", "", "", "", "", "", e.total_price, e.currency]);
  for (const a of q.additions ?? []) {
    if (!a.value) continue;
    lines("added to the subscription", a.productName, a.added_on, a.value);
    total("total added to the subscription", a.productName, a.added_on, a.value);
  }
  lines("order", q.productName, est.as_of, est);
  total("order total", q.productName, est.as_of, est);
  return toCsv(ESTIMATE_HEADER, rows);
}

export const SUBACCOUNTS_HEADER = ["id", "name", "renewal_date", "renewal_total", "payer", "currency"];

/** The roll-up per subaccount. */
export function subaccountsCsv(r) {
  return toCsv(SUBACCOUNTS_HEADER, r.subaccounts.map((x) => [x.id, opt(x.name), x.renewal_date, x.renewal_total, x.payer, r.currency]));
}

export const PAYERS_HEADER = ["payer", "payer_renewal_total", "subaccount", "renewal_date", "amount_due", "status",
  "from_balance", "card_id", "from_card", "collected", "shortfall", "balance_after", "currency"];

/** The roll-up per payer: one row per renewal it pays (in the module's order), or one row with its total
 * when it pays none. */
export function payersCsv(r) {
  const rows = [];
  for (const p of r.payers) {
    if (!p.payments?.length) { rows.push([p.payer, p.renewal_total, "", "", "", "", "", "", "", "", "", "", r.currency]); continue; }
    for (const pay of p.payments) {
      const bal = pay.steps.find((s) => s.source === "account_balance");
      const card = pay.steps.find((s) => s.source === "credit_card");
      rows.push([p.payer, p.renewal_total, opt(pay.subaccount), opt(pay.renewal_date), opt(pay.amount_due), pay.status,
        opt(bal?.charged), opt(card?.card_id), opt(card?.charged), pay.collected, pay.shortfall, opt(pay.balance_after), r.currency]);
    }
  }
  return toCsv(PAYERS_HEADER, rows);
}

/** Offers `text` as a file download (a Blob URL on this origin; nothing is uploaded). */
export function download(name, text, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- import ---------------------------------------------------------------------------------------------

export const IMPORT_HEADER = ["id", "name", "bill_parent", "start_date", "proration", "product_name_id", "asset_type",
  "asset", "quantity", "balance", "card", "available_credit"];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date written YYYY-MM-DD (2026-02-30 is not one). */
function realDate(v) {
  if (!DATE.test(v)) return false;
  const [y, m, d] = v.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
const BOOL = { true: true, yes: true, 1: true, false: false, no: false, 0: false };

/** A subaccount as the page holds it (state.js `subaccount`). */
function blank(id) {
  return { id, name: "", bill_parent: true, start_date: "", proration: "daily", licenses: [], balance: "0.00", card: "", credit: "" };
}

/** The line (1-based) of each offset in `text`. */
function lineAt(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
    return lo + 1;
  };
}

/**
 * CSV with a header row (IMPORT_HEADER's columns, any order; `id` is required, the rest may be left out):
 * one row per license, rows of the same `id` are one subaccount (its fields on its first row; later rows
 * may leave them empty but not contradict them); a row with no product is a subaccount with no license.
 * Returns `{ subs: [{ sub, line }] }` or `{ problems: [{ line, message }] }`.
 */
/**
 * Papa Parse's rows of `text` (empty lines skipped), each `{ data, errors, line }` with the line it starts
 * on, 1-based (a quoted cell may span lines). With `header`, the first line is the header (`fields`) and each
 * row's `data` an object by column; without, every row (the header too) is an array of cells.
 */
export function csvRows(text, { header = false, transformHeader } = {}) {
  const t = String(text ?? "").replace(/^\uFEFF/, "");
  const line = lineAt(t);
  // Papa's cursor is where each row ends; with a header, the first data row starts after its line.
  let prevCursor = header ? t.indexOf("\n") + 1 : 0;
  let fields = null;
  const rows = [];
  papa().parse(t, {
    header, skipEmptyLines: "greedy", transformHeader,
    step: (res) => {
      let at = prevCursor;
      prevCursor = res.meta.cursor;
      fields ??= res.meta.fields ?? null;
      // The row starts after the line break that ended the previous one.
      while (at < t.length && (t[at] === "\r" || t[at] === "\n")) at += 1;
      rows.push({ data: res.data, errors: res.errors, line: line(at) });
    },
  });
  return { fields, rows };
}

export function parseCsv(text, products = []) {
  const productId = productOf(products);
  const problems = [];
  const byId = new Map();
  const { fields: header, rows } = csvRows(text, {
    // "product" is read as product_name_id: the column may hold the product's name.
    header: true, transformHeader: (h) => (h.trim().toLowerCase() === "product" ? "product_name_id" : h.trim().toLowerCase()),
  });
  if (!header || !header.includes("id")) {
    return { problems: [{ line: 1, message: `the first line is the header and names an "id" column (columns: ${IMPORT_HEADER.join(", ")})` }] };
  }
  const unknown = header.filter((h) => h && !IMPORT_HEADER.includes(h));
  if (unknown.length) problems.push({ line: 1, message: `unknown column ${unknown.map((u) => JSON.stringify(u)).join(", ")} (columns: ${IMPORT_HEADER.join(", ")})` });
  for (const row of rows) {
    const bad = (message) => problems.push({ line: row.line, message });
    for (const e of row.errors) bad(e.code === "TooManyFields" ? "more fields than the header has" : e.code === "TooFewFields" ? "fewer fields than the header has" : e.message);
    if (row.errors.length) continue;
    const get = (k) => String(row.data[k] ?? "").trim();
    checkRow(get, bad, byId, row.line, productId);
  }
  for (const { sub } of byId.values()) if (!sub.name) sub.name = sub.id;
  if (!rows.length) problems.push({ line: 2, message: "no subaccount: the file has a header and no rows" });
  return problems.length ? { problems } : { subs: [...byId.values()] };
}

/** Checks one row (a CSV row, or a JSON subaccount flattened to one row per license) into `byId`. */
function checkRow(get, bad, byId, line, productId = (v) => v) {
  const id = get("id");
  if (!id) { bad("id is empty: every row names its subaccount's id"); return; }
  if (id.toLowerCase() === "partner") { bad("a subaccount may not be called \"partner\" (that is the partner's own payer name)"); return; }
  let entry = byId.get(id);
  const fresh = !entry;
  if (fresh) { entry = { sub: blank(id), line, set: new Set() }; byId.set(id, entry); }
  const sub = entry.sub;
  const field = (key, value, check) => {
    if (value === "") return;
    const err = check ? check(value) : null;
    if (err) { bad(err); return; }
    if (entry.set.has(key) && String(sub[key]) !== String(value)) { bad(`${key} "${value}" differs from "${sub[key]}" given for ${id} on line ${entry.line}`); return; }
    sub[key] = value;
    entry.set.add(key);
  };
  field("name", get("name"));
  const bp = get("bill_parent").toLowerCase();
  if (bp !== "") {
    if (!(bp in BOOL)) bad(`bill_parent is true or false, not "${get("bill_parent")}"`);
    else field("bill_parent", BOOL[bp]);
  }
  field("start_date", get("start_date"), (v) => (realDate(v) ? null : `start_date is a date, YYYY-MM-DD, not "${v}"`));
  field("proration", get("proration").toLowerCase(), (v) => (v === "daily" || v === "monthly" ? null : `proration is daily or monthly, not "${v}"`));
  field("balance", get("balance"), (v) => (/^\d+(\.\d+)?$/.test(v) ? null : `balance is an amount such as 1000.00, not "${v}"`));
  field("card", get("card"));
  field("credit", get("available_credit"), (v) => (/^\d+(\.\d+)?$/.test(v) ? null : `available_credit is an amount such as 500.00, not "${v}"`));
  // A product by its id or its name, an asset type in any case or in words ("FQDN", "Wildcard").
  const product = get("product_name_id") && productId(get("product_name_id")), type = get("asset_type") && assetTypeOf(get("asset_type"));
  const asset = get("asset"), quantity = get("quantity");
  if (!product && !type && !asset && !quantity) {
    if (fresh && !get("start_date")) bad(`start_date is required on the first row of ${id}`);
    return;
  }
  if (fresh && !get("start_date")) bad(`start_date is required on the first row of ${id}`);
  if (!product) { bad("product_name_id is empty: a license names its product"); return; }
  if (!type) { bad("asset_type is empty: a license names its asset type (fqdn, wildcard, email_domain, email_address, organization)"); return; }
  if (asset && quantity) { bad("give either asset (a bound license) or quantity (free slots), not both"); return; }
  if (!asset && !/^\d{1,9}$/.test(quantity)) { bad(quantity ? `quantity is a whole number of free slots, at least 1, not "${quantity}"` : "give asset (a bound license) or quantity (free slots)"); return; }
  if (!asset && Number(quantity) < 1) { bad("quantity is at least 1"); return; }
  sub.licenses.push(asset
    ? { product_name_id: product, asset_type: type, kind: "bound", asset, quantity: "1", line }
    : { product_name_id: product, asset_type: type, kind: "slots", asset: "", quantity: String(Number(quantity)), line });
}

/** Offsets where each subaccount object of the JSON text starts: the items of a root array, or of the root
 * object's `subaccounts` array (a portfolio as partnerRollup takes it). */
function itemOffsets(text) {
  const out = [];
  const stack = []; // { type: "{"|"[", key }
  let key = null, lastString = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      lastString = text.slice(i + 1, j);
      i = j;
      continue;
    }
    if (c === ":") { key = lastString; continue; }
    if (c === "{" || c === "[") {
      const parent = stack[stack.length - 1];
      const isItem = c === "{" && parent?.type === "[" && (stack.length === 1 || (stack.length === 2 && stack[0].type === "{" && parent.key === "subaccounts"));
      if (isItem) out.push(i);
      stack.push({ type: c, key: parent?.type === "{" ? key : null });
      key = null;
      continue;
    }
    if (c === "}" || c === "]") { stack.pop(); continue; }
    if (c === ",") key = null;
  }
  return out;
}

/** JSON: an array of subaccounts, or `{ subaccounts: [...] }`, in partnerRollup's shape (`id`, `name`,
 * `bill_parent`, `subscription: { start_date, proration, licenses }`, `account_balance`, `cards`). */
export function parseJson(text, products = []) {
  const productId = productOf(products);
  let v;
  try {
    v = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec(e.message);
    return { problems: [{ line: pos ? lineAt(text)(Number(pos[1])) : 1, message: `not JSON: ${e.message}` }] };
  }
  const items = Array.isArray(v) ? v : Array.isArray(v?.subaccounts) ? v.subaccounts : null;
  if (!items) return { problems: [{ line: 1, message: "expected an array of subaccounts, or { \"subaccounts\": [...] }" }] };
  const offsets = itemOffsets(text);
  const line = lineAt(text);
  const problems = [];
  const byId = new Map();
  items.forEach((item, k) => {
    const at = offsets[k] !== undefined ? line(offsets[k]) : 1;
    const bad = (message) => problems.push({ line: at, message: `subaccount ${k + 1}: ${message}` });
    if (!item || typeof item !== "object" || Array.isArray(item)) { bad("is not an object"); return; }
    const sub = item.subscription && typeof item.subscription === "object" ? item.subscription : {};
    const str = (x) => (x === undefined || x === null ? "" : typeof x === "string" ? x.trim() : typeof x === "boolean" ? String(x) : typeof x === "number" ? String(x) : "\u0000");
    const cards = Array.isArray(item.cards) ? item.cards : [];
    const card = cards.find((c) => c?.is_default) ?? (cards.every((c) => c?.is_default === undefined) ? cards[0] : undefined);
    if (cards.length > 1) bad("has more than one card: this page keeps one default card per subaccount");
    const base = {
      id: str(item.id), name: str(item.name), bill_parent: item.bill_parent === undefined ? "" : str(item.bill_parent),
      start_date: str(sub.start_date), proration: str(sub.proration), balance: str(item.account_balance),
      card: str(card?.id), available_credit: str(card?.available_credit),
    };
    for (const [kk, vv] of Object.entries(base)) if (vv === "\u0000") { bad(`${kk} has the wrong type`); return; }
    if (base.id && byId.has(base.id)) { bad(`id "${base.id}" is given twice`); return; }
    const licenses = Array.isArray(sub.licenses) ? sub.licenses : [];
    const rows = licenses.length ? licenses : [{}];
    rows.forEach((l, n) => {
      const row = n === 0 ? { ...base } : { id: base.id };
      Object.assign(row, { product_name_id: str(l?.product_name_id), asset_type: str(l?.asset_type), asset: str(l?.asset), quantity: str(l?.quantity) });
      checkRow((kk) => row[kk] ?? "", (m) => bad(n ? `license ${n + 1}: ${m}` : m), byId, at, productId);
    });
  });
  for (const { sub } of byId.values()) if (!sub.name) sub.name = sub.id;
  return problems.length ? { problems } : { subs: [...byId.values()] };
}

/** CSV or JSON, by the file's name or its first character. */
export function parseSubaccounts(text, name = "", products = []) {
  const t = String(text ?? "");
  const json = /\.json$/i.test(name) || /^\s*[[{]/.test(t);
  return json ? parseJson(t, products) : parseCsv(t, products);
}

/** A CSV to fill in: the import's header, then one example subaccount with one row per product and asset
 * type of the list in use, written as people write them (the product's name, the asset type in words). It
 * imports as it is. */
export function templateCsv(products, startDate, typeLabel) {
  const rows = [];
  for (const p of products) {
    for (const t of Object.keys(p.annual_prices ?? {})) {
      const first = !rows.length;
      rows.push(["example", first ? "Example customer" : "", first ? "true" : "", first ? startDate : "", first ? "daily" : "",
        p.name, typeLabel(t), "", "1", "", "", ""]);
    }
  }
  return toCsv(IMPORT_HEADER.map((c) => (c === "product_name_id" ? "product" : c)), rows);
}
