//! Price estimates (R4 on a subscription, R9 before one) in the shape of CertCentral's Price estimate answer.

use crate::assets::{owned, request_assets, Asset, CertificateInput};
use crate::catalog::{AssetType, Family, PriceList, Product};
use crate::error::{Error, Problem, Problems, Result, INSUFFICIENT_SUBSCRIPTION, INSUFFICIENT_SUBSCRIPTION_MESSAGE};
use crate::money::{Currency, Money};
use crate::text::clip;
use crate::request::{payment_method, OrderRequest, PaymentMethod};
use crate::json::Read;
use crate::validity::{self, Given, Lengths, Validity};
use crate::subscription::{Cover, Slots, Subscription};
use crate::term::parse_date;
use chrono::NaiveDate;
use serde::Serialize;

/// An estimate: `{ currency, payment_method, total_price, fqdns, wildcards, lines, renewal_total_after?, slots? }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Estimate {
    /// The price list's currency.
    #[tsify(type = "CurrencyCode")]
    pub currency: Currency,
    /// `subscription` on a subscription; the requested method before one.
    pub payment_method: PaymentMethod,
    /// The sum of the lines.
    #[tsify(type = "Decimal")]
    pub total_price: Money,
    /// FQDN lines: how many and their sum.
    pub fqdns: Units,
    /// Wildcard lines: how many and their sum.
    pub wildcards: Units,
    /// One line per distinct asset, in request order.
    pub lines: Vec<Line>,
    /// What the next renewal costs once the estimated assets are added (subscriptions only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Decimal")]
    pub renewal_total_after: Option<Money>,
    /// The order's years (Multi-year Plan only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
    /// The day it was priced for.
    #[tsify(type = "DateString")]
    pub as_of: String,
    /// The order's length and where it was read (R6's precedence).
    pub validity: Validity,
    /// The product's free slots on the subscription, per asset type: how many there are, how many the
    /// request's assets use and how many are left (none when it holds no free slot of the product).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[tsify(optional)]
    pub slots: Vec<Slots>,
}

/// A count of lines and their sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Units {
    /// How many lines.
    pub units: u32,
    /// Their sum.
    #[tsify(type = "Decimal")]
    pub subtotal: Money,
}

/// One asset's price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Line {
    /// The canonical asset.
    pub asset: String,
    /// Its type.
    pub asset_type: AssetType,
    /// Whether the subscription already covers it (then it is free).
    pub covered: bool,
    /// The license that covers it: its index in the subscription's `licenses`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covered_by: Option<u32>,
    /// Its 12-month price.
    #[tsify(type = "Decimal")]
    pub annual_price: Money,
    /// Daily proration: days left in the term on `as_of`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_days: Option<u32>,
    /// Daily proration: days in the term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_days: Option<u32>,
    /// Monthly proration: months left, a part month counting whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_months: Option<u32>,
    /// Multi-year Plan: the order's years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
    /// What this asset costs now, rounded once to the minor unit.
    #[tsify(type = "Decimal")]
    pub price: Money,
}

/// A request with every field checked: what both [`estimate`] and [`crate::validate_order`] price.
pub(crate) struct Checked<'a> {
    pub product: &'a Product,
    pub assets: Vec<Asset<'a>>,
    pub as_of: NaiveDate,
    /// `as_of` as given: already `YYYY-MM-DD` (the only form read), so the answer need not write the date.
    pub as_of_text: String,
    pub subscription: Option<Subscription<'a>>,
    pub covered: Cover,
    pub years: u32,
    pub validity: Validity,
    pub payment_method: PaymentMethod,
}

