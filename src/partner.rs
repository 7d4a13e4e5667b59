//! Partner accounts (R10): every subaccount's renewal, who pays it, and the totals per payer.
//!
//! The work is linear in the portfolio's size plus one sort of the renewals by date: ids are checked with a
//! hash set and each payment draws on its payer's running sources, never on a scan of the others.

use crate::catalog::PriceList;
use crate::error::{Error, Problem, Problems, Result};
use crate::money::{Currency, Money};
use crate::text::{clip, is_label};
use crate::payment::{parse_cards, MAX_CARDS, pay, Card, CardInput, Payment, Source};
use crate::subscription::{Subscription, SubscriptionInput};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The most subaccounts one roll-up takes (the scale target: 10,000 subaccounts of 10 licenses each).
pub const MAX_SUBACCOUNTS: usize = 10_000;
/// The most license entries, over all subaccounts, one roll-up takes.
pub const MAX_PORTFOLIO_LICENSES: usize = 1_000_000;
/// The payer name of the partner's own account; no subaccount may have this id.
pub const PARTNER: &str = "partner";

/// A partner's portfolio as the caller sends it: `{ partner: { account_balance, cards }, subaccounts }`.
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct PortfolioInput {
    /// The partner's own payment sources.
    #[serde(default)]
    pub partner: SourcesInput,
    /// The customer subaccounts.
    #[serde(default, deserialize_with = "crate::json::bounded::<MAX_SUBACCOUNTS, _, _>")]
    pub subaccounts: Vec<SubaccountInput>,
}

/// An account's payment sources: `{ account_balance?, cards? }`.
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct SourcesInput {
    /// What is left on the account balance (default `"0"`).
    #[serde(deserialize_with = "crate::json::optional_decimal", default)]
    #[tsify(optional, type = "Decimal")]
    pub account_balance: Option<String>,
    /// The saved cards.
    #[serde(default, deserialize_with = "crate::json::bounded::<MAX_CARDS, _, _>")]
    pub cards: Vec<CardInput>,
}

/// A subaccount as the caller sends it.
#[derive(Debug, Clone, Deserialize, tsify::Tsify)]
pub struct SubaccountInput {
    /// Its id, unique in the portfolio.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// `true`: the partner pays its renewal; `false`: it pays its own.
    pub bill_parent: bool,
    /// Its subscription.
    pub subscription: SubscriptionInput,
    /// Its own balance (used when `bill_parent` is false).
    #[serde(deserialize_with = "crate::json::optional_decimal", default)]
    #[tsify(optional, type = "Decimal")]
    pub account_balance: Option<String>,
    /// Its own saved cards (used when `bill_parent` is false).
    #[serde(default, deserialize_with = "crate::json::optional_bounded::<MAX_CARDS, _, _>")]
    #[tsify(optional)]
    pub cards: Option<Vec<CardInput>>,
}

/// One subaccount's line of the roll-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct SubaccountRollup {
    /// The subaccount's id.
    pub id: String,
    /// The subaccount's name.
    pub name: String,
    /// The day its term ends and it renews.
    #[tsify(type = "DateString")]
    pub renewal_date: String,
    /// What its renewal costs (R7).
    #[tsify(type = "Decimal")]
    pub renewal_total: Money,
    /// `"partner"` or the subaccount's own id.
    pub payer: String,
}

/// One renewal paid by a payer: a `payRenewal` answer, with the subaccount and day it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct RenewalPayment {
    /// The subaccount whose renewal this is.
    pub subaccount: String,
    /// The day it is charged.
    #[tsify(type = "DateString")]
    pub renewal_date: String,
    /// The amount due.
    #[tsify(type = "Decimal")]
    pub amount_due: Money,
    /// The `payRenewal` answer, its fields inline: `balance_after` is what the next payment starts from.
    #[serde(flatten)]
    pub payment: Payment,
}

/// One payer's share: its renewals' total and its payments in renewal-date order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct PayerRollup {
    /// `"partner"` or a subaccount's id.
    pub payer: String,
    /// The sum of the renewals it pays.
    #[tsify(type = "Decimal")]
    pub renewal_total: Money,
    /// One payment per renewal, in renewal-date order, ties by subaccount id.
    pub payments: Vec<RenewalPayment>,
}

/// The answer of [`partner_rollup`]: `{ currency, subaccounts, payers, total }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Rollup {
    /// The price list's currency.
    #[tsify(type = "CurrencyCode")]
    pub currency: Currency,
    /// One line per subaccount, in the order given.
    pub subaccounts: Vec<SubaccountRollup>,
    /// The partner first, then each self-paying subaccount.
    pub payers: Vec<PayerRollup>,
    /// The sum of every subaccount's renewal total.
    #[tsify(type = "Decimal")]
    pub total: Money,
}

