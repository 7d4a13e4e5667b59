//! `partner_rollup` on any bytes read as a JSON portfolio: totals shared exactly between payers, or an error.
#![no_main]
use certcalc_fuzz::{check_rollup, checked, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = read(data, "portfolio").and_then(|p| certcalc::partner_rollup(&p, certcalc::PriceList::embedded()));
    if let Some(r) = checked(r) {
        check_rollup(&r);
    }
});
