//! Subscriptions (R2), coverage of a request's assets by their licenses (R3), and the renewal quote (R7).

use crate::assets::{canonical, Asset, Repeats};
use crate::catalog::{AssetType, PriceList};
use crate::error::{Error, Problem, Problems, Result};
use crate::money::{Currency, Money};
use crate::json::{objects, List, Read};
use crate::term::{parse_date, Proration, Term};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The most license entries one subscription may hold.
pub const MAX_LICENSES: usize = 10_000;
/// The most free slots one unbound license entry may hold.
pub const MAX_QUANTITY: u32 = 100_000;

/// A subscription as the caller sends it: `{ start_date, proration?, licenses: [...] }`.
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct SubscriptionInput {
    /// First day of the current 12-month term, `"YYYY-MM-DD"`.
    #[tsify(type = "DateString")]
    pub start_date: Read<String>,
    /// `"daily"` (default) or `"monthly"`.
    #[serde(default)]
    #[tsify(optional, type = "Proration")]
    pub proration: Read<Proration>,
    /// The license pool (at most [`MAX_LICENSES`] entries).
    #[serde(default)]
    #[tsify(optional, type = "LicenseInput[]")]
    pub licenses: Read<Licenses>,
}

/// A list of license entries as the caller sends it: at most [`MAX_LICENSES`].
pub type Licenses = List<LicenseInput, MAX_LICENSES>;

/// A license as the caller sends it: bound to one `asset`, or `quantity` free slots.
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct LicenseInput {
    /// The product it is for.
    #[tsify(type = "string")]
    pub product_name_id: Read<String>,
    /// The asset type it is for.
    #[tsify(type = "AssetType")]
    pub asset_type: Read<AssetType>,
    /// The asset it is bound to; absent for free slots.
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub asset: Read<String>,
    /// How many free slots (unbound licenses only; default 1).
    #[serde(default)]
    #[tsify(optional, type = "number")]
    pub quantity: Read<i64>,
    /// When it was added (informational: R7 renews it at full price whatever the day).
    #[serde(default)]
    #[tsify(optional, type = "DateString")]
    pub added_on: Read<String>,
}

objects!(SubscriptionInput, LicenseInput);

/// A checked license.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct License<'a> {
    /// Position of its product in the price list.
    pub product: usize,
    /// Its asset type.
    pub asset_type: AssetType,
    /// The canonical asset it is bound to, if any: the input's own text when it is already canonical.
    pub asset: Option<Cow<'a, str>>,
    /// Slots it holds (1 for a bound license).
    pub quantity: u32,
    /// The 12-month price of one slot.
    pub annual_price: Money,
    /// When it was added, if given.
    pub added_on: Option<NaiveDate>,
}

/// A checked subscription: its term, proration and license pool.
///
/// # Example
/// ```
/// use certcalc::{PriceList, Subscription, SubscriptionInput};
/// let input: SubscriptionInput = certcalc::from_json(r#"{ "start_date": "2026-01-01", "licenses": [
///     { "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "quantity": 2 } ] }"#, "subscription").unwrap();
/// let sub = Subscription::parse(&input, PriceList::embedded()).unwrap();
/// assert_eq!(sub.renewal_total().unwrap().to_string(), "2000.00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription<'a> {
    /// The current term.
    pub term: Term,
    /// How additions are prorated.
    pub proration: Proration,
    /// The license pool.
    pub licenses: Vec<License<'a>>,
    currency: Currency,
}

