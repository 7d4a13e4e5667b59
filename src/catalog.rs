//! Price lists (DESIGN §2): products, their families, the asset types each family protects (R1), and
//! the 12-month price of each. One currency per list; its minor unit rules all rounding.

use crate::error::{Error, Problem, Problems, Result};
use crate::money::{Currency, Money};
use crate::text::{clip, is_label};
use serde::{Deserialize, Serialize};
use crate::json::DecimalString;
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// The most products one price list may hold.
pub const MAX_PRODUCTS: usize = 1_000;

/// What an asset is (R1). Types never substitute for each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AssetType {
    /// `example.com` on a TLS certificate.
    Fqdn,
    /// `*.example.com`.
    Wildcard,
    /// `example.com` on a Verified Mark or Common Mark certificate.
    EmailDomain,
    /// `user@example.com` (S/MIME).
    EmailAddress,
    /// An organization name (code and document signing).
    Organization,
}

impl AssetType {
    pub(crate) const ALL: [AssetType; 5] =
        [AssetType::Fqdn, AssetType::Wildcard, AssetType::EmailDomain, AssetType::EmailAddress, AssetType::Organization];

    /// The snake_case name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            AssetType::Fqdn => "fqdn",
            AssetType::Wildcard => "wildcard",
            AssetType::EmailDomain => "email_domain",
            AssetType::EmailAddress => "email_address",
            AssetType::Organization => "organization",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A product family (R1): what it protects and how long its certificates may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Family {
    /// TLS/SSL certificates.
    Tls,
    /// Verified Mark Certificates.
    VerifiedMark,
    /// Common Mark Certificates.
    CommonMark,
    /// S/MIME.
    SecureEmail,
    /// Code signing.
    CodeSigning,
    /// Document signing.
    DocumentSigning,
}

impl Family {
    const NAMES: [(&'static str, Family); 6] = [
        ("tls", Family::Tls),
        ("verified_mark", Family::VerifiedMark),
        ("common_mark", Family::CommonMark),
        ("secure_email", Family::SecureEmail),
        ("code_signing", Family::CodeSigning),
        ("document_signing", Family::DocumentSigning),
    ];

    /// The snake_case name used on the wire.
    pub fn as_str(self) -> &'static str {
        Family::NAMES.iter().find(|(_, f)| *f == self).map_or("", |(n, _)| n)
    }

    /// The asset types this family protects.
    ///
    /// # Example
    /// ```
    /// use certcalc::{AssetType, Family};
    /// assert_eq!(Family::Tls.asset_types(), &[AssetType::Fqdn, AssetType::Wildcard]);
    /// ```
    pub fn asset_types(self) -> &'static [AssetType] {
        match self {
            Family::Tls => &[AssetType::Fqdn, AssetType::Wildcard],
            Family::VerifiedMark | Family::CommonMark => &[AssetType::EmailDomain],
            Family::SecureEmail => &[AssetType::EmailAddress],
            Family::CodeSigning | Family::DocumentSigning => &[AssetType::Organization],
        }
    }

    /// The longest certificate validity on a subscription, in days (R1, R6), as the source documents give
    /// it: 397 or 1095. A price list may set another (`max_certificate_days`).
    pub fn max_validity_days(self) -> i64 {
        if self.is_short_lived() { 397 } else { 1095 }
    }

    /// The longest validity on a subscription in years: 1 or 3.
    pub fn max_validity_years(self) -> i64 {
        if self.is_short_lived() { 1 } else { 3 }
    }

    /// TLS and mark certificates are capped at 397 days; the others run up to 3 years.
    pub fn is_short_lived(self) -> bool {
        matches!(self, Family::Tls | Family::VerifiedMark | Family::CommonMark)
    }
}

/// A product of a price list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    product_name_id: String,
    name: String,
    family: Family,
    prices: [Option<Money>; 5],
    /// Multi-year Plan prices of a whole 2- and 3-year order, per asset type.
    plans: [[Option<Money>; 5]; 2],
}

