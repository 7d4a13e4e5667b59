// How the subscription covers an order, when the module says so: each covered line's license (`covered_by`,
// the index of the subscription license that covers it) and the product's free slots (`slots`:
// `[{ asset_type, held, used }]`). A module that does not give them yet leaves both out, and so does the page.

import { h } from "./dom.js";
import { typeLabel } from "./licenses.js";

/** " by license 3 (5 free domain (FQDN) slots)" for a covered line the module ties to a license, else null. */
export function coveredByText(l, licenses) {
  if (!l.covered || !Number.isInteger(l.covered_by)) return null;
  const lic = licenses[l.covered_by];
  if (!lic) return ` by license ${l.covered_by + 1}`;
  return ` by license ${l.covered_by + 1} (${lic.kind === "bound" ? lic.asset : `${lic.quantity} free ${typeLabel(lic.asset_type)} ${lic.quantity === "1" ? "slot" : "slots"}`})`;
}

/** "3 of 3 domain (FQDN) slots used, 0 left" per pool, or null. The slots left are a count (held − used),
 * not money. */
export function slotsView(est) {
  if (!Array.isArray(est?.slots) || !est.slots.length) return null;
  return h("ul", { class: "slots", id: "slots", "aria-label": "Free slots of the subscription" }, est.slots.map((x) => {
    const whole = Number.isInteger(x.held) && Number.isInteger(x.used);
    const left = whole ? Math.max(0, x.held - x.used) : null;
    return h("li", { text: `${x.used} of ${x.held} ${typeLabel(x.asset_type)} ${x.held === 1 ? "slot" : "slots"} used by this order${left === null ? "" : `, ${left} left`}` });
  }));
}
