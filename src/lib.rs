//! # certcalc
//!
//! Price estimates for DigiCert CertCentral subscription accounts and the Multi-year Plan accounts they
//! migrate from: what an asset added mid-term costs (prorated to the time left), that assets already in the
//! subscription are free, what the next renewal totals, which orders CertCentral refuses, and how a renewal
//! is paid — for one account and for a partner with many subaccounts. The rules (R1–R10) are written out in
//! `docs/rules.md`; every public item names the rule it implements.
//!
//! The core is plain Rust: money is [`rust_decimal::Decimal`], dates are inputs (nothing reads a clock), and
//! every refusal is an [`Error`] in CertCentral's `{code, message}` shape. The wasm boundary is `wasm`.
//!
//! # Example
//! ```
//! use certcalc::{estimate, OrderRequest, PriceList};
//! let req: OrderRequest = certcalc::from_json(r#"{
//!   "product_name_id": "ssl_securesite_flex",
//!   "certificate": { "dns_names": ["*.example.com", "*.example1.com", "example30.com"] },
//!   "as_of": "2026-03-01",
//!   "subscription": { "start_date": "2026-01-01", "licenses": [
//!     { "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "quantity": 2 } ] } }"#, "request").unwrap();
//! let e = estimate(&req, PriceList::embedded()).unwrap();
//! assert_eq!(e.total_price.to_string(), "335.34"); // the two wildcards are free; 400 × 306/365 for the FQDN
//! ```

mod assets;
mod catalog;
mod error;
mod estimate;
mod json;
mod money;
mod order;
mod partner;
mod payment;
mod request;
mod subscription;
mod term;
mod text;
mod timeline;
mod validity;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use assets::{canonical, request_assets, Asset, CertificateInput, Names, MAX_ASSETS, MAX_LIST_ENTRIES};
pub use catalog::{AssetType, Family, PriceList, PriceListInput, Prices, Product, ProductInput, MAX_PRODUCTS};
pub use error::{invalid_value_fields, is_code, Error, Problem, Result, ARGUMENTS, CODES, MAX_PROBLEMS, BALANCE_DEPOSIT_NOT_ALLOWED, CERT_VALIDITY_EXCEEDS_ORDER_VALIDITY, CERT_VALIDITY_EXCEEDS_ORDER_VALIDITY_MESSAGE, INSUFFICIENT_SUBSCRIPTION, INSUFFICIENT_SUBSCRIPTION_MESSAGE};
pub use estimate::{estimate, Estimate, Line, Units};
pub use json::{from_json, to_json, DecimalString, Keyed, Lenient, List, Name, Read, FIELDS, MAX_KEYS, MAX_NAME_BYTES, MAX_TEXT};
pub use money::{Currency, Money, MAX_INPUT_AMOUNT};
pub use order::{validate_order, OrderAccepted};
pub use request::{OrderRequest, OrganizationRef, PaymentMethod};
pub use validity::{CertValidity, OrderValidity, Validity, CUSTOM_EXPIRATION_MESSAGE, VALIDITY_DAYS_MESSAGE, VALIDITY_YEARS_MESSAGE};
pub use partner::*;
pub use payment::{deposit_refused, parse_cards, pay, pay_renewal, Card, CardInput, Cards, Payment, PaymentInput, Source, Status, Step, MAX_CARDS};
pub use subscription::{renewal_quote, Cover, Slots, License, LicenseInput, Licenses, RenewalLine, RenewalQuote, Subscription, SubscriptionInput, MAX_LICENSES, MAX_QUANTITY};
pub use term::{parse_date, Proration, Term};
pub use timeline::*;

/// certcalc's version, as the npm package reports it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
