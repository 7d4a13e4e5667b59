// certcalc's page. It reads the form into CertCentral-shaped requests, asks the wasm module, and shows the
// answers; it never computes a price. The whole state lives in the URL hash.

import init, * as cc from "./pkg/full/certcalc_full.js";
import { $, atDots, h, put, options, problem, labelCells } from "./js/dom.js";
import { plain, wholeNumberProblem } from "./js/messages.js";
import { download, estimateCsv } from "./js/csv.js";
import { longDate, money } from "./js/format.js";
import { today } from "./js/dates.js";
import { certificate, namesLabel, splitNames } from "./js/request.js";
import { blankState, defaults, readHash, refusalExample, toHash } from "./js/state.js";
import { additionCharges } from "./js/addition.js";
import { coveredByText, slotsView } from "./js/coverage.js";
import { licenseEditor, licensesInput, typeLabel } from "./js/licenses.js";
import { Stepper } from "./js/stepper.js";
import { PartnerView } from "./js/partner.js";
import { PriceListImport } from "./js/pricelist.js";

const opened = readHash(location.hash);
let state = opened.state ?? defaults();
// A link that cannot be read is said so, and the address is left as it was until the reader chooses.
let linkBroken = !!opened.broken;
let catalog = null;

// The imported list as the module checked it once (a `PriceList`), made again only when the list changes;
// undefined: the module's embedded list.
let checked = { list: null, handle: undefined };
const prices = () => {
  if (!state.list) return undefined;
  if (checked.list !== state.list) {
    checked.handle?.free();
    checked = { list: state.list, handle: cc.priceList(state.list) };
  }
  return checked.handle;
};
const priceList = () => state.list ?? catalog;
const products = () => priceList()?.products ?? [];

// Where each refusal is shown, per call: the field its code names. A code not listed goes to the call's
// general spot.
const ESTIMATE_FIELDS = {
  "invalid_value:validity_days": "validity", "invalid_value:validity_years": "validity",
  "invalid_value:custom_expiration_date": "validity", "invalid_value:order_validity": "validity",
  "invalid_value:as_of": "as_of", "invalid_value:dns_names": "names", "invalid_value:common_name": "names",
  "invalid_value:emails": "names", "invalid_value:organization": "names", "invalid_value:certificate": "names",
  "invalid_value:product_name_id": "product", "invalid_value:payment_method": "payment_method",
};
const SUBSCRIPTION_FIELDS = {
  "invalid_value:start_date": "start_date", "invalid_value:proration": "proration", "invalid_value:subscription": "licenses",
};
const PAYMENT_FIELDS = {
  "invalid_value:account_balance": "balance", balance_deposit_not_allowed: "balance",
  "invalid_value:cards": "cards", "invalid_value:available_credit": "cards", "invalid_value:id": "cards",
  "invalid_value:is_default": "cards",
};
const INPUTS = {
  names: ["names"], validity: ["validity_unit", "validity_value"], as_of: ["as_of"], product: ["product"],
  payment_method: ["payment_method"], start_date: ["start_date"], proration: [], licenses: [], balance: ["balance"], cards: [],
  q_valid_until: ["q_valid_until"],
};

/** Runs a module call: `{ value }` or `{ problems }` (a non-certcalc exception is shown as one problem too). */
function ask(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    return { problems: Array.isArray(e?.errors) && e.errors.length ? e.errors : [{ code: e?.code ?? "error", message: String(e?.message ?? e) }] };
  }
}

const shown = new Map(); // field → problems shown next to it in this pass

function place(problems, fields, fallback) {
  const rest = [];
  for (const p of problems ?? []) {
    const field = fields[p.code] ?? fallback(p);
    if (!field) { rest.push(p); continue; }
    const list = shown.get(field) ?? [];
    if (!list.some((q) => q.code === p.code && q.message === p.message)) list.push(p);
    shown.set(field, list);
  }
  return rest;
}

function drawFieldErrors() {
  for (const box of document.querySelectorAll("main .field-error[id^='err-']")) {
    const field = box.id.slice(4);
    if (field === "pricelist" || field === "partner") continue;
    const problems = shown.get(field) ?? [];
    put(box, ...problems.map((p) => h("span", { class: "line" }, problem(p, problemContext()))));
    box.hidden = !problems.length;
    for (const id of INPUTS[field] ?? []) {
      const el = $(id);
      if (problems.length) el?.setAttribute("aria-invalid", "true");
      else el?.removeAttribute("aria-invalid");
    }
  }
}

// ---- requests -------------------------------------------------------------------------------------------

/** What the plain sentences need to know (messages.js): the product's family, the account, how many names. */
function problemContext() {
  const family = products().find((p) => p.product_name_id === state.est.product)?.family;
  return { family, account: state.account, names: family === "code_signing" || family === "document_signing" ? 1 : splitNames(state.est.names).length,
    as_of: state.est.as_of, start: state.sub.start_date, renewal: renewalDay };
}

