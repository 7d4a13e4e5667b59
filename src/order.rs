//! Whether CertCentral accepts an order: coverage (R5), validity per family (R6), and the payment method
//! before and after subscription (R9).

use crate::error::Result;
use crate::estimate::{check, price, Line};
use crate::request::{OrderRequest, PaymentMethod};
use crate::money::Money;
use crate::validity::Validity;
use serde::Serialize;

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
    let e = price(check(req, prices, true)?, prices.currency())?;
    Ok(OrderAccepted { ok: true, payment_method: e.payment_method, total_price: e.total_price, lines: e.lines, as_of: e.as_of, validity: e.validity })
}
