//! `renewal_quote` on any bytes read as a JSON subscription: lines at full price, the total their sum.
#![no_main]
use certcalc_fuzz::{check_quote, checked, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = read(data, "subscription").and_then(|s| certcalc::renewal_quote(&s, certcalc::PriceList::embedded()));
    if let Some(q) = checked(r) {
        check_quote(&q);
    }
});