impl<'a> Subscription<'a> {
    /// Checks a subscription against a price list.
    ///
    /// # Errors
    /// `invalid_value:start_date`; for each bad license, `invalid_value:<field>` (`product_name_id`,
    /// `asset_type`, `asset`, `quantity`, `added_on`, `licenses`) at its path (`licenses[3].quantity`).
    pub fn parse(input: &'a SubscriptionInput, prices: &PriceList) -> Result<Subscription<'a>> {
        let mut problems = Problems::default();
        let start = problems.required("start_date", &input.start_date).and_then(|d| problems.take(parse_date(d, "start_date")));
        let term = start.and_then(|start| problems.take(Term::starting(start)));
        let proration = problems.optional("proration", &input.proration).copied().unwrap_or_default();
        let list = problems.optional("licenses", &input.licenses);
        let licenses = list.and_then(|list| problems.take(parse_licenses(list, "licenses", term.as_ref(), prices)));
        problems.finish()?;
        match (term, licenses) {
            (Some(term), licenses) => Ok(Subscription { term, proration, licenses: licenses.unwrap_or_default(), currency: prices.currency() }),
            _ => Err(Error::invalid("start_date", "required")),
        }
    }

    /// What renewing every license costs: each at its full 12-month price (R7).
    ///
    /// # Errors
    /// `invalid_value:amount` on overflow.
    pub fn renewal_total(&self) -> Result<Money> {
        self.licenses.iter().try_fold(Money::zero(self.currency), |acc, l| acc.checked_add(l.annual_price.times(l.quantity)?))
    }

    /// How a license of `product` covers each asset on `on` (R3): first a license bound to that asset, then
    /// a free slot of the same type not yet used by this request, from the first unbound license with one
    /// left. Types never substitute, and a license whose `added_on` is after `on` does not cover yet (it
    /// joins the subscription that day).
    ///
    /// # Example
    /// ```
    /// use certcalc::{request_assets, CertificateInput, PriceList, Subscription, SubscriptionInput};
    /// let prices = PriceList::embedded();
    /// let sub: SubscriptionInput = certcalc::from_json(r#"{ "start_date": "2026-01-01", "licenses": [
    ///   { "product_name_id": "ssl_securesite_flex", "asset_type": "fqdn", "asset": "b.example" },
    ///   { "product_name_id": "ssl_securesite_flex", "asset_type": "fqdn", "quantity": 2 } ] }"#, "subscription").unwrap();
    /// let sub = Subscription::parse(&sub, prices).unwrap();
    /// let cert: CertificateInput = certcalc::from_json(r#"{ "dns_names": ["a.example", "b.example", "c.example", "d.example"] }"#, "certificate").unwrap();
    /// let (product, p) = prices.find("ssl_securesite_flex").unwrap();
    /// let cover = sub.cover(product, &request_assets(p.family(), &cert).unwrap(), "2026-06-01".parse().unwrap());
    /// assert_eq!(cover.by, [Some(1), Some(0), Some(1), None]); // b.example has its own license
    /// assert_eq!((cover.slots[0].free, cover.slots[0].used, cover.slots[0].left), (2, 2, 0));
    /// ```
    pub fn cover(&self, product: usize, assets: &[Asset], on: NaiveDate) -> Cover {
        let mine = || self.licenses.iter().enumerate().filter(move |(_, l)| l.product == product && l.added_on.is_none_or(|d| d <= on));
        // The first license bound to the asset, found by a scan: at most 250 assets × 10,000 licenses.
        let bound: Vec<(usize, &License<'_>)> = mine().filter(|(_, l)| l.asset.is_some()).collect();
        let own = |a: &Asset| bound.iter().find(|(_, l)| l.asset_type == a.asset_type && l.asset.as_deref() == Some(&*a.name)).map(|&(i, _)| i);
        let mut pools: Vec<(usize, AssetType, u32)> = mine().filter(|(_, l)| l.asset.is_none()).map(|(i, l)| (i, l.asset_type, l.quantity)).collect();
        let mut slots: Vec<Slots> = AssetType::ALL
            .iter()
            .map(|&asset_type| {
                let free = pools.iter().filter(|p| p.1 == asset_type).fold(0u32, |n, p| n.saturating_add(p.2));
                Slots { asset_type, free, used: 0, left: 0 }
            })
            .filter(|s| s.free > 0)
            .collect();
        // Bound licenses first, for every asset, so that a free slot is never spent on an asset that has
        // its own license further down the request.
        let mut by: Vec<Option<usize>> = assets.iter().map(own).collect();
        for (a, c) in assets.iter().zip(by.iter_mut()).filter(|(_, c)| c.is_none()) {
            if let Some((i, _, n)) = pools.iter_mut().find(|(_, t, n)| *t == a.asset_type && *n > 0) {
                *n -= 1;
                *c = Some(*i);
                if let Some(s) = slots.iter_mut().find(|s| s.asset_type == a.asset_type) {
                    s.used += 1;
                }
            }
        }
        for s in &mut slots {
            s.left = s.free - s.used;
        }
        Cover { by, slots }
    }
}

/// How a request's assets are covered: see [`Subscription::cover`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    /// For each asset, the index in the subscription's `licenses` of the license that covers it.
    pub by: Vec<Option<usize>>,
    /// For each asset type the product holds free slots of, how the request uses them.
    pub slots: Vec<Slots>,
}

/// One asset type's free slots of one product: how many the subscription holds on the day, how many a
/// request uses and how many are left after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Slots {
    /// The asset type.
    pub asset_type: AssetType,
    /// Free slots held (unbound licenses' quantities; at most 10,000 licenses × 100,000).
    pub free: u32,
    /// Used by the request's assets that have no license of their own.
    pub used: u32,
    /// `free − used`.
    pub left: u32,
}

