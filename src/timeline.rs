//! Timelines (`simulate`): the chronological ledger of charges on one subscription over a horizon —
//! activation at full price, dated additions prorated (R4), each renewal at the full price of what is
//! active (R7), drops taking effect at the next renewal without refund.
//!
//! Choices the rules leave open:
//! - The horizon is `years` consecutive 12-month terms, each starting on the previous one's end (R2's
//!   clamping applies term by term: a plan starting 2028-02-29 renews on 2029-02-28, then 2030-02-28, …).
//!   It holds `years − 1` renewals; the renewal on the horizon's end is outside it.
//! - On a renewal date, drops dated that day take effect at that renewal (the asset is not renewed);
//!   additions dated that day belong to the new term (prorated over all of it: the full price).
//! - A `drop` names assets; every license bound to that asset (under any product) leaves at the next
//!   renewal. Naming an asset already dropped is harmless; naming one that is not active is an error.
//! - `renew: true` is accepted on a renewal date as a marker (the renewal happens anyway); anywhere else,
//!   or `renew: false`, it is an error.
//! - An addition line is one license entry: `annual × quantity`, prorated and rounded once.
//! - [`MAX_LICENSES`] bounds the license entries of the whole plan (starting plus added) and the asset
//!   names of all its drops, so the work stays linear in the plan's size.

use crate::assets::canonical;
use crate::catalog::{AssetType, PriceList};
use crate::error::{Error, Problem, Problems, Result};
use crate::money::{Currency, Money};
use crate::payment::deposit_refused;
use crate::json::{objects, DecimalString, List, Name, Read};
use crate::subscription::{parse_licenses, License, Licenses, MAX_LICENSES};
use crate::term::{parse_date, Proration, Term};
use chrono::NaiveDate as Date;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The most events one plan may list.
pub const MAX_EVENTS: usize = 1_000;
/// The longest horizon, in years (12-month terms).
pub const MAX_YEARS: u32 = 10;

/// A plan as the caller sends it: `{ start_date, proration?, licenses, events, years }`.
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct PlanInput {
    /// First day of the first term, `"YYYY-MM-DD"`.
    #[tsify(type = "DateString")]
    pub start_date: Read<String>,
    /// `"daily"` (default) or `"monthly"`.
    #[serde(default)]
    #[tsify(optional, type = "Proration")]
    pub proration: Read<Proration>,
    /// The licenses activated on `start_date`.
    #[serde(default)]
    #[tsify(optional, type = "LicenseInput[]")]
    pub licenses: Read<Licenses>,
    /// Dated events, in date order (at most [`MAX_EVENTS`]).
    #[serde(default)]
    #[tsify(optional, type = "EventInput[]")]
    pub events: Read<List<EventInput, MAX_EVENTS>>,
    /// The horizon: this many consecutive 12-month terms.
    #[serde(default)]
    #[tsify(type = "number")]
    pub years: Read<i64>,
}

/// One dated event: exactly one of `add`, `drop`, `renew` or `deposit`.
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct EventInput {
    /// The day it happens, `"YYYY-MM-DD"`.
    #[tsify(type = "DateString")]
    pub date: Read<String>,
    /// Licenses added that day, prorated (R4).
    #[serde(default)]
    #[tsify(optional, type = "LicenseInput[]")]
    pub add: Read<Licenses>,
    /// Assets taken out at the next renewal, without refund.
    #[serde(default)]
    #[tsify(optional, type = "string[]")]
    pub drop: Read<List<Name, MAX_LICENSES>>,
    /// `true` on a renewal date: a marker for the renewal that happens anyway.
    #[serde(default)]
    #[tsify(optional, type = "boolean")]
    pub renew: Read<bool>,
    /// A deposit to the balance: always refused on a subscription account.
    #[serde(default)]
    #[tsify(optional, type = "Decimal")]
    pub deposit: Read<DecimalString>,
}

objects!(PlanInput, EventInput);

/// What a ledger entry charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntryKind {
    /// The starting licenses, at full price.
    Activation,
    /// Licenses added mid-term, prorated (R4).
    Addition,
    /// Every active license at a term's end, at full price (R7).
    Renewal,
}

