//! Whether CertCentral accepts an order: coverage (R5), validity per family (R6), and the payment method
//! before and after subscription (R9).

use crate::error::{Error, Result};
use crate::estimate::{check, price, Line, OrderRequest};
use crate::money::Money;
use crate::text::clip;
use crate::validity::Validity;
use serde::Serialize;

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
    /// The day it was checked for.
    #[tsify(type = "DateString")]
    pub as_of: String,
    /// The order's length and where it was read (R6's precedence).
    pub validity: Validity,
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
    Ok(OrderAccepted { ok: true, payment_method: e.payment_method, total_price: e.total_price, lines: e.lines, as_of: e.as_of, validity: e.validity })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payment_method_is_ignored_on_a_subscription_and_checked_before() {
        assert_eq!(payment_method(Some("card"), true).unwrap(), PaymentMethod::Subscription);
        assert_eq!(payment_method(Some("bogus"), true).unwrap(), PaymentMethod::Subscription);
        assert_eq!(payment_method(None, false).unwrap(), PaymentMethod::Balance);
        assert_eq!(payment_method(Some("new_card"), false).unwrap(), PaymentMethod::NewCard);
        assert_eq!(payment_method(Some("subscription"), false).unwrap_err().code(), "invalid_value:payment_method");
    }
}