/** Counts typed in boxes are checked here, before the module is asked: "1.5" days is told so in words. */
function pageProblems() {
  const out = { validity: null, licenses: [] };
  const e = state.est;
  // Both are ISO days (YYYY-MM-DD), so they compare as text.
  if (state.quote.valid_until && e.as_of && state.quote.valid_until < e.as_of) {
    out.validUntil = { code: "quote_valid_until", message: `${state.quote.valid_until} is before ${e.as_of}`, page: true,
      plain: `The quote is valid until ${longDate(state.quote.valid_until)}, before the day it is priced, ${longDate(e.as_of)}.` };
  }
  if (e.vunit && e.vvalue.trim()) {
    out.validity = wholeNumberProblem(e.vvalue, `invalid_value:validity_${e.vunit}`, `the validity in ${e.vunit}`);
  }
  if (state.account === "subscription") {
    state.sub.licenses.forEach((l, i) => {
      if (l.kind === "bound") return;
      const p = wholeNumberProblem(l.quantity, "invalid_value:quantity", `the number of free slots of license ${i + 1}`);
      if (p) out.licenses.push(p);
    });
  }
  return out;
}

function subscriptionInput() {
  return { start_date: state.sub.start_date, proration: state.sub.proration, licenses: licensesInput(state.sub.licenses) };
}

function estimateRequest() {
  const e = state.est;
  const product = products().find((p) => p.product_name_id === e.product);
  const req = { product_name_id: e.product, certificate: certificate(product?.family ?? "tls", e.names), as_of: e.as_of };
  if (e.vunit && e.vvalue.trim()) req.order_validity = { [e.vunit]: Number(e.vvalue.trim()) };
  if (state.account === "subscription") req.subscription = subscriptionInput();
  else req.payment_method = e.payment_method;
  return req;
}

// ---- rendering ------------------------------------------------------------------------------------------

function lineStatus(l) {
  if (l.covered) return h("span", { class: "badge covered", text: "free — covered by the subscription" });
  if (l.remaining_days !== undefined) return h("span", { class: "badge prorated", text: `prorated: ${l.remaining_days} of ${l.term_days} days left` });
  if (l.remaining_months !== undefined) return h("span", { class: "badge prorated", text: `prorated: ${l.remaining_months} of 12 months left` });
  if (l.years !== undefined) return h("span", { class: "badge full", text: `${l.years} ${l.years === 1 ? "year" : "years"}` });
  return h("span", { class: "badge full", text: "full price" });
}

const productName = (id) => products().find((p) => p.product_name_id === id)?.name ?? id;

/** Each addition to the subscription, as the charge it is: its day, its lines and its total (the module's
 * estimate of those assets before they were added). */
function additionsView(additions) {
  if (!additions.length) return null;
  return h("div", { class: "additions", id: "additions" },
    additions.map((a, k) => {
      if (!a.value) {
        return h("div", { class: "addition" }, h("p", {}, h("strong", { text: `Added to the subscription on ${longDate(a.added_on)}: ` }), "not priced."),
          h("ul", { class: "problems" }, a.problems.map((p) => h("li", {}, problem(p, problemContext())))));
      }
      const e = a.value;
      return h("div", { class: "addition" },
        h("p", { class: "big" }, h("span", { class: "label", text: `Added to the subscription on ${longDate(a.added_on)} (${productName(a.product)}), charged that day` }), " ",
          h("strong", { class: "addition-total", id: k ? null : "addition-total", text: money(e.total_price, e.currency) })),
        h("table", { class: "data lines" },
          h("caption", { class: "sr-only", text: `Lines added to the subscription on ${longDate(a.added_on)}` }),
          h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Asset" }), h("th", { scope: "col", text: "Type" }),
            h("th", { scope: "col", text: "Price basis" }), h("th", { scope: "col", class: "num", text: "12 months" }),
            h("th", { scope: "col", class: "num", text: "Price" }))),
          h("tbody", {}, e.lines.map((l) => h("tr", {},
            h("th", { scope: "row", class: "asset" }, atDots(l.asset)), h("td", { text: typeLabel(l.asset_type) }), h("td", {}, lineStatus(l)),
            h("td", { class: "num", text: l.annual_price ? money(l.annual_price, e.currency) : "" }), h("td", { class: "num", text: money(l.price, e.currency) })))),
          h("tfoot", {}, h("tr", { class: "total" }, h("th", { scope: "row", colspan: "4", text: "Charged for the addition" }), h("td", { class: "num", text: money(e.total_price, e.currency) })))));
    }),
    h("p", { class: "hint", text: "Then the order itself is covered by the subscription:" }));
}

const coveredBy = (l) => coveredByText(l, state.sub.licenses);

