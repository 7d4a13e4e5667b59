//! Price lists: products, their families, the asset types each family protects (R1), and
//! the 12-month price of each. One currency per list; its minor unit rules all rounding.

use crate::error::{Error, Problem, Problems, Result};
use crate::money::{Currency, Money};
use crate::text::{clip, is_label};
use serde::{Deserialize, Serialize};
use crate::json::{objects, DecimalString, Keyed, List, Read};
use std::collections::HashSet;
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

    /// Its place in [`AssetType::ALL`].
    pub(crate) fn index(self) -> usize {
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
    /// How many families there are.
    const COUNT: usize = 6;

    /// Each family's wire name, in declaration order (so `family as usize` is its row).
    const NAMES: [(&'static str, Family); Family::COUNT] = [
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

impl Product {
    /// Checks one product of a price list in `currency` (`None`: the list's currency is at fault, and prices
    /// are not checked); paths are the product's own (`annual_prices.fqdn`).
    fn parse(p: &ProductInput, currency: Option<Currency>) -> Result<Product> {
        let mut problems = Problems::default();
        let id = problems.required("product_name_id", &p.product_name_id);
        if let Some(id) = id.filter(|id| !is_product_id(id)) {
            problems.push(Problem::invalid("product_name_id", format!("'{}' is not a product id (a-z, 0-9, _; 1 to 64)", clip(id))));
        }
        let name = problems.required("name", &p.name);
        if name.is_some_and(|n| !is_label(n.trim(), 128) || !is_label(n, 10_000)) {
            problems.push(Problem::invalid("name", "a product name has 1 to 128 characters"));
        }
        let family = problems.required("family", &p.family).copied();
        let annual = problems.required("annual_prices", &p.annual_prices);
        if annual.is_some_and(Keyed::is_empty) {
            problems.push(Problem::invalid("annual_prices", "no price is given"));
        }
        let mut prices = [None; 5];
        if let (Some(annual), Some(family)) = (annual, family) {
            read_prices(annual, "annual_prices", family, currency, &mut prices, &mut problems);
        }
        let mut plans = [[None; 5]; 2];
        for (years, by_type) in problems.optional("multi_year_prices", &p.multi_year_prices).into_iter().flatten() {
            let path = format!("multi_year_prices.{}", clip(years));
            let slot = match years.as_str() {
                "2" => plans.get_mut(0),
                "3" => plans.get_mut(1),
                _ => None,
            };
            let Some(slot) = slot else {
                problems.push(Problem::at("multi_year_prices", path, format!("'{}' is not 2 or 3 (years)", clip(years))));
                continue;
            };
            if let (Some(by_type), Some(family)) = (problems.required_at("multi_year_prices", &path, by_type), family) {
                read_prices(by_type, &path, family, currency, slot, &mut problems);
            }
        }
        problems.finish()?;
        match (id, name, family) {
            (Some(id), Some(name), Some(family)) => {
                Ok(Product { product_name_id: id.clone(), name: name.trim().to_owned(), family, prices, plans })
            }
            _ => Err(Error::invalid("product_name_id", "the product could not be read")),
        }
    }
}

/// Reads prices keyed by asset type at `path` into `slots`, each type one that `family` protects and each
/// price a non-negative amount of `currency`; the field (the code) is `path`'s first key.
fn read_prices(prices: &Prices, path: &str, family: Family, currency: Option<Currency>, slots: &mut [Option<Money>; 5], problems: &mut Problems) {
    let field = path.split('.').next().unwrap_or(path);
    for (key, price) in prices {
        let at = format!("{path}.{}", clip(key));
        let Some(t) = AssetType::ALL.iter().copied().find(|t| t.as_str() == key) else {
            problems.push(Problem::at(field, at, format!("'{}' is not an asset type", clip(key))));
            continue;
        };
        if !family.asset_types().contains(&t) {
            problems.push(Problem::at(field, at, format!("a {} product does not protect {} assets", family.as_str(), t.as_str())));
            continue;
        }
        let Some(price) = problems.required_at(field, &at, price) else { continue };
        if let Some(c) = currency {
            let m = Money::parse_non_negative(&price.0, c, field).map_err(|e| e.at(&at));
            if let (Some(m), Some(slot)) = (problems.take(m), slots.get_mut(t.index())) {
                *slot = Some(m);
            }
        }
    }
}

/// A price list as the caller sends it: `{ currency, label?, products: [{ product_name_id, name, family,
/// annual_prices: { fqdn: "400.00", ... } }] }`. Checked by [`PriceList::parse`].
#[derive(Debug, Clone, Default, Serialize, Deserialize, tsify::Tsify)]
pub struct PriceListInput {
    /// ISO 4217 code.
    #[tsify(type = "CurrencyCode")]
    pub currency: Read<String>,
    /// A note shown with the list (the embedded one says its prices are samples).
    #[serde(default, skip_serializing_if = "Read::is_absent")]
    #[tsify(optional, type = "string")]
    pub label: Read<String>,
    /// The products (1 to [`MAX_PRODUCTS`]).
    #[tsify(type = "ProductInput[]")]
    pub products: Read<List<ProductInput, MAX_PRODUCTS>>,
    /// The longest certificate per family, in days, where it is not the source documents' (397 for TLS and
    /// the marks, 1095 for the others): DigiCert issues public TLS certificates for at most 199 days since
    /// 2026-02-24 (`{ "tls": 199 }`).
    #[serde(default, skip_serializing_if = "Read::is_absent")]
    #[tsify(optional, type = "Partial<Record<Family, number>>")]
    pub max_certificate_days: Read<Keyed<i64>>,
}

/// A product as the caller sends it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, tsify::Tsify)]
pub struct ProductInput {
    /// CertCentral's product id.
    #[tsify(type = "string")]
    pub product_name_id: Read<String>,
    /// Display name.
    #[tsify(type = "string")]
    pub name: Read<String>,
    /// Family.
    #[tsify(type = "Family")]
    pub family: Read<Family>,
    /// 12-month price per asset type, as decimal strings (money is never a number). A repeated key: the last
    /// counts, as in `JSON.parse`.
    #[tsify(type = "Partial<Record<AssetType, Decimal>>")]
    pub annual_prices: Read<Prices>,
    /// Multi-year Plan prices: the price of a whole 2- or 3-year order of one asset, keyed by its years
    /// (`"2"`, `"3"`) then by asset type; DigiCert sells Multi-year Plans at "a single discounted price".
    #[serde(default, skip_serializing_if = "Read::is_absent")]
    #[tsify(optional, type = "Partial<Record<\"2\" | \"3\", Partial<Record<AssetType, Decimal>>>>")]
    pub multi_year_prices: Read<Keyed<Prices>>,
}

/// Prices keyed by asset type, as the caller sends them.
pub type Prices = Keyed<DecimalString>;

objects!(PriceListInput, ProductInput);

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
    /// By family, in [`Family`]'s order: an array, not a map, as there are six.
    max_certificate_days: [Option<u32>; Family::COUNT],
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
        let currency = problems.required("currency", &input.currency).and_then(|c| problems.take(Currency::parse(c, "currency")));
        let list = problems.required("products", &input.products);
        if list.is_some_and(|l| l.0.is_empty()) {
            problems.push(Problem::invalid("products", format!("a price list holds 1 to {MAX_PRODUCTS} products")));
        }
        let mut seen = HashSet::new();
        let mut products = Vec::with_capacity(list.map_or(0, |l| l.0.len()));
        for (i, p) in list.into_iter().flat_map(List::entries) {
            let at = format_args!("products[{i}]");
            let Some(p) = problems.required_at("products", at, p) else { continue };
            if let Some(product) = problems.take_within(at, Product::parse(p, currency)) {
                // The id as given, which the product holds too: borrowed, not copied.
                if !seen.insert(p.product_name_id.ok().map_or("", String::as_str)) {
                    let why = format!("'{}' appears twice in the price list", product.product_name_id);
                    problems.push(Problem::invalid("product_name_id", why).within(&at.to_string()));
                }
                products.push(product);
            }
        }
        let mut max_certificate_days = [None; Family::COUNT];
        for (family, days) in problems.optional("max_certificate_days", &input.max_certificate_days).into_iter().flatten() {
            let path = format!("max_certificate_days.{}", clip(family));
            let Some(family) = Family::NAMES.iter().find(|(n, _)| n == family).map(|(_, f)| *f) else {
                problems.push(Problem::at("max_certificate_days", path, "not a product family"));
                continue;
            };
            match problems.required_at("max_certificate_days", &path, days).map(|d| u32::try_from(*d).ok().filter(|d| (1..=1095).contains(d))) {
                Some(Some(d)) => {
                    if let Some(slot) = max_certificate_days.get_mut(family as usize) {
                        *slot = Some(d);
                    }
                }
                Some(None) => problems.push(Problem::at("max_certificate_days", path, format!("{} days is not 1 to 1095", days.ok().copied().unwrap_or_default()))),
                None => {}
            }
        }
        let label = problems.optional("label", &input.label).map(|l| l.chars().take(200).collect());
        problems.finish()?;
        let currency = currency.ok_or_else(|| Error::invalid("currency", "no currency"))?;
        Ok(PriceList { currency, label, products, max_certificate_days })
    }

    /// The embedded default price list: CertCentral's product ids with **sample** prices in USD (not DigiCert's
    /// list prices: pass your own list for real quotes).
    pub fn embedded() -> &'static PriceList {
        static LIST: OnceLock<PriceList> = OnceLock::new();
        LIST.get_or_init(|| PriceList::parse(embedded_input()).unwrap_or_else(|_| PriceList::empty()))
    }

    /// The list as a caller would send it: what `catalog()` answers.
    pub fn to_input(&self) -> PriceListInput {
        let prices = |slots: &[Option<Money>; 5]| -> Prices {
            AssetType::ALL.iter().zip(slots).filter_map(|(t, m)| Some((t.as_str().to_owned(), Read::Ok(DecimalString(m.as_ref()?.to_string()))))).collect()
        };
        let products = self.products.iter().map(|p| ProductInput {
            product_name_id: Read::Ok(p.product_name_id.clone()),
            name: Read::Ok(p.name.clone()),
            family: Read::Ok(p.family),
            annual_prices: Read::Ok(prices(&p.prices)),
            multi_year_prices: {
                let plans: Keyed<Prices> = ["2", "3"]
                    .iter()
                    .zip(&p.plans)
                    .map(|(years, plan)| ((*years).to_owned(), prices(plan)))
                    .filter(|(_, by_type)| !by_type.is_empty())
                    .map(|(years, by_type)| (years, Read::Ok(by_type)))
                    .collect();
                if plans.is_empty() { Read::Absent } else { Read::Ok(plans) }
            },
        });
        let days: Keyed<i64> = Family::NAMES
            .iter()
            .zip(&self.max_certificate_days)
            .filter_map(|((name, _), d)| Some(((*name).to_owned(), Read::Ok(i64::from((*d)?)))))
            .collect();
        PriceListInput {
            currency: Read::Ok(self.currency.code().to_owned()),
            label: self.label.clone().map_or(Read::Absent, Read::Ok),
            products: Read::Ok(List(products.map(Read::Ok).collect())),
            max_certificate_days: if days.is_empty() { Read::Absent } else { Read::Ok(days) },
        }
    }

    /// A list of no product: were the embedded text ever wrong, every product is refused instead of a panic.
    fn empty() -> PriceList {
        PriceList { currency: Currency::USD, label: None, products: Vec::new(), max_certificate_days: [None; Family::COUNT] }
    }

    /// The longest certificate of `family` on this list, in days: its `max_certificate_days`, else the
    /// source documents' figure ([`Family::max_validity_days`]).
    pub fn max_certificate_days(&self, family: Family) -> i64 {
        self.max_certificate_days.get(family as usize).copied().flatten().map_or(family.max_validity_days(), i64::from)
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
        crate::from_json(EMBEDDED, "price_list").unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_names_are_in_declaration_order() {
        // `max_certificate_days` is indexed by `family as usize` and written back in `NAMES` order.
        for (i, (_, f)) in Family::NAMES.iter().enumerate() {
            assert_eq!(*f as usize, i);
        }
    }

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
