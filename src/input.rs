//! Reading caller input (JSON natively, JavaScript values in the browser) into certcalc's input types,
//! turning every shape error — a missing field, a wrong type, a JSON number where money is expected — into
//! an `invalid_value:<field>` error that names the field and its path.

use crate::error::{Error, Result};
use crate::money::clip;
use serde::{Deserialize, Deserializer};
use serde_path_to_error::Segment;
use std::fmt::Display;

/// Maps keyed by data rather than field names: an error inside one is named after the map's field.
const MAP_FIELDS: &[&str] = &["annual_prices"];

/// The fields of each input type, keyed by the field that holds it (`""` for a function's argument). An error
/// is named after the innermost of these on its path, so a key the caller made up (whose value serde only
/// skips, yet can still fail to parse as JSON) never becomes a code, wherever it is.
const SCHEMA: &[(&str, &[&str])] = &[
    ("", &["product_name_id", "certificate", "order_validity", "as_of", "subscription", "payment_method", // request
        "currency", "label", "products", // price list
        "amount_due", "account_balance", "cards", "deposit", // payment
        "start_date", "proration", "licenses", "events", "years", // subscription, plan
        "partner", "subaccounts"]), // portfolio
    ("certificate", &["common_name", "dns_names", "emails", "organization"]),
    ("order_validity", &["years", "days", "custom_expiration_date"]),
    ("subscription", &["start_date", "proration", "licenses"]),
    ("licenses", &["product_name_id", "asset_type", "asset", "quantity", "added_on"]),
    ("add", &["product_name_id", "asset_type", "asset", "quantity", "added_on"]),
    ("products", &["product_name_id", "name", "family", "annual_prices"]),
    ("cards", &["id", "is_default", "available_credit"]),
    ("events", &["date", "add", "drop", "renew", "deposit"]),
    ("partner", &["account_balance", "cards"]),
    ("subaccounts", &["id", "name", "bill_parent", "subscription", "account_balance", "cards"]),
];

fn is_field(parent: &str, key: &str) -> bool {
    SCHEMA.iter().any(|(p, fields)| *p == parent && fields.contains(&key))
}

/// Deserializes `T` from any serde deserializer; `root` names the whole argument when it is not an object.
///
/// # Errors
/// `invalid_value:<field>`, where `<field>` is the innermost field of the path that failed (`as_of`,
/// `dns_names`, `annual_prices`, …; `validity_days` / `validity_years` inside `order_validity`), and the
/// message gives the full path and what was wrong.
///
/// # Example
/// ```
/// use certcalc::{read, PriceListInput};
/// let mut json = serde_json::Deserializer::from_str(
///     r#"{ "currency": "USD", "products": [ { "product_name_id": "x", "name": "X", "family": "tls",
///          "annual_prices": { "fqdn": 400 } } ] }"#);
/// let err = read::<PriceListInput, _>(&mut json, "price_list").unwrap_err();
/// assert_eq!(err.code(), "invalid_value:annual_prices"); // money is a decimal string, never a number
/// ```
pub fn read<'de, T, D>(d: D, root: &str) -> Result<T>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
    D::Error: Display,
{
    serde_path_to_error::deserialize(d).map_err(|e| {
        let mut names: Vec<String> = Vec::new();
        for seg in e.path().iter() {
            let parent = names.last().map_or("", String::as_str);
            match seg {
                Segment::Map { key } if is_field(parent, key) => names.push(key.clone()),
                // a key inside a data-keyed map (an asset type of `annual_prices`) stands for its map
                Segment::Map { .. } if names.last().is_some_and(|n| MAP_FIELDS.contains(&n.as_str())) => {}
                // past a made-up key, nothing further down is a field of ours
                Segment::Map { .. } => break,
                _ => {}
            }
        }
        let message = e.inner().to_string();
        if let Some(missing) = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
            names.push(missing.to_owned());
        }
        let path = e.path().to_string();
        let field = field_name(&names).unwrap_or(root);
        let at = if path == "." { root.to_owned() } else { path };
        Error::invalid(field, format!("{}: {}", clip(&at), clip(&message)))
    })
}

fn field_name(names: &[String]) -> Option<&str> {
    let n = names.len();
    let last = names.last()?.as_str();
    let parent = n.checked_sub(2).and_then(|i| names.get(i)).map(String::as_str);
    Some(match (parent, last) {
        (Some("order_validity"), "days") => "validity_days",
        (Some("order_validity"), "years") => "validity_years",
        _ => last,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{OrderRequest, PaymentInput};

    fn code_of<T: for<'de> Deserialize<'de>>(json: &str) -> String {
        let mut d = serde_json::Deserializer::from_str(json);
        read::<T, _>(&mut d, "request").err().map(|e| e.code().to_owned()).unwrap_or_default()
    }

    #[test]
    fn shape_errors_name_the_field() {
        let rows: &[(&str, &str)] = &[
            (r#""a string""#, "invalid_value:request"),
            ("null", "invalid_value:request"),
            ("{}", "invalid_value:product_name_id"),
            (r#"{"product_name_id": "ssl_basic"}"#, "invalid_value:as_of"),
            (r#"{"product_name_id": 5, "as_of": "2026-01-01"}"#, "invalid_value:product_name_id"),
            (r#"{"product_name_id": "x", "as_of": 20260101}"#, "invalid_value:as_of"),
            (r#"{"product_name_id": "x", "as_of": "d", "certificate": {"dns_names": ["a", 7]}}"#, "invalid_value:dns_names"),
            (r#"{"product_name_id": "x", "as_of": "d", "order_validity": {"days": 1.5}}"#, "invalid_value:validity_days"),
            (r#"{"product_name_id": "x", "as_of": "d", "order_validity": {"years": "2"}}"#, "invalid_value:validity_years"),
            (r#"{"product_name_id": "x", "as_of": "d", "subscription": {"licenses": []}}"#, "invalid_value:start_date"),
            // a made-up key is never a code, even when its value is not JSON (fuzzing finding F1)
            (r#"{"product_name_id": "x", "as_of": "d", "zzz": tru}"#, "invalid_value:request"),
            (r#"{"product_name_id": "x", "subscription": {"zzz": {"as_of": [}}}"#, "invalid_value:subscription"),
            (r#"{"product_name_id": "x", "subscription": {"days": [}}"#, "invalid_value:subscription"),
            (r#"{"product_name_id": "x", "certificate": {"as_of": [}}"#, "invalid_value:certificate"),
            (r#"{"product_name_id": "x", "as_of": "d", "subscription": {"start_date": "d", "licenses": [{"product_name_id": "x", "asset_type": "ip"}]}}"#, "invalid_value:asset_type"),
            (r#"{"product_name_id": "x", "as_of": "d", "subscription": {"start_date": "d", "licenses": [{"product_name_id": "x", "asset_type": "fqdn", "quantity": -1}]}}"#, "invalid_value:quantity"),
        ];
        for (json, want) in rows {
            assert_eq!(code_of::<OrderRequest>(json), *want, "{json}");
        }
        assert_eq!(code_of::<PaymentInput>(r#"{"amount_due": 3000, "currency": "USD"}"#), "invalid_value:amount_due");
    }
}
