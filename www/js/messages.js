// Plain sentences for CertCentral's refusals: what is wrong and the limit, beside the module's own code and
// message (which are shown as they are). Only codes are read here, never message texts (those may change);
// limits are CertCentral's documented ones (docs/rules.md, R1 and R6). A sentence about a date names the day
// (April 1, 2026) rather than a format: the reader's date field shows its own (MM/DD/YYYY, DD.MM.YYYY, …).

import { longDate } from "./format.js";

const THREE_YEAR = new Set(["secure_email", "code_signing", "document_signing"]);

/** The longest validity a certificate of `family` may have on `account` ("subscription" or "myp"). */
export function validityLimit(family, account) {
  if (account === "myp" || THREE_YEAR.has(family)) return { days: 1095, years: 3 };
  return { days: 397, years: 1 };
}

const PLAIN = {
  insufficient_subscription: () =>
    "Some of these assets are not in the subscription yet. Add them to it first (the estimate is what that costs today); then the order goes through.",
  balance_deposit_not_allowed: () => "A subscription account can no longer add funds to its balance.",
  "invalid_value:as_of": (c) => (!c.as_of
    ? "Enter the day priced in full: month, day and year."
    : c.account === "subscription"
      ? `The day priced, ${longDate(c.as_of)}, must fall inside the subscription's current 12-month term: on or after its start${c.start ? `, ${longDate(c.start)}` : ""}, and before its renewal${c.renewal ? `, ${longDate(c.renewal)}` : ""}.`
      : "The day priced must be a calendar day: month, day and year."),
  "invalid_value:start_date": (c) => (!c.start ? "Enter the term start date in full: month, day and year." : "The term start must be a calendar day: month, day and year."),
  "invalid_value:dns_names": (c) => (c.names > 250
    ? `A certificate names at most 250 assets; there are ${c.names}.`
    : "One of the names is not a domain a certificate can protect: letters, digits and hyphens in dot-separated labels, with * only as the whole leftmost label (*.example.com)."),
  "invalid_value:emails": (c) => (c.names > 250
    ? `A certificate names at most 250 assets; there are ${c.names}.`
    : "One of the email addresses is not valid (name@example.com)."),
  "invalid_value:common_name": () => "The name is not a domain a certificate can protect.",
  "invalid_value:organization": () => "Give the organization's name (one organization per certificate).",
  "invalid_value:certificate": () => "Enter what the certificate protects: at least one name.",
  "invalid_value:product_name_id": () => "This product is not in the price list in use. Choose another, or import a list that has it.",
  "invalid_value:payment_method": () => "Choose how the order is paid: account balance, saved card or new card.",
  "invalid_value:proration": () => "Proration is by remaining days or by remaining months.",
  "invalid_value:account_balance": () => "The balance is an amount such as 1000.00: digits, at most the currency's decimals, no symbol or separators.",
  "invalid_value:available_credit": () => "A card's available credit is an amount such as 500.00, or empty for no limit.",
  "invalid_value:cards": () => "Each card needs an id, and at most one card is the default.",
  "invalid_value:id": () => "Each card (and each subaccount) needs an id, unique among them.",
  "invalid_value:is_default": () => "At most one card is the default.",
  "invalid_value:quantity": () => "A number of free slots is a whole number, at least 1.",
  "invalid_value:asset": () => "A bound license names one asset, written as the certificate would (a domain, a wildcard, an email address or an organization).",
  "invalid_value:asset_type": () => "This asset type does not belong to the license's product.",
  "invalid_value:licenses": () => "Each license needs a product, an asset type, and either an asset or a number of free slots.",
  "invalid_value:subscription": () => "The subscription needs a term start date and licenses of products in the price list.",
  "invalid_value:price_list": () => "This is not a price list the module can use: { currency, products: [{ product_name_id, name, family, annual_prices }] }.",
  "invalid_value:currency": () => "The currency is a three-letter ISO 4217 code, such as USD, EUR or JPY.",
  "invalid_value:annual_prices": () => "Prices are decimal strings such as \"400.00\", never JSON numbers, with at most the currency's decimals.",
  "invalid_value:name": () => "A subaccount's name is 1 to 64 characters, on one line.",
  "invalid_value:bill_parent": () => "bill_parent is true (the partner pays) or false (the subaccount pays itself).",
  invalid_json: () => "This text is not JSON.",
};

function validity(code, c) {
  const limit = validityLimit(c.family, c.account);
  const where = c.account === "myp" ? "Before subscription an order runs" : "On a subscription a certificate of this product lasts";
  const unit = code.endsWith("years") ? "years" : "days";
  const most = unit === "years" ? `${limit.years} ${limit.years === 1 ? "year" : "years"}` : `${limit.days} days`;
  return `${where} at most ${most}${unit === "days" && limit.years === 1 ? " (about 13 months)" : ""}, and at least 1 ${unit === "years" ? "year" : "day"}.`;
}

/**
 * The plain sentence for `p` ({ code, message }), or null when there is none. `c`: what the page knows —
 * `{ family, account, names }` (the product's family, "subscription"/"myp", the number of names given).
 */
export function plain(p, c = {}) {
  if (p?.plain) return p.plain; // a problem the page found itself carries its own sentence
  const code = String(p?.code ?? "");
  if (code === "invalid_value:validity_days" || code === "invalid_value:validity_years" || code === "invalid_value:order_validity") {
    return validity(code === "invalid_value:order_validity" ? "invalid_value:validity_days" : code, c);
  }
  if (code === "invalid_value:custom_expiration_date") {
    const limit = validityLimit(c.family, c.account);
    return `The custom expiration date must be after the day priced and at most ${limit.years === 1 ? "397 days" : "three calendar years"} later.`;
  }
  const f = PLAIN[code];
  return f ? f(c) : null;
}

/** A page-side check of a count typed in a box: null when it is a whole number ≥ 1, else a problem. */
export function wholeNumberProblem(value, code, what) {
  const v = String(value ?? "").trim();
  if (/^\d{1,9}$/.test(v) && Number(v) >= 1) return null;
  const shown = v.length > 24 ? `${v.slice(0, 24)}…` : v;
  return {
    code, message: `not a whole number: ${JSON.stringify(shown)}`, page: true,
    plain: v === "" ? `Enter ${what} as a whole number, at least 1.` : /^\d+$/.test(v)
      ? `${what[0].toUpperCase()}${what.slice(1)} is at least 1.`
      : `${what[0].toUpperCase()}${what.slice(1)} is a whole number (like 397), not ${shown}.`,
  };
}
