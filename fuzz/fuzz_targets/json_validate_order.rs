//! `validate_order` on any bytes read as a JSON request: accepted orders on a subscription are wholly
//! covered and free; an accepted order is also an estimate with the same lines.
#![no_main]
use certcalc::{OrderRequest, PaymentMethod, PriceList};
use certcalc_fuzz::{checked, read_checked};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(req) = read_checked::<OrderRequest>(data, "request") else { return };
    let prices = PriceList::embedded();
    if let Some(ok) = checked(certcalc::validate_order(&req, prices)) {
        if ok.payment_method == PaymentMethod::Subscription {
            assert!(ok.lines.iter().all(|l| l.covered) && ok.total_price.is_zero(), "an accepted order is not covered");
        }
        let e = certcalc::estimate(&req, prices).expect("an accepted order can be estimated");
        assert_eq!(e.lines, ok.lines, "order and estimate disagree");
    }
});
