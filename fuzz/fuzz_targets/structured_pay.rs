//! `pay_renewal` on structured payments (`arbitrary`): amounts in USD, JPY, BHD or CLF, up to five cards
//! with or without a default and a credit limit, now and then a raw string, an amount that could not be read
//! (`Read::Bad`, as a number in JSON reads) or a deposit. Checks R8's conservation of money, that a card is
//! charged the whole rest or nothing, and that an amount that could not be read is never accepted.
#![no_main]
use certcalc::{CardInput, DecimalString, PaymentInput, Read, Status};
use certcalc_fuzz::{check_payment, checked, decimal};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

const CURRENCIES: [(&str, u32); 5] = [("USD", 2), ("JPY", 0), ("BHD", 3), ("CLF", 4), ("usd", 2)];

#[derive(Arbitrary, Debug)]
enum Amount {
    Minor(u64),
    Negative(u32),
    Raw(String),
    /// A value the reader kept as the reason it is not an amount.
    Unread(u32),
}

#[derive(Arbitrary, Debug)]
struct Card {
    id: u8,
    is_default: bool,
    credit: Option<Amount>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    currency: u8,
    due: Amount,
    balance: Option<Amount>,
    cards: Vec<Card>,
    deposit: bool,
}

fn amount(a: &Amount, decimals: u32) -> Read<DecimalString> {
    let text = match a {
        // up to 10^16 whole units: past MAX_INPUT_AMOUNT (10^15), so both sides of the limit are reached
        Amount::Minor(m) => {
            let minor = u128::from(*m) % 10u128.pow(16 + decimals);
            Decimal::from_i128_with_scale(i128::try_from(minor).unwrap_or(0), decimals).to_string()
        }
        Amount::Negative(m) => Decimal::new(-i64::from(*m), decimals).to_string(),
        Amount::Raw(s) => s.clone(),
        Amount::Unread(n) => return Read::Bad(format!("invalid type: integer `{n}`, expected a decimal string such as \"400.00\"")),
    };
    Read::Ok(DecimalString(text))
}

fuzz_target!(|input: Input| {
    let (code, decimals) = CURRENCIES[usize::from(input.currency % 5)];
    let payment = PaymentInput {
        amount_due: amount(&input.due, decimals),
        currency: code.into(),
        account_balance: input.balance.as_ref().map_or(Read::Absent, |b| amount(b, decimals)),
        cards: input
            .cards
            .iter()
            .take(8)
            .map(|c| CardInput {
                id: format!("card-{}", c.id % 6).into(),
                is_default: c.is_default.into(),
                available_credit: c.credit.as_ref().map_or(Read::Absent, |a| amount(a, decimals)),
            })
            .collect::<Vec<_>>()
            .into(),
        deposit: input.deposit.then(|| DecimalString::from("10.00")).into(),
    };
    let Some(p) = checked(certcalc::pay_renewal(&payment)) else { return };
    assert!(!input.deposit, "a deposit was accepted");
    let unread = |a: &Option<Amount>| matches!(a, Some(Amount::Unread(_)));
    let cards_unread = input.cards.iter().take(8).any(|c| unread(&c.credit));
    assert!(!matches!(input.due, Amount::Unread(_)) && !unread(&input.balance) && !cards_unread, "an amount that could not be read was accepted");
    check_payment(&p, decimal(&payment.amount_due), decimal(&payment.account_balance));
    let card_steps: Vec<_> = p.steps.iter().filter(|s| s.card_id.is_some()).collect();
    for s in &card_steps {
        let mut cards = payment.cards.ok().into_iter().flat_map(|l| l.0.iter().filter_map(Read::ok));
        let default = cards.find(|c| c.is_default == Read::Ok(true)).and_then(|c| c.id.ok()).map(String::as_str);
        assert_eq!(s.card_id, default, "a card other than the default was tried");
        assert!(s.charged.is_zero() || s.remaining_due.is_zero(), "a card took part of the rest");
    }
    if p.status == Status::Declined {
        assert_eq!(card_steps.len(), 1, "declined without a card step");
    }
});