function estimateView(est, additions = []) {
  const cur = est.currency;
  const units = [["FQDNs", est.fqdns], ["Wildcards", est.wildcards]].filter(([, u]) => u && u.units > 0);
  return [
    additionsView(additions),
    h("p", { class: "big" }, h("span", { class: "label", text: state.account === "subscription" ? "Due for this order" : "Order price" }), " ",
      h("strong", { id: "total", text: money(est.total_price, cur) })),
    est.renewal_total_after !== undefined
      ? h("p", { class: "after" }, "Next renewal once added: ", h("strong", { id: "renewal-after", text: money(est.renewal_total_after, cur) }))
      : null,
    h("table", { class: "data lines" },
      h("caption", { class: "sr-only", text: "Lines of the estimate" }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Asset" }), h("th", { scope: "col", text: "Type" }),
        h("th", { scope: "col", text: "Price basis" }), h("th", { scope: "col", class: "num", text: "12 months" }),
        h("th", { scope: "col", class: "num", text: "Price" }))),
      h("tbody", {}, est.lines.map((l) => h("tr", { class: l.covered ? "covered" : "charged" },
        h("th", { scope: "row", class: "asset" }, atDots(l.asset)), h("td", { text: typeLabel(l.asset_type) }), h("td", {}, lineStatus(l), coveredBy(l) && h("div", { class: "by", text: coveredBy(l) })),
        h("td", { class: "num", text: l.annual_price ? money(l.annual_price, cur) : "" }), h("td", { class: "num", text: money(l.price, cur) })))),
      h("tfoot", {},
        units.map(([label, u]) => h("tr", {}, h("th", { scope: "row", colspan: "4", text: `${label}: ${u.units}` }), h("td", { class: "num", text: money(u.subtotal, cur) }))),
        h("tr", { class: "total" }, h("th", { scope: "row", colspan: "4", text: "Total" }), h("td", { class: "num", text: money(est.total_price, cur) })))),
    slotsView(est),
    h("p", { class: "hint", text: est.payment_method === "subscription"
      ? "Paid from the subscription: a payment method in the request is ignored."
      : `Paid when issued, by ${est.payment_method.replaceAll("_", " ")}.` }),
  ];
}

/** Only `insufficient_subscription`, with an estimate: not a mistake in what was typed, but the next step —
 * the assets are priced as additions, and the order goes through once they are in the subscription. */
function onlyUncovered(est, order) {
  return !!est.value && !!order.problems && order.problems.every((p) => p.code === "insufficient_subscription");
}

function uncoveredLines(est) {
  return (est.value?.lines ?? []).filter((l) => !l.covered);
}

function orderView(est, order) {
  const ctx = problemContext();
  if (order.value) {
    return h("p", { class: "verdict ok", id: "order-verdict", tabindex: "-1" }, "✓ CertCentral accepts this order",
      order.value.payment_method === "subscription" ? " on the subscription." : ".");
  }
  if (onlyUncovered(est, order)) {
    const missing = uncoveredLines(est);
    const names = missing.map((l) => l.asset);
    return h("div", { class: "verdict next", id: "order-verdict", tabindex: "-1" },
      h("p", {}, h("strong", { text: "Next step: add to the subscription. " }),
        names.length === 1 ? [atDots(names[0]), " is"] : [`${names.length} assets (`, names.map((n, i) => [i ? ", " : "", atDots(n)]), ") are"],
        " not in the subscription yet. ",
        `Adding ${names.length === 1 ? "it" : "them"} costs the estimate above, for the rest of the term; then CertCentral accepts the order.`),
      h("p", { class: "cc-line" }, "Until then CertCentral answers ",
        order.problems.map((p) => h("span", { class: "cc" }, h("code", { text: p.code }), " ", h("span", { class: "msg", text: p.message })))),
      h("p", { class: "controls" }, h("button", { type: "button", id: "add-uncovered", text: names.length === 1 ? "Add it to the subscription" : "Add them to the subscription", onclick: addUncovered })));
  }
  return h("div", { class: "verdict refused", id: "order-verdict", tabindex: "-1" },
    h("p", { text: "✕ CertCentral refuses this order:" }),
    h("ul", {}, order.problems.map((p) => h("li", {}, problem(p, ctx)))));
}

/** Adds the estimate's uncovered assets to the subscription as bound licenses (what the estimate priced). */
function addUncovered() {
  const est = lastEstimate;
  if (!est) return;
  // The day it is added is the day priced: the charge is the estimate's prorated price on that day.
  const day = est.as_of ?? state.est.as_of;
  for (const l of est.lines.filter((x) => !x.covered)) {
    state.sub.licenses.push({ product_name_id: state.est.product, asset_type: l.asset_type, kind: "bound", asset: l.asset, quantity: "1", added_on: day });
  }
  licenseEditor($("licenses"), { licenses: state.sub.licenses, products: products(), prefix: "lic", what: "the subscription", changed });
  pushNext = "Added to the subscription.";
  changed();
  $("order-verdict")?.focus();
}

