// The documented error codes (README "Limits" → "Error codes"). Shared by the fuzz targets
// (fuzz/src/lib.rs) and the native invariants (tests/invariants.rs), which `include!` this file.

/// The codes that are not `invalid_value:<field>`.
pub const OTHER_CODES: &[&str] = &["insufficient_subscription", "balance_deposit_not_allowed", "cert_validity_exceeds_order_validity"];

/// Every `<field>` an `invalid_value:<field>` code may name: the argument roots, every field of every input
/// type, the validity aliases, and `amount` (an overflow).
pub const INVALID_VALUE_FIELDS: &[&str] = &[
    // roots: the whole argument when it is not an object of the right shape
    "request", "subscription", "payment", "price_list", "plan", "portfolio",
    // an order or estimate request
    "product_name_id", "certificate", "order_validity", "as_of", "payment_method",
    "common_name", "dns_names", "emails", "organization",
    "validity_years", "validity_days", "custom_expiration_date", "cert_validity",
    // a subscription and its licenses
    "start_date", "proration", "licenses", "asset_type", "asset", "quantity", "added_on",
    // a payment and its cards
    "amount_due", "currency", "account_balance", "cards", "deposit", "id", "is_default", "available_credit",
    // a price list
    "label", "products", "name", "family", "annual_prices", "multi_year_prices", "max_certificate_days",
    // a plan for simulate
    "events", "date", "add", "drop", "renew", "years",
    // a portfolio for partnerRollup
    "partner", "subaccounts", "bill_parent",
    // computations
    "amount",
];

/// Whether `code` is one of the documented codes.
pub fn is_documented_code(code: &str) -> bool {
    OTHER_CODES.contains(&code)
        || code.strip_prefix("invalid_value:").is_some_and(|f| INVALID_VALUE_FIELDS.contains(&f))
}