/// Checks every field of a request, collecting every problem in a stable order: product, `as_of`,
/// subscription, certificate, validity, payment method, and — for an order (`order`) — coverage (R5).
pub(crate) fn check<'a>(req: &'a OrderRequest, prices: &'a PriceList, order: bool) -> Result<Checked<'a>> {
    // Without its product nothing else of a request can be checked: an unknown product is the one problem.
    let (product_index, product) = prices.find(req.product_name_id.required("product_name_id")?)?;
    let family = product.family();
    let mut problems = Problems::default();
    let as_of = match &req.as_of {
        Read::Absent => {
            problems.push(Problem::invalid("as_of", "required (the day to price for: certcalc reads no clock)"));
            None
        }
        day => problems.required("as_of", day).and_then(|day| problems.take(parse_date(day, "as_of"))),
    };
    let subscription = problems.optional("subscription", &req.subscription);
    let on_subscription = !req.subscription.is_absent();
    let subscription = match subscription {
        Some(s) => problems.take_within("subscription", Subscription::parse(s, prices)).map(Some),
        None => Some(None),
    };
    if let (Some(Some(sub)), Some(day)) = (&subscription, as_of) {
        problems.take(sub.term.remaining_days(day));
    }
    let certificate = problems.optional("certificate", &req.certificate);
    let organization = problems.optional("organization", &req.organization).and_then(|o| problems.required_at("organization", "organization.id", &o.id));
    let assets = match (family, organization) {
        // The id names the organization: CertCentral's code and document signing bodies give it so.
        (Family::CodeSigning | Family::DocumentSigning, Some(id)) => {
            let certificate = CertificateInput { organization: Read::Ok(format!("id:{id}")), ..certificate.cloned().unwrap_or_default() };
            problems.take_within("certificate", request_assets(family, &certificate).map(owned))
        }
        // A certificate given that could not be read names nothing further.
        _ if matches!(req.certificate, Read::Bad(_)) => None,
        _ => match certificate {
            Some(certificate) => problems.take_within("certificate", request_assets(family, certificate)),
            None => problems.take_within("certificate", request_assets(family, &CertificateInput::default()).map(owned)),
        },
    };
    // An asset the product has no price for is the request's field at fault (a wildcard of a product
    // without a wildcard price), named with the asset.
    for a in assets.iter().flatten() {
        if product.annual_price(a.asset_type).is_err() {
            let field = crate::assets::field_of(family);
            let message = format!("'{}' is a {} asset, and {} has no {} price in the price list", clip(&a.name),
                a.asset_type.as_str(), product.id(), a.asset_type.as_str());
            problems.push(Problem::at(field, format!("certificate.{field}"), message));
        }
    }
    let root = Given::read(&req.validity_years, &req.validity_days, &req.custom_expiration_date, "", LENGTH_CODES, &mut problems);
    let order_validity = problems.optional("order_validity", &req.order_validity);
    let order_validity = order_validity.map(|v| Given::read(&v.years, &v.days, &v.custom_expiration_date, "order_validity.", LENGTH_CODES, &mut problems));
    let cert_validity = certificate.and_then(|c| problems.optional_at("cert_validity", "certificate.cert_validity", &c.cert_validity));
    let cert_validity = cert_validity.map(|c| Given::read(&Read::Absent, &c.days, &c.custom_expiration_date, "certificate.cert_validity.", ["cert_validity"; 3], &mut problems));
    let lengths = Lengths { order_validity: order_validity.as_ref(), root };
    let max_days = prices.max_certificate_days(family);
    let length = as_of.and_then(|d| problems.take(validity::check(family, &lengths, d, on_subscription, max_days)));
    if let (Some(cert), Some(day), Some(order)) = (&cert_validity, as_of, &length) {
        problems.take(validity::check_certificate(family, cert, day, order.end, max_days));
    }
    let method = problems.optional("payment_method", &req.payment_method);
    let method = problems.take(payment_method(method.map(String::as_str), on_subscription));
    // Coverage is known only when the subscription, the assets and the day all read.
    let covered = match (&subscription, &assets, as_of) {
        (Some(Some(sub)), Some(assets), Some(day)) => Some(sub.cover(product_index, assets, day)),
        _ => None,
    };
    if order && covered.as_ref().is_some_and(|c| c.by.contains(&None)) {
        problems.push(Problem::new(INSUFFICIENT_SUBSCRIPTION, INSUFFICIENT_SUBSCRIPTION_MESSAGE));
    }
    let covered = covered.unwrap_or_else(|| Cover { by: vec![None; assets.as_ref().map_or(0, Vec::len)], slots: Vec::new() });
    problems.finish()?;
    match (as_of, subscription, assets, length, method) {
        (Some(as_of), Some(subscription), Some(assets), Some(length), Some(payment_method)) => {
            let (years, validity) = (length.years, length.validity);
            let as_of_text = req.as_of.ok().cloned().unwrap_or_else(|| as_of.to_string());
            Ok(Checked { product, assets, as_of, as_of_text, subscription, covered, years, validity, payment_method })
        }
        _ => Err(crate::Error::invalid("request", "the request could not be read")),
    }
}

/// The codes of the order's length fields when they cannot be read: the root's and `order_validity`'s alike.
const LENGTH_CODES: [&str; 3] = ["validity_years", "validity_days", "custom_expiration_date"];