/** One sentence for the live region, in words: what a screen reader hears once the reader pauses, and only
 * when it says something new. */
function summarize(est, order) {
  const ctx = problemContext();
  const words = (problems) => problems.map((p) => plain(p, ctx) ?? p.message).join(" ");
  const e = est.value;
  const parts = [];
  if (e) {
    parts.push(`${state.account === "subscription" ? "Due for this order" : "Order price"}: ${money(e.total_price, e.currency)}.`);
    if (e.renewal_total_after !== undefined) parts.push(`Next renewal once added: ${money(e.renewal_total_after, e.currency)}.`);
  } else {
    parts.push(`No estimate. ${words(est.problems ?? [])}`);
  }
  if (order.value) parts.push("CertCentral accepts this order.");
  else if (onlyUncovered(est, order)) {
    const n = uncoveredLines(est).length;
    parts.push(`To order it, first add the ${n === 1 ? "uncovered asset" : `${n} uncovered assets`} to the subscription.`);
  } else if (e) parts.push(`CertCentral refuses this order. ${words(order.problems ?? [])}`);
  say($("summary"), parts.join(" ").replace(/\s+/g, " ").trim());
}

let sayTimer = null;
/** Sets a live region's text after a pause (typing is not read out key by key), only when it changes. */
function say(el, text, delay = 600) {
  clearTimeout(sayTimer);
  sayTimer = setTimeout(() => { if (el.textContent !== text) el.textContent = text; }, delay);
}

function renewalView(quote, est) {
  const q = quote.value;
  if (!q) return h("p", { class: "hint", text: "Fix the subscription above to see its renewal." });
  const name = (id) => products().find((p) => p.product_name_id === id)?.name ?? id;
  return h("div", { class: "renewal" },
    h("p", { class: "big" }, h("span", { class: "label", text: "Renewal total" }), " ", h("strong", { id: "renewal-total", text: money(q.total, q.currency) }),
      " ", h("span", { text: "on " }), h("time", { datetime: q.renewal_date, id: "renewal-date", text: longDate(q.renewal_date) })),
    est?.renewal_total_after !== undefined
      ? h("p", { class: "after" }, "With this order's assets: ", h("strong", { text: money(est.renewal_total_after, est.currency) }))
      : null,
    h("details", {}, h("summary", { text: `Every license renews at its full 12-month price, until ${longDate(q.renewed_until)}` }),
      h("table", { class: "data" },
        h("thead", {}, h("tr", {}, ["Product", "Asset type", "Asset or slots"].map((t) => h("th", { scope: "col", text: t })), h("th", { scope: "col", class: "num", text: "Price" }))),
        h("tbody", {}, q.lines.map((l) => h("tr", {}, h("td", { text: name(l.product_name_id) }), h("td", { text: typeLabel(l.asset_type) }),
          h("td", { text: l.asset ?? `${l.quantity} free ${l.quantity === 1 ? "slot" : "slots"}` }), h("td", { class: "num", text: money(l.price, q.currency) })))))));
}

// ---- the payment form ------------------------------------------------------------------------------------

function buildCards() {
  const cards = state.pay.cards;
  const rows = cards.map((c, i) => {
    const id = h("input", { type: "text", id: `card-id-${i}`, value: c.id, autocomplete: "off" });
    const def = h("input", { type: "radio", name: "default-card", id: `card-default-${i}`, checked: c.is_default });
    const credit = h("input", { type: "text", id: `card-credit-${i}`, value: c.available_credit, inputmode: "decimal", placeholder: "no limit", autocomplete: "off" });
    // Any edit makes the payment details the reader's own (no longer the example's sample).
    id.addEventListener("input", () => { c.id = id.value; state.pay.sample = false; changed(); });
    credit.addEventListener("input", () => { c.available_credit = credit.value; state.pay.sample = false; changed(); });
    def.addEventListener("change", () => { cards.forEach((x) => { x.is_default = x === c; }); state.pay.sample = false; changed(); });
    return h("div", { class: "card-row", role: "group", "aria-label": `Card ${i + 1}` },
      h("div", { class: "cell grow" }, h("label", { for: `card-id-${i}`, text: "Card" }), id),
      h("div", { class: "cell" }, h("label", { for: `card-credit-${i}`, text: "Available credit" }), credit),
      h("div", { class: "cell" }, h("label", { class: "inline", for: `card-default-${i}` }, def, " default")),
      h("div", { class: "cell end" }, h("button", {
        type: "button", class: "remove", "aria-label": `Remove card ${i + 1}`, title: "Remove", text: "✕",
        onclick: () => { cards.splice(i, 1); state.pay.sample = false; buildCards(); $("add-card").focus(); changed(); },
      })));
  });
  const add = h("button", {
    type: "button", id: "add-card", class: "add", text: "Add a card",
    onclick: () => {
      cards.push({ id: `card-${cards.length + 1}`, is_default: !cards.some((c) => c.is_default), available_credit: "" });
      state.pay.sample = false;
      buildCards();
      $(`card-id-${cards.length - 1}`).focus();
      changed();
    },
  });
  put($("cards"), ...rows, add);
}