impl Product {
    /// CertCentral's `product_name_id`, e.g. `ssl_securesite_flex`.
    pub fn id(&self) -> &str {
        &self.product_name_id
    }

    /// The display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The family.
    pub fn family(&self) -> Family {
        self.family
    }

    /// The price of a whole `years`-year Multi-year Plan order of one asset, when the price list gives one
    /// (`multi_year_prices`); without it the order costs `years` × the 12-month price.
    pub fn plan_price(&self, years: u32, t: AssetType) -> Option<Money> {
        let index = usize::try_from(years.checked_sub(2)?).ok()?;
        self.plans.get(index)?.get(t.index()).copied().flatten()
    }

    /// The 12-month price of one asset of this type.
    ///
    /// # Errors
    /// `invalid_value:asset_type` when the product has no price for the type.
    pub fn annual_price(&self, t: AssetType) -> Result<Money> {
        self.prices.get(t.index()).copied().flatten().ok_or_else(|| {
            Error::invalid("asset_type", format!("{} has no price for {} assets", self.product_name_id, t.as_str()))
        })
    }
}

/// A price list as the caller sends it: `{ currency, label?, products: [{ product_name_id, name, family,
/// annual_prices: { fqdn: "400.00", ... } }] }`. Checked by [`PriceList::parse`].
#[derive(Debug, Clone, Serialize, Deserialize, tsify::Tsify)]
pub struct PriceListInput {
    /// ISO 4217 code.
    pub currency: String,
    /// A note shown with the list (the embedded one says its prices are samples).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The products.
    #[serde(deserialize_with = "crate::json::bounded::<MAX_PRODUCTS, _, _>")]
    pub products: Vec<ProductInput>,
    /// The longest certificate per family, in days, where it is not the source documents' (397 for TLS and
    /// the marks, 1095 for the others): DigiCert issues public TLS certificates for at most 199 days since
    /// 2026-02-24 (`{ "tls": 199 }`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[tsify(optional, type = "Partial<Record<Family, number>>")]
    pub max_certificate_days: BTreeMap<Family, u32>,
}

/// A product as the caller sends it.
#[derive(Debug, Clone, Serialize, Deserialize, tsify::Tsify)]
pub struct ProductInput {
    /// CertCentral's product id.
    pub product_name_id: String,
    /// Display name.
    pub name: String,
    /// Family.
    pub family: Family,
    /// 12-month price per asset type, as decimal strings (money is never a number). Read as a map, one
    /// entry per type in [`AssetType`] order (a repeated key: the last counts, as in `JSON.parse`).
    #[serde(with = "annual_prices")]
    #[tsify(type = "Partial<Record<AssetType, Decimal>>")]
    pub annual_prices: Vec<(AssetType, String)>,
    /// Multi-year Plan prices: the price of a whole 2- or 3-year order of one asset, keyed by its years
    /// (`"2"`, `"3"`) then by asset type; DigiCert sells Multi-year Plans at "a single discounted price".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[tsify(optional, type = "Partial<Record<\"2\" | \"3\", Partial<Record<AssetType, Decimal>>>>")]
    pub multi_year_prices: BTreeMap<String, BTreeMap<AssetType, DecimalString>>,
}

/// `annual_prices` on the wire: an object keyed by asset type, each price a decimal string.
mod annual_prices {
    use super::AssetType;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(prices: &[(AssetType, String)], s: S) -> Result<S::Ok, S::Error> {
        prices.iter().map(|(t, p)| (t, p)).collect::<BTreeMap<_, _>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(AssetType, String)>, D::Error> {
        let map = BTreeMap::<AssetType, crate::json::DecimalString>::deserialize(d)?;
        Ok(map.into_iter().map(|(t, p)| (t, p.0)).collect())
    }
}

/// A checked price list.
///
/// # Example
/// ```
/// let list = certcalc::PriceList::embedded();
/// assert_eq!(list.currency().code(), "USD");
/// assert_eq!(list.product("ssl_securesite_flex").unwrap().name(), "Secure Site OV");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceList {
    currency: Currency,
    label: Option<String>,
    products: Vec<Product>,
    max_certificate_days: BTreeMap<Family, u32>,
}

