//! The workloads of the native benchmarks and of `examples/instructions.rs`, built exactly as
//! `bench/workloads.mjs` builds them for the browser.

use certcalc::{OrderRequest, PaymentInput, PortfolioInput, SubscriptionInput};

use serde_json::{json, Value};

/// Reads a workload through certcalc's JSON reader, as a caller's argument named `root`.
fn from<T: certcalc::Lenient>(v: Value, root: &'static str) -> T {
    certcalc::from_json(&v.to_string(), root)
        .unwrap_or_else(|e| panic!("a benchmark workload is well formed: {}", e.message()))
}

/// The i-th DNS name: every fourth a wildcard, some in mixed case with a trailing dot (folded).
pub fn dns_name(i: usize) -> String {
    match i {
        _ if i % 4 == 3 => format!("*.app{i}.example.com"),
        _ if i % 7 == 5 => format!("Host{i}.Example.COM."),
        _ => format!("host{i}.example.com"),
    }
}

/// An estimate on a subscription naming `n` distinct assets: two bound to licenses, three taking free
/// slots, the rest prorated by days (275 of 365 left on 2026-04-01).
pub fn estimate_request(n: usize) -> OrderRequest {
    from(estimate_json(n), "request")
}

/// [`estimate_request`] as the caller's JSON.
pub fn estimate_json(n: usize) -> Value {
    let names: Vec<String> = (0..n).map(dns_name).collect();
    json!({
        "product_name_id": "ssl_securesite_flex",
        "certificate": { "common_name": "host0.example.com", "dns_names": names },
        "as_of": "2026-04-01",
        "subscription": { "start_date": "2026-01-01", "licenses": [
            { "product_name_id": "ssl_securesite_flex", "asset_type": "fqdn", "asset": "host1.example.com" },
            { "product_name_id": "ssl_securesite_flex", "asset_type": "fqdn", "asset": "host2.example.com" },
            { "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "quantity": 1 },
            { "product_name_id": "ssl_securesite_flex", "asset_type": "fqdn", "quantity": 2 },
            { "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": 5 }
        ] }
    })
}

/// The i-th of a subscription's license entries: free slots, bound wildcards and bound FQDNs of three
/// products, a third of them added on `added_on` (mid-term).
pub fn license(i: usize, salt: &str, added_on: &str) -> Value {
    let product = ["ssl_basic", "ssl_securesite_flex", "ssl_securesite_pro"][i % 3];
    let mut l = match i % 10 {
        0 => json!({ "product_name_id": product, "asset_type": "fqdn", "quantity": 3 }),
        1 => json!({ "product_name_id": product, "asset_type": "wildcard", "asset": format!("*.w{i}.{salt}example.com") }),
        _ => json!({ "product_name_id": product, "asset_type": "fqdn", "asset": format!("site{i}.{salt}example.com") }),
    };
    if i % 3 == 2 {
        l["added_on"] = json!(added_on);
    }
    l
}

/// A subscription starting 2026-01-01 with `n` license entries.
pub fn subscription(n: usize) -> SubscriptionInput {
    from(json!({ "start_date": "2026-01-01", "licenses": (0..n).map(|i| license(i, "", "2026-03-15")).collect::<Vec<_>>() }), "subscription")
}

/// A partner's portfolio of `subs` subaccounts with `lics` license entries each: three in four billed to
/// the partner (whose balance runs out part-way, then its default card pays), the rest paying for
/// themselves (some of their cards decline); start dates spread over the year, some on 29 February.
pub fn portfolio(subs: usize, lics: usize) -> PortfolioInput {
    from(portfolio_json(subs, lics), "portfolio")
}

/// [`portfolio`] as the caller's JSON.
pub fn portfolio_json(subs: usize, lics: usize) -> Value {
    let subaccounts: Vec<Value> = (0..subs)
        .map(|i| {
            let start = if i % 97 == 0 { "2024-02-29".to_owned() } else { format!("2026-{:02}-{:02}", 1 + i % 12, 1 + (i * 7) % 28) };
            let salt = format!("c{i}.");
            let mut s = json!({
                "id": format!("sub-{i:05}"), "name": format!("Customer {i}"), "bill_parent": i % 4 != 0,
                "subscription": { "start_date": start, "licenses": (0..lics).map(|j| license(j, &salt, &start)).collect::<Vec<_>>() }
            });
            if i % 4 == 0 {
                s["account_balance"] = json!(format!("{}.00", (i % 5) * 100));
                s["cards"] = if i % 8 == 0 {
                    json!([{ "id": format!("card-{i}"), "is_default": true, "available_credit": "500.00" }])
                } else {
                    json!([{ "id": format!("card-{i}"), "is_default": true }])
                };
            }
            s
        })
        .collect();
    json!({
        "partner": { "account_balance": "250000.00", "cards": [
            { "id": "partner-visa", "is_default": true, "available_credit": "90000000.00" },
            { "id": "partner-mc", "is_default": false } ] },
        "subaccounts": subaccounts
    })
}

/// 12,345.67 due, 2,000.00 on the balance, the rest from the default card (the second of three).
pub fn payment() -> PaymentInput {
    from(json!({
        "amount_due": "12345.67", "currency": "USD", "account_balance": "2000.00",
        "cards": [
            { "id": "visa-1111", "is_default": false },
            { "id": "mc-2222", "is_default": true, "available_credit": "50000.00" },
            { "id": "amex-3333", "is_default": false }
        ]
    }), "payment")
}