function paymentRequest(amount, currency) {
  return {
    amount_due: amount, currency, account_balance: state.pay.balance.trim(),
    cards: state.pay.cards.map((c) => {
      const card = { id: c.id, is_default: c.is_default };
      if (c.available_credit.trim()) card.available_credit = c.available_credit.trim();
      return card;
    }),
  };
}

// ---- wiring ---------------------------------------------------------------------------------------------

let stepper, partner;

function bindValue(id, get, set) {
  const el = $(id);
  el.addEventListener(el.tagName === "SELECT" || el.type === "date" ? "change" : "input", () => { set(el.value); changed(); });
  if (el.type === "date") el.addEventListener("input", () => { set(el.value); changed(); });
  return () => { el.value = get(); };
}

let fillers = [];

/** Builds every input from the state (on load, on a new hash, on a new price list). */
function build() {
  options($("product"), products().map((p) => [p.product_name_id, p.name]), state.est.product);
  if (!products().some((p) => p.product_name_id === state.est.product)) {
    state.est.product = products()[0]?.product_name_id ?? "";
    $("product").value = state.est.product;
  }
  for (const fill of fillers) fill();
  $(`proration-${state.sub.proration}`).checked = true;
  licenseEditor($("licenses"), { licenses: state.sub.licenses, products: products(), prefix: "lic", what: "the subscription", changed });
  buildCards();
  partner.ctx.partner = state.partner;
  partner.build();
  stepper.pay = state.pay;
}

let lastHash = "";

let lastEstimate = null;
let renewalDay = null; // the subscription's renewal day, for sentences about the day priced
let lastAdditions = [];
// A whole-state change (a new quote, the example, an addition, an import) gets its own history entry, so
// the browser's Back returns to what was there before; its words are offered with an Undo button.
let pushNext = null;

/** Recomputes everything from the state. `said`: the words for a whole change the reader asked for (an
 * import), which gets its own history entry. */
