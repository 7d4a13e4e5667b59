// The license-pool editor, used for the account's subscription and for each partner subaccount: one row per
// license (product, asset type, bound to an asset or a number of free slots), rows added and removed with
// buttons. Edits go straight into the `licenses` array the caller owns; `changed()` tells it to recompute.

import { h, put, options } from "./dom.js";
import { longDate } from "./format.js";

const TYPE_LABELS = {
  fqdn: "domain (FQDN)", wildcard: "wildcard domain", email_domain: "email domain",
  email_address: "email address", organization: "organization",
};

export const typeLabel = (t) => TYPE_LABELS[t] ?? t;

function productPairs(products, current) {
  const pairs = products.map((p) => [p.product_name_id, p.name]);
  if (current && !pairs.some(([v]) => v === current)) pairs.push([current, `${current} (not in the price list)`]);
  return pairs;
}

function typePairs(products, productId, current) {
  const p = products.find((x) => x.product_name_id === productId);
  const pairs = Object.keys(p?.annual_prices ?? {}).map((t) => [t, typeLabel(t)]);
  if (current && !pairs.some(([v]) => v === current)) pairs.push([current, current]);
  return pairs;
}

/** Builds the editor into `container`; `prefix` keeps ids unique on the page, `what` names it for labels. */
export function licenseEditor(container, { licenses, products, prefix, what, changed }) {
  const render = () => {
    const rows = licenses.map((l, i) => row(l, i));
    const add = h("button", {
      type: "button", class: "add", text: "Add a license",
      onclick: () => {
        const first = products[0];
        const type = Object.keys(first?.annual_prices ?? {})[0] ?? "fqdn";
        licenses.push({ product_name_id: first?.product_name_id ?? "", asset_type: type, kind: "slots", asset: "", quantity: "1" });
        render();
        container.querySelector(`#${prefix}-product-${licenses.length - 1}`)?.focus();
        changed();
      },
    });
    const empty = licenses.length ? null : h("p", { class: "hint", text: `No licenses in ${what} yet.` });
    put(container, ...rows, empty, add);
  };

  const row = (l, i) => {
    const n = i + 1;
    const id = (name) => `${prefix}-${name}-${i}`;
    const product = h("select", { id: id("product") });
    options(product, productPairs(products, l.product_name_id), l.product_name_id);
    const type = h("select", { id: id("type") });
    options(type, typePairs(products, l.product_name_id, l.asset_type), l.asset_type);
    const kind = h("select", { id: id("kind") });
    options(kind, [["bound", "bound to the asset"], ["slots", "free slots"]], l.kind);
    const asset = h("input", { type: "text", id: id("asset"), value: l.asset, autocomplete: "off", spellcheck: "false", placeholder: "*.example.com" });
    const quantity = h("input", { type: "number", id: id("quantity"), value: l.quantity, min: "1", step: "1", inputmode: "numeric" });
    const assetField = h("div", { class: "cell grow" }, h("label", { for: id("asset"), text: "Asset" }), asset);
    const quantityField = h("div", { class: "cell" }, h("label", { for: id("quantity"), text: "Slots" }), quantity);
    const show = () => {
      assetField.hidden = l.kind !== "bound";
      quantityField.hidden = l.kind === "bound";
    };
    show();
    product.addEventListener("change", () => {
      l.product_name_id = product.value;
      l.asset_type = options(type, typePairs(products, l.product_name_id, null), l.asset_type);
      changed();
    });
    type.addEventListener("change", () => { l.asset_type = type.value; changed(); });
    kind.addEventListener("change", () => { l.kind = kind.value; show(); changed(); });
    asset.addEventListener("input", () => { l.asset = asset.value; changed(); });
    quantity.addEventListener("input", () => { l.quantity = quantity.value; changed(); });
    const remove = h("button", {
      type: "button", class: "remove", "aria-label": `Remove license ${n} of ${what}`, title: "Remove", text: "✕",
      onclick: () => {
        licenses.splice(i, 1);
        render();
        (container.querySelector(`#${prefix}-product-${Math.min(i, licenses.length - 1)}`) ?? container.querySelector("button.add"))?.focus();
        changed();
      },
    });
    return h("div", { class: "license", role: "group", "aria-label": `License ${n}` },
      h("div", { class: "cell grow" }, h("label", { for: id("product"), text: "Product" }), product),
      h("div", { class: "cell" }, h("label", { for: id("type"), text: "Asset type" }), type),
      h("div", { class: "cell" }, h("label", { for: id("kind"), text: "License" }), kind),
      assetField, quantityField,
      // A license the page added from an estimate says when: it was charged that day, prorated.
      l.added_on ? h("p", { class: "cell added-on", text: `added ${longDate(l.added_on)}` }) : null,
      h("div", { class: "cell end" }, remove));
  };

  render();
}

/** The licenses as the module takes them. Quantities go as numbers (not money); what is not a whole
 * number goes as written so the module names the field. */
export function licensesInput(licenses) {
  return licenses.map((l) => {
    const out = { product_name_id: l.product_name_id, asset_type: l.asset_type };
    if (l.kind === "bound") out.asset = l.asset;
    else out.quantity = /^\d{1,9}$/.test(l.quantity.trim()) ? Number(l.quantity.trim()) : l.quantity;
    if (l.added_on) out.added_on = l.added_on;
    return out;
  });
}
