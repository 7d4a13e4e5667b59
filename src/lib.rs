//! # certcalc
//!
//! Price estimates for DigiCert CertCentral subscription accounts and the Multi-year Plan accounts they
//! migrate from: what an asset added mid-term costs (prorated to the time left), that assets already in the
//! subscription are free, what the next renewal totals, which orders CertCentral refuses, and how a renewal
//! is paid — for one account and for a partner with many subaccounts. The rules (R1–R10) are those of
//! `DESIGN.md`; every public item names the rule it implements.
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

// On wasm the crate is `no_std`: std's allocator and panic machinery were 4 kB of the 88 kB web build
// (src/bare.rs replaces them). Natively, and in builds that link std anyway (feature `std`), it uses std.
#![cfg_attr(all(target_arch = "wasm32", not(test), not(feature = "std")), no_std)]

#[macro_use]
extern crate alloc;

#[macro_use]
mod error;
mod assets;
mod catalog;
mod date;
mod estimate;
pub mod json;
mod keys;
mod money;
mod order;
mod partner;
mod payment;
mod subscription;
mod term;
mod text;
mod timeline;
#[cfg(all(target_arch = "wasm32", not(test), not(feature = "std")))]
mod bare;
// A value computed on first use: std's `OnceLock`, or its one-thread stand-in where std is absent.
#[cfg(all(target_arch = "wasm32", not(test), not(feature = "std")))]
use bare::Once;
#[cfg(not(all(target_arch = "wasm32", not(test), not(feature = "std"))))]
use std::sync::OnceLock as Once;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use assets::{canonical, request_assets, Asset, CertificateInput, MAX_ASSETS, MAX_LIST_ENTRIES};
pub use catalog::{AssetType, Family, PriceList, PriceListInput, Product, ProductInput, MAX_PRODUCTS};
pub use error::{Error, Problem, Result, BALANCE_DEPOSIT_NOT_ALLOWED, INSUFFICIENT_SUBSCRIPTION, INSUFFICIENT_SUBSCRIPTION_MESSAGE};
pub use estimate::{estimate, Estimate, Line, OrderRequest, Units};
pub use json::{from_json, to_json, FromJson, ToJson};
pub use money::{Currency, Money, MAX_INPUT_AMOUNT};
pub use order::{validate_order, OrderAccepted, OrderValidity, PaymentMethod};
pub use partner::*;
pub use payment::{deposit_refused, parse_cards, pay, pay_renewal, Card, CardInput, Payment, PaymentInput, Source, Status, Step, MAX_CARDS};
pub use subscription::{renewal_quote, License, LicenseInput, RenewalLine, RenewalQuote, Subscription, SubscriptionInput, MAX_LICENSES, MAX_QUANTITY};
pub use date::{parse_date, Date};
pub use term::{Proration, Term};
pub use timeline::*;

/// certcalc's version, as the npm package reports it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
