// Products and asset types as people write them: a spreadsheet says "Secure Site OV" and "FQDN", the module
// takes `ssl_securesite_flex` and `fqdn`. What is read here is only ever turned into an id of the list in
// use; a name that matches nothing is passed on as written, so the module names it in its refusal.

import { typeLabel } from "./licenses.js";

const squash = (v) => String(v ?? "").trim().toLowerCase().replace(/[\s_-]+/g, " ");

const TYPES = ["fqdn", "wildcard", "email_domain", "email_address", "organization"];
const TYPE_WORDS = new Map([
  ...TYPES.map((t) => [squash(t), t]),
  ...TYPES.map((t) => [squash(typeLabel(t)), t]),
  ["domain", "fqdn"], ["fqdns", "fqdn"], ["wildcards", "wildcard"], ["wildcard fqdn", "wildcard"],
  ["organisation", "organization"], ["org", "organization"], ["email", "email_address"], ["mailbox", "email_address"],
]);

/** "FQDN", "Wildcard", "domain (FQDN)", "Email address" → the asset type's id; anything else as written. */
export function assetTypeOf(text) {
  return TYPE_WORDS.get(squash(text)) ?? String(text ?? "").trim();
}

/** A function from what a row says ("Secure Site OV", "secure site ov", "ssl_securesite_flex") to the
 * product's id in `products`; a name no product has is returned as written. */
export function productOf(products) {
  const byKey = new Map();
  for (const p of products ?? []) {
    byKey.set(squash(p.name), p.product_name_id);
    byKey.set(squash(p.product_name_id), p.product_name_id);
  }
  return (text) => {
    const v = String(text ?? "").trim();
    if ((products ?? []).some((p) => p.product_name_id === v)) return v;
    return byKey.get(squash(v)) ?? v;
  };
}
