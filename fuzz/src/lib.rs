//! Shared by the fuzz targets: reading JSON as a native caller does, and the checks every answer and every
//! error must pass. A failed check panics, which libFuzzer reports as a crash with the input that caused it.

use certcalc::{DecimalString, Error, Estimate, Ledger, Lenient, Payment, Read, RenewalQuote, Rollup, Status};
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// The longest message an error may carry: values are quoted clipped to 80 characters, so a long input
/// never makes a long message.
pub const MAX_MESSAGE_CHARS: usize = 600;

/// Reads JSON bytes with `certcalc::from_json`, naming the argument `root` as the JavaScript API does
/// (`request`, `subscription`, `payment`, ...). Bytes that are not UTF-8 are read with U+FFFD in their place
/// (a caller's text is always a string, so only the reader behind it is worth fuzzing).
///
/// A document whose fields have the wrong types still reads (each such field a `Read::Bad`): the call that
/// takes the value reports them, so its result is what [`checked`] checks.
///
/// # Errors
/// As `certcalc::from_json`: text that is not JSON, not an object, or a key given twice.
pub fn read<T: Lenient>(data: &[u8], root: &'static str) -> Result<T, Error> {
    certcalc::from_json(&String::from_utf8_lossy(data), root)
}

/// Reads JSON bytes as [`read`] does; a refusal must pass [`check_error`].
pub fn read_checked<T: Lenient>(data: &[u8], root: &'static str) -> Option<T> {
    read(data, root).map_err(|e| check_error(&e)).ok()
}

/// A value of a vocabulary type (`Family`, `AssetType`, `Proration`) read from its name.
///
/// # Panics
/// When `name` is not one of the type's names.
pub fn named<T: Lenient>(name: &str) -> T {
    certcalc::from_json(&certcalc::to_json(name), "request").unwrap_or_else(|e| panic!("{name}: {}", e.message()))
}

/// An answer must write valid JSON; an error must be non-empty, with documented codes and short messages.
pub fn checked<T: Serialize>(r: Result<T, Error>) -> Option<T> {
    match r {
        Ok(v) => {
            let text = certcalc::to_json(&v);
            assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "an answer writes invalid JSON: {text}");
            Some(v)
        }
        Err(e) => {
            check_error(&e);
            None
        }
    }
}

/// Checks one error: one to [`certcalc::MAX_PROBLEMS`] problems, then (only past them) one "and N more
/// problems (the first 100 are listed)" entry with no path; each with a documented code and a bounded
/// message that starts with its path, unless it is CertCentral's own text (a validity refusal, which
/// carries `detail`, or a deposit's).
pub fn check_error(e: &Error) {
    let errors = e.errors();
    assert!(!errors.is_empty(), "an error with no problem");
    assert!(errors.len() <= certcalc::MAX_PROBLEMS + 1, "{} problems", errors.len());
    for (i, p) in errors.iter().enumerate() {
        let more = more_count(&p.message).filter(|_| p.path.is_empty());
        if i == certcalc::MAX_PROBLEMS {
            assert!(more.is_some_and(|n| n >= 1), "the entry past the first {} is not \"and N more\": {p:?}", certcalc::MAX_PROBLEMS);
        } else {
            assert!(more.is_none(), "an \"and N more\" entry at position {i} of {}: {p:?}", errors.len());
        }
        assert!(certcalc::is_code(&p.code), "undocumented error code {:?} (message {:?})", p.code, p.message);
        let n = p.message.chars().count();
        assert!(n <= MAX_MESSAGE_CHARS, "a message of {n} characters for {}", p.code);
        let own_text = p.detail.is_some() || p.code == certcalc::BALANCE_DEPOSIT_NOT_ALLOWED;
        assert!(p.path.is_empty() || own_text || p.message.starts_with(&format!("{}: ", p.path)), "{:?} does not start with its path {:?}", p.message, p.path);
    }
}

/// N of a message "and N more problems (the first 100 are listed)".
fn more_count(message: &str) -> Option<usize> {
    let tail = format!(" more problems (the first {} are listed)", certcalc::MAX_PROBLEMS);
    message.strip_prefix("and ")?.strip_suffix(tail.as_str())?.parse().ok()
}

fn sum(items: impl IntoIterator<Item = Decimal>) -> Decimal {
    items.into_iter().fold(Decimal::ZERO, |a, b| a + b)
}

