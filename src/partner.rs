//! Partner accounts (R10): every subaccount's renewal, who pays it, and the totals per payer.
//!
//! The work is linear in the portfolio's size plus one sort of the renewals by date: ids are checked with a
//! hash set and each payment draws on its payer's running sources, never on a scan of the others.

use crate::catalog::PriceList;
use crate::error::{Problem, Problems, Result};
use crate::money::{Currency, Money};
use crate::text::{clip, is_label};
use crate::json::{objects, DecimalString, List, Read};
use crate::payment::{amount_or_zero, parse_cards, pay, Card, Cards, Payment, Source};
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
    #[tsify(optional, type = "SourcesInput")]
    pub partner: Read<SourcesInput>,
    /// The customer subaccounts (at most [`MAX_SUBACCOUNTS`]).
    #[serde(default)]
    #[tsify(optional, type = "SubaccountInput[]")]
    pub subaccounts: Read<List<SubaccountInput, MAX_SUBACCOUNTS>>,
}

/// An account's payment sources: `{ account_balance?, cards? }`.
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct SourcesInput {
    /// What is left on the account balance (default `"0"`).
    #[serde(default)]
    #[tsify(optional, type = "Decimal")]
    pub account_balance: Read<DecimalString>,
    /// The saved cards.
    #[serde(default)]
    #[tsify(optional, type = "CardInput[]")]
    pub cards: Read<Cards>,
}

/// A subaccount as the caller sends it.
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct SubaccountInput {
    /// Its id, unique in the portfolio.
    #[tsify(type = "string")]
    pub id: Read<String>,
    /// Its display name.
    #[tsify(type = "string")]
    pub name: Read<String>,
    /// `true`: the partner pays its renewal; `false`: it pays its own.
    #[tsify(type = "boolean")]
    pub bill_parent: Read<bool>,
    /// Its subscription.
    #[tsify(type = "SubscriptionInput")]
    pub subscription: Read<SubscriptionInput>,
    /// Its own balance (used when `bill_parent` is false).
    #[serde(default)]
    #[tsify(optional, type = "Decimal")]
    pub account_balance: Read<DecimalString>,
    /// Its own saved cards (used when `bill_parent` is false).
    #[serde(default)]
    #[tsify(optional, type = "CardInput[]")]
    pub cards: Read<Cards>,
}

objects!(PortfolioInput, SourcesInput, SubaccountInput);

/// One subaccount's line of the roll-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct SubaccountRollup<'a> {
    /// The subaccount's id.
    pub id: &'a str,
    /// The subaccount's name.
    pub name: &'a str,
    /// The day its term ends and it renews.
    #[serde(serialize_with = "day")]
    #[tsify(type = "DateString")]
    pub renewal_date: NaiveDate,
    /// What its renewal costs (R7).
    #[tsify(type = "Decimal")]
    pub renewal_total: Money,
    /// `"partner"` or the subaccount's own id.
    pub payer: &'a str,
}

/// One renewal paid by a payer: a `payRenewal` answer, with the subaccount and day it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct RenewalPayment<'a> {
    /// The subaccount whose renewal this is.
    pub subaccount: &'a str,
    /// The day it is charged.
    #[serde(serialize_with = "day")]
    #[tsify(type = "DateString")]
    pub renewal_date: NaiveDate,
    /// The amount due.
    #[tsify(type = "Decimal")]
    pub amount_due: Money,
    /// The `payRenewal` answer, its fields inline: `balance_after` is what the next payment starts from.
    #[serde(flatten)]
    pub payment: Payment<'a>,
}

/// One payer's share: its renewals' total and its payments in renewal-date order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct PayerRollup<'a> {
    /// `"partner"` or a subaccount's id.
    pub payer: &'a str,
    /// The sum of the renewals it pays.
    #[tsify(type = "Decimal")]
    pub renewal_total: Money,
    /// One payment per renewal, in renewal-date order, ties by subaccount id.
    pub payments: Vec<RenewalPayment<'a>>,
}

