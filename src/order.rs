//! Whether CertCentral accepts an order: coverage (R5), validity per family (R6), and the payment method
//! before and after subscription (R9).

use crate::catalog::Family;
use crate::error::{Error, Problems, Result};
use crate::estimate::{check, price, Line, OrderRequest};
use crate::money::Money;
use crate::text::clip;
use crate::term::{days_between, parse_date};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// CertCentral's message for a validity given in days that the product does not allow.
pub const VALIDITY_DAYS_MESSAGE: &str = "Custom length contains an invalid value.";
/// CertCentral's message for a validity given in years that the product does not allow.
pub const VALIDITY_YEARS_MESSAGE: &str = "validity_years contains an invalid value.";
/// The message for a custom expiration date the product does not allow.
pub const CUSTOM_EXPIRATION_MESSAGE: &str = "custom_expiration_date contains an invalid value.";

/// An order's validity, as CertCentral takes it: `{ years?, days?, custom_expiration_date? }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, tsify::Tsify)]
pub struct OrderValidity {
    /// Whole years.
    #[serde(default, deserialize_with = "crate::json::optional_whole")]
    #[tsify(optional)]
    pub years: Option<i64>,
    /// Days.
    #[serde(default, deserialize_with = "crate::json::optional_whole")]
    #[tsify(optional)]
    pub days: Option<i64>,
    /// The last day, `"YYYY-MM-DD"`; its length is counted in days from `as_of`.
    #[serde(default)]
    #[tsify(optional, type = "DateString")]
    pub custom_expiration_date: Option<String>,
}

/// How an order is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PaymentMethod {
    /// Paid through the subscription (every order on a subscription account).
    Subscription,
    /// The account balance (the default before subscription).
    Balance,
    /// A saved credit card.
    Card,
    /// A new credit card.
    NewCard,
}

impl PaymentMethod {
    /// The snake_case name used on the wire.
    ///
    /// # Example
    /// ```
    /// assert_eq!(certcalc::PaymentMethod::NewCard.as_str(), "new_card");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Subscription => "subscription",
            PaymentMethod::Balance => "balance",
            PaymentMethod::Card => "card",
            PaymentMethod::NewCard => "new_card",
        }
    }
}

/// The payment method of an order: `subscription` on a subscription whatever was asked (R5); before
/// subscription the requested one, `balance` when none is given (R9).
pub(crate) fn payment_method(requested: Option<&str>, on_subscription: bool) -> Result<PaymentMethod> {
    match (on_subscription, requested) {
        (true, _) => Ok(PaymentMethod::Subscription),
        (false, None | Some("balance")) => Ok(PaymentMethod::Balance),
        (false, Some("card")) => Ok(PaymentMethod::Card),
        (false, Some("new_card")) => Ok(PaymentMethod::NewCard),
        (false, Some(other)) => Err(Error::invalid(
            "payment_method",
            format!("'{}' is not a payment method: use balance, card or new_card", clip(other)),
        )),
    }
}

