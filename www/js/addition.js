// Assets added to the subscription from an estimate ("Add it to the subscription"). Adding them is a charge on
// the day they are added, at the prorated price the estimate gave before they were in the subscription; the
// order that follows is then covered. The page keeps only the licenses, each with its `added_on`; the charge
// is asked of the module again on every change, with the subscription as it was without them, so the figure
// shown, printed and exported is always the module's.

import { licensesInput } from "./licenses.js";
import { certificate } from "./request.js";

/** The licenses added from an estimate, one group per day and product (one request each). */
export function additionGroups(licenses) {
  const groups = new Map();
  licenses.forEach((l, i) => {
    if (!l.added_on) return;
    const key = `${l.added_on}|${l.product_name_id}`;
    const g = groups.get(key) ?? { added_on: l.added_on, product: l.product_name_id, indices: [] };
    g.indices.push(i);
    groups.set(key, g);
  });
  return [...groups.values()].sort((a, b) => a.added_on.localeCompare(b.added_on) || a.product.localeCompare(b.product));
}

/** The request that prices one group as it was priced before it was added: its assets as the names, its day
 * as `as_of`, the subscription without its licenses. */
export function additionRequest(group, sub, family) {
  const own = new Set(group.indices);
  const assets = group.indices.map((i) => sub.licenses[i]).filter((l) => l.kind === "bound").map((l) => l.asset);
  return {
    product_name_id: group.product,
    certificate: certificate(family ?? "tls", assets.join("\n")),
    as_of: group.added_on,
    subscription: { start_date: sub.start_date, proration: sub.proration, licenses: licensesInput(sub.licenses.filter((_, i) => !own.has(i))) },
  };
}

/** Every addition with the module's answer: `[{ added_on, product, value | problems }]`. `ask` runs a module
 * call as app.js does (`{ value }` or `{ problems }`). */
export function additionCharges({ cc, prices, sub, familyOf, ask }) {
  return additionGroups(sub.licenses).map((g) => ({ ...g, ...ask(() => cc.estimate(additionRequest(g, sub, familyOf(g.product)), prices)) }));
}
