// A partner's month at a glance: what renews in the next 30 days and in the next renewal month, who pays
// each renewal and how (the roll-up's payments), and the window's totals. A window's totals are the
// module's: the subaccounts renewing in it are rolled up again on their own (`partnerRollup`), whose
// `total` and per-payer `renewal_total` are those renewals' sums; the page adds nothing up.

import { h } from "./dom.js";
import { longDate, money } from "./format.js";
import { addDays } from "./dates.js";

const monthName = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" });

/** `ctx`: `{ cc, rollup, portfolio, prices, asOf, nameOf(payer or id) }`; `portfolio` is what `rollup`
 * answered (its subaccounts in the same order as `rollup.subaccounts`). */
export function glanceView({ cc, rollup, portfolio, prices, asOf, nameOf }) {
  if (!rollup || !asOf) return null;
  const cur = rollup.currency;
  const payments = new Map();
  for (const p of rollup.payers) for (const pay of p.payments ?? []) payments.set(pay.subaccount, { payer: p.payer, pay });
  const upcoming = rollup.subaccounts.filter((x) => x.renewal_date >= asOf).sort((a, b) => a.renewal_date.localeCompare(b.renewal_date) || a.id.localeCompare(b.id));
  const end = addDays(asOf, 30);
  const soon = upcoming.filter((x) => x.renewal_date < end);
  const month = upcoming[0]?.renewal_date.slice(0, 7);
  const inMonth = month ? upcoming.filter((x) => x.renewal_date.startsWith(month)) : [];

  const how = (pay) => pay.steps.map((st) => `${st.source === "account_balance" ? "balance" : `card ${st.card_id ?? ""}`} ${money(st.charged, cur)}`).join(", then ") || "nothing charged";
  const window = (id, title, subs) => {
    if (!subs.length) return h("div", { class: "window", id }, h("h4", { text: title }), h("p", { class: "note", text: "No renewal." }));
    // The window's own roll-up, for its totals (the payments above are the whole roll-up's, in date order).
    let part = null;
    try {
      const ids = new Set(subs.map((x) => x.id));
      part = cc.partnerRollup({ ...portfolio, subaccounts: portfolio.subaccounts.filter((x) => ids.has(x.id)) }, prices);
    } catch {
      part = null;
    }
    return h("div", { class: "window", id },
      h("h4", { text: title }),
      part ? h("p", { class: "window-total" }, `${subs.length} ${subs.length === 1 ? "renewal" : "renewals"}: `, h("strong", { text: money(part.total, cur) }),
        " — ", part.payers.map((p, i) => [i ? "; " : "", `${nameOf(p.payer)} pays `, h("strong", { text: money(p.renewal_total, cur) })])) : null,
      h("ul", {}, subs.map((x) => {
        const paid = payments.get(x.id);
        return h("li", {}, h("strong", { text: nameOf(x.id) }), `, ${longDate(x.renewal_date)}: ${money(x.renewal_total, cur)}, paid by ${nameOf(x.payer)}`,
          paid ? ` (${paid.pay.status.replaceAll("_", " ")}: ${how(paid.pay)}${paid.pay.shortfall && !/^0+(\.0+)?$/.test(paid.pay.shortfall) ? `; ${money(paid.pay.shortfall, cur)} unpaid` : ""})` : "");
      })));
  };
  return h("div", { class: "at-a-glance", role: "region", "aria-labelledby": "glance-h" },
    h("h3", { id: "glance-h", text: "At a glance" }),
    h("div", { class: "windows" },
      window("glance-30", `Due in the next 30 days (${longDate(asOf)} to ${longDate(addDays(end, -1))})`, soon),
      window("glance-month", month ? `The next renewal month: ${monthName.format(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1))}` : "The next renewal month", inMonth)));
}