/// The answer of [`partner_rollup`]: `{ currency, subaccounts, payers, total }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Rollup<'a> {
    /// The price list's currency.
    #[tsify(type = "CurrencyCode")]
    pub currency: Currency,
    /// One line per subaccount, in the order given.
    pub subaccounts: Vec<SubaccountRollup<'a>>,
    /// The partner first, then each self-paying subaccount.
    pub payers: Vec<PayerRollup<'a>>,
    /// The sum of every subaccount's renewal total.
    #[tsify(type = "Decimal")]
    pub total: Money,
}

/// What a portfolio that gives no subaccounts, or no partner, reads as.
static NO_SUBACCOUNTS: List<SubaccountInput, MAX_SUBACCOUNTS> = List(Vec::new());
static NO_SOURCES: SourcesInput = SourcesInput { account_balance: Read::Absent, cards: Read::Absent };

/// A payer's sources as they stand between two payments.
struct Payer<'a> {
    name: &'a str,
    balance: Money,
    cards: Vec<Card<'a>>,
    renewal_total: Money,
    payments: Vec<RenewalPayment<'a>>,
}

/// A checked subaccount.
struct Checked<'a> {
    id: &'a str,
    name: &'a str,
    bill_parent: bool,
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
/// assert_eq!((r.subaccounts[0].renewal_date.to_string().as_str(), r.subaccounts[0].payer), ("2027-03-01", "partner"));
/// // the partner's 500.00 balance pays half of Acme's 1000.00 wildcard, the default card the rest
/// assert_eq!(r.payers[0].payments[0].payment.steps[1].charged.to_string(), "500.00");
/// assert_eq!((r.payers[1].payer, r.total.to_string().as_str()), ("bolt", "1000.00"));
/// ```
pub fn partner_rollup<'a>(portfolio: &'a PortfolioInput, prices: &PriceList) -> Result<Rollup<'a>> {
    let mut problems = Problems::default();
    let subs = problems.optional("subaccounts", &portfolio.subaccounts).unwrap_or(&NO_SUBACCOUNTS);
    let licenses = subs.0.iter().filter_map(Read::ok).filter_map(|s| s.subscription.ok()).fold(0usize, |n, s| n.saturating_add(s.licenses.ok().map_or(0, |l| l.0.len())));
    if licenses > MAX_PORTFOLIO_LICENSES {
        let message = format!("a roll-up takes at most {} license entries in all, not {licenses}", MAX_PORTFOLIO_LICENSES);
        return Err(Problem::at("licenses", "subaccounts", message).into());
    }
    let currency = prices.currency();
    let partner = problems.optional("partner", &portfolio.partner).unwrap_or(&NO_SOURCES);
    let partner = sources(&partner.account_balance, &partner.cards, currency, &PARTNER, &mut problems);
    let mut payers = vec![payer(PARTNER, partner, currency)];
    let mut ids = HashSet::with_capacity(subs.0.len());
    let mut checked = Vec::with_capacity(subs.0.len());
    for (i, s) in subs.entries() {
        let Some(s) = problems.required_at("subaccounts", format_args!("subaccounts[{i}]"), s) else { continue };
        let mut own = Problems::default();
        let id = own.required("id", &s.id);
        match id {
            Some(id) if !is_label(id, 64) => {
                own.push(Problem::invalid("id", format!("'{}' is not an id of 1 to 64 characters without control characters", clip(id))));
            }
            Some(id) if id == PARTNER => own.push(Problem::invalid("id", "'partner' names the partner's own account")),
            Some(id) if !ids.insert(id.as_str()) => own.push(Problem::invalid("id", format!("'{}' is the id of an earlier subaccount", clip(id)))),
            _ => {}
        }
        let name = own.required("name", &s.name);
        if let Some(name) = name.filter(|n| !is_label(n, 64)) {
            own.push(Problem::invalid("name", format!("'{}' is not a name of 1 to 64 characters", clip(name))));
        }
        let bill_parent = own.required("bill_parent", &s.bill_parent).copied();
        let sub = own.required("subscription", &s.subscription);
        let sub = sub.and_then(|sub| own.take_within("subscription", Subscription::parse(sub, prices).and_then(|sub| Ok((sub.term.end(), sub.renewal_total()?)))));
        let payer_index = match bill_parent {
            Some(false) if s.account_balance.is_absent() && s.cards.is_absent() => {
                let why = "it pays its own renewal (bill_parent is false) but gives no account_balance or cards";
                own.push(Problem::invalid("account_balance", why));
                0
            }
            Some(false) => {
                let sources = sources(&s.account_balance, &s.cards, currency, &"", &mut own);
                payers.push(payer(id.map_or("", String::as_str), sources, currency));
                payers.len().saturating_sub(1)
            }
            _ => 0,
        };
        // Its path is written only for a problem: most subaccounts have none.
        problems.take_within(format_args!("subaccounts[{i}]"), own.finish());
        if let (Some((renewal_date, renewal_total)), Some(id), Some(name), Some(bill_parent)) = (sub, id, name, bill_parent) {
            checked.push(Checked { id, name, bill_parent, renewal_date, renewal_total, payer: payer_index });
        }
    }
    problems.finish()?;
    let mut order: Vec<&Checked<'_>> = checked.iter().collect();
    // Ids are unique by now, so no two keys are equal and an unstable sort orders them as a stable one would.
    order.sort_unstable_by(|a, b| a.renewal_date.cmp(&b.renewal_date).then_with(|| a.id.cmp(b.id)));
    for c in order {
        let Some(p) = payers.get_mut(c.payer) else { continue };
        let paid = pay(c.renewal_total, p.balance, &p.cards)?;
        p.balance = paid.balance_after;
        for step in paid.steps.iter().filter(|st| st.source == Source::CreditCard) {
            let mut charged_card = p.cards.iter_mut().filter(|k| Some(k.id) == step.card_id);
            if let Some(credit) = charged_card.find_map(|k| k.available_credit.as_mut()) {
                *credit = credit.checked_sub(step.charged)?;
            }
        }
        p.renewal_total = p.renewal_total.checked_add(c.renewal_total)?;
        p.payments.push(RenewalPayment {
            subaccount: c.id,
            renewal_date: c.renewal_date,
            amount_due: c.renewal_total,
            payment: paid,
        });
    }
    let lines = checked.iter().map(|c| SubaccountRollup {
        id: c.id,
        name: c.name,
        renewal_date: c.renewal_date,
        renewal_total: c.renewal_total,
        payer: if c.bill_parent { PARTNER } else { c.id },
    });
    let subaccounts: Vec<SubaccountRollup> = lines.collect();
    let total = Money::sum(currency, subaccounts.iter().map(|s| s.renewal_total))?;
    let payers = payers
        .into_iter()
        .map(|p| PayerRollup { payer: p.name, renewal_total: p.renewal_total, payments: p.payments })
        .collect();
    Ok(Rollup { currency, subaccounts, payers, total })
}

fn payer<'a>(name: &'a str, (balance, cards): (Money, Vec<Card<'a>>), currency: Currency) -> Payer<'a> {
    Payer { name, balance, cards, renewal_total: Money::zero(currency), payments: Vec::new() }
}

/// A day as the answer writes it, `YYYY-MM-DD` (chrono's `Display`), without a `String` per line.
fn day<S: serde::Serializer>(day: &NaiveDate, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(day)
}

/// Checks an account's balance (default 0) and cards, recording problems under `who`.
fn sources<'a>(balance: &Read<DecimalString>, cards: &'a Read<Cards>, currency: Currency, who: &dyn std::fmt::Display, problems: &mut Problems) -> (Money, Vec<Card<'a>>) {
    let mut own = Problems::default();
    let balance = amount_or_zero(balance, currency, &mut own);
    let cards = own.optional("cards", cards).and_then(|c| own.take(parse_cards(c, currency)));
    problems.take_within(who, own.finish());
    (balance.unwrap_or(Money::zero(currency)), cards.unwrap_or_default())
}
