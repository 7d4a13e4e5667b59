//! `simulate` on any bytes read as a JSON plan: a ledger whose amounts are sums of lines, or an error.
#![no_main]
use certcalc_fuzz::{check_ledger, checked, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = read(data, "plan").and_then(|p| certcalc::simulate(&p, certcalc::PriceList::embedded()));
    if let Some(l) = checked(r) {
        check_ledger(&l);
    }
});
