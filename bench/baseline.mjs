// The baseline certcalc is measured against: the same estimate and partner roll-up written the way a web
// developer would write them in plain JavaScript with decimal.js — daily proration annual × remaining /
// term_days rounded ROUND_HALF_UP per line, renewal totals, and R8's balance-then-default-card payments per
// payer. It answers in certcalc's shape so that bench.mjs can check both give the same answer before timing.
//
// It is deliberately lean: it checks only what it needs to compute (known product, dates, a domain pattern)
// and trusts the rest of its input, where certcalc validates every field and names every problem. That
// favours the baseline; the ratios are therefore conservative for certcalc.

const DAY = 86_400_000;
// certcalc's order of asset types (catalog.rs), which its `slots` follow.
const TYPE_ORDER = ["fqdn", "wildcard", "email_domain", "email_address", "organization"];
const MINOR_UNITS = { USD: 2, EUR: 2, GBP: 2, JPY: 0, BHD: 3 };
const LABEL = "(?!-)[a-z0-9-]{1,63}(?<!-)";
const DOMAIN = new RegExp(`^(\\*\\.)?(${LABEL}\\.)+${LABEL}$`);

export function makeBaseline(Decimal) {
  const zero = new Decimal(0);

  function parseDate(s, field) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    const t = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
    if (!m || new Date(t).getUTCDate() !== +m[3]) throw new Error(`invalid_value:${field}`);
    return t;
  }
  const formatDate = (t) => new Date(t).toISOString().slice(0, 10);

  /** start + 12 calendar months, the day clamped to the month's end (2028-02-29 → 2029-02-28). */
  function termEnd(start) {
    const d = new Date(start);
    const y = d.getUTCFullYear() + 1, m = d.getUTCMonth(), day = d.getUTCDate();
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return Date.UTC(y, m, Math.min(day, last));
  }

  /** product id → { family, prices: asset type → Decimal }, built once per call from the price list. */
  function index(priceList) {
    const products = new Map();
    for (const p of priceList.products) {
      const prices = {};
      for (const [type, amount] of Object.entries(p.annual_prices)) prices[type] = new Decimal(amount);
      products.set(p.product_name_id, prices);
    }
    return { products, dp: MINOR_UNITS[priceList.currency] ?? 2, currency: priceList.currency };
  }

  function annual(ix, product, type) {
    const price = ix.products.get(product)?.[type];
    if (!price) throw new Error(`invalid_value:product_name_id`);
    return price;
  }

  function renewalTotal(ix, licenses) {
    let total = zero;
    for (const l of licenses) total = total.plus(annual(ix, l.product_name_id, l.asset_type).times(l.quantity ?? 1));
    return total;
  }

  function canonicalDomain(name) {
    const d = (name.endsWith(".") ? name.slice(0, -1) : name).toLowerCase();
    if (d.length > 253 || !DOMAIN.test(d)) throw new Error("invalid_value:dns_names");
    return d;
  }

  /** The estimate of a TLS request on a subscription, daily proration (what the benchmark prices). */
  function estimate(req, priceList) {
    const ix = index(priceList);
    const fix = (d) => d.toFixed(ix.dp);
    const product = req.product_name_id;
    const sub = req.subscription;
    const start = parseDate(sub.start_date, "start_date");
    const end = termEnd(start);
    const asOf = parseDate(req.as_of, "as_of");
    if (asOf < start || asOf >= end) throw new Error("invalid_value:as_of");
    const termDays = Math.round((end - start) / DAY);
    const remaining = Math.round((end - asOf) / DAY);

    const names = [];
    if (req.certificate.common_name) names.push(req.certificate.common_name);
    for (const n of req.certificate.dns_names ?? []) names.push(n);
    const seen = new Set();
    const assets = [];
    for (const n of names) {
      const asset = canonicalDomain(n);
      const type = asset.startsWith("*.") ? "wildcard" : "fqdn";
      if (!seen.has(asset)) { seen.add(asset); assets.push({ asset, type }); }
    }

    // Coverage: a license of this product bound to the asset first (the first such license), then a free
    // slot of its type from the first unbound license with one left; the covering license's index is told.
    const bound = new Map();
    const pools = [];
    sub.licenses.forEach((l, i) => {
      if (l.product_name_id !== product) return;
      if (l.asset) { const key = `${l.asset_type}|${canonicalDomain(l.asset)}`; if (!bound.has(key)) bound.set(key, i); }
      else pools.push({ i, type: l.asset_type, left: l.quantity ?? 1 });
    });
    const slots = [];
    for (const p of pools) {
      const s = slots.find((s) => s.asset_type === p.type);
      if (s) s.free += p.left; else slots.push({ asset_type: p.type, free: p.left, used: 0, left: 0 });
    }
    const by = assets.map((a) => bound.get(`${a.type}|${a.asset}`));
    assets.forEach((a, i) => {
      if (by[i] !== undefined) return;
      const p = pools.find((p) => p.type === a.type && p.left > 0);
      if (p) { p.left--; by[i] = p.i; slots.find((s) => s.asset_type === a.type).used++; }
    });
    for (const s of slots) s.left = s.free - s.used;
    slots.sort((a, b) => TYPE_ORDER.indexOf(a.asset_type) - TYPE_ORDER.indexOf(b.asset_type));
    const covered = by.map((i) => i !== undefined);

    let total = zero, added = zero;
    const sums = { fqdn: [0, zero], wildcard: [0, zero] };
    const lines = assets.map((a, i) => {
      const price = annual(ix, product, a.type);
      const line = { asset: a.asset, asset_type: a.type, covered: covered[i] };
      if (covered[i]) line.covered_by = by[i];
      line.annual_price = fix(price);
      let p = zero;
      if (!covered[i]) {
        p = price.times(remaining).dividedBy(termDays).toDecimalPlaces(ix.dp, Decimal.ROUND_HALF_UP);
        line.remaining_days = remaining;
        line.term_days = termDays;
        added = added.plus(price);
      }
      line.price = fix(p);
      total = total.plus(p);
      sums[a.type][0]++;
      sums[a.type][1] = sums[a.type][1].plus(p);
      return line;
    });
    return {
      currency: ix.currency,
      payment_method: "subscription",
      total_price: fix(total),
      fqdns: { units: sums.fqdn[0], subtotal: fix(sums.fqdn[1]) },
      wildcards: { units: sums.wildcard[0], subtotal: fix(sums.wildcard[1]) },
      lines,
      renewal_total_after: fix(renewalTotal(ix, sub.licenses).plus(added)),
      ...(slots.length ? { slots } : {}),
    };
  }

  /** R8: the balance as far as it goes, then the whole rest from the default card, or nothing. */
  function pay(due, payer, fix) {
    const balance = payer.balance;
    const fromBalance = due.isZero() ? zero : Decimal.min(balance, due);
    const rest = due.minus(fromBalance);
    const steps = [];
    if (!due.isZero()) {
      steps.push({ source: "account_balance", available: fix(balance), charged: fix(fromBalance), remaining_due: fix(rest) });
    }
    let status = "paid";
    const card = payer.cards.find((c) => c.is_default);
    if (!rest.isZero()) {
      if (!card) status = "no_payment_method";
      else {
        const available = card.credit ?? rest;
        const takes = available.gte(rest);
        const charged = takes ? rest : zero;
        steps.push({ source: "credit_card", card_id: card.id, available: fix(available), charged: fix(charged), remaining_due: fix(rest.minus(charged)) });
        if (card.credit) card.credit = card.credit.minus(charged);
        if (!takes) status = "declined";
      }
    }
    const shortfall = status === "paid" ? zero : rest;
    payer.balance = balance.minus(fromBalance);
    return { status, steps, collected: fix(due.minus(shortfall)), shortfall: fix(shortfall), balance_after: fix(payer.balance) };
  }

  function payerOf(name, balance, cards) {
    return {
      name,
      balance: new Decimal(balance ?? 0),
      cards: (cards ?? []).map((c) => ({ id: c.id, is_default: !!c.is_default, credit: c.available_credit == null ? null : new Decimal(c.available_credit) })),
      total: zero,
      payments: [],
    };
  }

  /** R10: each subaccount's renewal, who pays it, each payer's payments in renewal-date order (ties by id). */
  function partnerRollup(portfolio, priceList) {
    const ix = index(priceList);
    const fix = (d) => d.toFixed(ix.dp);
    const payers = [payerOf("partner", portfolio.partner.account_balance, portfolio.partner.cards)];
    const rows = portfolio.subaccounts.map((s) => {
      const date = formatDate(termEnd(parseDate(s.subscription.start_date, "start_date")));
      let payer = 0;
      if (!s.bill_parent) { payers.push(payerOf(s.id, s.account_balance, s.cards)); payer = payers.length - 1; }
      return { s, date, total: renewalTotal(ix, s.subscription.licenses), payer };
    });
    const order = rows.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0));
    for (const r of order) {
      const p = payers[r.payer];
      const paid = pay(r.total, p, fix);
      p.total = p.total.plus(r.total);
      p.payments.push({ subaccount: r.s.id, renewal_date: r.date, amount_due: fix(r.total), currency: ix.currency, ...paid });
    }
    let total = zero;
    for (const r of rows) total = total.plus(r.total);
    return {
      currency: ix.currency,
      subaccounts: rows.map((r) => ({ id: r.s.id, name: r.s.name, renewal_date: r.date, renewal_total: fix(r.total), payer: r.s.bill_parent ? "partner" : r.s.id })),
      payers: payers.map((p) => ({ payer: p.name, renewal_total: fix(p.total), payments: p.payments })),
      total: fix(total),
    };
  }

  return { estimate, partnerRollup };
}
