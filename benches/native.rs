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
#[path = "common/workloads.rs"]
mod workloads;

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
