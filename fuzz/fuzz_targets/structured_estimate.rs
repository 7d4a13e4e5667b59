//! `estimate` and `validate_order` on structured requests (`arbitrary`): names, dates, licenses and prices
//! built from small vocabularies so that most requests are valid and reach the pricing, in USD, JPY, BHD or
//! CLF (2, 0, 3 and 4 decimals). Checks: totals are sums of lines; covered assets are free; the renewal after
//! the estimate is the renewal quote plus the uncovered assets' annual prices; an accepted order is covered.
#![no_main]
use certcalc::{
    CertificateInput, DecimalString, LicenseInput, List, OrderRequest, OrderValidity, PriceList, PriceListInput,
    ProductInput, Read, SubscriptionInput,
};
use certcalc_fuzz::{check_estimate, check_quote, checked, named};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

const CURRENCIES: [(&str, u32); 4] = [("USD", 2), ("JPY", 0), ("BHD", 3), ("CLF", 4)];
const PRODUCTS: [(&str, &str, &[&str]); 4] = [
    ("ssl", "tls", &["fqdn", "wildcard"]),
    ("vmc", "verified_mark", &["email_domain"]),
    ("smime", "secure_email", &["email_address"]),
    ("cs", "code_signing", &["organization"]),
];
const TYPES: [&str; 5] = ["fqdn", "wildcard", "email_domain", "email_address", "organization"];

#[derive(Arbitrary, Debug)]
enum Name {
    Host(u8),
    Wild(u8),
    Email(u8),
    Org(u8),
    Raw(String),
}

impl Name {
    fn text(&self) -> String {
        match self {
            Name::Host(i) if i % 7 == 0 => format!("H{}.Example.COM.", i % 16),
            Name::Host(i) => format!("h{}.example.com", i % 16),
            Name::Wild(i) => format!("*.w{}.example.com", i % 16),
            Name::Email(i) => format!("u{}@example.com", i % 16),
            Name::Org(i) => format!("Org {}", i % 8),
            Name::Raw(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Date(u8, u8, u8);

impl Date {
    /// 2024–2031, months 0–13 and days 0–31 so that some dates do not exist.
    fn text(&self) -> String {
        format!("{:04}-{:02}-{:02}", 2024 + u32::from(self.0 % 8), self.1 % 14, self.2 % 32)
    }
}

#[derive(Arbitrary, Debug)]
struct License {
    product: u8,
    asset_type: u8,
    asset: Option<Name>,
    quantity: Option<u32>,
    added_on: Option<Date>,
}

#[derive(Arbitrary, Debug)]
struct Subscription {
    start: Date,
    monthly: bool,
    licenses: Vec<License>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    currency: u8,
    prices: [u64; 5],
    product: u8,
    common_name: Option<Name>,
    names: Vec<Name>,
    organization: Option<Name>,
    as_of: Date,
    subscription: Option<Subscription>,
    years: Option<i8>,
    days: Option<i16>,
    payment_method: Option<u8>,
}

fn amount(minor: u64, decimals: u32) -> String {
    let minor = minor % 10u64.pow(12); // at most 10^8 .. 10^12 whole units: inside MAX_INPUT_AMOUNT
    Decimal::new(minor as i64, decimals).to_string()
}

fn product_id(i: u8) -> String {
    PRODUCTS.get(usize::from(i % 5)).map_or("missing", |p| p.0).to_owned()
}

fn build(input: &Input) -> Option<(PriceList, OrderRequest)> {
    let (code, decimals) = CURRENCIES[usize::from(input.currency % 4)];
    let products: Vec<ProductInput> = PRODUCTS
        .iter()
        .map(|&(id, family, types)| ProductInput {
            product_name_id: id.into(),
            name: id.to_uppercase().into(),
            family: Read::Ok(named(family)),
            multi_year_prices: Read::Absent,
            annual_prices: Read::Ok(
                types
                    .iter()
                    .map(|&t| {
                        let i = TYPES.iter().position(|x| *x == t).unwrap_or(0);
                        (t.to_owned(), DecimalString(amount(input.prices[i], decimals)).into())
                    })
                    .collect(),
            ),
        })
        .collect();
    let list = PriceList::parse(&PriceListInput {
        currency: code.into(),
        label: Read::Absent,
        products: products.into(),
        max_certificate_days: Read::Absent,
    })
    .ok()?;
    let subscription = input.subscription.as_ref().map(|s| SubscriptionInput {
        start_date: s.start.text().into(),
        proration: Read::Ok(named(if s.monthly { "monthly" } else { "daily" })),
        licenses: s
            .licenses
            .iter()
            .take(64)
            .map(|l| LicenseInput {
                product_name_id: product_id(l.product).into(),
                asset_type: Read::Ok(named(TYPES[usize::from(l.asset_type % 5)])),
                asset: l.asset.as_ref().map(Name::text).into(),
                quantity: l.quantity.map(|q| i64::from(q % 200_000)).into(),
                added_on: l.added_on.as_ref().map(Date::text).into(),
            })
            .collect::<Vec<_>>()
            .into(),
    });
    let validity = (input.years.is_some() || input.days.is_some()).then(|| OrderValidity {
        years: input.years.map(i64::from).into(),
        days: input.days.map(i64::from).into(),
        custom_expiration_date: Read::Absent,
    });
    let names = || List::from(input.names.iter().take(300).map(|n| certcalc::Name(n.text())).collect::<Vec<_>>());
    let req = OrderRequest {
        product_name_id: product_id(input.product).into(),
        certificate: Read::Ok(CertificateInput {
            common_name: input.common_name.as_ref().map(Name::text).into(),
            dns_names: Read::Ok(names()),
            emails: Read::Ok(names()),
            organization: input.organization.as_ref().map(Name::text).into(),
            cert_validity: Read::Absent,
        }),
        order_validity: validity.into(),
        validity_years: Read::Absent,
        validity_days: Read::Absent,
        custom_expiration_date: Read::Absent,
        organization: Read::Absent,
        as_of: input.as_of.text().into(),
        subscription: subscription.into(),
        payment_method: input.payment_method.map(|m| ["balance", "card", "new_card", "subscription", "x"][usize::from(m % 5)].to_owned()).into(),
    };
    Some((list, req))
}

fuzz_target!(|input: Input| {
    let Some((list, req)) = build(&input) else { return };
    let estimate = checked(certcalc::estimate(&req, &list));
    if let Some(e) = &estimate {
        check_estimate(e);
        if let (Some(sub), Some(after)) = (req.subscription.ok(), e.renewal_total_after) {
            let quote = certcalc::renewal_quote(sub, &list).expect("an estimated subscription can be quoted");
            check_quote(&quote);
            let added: Decimal = e.lines.iter().filter(|l| !l.covered).map(|l| l.annual_price.amount()).sum();
            assert_eq!(after.amount(), quote.total.amount() + added, "renewal_total_after");
        }
    }
    if let Some(ok) = checked(certcalc::validate_order(&req, &list)) {
        let e = estimate.expect("an accepted order can be estimated");
        assert_eq!(ok.lines, e.lines, "order and estimate disagree");
        if req.subscription.ok().is_some() {
            assert!(ok.total_price.is_zero() && ok.lines.iter().all(|l| l.covered), "an accepted order is not covered");
        }
    }
});