/// Written as a caller sends it (`{ currency, label?, products }`), so `catalog()` can be sent back.
impl Serialize for PriceList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_input().serialize(s)
    }
}

impl PriceList {
    /// Checks a price list: a known currency, 1 to [`MAX_PRODUCTS`] products with unique ids, names of 1–128
    /// characters, prices only for the family's asset types, non-negative and with no more decimals than the
    /// currency has.
    ///
    /// # Errors
    /// Every problem found, each an `invalid_value:<field>` naming the product.
    pub fn parse(input: &PriceListInput) -> Result<PriceList> {
        let mut problems = Problems::default();
        let currency = problems.take(Currency::parse(&input.currency, "currency"));
        if input.products.is_empty() || input.products.len() > MAX_PRODUCTS {
            problems.push(Problem::invalid("products", format!("a price list holds 1 to {} products", MAX_PRODUCTS)));
        }
        let mut seen = HashSet::new();
        let mut products = Vec::with_capacity(input.products.len().min(MAX_PRODUCTS));
        for (i, p) in input.products.iter().take(MAX_PRODUCTS).enumerate() {
            let id = &p.product_name_id;
            let at = |field: &str| format!("products[{i}].{field}");
            if !is_product_id(id) {
                problems.push(Problem::at("product_name_id", at("product_name_id"), format!("'{}' is not a product id (a-z, 0-9, _; 1 to 64)", clip(id))));
            } else if !seen.insert(id.as_str()) {
                problems.push(Problem::at("product_name_id", at("product_name_id"), format!("'{id}' appears twice in the price list")));
            }
            if !is_label(p.name.trim(), 128) || !is_label(&p.name, 10_000) {
                problems.push(Problem::at("name", at("name"), "a product name has 1 to 128 characters"));
            }
            if p.annual_prices.is_empty() {
                problems.push(Problem::at("annual_prices", at("annual_prices"), "no price is given"));
            }
            let does_not_protect = |field: &str, t: AssetType| {
                Problem::at(field, at(field), format!("a {} product does not protect {} assets", p.family.as_str(), t.as_str()))
            };
            let mut prices = [None; 5];
            for (t, price) in &p.annual_prices {
                let t = *t;
                if !p.family.asset_types().contains(&t) {
                    problems.push(does_not_protect("annual_prices", t));
                    continue;
                }
                if let Some(c) = currency {
                    if let Some(m) = problems.take_within(format_args!("products[{i}]"), Money::parse_non_negative(price, c, "annual_prices")) {
                        if let Some(slot) = prices.get_mut(t.index()) {
                            *slot = Some(m);
                        }
                    }
                }
            }
            let mut plans = [[None; 5]; 2];
            for (years, by_type) in &p.multi_year_prices {
                let slot = match years.as_str() {
                    "2" => plans.get_mut(0),
                    "3" => plans.get_mut(1),
                    _ => None,
                };
                let Some(slot) = slot else {
                    problems.push(Problem::at("multi_year_prices", at("multi_year_prices"), format!("'{}' is not 2 or 3 (years)", clip(years))));
                    continue;
                };
                for (t, price) in by_type {
                    if !p.family.asset_types().contains(t) {
                        problems.push(does_not_protect("multi_year_prices", *t));
                    } else if let Some(c) = currency {
                        if let Some(m) = problems.take_within(format_args!("products[{i}]"), Money::parse_non_negative(&price.0, c, "multi_year_prices")) {
                            if let Some(s) = slot.get_mut(t.index()) {
                                *s = Some(m);
                            }
                        }
                    }
                }
            }
            products.push(Product { product_name_id: id.clone(), name: p.name.trim().to_owned(), family: p.family, prices, plans });
        }
        for (family, days) in &input.max_certificate_days {
            if !(1..=1095).contains(days) {
                problems.push(Problem::at("max_certificate_days", format!("max_certificate_days.{}", family.as_str()), format!("{days} days is not 1 to 1095")));
            }
        }
        problems.finish()?;
        let currency = currency.ok_or_else(|| Error::invalid("currency", "no currency"))?;
        let label = input.label.as_ref().map(|l| l.chars().take(200).collect());
        Ok(PriceList { currency, label, products, max_certificate_days: input.max_certificate_days.clone() })
    }

