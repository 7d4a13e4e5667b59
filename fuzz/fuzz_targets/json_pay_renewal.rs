//! `pay_renewal` on any bytes read as a JSON payment: money is conserved, or an error.
#![no_main]
use certcalc::PaymentInput;
use certcalc_fuzz::{check_payment, checked, decimal, read_checked};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(input) = read_checked::<PaymentInput>(data, "payment") else { return };
    if let Some(p) = checked(certcalc::pay_renewal(&input)) {
        check_payment(&p, decimal(&input.amount_due), decimal(&input.account_balance));
    }
});
