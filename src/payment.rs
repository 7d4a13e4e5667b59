//! Paying a renewal on a subscription (R8): the account balance first, as far as it goes; then the whole
//! rest from the default saved card; never split between cards.

use alloc::{string::String, vec::Vec};
use crate::error::{Error, Problem, Problems, Result, BALANCE_DEPOSIT_NOT_ALLOWED};
use crate::json::{FromJson, Object, Path, ToJson, Value, Writer};
use crate::money::{Currency, Money};
use crate::text::{clip, is_label};
use crate::keys::KeySet;

/// The most saved cards one payment may list.
pub const MAX_CARDS: usize = 100;

/// A payment as the caller sends it: `{ amount_due, currency, account_balance, cards, deposit? }`.
#[derive(Debug, Clone)]
pub struct PaymentInput {
    /// What the renewal costs, a decimal string.
    pub amount_due: String,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// What is left on the account balance (default `"0"`).
    pub account_balance: Option<String>,
    /// The saved cards.
    pub cards: Vec<CardInput>,
    /// A deposit to the balance: always refused on a subscription account.
    pub deposit: Option<String>,
}

impl FromJson for PaymentInput {
    fn from_json(v: &Value<'_>, at: &Path<'_>) -> Result<Self> {
        let o = Object::new(v, at)?;
        Ok(PaymentInput {
            amount_due: o.req("amount_due")?,
            currency: o.req("currency")?,
            account_balance: o.opt("account_balance")?,
            cards: o.or_default("cards")?,
            deposit: o.opt("deposit")?,
        })
    }
}

/// A saved card as the caller sends it.
#[derive(Debug, Clone)]
pub struct CardInput {
    /// The card's id.
    pub id: String,
    /// Whether it is the account's default card (at most one is).
    pub is_default: bool,
    /// What it can take; absent means it takes whatever is charged.
    pub available_credit: Option<String>,
}

impl FromJson for CardInput {
    fn from_json(v: &Value<'_>, at: &Path<'_>) -> Result<Self> {
        let o = Object::new(v, at)?;
        Ok(CardInput { id: o.req("id")?, is_default: o.or_default("is_default")?, available_credit: o.opt("available_credit")? })
    }
}

/// A checked saved card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The card's id.
    pub id: String,
    /// Whether it is the default card.
    pub is_default: bool,
    /// What it can take, when known.
    pub available_credit: Option<Money>,
}

/// The outcome of a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

crate::json::written_as_str!(Status);

/// Where a step draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

crate::json::written_as_str!(Source);

/// One step of the fallback order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Balance or card.
    pub source: Source,
    /// The card charged or declined.
    pub card_id: Option<String>,
    /// What the source could give: the balance, or the card's available credit (the rest due when the
    /// card's credit is not given).
    pub available: Money,
    /// What this step took.
    pub charged: Money,
    /// What was still due after it.
    pub remaining_due: Money,
}

impl ToJson for Step {
    fn write_json(&self, out: &mut Writer) {
        out.object(|o| {
            o.field("source", &self.source);
            o.opt("card_id", &self.card_id);
            o.field("available", &self.available);
            o.field("charged", &self.charged);
            o.field("remaining_due", &self.remaining_due);
        });
    }
}

/// A paid, declined or unpaid renewal: `{ status, steps, collected, shortfall, balance_after }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// The currency of every amount.
    pub currency: Currency,
    /// The outcome.
    pub status: Status,
    /// The ordered steps.
    pub steps: Vec<Step>,
    /// What was taken, from every source.
    pub collected: Money,
    /// What is still due: `amount_due − collected`.
    pub shortfall: Money,
    /// The balance left.
    pub balance_after: Money,
}

impl Payment {
    /// Writes the fields of `{ currency, status, steps, collected, shortfall, balance_after }` into an open
    /// object, for answers that embed a payment's fields inline.
    pub(crate) fn write_fields(&self, o: &mut Writer) {
        o.field("currency", &self.currency);
        o.field("status", &self.status);
        o.field("steps", &self.steps);
        o.field("collected", &self.collected);
        o.field("shortfall", &self.shortfall);
        o.field("balance_after", &self.balance_after);
    }
}

impl ToJson for Payment {
    fn write_json(&self, out: &mut Writer) {
        out.object(|o| self.write_fields(o));
    }
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
pub fn pay_renewal(input: &PaymentInput) -> Result<Payment> {
    if input.deposit.is_some() {
        return Err(deposit_refused());
    }
    let currency = Currency::parse(&input.currency, "currency")?;
    let mut problems = Problems::default();
    let due = problems.take(Money::parse_non_negative(&input.amount_due, currency, "amount_due"));
    let balance = match &input.account_balance {
        Some(b) => problems.take(Money::parse_non_negative(b, currency, "account_balance")),
        None => Some(Money::zero(currency)),
    };
    let cards = problems.take(parse_cards(&input.cards, currency));
    problems.finish()?;
    match (due, balance, cards) {
        (Some(due), Some(balance), Some(cards)) => pay(due, balance, &cards),
        _ => Err(Error::invalid("payment", "the payment could not be read")),
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
pub fn parse_cards(cards: &[CardInput], currency: Currency) -> Result<Vec<Card>> {
    if cards.len() > MAX_CARDS {
        return Err(Error::invalid("cards", msg!("at most ", MAX_CARDS, " cards")));
    }
    let mut problems = Problems::default();
    let mut ids = KeySet::default();
    let mut out = Vec::with_capacity(cards.len());
    for c in cards {
        if !is_label(&c.id, 64) {
            problems.push(Problem::invalid("cards", msg!("'", clip(&c.id), "' is not a card id (1 to 64 characters)")));
        } else if !ids.insert(0, &c.id).1 {
            problems.push(Problem::invalid("cards", msg!("card id '", c.id, "' appears twice")));
        }
        let available_credit = match &c.available_credit {
            Some(a) => problems.take(Money::parse_non_negative(a, currency, "available_credit")),
            None => None,
        };
        out.push(Card { id: c.id.clone(), is_default: c.is_default, available_credit });
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
pub fn pay(due: Money, balance: Money, cards: &[Card]) -> Result<Payment> {
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
                card_id: Some(card.id.clone()),
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