    /// The embedded default price list: CertCentral's product ids with **sample** prices in USD (not DigiCert's
    /// list prices: pass your own list for real quotes).
    pub fn embedded() -> &'static PriceList {
        static LIST: OnceLock<PriceList> = OnceLock::new();
        LIST.get_or_init(|| PriceList::parse(embedded_input()).unwrap_or_else(|_| PriceList::empty()))
    }

    /// The list as a caller would send it: what `catalog()` answers.
    pub fn to_input(&self) -> PriceListInput {
        let products = self.products.iter().map(|p| ProductInput {
            product_name_id: p.product_name_id.clone(),
            name: p.name.clone(),
            family: p.family,
            annual_prices: AssetType::ALL.iter().zip(&p.prices).filter_map(|(t, m)| Some((*t, m.as_ref()?.to_string()))).collect(),
            multi_year_prices: ["2", "3"]
                .iter()
                .zip(&p.plans)
                .map(|(years, plan)| {
                    let by_type = AssetType::ALL.iter().zip(plan).filter_map(|(t, m)| Some((*t, DecimalString(m.as_ref()?.to_string()))));
                    ((*years).to_owned(), by_type.collect::<BTreeMap<_, _>>())
                })
                .filter(|(_, by_type)| !by_type.is_empty())
                .collect(),
        });
        PriceListInput {
            currency: self.currency.code().to_owned(),
            label: self.label.clone(),
            products: products.collect(),
            max_certificate_days: self.max_certificate_days.clone(),
        }
    }

    /// A list of no product: were the embedded text ever wrong, every product is refused instead of a panic.
    fn empty() -> PriceList {
        PriceList { currency: Currency::USD, label: None, products: Vec::new(), max_certificate_days: BTreeMap::new() }
    }

    /// The longest certificate of `family` on this list, in days: its `max_certificate_days`, else the
    /// source documents' figure ([`Family::max_validity_days`]).
    pub fn max_certificate_days(&self, family: Family) -> i64 {
        self.max_certificate_days.get(&family).map_or(family.max_validity_days(), |d| i64::from(*d))
    }

    /// The currency every price and total is in.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The products, in list order.
    pub fn products(&self) -> &[Product] {
        &self.products
    }

    /// The product with this `product_name_id`.
    ///
    /// # Errors
    /// `invalid_value:product_name_id` when the list has no such product.
    pub fn product(&self, id: &str) -> Result<&Product> {
        self.find(id).map(|(_, p)| p)
    }

    /// The product with this id and its position in the list (a cheap key for matching licenses).
    ///
    /// # Errors
    /// `invalid_value:product_name_id` when the list has no such product.
    pub fn find(&self, id: &str) -> Result<(usize, &Product)> {
        self.products.iter().enumerate().find(|(_, p)| p.product_name_id == id).ok_or_else(|| {
            Error::invalid("product_name_id", format!("'{}' is not a product of the price list", clip(id)))
        })
    }
}