/// Estimates what an order costs (R4, R9).
///
/// On a subscription, an asset it covers is free and any other costs its 12-month price prorated to the
/// time left on `as_of` — by days (`annual × remaining_days / term_days`) or by months (a part month counting
/// whole). A Secure Site OV wildcard (1000.00 a year) added on 2026-04-01 to a term that began 2026-01-01
/// has 275 of 365 days left: 1000 × 275 / 365 = 753.424… → **753.42**. Each line is rounded once, half away
/// from zero; totals are sums of lines. Before subscription (no `subscription`), each asset costs its
/// 12-month price times the order's years.
///
/// # Errors
/// `invalid_value:<field>` for every malformed field (see [`crate::Error`]); no coverage error — that is
/// [`crate::validate_order`]'s.
///
/// # Example
/// ```
/// use certcalc::{estimate, OrderRequest, PriceList};
/// let req: OrderRequest = certcalc::from_json(r#"{
///   "product_name_id": "ssl_securesite_flex", "certificate": { "dns_names": ["*.c.example"] },
///   "as_of": "2026-04-01", "subscription": { "start_date": "2026-01-01", "licenses": [] } }"#, "request").unwrap();
/// let e = estimate(&req, PriceList::embedded()).unwrap();
/// assert_eq!(e.total_price.to_string(), "753.42");
/// assert_eq!(e.lines[0].remaining_days, Some(275));
/// ```
pub fn estimate(req: &OrderRequest, prices: &PriceList) -> Result<Estimate> {
    price(check(req, prices, false)?, prices.currency())
}

/// What the lines of one asset type cost: every line of a type is priced alike (the same 12-month price, the
/// same proration or plan), so its price is worked out once, and its sums are that price times its lines.
/// Rounded once per line still: a sum of equal rounded lines is their count times one of them, exactly.
#[derive(Clone, Copy, Default)]
struct OfType {
    /// The 12-month price and what a line that is charged costs now, once a line of the type is met.
    prices: Option<(Money, Money)>,
    /// How many lines, and how many of them are charged (not covered by the subscription).
    lines: u32,
    charged: u32,
}

/// Prices a checked request (taken, so that its names move into the lines).
pub(crate) fn price(c: Checked<'_>, currency: Currency) -> Result<Estimate> {
    let mut lines = Vec::with_capacity(c.assets.len());
    let left = c.subscription.as_ref().map(|sub| sub.term.left(c.as_of, sub.proration)).transpose()?;
    let mut of_type = [OfType::default(); AssetType::ALL.len()];
    for (a, by) in c.assets.into_iter().zip(c.covered.by) {
        let t = a.asset_type;
        let kind = of_type.get_mut(t.index()).ok_or_else(|| Error::invalid("asset_type", "not an asset type"))?;
        let (annual_price, charge) = match kind.prices {
            Some(prices) => prices,
            None => {
                let annual = c.product.annual_price(t)?;
                let charge = match left {
                    Some(left) => annual.prorate(left.numerator, left.denominator)?,
                    None => match c.product.plan_price(c.years, t) {
                        Some(plan) => plan,
                        None => annual.times(c.years)?,
                    },
                };
                *kind.prices.insert((annual, charge))
            }
        };
        let covered = left.is_some() && by.is_some();
        kind.lines += 1;
        kind.charged += u32::from(!covered);
        let mut line = Line {
            asset: a.name.into_owned(),
            asset_type: t,
            covered: by.is_some(),
            covered_by: by.and_then(|i| u32::try_from(i).ok()),
            annual_price,
            remaining_days: None,
            term_days: None,
            remaining_months: None,
            years: None,
            price: if covered { Money::zero(currency) } else { charge },
        };
        match left {
            Some(_) if covered => {}
            Some(left) => (line.remaining_days, line.term_days, line.remaining_months) = (left.remaining_days, left.term_days, left.remaining_months),
            None => line.years = Some(c.years),
        }
        lines.push(line);
    }
    // Each type's charged lines: their sum now, and their 12-month prices added to the next renewal.
    let sum = |t: &OfType, pick: fn((Money, Money)) -> Money| match (t.prices, t.charged) {
        (Some(p), n) if n > 0 => pick(p).times(n),
        _ => Ok(Money::zero(currency)),
    };
    let units = |t: AssetType| -> Result<Units> {
        let kind = of_type.get(t.index()).copied().unwrap_or_default();
        Ok(Units { units: kind.lines, subtotal: sum(&kind, |(_, charge)| charge)? })
    };
    let total = |pick: fn((Money, Money)) -> Money| {
        of_type.iter().filter(|t| t.charged > 0).try_fold(Money::zero(currency), |acc, t| acc.checked_add(sum(t, pick)?))
    };
    let renewal_total_after = match &c.subscription {
        Some(sub) => Some(sub.renewal_total()?.checked_add(total(|(annual, _)| annual)?)?),
        None => None,
    };
    Ok(Estimate {
        currency,
        payment_method: c.payment_method,
        total_price: total(|(_, charge)| charge)?,
        fqdns: units(AssetType::Fqdn)?,
        wildcards: units(AssetType::Wildcard)?,
        years: c.subscription.is_none().then_some(c.years),
        as_of: c.as_of_text,
        validity: c.validity,
        lines,
        renewal_total_after,
        slots: c.covered.slots,
    })
}
