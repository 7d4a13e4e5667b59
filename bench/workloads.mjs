// The benchmark workloads, built exactly as the `workloads` module of benches/native.rs builds them, so the
// browser and native figures price the same input.

/** The i-th DNS name: every fourth a wildcard, some in mixed case with a trailing dot (folded). */
export function dnsName(i) {
  if (i % 4 === 3) return `*.app${i}.example.com`;
  if (i % 7 === 5) return `Host${i}.Example.COM.`;
  return `host${i}.example.com`;
}

/** An estimate on a subscription naming `n` distinct assets: two bound, three on free slots, the rest prorated. */
export function estimateRequest(n) {
  return {
    product_name_id: "ssl_securesite_flex",
    certificate: { common_name: "host0.example.com", dns_names: Array.from({ length: n }, (_, i) => dnsName(i)) },
    as_of: "2026-04-01",
    subscription: {
      start_date: "2026-01-01",
      licenses: [
        { product_name_id: "ssl_securesite_flex", asset_type: "fqdn", asset: "host1.example.com" },
        { product_name_id: "ssl_securesite_flex", asset_type: "fqdn", asset: "host2.example.com" },
        { product_name_id: "ssl_securesite_flex", asset_type: "wildcard", quantity: 1 },
        { product_name_id: "ssl_securesite_flex", asset_type: "fqdn", quantity: 2 },
        { product_name_id: "ssl_basic", asset_type: "fqdn", quantity: 5 },
      ],
    },
  };
}

/** The i-th license entry: free slots, bound wildcards and bound FQDNs of three products, a third added on `addedOn`. */
export function license(i, salt, addedOn) {
  const product = ["ssl_basic", "ssl_securesite_flex", "ssl_securesite_pro"][i % 3];
  let l;
  if (i % 10 === 0) l = { product_name_id: product, asset_type: "fqdn", quantity: 3 };
  else if (i % 10 === 1) l = { product_name_id: product, asset_type: "wildcard", asset: `*.w${i}.${salt}example.com` };
  else l = { product_name_id: product, asset_type: "fqdn", asset: `site${i}.${salt}example.com` };
  if (i % 3 === 2) l.added_on = addedOn;
  return l;
}

const pad = (n, w) => String(n).padStart(w, "0");

/** A partner's portfolio of `subs` subaccounts × `lics` license entries (see benches/native.rs). */
export function portfolio(subs, lics) {
  const subaccounts = [];
  for (let i = 0; i < subs; i++) {
    const start = i % 97 === 0 ? "2024-02-29" : `2026-${pad(1 + (i % 12), 2)}-${pad(1 + ((i * 7) % 28), 2)}`;
    const salt = `c${i}.`;
    const s = {
      id: `sub-${pad(i, 5)}`, name: `Customer ${i}`, bill_parent: i % 4 !== 0,
      subscription: { start_date: start, licenses: Array.from({ length: lics }, (_, j) => license(j, salt, start)) },
    };
    if (i % 4 === 0) {
      s.account_balance = `${(i % 5) * 100}.00`;
      s.cards = i % 8 === 0
        ? [{ id: `card-${i}`, is_default: true, available_credit: "500.00" }]
        : [{ id: `card-${i}`, is_default: true }];
    }
    subaccounts.push(s);
  }
  return {
    partner: {
      account_balance: "250000.00",
      cards: [
        { id: "partner-visa", is_default: true, available_credit: "90000000.00" },
        { id: "partner-mc", is_default: false },
      ],
    },
    subaccounts,
  };
}
