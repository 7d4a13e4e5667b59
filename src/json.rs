//! Reading callers' values and writing answers: serde for both (serde_json), `serde_path_to_error` for where
//! a value went wrong. The browser boundary (`crate::wasm`) hands this reader the text of a guarded
//! `JSON.stringify`, so a caller is answered and refused alike, byte for byte, wherever it calls from.

use crate::error::{Error, Problem, Result};
use crate::text::clip;
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, Visitor};
use serde::Serialize;
use serde_path_to_error::{Path, Segment};
use std::fmt;

/// The longest document [`from_json`] reads, in bytes.
pub const MAX_TEXT: usize = 128 << 20;

/// Every field name of every type certcalc reads, at any depth: what the browser boundary passes to
/// `JSON.stringify` as its property list, so that it never reads a key the caller made up. A unit test holds
/// it equal to the fields serde derives for the readers' types.
pub const FIELDS: [&str; 46] = [
    "account_balance", "add", "added_on", "amount_due", "annual_prices", "as_of", "asset", "asset_type",
    "available_credit", "bill_parent", "cards", "cert_validity", "certificate", "common_name", "currency",
    "custom_expiration_date", "date", "days", "deposit", "dns_names", "drop", "emails", "events", "family", "id",
    "is_default", "label", "licenses", "max_certificate_days", "multi_year_prices", "name", "order_validity",
    "organization", "partner", "payment_method", "product_name_id", "products", "proration", "quantity", "renew",
    "start_date", "subaccounts", "subscription", "validity_days", "validity_years", "years"
];

/// The longest message a serde error is quoted with: it may quote the caller's value, and a 1 MB string
/// must not make a 1 MB message.
const MAX_DETAIL: usize = 160;

/// Reads one argument from JSON text; `root` names it in errors (`request`, `price_list`, ...).
///
/// Fields certcalc does not know are skipped, `null` is an absent optional field, and a repeated key is
/// refused (serde's `duplicate field`).
///
/// # Errors
/// `invalid_value:<root>` when the text is not JSON; `invalid_value:<field>` naming the innermost field of
/// what failed (`validity_days` / `validity_years` inside `order_validity`), its path from the argument's
/// root in the message.
///
/// # Example
/// ```
/// use certcalc::PriceListInput;
/// let err = certcalc::from_json::<PriceListInput>(r#"{ "currency": "USD", "products": [
///     { "product_name_id": "x", "name": "X", "family": "tls", "annual_prices": { "fqdn": 400 } } ] }"#,
///     "price_list").unwrap_err();
/// assert_eq!(err.code(), "invalid_value:annual_prices"); // money is a decimal string, never a number
/// assert_eq!(err.message(), "products[0].annual_prices: invalid type: integer `400`, expected a decimal string such as \"400.00\"");
/// ```
pub fn from_json<T: DeserializeOwned>(text: &str, root: &'static str) -> Result<T> {
    if text.len() > MAX_TEXT {
        return Err(Error::invalid(root, format!("not JSON: the text is longer than {MAX_TEXT} bytes")));
    }
    if text.trim_start().starts_with('[') {
        return Err(an_array(root));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| json_error(root, Some(e.path()), e.inner()))?;
    de.end().map_err(|e| json_error(root, None, &e))?;
    Ok(value)
}

/// Every argument is an object: serde would read a list as a struct's fields in order, which no caller means.
fn an_array(root: &'static str) -> Error {
    Error::invalid(root, "invalid type: sequence, expected an object")
}

/// A serde_json error as certcalc's: a syntax error refuses the whole argument, at its position; any other
/// names its path (serde_json's position is left out: the path says where).
fn json_error(root: &'static str, path: Option<&Path>, e: &serde_json::Error) -> Error {
    let text = e.to_string();
    let at = format!(" at line {} column {}", e.line(), e.column());
    let what = text.strip_suffix(&at).unwrap_or(&text);
    match path {
        Some(path) if !e.is_syntax() && !e.is_eof() => read_error(root, path, what),
        _ => Error::invalid(root, format!("not JSON: {}{at}", clip(what))),
    }
}