/// A payer's sources as they stand between two payments.
struct Payer {
    name: String,
    balance: Money,
    cards: Vec<Card>,
    renewal_total: Money,
    payments: Vec<RenewalPayment>,
}

/// A checked subaccount.
struct Checked {
    renewal_date: NaiveDate,
    renewal_total: Money,
    /// Position in the payers list: 0 is the partner.
    payer: usize,
}

/// Rolls up a partner's portfolio (R10): each subaccount's renewal date and total and who pays it, each
/// payer's renewals paid in renewal-date order (ties by subaccount id), and the partner's grand total.
///
/// `bill_parent: true` puts a renewal on the partner's balance and default card, `false` on the
/// subaccount's own (which it must then give). Each payment follows R8 and draws on what the payer's
/// previous payment left: the balance it left (`balance_after`), and, for a default card whose
/// `available_credit` is given, that credit less what the previous payments charged to it — so one card
/// limit is shared by all the renewals it pays. The partner is always the first payer (with nothing to pay
/// when no subaccount bills it), then each self-paying subaccount in the order given.
///
/// # Errors
/// `invalid_value:subaccounts` beyond [`MAX_SUBACCOUNTS`]; `invalid_value:licenses` beyond
/// [`MAX_PORTFOLIO_LICENSES`] in all; `invalid_value:id` for an id that is not 1 to 64 characters, repeats,
/// or is `"partner"`; `invalid_value:name` for a name that is not 1 to 64 characters; a subscription's own
/// errors ([`Subscription::parse`]); `invalid_value:account_balance`, `invalid_value:cards`,
/// `invalid_value:available_credit` for bad sources, and `invalid_value:account_balance` for a subaccount
/// that pays for itself without an `account_balance` or `cards`. Every problem is listed, each naming its
/// subaccount (`subaccounts[3].subscription.licenses[0].quantity: …`) or the partner (`partner.cards[1].id: …`).
///
/// # Example
/// ```
/// use certcalc::{partner_rollup, PortfolioInput, PriceList};
/// let p: PortfolioInput = certcalc::from_json(r#"{
///   "partner": { "account_balance": "500.00", "cards": [ { "id": "visa", "is_default": true } ] },
///   "subaccounts": [
///     { "id": "acme", "name": "Acme", "bill_parent": true, "subscription": { "start_date": "2026-03-01",
///       "licenses": [ { "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "quantity": 1 } ] } },
///     { "id": "bolt", "name": "Bolt", "bill_parent": false, "account_balance": "50.00",
///       "subscription": { "start_date": "2026-01-01", "licenses": [] } } ] }"#, "portfolio").unwrap();
/// let r = partner_rollup(&p, PriceList::embedded()).unwrap();
/// assert_eq!((r.subaccounts[0].renewal_date.as_str(), r.subaccounts[0].payer.as_str()), ("2027-03-01", "partner"));
/// // the partner's 500.00 balance pays half of Acme's 1000.00 wildcard, the default card the rest
/// assert_eq!(r.payers[0].payments[0].payment.steps[1].charged.to_string(), "500.00");
/// assert_eq!((r.payers[1].payer.as_str(), r.total.to_string().as_str()), ("bolt", "1000.00"));
/// ```
pub fn partner_rollup(portfolio: &PortfolioInput, prices: &PriceList) -> Result<Rollup> {
    let subs = &portfolio.subaccounts;
    if subs.len() > MAX_SUBACCOUNTS {
        return Err(Error::invalid("subaccounts", format!("a roll-up takes at most {} subaccounts, not {}", MAX_SUBACCOUNTS, subs.len())));
    }
    let licenses = subs.iter().fold(0usize, |n, s| n.saturating_add(s.subscription.licenses.len()));
    if licenses > MAX_PORTFOLIO_LICENSES {
        let message = format!("a roll-up takes at most {} license entries in all, not {licenses}", MAX_PORTFOLIO_LICENSES);
        return Err(Problem::at("licenses", "subaccounts", message).into());
    }
    let currency = prices.currency();
    let mut problems = Problems::default();
    let partner = sources(&portfolio.partner.account_balance, &portfolio.partner.cards, currency, &PARTNER, &mut problems);
    let mut payers = vec![payer(PARTNER, partner, currency)];
    let mut ids = HashSet::new();
    let mut checked = Vec::with_capacity(subs.len());
    for (i, s) in subs.iter().enumerate() {
        // Its path is written only for a problem: most subaccounts have none.
        let at = |p: Problem| p.within(&format!("subaccounts[{i}]"));
        if !is_label(&s.id, 64) {
            problems.push(at(Problem::invalid("id", format!("'{}' is not an id of 1 to 64 characters without control characters", clip(&s.id)))));
        } else if s.id == PARTNER {
            problems.push(at(Problem::invalid("id", "'partner' names the partner's own account")));
        } else if !ids.insert(s.id.as_str()) {
            problems.push(at(Problem::invalid("id", format!("'{}' is the id of an earlier subaccount", clip(&s.id)))));
        }
        if !is_label(&s.name, 64) {
            problems.push(at(Problem::invalid("name", format!("'{}' is not a name of 1 to 64 characters", clip(&s.name)))));
        }
        let sub = Subscription::parse(&s.subscription, prices).and_then(|sub| Ok((sub.term.end(), sub.renewal_total()?)));
        let sub = problems.take_within(format_args!("subaccounts[{i}].subscription"), sub);
        let payer_index = if s.bill_parent {
            0
        } else if s.account_balance.is_none() && s.cards.is_none() {
            let why = "it pays its own renewal (bill_parent is false) but gives no account_balance or cards";
            problems.push(at(Problem::invalid("account_balance", why)));
            0
        } else {
            let own = sources(&s.account_balance, s.cards.as_deref().unwrap_or_default(), currency, &format_args!("subaccounts[{i}]"), &mut problems);
            payers.push(payer(&s.id, own, currency));
            payers.len().saturating_sub(1)
        };
        if let Some((renewal_date, renewal_total)) = sub {
            checked.push(Checked { renewal_date, renewal_total, payer: payer_index });
        }
    }
    problems.finish()?;
    // Every subaccount was checked (any problem returned above), so `checked[i]` is `subs[i]`.
    let mut order: Vec<usize> = (0..checked.len()).collect();
    order.sort_by_key(|&i| (checked.get(i).map(|c| c.renewal_date), subs.get(i).map(|s| s.id.as_str())));
    for i in order {
        let (Some(c), Some(s)) = (checked.get(i), subs.get(i)) else { continue };
        let Some(p) = payers.get_mut(c.payer) else { continue };
        let paid = pay(c.renewal_total, p.balance, &p.cards)?;
        p.balance = paid.balance_after;
        for step in paid.steps.iter().filter(|st| st.source == Source::CreditCard) {
            let mut charged_card = p.cards.iter_mut().filter(|k| Some(&k.id) == step.card_id.as_ref());
            if let Some(credit) = charged_card.find_map(|k| k.available_credit.as_mut()) {
                *credit = credit.checked_sub(step.charged)?;
            }
        }
        p.renewal_total = p.renewal_total.checked_add(c.renewal_total)?;
        p.payments.push(RenewalPayment {
            subaccount: s.id.clone(),
            renewal_date: c.renewal_date.to_string(),
            amount_due: c.renewal_total,
            payment: paid,
        });
    }
    let lines = subs.iter().zip(&checked).map(|(s, c)| SubaccountRollup {
        id: s.id.clone(),
        name: s.name.clone(),
        renewal_date: c.renewal_date.to_string(),
        renewal_total: c.renewal_total,
        payer: if s.bill_parent { PARTNER.to_owned() } else { s.id.clone() },
    });
    let subaccounts: Vec<SubaccountRollup> = lines.collect();
    let total = Money::sum(currency, subaccounts.iter().map(|s| s.renewal_total))?;
    let payers = payers
        .into_iter()
        .map(|p| PayerRollup { payer: p.name, renewal_total: p.renewal_total, payments: p.payments })
        .collect();
    Ok(Rollup { currency, subaccounts, payers, total })
}

fn payer(name: &str, (balance, cards): (Money, Vec<Card>), currency: Currency) -> Payer {
    Payer { name: name.to_owned(), balance, cards, renewal_total: Money::zero(currency), payments: Vec::new() }
}

/// Checks an account's balance (default 0) and cards, recording problems under `who`.
fn sources(balance: &Option<String>, cards: &[CardInput], currency: Currency, who: &dyn std::fmt::Display, problems: &mut Problems) -> (Money, Vec<Card>) {
    let balance = match balance {
        Some(b) => problems.take_within(who, Money::parse_non_negative(b, currency, "account_balance")),
        None => None,
    };
    let cards = problems.take_within(who, parse_cards(cards, currency));
    (balance.unwrap_or(Money::zero(currency)), cards.unwrap_or_default())
}
