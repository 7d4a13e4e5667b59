// The partner view (R10): the partner's payment sources, its subaccounts with their `bill_parent` toggles and
// subscriptions, the roll-up per subaccount and per payer (`partnerRollup`), and an SVG chart of the charges
// over the next 24 months (`simulate`, one plan per subaccount). Every amount is the module's; the chart only
// turns amounts into bar heights.

import { $, h, put, problem, s, labelCells } from "./dom.js";
import { money, longDate } from "./format.js";
import { monthIndex, monthLabel, monthStart, parts } from "./dates.js";
import { licenseEditor, licensesInput, typeLabel } from "./licenses.js";
import { download, parseSubaccounts, payersCsv, subaccountsCsv, templateCsv } from "./csv.js";
import { plain } from "./messages.js";
import { glanceView } from "./partner-glance.js";

const MONTHS = 24;
const KIND = { activation: "activation", addition: "addition", renewal: "renewal" };

/** A subaccount as partnerRollup reads it. */
function subInput(sub) {
  const out = {
    id: sub.id, name: sub.name, bill_parent: sub.bill_parent,
    subscription: { start_date: sub.start_date, proration: sub.proration, licenses: licensesInput(sub.licenses) },
  };
  if (!sub.bill_parent) {
    out.account_balance = sub.balance.trim();
    out.cards = cardsOf(sub.card, sub.credit);
  }
  return out;
}

function cardsOf(id, credit) {
  if (!id.trim()) return [];
  const card = { id: id.trim(), is_default: true };
  if (credit.trim()) card.available_credit = credit.trim();
  return [card];
}

export class PartnerView {
  /** `ctx`: `{ cc, partner, products(), prices(), asOf(), changed() }`. */
  constructor(ctx) {
    this.ctx = ctx;
    const p = () => this.ctx.partner;
    const bind = (id, key) => $(id).addEventListener("input", () => { p()[key] = $(id).value; ctx.changed(); });
    bind("partner_balance", "balance");
    bind("partner_card", "card");
    bind("partner_credit", "credit");
    $("add-subaccount").addEventListener("click", () => {
      const subs = p().subs;
      let n = subs.length + 1;
      while (subs.some((x) => x.id === `customer-${n}`)) n += 1;
      subs.push({ id: `customer-${n}`, name: `Customer ${n}`, bill_parent: true, start_date: monthStart(ctx.asOf() || "2026-01-01", 0) ?? "",
        proration: "daily", licenses: [], balance: "0.00", card: "", credit: "" });
      this.build();
      $(`sub-${subs.length - 1}-name`)?.focus();
      ctx.changed();
    });
    this.watchWidth();
    $("import-use").addEventListener("click", () => this.importSubaccounts($("import-text").value, ""));
    $("import-file").addEventListener("change", async (e) => {
      const file = e.target.files?.[0];
      if (!file) return;
      if (file.size > 5_000_000) { put($("import-status"), h("p", { class: "import-bad", text: `${file.name} is over 5 MB: nothing was imported.` })); return; }
      this.importSubaccounts(await file.text(), file.name);
      e.target.value = "";
    });
    const day = () => this.ctx.asOf();
    $("import-template").addEventListener("click", () => {
      download(`certcalc-subaccounts-template.csv`, templateCsv(this.ctx.products(), monthStart(day()) ?? day(), typeLabel));
    });
    $("export-subaccounts").addEventListener("click", () => {
      if (this.rollup) download(`certcalc-renewals-per-subaccount-${day()}.csv`, subaccountsCsv(this.rollup));
    });
    $("export-payers").addEventListener("click", () => {
      if (this.rollup) download(`certcalc-renewals-per-payer-${day()}.csv`, payersCsv(this.rollup));
    });
  }