fn is_product_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The embedded list as the JSON a caller would pass, read by the reader callers use (a unit test holds it
/// valid).
pub(crate) const EMBEDDED: &str = r#"{"currency":"USD","label":"Sample prices for illustration — not DigiCert's list prices. Pass your own price list for real quotes.","products":[
{"product_name_id":"ssl_basic","name":"Basic OV","family":"tls","annual_prices":{"fqdn":"200.00","wildcard":"600.00"}},
{"product_name_id":"ssl_securesite_flex","name":"Secure Site OV","family":"tls","annual_prices":{"fqdn":"400.00","wildcard":"1000.00"}},
{"product_name_id":"ssl_securesite_pro","name":"Secure Site Pro OV","family":"tls","annual_prices":{"fqdn":"900.00","wildcard":"2400.00"}},
{"product_name_id":"ssl_ev_basic","name":"Basic EV","family":"tls","annual_prices":{"fqdn":"300.00"}},
{"product_name_id":"ssl_ev_securesite_flex","name":"Secure Site EV","family":"tls","annual_prices":{"fqdn":"600.00"}},
{"product_name_id":"ssl_ev_securesite_pro","name":"Secure Site Pro EV","family":"tls","annual_prices":{"fqdn":"1300.00"}},
{"product_name_id":"vmc_basic","name":"Verified Mark Certificate","family":"verified_mark","annual_prices":{"email_domain":"1500.00"}},
{"product_name_id":"cmc_basic","name":"Common Mark Certificate","family":"common_mark","annual_prices":{"email_domain":"1100.00"}},
{"product_name_id":"secure_email_mailbox","name":"Secure Email Mailbox","family":"secure_email","annual_prices":{"email_address":"30.00"}},
{"product_name_id":"secure_email_sponsor","name":"Secure Email Sponsor","family":"secure_email","annual_prices":{"email_address":"45.00"}},
{"product_name_id":"secure_email_organization","name":"Secure Email Organization","family":"secure_email","annual_prices":{"email_address":"60.00"}},
{"product_name_id":"code_signing","name":"Code Signing","family":"code_signing","annual_prices":{"organization":"500.00"}},
{"product_name_id":"code_signing_ev","name":"EV Code Signing","family":"code_signing","annual_prices":{"organization":"700.00"}},
{"product_name_id":"document_signing_org_1","name":"Document Signing Organization (2000)","family":"document_signing","annual_prices":{"organization":"450.00"}}
]}"#;

fn embedded_input() -> &'static PriceListInput {
    static INPUT: OnceLock<PriceListInput> = OnceLock::new();
    INPUT.get_or_init(|| {
        crate::from_json(EMBEDDED, "price_list").unwrap_or(PriceListInput {
            currency: "USD".into(),
            label: None,
            products: Vec::new(),
            max_certificate_days: BTreeMap::new(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_is_valid_and_labelled_as_samples() {
        // The text must read without a single problem (build_embedded would fall back to an empty list).
        let input: PriceListInput = crate::from_json(EMBEDDED, "price_list").unwrap();
        let list = PriceList::embedded();
        assert_eq!(*list, PriceList::parse(&input).unwrap());
        // `catalog()` answers the list as a caller would send it: the text itself.
        let text: String = EMBEDDED.chars().filter(|&c| c != '\n').collect();
        assert_eq!(crate::to_json(list), text);
        assert_eq!(list.products().len(), 14);
        assert_eq!(list.product("ssl_securesite_flex").unwrap().annual_price(AssetType::Wildcard).unwrap().to_string(), "1000.00");
        assert!(list.label.as_deref().unwrap_or("").contains("Sample prices"));
        for id in ["ssl_basic", "ssl_securesite_flex", "ssl_securesite_pro", "ssl_ev_basic", "ssl_ev_securesite_flex",
            "ssl_ev_securesite_pro", "vmc_basic", "cmc_basic", "secure_email_mailbox", "code_signing", "code_signing_ev",
            "document_signing_org_1"] {
            assert!(list.product(id).is_ok(), "{id}");
        }
    }
}