impl EntryKind {
    /// The snake_case name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Activation => "activation",
            EntryKind::Addition => "addition",
            EntryKind::Renewal => "renewal",
        }
    }
}

/// One license entry charged by a ledger entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct LedgerLine {
    /// The product.
    pub product_name_id: String,
    /// The asset type.
    pub asset_type: AssetType,
    /// The bound asset, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    /// Slots charged.
    pub quantity: u32,
    /// 12-month price of one slot.
    #[tsify(type = "Decimal")]
    pub annual_price: Money,
    /// Days left in the term (daily proration of an addition).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_days: Option<u32>,
    /// Days in the term (daily proration of an addition).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_days: Option<u32>,
    /// Months left in the term (monthly proration of an addition).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_months: Option<u32>,
    /// What the line costs, rounded once.
    #[tsify(type = "Decimal")]
    pub price: Money,
}

/// One charge: `{ date, kind, lines, amount }`, `amount` the sum of the lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Entry {
    /// The day charged, `"YYYY-MM-DD"`.
    #[tsify(type = "DateString")]
    pub date: String,
    /// Activation, addition or renewal.
    pub kind: EntryKind,
    /// One line per license entry charged.
    pub lines: Vec<LedgerLine>,
    /// The sum of the lines.
    #[tsify(type = "Decimal")]
    pub amount: Money,
}

/// The answer of [`simulate`]: `{ currency, ledger, total }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Ledger {
    /// The price list's currency.
    #[tsify(type = "CurrencyCode")]
    pub currency: Currency,
    /// The charges, in date order.
    pub ledger: Vec<Entry>,
    /// The sum of the entries' amounts.
    #[tsify(type = "Decimal")]
    pub total: Money,
}


