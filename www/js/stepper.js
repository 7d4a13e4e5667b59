// The payment stepper: walks the fallback order of R8 as the module answered it — what is due, the account
// balance, the default card, the outcome — one position at a time, highlighting the source in play and its
// amounts. "Play" advances by itself; every control is a button, and ←/→ work inside the stepper too.

import { $, h, put } from "./dom.js";
import { money } from "./format.js";

const PLAY_MS = 1100;

let sayTimer = null;
/** Sets a live region's text only when it changes: the same words are not announced again. A change that
 * follows typing elsewhere (`later`) waits for a pause, so what is due is said once, not per keystroke. */
function say(el, text, later = false) {
  clearTimeout(sayTimer);
  const set = () => { if (el.textContent !== text) el.textContent = text; };
  if (later && el.textContent) sayTimer = setTimeout(set, 600);
  else set();
}

const STATUS = {
  paid: "Paid in full",
  declined: "Declined: the default card cannot take the rest, and no other card is tried",
  no_payment_method: "Unpaid: the balance does not cover it and there is no default card",
};

const zero = (amount) => /^0+(\.0+)?$/.test(String(amount ?? ""));

/** What the outcome means, in words, with the module's figures: what was collected, from where, and what
 * was not (and why). */
export function meaning(p) {
  const cur = p.currency;
  const fromBalance = p.steps.find((st) => st.source === "account_balance");
  const card = p.steps.find((st) => st.source === "credit_card");
  const collected = zero(p.collected) ? "Nothing was collected" : `${money(p.collected, cur)} was collected${fromBalance && !zero(fromBalance.charged) ? card && !zero(card.charged) ? " from the balance and the card" : " from the balance" : " from the card"}`;
  if (p.status === "paid") return `Paid in full: ${collected.replace(/ was collected/, " collected")}.`;
  if (p.status === "declined") {
    return `Declined. ${collected}; the other ${money(p.shortfall, cur)} was not collected. The default card${card?.card_id ? ` ${card.card_id}` : ""} can take only ${money(card?.available, cur)}, a payment is never split between cards, and no other card is tried: the renewal stays unpaid until the default card can take the rest.`;
  }
  if (p.status === "no_payment_method") {
    return `Unpaid. ${collected}; the other ${money(p.shortfall, cur)} was not collected, because the account has no default card to charge it to.`;
  }
  return p.status;
}

export class Stepper {
  constructor(pay, onMove) {
    this.pay = pay; // the state's `pay` part: holds the position (`step`)
    this.onMove = onMove;
    this.timer = null;
    this.view = null;
    const act = (fn) => (e) => { const el = e.currentTarget; fn(); this.keepFocus(el); };
    $("step-reset").addEventListener("click", act(() => { this.stop(); this.go(0); }));
    $("step-back").addEventListener("click", act(() => { this.stop(); this.go(this.pay.step - 1); }));
    $("step-next").addEventListener("click", act(() => { this.stop(); this.go(this.pay.step + 1); }));
    $("step-play").addEventListener("click", () => (this.timer ? this.stop() : this.play()));
    $("stepper").addEventListener("keydown", (e) => {
      if (e.target.closest("input, select, textarea")) return;
      if (e.key === "ArrowRight") { this.stop(); this.go(this.pay.step + 1); e.preventDefault(); }
      if (e.key === "ArrowLeft") { this.stop(); this.go(this.pay.step - 1); e.preventDefault(); }
    });
  }

  /** The last position: 0 is what is due, 1..n the module's steps, n + 1 the outcome. */
  get last() {
    return this.view?.payment ? this.view.payment.steps.length + 1 : 0;
  }

  go(pos) {
    this.pay.step = Math.max(0, Math.min(pos, this.last));
    this.draw();
    this.onMove();
  }

  /** A control that disables itself (Next at the outcome, Previous at the start) would drop the focus to
   * <body>: it moves to the control that still makes sense instead. */
  keepFocus(before) {
    const el = before;
    if (!el || !el.disabled) return;
    const order = el.id === "step-next" ? ["step-back", "step-reset", "step-play"] : ["step-next", "step-play", "step-reset"];
    for (const id of order) if (!$(id).disabled) { $(id).focus(); return; }
    $("stepper").focus();
  }

  play() {
    if (!this.last) return;
    if (this.pay.step >= this.last) this.go(0);
    $("step-play").textContent = "Pause";
    $("step-play").setAttribute("aria-pressed", "true");
    this.timer = setInterval(() => {
      this.go(this.pay.step + 1);
      if (this.pay.step >= this.last) this.stop();
    }, PLAY_MS);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    $("step-play").textContent = "Play";
    $("step-play").setAttribute("aria-pressed", "false");
  }

