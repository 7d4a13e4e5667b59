//! certcalc's calls run natively a given number of times, to be counted by `valgrind --tool=callgrind`
//! (BENCHMARKS.md): an instruction count is the same from one run to the next whatever else the machine is
//! doing, so two builds compare exactly where timings on this noisy machine do not.
//!
//! ```text
//! cargo build --release --example instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/instructions estimate 2000
//! ```
//!
//! Workloads (those of `benches/native.rs`): `estimate` (the pricing of 10 names, or the third argument's
//! number, input already read),
//! `estimate-json` (the same from JSON text to JSON text, as the wasm module does), `rollup` (the 10,000 × 10
//! roll-up in the core, input already read), `rollup-json` (the same, text to text). Count N and 0 calls: (total(N) − total(0)) ÷ N is one call's count,
//! the workload's construction taken out.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../benches/common/workloads.rs"]
#[allow(dead_code)] // the benches use the others
mod workloads;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use certcalc::{OrderRequest, PortfolioInput, PriceList};
    use std::hint::black_box;

    let mut args = std::env::args().skip(1);
    let (what, n) = (args.next().unwrap_or_default(), args.next().and_then(|n| n.parse().ok()).unwrap_or(1));
    let names = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let prices = PriceList::embedded();
    let answers = match what.as_str() {
        "estimate" => {
            let req = workloads::estimate_request(names);
            (0..n).filter(|_| certcalc::estimate(black_box(&req), prices).is_ok()).count()
        }
        "estimate-json" => {
            let text = workloads::estimate_json(names).to_string();
            let call = || -> Option<String> {
                let req: OrderRequest = certcalc::from_json(black_box(&text), "request").ok()?;
                certcalc::estimate(&req, prices).ok().map(|e| certcalc::to_json(&e))
            };
            (0..n).filter(|_| call().is_some()).count()
        }
        "rollup" => {
            let p: PortfolioInput = certcalc::from_json(&workloads::portfolio_json(10_000, 10).to_string(), "portfolio").ok().unwrap_or_default();
            (0..n).filter(|_| certcalc::partner_rollup(black_box(&p), prices).is_ok()).count()
        }
        "rollup-json" => {
            let text = workloads::portfolio_json(10_000, 10).to_string();
            let call = || -> Option<String> {
                let p: PortfolioInput = certcalc::from_json(black_box(&text), "portfolio").ok()?;
                certcalc::partner_rollup(&p, prices).ok().map(|r| certcalc::to_json(&r))
            };
            (0..n).filter(|_| call().is_some()).count()
        }
        _ => {
            eprintln!("usage: instructions estimate|estimate-json|rollup|rollup-json COUNT");
            std::process::exit(2);
        }
    };
    // A workload that fails would count the wrong thing.
    assert_eq!(answers, n, "every call answers");
}

#[cfg(target_arch = "wasm32")]
fn main() {}
