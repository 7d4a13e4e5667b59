//! `estimate` on any bytes read as a JSON request: an answer whose totals are sums of lines, or an error.
#![no_main]
use certcalc_fuzz::{check_estimate, checked, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = read(data, "request").and_then(|req| certcalc::estimate(&req, certcalc::PriceList::embedded()));
    if let Some(e) = checked(r) {
        check_estimate(&e);
    }
});
