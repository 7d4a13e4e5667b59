//! Paying a renewal on a subscription (R8): the account balance first, as far as it goes; then the whole
//! rest from the default saved card; never split between cards.

use crate::error::{Error, Problem, Problems, Result, BALANCE_DEPOSIT_NOT_ALLOWED};
use crate::money::{Currency, Money};
use crate::json::{objects, DecimalString, List, Read};
use crate::text::{clip, is_label};
use serde::{Deserialize, Serialize};

/// The most saved cards one payment may list.
pub const MAX_CARDS: usize = 100;

/// A payment as the caller sends it: `{ amount_due, currency, account_balance, cards, deposit? }`.
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct PaymentInput {
    /// What the renewal costs, a decimal string.
    #[tsify(type = "Decimal")]
    pub amount_due: Read<DecimalString>,
    /// ISO 4217 code of every amount.
    #[tsify(type = "CurrencyCode")]
    pub currency: Read<String>,
    /// What is left on the account balance (default `"0"`).
    #[serde(default)]
    #[tsify(optional, type = "Decimal")]
    pub account_balance: Read<DecimalString>,
    /// The saved cards (at most [`MAX_CARDS`]).
    #[serde(default)]
    #[tsify(optional, type = "CardInput[]")]
    pub cards: Read<Cards>,
    /// A deposit to the balance: always refused on a subscription account.
    #[serde(default)]
    #[tsify(optional, type = "Decimal")]
    pub deposit: Read<DecimalString>,
}

/// Saved cards as the caller sends them: at most [`MAX_CARDS`].
pub type Cards = List<CardInput, MAX_CARDS>;

/// A saved card as the caller sends it.
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct CardInput {
    /// The card's id.
    #[tsify(type = "string")]
    pub id: Read<String>,
    /// Whether it is the account's default card (at most one is). When no card says, the first card is the
    /// default ("The first credit card is automatically set as the default credit card for your account");
    /// cards that all say `false` leave the account with no default card.
    #[serde(default)]
    #[tsify(optional, type = "boolean")]
    pub is_default: Read<bool>,
    /// What it can take; absent means it takes whatever is charged.
    #[serde(default)]
    #[tsify(optional, type = "Decimal")]
    pub available_credit: Read<DecimalString>,
}

objects!(PaymentInput, CardInput);

/// A checked saved card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card<'a> {
    /// The card's id, as the caller gave it.
    pub id: &'a str,
    /// Whether it is the default card.
    pub is_default: bool,
    /// What it can take, when known.
    pub available_credit: Option<Money>,
}

/// The outcome of a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// Everything was collected.
    Paid,
    /// The default card could not take the rest; no other card was tried.
    Declined,
    /// The balance did not cover it and there is no default card.
    NoPaymentMethod,
}

impl Status {
    /// The snake_case name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Paid => "paid",
            Status::Declined => "declined",
            Status::NoPaymentMethod => "no_payment_method",
        }
    }
}

/// Where a step draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// The account balance.
    AccountBalance,
    /// The default saved card.
    CreditCard,
}

impl Source {
    /// The snake_case name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::AccountBalance => "account_balance",
            Source::CreditCard => "credit_card",
        }
    }
}

/// One step of the fallback order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Step<'a> {
    /// Balance or card.
    pub source: Source,
    /// The card charged or declined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_id: Option<&'a str>,
    /// What the source could give: the balance, or the card's available credit (the rest due when the
    /// card's credit is not given).
    #[tsify(type = "Decimal")]
    pub available: Money,
    /// What this step took.
    #[tsify(type = "Decimal")]
    pub charged: Money,
    /// What was still due after it.
    #[tsify(type = "Decimal")]
    pub remaining_due: Money,
}

/// A paid, declined or unpaid renewal: `{ status, steps, collected, shortfall, balance_after }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Payment<'a> {
    /// The currency of every amount.
    #[tsify(type = "CurrencyCode")]
    pub currency: Currency,
    /// The outcome.
    pub status: Status,
    /// The ordered steps.
    pub steps: Vec<Step<'a>>,
    /// What was taken, from every source.
    #[tsify(type = "Decimal")]
    pub collected: Money,
    /// What is still due: `amount_due − collected`.
    #[tsify(type = "Decimal")]
    pub shortfall: Money,
    /// The balance left.
    #[tsify(type = "Decimal")]
    pub balance_after: Money,
}