function changed(said) {
  if (typeof said === "string") pushNext = said;
  const hadFocus = document.activeElement;
  const hadPlace = hadFocus?.closest?.("section");
  shown.clear();
  document.body.dataset.account = state.account;
  $("validity_value").disabled = !state.est.vunit;
  const list = priceList();
  const cur = list?.currency;
  const n = products().length;
  const info = `Prices: ${list?.label ?? "imported price list"} · ${cur} · ${n} ${n === 1 ? "product" : "products"}`;
  if ($("list-info").textContent !== info) $("list-info").textContent = info; // a live region: only real changes

  const checks = pageProblems();
  if (checks.validUntil) place([checks.validUntil], { "quote_valid_until": "q_valid_until" }, () => null);
  if (checks.validity) place([checks.validity], ESTIMATE_FIELDS, () => null);
  if (checks.licenses.length) place(checks.licenses, SUBSCRIPTION_FIELDS, () => "licenses");
  const notAsked = { problems: [...(checks.validity ? [checks.validity] : []), ...checks.licenses] };

  // The subscription's own problems are shown at the subscription, before the estimate's repeat them.
  const sub = state.account === "subscription";
  const quote = !sub ? null : checks.licenses.length ? notAsked : ask(() => cc.renewalQuote(subscriptionInput(), prices()));
  renewalDay = quote?.value?.renewal_date ?? null;
  const subFallback = () => "licenses";
  if (quote?.problems && !checks.licenses.length) place(quote.problems, SUBSCRIPTION_FIELDS, subFallback);
  const subProblems = new Set((quote?.problems ?? []).map((p) => `${p.code}|${p.message}`));
  const fresh = (problems) => (problems ?? []).filter((p) => !subProblems.has(`${p.code}|${p.message}`));

  const family = products().find((p) => p.product_name_id === state.est.product)?.family;
  $("names-label").textContent = namesLabel(family);
  const req = estimateRequest();
  // No names yet (a new quote): nothing to price, and nothing wrong either.
  const noNames = !state.est.names.trim();
  const skip = checks.validity || (sub && checks.licenses.length) || noNames;
  const est = skip ? notAsked : ask(() => cc.estimate(req, prices()));
  const order = skip ? notAsked : ask(() => cc.validateOrder(req, prices()));
  lastEstimate = est.value ?? null;
  const familyOf = (id) => products().find((p) => p.product_name_id === id)?.family;
  const additions = sub && !checks.licenses.length ? additionCharges({ cc, prices: prices(), sub: state.sub, familyOf, ask }) : [];
  lastAdditions = additions;
  // A refusal that only says "add these assets first" is the next step, shown in the verdict, not an error
  // at the names (the names are fine: they are priced as additions).
  // (insufficient_subscription is the order's, never a field's: it is shown in the verdict only.)
  const orderProblems = fresh(order.problems).filter((p) => p.code !== "insufficient_subscription");
  const general = skip ? [] : [...place(fresh(est.problems), ESTIMATE_FIELDS, () => null)];
  for (const p of skip ? [] : place(orderProblems, ESTIMATE_FIELDS, () => null)) {
    if (!general.some((q) => q.code === p.code && q.message === p.message)) general.push(p);
  }
  const ctx = problemContext();
  put($("estimate-out"), ...(est.value ? estimateView(est.value, additions)
    : [h("p", { class: "hint", text: noNames ? "Type the names to price (one per line) to see the estimate." : "No estimate: see the problem next to the field." })]),
    general.length ? h("ul", { class: "problems" }, general.map((p) => h("li", {}, problem(p, ctx)))) : null);
  if (skip) put($("order-out"));
  else put($("order-out"), orderView(est, { value: order.value, problems: fresh(order.problems).length ? fresh(order.problems) : order.problems }));
  $("export-estimate").disabled = !est.value;
  summarize(est, order);
  glance(est.value, additions, quote?.value);
  $("sample-note").hidden = !state.pay.sample;
  $("myp-method").textContent = sub ? "" : `This order is paid by ${{ balance: "the account balance", card: "a saved card", new_card: "a new card" }[state.est.payment_method] ?? state.est.payment_method}.`;

  // Renewal and its payment.
  let paid = null;
  if (sub) {
    put($("renewal-out"), renewalView(quote, est.value));
    const choices = [];
    if (quote.value) choices.push(["current", `The subscription as it is: ${money(quote.value.total, quote.value.currency)}`, quote.value.total]);
    if (est.value?.renewal_total_after !== undefined) choices.push(["after", `With this order's assets: ${money(est.value.renewal_total_after, est.value.currency)}`, est.value.renewal_total_after]);
    const which = options($("pay_amount"), choices.map(([v, l]) => [v, l]), state.pay.which);
    const amount = choices.find(([v]) => v === which)?.[2];
    if (amount !== undefined) {
      paid = ask(() => cc.payRenewal(paymentRequest(amount, cur)));
      place(paid.problems, PAYMENT_FIELDS, () => "balance");
      stepper.show({ payment: paid.value, due: amount, date: quote.value ? longDate(quote.value.renewal_date) : "", cards: state.pay.cards, error: !!paid.problems });
    } else {
      stepper.show({ payment: null, error: true });
    }
  }
  drawFieldErrors();
  partner.update();
  drawQuote({ req, est: est.value, order, quote: quote?.value, paid: paid?.value, list, additions });
  labelCells();
  writeHash();
  // Focus never falls to <body>: when the control that had it is gone (rebuilt) or disabled, the place it
  // was in takes it.
  if (document.activeElement === document.body && hadFocus && hadFocus !== document.body) {
    if (hadFocus.isConnected && !hadFocus.disabled) hadFocus.focus();
    else focusPlace(hadPlace);
  }
}

function focusPlace(el) {
  const target = el?.isConnected ? el : document.querySelector("main");
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
}

/** The printable quote (shown only in print): who it is for, what was priced, and the module's figures. An
 * addition to the subscription is printed as the charge it is, before the order. */