/// A checked event.
enum Action<'a> {
    Add(&'a Licenses),
    Drop(Vec<&'a str>),
    Renew,
}

/// Simulates one subscription over `years` terms: the chronological ledger of its charges.
///
/// Activation charges the starting licenses at full price on `start_date`; an addition on a day `d` costs
/// its prorated price in the term holding `d` (R4, with that term's days); each renewal inside the horizon
/// charges every active license at full price (R7). See the module's notes for the choices the rules leave
/// open.
///
/// # Errors
/// - As [`crate::Subscription::parse`] for `start_date` and the starting licenses;
/// - `invalid_value:years` outside 1 to [`MAX_YEARS`]; `invalid_value:events` for more than
///   [`MAX_EVENTS`] events, an event outside the horizon, before the previous one, with not exactly one
///   action, an empty list, a drop of an asset that is not active, an addition of a bound asset already
///   active, or a misplaced `renew`; `invalid_value:date` for a malformed date; `invalid_value:licenses`
///   beyond [`MAX_LICENSES`] entries; an added license's own errors (`invalid_value:product_name_id`, …);
/// - `balance_deposit_not_allowed` for a `deposit` event (R8).
///
/// Every event error is at its event's path: `events[3].date: …`, `events[3].add[0].quantity: …`.
///
/// # Example
/// ```
/// use certcalc::{simulate, PlanInput, PriceList};
/// let plan: PlanInput = certcalc::from_json(r#"{ "start_date": "2026-01-01", "years": 2,
///   "licenses": [ { "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "asset": "*.a.example" } ],
///   "events": [ { "date": "2026-04-01", "add": [
///     { "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "asset": "*.c.example" } ] } ] }"#, "plan").unwrap();
/// let l = simulate(&plan, PriceList::embedded()).unwrap();
/// let amounts: Vec<String> = l.ledger.iter().map(|e| e.amount.to_string()).collect();
/// // activation 1000; *.c added with 275 of 365 days left: 753.42; renewal of both at full price: 2000
/// assert_eq!(amounts, ["1000.00", "753.42", "2000.00"]);
/// assert_eq!(l.total.to_string(), "3753.42");
/// ```
pub fn simulate(plan: &PlanInput, prices: &PriceList) -> Result<Ledger> {
    let mut problems = Problems::default();
    // The starting subscription, checked as `crate::Subscription::parse` checks one.
    let start = problems.required("start_date", &plan.start_date).and_then(|d| problems.take(parse_date(d, "start_date")));
    let first = start.and_then(|d| problems.take(Term::starting(d)));
    let empty = Licenses::default();
    let list = problems.optional("licenses", &plan.licenses).unwrap_or(&empty);
    let licenses = problems.take(parse_licenses(list, "licenses", first.as_ref(), prices));
    let proration = problems.optional("proration", &plan.proration).copied().unwrap_or_default();
    let years = problems.required("years", &plan.years).copied();
    if let Some(years) = years.filter(|y| !(1..=i64::from(MAX_YEARS)).contains(y)) {
        problems.push(Problem::invalid("years", format!("{years} is not 1 to {MAX_YEARS}: a horizon of 1 to {MAX_YEARS} years")));
    }
    let actions = problems.take(check_events(plan, list, start));
    problems.finish()?;
    let (Some(first), Some(licenses), Some(actions), Some(years)) = (first, licenses, actions, years) else {
        return Err(Error::invalid("plan", "the plan could not be read"));
    };
    let mut terms = vec![first];
    while (terms.len() as i64) < years {
        let next = terms.last().map(Term::next).unwrap_or_else(|| Ok(first))?;
        terms.push(next);
    }
    let horizon_end = terms.last().map_or(first.end(), Term::end);
    for (i, (date, _)) in actions.iter().enumerate() {
        if *date >= horizon_end {
            return Err(event_error(i, "date", format!("{} is on or after the horizon's end {horizon_end}", *date)));
        }
    }
    let mut run = Run::new(prices, proration);
    run.charge_full(first.start(), EntryKind::Activation, licenses)?;
    let mut done = vec![false; actions.len()];
    let mut current = 0usize; // index in `terms` of the term the next event falls in
    for i in 0..actions.len() {
        let Some(&(date, ref action)) = actions.get(i) else { break };
        while let Some(next) = terms.get(current.saturating_add(1)).filter(|t| t.start() <= date) {
            let renewal = next.start();
            // Drops dated on the renewal day take effect at this renewal.
            for (j, (d, a)) in actions.iter().enumerate().skip(i).take_while(|(_, (d, _))| *d == renewal) {
                if let Action::Drop(names) = a {
                    run.drop(j, names, *d)?;
                    if let Some(flag) = done.get_mut(j) {
                        *flag = true;
                    }
                }
            }
            run.renew(renewal)?;
            current = current.saturating_add(1);
        }
        if done.get(i).copied().unwrap_or(false) {
            continue;
        }
        let term = terms.get(current).copied().unwrap_or(first);
        match action {
            Action::Add(list) => run.add(i, list, date, &term)?,
            Action::Drop(names) => run.drop(i, names, date)?,
            Action::Renew if current > 0 && term.start() == date => {}
            Action::Renew => return Err(event_error(i, "renew", format!("{date} is not a renewal date: renew marks a term's end"))),
        }
    }
    for t in terms.iter().skip(current.saturating_add(1)) {
        run.renew(t.start())?;
    }
    run.finish()
}

/// An `invalid_value:events` error at `events[i]` followed by `at` (`date`, `add[0].asset`).
fn event_error(i: usize, at: &str, reason: impl std::fmt::Display) -> Error {
    event_problem(i, at, reason).into()
}

fn event_problem(i: usize, at: &str, reason: impl std::fmt::Display) -> Problem {
    Problem::at("events", format!("events[{i}].{at}"), reason)
}

/// Checks what can be checked without running the plan: limits, dates, order, one action per event.
fn check_events<'a>(plan: &'a PlanInput, licenses: &Licenses, start: Option<Date>) -> Result<Vec<(Date, Action<'a>)>> {
    let mut problems = Problems::default();
    let Some(events) = problems.optional("events", &plan.events) else {
        problems.finish()?;
        return Ok(Vec::new());
    };
    let size = |r: &Read<Licenses>| r.ok().map_or(0, |l| l.0.len());
    let added: usize = events.0.iter().filter_map(Read::ok).map(|e| size(&e.add)).sum();
    let dropped: usize = events.0.iter().filter_map(Read::ok).map(|e| e.drop.ok().map_or(0, |d| d.0.len())).sum();
    if licenses.0.len().saturating_add(added) > MAX_LICENSES || dropped > MAX_LICENSES {
        let message = format!("a plan holds at most {} license entries and drops at most as many assets", MAX_LICENSES);
        return Err(Problem::at("licenses", "events", message).into());
    }
    let mut out = Vec::with_capacity(events.0.len());
    let mut previous: Option<Date> = None;
    for (i, e) in events.entries() {
        let Some(e) = problems.required_at("events", format_args!("events[{i}]"), e) else { continue };
        if !e.deposit.is_absent() {
            let refusal = deposit_refused();
            problems.take_within::<()>(format_args!("events[{i}].deposit"), Err(refusal));
            continue;
        }
        let date = problems.required_at("date", format_args!("events[{i}].date"), &e.date);
        let Some(date) = date.and_then(|d| problems.take_within(format_args!("events[{i}]"), parse_date(d, "date"))) else { continue };
        if let Some(s) = start.filter(|s| date < *s) {
            problems.push(event_problem(i, "date", format!("{date} is before start_date {s}")));
        }
        if let Some(p) = previous.filter(|p| date < *p) {
            problems.push(event_problem(i, "date", format!("{date} is before the previous event's date {p}: events go in date order")));
        }
        let bad = |m: &str| Problem::at("events", format!("events[{i}]"), m);
        previous = Some(date);
        let add = problems.optional_at("add", format_args!("events[{i}].add"), &e.add);
        let drop = problems.optional_at("drop", format_args!("events[{i}].drop"), &e.drop);
        let renew = problems.optional_at("renew", format_args!("events[{i}].renew"), &e.renew).copied();
        if e.add.is_bad() || e.drop.is_bad() || e.renew.is_bad() {
            continue; // a field given that could not be read: said above
        }
        let action = match (add, drop, renew) {
            (Some(a), None, None) if !a.0.is_empty() => Action::Add(a),
            (None, Some(d), None) if !d.0.is_empty() => {
                let mut names = Vec::with_capacity(d.0.len());
                for (k, n) in d.entries() {
                    if let Some(Name(n)) = problems.required_at("drop", format_args!("events[{i}].drop[{k}]"), n) {
                        names.push(n.as_str());
                    }
                }
                Action::Drop(names)
            }
            (None, None, Some(true)) => Action::Renew,
            (None, None, Some(false)) => {
                problems.push(event_problem(i, "renew", "false is not an action: drop the assets that should not renew"));
                continue;
            }
            (Some(_), None, None) | (None, Some(_), None) => {
                problems.push(bad("an add or drop lists at least one entry"));
                continue;
            }
            _ => {
                problems.push(bad("an event has exactly one of add, drop, renew"));
                continue;
            }
        };
        out.push((date, action));
    }
    problems.finish()?;
    Ok(out)
}

