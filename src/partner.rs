//! Partner accounts (R10): every subaccount's renewal, who pays it, and the totals per payer.
//!
//! The work is linear in the portfolio's size plus one sort of the renewals by date: ids are checked with a
//! hash set and each payment draws on its payer's running sources, never on a scan of the others.

use alloc::{string::String, vec::Vec, borrow::ToOwned};
use crate::catalog::PriceList;
use crate::error::{Error, Problem, Problems, Result};
use crate::json::{FromJson, Object, Path, ToJson, Value, Writer};
use crate::money::{Currency, Money};
use crate::text::{clip, is_label};
use crate::payment::{parse_cards, pay, Card, CardInput, Payment, Source};
use crate::subscription::{Subscription, SubscriptionInput};
use crate::date::Date;
use crate::keys::KeySet;

/// The most subaccounts one roll-up takes (the scale target: 10,000 subaccounts of 10 licenses each).
pub const MAX_SUBACCOUNTS: usize = 10_000;
/// The most license entries, over all subaccounts, one roll-up takes.
pub const MAX_PORTFOLIO_LICENSES: usize = 1_000_000;
/// The payer name of the partner's own account; no subaccount may have this id.
pub const PARTNER: &str = "partner";

/// A partner's portfolio as the caller sends it: `{ partner: { account_balance, cards }, subaccounts }`.
#[derive(Debug, Clone, Default)]
pub struct PortfolioInput {
    /// The partner's own payment sources.
    pub partner: SourcesInput,
    /// The customer subaccounts.
    pub subaccounts: Vec<SubaccountInput>,
}

impl FromJson for PortfolioInput {
    fn from_json(v: &Value<'_>, at: &Path<'_>) -> Result<Self> {
        let o = Object::new(v, at)?;
        Ok(PortfolioInput { partner: o.or_default("partner")?, subaccounts: o.or_default("subaccounts")? })
    }
}

/// An account's payment sources: `{ account_balance?, cards? }`.
#[derive(Debug, Clone, Default)]
pub struct SourcesInput {
    /// What is left on the account balance (default `"0"`).
    pub account_balance: Option<String>,
    /// The saved cards.
    pub cards: Vec<CardInput>,
}

impl FromJson for SourcesInput {
    fn from_json(v: &Value<'_>, at: &Path<'_>) -> Result<Self> {
        let o = Object::new(v, at)?;
        Ok(SourcesInput { account_balance: o.opt("account_balance")?, cards: o.or_default("cards")? })
    }
}

/// A subaccount as the caller sends it.
#[derive(Debug, Clone)]
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
    pub account_balance: Option<String>,
    /// Its own saved cards (used when `bill_parent` is false).
    pub cards: Option<Vec<CardInput>>,
}

impl FromJson for SubaccountInput {
    fn from_json(v: &Value<'_>, at: &Path<'_>) -> Result<Self> {
        let o = Object::new(v, at)?;
        Ok(SubaccountInput {
            id: o.req("id")?,
            name: o.req("name")?,
            bill_parent: o.req("bill_parent")?,
            subscription: o.req("subscription")?,
            account_balance: o.opt("account_balance")?,
            cards: o.opt("cards")?,
        })
    }
}

/// One subaccount's line of the roll-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubaccountRollup {
    /// The subaccount's id.
    pub id: String,
    /// The subaccount's name.
    pub name: String,
    /// The day its term ends and it renews.
    pub renewal_date: String,
    /// What its renewal costs (R7).
    pub renewal_total: Money,
    /// `"partner"` or the subaccount's own id.
    pub payer: String,
}

impl ToJson for SubaccountRollup {
    fn write_json(&self, out: &mut Writer) {
        out.object(|o| {
            o.field("id", &self.id);
            o.field("name", &self.name);
            o.field("renewal_date", &self.renewal_date);
            o.field("renewal_total", &self.renewal_total);
            o.field("payer", &self.payer);
        });
    }
}

