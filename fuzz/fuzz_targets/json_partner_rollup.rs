//! `partner_rollup` on any bytes read as a JSON portfolio: totals shared exactly between payers, or an error.
#![no_main]
use certcalc::PortfolioInput;
use certcalc_fuzz::{check_rollup, checked, read_checked};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(p) = read_checked::<PortfolioInput>(data, "portfolio") else { return };
    if let Some(r) = checked(certcalc::partner_rollup(&p, certcalc::PriceList::embedded())) {
        check_rollup(&r);
    }
});