/// Checks a subscription's license entries, each against `term` (when it could be read) and `prices`; a
/// problem is at its entry's path from `path`, the list's own (`licenses[3].quantity`).
pub(crate) fn parse_licenses<'a>(list: &'a Licenses, path: &str, term: Option<&Term>, prices: &PriceList) -> Result<Vec<License<'a>>> {
    let mut problems = Problems::default();
    let field = path.rsplit('.').next().unwrap_or(path); // `licenses`, or an event's `add`
    let mut licenses = Vec::with_capacity(list.0.len());
    // The entries that could not be read, so that a license's entry is known without keeping it beside each.
    let mut unread = Vec::new();
    for (i, l) in list.entries() {
        let at = format_args!("{path}[{i}]");
        let Some(l) = problems.required_at(field, at, l) else {
            unread.push(i);
            continue;
        };
        match problems.take_within(at, License::parse(l, term, prices)) {
            Some(lic) => licenses.push(lic),
            None => unread.push(i),
        }
    }
    // An asset bound twice for one product: each entry after the first is told, in list order.
    let mut repeats = Repeats::new(licenses.len());
    // Each license's entry in the list: the next one that was not unread (`unread` is in list order).
    let (mut unread, mut entry) = (unread.iter().peekable(), 0);
    for (k, l) in licenses.iter().enumerate() {
        while unread.next_if_eq(&&entry).is_some() {
            entry += 1;
        }
        let i = entry;
        entry += 1;
        let Some(key @ (_, a)) = l.bound() else { continue };
        if repeats.seen(key, || licenses.get(..k).unwrap_or_default().iter().filter_map(License::bound)) {
            problems.push(Problem::invalid("asset", format!("'{a}' is bound twice for the same product")).within(&format!("{path}[{i}]")));
        }
    }
    problems.finish()?;
    Ok(licenses)
}

impl<'a> License<'a> {
    /// The key a repeated binding is found by ([`Repeats`]): its product and its asset, when it is bound.
    fn bound(&self) -> Option<(usize, &str)> {
        self.asset.as_deref().map(|a| (self.product, a))
    }