/// One renewal paid by a payer: a `payRenewal` answer, with the subaccount and day it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewalPayment {
    /// The subaccount whose renewal this is.
    pub subaccount: String,
    /// The day it is charged.
    pub renewal_date: String,
    /// The amount due.
    pub amount_due: Money,
    /// The `payRenewal` answer, its fields inline: `balance_after` is what the next payment starts from.
    pub payment: Payment,
}

impl ToJson for RenewalPayment {
    fn write_json(&self, out: &mut Writer) {
        out.object(|o| {
            o.field("subaccount", &self.subaccount);
            o.field("renewal_date", &self.renewal_date);
            o.field("amount_due", &self.amount_due);
            self.payment.write_fields(o);
        });
    }
}

/// One payer's share: its renewals' total and its payments in renewal-date order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayerRollup {
    /// `"partner"` or a subaccount's id.
    pub payer: String,
    /// The sum of the renewals it pays.
    pub renewal_total: Money,
    /// One payment per renewal, in renewal-date order, ties by subaccount id.
    pub payments: Vec<RenewalPayment>,
}

impl ToJson for PayerRollup {
    fn write_json(&self, out: &mut Writer) {
        out.object(|o| {
            o.field("payer", &self.payer);
            o.field("renewal_total", &self.renewal_total);
            o.field("payments", &self.payments);
        });
    }
}

/// The answer of [`partner_rollup`]: `{ currency, subaccounts, payers, total }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollup {
    /// The price list's currency.
    pub currency: Currency,
    /// One line per subaccount, in the order given.
    pub subaccounts: Vec<SubaccountRollup>,
    /// The partner first, then each self-paying subaccount.
    pub payers: Vec<PayerRollup>,
    /// The sum of every subaccount's renewal total.
    pub total: Money,
}