/// Pays a renewal (R8) as the caller describes it.
///
/// # Errors
/// `balance_deposit_not_allowed` for a deposit; `invalid_value:<field>` for a bad `currency`, a negative or
/// non-decimal `amount_due`, `account_balance` or `available_credit`, and `invalid_value:cards` for duplicate
/// card ids, two default cards or more than [`MAX_CARDS`] cards.
///
/// # Example
/// ```
/// use certcalc::{pay_renewal, PaymentInput};
/// let p: PaymentInput = certcalc::from_json(r#"{ "amount_due": "3000.00", "currency": "USD",
///   "account_balance": "1000.00", "cards": [ { "id": "visa-4242", "is_default": true } ] }"#, "payment").unwrap();
/// let paid = pay_renewal(&p).unwrap();
/// assert_eq!((paid.steps.len(), paid.balance_after.to_string().as_str()), (2, "0.00"));
/// assert_eq!(paid.steps[1].charged.to_string(), "2000.00");
/// ```
pub fn pay_renewal(input: &PaymentInput) -> Result<Payment<'_>> {
    if !input.deposit.is_absent() {
        return Err(deposit_refused());
    }
    let currency = Currency::parse(input.currency.required("currency")?, "currency")?;
    let mut problems = Problems::default();
    let due = problems.required("amount_due", &input.amount_due).and_then(|d| problems.take(Money::parse_non_negative(&d.0, currency, "amount_due")));
    let balance = amount_or_zero(&input.account_balance, currency, &mut problems);
    let cards = problems.optional("cards", &input.cards).map_or(Some(Vec::new()), |c| problems.take(parse_cards(c, currency)));
    problems.finish()?;
    match (due, balance, cards) {
        (Some(due), Some(balance), Some(cards)) => pay(due, balance, &cards),
        _ => Err(Error::invalid("payment", "the payment could not be read")),
    }
}

/// An optional non-negative amount `field` of an account (its balance): 0 when absent.
pub(crate) fn amount_or_zero(amount: &Read<DecimalString>, currency: Currency, problems: &mut Problems) -> Option<Money> {
    match problems.optional("account_balance", amount) {
        Some(b) => problems.take(Money::parse_non_negative(&b.0, currency, "account_balance")),
        None => Some(Money::zero(currency)),
    }
}

/// The refusal of any deposit to a subscription account's balance (R8).
pub fn deposit_refused() -> Error {
    Error::new(BALANCE_DEPOSIT_NOT_ALLOWED, "A subscription account can no longer add funds to its account balance.")
}

/// Checks saved cards: unique non-empty ids, at most one default, non-negative credit.
///
/// # Errors
/// As [`pay_renewal`].
pub fn parse_cards(cards: &Cards, currency: Currency) -> Result<Vec<Card<'_>>> {
    let mut problems = Problems::default();
    let mut out: Vec<Card<'_>> = Vec::with_capacity(cards.0.len());
    let mut none_says = true;
    for (i, c) in cards.entries() {
        let Some(c) = problems.required_at("cards", format_args!("cards[{i}]"), c) else { continue };
        let id = problems.required_at("id", format_args!("cards[{i}].id"), &c.id);
        match id {
            Some(id) if !is_label(id, 64) => {
                problems.push(Problem::at("cards", format!("cards[{i}].id"), format!("'{}' is not a card id (1 to 64 characters)", clip(id))));
            }
            // At most 100 cards: the earlier ones are scanned (an earlier card with this id has passed the
            // check above too).
            Some(id) if out.iter().any(|c| c.id == id) => {
                problems.push(Problem::at("cards", format!("cards[{i}].id"), format!("card id '{id}' appears twice")));
            }
            _ => {}
        }
        let is_default = problems.optional_at("is_default", format_args!("cards[{i}].is_default"), &c.is_default).copied();
        none_says &= c.is_default.is_absent();
        let available_credit = match problems.optional_at("available_credit", format_args!("cards[{i}].available_credit"), &c.available_credit) {
            Some(a) => problems.take_within(format_args!("cards[{i}]"), Money::parse_non_negative(&a.0, currency, "available_credit")),
            None => None,
        };
        out.push(Card { id: id.map_or("", String::as_str), is_default: is_default == Some(true), available_credit });
    }
    if let (true, Some(first)) = (none_says, out.first_mut()) {
        first.is_default = true;
    }
    if out.iter().filter(|c| c.is_default).count() > 1 {
        problems.push(Problem::invalid("cards", "more than one card is the default: an account has one default card"));
    }
    problems.finish()?;
    Ok(out)
}

/// The fallback order of R8 on checked amounts: the balance as far as it goes, then the whole rest from
/// the default card or nothing; never another card.
///
/// # Errors
/// `invalid_value:currency` when the amounts' currencies differ.
pub fn pay<'a>(due: Money, balance: Money, cards: &[Card<'a>]) -> Result<Payment<'a>> {
    let currency = due.currency();
    let zero = Money::zero(currency);
    let mut steps = Vec::with_capacity(2);
    let from_balance = if due.is_zero() { zero } else { balance.min(due)? };
    let rest = due.checked_sub(from_balance)?;
    if !due.is_zero() {
        steps.push(Step { source: Source::AccountBalance, card_id: None, available: balance, charged: from_balance, remaining_due: rest });
    }
    let status = match cards.iter().find(|c| c.is_default) {
        _ if rest.is_zero() => Status::Paid,
        None => Status::NoPaymentMethod,
        Some(card) => {
            let available = card.available_credit.unwrap_or(rest);
            let takes_it = !available.checked_sub(rest)?.is_negative();
            let charged = if takes_it { rest } else { zero };
            steps.push(Step {
                source: Source::CreditCard,
                card_id: Some(card.id),
                available,
                charged,
                remaining_due: rest.checked_sub(charged)?,
            });
            if takes_it { Status::Paid } else { Status::Declined }
        }
    };
    let shortfall = if status == Status::Paid { zero } else { rest };
    Ok(Payment {
        currency,
        status,
        collected: due.checked_sub(shortfall)?,
        shortfall,
        balance_after: balance.checked_sub(from_balance)?,
        steps,
    })
}