/// A license in force, and whether it leaves at the next renewal.
struct Active<'p> {
    license: License<'p>,
    dropping: bool,
}

/// The state of a running plan: its licenses in force and the ledger so far.
struct Run<'p> {
    prices: &'p PriceList,
    proration: Proration,
    active: Vec<Active<'p>>,
    /// Every bound asset in force, with the positions in `active` of the licenses bound to it, for drops
    /// without scanning.
    holders: HashMap<(AssetType, Cow<'p, str>), Vec<usize>>,
    /// Every bound (product, asset type, asset) in force, to refuse adding one twice.
    bound: HashSet<(usize, AssetType, Cow<'p, str>)>,
    ledger: Vec<Entry>,
}

impl<'p> Run<'p> {
    fn new(prices: &'p PriceList, proration: Proration) -> Self {
        Run { prices, proration, active: Vec::new(), holders: HashMap::new(), bound: HashSet::new(), ledger: Vec::new() }
    }

    fn line(&self, l: &License, price: Money) -> LedgerLine {
        LedgerLine {
            product_name_id: self.prices.products().get(l.product).map(|p| p.id().to_owned()).unwrap_or_default(),
            asset_type: l.asset_type,
            asset: l.asset.as_deref().map(str::to_owned),
            quantity: l.quantity,
            annual_price: l.annual_price,
            remaining_days: None,
            term_days: None,
            remaining_months: None,
            price,
        }
    }

    fn entry(&mut self, date: Date, kind: EntryKind, lines: Vec<LedgerLine>) -> Result<()> {
        let amount = Money::sum(self.prices.currency(), lines.iter().map(|l| l.price))?;
        self.ledger.push(Entry { date: date.to_string(), kind, lines, amount });
        Ok(())
    }

    fn insert(&mut self, license: License<'p>) {
        if let Some(a) = &license.asset {
            self.holders.entry((license.asset_type, a.clone())).or_default().push(self.active.len());
            self.bound.insert((license.product, license.asset_type, a.clone()));
        }
        self.active.push(Active { license, dropping: false });
    }

    /// Puts `licenses` in force and charges each at its full 12-month price: an activation or a renewal.
    fn charge_full(&mut self, date: Date, kind: EntryKind, licenses: Vec<License<'p>>) -> Result<()> {
        let mut lines = Vec::with_capacity(licenses.len());
        for l in &licenses {
            lines.push(self.line(l, l.annual_price.times(l.quantity)?));
        }
        licenses.into_iter().for_each(|l| self.insert(l));
        self.entry(date, kind, lines)
    }

    fn add(&mut self, i: usize, list: &'p Licenses, date: Date, term: &Term) -> Result<()> {
        let added = parse_licenses(list, &format!("events[{i}].add"), Some(term), self.prices)?;
        let left = term.left(date, self.proration)?;
        let mut lines = Vec::with_capacity(added.len());
        for (j, l) in added.iter().enumerate() {
            if let Some(a) = &l.asset {
                if self.bound.contains(&(l.product, l.asset_type, a.clone())) {
                    return Err(event_error(i, &format!("add[{j}].asset"), format!("'{a}' is already in the subscription for this product")));
                }
            }
            let full = l.annual_price.times(l.quantity)?;
            let mut line = self.line(l, full);
            line.price = full.prorate(left.numerator, left.denominator)?;
            (line.remaining_days, line.term_days, line.remaining_months) = (left.remaining_days, left.term_days, left.remaining_months);
            lines.push(line);
        }
        added.into_iter().for_each(|l| self.insert(l));
        self.entry(date, EntryKind::Addition, lines)
    }

    fn drop(&mut self, i: usize, names: &[&str], date: Date) -> Result<()> {
        for (k, name) in names.iter().enumerate() {
            let mut found = false;
            for t in AssetType::ALL {
                let Ok(canon) = canonical(t, name, "drop") else { continue };
                for &k in self.holders.get(&(t, canon)).map(Vec::as_slice).unwrap_or_default() {
                    if let Some(a) = self.active.get_mut(k) {
                        a.dropping = true;
                        found = true;
                    }
                }
            }
            if !found {
                let shown = crate::text::clip(name);
                return Err(event_error(i, &format!("drop[{k}]"), format!("'{shown}' is not an asset of the subscription on {date}")));
            }
        }
        Ok(())
    }

    /// Renews what is active at full price (R7) after taking out what was dropped.
    fn renew(&mut self, date: Date) -> Result<()> {
        let kept: Vec<License> = core::mem::take(&mut self.active).into_iter().filter(|a| !a.dropping).map(|a| a.license).collect();
        self.holders.clear();
        self.bound.clear();
        self.charge_full(date, EntryKind::Renewal, kept)
    }

    fn finish(self) -> Result<Ledger> {
        let currency = self.prices.currency();
        let total = Money::sum(currency, self.ledger.iter().map(|e| e.amount))?;
        Ok(Ledger { currency, ledger: self.ledger, total })
    }
}