/// Checks an order's validity for a product of `family` (R6) and gives the order's years for pricing.
///
/// On a subscription, TLS, Verified Mark and Common Mark orders run at most 397 days (1 year); S/MIME, code
/// signing and document signing at most 1095 days (3 years). Before subscription every family may order 1–3
/// years (1095 days); a TLS certificate inside such an order is at most 397 days and is reissued free. A
/// length in days prices as 1 year up to 397 days, then one year per started 365 days.
pub(crate) fn check_validity(family: Family, v: &OrderValidity, as_of: NaiveDate, on_subscription: bool) -> Result<u32> {
    let (max_days, max_years) =
        if on_subscription { (family.max_validity_days(), family.max_validity_years()) } else { (1095, 3) };
    let mut problems = Problems::default();
    let mut check = |value: Option<i64>, max: i64, code: &str, message: &str| match value {
        Some(n) if n <= 0 || n > max => {
            problems.push(crate::Problem::new(format!("invalid_value:{code}"), message));
            None
        }
        other => other,
    };
    let years = check(v.years, max_years, "validity_years", VALIDITY_YEARS_MESSAGE);
    let days = check(v.days, max_days, "validity_days", VALIDITY_DAYS_MESSAGE);
    let custom = match &v.custom_expiration_date {
        Some(s) => match parse_date(s, "custom_expiration_date") {
            Ok(end) => {
                let n = if end > as_of { i64::from(days_between(as_of, end)) } else { 0 };
                check(Some(n), max_days, "custom_expiration_date", CUSTOM_EXPIRATION_MESSAGE)
            }
            Err(e) => {
                problems.take::<()>(Err(e));
                None
            }
        },
        None => None,
    };
    problems.finish()?;
    let order_years = match (years, days.or(custom)) {
        (Some(y), _) => y,
        (None, Some(d)) if d <= 397 => 1,
        (None, Some(d)) => (d + 364) / 365,
        (None, None) => 1,
    };
    Ok(if on_subscription { 1 } else { u32::try_from(order_years).unwrap_or(1) })
}

/// An accepted order: `{ ok: true, payment_method, total_price, lines }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct OrderAccepted {
    /// Always `true` (a refusal is an error).
    #[tsify(type = "true")]
    pub ok: bool,
    /// `subscription` on a subscription; the requested method before one.
    pub payment_method: PaymentMethod,
    /// What the order costs when issued: 0 on a subscription (every asset is covered), the Multi-year Plan
    /// price before one.
    #[tsify(type = "Decimal")]
    pub total_price: Money,
    /// One line per distinct asset.
    pub lines: Vec<Line>,
}