/// An answer as JSON text, as the JavaScript API's answers are when written with `JSON.stringify`.
///
/// # Example
/// ```
/// let e = certcalc::Error::invalid("as_of", "required");
/// assert_eq!(certcalc::to_json(&e), r#"{"errors":[{"code":"invalid_value:as_of","message":"as_of: required","path":"as_of"}]}"#);
/// ```
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    // Every answer is plain structs, strings and numbers: serde_json cannot fail on them.
    serde_json::to_string(value).unwrap_or_default()
}

/// The `invalid_value:<field>` error for a serde error `what` at `path` of the argument named `root`.
///
/// The field is the innermost field name on the path (a map's keys, such as a Multi-year Plan's `"2"`, are
/// data, not fields; `order_validity.days` is CertCentral's `validity_days`, `order_validity.years` its
/// `validity_years`), or the missing field's name; the
/// message starts with the path from the argument's root (`certificate.dns_names[1]: …`).
pub(crate) fn read_error(root: &'static str, path: &Path, what: &str) -> Error {
    let mut keys: Vec<String> = Vec::new();
    let mut shown = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => shown.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !shown.is_empty() {
                    shown.push('.');
                }
                shown.push_str(&clip(key));
                if FIELDS.contains(&key.as_str()) {
                    keys.push(key.clone());
                }
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    // serde names the Rust type an object is read into ("expected struct OrderRequest"); a caller sent JSON.
    let what = match what.find("expected struct ") {
        Some(i) => format!("{}expected an object", what.get(..i).unwrap_or_default()),
        None => what.to_owned(),
    };
    // serde words a missing field "missing field `name`": the field is the one at fault, and the path its own.
    let missing = what.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`'));
    let (path, reason) = match missing {
        Some(name) => {
            keys.push(name.to_owned());
            let sep = if shown.is_empty() { "" } else { "." };
            (format!("{shown}{sep}{name}"), "required".to_owned())
        }
        None if shown.is_empty() => (root.to_owned(), clip_detail(&what)),
        None => (shown, clip_detail(&what)),
    };
    let field = match keys.as_slice() {
        [.., up, last] if up == "order_validity" && last == "days" => "validity_days",
        [.., up, last] if up == "order_validity" && last == "years" => "validity_years",
        [.., up, _] if up == "cert_validity" => "cert_validity",
        [.., last] => last.as_str(),
        [] => root,
    };
    Problem::at(field, path, reason).into()
}

fn clip_detail(what: &str) -> String {
    match what.char_indices().nth(MAX_DETAIL) {
        Some((i, _)) => format!("{}…", what.get(..i).unwrap_or_default()),
        None => what.to_owned(),
    }
}

/// A whole number (a count, a length): the number's kind is told, not a Rust type's name. Limits are the
/// core's, which names them.
struct Whole;

impl Visitor<'_> for Whole {
    type Value = i64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number")
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> std::result::Result<i64, E> {
        Ok(n)
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> std::result::Result<i64, E> {
        i64::try_from(n).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(n), &self))
    }
}

/// `#[serde(deserialize_with)]` for a whole-number field.
pub(crate) fn whole<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<i64, D::Error> {
    d.deserialize_i64(Whole)
}

/// `#[serde(deserialize_with)]` for an optional whole-number field, with `#[serde(default)]`: absent is
/// `None`, but `null` is refused. `JSON.stringify` writes `NaN` and `Infinity` as `null`, and a count that
/// went wrong must not silently become the default.
pub(crate) fn optional_whole<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<i64>, D::Error> {
    struct Present;
    impl<'de> Visitor<'de> for Present {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a whole number")
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Option<i64>, D::Error> {
            whole(d).map(Some)
        }
        fn visit_none<E: de::Error>(self) -> std::result::Result<Option<i64>, E> {
            Err(E::invalid_type(de::Unexpected::Other("null (NaN and Infinity are written as null)"), &self))
        }
    }
    d.deserialize_option(Present)
}

/// The longest name a certificate list (`dns_names`, `emails`, a plan's `drop`) may hold, in bytes: far
/// above any domain (253) or address (254), and small enough that a list of them stays small.
pub const MAX_NAME_BYTES: usize = 1024;

/// `#[serde(deserialize_with)]` for a list of at most `N` entries: reading stops at the first one over, so
/// a caller's 10-million-entry list costs `N` entries, not 10 million.
pub(crate) fn bounded<'de, const N: usize, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> std::result::Result<Vec<T>, D::Error> {
    d.deserialize_seq(Bounded::<N, T, fn(&T) -> bool>(|_| true, std::marker::PhantomData))
}