  /** `view`: `{ payment, due, date, cards, error }` — the module's answer and what it was asked. */
  show(view) {
    this.view = view;
    if (this.pay.step > this.last) this.pay.step = this.last;
    this.draw(true);
  }

  /** `later`: the redraw follows an edit elsewhere (show), not a move of the stepper itself. */
  draw(later = false) {
    const v = this.view;
    const list = $("steps");
    const status = $("step-status");
    const focused = document.activeElement;
    for (const id of ["step-reset", "step-back", "step-next", "step-play"]) $(id).disabled = !v?.payment;
    if (!v?.payment) {
      this.stop();
      put(list);
      put($("step-summary"));
      say(status, v?.error ? "Fix the payment details to see who pays." : "", later);
      if (focused?.disabled) this.keepFocus(focused);
      return;
    }
    const p = v.payment;
    const cur = p.currency;
    const pos = this.pay.step;
    // What is due and how it ends, always in view above the steps (on a phone the steps are a long column).
    put($("step-summary"), h("span", { class: "due" }, "Due ", h("strong", { text: money(v.due, cur) }), v.date ? ` on ${v.date}` : ""), " → ",
      h("span", { class: `end ${p.status}` }, h("strong", { text: STATUS[p.status]?.split(":")[0] ?? p.status }), `: ${money(p.collected, cur)} collected, ${money(p.shortfall, cur)} not collected`));
    $("step-back").disabled = pos === 0;
    $("step-next").disabled = pos >= this.last;
    if (focused?.disabled) this.keepFocus(focused);
    const item = (i, cls, title, ...body) => {
      const state = i < pos ? "done" : i === pos ? "current" : "pending";
      return h("li", { class: `step ${cls} ${state}`, "aria-current": i === pos ? "step" : null },
        h("span", { class: "step-title", text: title }), h("div", { class: "step-body" }, i <= pos ? body : h("span", { class: "hint", text: "…" })));
    };
    const amounts = (st) => h("dl", { class: "amounts" },
      h("dt", { text: st.source === "account_balance" ? "available" : "can take" }), h("dd", { text: money(st.available, cur) }),
      h("dt", { text: "charged" }), h("dd", { class: "charged", text: money(st.charged, cur) }),
      h("dt", { text: "still due" }), h("dd", { text: money(st.remaining_due, cur) }));
    const items = [item(0, "due", "Due", h("p", {}, h("strong", { text: money(v.due, cur) }), v.date ? ` on the renewal date, ${v.date}` : ""))];
    p.steps.forEach((st, i) => {
      const title = st.source === "account_balance" ? "1. Account balance" : `2. Default card ${st.card_id ?? ""}`;
      const declined = st.source === "credit_card" && p.status === "declined" && i === p.steps.length - 1;
      // "by-card", not "card": that class is a section's box on this page.
      items.push(item(i + 1, `${st.source === "account_balance" ? "balance" : "by-card"}${declined ? " declined" : ""}`, title,
        amounts(st), declined ? h("p", { class: "note", text: "The card cannot take the whole rest: the payment is never split between cards." }) : null));
    });
    const others = (v.cards ?? []).filter((c) => !c.is_default && c.id);
    items.push(item(this.last, `outcome ${p.status}`, "Outcome",
      // Paid says so; a decline or no card says what it means, in a sentence with the figures.
      p.status === "paid" ? h("p", {}, h("strong", { text: STATUS[p.status] })) : h("p", { class: "meaning" }, h("strong", { text: meaning(p) })),
      h("dl", { class: "amounts" },
        h("dt", { text: "collected" }), h("dd", { text: money(p.collected, cur) }),
        h("dt", { text: "shortfall" }), h("dd", { class: "shortfall", text: money(p.shortfall, cur) }),
        h("dt", { text: "balance after" }), h("dd", { text: money(p.balance_after, cur) })),
      others.length ? h("p", { class: "note", text: `Never tried: ${others.map((c) => c.id).join(", ")} (only the default card is charged).` }) : null));
    put(list, ...items);
    say(status, pos === 0
      ? `${money(v.due, cur)} is due. Step through who pays it.`
      : pos >= this.last
        ? `${STATUS[p.status] ?? p.status}: ${money(p.collected, cur)} collected, ${money(p.shortfall, cur)} short.`
        : (() => {
          const st = p.steps[pos - 1];
          const from = st.source === "account_balance" ? "the account balance" : `the default card ${st.card_id ?? ""}`;
          return `Step ${pos}: ${money(st.charged, cur)} from ${from}; ${money(st.remaining_due, cur)} still due.`;
        })(), later);
  }
}