  /** Redraws the chart when its box changes width (a phone turned, a window resized). */
  watchWidth() {
    if (typeof ResizeObserver !== "function") return;
    let pending = false;
    new ResizeObserver(() => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        if (Math.abs(($("chart").clientWidth || 0) - (this.drawnWidth ?? 0)) > 2) this.draw();
      });
    }).observe($("chart"));
  }

  /** (Re)builds the inputs from the state. */
  build() {
    const p = this.ctx.partner;
    $("partner_balance").value = p.balance;
    $("partner_card").value = p.card;
    $("partner_credit").value = p.credit;
    put($("subaccounts"), ...p.subs.map((sub, i) => this.subaccount(sub, i)));
  }

  subaccount(sub, i) {
    const ctx = this.ctx;
    const id = (k) => `sub-${i}-${k}`;
    const input = (k, label, attrs = {}) => {
      const el = h("input", { type: "text", id: id(k), value: sub[k], autocomplete: "off", ...attrs });
      el.addEventListener("input", () => { sub[k] = el.value; ctx.changed(); });
      return h("div", { class: "field" }, h("label", { for: id(k), text: label }), el);
    };
    const toggle = h("input", { type: "checkbox", id: id("bill_parent"), checked: sub.bill_parent });
    const own = h("div", { class: "row own" },
      input("balance", "Own balance", { type: "text", inputmode: "decimal" }),
      input("card", "Own default card"),
      input("credit", "Its available credit", { type: "text", inputmode: "decimal", placeholder: "no limit" }));
    own.hidden = sub.bill_parent;
    toggle.addEventListener("change", () => { sub.bill_parent = toggle.checked; own.hidden = sub.bill_parent; ctx.changed(); });
    const licenses = h("div", { class: "licenses", role: "group", "aria-label": `Licenses of ${sub.name || sub.id}` });
    licenseEditor(licenses, { licenses: sub.licenses, products: ctx.products(), prefix: id("lic"), what: `subaccount ${sub.name || sub.id}`, changed: ctx.changed });
    const remove = h("button", {
      type: "button", class: "remove-sub", text: "Remove this subaccount",
      onclick: () => { ctx.partner.subs.splice(i, 1); this.build(); $("add-subaccount").focus(); ctx.changed(); },
    });
    return h("fieldset", { class: "subaccount" },
      h("legend", { text: `Subaccount ${i + 1}` }),
      h("div", { class: "row" },
        input("id", "Id"), input("name", "Name"),
        input("start_date", "Term start", { type: "date", min: "1000-01-01", max: "9999-12-31" }),
        h("div", { class: "field toggle" }, h("label", { for: id("bill_parent") }, toggle, " Bill the partner (bill_parent)"))),
      licenses, own, h("p", { class: "field-error", id: id("error"), hidden: true }), remove);
  }

  portfolio() {
    const p = this.ctx.partner;
    return {
      partner: { account_balance: p.balance.trim(), cards: cardsOf(p.card, p.credit) },
      subaccounts: p.subs.map(subInput),
    };
  }

  /** Reads subaccounts from CSV or JSON text (csv.js) and adds them only when every row is good: the page
   * checks each row's shape, then the module checks each subaccount (its term and sources) and each license
   * on its own, so that every problem is reported at its line. */
  importSubaccounts(text, name) {
    const { cc } = this.ctx;
    const status = $("import-status");
    const subs = this.ctx.partner.subs;
    let problems;
    let parsed;
    try {
      parsed = parseSubaccounts(text, name, this.ctx.products());
      problems = parsed.problems ?? [];
    } catch (e) {
      problems = [{ line: 1, message: String(e?.message ?? e) }];
    }
    if (!problems.length && typeof cc.partnerRollup === "function") {
      const prices = this.ctx.prices();
      const alone = { account_balance: "0", cards: [] };
      const engine = (line, what, e) => {
        // Each row is checked alone, as `subaccounts[0]`: its problems are told from the row's own fields.
        for (const p of errorsOf(e).map((x) => renumbered(x, "subaccounts[0].", ""))) {
          const sentence = plain(p, { account: "subscription" });
          problems.push({ line, message: `${what}: ${sentence ? `${sentence} ` : ""}(${p.code}: ${p.message})` });
        }
      };
      for (const { sub, line } of parsed.subs) {
        try {
          cc.partnerRollup({ partner: alone, subaccounts: [subInput({ ...sub, licenses: [] })] }, prices);
        } catch (e) {
          engine(line, sub.id, e);
          continue;
        }
        for (const l of sub.licenses) {
          try {
            cc.renewalQuote({ start_date: sub.start_date, proration: sub.proration, licenses: licensesInput([l]) }, prices);
          } catch (e) {
            engine(l.line, `${sub.id}, license ${l.product_name_id} ${l.asset_type}`, e);
          }
        }
      }
    }
    if (problems.length) {
      problems.sort((a, b) => a.line - b.line);
      const shown = problems.slice(0, 50);
      put(status, h("p", { class: "import-bad", text: `Nothing was imported: ${problems.length} ${problems.length === 1 ? "problem" : "problems"}. Fix ${problems.length === 1 ? "it" : "them"} and import the file again.` }),
        h("ul", { class: "import-problems" }, shown.map((p) => h("li", {}, h("strong", { text: `Line ${p.line}: ` }), p.message))),
        problems.length > shown.length ? h("p", { text: `… and ${problems.length - shown.length} more.` }) : null);
      return false;
    }
    const added = parsed.subs.map(({ sub }) => ({ ...sub, licenses: sub.licenses.map(({ line, ...l }) => l) }));
    const what = `${added.length} ${added.length === 1 ? "subaccount" : "subaccounts"}`;
    const names = `${added.slice(0, 5).map((x) => x.name || x.id).join(", ")}${added.length > 5 ? ", …" : ""}`;
    const apply = (replace) => {
      if (replace) subs.splice(0, subs.length, ...added);
      else subs.push(...added);
      this.build();
      this.ctx.changed(`${replace ? "Replaced the subaccounts with" : "Added"} ${what} from the import.`);
      put(status, h("p", { class: "import-ok", text: `Imported ${what}${replace ? ", in place of the ones that were there" : ""}: ${names}.` }));
      status.querySelector("p")?.setAttribute("tabindex", "-1");
      status.querySelector("p")?.focus();
    };
    if (!subs.length) { apply(true); return true; }
    // Subaccounts are already there: the reader says whether the file replaces them or adds to them.
    const existing = new Set(subs.map((x) => x.id));
    const clashes = added.filter((x) => existing.has(x.id)).map((x) => x.id);
    put(status, h("div", { class: "import-ask", role: "group", "aria-labelledby": "import-ask-h" },
      h("p", { id: "import-ask-h", tabindex: "-1" }, `Read ${what} (${names}). The partner view already has ${subs.length}: replace ${subs.length === 1 ? "it" : "them"}, or add these?`),
      h("p", { class: "controls" },
        h("button", { type: "button", id: "import-replace", text: `Replace the ${subs.length} there`, onclick: () => apply(true) }),
        h("button", { type: "button", id: "import-add", text: "Add to them", disabled: clashes.length > 0, onclick: () => apply(false) }),
        h("button", { type: "button", id: "import-cancel", text: "Cancel", onclick: () => put(status, h("p", { text: "Nothing was imported." })) })),
      clashes.length ? h("p", { class: "note", text: `They cannot be added: ${clashes.slice(0, 5).join(", ")}${clashes.length > 5 ? ", …" : ""} ${clashes.length === 1 ? "is" : "are"} already there (the same id).` }) : null));
    $("import-ask-h").focus();
    return true;
  }

  /** Recomputes the roll-up and the chart. A subaccount the module refuses is left out of the roll-up (the
   * others are still rolled up) and its problems are shown once, at that subaccount. */
  update() {
    const { cc } = this.ctx;
    const errBox = $("err-partner");
    const out = $("partner-out");
    errBox.hidden = true;
    put(errBox);
    this.rollup = null;
    this.subProblems = new Map();
    if (typeof cc.partnerRollup !== "function" || typeof cc.simulate !== "function") {
      put(out, h("p", { class: "note", text: "This build of the pricing module has no partnerRollup()/simulate() yet." }));
      put($("chart"));
      put($("ledger-out"));
      return;
    }
    const portfolio = this.portfolio();
    const prices = this.ctx.prices();
    // Each problem's path says which subaccount it is in (`subaccounts[2].subscription…`): those subaccounts
    // are left out and the rest rolled up again, until the roll-up goes through or only the partner's own
    // problems (`partner.cards[0].id`) are left. A roll-up lists at most 100 problems, so a later round
    // finds those the cap left out; its positions are of the shorter list, told back in the page's.
    let rollup = null;
    const left = [];
    let rest = portfolio.subaccounts.map((_, i) => i);
    for (;;) {
      try {
        rollup = cc.partnerRollup({ ...portfolio, subaccounts: rest.map((i) => portfolio.subaccounts[i]) }, prices);
        break;
      } catch (e) {
        const bad = new Set(), general = [];
        for (const p of errorsOf(e)) {
          const k = /^subaccounts\[(\d+)\]/.exec(p.path ?? "")?.[1];
          const i = k === undefined ? undefined : rest[Number(k)];
          if (i === undefined) {
            if (p.path) general.push(p); // no path: the cap's "and N more", found by the next round
            continue;
          }
          this.noteProblems(i, [renumbered(p, `subaccounts[${k}]`, `subaccounts[${i}]`)]);
          bad.add(i);
        }
        left.push(...bad);
        rest = rest.filter((i) => !bad.has(i));
        if (!bad.size || general.length) {
          showProblems(errBox, general.length ? general : errorsOf(e));
          break;
        }
      }
    }
    left.sort((a, b) => a - b);
    this.rollup = rollup;
    this.leftOut = new Set(left); // not charted either: their problems are already shown
    const subs = this.ctx.partner.subs;
    const leftNote = left.length
      ? h("p", { class: "note left-out", id: "left-out" }, `Left out of the roll-up until fixed (see ${left.length === 1 ? "its problem" : "their problems"} above): `,
        left.map((i) => subs[i]?.name || subs[i]?.id || `subaccount ${i + 1}`).join(", "), ".")
      : null;
    put(out, leftNote, ...(rollup ? this.rollupView(rollup) : []));
    const nameOf = (payer) => (payer === "partner" ? "Partner" : subs.find((x) => x.id === payer)?.name || payer);
    put($("partner-glance"), glanceView({ cc, rollup, portfolio: { ...portfolio, subaccounts: rest.map((i) => portfolio.subaccounts[i]) },
      prices, asOf: this.ctx.asOf(), nameOf }));
    $("export-subaccounts").disabled = !rollup;
    $("export-payers").disabled = !rollup;
    this.chart();
    this.drawSubProblems();
  }

  noteProblems(i, problems) {
    const list = this.subProblems.get(i) ?? [];
    for (const p of problems) if (!list.some((q) => q.code === p.code && q.message === p.message)) list.push(p);
    this.subProblems.set(i, list);
  }

  drawSubProblems() {
    this.ctx.partner.subs.forEach((_, i) => {
      const box = $(`sub-${i}-error`);
      if (!box) return;
      const list = this.subProblems.get(i) ?? [];
      showProblems(box, list);
    });
  }

  rollupView(r) {
    const cur = r.currency;
    const subs = this.ctx.partner.subs;
    const nameOf = (payer) => (payer === "partner" ? "Partner" : subs.find((x) => x.id === payer)?.name || payer);
    // Each payment says whose renewal it is and when, then how it was paid.
    const payment = (pay) => h("li", { class: `payment ${pay.status}` },
      `${nameOf(pay.subaccount)}, ${longDate(pay.renewal_date)}, ${money(pay.amount_due, cur)}: `,
      h("strong", { text: pay.status.replaceAll("_", " ") }), ": ",
      pay.steps.map((st) => `${st.source === "account_balance" ? "balance" : `card ${st.card_id ?? ""}`} ${money(st.charged, cur)}`).join(", then ") || "nothing charged",
      pay.shortfall && !/^0(\.0+)?$/.test(pay.shortfall) ? `; ${money(pay.shortfall, cur)} unpaid` : "");
    return [
      h("table", { class: "data" },
        h("caption", { text: "Renewals per subaccount, by date" }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Subaccount" }), h("th", { scope: "col", text: "Renews on" }),
          h("th", { scope: "col", class: "num", text: "Renewal total" }), h("th", { scope: "col", text: "Paid by" }))),
        // In renewal-date order, then by id, as the payments run: what comes due first is on top.
        h("tbody", {}, [...r.subaccounts].sort((a, b) => a.renewal_date.localeCompare(b.renewal_date) || a.id.localeCompare(b.id)).map((x) => h("tr", {},
          h("th", { scope: "row" }, x.name || x.id, " ", h("span", { class: "hint", text: `(${x.id})` })),
          h("td", { text: longDate(x.renewal_date) }), h("td", { class: "num", text: money(x.renewal_total, cur) }),
          h("td", { text: nameOf(x.payer) })))),
      ),
      h("table", { class: "data payers" },
        h("caption", { text: "Totals per payer" }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Payer" }), h("th", { scope: "col", class: "num", text: "Renewals" }),
          h("th", { scope: "col", text: "How each renewal is paid (in date order)" }))),
        h("tbody", {}, r.payers.map((p) => h("tr", { "data-payer": p.payer },
          h("th", { scope: "row", text: nameOf(p.payer) }), h("td", { class: "num", text: money(p.renewal_total, cur) }),
          h("td", {}, h("ul", { class: "payments" }, (p.payments ?? []).map(payment)))))),
        h("tfoot", {}, h("tr", {}, h("th", { scope: "row", text: "All renewals" }), h("td", { class: "num total", text: money(r.total, cur) }), h("td"))),
      ),
    ];
  }

  /** One `simulate` per subaccount over enough years to reach the window's end; charges in the window. */
  charges() {
    const { cc } = this.ctx;
    const from = monthStart(this.ctx.asOf());
    if (!from) return { from: null, charges: [], currency: null };
    const to = monthStart(from, MONTHS);
    const charges = [];
    let currency = null;
    this.ctx.partner.subs.forEach((sub, i) => {
      if (this.leftOut?.has(i) || !parts(sub.start_date) || sub.start_date >= to) return;
      const years = Math.min(50, Math.max(1, Math.ceil((monthIndex(sub.start_date, to) + 1) / 12)));
      try {
        const r = cc.simulate({ start_date: sub.start_date, proration: sub.proration, licenses: licensesInput(sub.licenses), events: [], years }, this.ctx.prices());
        currency = r.currency;
        for (const entry of r.ledger) {
          if (entry.date >= from && entry.date < to) {
            charges.push({ ...entry, sub, payer: sub.bill_parent ? "partner" : sub.id, month: monthIndex(from, entry.date) });
          }
        }
      } catch (e) {
        this.noteProblems(i, errorsOf(e));
      }
    });
    return { from, charges, currency };
  }

  chart() {
    this.last = this.charges();
    this.draw();
  }

  /** Draws the last charges at the chart box's width: the SVG's units are CSS pixels, so its labels keep
   * their size on a phone (fewer month labels when the box is narrow). */
  draw() {
    if (!this.last) return;
    const { from, charges, currency } = this.last;
    const payers = ["partner", ...this.ctx.partner.subs.filter((x) => !x.bill_parent).map((x) => x.id)];
    // A payer keeps its colour whatever the other subaccounts are: the partner's is the first, another's
    // follows from its id.
    const colour = (p) => `payer-${p === "partner" ? 0 : 1 + ([...p].reduce((a, c) => (a * 31 + c.codePointAt(0)) >>> 0, 7) % 5)}`;
    const payerName = (p) => (p === "partner" ? "Partner (billed to the parent)" : this.ctx.partner.subs.find((x) => x.id === p)?.name || p);
    const box = $("chart");
    const W = Math.round(Math.min(1100, Math.max(260, box.clientWidth || 760)));
    this.drawnWidth = box.clientWidth;
    const H = W < 520 ? 220 : 280, L = 64, R = 8, T = 12, B = 40;
    const bw = (W - L - R) / MONTHS;
    const every = bw * 3 >= 62 ? 3 : bw * 6 >= 62 ? 6 : 12; // "Sep 2026" takes about 55 px
    // Bar heights only: amounts are turned into numbers for geometry, never summed into a shown figure.
    const heights = new Array(MONTHS).fill(0);
    for (const c of charges) heights[c.month] += Number(c.amount);
    const top = Math.max(...heights, 0);
    const step = niceStep(top / 4);
    const ymax = step ? Math.ceil(top / step) * step : 1;
    const y = (v) => T + (H - T - B) * (1 - v / ymax);
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-labelledby": "chart-title chart-desc" },
      s("title", { id: "chart-title", text: "Charges over the next 24 months, by payer" }),
      s("desc", { id: "chart-desc", text: charges.length ? `${charges.length} charges; the table below the chart lists each one.` : "No charges in these 24 months." }));
    const axis = s("g", { class: "axis" });
    for (let v = 0; step && v <= ymax + step / 2; v += step) {
      axis.append(s("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v ? "grid" : "base" }),
        s("text", { x: L - 6, y: y(v) + 4, class: "tick y", text: currency ? money(v.toFixed(0), currency) : String(v) }));
    }
    for (let m = 0; m < MONTHS; m += 1) {
      if (m % every === 0) axis.append(s("text", { x: L + bw * (m + 0.5), y: H - B + 16, class: "tick x", text: monthLabel(monthStart(from, m)) }));
    }
    svg.append(axis);
    const stack = new Array(MONTHS).fill(0);
    const bars = s("g", { class: "bars" });
    const ordered = [...charges].sort((a, b) => payers.indexOf(a.payer) - payers.indexOf(b.payer) || a.date.localeCompare(b.date));
    for (const c of ordered) {
      const v = Number(c.amount);
      const y0 = y(stack[c.month]), y1 = y(stack[c.month] + v);
      stack[c.month] += v;
      bars.append(s("rect", { x: L + bw * c.month + 2, width: Math.max(1, bw - 4), y: y1, height: Math.max(0, y0 - y1), class: `bar ${colour(c.payer)}`, "data-payer": c.payer },
        s("title", { text: `${c.sub.name || c.sub.id}, ${KIND[c.kind] ?? c.kind} on ${longDate(c.date)}: ${money(c.amount, currency)}, paid by ${payerName(c.payer)}` })));
      // Each bar shows its charge (the module's amount, in short form) where there is room for it.
      // Across the bar when it is wide enough, else along it (turned a quarter) when it is tall enough.
      const label = short(c.amount, currency);
      const cx = L + bw * (c.month + 0.5), cy = (y0 + y1) / 2;
      const cls = `bar-value on-${colour(c.payer)}`;
      if (bw >= 7 * label.length + 6 && y0 - y1 >= 15) {
        bars.append(s("text", { x: cx, y: cy + 4, class: cls, "aria-hidden": "true", text: label }));
      } else if (bw >= 13 && y0 - y1 >= 7 * label.length + 6) {
        bars.append(s("text", { x: cx, y: cy, transform: `rotate(-90 ${cx} ${cy})`, dy: "0.35em", class: cls, "aria-hidden": "true", text: label }));
      }
    }
    svg.append(bars);
    const legend = h("ul", { class: "legend" }, payers.map((p) => h("li", {}, h("span", { class: `swatch ${colour(p)}`, "aria-hidden": "true" }), payerName(p))));
    put($("chart"), svg, legend);
    put($("ledger-out"), h("table", { class: "data" },
      h("thead", {}, h("tr", {}, ["Date", "Subaccount", "Charge", "Paid by"].map((t) => h("th", { scope: "col", text: t })), h("th", { scope: "col", class: "num", text: "Amount" }))),
      h("tbody", {}, [...charges].sort((a, b) => a.date.localeCompare(b.date)).map((c) => h("tr", {},
        h("td", { class: "day", text: longDate(c.date) }), h("td", { text: c.sub.name || c.sub.id }), h("td", { text: KIND[c.kind] ?? c.kind }),
        h("td", { text: c.payer === "partner" ? "Partner" : payerName(c.payer) }), h("td", { class: "num", text: money(c.amount, currency) }))))));
    labelCells($("ledger-out"));
  }
}

/** `p` with the path prefix `from` (a position in the list the module was given) told as `to`. */
function renumbered(p, from, to) {
  const swap = (t) => (t.startsWith(from) ? to + t.slice(from.length) : t);
  return { ...p, path: swap(p.path ?? ""), message: swap(p.message) };
}

function errorsOf(e) {
  return Array.isArray(e?.errors) && e.errors.length ? e.errors : [{ code: e?.code ?? "error", message: String(e?.message ?? e) }];
}

function showProblems(box, problems) {
  put(box, ...problems.map((x) => h("span", { class: "line" }, problem(x, { account: "subscription" }))));
  box.hidden = !problems.length;
}

const shortFormats = new Map();
/** `"2200.00"` → `$2.2K`: the decimal string handed to Intl as it is (compact notation), for a bar's label. */
function short(amount, currency) {
  let f = shortFormats.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
    } catch {
      f = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
    }
    shortFormats.set(currency, f);
  }
  return f.format(amount);
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw) {
  if (!(raw > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((k) => k * p).find((v) => v >= raw);
}