/// `#[serde(deserialize_with)]` for an optional list of at most `N` names, each at most
/// [`MAX_NAME_BYTES`] long (absent or `null`: `None`). A name over the limit stops the reading there, so at
/// most one long string is ever held.
pub(crate) fn optional_names<'de, const N: usize, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Vec<String>>, D::Error> {
    struct Names<const N: usize>(Vec<String>);
    impl<'de, const N: usize> Deserialize<'de> for Names<N> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            let short: fn(&String) -> bool = |s| s.len() <= MAX_NAME_BYTES;
            d.deserialize_seq(Bounded::<N, String, _>(short, std::marker::PhantomData)).map(Names)
        }
    }
    Ok(Option::<Names<N>>::deserialize(d)?.map(|Names(v)| v))
}

/// `#[serde(deserialize_with)]` for an optional list of at most `N` entries (absent or `null`: `None`).
pub(crate) fn optional_bounded<'de, const N: usize, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> std::result::Result<Option<Vec<T>>, D::Error> {
    struct List<const N: usize, T>(Vec<T>);
    impl<'de, const N: usize, T: Deserialize<'de>> Deserialize<'de> for List<N, T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            bounded::<N, D, T>(d).map(List)
        }
    }
    Ok(Option::<List<N, T>>::deserialize(d)?.map(|List(v)| v))
}

/// A list visitor that stops at entry `N + 1` or at the first entry `ok` refuses.
struct Bounded<const N: usize, T, F>(F, std::marker::PhantomData<T>);

impl<'de, const N: usize, T: Deserialize<'de>, F: Fn(&T) -> bool> Visitor<'de> for Bounded<N, T, F> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {N} entries")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(N).min(1024));
        while let Some(v) = seq.next_element::<T>()? {
            if out.len() == N {
                return Err(de::Error::custom(format!("more than {N} entries: a list here holds at most {N}")));
            }
            if !(self.0)(&v) {
                return Err(de::Error::custom(format!("entry {} is longer than {MAX_NAME_BYTES} bytes", out.len())));
            }
            out.push(v);
        }
        Ok(out)
    }
}

/// A decimal string read where money is expected: any string (checked against the currency later), never a
/// number, which would have gone through a float on the caller's side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DecimalString(pub String);

impl<'de> de::Deserialize<'de> for DecimalString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = DecimalString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal string such as \"400.00\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> std::result::Result<DecimalString, E> {
                Ok(DecimalString(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> std::result::Result<DecimalString, E> {
                Ok(DecimalString(s))
            }
        }
        d.deserialize_string(Text)
    }
}

/// `#[serde(deserialize_with)]` for a money field: a [`DecimalString`].
pub(crate) fn decimal<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    de::Deserialize::deserialize(d).map(|DecimalString(s)| s)
}

