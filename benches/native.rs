//! Native benchmarks of the pricing core (issue 8), run by `make bench` (`cargo bench --bench native`).
//!
//! Each benchmark times the core function on input that is already deserialized, so the figures are the
//! pricing work alone; the browser benchmark (`bench/`) adds the JavaScript ↔ wasm boundary. The workloads
//! are the same ones `bench/workloads.mjs` builds for the browser, so the two can be compared side by side.
//! Every workload is priced once outside the timing and must succeed: a benchmark of an error path would
//! measure the wrong thing.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    divan::main();
}

// `cargo clippy --all-targets --target wasm32-unknown-unknown` builds this file too; divan is native only.
#[cfg(target_arch = "wasm32")]
fn main() {}

/// The workloads, built exactly as `bench/workloads.mjs` builds them for the browser.
#[cfg(not(target_arch = "wasm32"))]
mod workloads {
    use certcalc::{FromJson, OrderRequest, PaymentInput, PortfolioInput, SubscriptionInput};
    use serde_json::{json, Value};

    /// Reads a workload through certcalc's JSON reader, as a caller's argument named `root`.
    fn from<T: FromJson>(v: Value, root: &'static str) -> T {
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
}

#[cfg(not(target_arch = "wasm32"))]
mod certcalc_core {
    use super::workloads;
    use certcalc::PriceList;
    use divan::{black_box, Bencher};

    /// One estimate on a subscription with `names` DNS names: some bound, some taking free slots, the rest
    /// prorated by days (R3, R4).
    #[divan::bench(args = [1, 10, 250])]
    fn estimate(bencher: Bencher, names: usize) {
        let req = workloads::estimate_request(names);
        let prices = PriceList::embedded();
        match certcalc::estimate(&req, prices) {
            Ok(e) => assert_eq!(e.lines.len(), names),
            Err(e) => panic!("the workload must price: {:?}", e.errors()),
        }
        bencher.bench(|| certcalc::estimate(black_box(&req), prices));
    }

    /// The renewal quote of a subscription with 1,000 license entries (R7).
    #[divan::bench]
    fn renewal_quote_1000_licenses(bencher: Bencher) {
        let sub = workloads::subscription(1_000);
        let prices = PriceList::embedded();
        assert!(certcalc::renewal_quote(&sub, prices).is_ok(), "the workload must quote");
        bencher.bench(|| certcalc::renewal_quote(black_box(&sub), prices));
    }

    /// One renewal payment: part from the balance, the rest from the default card among three (R8).
    #[divan::bench]
    fn pay_renewal(bencher: Bencher) {
        let p = workloads::payment();
        assert!(certcalc::pay_renewal(&p).is_ok(), "the workload must pay");
        bencher.bench(|| certcalc::pay_renewal(black_box(&p)));
    }

    /// A partner's roll-up of 10,000 subaccounts × 10 license entries (R10).
    #[divan::bench(sample_count = 15, sample_size = 1)]
    fn partner_rollup_10000x10(bencher: Bencher) {
        let portfolio = workloads::portfolio(10_000, 10);
        let prices = PriceList::embedded();
        match certcalc::partner_rollup(&portfolio, prices) {
            Ok(r) => assert_eq!(r.subaccounts.len(), 10_000),
            Err(e) => panic!("the workload must roll up: {:?}", e.errors().get(..3)),
        }
        bencher.bench(|| certcalc::partner_rollup(black_box(&portfolio), prices));
    }
}

/// The same work as the browser's calls, JSON text in and JSON text out (what the wasm module does between
/// `JSON.stringify` and `JSON.parse`): the browser's "wasm ÷ native" compares against these too.
#[cfg(not(target_arch = "wasm32"))]
mod json_text {
    use super::workloads;
    use certcalc::{OrderRequest, PortfolioInput, PriceList};
    use divan::{black_box, Bencher};

    #[divan::bench(args = [1, 10, 250])]
    fn estimate(bencher: Bencher, names: usize) {
        let text = workloads::estimate_json(names).to_string();
        let prices = PriceList::embedded();
        bencher.bench(|| {
            let req: OrderRequest = certcalc::from_json(black_box(&text), "request").ok()?;
            certcalc::estimate(&req, prices).ok().map(|e| certcalc::to_json(&e))
        });
    }

    #[divan::bench(sample_count = 15, sample_size = 1)]
    fn partner_rollup_10000x10(bencher: Bencher) {
        let text = workloads::portfolio_json(10_000, 10).to_string();
        let prices = PriceList::embedded();
        bencher.bench(|| {
            let p: PortfolioInput = certcalc::from_json(black_box(&text), "portfolio").ok()?;
            certcalc::partner_rollup(&p, prices).ok().map(|r| certcalc::to_json(&r))
        });
    }
}