/// Totals are sums of lines; a covered asset is free; a prorated price is never above the annual one.
pub fn check_estimate(e: &Estimate) {
    assert_eq!(e.total_price.amount(), sum(e.lines.iter().map(|l| l.price.amount())), "total_price is not the sum of lines");
    for (units, t) in [(&e.fqdns, "fqdn"), (&e.wildcards, "wildcard")] {
        let of_type: Vec<_> = e.lines.iter().filter(|l| l.asset_type.as_str() == t).collect();
        assert_eq!(units.units as usize, of_type.len(), "{t} units");
        assert_eq!(units.subtotal.amount(), sum(of_type.iter().map(|l| l.price.amount())), "{t} subtotal");
    }
    for l in &e.lines {
        assert!(l.price.amount() >= Decimal::ZERO, "a negative line");
        if l.covered {
            assert!(l.price.is_zero(), "a covered asset is charged");
        }
        if let (Some(left), Some(days)) = (l.remaining_days, l.term_days) {
            assert!(left >= 1 && left <= days && (365..=366).contains(&days), "{left} of {days} days");
            assert!(l.price.amount() <= l.annual_price.amount(), "prorated above the annual price");
        }
        if let Some(m) = l.remaining_months {
            assert!((1..=12).contains(&m), "{m} months left");
            assert!(l.price.amount() <= l.annual_price.amount(), "prorated above the annual price");
        }
    }
}

/// A renewal quote: each line is `annual × quantity`, the total their sum.
pub fn check_quote(q: &RenewalQuote) {
    for l in &q.lines {
        assert_eq!(l.price.amount(), l.annual_price.amount() * Decimal::from(l.quantity), "line price");
    }
    assert_eq!(q.total.amount(), sum(q.lines.iter().map(|l| l.price.amount())), "quote total");
}

/// R8 conserves money: collected + shortfall = amount due, the balance loses exactly what its step took,
/// and the steps' charges add up to what was collected.
pub fn check_payment(p: &Payment, due: Decimal, balance: Decimal) {
    assert_eq!(p.collected.amount() + p.shortfall.amount(), due, "collected + shortfall != amount due");
    let from_balance = sum(p.steps.iter().filter(|s| s.card_id.is_none()).map(|s| s.charged.amount()));
    assert_eq!(p.balance_after.amount(), balance - from_balance, "balance_after");
    assert_eq!(sum(p.steps.iter().map(|s| s.charged.amount())), p.collected.amount(), "steps vs collected");
    assert!(p.steps.iter().filter(|s| s.card_id.is_some()).count() <= 1, "more than one card tried");
    for s in &p.steps {
        assert!(s.charged.amount() >= Decimal::ZERO && s.charged.amount() <= s.available.amount(), "charged more than available");
    }
    assert_eq!(p.status == Status::Paid, p.shortfall.is_zero(), "status {:?} with shortfall {}", p.status, p.shortfall);
}

/// Parses a decimal amount of an input certcalc accepted: absent is 0. A field that could not be read must
/// never be accepted (the call that takes it reports it), so `Read::Bad` here is a failure.
///
/// # Panics
/// When `r` is `Read::Bad`.
pub fn decimal(r: &Read<DecimalString>) -> Decimal {
    match r {
        Read::Absent => Decimal::ZERO,
        Read::Ok(s) => Decimal::from_str(&s.0).unwrap_or(Decimal::ZERO),
        Read::Bad(why) => panic!("an amount that could not be read was accepted: {why}"),
    }
}

/// A ledger: each entry's amount is the sum of its lines, the total the sum of the entries.
pub fn check_ledger(l: &Ledger) {
    for e in &l.ledger {
        assert_eq!(e.amount.amount(), sum(e.lines.iter().map(|x| x.price.amount())), "entry amount");
    }
    assert_eq!(l.total.amount(), sum(l.ledger.iter().map(|e| e.amount.amount())), "ledger total");
}

/// A roll-up: the total is the sum of the subaccounts' renewals, which the payers share exactly, and every
/// payment conserves money.
pub fn check_rollup(r: &Rollup) {
    let total = sum(r.subaccounts.iter().map(|s| s.renewal_total.amount()));
    assert_eq!(r.total.amount(), total, "roll-up total");
    assert_eq!(sum(r.payers.iter().map(|p| p.renewal_total.amount())), total, "payers' totals");
    for payer in &r.payers {
        let own = sum(r.subaccounts.iter().filter(|s| s.payer == payer.payer).map(|s| s.renewal_total.amount()));
        assert_eq!(payer.renewal_total.amount(), own, "payer {}", payer.payer);
        for p in &payer.payments {
            let paid = &p.payment;
            assert_eq!(paid.collected.amount() + paid.shortfall.amount(), p.amount_due.amount(), "roll-up payment");
            assert_eq!(sum(paid.steps.iter().map(|s| s.charged.amount())), paid.collected.amount(), "roll-up steps");
        }
    }
}
