//! The order request as CertCentral's order and Price estimate bodies give it, and how it is paid: what
//! `estimate` prices and `validate_order` checks.

use crate::error::{Error, Result};
use crate::json::{objects, Read};
use crate::text::clip;
use crate::assets::CertificateInput;
use crate::subscription::SubscriptionInput;
use crate::validity::OrderValidity;
use serde::{Deserialize, Serialize};

/// An order or price-estimate request, with CertCentral's field names. With no `subscription`, the account
/// is a Multi-year Plan account (R9).
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct OrderRequest {
    /// The product, e.g. `ssl_securesite_flex`.
    #[tsify(type = "string")]
    pub product_name_id: Read<String>,
    /// What the certificate names.
    #[serde(default)]
    #[tsify(optional, type = "CertificateInput")]
    pub certificate: Read<CertificateInput>,
    /// `{ years?, days?, custom_expiration_date? }`: when given, the root's length fields are not read.
    #[serde(default)]
    #[tsify(optional, type = "OrderValidity")]
    pub order_validity: Read<OrderValidity>,
    /// The order's length in years, at the root as CertCentral's Price estimate body gives it.
    #[serde(default)]
    #[tsify(optional, type = "number")]
    pub validity_years: Read<i64>,
    /// The order's length in days, at the root.
    #[serde(default)]
    #[tsify(optional, type = "number")]
    pub validity_days: Read<i64>,
    /// The order's last day, at the root.
    #[serde(default)]
    #[tsify(optional, type = "DateString")]
    pub custom_expiration_date: Read<String>,
    /// The organization, as CertCentral's order bodies name it: `{ id }`. For code and document signing it is
    /// the asset (`id:<id>`), and it wins over `certificate.organization`; other families ignore it.
    #[serde(default)]
    #[tsify(optional, type = "OrganizationRef")]
    pub organization: Read<OrganizationRef>,
    /// The day the estimate is for, `"YYYY-MM-DD"` (certcalc never reads a clock). Required natively; the
    /// JavaScript API takes the caller's local today when it is left out.
    #[serde(default)]
    #[tsify(optional, type = "DateString")]
    pub as_of: Read<String>,
    /// The account's subscription; absent for a Multi-year Plan account.
    #[serde(default)]
    #[tsify(optional, type = "SubscriptionInput")]
    pub subscription: Read<SubscriptionInput>,
    /// `balance`, `card` or `new_card` before subscription; ignored on a subscription.
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub payment_method: Read<String>,
}

/// An organization named by its CertCentral id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, tsify::Tsify)]
pub struct OrganizationRef {
    /// CertCentral's organization id.
    #[serde(default)]
    #[tsify(type = "number")]
    pub id: Read<i64>,
}

objects!(OrderRequest, OrganizationRef);

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