    fn parse(l: &'a LicenseInput, term: Option<&Term>, prices: &PriceList) -> Result<License<'a>> {
        let mut problems = Problems::default();
        let product = problems.required("product_name_id", &l.product_name_id).and_then(|id| problems.take(prices.find(id)));
        let asset_type = problems.required("asset_type", &l.asset_type).copied();
        let annual_price = match (product, asset_type) {
            (Some((_, p)), Some(t)) => problems.take(p.annual_price(t)),
            _ => None,
        };
        let asset = match (problems.optional("asset", &l.asset), asset_type) {
            (Some(a), Some(t)) => problems.take(canonical(t, a, "asset").map_err(Error::from)),
            _ => None,
        };
        let quantity = match (l.asset.is_absent(), problems.optional("quantity", &l.quantity)) {
            (false, None | Some(1)) | (true, None) => Some(1),
            (false, Some(_)) => {
                problems.push(Problem::invalid("quantity", "a license bound to an asset has quantity 1"));
                None
            }
            (true, Some(&n)) => match u32::try_from(n).ok().filter(|n| (1..=MAX_QUANTITY).contains(n)) {
                Some(n) => Some(n),
                None => {
                    problems.push(Problem::invalid("quantity", format!("{n} is not 1 to {MAX_QUANTITY}")));
                    None
                }
            },
        };
        let added_on = problems.optional("added_on", &l.added_on).and_then(|d| problems.take(parse_date(d, "added_on")));
        if let (Some(d), Some(term)) = (added_on, term) {
            if !term.contains(d) {
                problems.push(Problem::invalid("added_on", format!("{d} is outside the term {} to {}", term.start(), term.end())));
            }
        }
        problems.finish()?;
        match (product, asset_type, annual_price, quantity) {
            (Some((product, _)), Some(asset_type), Some(annual_price), Some(quantity)) => {
                Ok(License { product, asset_type, asset, quantity, annual_price, added_on })
            }
            _ => Err(Error::invalid("licenses", "the license could not be read")),
        }
    }
}

/// A renewal quote (R7): `{ currency, renewal_date, lines, total }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct RenewalQuote {
    /// The price list's currency.
    #[tsify(type = "CurrencyCode")]
    pub currency: Currency,
    /// The day the term ends and the renewal is charged.
    #[tsify(type = "DateString")]
    pub renewal_date: String,
    /// The day the renewed term ends.
    #[tsify(type = "DateString")]
    pub renewed_until: String,
    /// One line per license entry.
    pub lines: Vec<RenewalLine>,
    /// The sum of the lines.
    #[tsify(type = "Decimal")]
    pub total: Money,
}

/// One license entry of a renewal quote, at its full 12-month price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct RenewalLine {
    /// The product.
    pub product_name_id: String,
    /// The asset type.
    pub asset_type: AssetType,
    /// The bound asset, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    /// Slots renewed.
    pub quantity: u32,
    /// 12-month price of one slot.
    #[tsify(type = "Decimal")]
    pub annual_price: Money,
    /// `annual_price × quantity`.
    #[tsify(type = "Decimal")]
    pub price: Money,
}

/// Quotes the renewal of a subscription: every license at its full 12-month price, whatever day it was
/// added (R7).
///
/// # Errors
/// As [`Subscription::parse`].
///
/// # Example
/// ```
/// use certcalc::{renewal_quote, PriceList, SubscriptionInput};
/// let input: SubscriptionInput = certcalc::from_json(r#"{ "start_date": "2026-01-01", "licenses": [
///   { "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "asset": "*.a.example" },
///   { "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "asset": "*.c.example", "added_on": "2026-04-01" } ] }"#, "subscription").unwrap();
/// let q = renewal_quote(&input, PriceList::embedded()).unwrap();
/// assert_eq!((q.renewal_date.as_str(), q.total.to_string().as_str()), ("2027-01-01", "2000.00"));
/// ```
pub fn renewal_quote(input: &SubscriptionInput, prices: &PriceList) -> Result<RenewalQuote> {
    let sub = Subscription::parse(input, prices)?;
    quote(&sub, prices)
}

/// The renewal quote of a checked subscription.
pub(crate) fn quote(sub: &Subscription<'_>, prices: &PriceList) -> Result<RenewalQuote> {
    let mut lines = Vec::with_capacity(sub.licenses.len());
    let mut total = Money::zero(prices.currency());
    for l in &sub.licenses {
        let price = l.annual_price.times(l.quantity)?;
        total = total.checked_add(price)?;
        lines.push(RenewalLine {
            product_name_id: prices.products().get(l.product).map(|p| p.id().to_owned()).unwrap_or_default(),
            asset_type: l.asset_type,
            asset: l.asset.as_deref().map(str::to_owned),
            quantity: l.quantity,
            annual_price: l.annual_price,
            price,
        });
    }
    Ok(RenewalQuote {
        currency: prices.currency(),
        renewal_date: sub.term.end().to_string(),
        renewed_until: sub.term.next()?.end().to_string(),
        lines,
        total,
    })
}