/// `#[serde(deserialize_with)]` for an optional money field (absent or `null`: `None`).
pub(crate) fn optional_decimal<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    let v: Option<DecimalString> = de::Deserialize::deserialize(d)?;
    Ok(v.map(|DecimalString(s)| s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{OrderRequest, PaymentInput};

    fn err<T: DeserializeOwned + fmt::Debug>(text: &str, root: &'static str) -> (String, String) {
        let e = from_json::<T>(text, root).unwrap_err();
        (e.code().to_owned(), e.message().to_owned())
    }

    #[test]
    fn errors_name_the_innermost_field_and_its_path() {
        // (text, code, message) — one row per kind of serde error
        let rows = [
            ("{\"a\": [1, }", "invalid_value:request", "request: not JSON: expected value at line 1 column 11"),
            (r#"{"product_name_id": "p", "as_of": "d"} x"#, "invalid_value:request", "request: not JSON: trailing characters at line 1 column 40"),
            ("\"x\"", "invalid_value:request", "request: invalid type: string \"x\", expected an object"),
            ("{\"as_of\": \"2026-01-01\"}", "invalid_value:product_name_id", "product_name_id: required"),
            (r#"{"product_name_id": "p", "as_of": 5}"#, "invalid_value:as_of", "as_of: invalid type: integer `5`, expected a string"),
            (r#"{"product_name_id": "p", "as_of": "d", "certificate": {"dns_names": ["a", 2]}}"#,
                "invalid_value:dns_names", "certificate.dns_names[1]: invalid type: integer `2`, expected a string"),
            (r#"{"product_name_id": "p", "as_of": "d", "order_validity": {"days": 1.5}}"#,
                "invalid_value:validity_days", "order_validity.days: invalid type: floating point `1.5`, expected a whole number"),
            (r#"{"product_name_id": "p", "as_of": "d", "certificate": {"cert_validity": {"days": "x"}}}"#,
                "invalid_value:cert_validity", "certificate.cert_validity.days: invalid type: string \"x\", expected a whole number"),
            (r#"{"product_name_id": "p", "as_of": "d", "subscription": {"licenses": []}}"#,
                "invalid_value:start_date", "subscription.start_date: required"),
        ];
        for (text, code, message) in rows {
            assert_eq!(err::<OrderRequest>(text, "request"), (code.to_owned(), message.to_owned()), "{text}");
        }
    }

    #[test]
    fn fields_are_every_field_serde_reads() {
        use crate::*;
        use serde_aux::serde_introspection::serde_introspect as fields;
        let read: Vec<&str> = [fields::<OrderRequest>(), fields::<CertificateInput>(), fields::<OrderValidity>(),
            fields::<SubscriptionInput>(), fields::<LicenseInput>(), fields::<PriceListInput>(), fields::<ProductInput>(),
            fields::<PaymentInput>(), fields::<CardInput>(), fields::<PlanInput>(), fields::<EventInput>(),
            fields::<PortfolioInput>(), fields::<SourcesInput>(), fields::<SubaccountInput>(), fields::<CertValidity>(),
            fields::<OrganizationRef>()]
        .concat();
        let mut read = read;
        read.sort_unstable();
        read.dedup();
        assert_eq!(read, FIELDS);
    }

    #[test]
    fn money_is_never_a_number() {
        let (code, message) = err::<PaymentInput>(r#"{"amount_due": 10, "currency": "USD"}"#, "payment");
        assert_eq!(code, "invalid_value:amount_due");
        assert!(message.contains("expected a decimal string"), "{message}");
    }

    #[test]
    fn quoted_values_are_clipped() {
        let text = format!(r#"{{"product_name_id": "p", "as_of": "d", "proration": 1, "subscription": {{"start_date": "2026-01-01", "proration": "{}"}}}}"#, "x".repeat(100_000));
        let (code, message) = err::<OrderRequest>(&text, "request");
        assert_eq!(code, "invalid_value:proration");
        assert!(message.chars().count() < 250, "{}", message.len());
    }
}
