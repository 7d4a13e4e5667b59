// How the subscription covers an order, as the module tells it: each covered line's license (`covered_by`,
// the index of the subscription license that covers it) and the product's free slots (`slots`:
// `[{ asset_type, free, used, left }]`, absent when the subscription holds none of the product).

import { h } from "./dom.js";
import { typeLabel } from "./licenses.js";

/** "license 3 (5 free domain (FQDN) slots)" for a covered line the module ties to a license; else null. */
export function coveredByText(l, licenses) {
  if (!l.covered || !Number.isInteger(l.covered_by)) return null;
  const lic = licenses[l.covered_by];
  if (!lic) return `license ${l.covered_by + 1}`;
  return `license ${l.covered_by + 1} (${lic.kind === "bound" ? lic.asset : `${lic.quantity} free ${typeLabel(lic.asset_type)} ${lic.quantity === "1" ? "slot" : "slots"}`})`;
}

/** "3 of 3 domain (FQDN) slots used by this order, 0 left" per pool, or null. */
export function slotsView(est) {
  if (!Array.isArray(est?.slots) || !est.slots.length) return null;
  return h("ul", { class: "slots", "aria-label": "Free slots of the subscription" }, est.slots.map((x) =>
    h("li", { text: `${x.used} of ${x.free} ${typeLabel(x.asset_type)} ${x.free === 1 ? "slot" : "slots"} used by this order, ${x.left} left` })));
}