/// Decides whether CertCentral accepts an order (R5, R6, R9). An order never adds assets to the
/// subscription: every asset must already be covered.
///
/// # Errors
/// Every problem, in a stable order: `invalid_value:<field>` for malformed fields,
/// `invalid_value:validity_days` / `validity_years` / `custom_expiration_date` (R6), then
/// `insufficient_subscription` with CertCentral's message when an asset is not covered (R5).
///
/// # Example
/// ```
/// use certcalc::{validate_order, OrderRequest, PriceList};
/// let req: OrderRequest = certcalc::from_json(r#"{
///   "product_name_id": "ssl_securesite_flex", "as_of": "2026-03-01", "order_validity": { "days": 397 },
///   "certificate": { "dns_names": ["*.example.com", "*.example1.com", "example30.com"] },
///   "subscription": { "start_date": "2026-01-01", "licenses": [
///     { "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "quantity": 2 } ] } }"#, "request").unwrap();
/// let err = validate_order(&req, PriceList::embedded()).unwrap_err();
/// assert_eq!(err.code(), "insufficient_subscription");
/// ```
pub fn validate_order(req: &OrderRequest, prices: &crate::PriceList) -> Result<OrderAccepted> {
    let checked = check(req, prices, true)?;
    let e = price(&checked, prices.currency())?;
    Ok(OrderAccepted { ok: true, payment_method: e.payment_method, total_price: e.total_price, lines: e.lines })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s, "d").unwrap()
    }

    #[test]
    fn r6_validity_limits_per_family() {
        use Family::*;
        let v = |years: Option<i64>, days: Option<i64>| OrderValidity { years, days, custom_expiration_date: None };
        // (family, on subscription, validity, expected code or None) — R6 at and around each limit
        let rows: &[(Family, bool, OrderValidity, Option<&str>)] = &[
            (Tls, true, v(None, Some(397)), None),
            (Tls, true, v(None, Some(398)), Some("invalid_value:validity_days")),
            (Tls, true, v(Some(1), None), None),
            (Tls, true, v(Some(2), None), Some("invalid_value:validity_years")),
            (VerifiedMark, true, v(None, Some(398)), Some("invalid_value:validity_days")),
            (CommonMark, true, v(Some(2), None), Some("invalid_value:validity_years")),
            (SecureEmail, true, v(None, Some(1095)), None),
            (SecureEmail, true, v(None, Some(1096)), Some("invalid_value:validity_days")),
            (CodeSigning, true, v(Some(3), None), None),
            (CodeSigning, true, v(Some(4), None), Some("invalid_value:validity_years")),
            (DocumentSigning, true, v(None, Some(1096)), Some("invalid_value:validity_days")),
            (Tls, true, v(None, Some(0)), Some("invalid_value:validity_days")),
            (Tls, true, v(None, Some(-5)), Some("invalid_value:validity_days")),
            (CodeSigning, true, v(Some(0), None), Some("invalid_value:validity_years")),
            (CodeSigning, true, v(Some(-1), None), Some("invalid_value:validity_years")),
            (Tls, false, v(Some(3), None), None),
            (Tls, false, v(Some(4), None), Some("invalid_value:validity_years")),
            (Tls, false, v(None, Some(1095)), None),
            (SecureEmail, false, v(None, Some(1096)), Some("invalid_value:validity_days")),
        ];
        for (family, sub, validity, want) in rows {
            let got = check_validity(*family, validity, d("2026-02-01"), *sub).err().map(|e| e.code().to_owned());
            assert_eq!(got.as_deref(), *want, "{family:?} sub={sub} {validity:?}");
        }
    }

    #[test]
    fn custom_expiration_date_counts_days_from_as_of() {
        let c = |date: &str| OrderValidity { custom_expiration_date: Some(date.into()), ..Default::default() };
        let as_of = d("2026-02-01");
        // 2026-02-01 + 397 days = 2027-03-05
        assert!(check_validity(Family::Tls, &c("2027-03-05"), as_of, true).is_ok());
        let code = |date| check_validity(Family::Tls, &c(date), as_of, true).unwrap_err().code().to_owned();
        assert_eq!(code("2027-03-06"), "invalid_value:custom_expiration_date");
        assert_eq!(code("2026-01-31"), "invalid_value:custom_expiration_date"); // before as_of
        assert_eq!(code("2026-02-01"), "invalid_value:custom_expiration_date"); // zero length
        assert_eq!(code("2026-02-30"), "invalid_value:custom_expiration_date");
    }

    #[test]
    fn every_validity_error_is_listed_in_a_stable_order() {
        let v = OrderValidity { years: Some(2), days: Some(398), custom_expiration_date: Some("x".into()) };
        let e = check_validity(Family::Tls, &v, d("2026-02-01"), true).unwrap_err();
        let codes: Vec<_> = e.errors().iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["invalid_value:validity_years", "invalid_value:validity_days", "invalid_value:custom_expiration_date"]);
        assert_eq!(e.errors()[1].message, VALIDITY_DAYS_MESSAGE);
    }

    #[test]
    fn multi_year_plan_years_from_days() {
        let days = |n| OrderValidity { days: Some(n), ..Default::default() };
        for (n, years) in [(1, 1), (397, 1), (398, 2), (730, 2), (731, 3), (1095, 3)] {
            assert_eq!(check_validity(Family::SecureEmail, &days(n), d("2026-02-01"), false).unwrap(), years, "{n}");
        }
    }

    #[test]
    fn payment_method_is_ignored_on_a_subscription_and_checked_before() {
        assert_eq!(payment_method(Some("card"), true).unwrap(), PaymentMethod::Subscription);
        assert_eq!(payment_method(Some("bogus"), true).unwrap(), PaymentMethod::Subscription);
        assert_eq!(payment_method(None, false).unwrap(), PaymentMethod::Balance);
        assert_eq!(payment_method(Some("new_card"), false).unwrap(), PaymentMethod::NewCard);
        assert_eq!(payment_method(Some("subscription"), false).unwrap_err().code(), "invalid_value:payment_method");
    }
}
