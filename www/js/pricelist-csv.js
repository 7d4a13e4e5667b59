// A price list as a spreadsheet: a header row, then one product a row. Columns (any order, any case):
// `product_name_id`, `name`, `family`, `currency` (the same on every row), optionally `label` (the list's
// label, on any row), one column per asset type with its 12-month price (`fqdn`, `wildcard`,
// `email_domain`, `email_address`, `organization`), and optionally `<asset type>_2_years` and
// `<asset type>_3_years` for a Multi-year Plan's whole 2- and 3-year price. An empty cell is no price.
// Amounts stay the decimal strings written in the cells; the module checks the list as a whole.

import { csvRows, toCsv } from "./csv.js";
import { assetTypeOf } from "./names.js";

export const TYPES = ["fqdn", "wildcard", "email_domain", "email_address", "organization"];
const FAMILIES = ["tls", "verified_mark", "common_mark", "secure_email", "code_signing", "document_signing"];
const FIXED = ["product_name_id", "name", "family", "currency", "label"];
const AMOUNT = /^\d+(\.\d+)?$/;

/** What a header cell means: a fixed column, or `{ type, years }` for a price column; null if unknown. */
function column(head) {
  const h = head.trim().toLowerCase();
  if (FIXED.includes(h)) return h;
  if (h === "product") return "product_name_id";
  const m = /^(.*?)[\s_-]*(?:([23])[\s_-]*(?:years?|y))?$/.exec(h);
  const type = assetTypeOf(m[1]);
  return TYPES.includes(type) ? { type, years: m[2] ?? "1" } : null;
}

/** `{ list, lines }` (the line each product came from) or `{ problems: [{ line, message }] }`. */
export function parsePriceListCsv(text) {
  const read = csvRows(text).rows;
  const problems = read.flatMap((r) => r.errors.map((e) => ({ line: r.line, message: e.message })));
  const starts = read.map((r) => r.line);
  const [head, ...rows] = read.map((r) => r.data);
  if (!head) return { problems: [{ line: 1, message: "the file is empty: a header row comes first" }] };
  const cols = head.map(column);
  head.forEach((h, i) => { if (!cols[i] && h.trim()) problems.push({ line: 1, message: `unknown column "${h.trim()}": columns are product_name_id, name, family, currency, label, and one a price: ${TYPES.join(", ")}, each optionally with _2_years or _3_years` }); });
  for (const need of ["product_name_id", "family", "currency"]) {
    if (!cols.includes(need)) problems.push({ line: 1, message: `the header names no "${need}" column` });
  }
  if (!cols.some((c) => c && typeof c === "object" && c.years === "1")) problems.push({ line: 1, message: `the header names no 12-month price column (${TYPES.join(", ")})` });
  if (problems.length) return { problems };
  if (!rows.length) return { problems: [{ line: 2, message: "no product: the file has a header and no rows" }] };
  const list = { currency: "", products: [] };
  const lines = [];
  rows.forEach((cells, k) => {
    const at = starts[k + 1];
    const bad = (message) => problems.push({ line: at, message });
    const get = (name) => String(cells[cols.indexOf(name)] ?? "").trim();
    if (cells.length !== head.length) { bad(`${cells.length} cells; the header has ${head.length}`); return; }
    const id = get("product_name_id");
    if (!id) bad("product_name_id is empty");
    const family = get("family").toLowerCase();
    if (!FAMILIES.includes(family)) bad(`family is one of ${FAMILIES.join(", ")}, not "${get("family")}"`);
    const currency = get("currency").toUpperCase();
    if (!currency) bad("currency is empty (the list's currency, such as USD, on every row)");
    else if (!list.currency) list.currency = currency;
    else if (currency !== list.currency) bad(`currency ${currency} differs from ${list.currency} on line ${starts[1]}: a list has one currency`);
    if (cols.includes("label") && get("label") && list.label === undefined) list.label = get("label");
    const product = { product_name_id: id, name: get("name") || id, family, annual_prices: {} };
    cells.forEach((cell, i) => {
      const c = cols[i];
      const v = String(cell ?? "").trim();
      if (!c || typeof c !== "object" || v === "") return;
      const what = c.years === "1" ? `the 12-month ${c.type} price` : `the ${c.years}-year ${c.type} price`;
      if (!AMOUNT.test(v)) { bad(`${what} is an amount such as 400.00, not "${v}"`); return; }
      if (c.years === "1") product.annual_prices[c.type] = v;
      else ((product.multi_year_prices ??= {})[c.years] ??= {})[c.type] = v;
    });
    if (!Object.keys(product.annual_prices).length) bad("no 12-month price: give at least one asset type's price");
    list.products.push(product);
    lines.push(at);
  });
  return problems.length ? { problems } : { list, lines };
}

/** The list as the spreadsheet above: a column per asset type the list prices, 2- and 3-year columns only
 * when some product has them. */
export function priceListCsv(list) {
  const used = (pick) => TYPES.filter((t) => list.products.some((p) => pick(p)?.[t] !== undefined));
  const annual = used((p) => p.annual_prices);
  const multi = ["2", "3"].flatMap((y) => used((p) => p.multi_year_prices?.[y]).map((t) => [y, t]));
  const header = ["product_name_id", "name", "family", "currency", "label", ...annual, ...multi.map(([y, t]) => `${t}_${y}_years`)];
  const rows = list.products.map((p, k) => [p.product_name_id, p.name, p.family, list.currency, k === 0 ? list.label ?? "" : "",
    ...annual.map((t) => p.annual_prices?.[t] ?? ""), ...multi.map(([y, t]) => p.multi_year_prices?.[y]?.[t] ?? "")]);
  return toCsv(header, rows);
}