impl ToJson for Rollup {
    fn write_json(&self, out: &mut Writer) {
        out.object(|o| {
            o.field("currency", &self.currency);
            o.field("subaccounts", &self.subaccounts);
            o.field("payers", &self.payers);
            o.field("total", &self.total);
        });
    }
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
    renewal_date: Date,
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
/// subaccount (`subaccounts[3] 'acme': …`) or `partner: …`.
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
        return Err(Error::invalid("subaccounts", msg!("a roll-up takes at most ", MAX_SUBACCOUNTS, " subaccounts, not ", subs.len())));
    }
    let licenses = subs.iter().fold(0usize, |n, s| n.saturating_add(s.subscription.licenses.len()));
    if licenses > MAX_PORTFOLIO_LICENSES {
        let message = msg!("a roll-up takes at most ", MAX_PORTFOLIO_LICENSES, " license entries in all, not ", licenses);
        return Err(Error::invalid("licenses", message));
    }
    let currency = prices.currency();
    let mut problems = Problems::default();
    let partner = sources(&portfolio.partner.account_balance, &portfolio.partner.cards, currency, "partner", &mut problems);
    let mut payers = vec![payer(PARTNER, partner, currency)];
    let mut ids = KeySet::default();
    let mut checked = Vec::with_capacity(subs.len());
    for (i, s) in subs.iter().enumerate() {
        // Named only when there is a problem to name it in: most subaccounts have none.
        let who = || msg!("subaccounts[", i, "] '", clip(&s.id), "'");
        let at = |p: Problem| Problem { message: msg!(who(), ": ", p.message), ..p };
        if !is_label(&s.id, 64) {
            problems.push(at(Problem::invalid("id", "an id has 1 to 64 characters and no control characters")));
        } else if s.id == PARTNER {
            problems.push(at(Problem::invalid("id", "'partner' names the partner's own account")));
        } else if !ids.insert(0, &s.id).1 {
            problems.push(at(Problem::invalid("id", "the id is used by an earlier subaccount")));
        }
        if !is_label(&s.name, 64) {
            problems.push(at(Problem::invalid("name", msg!("'", clip(&s.name), "' is not a name of 1 to 64 characters"))));
        }
        let sub = Subscription::parse(&s.subscription, prices).and_then(|sub| Ok((sub.term.end(), sub.renewal_total()?)));
        let sub = match sub {
            Ok(v) => Some(v),
            Err(e) => {
                e.errors().iter().cloned().map(at).for_each(|p| problems.push(p));
                None
            }
        };
        let payer_index = if s.bill_parent {
            0
        } else if s.account_balance.is_none() && s.cards.is_none() {
            let why = "it pays its own renewal (bill_parent is false) but gives no account_balance or cards";
            problems.push(at(Problem::invalid("account_balance", why)));
            0
        } else {
            let own = sources(&s.account_balance, s.cards.as_deref().unwrap_or_default(), currency, &who(), &mut problems);
            payers.push(payer(&s.id, own, currency));
            payers.len().saturating_sub(1)
        };
        if let Some((renewal_date, renewal_total)) = sub {
            checked.push(Checked { renewal_date, renewal_total, payer: payer_index });
        }
    }
    problems.finish()?;
    // Every subaccount was checked (any problem returned above), so `checked[i]` is `subs[i]`.
    let key = |i: usize| (checked.get(i).map(|c| c.renewal_date), subs.get(i).map(|s| s.id.as_str()));
    let order = merge_sort((0..checked.len()).collect(), |&a, &b| key(a) < key(b));
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
            renewal_date: c.renewal_date.iso(),
            amount_due: c.renewal_total,
            payment: paid,
        });
    }
    let lines = subs.iter().zip(&checked).map(|(s, c)| SubaccountRollup {
        id: s.id.clone(),
        name: s.name.clone(),
        renewal_date: c.renewal_date.iso(),
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

/// Sorts stably by `less`: a bottom-up merge sort of a few lines, because the standard library's sort (its
/// merge and small-sort networks, instantiated for this one call) was 12 kB of the wasm module.
fn merge_sort<T: Copy>(v: Vec<T>, less: impl Fn(&T, &T) -> bool) -> Vec<T> {
    let mut src = v;
    let mut dst = Vec::with_capacity(src.len());
    let mut width = 1usize;
    while width < src.len() {
        dst.clear();
        for run in src.chunks(width.saturating_mul(2)) {
            let (mut a, mut b) = run.split_at(width.min(run.len()));
            while let (Some((x, rest_a)), Some((y, rest_b))) = (a.split_first(), b.split_first()) {
                if less(y, x) {
                    dst.push(*y);
                    b = rest_b;
                } else {
                    dst.push(*x);
                    a = rest_a;
                }
            }
            dst.extend_from_slice(a);
            dst.extend_from_slice(b);
        }
        core::mem::swap(&mut src, &mut dst);
        width = width.saturating_mul(2);
    }
    src
}

fn payer(name: &str, (balance, cards): (Money, Vec<Card>), currency: Currency) -> Payer {
    Payer { name: name.to_owned(), balance, cards, renewal_total: Money::zero(currency), payments: Vec::new() }
}

/// Checks an account's balance (default 0) and cards, recording problems under `who`.
fn sources(balance: &Option<String>, cards: &[CardInput], currency: Currency, who: &str, problems: &mut Problems) -> (Money, Vec<Card>) {
    let at = |e: Error| {
        let ps: Vec<Problem> = e.errors().iter().map(|p| Problem { message: msg!(who, ": ", p.message), ..p.clone() }).collect();
        Error::from_problems(ps).unwrap_or(e)
    };
    let balance = match balance {
        Some(b) => problems.take(Money::parse_non_negative(b, currency, "account_balance").map_err(at)),
        None => None,
    };
    let cards = problems.take(parse_cards(cards, currency).map_err(at));
    (balance.unwrap_or(Money::zero(currency)), cards.unwrap_or_default())
}