function drawQuote({ req, est, order, quote, paid, list, additions }) {
  const cur = est?.currency ?? list?.currency;
  const product = products().find((p) => p.product_name_id === state.est.product);
  const validity = state.est.vunit && state.est.vvalue.trim() ? `${state.est.vvalue.trim()} ${state.est.vunit}` : "not given";
  const q = state.quote;
  const facts = [
    q.customer.trim() ? ["Customer", q.customer.trim()] : null,
    q.reference.trim() ? ["Reference", q.reference.trim()] : null,
    q.valid_until ? ["Valid until", longDate(q.valid_until)] : null,
    ["Account", state.account === "subscription" ? `Subscription, term from ${longDate(state.sub.start_date)} (proration by ${state.sub.proration === "monthly" ? "remaining months" : "remaining days"})` : "Multi-year Plan (before subscription)"],
    ["Product", product?.name ?? state.est.product],
    ["Validity", validity],
    ["Priced as of", longDate(req.as_of)],
    ["Price list", `${list?.label ?? "imported price list"} (${list?.currency ?? ""})`],
  ].filter(Boolean);
  const body = [h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })]))];
  const table = (caption, lines, c, totalLabel, total) => h("table", { class: "data quote-lines" },
    h("caption", { text: caption }),
    h("thead", {}, h("tr", {}, ["Asset", "Type", "Basis"].map((t) => h("th", { scope: "col", text: t })), h("th", { scope: "col", class: "num", text: "12 months" }), h("th", { scope: "col", class: "num", text: "Price" }))),
    h("tbody", {}, lines.map((l) => h("tr", {}, h("td", { class: "asset" }, atDots(l.asset)), h("td", { text: typeLabel(l.asset_type) }),
      h("td", { text: [lineStatus(l).textContent, coveredBy(l)].filter(Boolean).join(" — ") }), h("td", { class: "num", text: l.annual_price ? money(l.annual_price, c) : "" }), h("td", { class: "num", text: money(l.price, c) })))),
    // The total closes the table (a row group, not a footer repeated on every printed page).
    h("tbody", { class: "total-group" }, h("tr", { class: "total" }, h("th", { scope: "row", colspan: "4", text: totalLabel }), h("td", { class: "num", text: money(total, c) }))));
  for (const a of additions ?? []) {
    if (a.value) body.push(table(`Added to the subscription on ${longDate(a.added_on)} (${productName(a.product)})`, a.value.lines, a.value.currency, `Charged on ${longDate(a.added_on)}`, a.value.total_price));
    else body.push(h("p", { text: `Added to the subscription on ${longDate(a.added_on)}: not priced (${a.problems.map((p) => p.code).join(", ")}).` }));
  }
  if (est) {
    body.push(table(additions?.some((a) => a.value) ? "Then the order" : "The order", est.lines, cur, state.account === "subscription" ? "Due for this order" : "Order price", est.total_price));
    body.push(slotsView(est));
  } else {
    body.push(h("p", { text: state.est.names.trim() ? "No estimate: the request has a problem (see the page)." : "No names to price yet." }));
  }
  if (quote) {
    const after = est?.renewal_total_after !== undefined && est.renewal_total_after !== quote.total;
    body.push(h("p", { text: `Renewal on ${longDate(quote.renewal_date)}: ${money(quote.total, quote.currency)} as the subscription is${after ? `; ${money(est.renewal_total_after, cur)} once this order's assets are added` : ""}.` }));
  }
  // Payment details the reader never typed (the example's) are not printed as the customer's.
  // Nor is a payment with no details at all (a new quote's): there is nothing of the customer's to show.
  const entered = state.pay.cards.length > 0 || !/^0*(\.0*)?$/.test(state.pay.balance.trim());
  if (paid && !state.pay.sample && entered) {
    const how = paid.steps.map((st) => `${st.source === "account_balance" ? "account balance" : `card ${st.card_id ?? ""}`} ${money(st.charged, cur)}`).join(", then ");
    body.push(h("p", { text: `Renewal payment (${state.pay.which === "current" ? "the subscription as it is" : "with this order's assets"}): ${paid.status.replaceAll("_", " ")}${how ? ` — ${how}` : ""}.` }));
  }
  if (order?.value) body.push(h("p", { text: "CertCentral accepts this order." }));
  else if (order?.problems?.length) {
    body.push(h("p", { text: onlyUncovered({ value: est }, order)
      ? "To order: add the uncovered assets to the subscription first (the price above); then CertCentral accepts the order."
      : `CertCentral refuses this order: ${order.problems.map((p) => p.code).join(", ")}.` }));
  }
  body.push(h("p", { class: "hint", text: `Estimated by certcalc ${cc.version?.() ?? ""}; every figure is the certcalc module's.` }));
  put($("quote-out"), ...body);
}

function writeHash() {
  if (linkBroken) return;
  lastHash = toHash(state);
  if (pushNext) {
    history.pushState(null, "", lastHash);
    $("undo-text").textContent = `${pushNext} The browser's Back, or Undo, returns to what was there before.`;
    $("undo").hidden = false;
    pushNext = null;
  } else if (location.hash !== lastHash) history.replaceState(null, "", lastHash);
}

/** A short summary for the first screen (on a phone the estimate is far below): the module's figures only. */
function glance(est, additions, quote) {
  const parts = [];
  for (const a of additions) {
    if (a.value) parts.push(h("span", {}, `Added to the subscription ${longDate(a.added_on)}: `, h("strong", { text: money(a.value.total_price, a.value.currency) })));
  }
  if (est) parts.push(h("span", {}, state.account === "subscription" ? "Due for this order: " : "Order price: ", h("strong", { id: "glance-total", text: money(est.total_price, est.currency) })));
  if (quote) {
    const after = est?.renewal_total_after !== undefined;
    parts.push(h("span", {}, `Next renewal${after ? " once added" : ""} (${longDate(quote.renewal_date)}): `,
      h("strong", { text: money(after ? est.renewal_total_after : quote.total, quote.currency) })));
  }
  if (!parts.length) { put($("glance")); return; }
  put($("glance"), parts.map((x, i) => [i ? " · " : "", x]), " ", h("a", { href: "#result", text: "See the estimate" }));
}

/** A list from an address is checked like an imported one; a bad one gives way to the sample list. */
function checkList() {
  if (!state.list) return;
  try {
    prices();
  } catch {
    state.list = null;
  }
}

async function main() {
  try {
    await init();
    catalog = cc.catalog();
  } catch (e) {
    $("fatal").textContent = `The pricing module did not load, so nothing can be priced: ${e?.message ?? e}`;
    $("fatal").hidden = false;
    $("list-info").textContent = "";
    return;
  }
  $("version").textContent = cc.version();
  checkList();

  fillers = [
    bindValue("account", () => state.account, (v) => { state.account = v; }),
    bindValue("start_date", () => state.sub.start_date, (v) => { state.sub.start_date = v; }),
    bindValue("product", () => state.est.product, (v) => { state.est.product = v; }),
    bindValue("names", () => state.est.names, (v) => { state.est.names = v; }),
    bindValue("as_of", () => state.est.as_of, (v) => { state.est.as_of = v; }),
    // A new unit starts from its usual length (1 year, 397 days): a count kept from the other unit would be
    // refused before the reader had typed anything.
    bindValue("validity_unit", () => state.est.vunit, (v) => {
      if (v && v !== state.est.vunit) $("validity_value").value = state.est.vvalue = v === "years" ? "1" : "397";
      state.est.vunit = v;
    }),
    bindValue("validity_value", () => state.est.vvalue, (v) => { state.est.vvalue = v; }),
    bindValue("payment_method", () => state.est.payment_method, (v) => { state.est.payment_method = v; }),
    bindValue("pay_amount", () => state.pay.which, (v) => { state.pay.which = v; }),
    bindValue("balance", () => state.pay.balance, (v) => { state.pay.balance = v; state.pay.sample = false; }),
    bindValue("q_customer", () => state.quote.customer, (v) => { state.quote.customer = v; }),
    bindValue("q_reference", () => state.quote.reference, (v) => { state.quote.reference = v; }),
    bindValue("q_valid_until", () => state.quote.valid_until, (v) => { state.quote.valid_until = v; }),
  ];
  for (const r of document.querySelectorAll("input[name=proration]")) {
    r.addEventListener("change", () => { if (r.checked) { state.sub.proration = r.value; changed(); } });
  }
  $("estimate-form").addEventListener("submit", (e) => e.preventDefault());
  $("payment-form").addEventListener("submit", (e) => e.preventDefault());

  stepper = new Stepper(state.pay, () => writeHash());
  partner = new PartnerView({ cc, partner: state.partner, products, prices, asOf: () => state.est.as_of || today(), changed });
  new PriceListImport({
    cc, current: priceList,
    use: (list) => {
      state.list = list;
      build();
      changed();
    },
  });

  $("share").addEventListener("click", async () => {
    writeHash();
    try {
      await navigator.clipboard.writeText(location.href);
      $("share-status").textContent = "Copied.";
    } catch {
      $("share-status").textContent = "Copy the address from the address bar.";
    }
  });
  /** Replaces the whole state (start over, an example, a new address) and redraws everything from it.
   * `said`: the words for a change the reader asked for, which gets its own history entry (Back undoes it). */
  const load = (next, said = null) => {
    pushNext = said;
    state = next;
    checkList();
    stepper.stop();
    stepper.pay = state.pay;
    partner.ctx.partner = state.partner;
    build();
    changed();
  };
  const brokenLink = (broken) => {
    linkBroken = broken;
    $("link-notice").hidden = !broken;
  };
  $("new-quote").addEventListener("click", () => { brokenLink(false); load(blankState(), "Started a new, blank quote."); $("q_customer").focus(); });
  $("reset").addEventListener("click", () => { brokenLink(false); load(defaults(), "Started over with the example."); });
  $("example-refusal").addEventListener("click", () => { brokenLink(false); load(refusalExample(), "Showing the refused-order example."); });
  $("link-start-over").addEventListener("click", () => { brokenLink(false); load(defaults()); $("reset").focus(); });
  $("undo").addEventListener("click", () => history.back());
  $("print").addEventListener("click", () => window.print());
  $("export-estimate").addEventListener("click", () => {
    if (!lastEstimate) return;
    download(`certcalc-estimate-${state.est.as_of || today()}.csv`, estimateCsv({
      quote: state.quote, est: lastEstimate, productName: productName(state.est.product), typeLabel, coveredBy,
      additions: lastAdditions.map((a) => ({ ...a, productName: productName(a.product) })),
    }));
  });
  window.addEventListener("hashchange", () => {
    if (location.hash === lastHash) return;
    const next = readHash(location.hash);
    if (next.none) return;
    if (next.broken) { brokenLink(true); $("link-notice").focus(); return; }
    brokenLink(false);
    load(next.state);
    // Back (or Undo) has brought an earlier state: there is nothing left to undo from here.
    $("undo").hidden = true;
    $("undo-text").textContent = "Back to the earlier quote.";
  });

  build();
  changed();
  if (linkBroken) { brokenLink(true); $("link-notice").focus(); }
}

main();
