//! Reading callers' values and writing answers: serde for both (serde_json), `serde_path_to_error` for where
//! a value went wrong. The browser boundary (`crate::wasm`) hands this reader the text of a guarded
//! `JSON.stringify`, so a caller is answered and refused alike, byte for byte, wherever it calls from.

use crate::error::{Error, Problem, Result, MAX_PROBLEMS};
use crate::text::clip;
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, Visitor};
use serde::Serialize;
use serde_json::Value;
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
/// `invalid_value:<root>` when the text is not JSON; otherwise every problem, in document order, each an
/// `invalid_value:<field>` naming the innermost field of what failed (`validity_days` / `validity_years`
/// inside `order_validity`) at its path from the argument's root. At most [`crate::MAX_PROBLEMS`] are
/// listed, then one "and perhaps more" entry; a text over [`MAX_LISTED_TEXT`] bytes is refused at its first.
///
/// # Example
/// ```
/// use certcalc::PriceListInput;
/// let err = certcalc::from_json::<PriceListInput>(r#"{ "currency": "USD", "products": [
///     { "product_name_id": "x", "name": "X", "family": "tls", "annual_prices": { "fqdn": 400 } },
///     { "product_name_id": "y", "name": 7, "family": "tls", "annual_prices": { "fqdn": "400.00" } } ] }"#,
///     "price_list").unwrap_err();
/// assert_eq!(err.code(), "invalid_value:annual_prices"); // money is a decimal string, never a number
/// assert_eq!(err.message(), "products[0].annual_prices: invalid type: integer `400`, expected a decimal string such as \"400.00\"");
/// assert_eq!(err.errors()[1].path, "products[1].name");
/// ```
pub fn from_json<T: DeserializeOwned>(text: &str, root: &'static str) -> Result<T> {
    if text.len() > MAX_TEXT {
        return Err(Error::invalid(root, format!("not JSON: the text is longer than {MAX_TEXT} bytes")));
    }
    if text.trim_start().starts_with('[') {
        return Err(an_array(root));
    }
    // One reader, tracking paths, for every document: a plain reader first (read again with paths only on
    // failure) would be a second copy of every type's reading code, +20 kB gzip'd for 8 to 13 % fewer
    // instructions (BENCHMARKS.md, seventh round).
    read_tracked(text, root)
}

/// Reads `text` tracking the path of each value, so that a document that does not read has its problems told
/// where they are.
fn read_tracked<T: DeserializeOwned>(text: &str, root: &'static str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(v) => de.end().map(|()| v).map_err(|e| json_error(root, &e)),
        Err(e) if e.inner().is_syntax() || e.inner().is_eof() => Err(json_error(root, e.inner())),
        Err(first) => Err(read_problems::<T>(text, root, first)),
    }
}

/// The longest document whose read problems are all listed; a longer one is refused at its first.
pub const MAX_LISTED_TEXT: usize = 4 << 20;

/// The most text [`read_problems`] reads again in all while listing problems: a document of 2.5 MiB or less
/// is read once per problem (at most 101 times), a 4 MiB one at most 64 times.
const RELIST_BUDGET: usize = 256 << 20;

/// A step on a path through a document: a key of an object, or a position in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every read problem of a document whose first is `first`, in the order found (at most [`MAX_PROBLEMS`]).
///
/// serde stops at a document's first problem. To find the next, the value at fault is taken out of the
/// document (or, for a missing field, the list entry holding it) and the document is read again, each
/// problem's path told in the document's own positions. A syntax error refuses the whole document.
fn read_problems<T: DeserializeOwned>(text: &str, root: &'static str, first: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let mut doc = (text.len() <= MAX_LISTED_TEXT).then(|| serde_json::from_str::<Value>(text));
    let mut gone = Removed::default();
    let mut found: Vec<Problem> = Vec::new();
    let mut next = Some((steps(first.path()), first.into_inner()));
    let mut read = text.len();
    while let Some((at, e)) = next.take() {
        let what = serde_message(&e);
        let missing = missing_field(&what);
        let original = gone.original(&at);
        // The entry that ends a listing cut short, with the code of the problem not listed.
        let more = |why: String| Problem::new(read_problem(root, &original, &what).code, format!("and perhaps more problems: {why}"));
        if found.len() == MAX_PROBLEMS || read > RELIST_BUDGET {
            found.push(more(format!("reading stopped after the first {}", found.len())));
            break;
        }
        // A field the previous round took out is missing because of it: not a problem of the caller's.
        let taken_out = missing.is_some_and(|name| gone.keys.contains(&[original.as_slice(), &[Step::Key(name.to_owned())]].concat()));
        if !taken_out {
            found.push(read_problem(root, &original, &what));
        }
        let doc = match doc.as_mut() {
            Some(Ok(doc)) => doc,
            // Not JSON further on: said too, and nothing more can be read.
            Some(Err(e)) => {
                found.extend(json_error(root, e).errors().iter().cloned());
                break;
            }
            None => {
                found.push(more(format!("a document over {MAX_LISTED_TEXT} bytes is read up to its first")));
                break;
            }
        };
        // What comes out: the value at fault, or for a missing field the innermost list entry that lacks it.
        let out = match missing {
            None => at.clone(),
            Some(_) => match at.iter().rposition(|s| matches!(s, Step::Index(_))) {
                Some(i) => at.get(..=i).map(<[Step]>::to_vec).unwrap_or_default(),
                None => break,
            },
        };
        if out.is_empty() || !take_out(doc, &out) {
            break;
        }
        gone.record(gone.original(&out));
        read = read.saturating_add(text.len());
        // Read as text again, by the same reader as the first time: a reader of `Value`s would be a second
        // copy of every type's reading code in the module (+62 kB gzip'd, BENCHMARKS.md).
        let again = serde_json::to_string(&*doc).unwrap_or_default();
        next = serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_str(&again)).err().map(|e| (steps(e.path()), e.into_inner()));
    }
    Error::from_problems(found).unwrap_or_else(|| Error::invalid(root, "cannot be read"))
}

/// What was taken out of a document, in its own positions: list entries by list, and keys.
#[derive(Default)]
struct Removed {
    entries: Vec<(Vec<Step>, Vec<usize>)>,
    keys: Vec<Vec<Step>>,
}

impl Removed {
    /// The document's own path for `at`, a path in the document with some entries taken out.
    fn original(&self, at: &[Step]) -> Vec<Step> {
        let mut out: Vec<Step> = Vec::with_capacity(at.len());
        for step in at {
            let step = match step {
                Step::Index(i) => {
                    let taken = self.entries.iter().find(|(list, _)| *list == out).map(|(_, t)| t.as_slice()).unwrap_or_default();
                    // The i-th entry left is past every entry taken out before it (`taken` is sorted).
                    Step::Index(taken.iter().fold(*i, |i, &t| if t <= i { i.saturating_add(1) } else { i }))
                }
                key => key.clone(),
            };
            out.push(step);
        }
        out
    }

    fn record(&mut self, original: Vec<Step>) {
        match original.split_last() {
            Some((Step::Index(i), list)) => match self.entries.iter_mut().find(|(l, _)| l.as_slice() == list) {
                Some((_, taken)) => {
                    let at = taken.partition_point(|t| t < i);
                    taken.insert(at, *i);
                }
                None => self.entries.push((list.to_vec(), vec![*i])),
            },
            _ => self.keys.push(original),
        }
    }
}

/// Takes the value at `at` out of `doc`: a key from its object, an entry from its list.
fn take_out(doc: &mut Value, at: &[Step]) -> bool {
    let Some((last, parent)) = at.split_last() else { return false };
    let mut v = doc;
    for step in parent {
        let child = match (step, v) {
            (Step::Key(k), Value::Object(m)) => m.get_mut(k),
            (Step::Index(i), Value::Array(a)) => a.get_mut(*i),
            _ => None,
        };
        let Some(child) = child else { return false };
        v = child;
    }
    match (last, v) {
        (Step::Key(k), Value::Object(m)) => m.shift_remove(k).is_some(),
        (Step::Index(i), Value::Array(a)) if *i < a.len() => {
            a.remove(*i);
            true
        }
        _ => false,
    }
}

fn steps(path: &Path) -> Vec<Step> {
    let step = |s: &Segment| match s {
        Segment::Seq { index } => Some(Step::Index(*index)),
        Segment::Map { key } => Some(Step::Key(key.clone())),
        Segment::Enum { .. } | Segment::Unknown => None,
    };
    path.iter().filter_map(step).collect()
}

/// Every argument is an object: serde would read a list as a struct's fields in order, which no caller means.
fn an_array(root: &'static str) -> Error {
    Error::invalid(root, "invalid type: sequence, expected an object")
}

/// A syntax error of the whole argument, at its position.
fn json_error(root: &'static str, e: &serde_json::Error) -> Error {
    Error::invalid(root, format!("not JSON: {} at line {} column {}", clip(&serde_message(e)), e.line(), e.column()))
}

/// serde_json's text for `e`, without its position (a path says where).
fn serde_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let at = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&at).map_or_else(|| text.clone(), str::to_owned)
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

/// The `invalid_value:<field>` problem for a serde error `what` at `path` of the argument named `root`.
///
/// The field is the innermost field name on the path (a map's keys, such as a Multi-year Plan's `"2"`, are
/// data, not fields; `order_validity.days` is CertCentral's `validity_days`, `order_validity.years` its
/// `validity_years`), or the missing field's name; the
/// message starts with the path from the argument's root (`certificate.dns_names[1]: …`).
fn read_problem(root: &'static str, path: &[Step], what: &str) -> Problem {
    let mut keys: Vec<String> = Vec::new();
    let mut shown = String::new();
    for step in path {
        match step {
            Step::Index(index) => shown.push_str(&format!("[{index}]")),
            Step::Key(key) => {
                if !shown.is_empty() {
                    shown.push('.');
                }
                shown.push_str(&clip(key));
                if FIELDS.contains(&key.as_str()) {
                    keys.push(key.clone());
                }
            }
        }
    }
    // serde names the Rust type an object is read into ("expected struct OrderRequest"); a caller sent JSON.
    let what = match what.find("expected struct ") {
        Some(i) => format!("{}expected an object", what.get(..i).unwrap_or_default()),
        None => what.to_owned(),
    };
    // A missing field is the one at fault, and the path its own.
    let missing = missing_field(&what);
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
    Problem::at(field, path, reason)
}

/// The field a serde error says is missing: serde words it "missing field `name`".
fn missing_field(what: &str) -> Option<&str> {
    what.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`'))
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

    /// (code, path) of every problem of `text` read as an order request.
    fn all(text: &str) -> Vec<(String, String)> {
        let e = from_json::<OrderRequest>(text, "request").unwrap_err();
        e.errors().iter().map(|p| (p.code.clone(), p.path.clone())).collect()
    }

    #[test]
    fn every_read_problem_is_listed() {
        // (text, every problem's code and path) — issue 18: one row per way the listing goes on
        let rows: [(&str, &[(&str, &str)]); 6] = [
            // five problems, at the root, in a list and in an object, in document order
            (r#"{"product_name_id": 5, "as_of": 7, "certificate": {"dns_names": ["a", 2, 3]}, "order_validity": {"days": "x"}}"#,
                &[("invalid_value:product_name_id", "product_name_id"), ("invalid_value:as_of", "as_of"),
                  ("invalid_value:dns_names", "certificate.dns_names[1]"), ("invalid_value:dns_names", "certificate.dns_names[2]"),
                  ("invalid_value:validity_days", "order_validity.days")]),
            // two bad fields in each of two entries; an entry's positions stay the document's
            (r#"{"product_name_id": "p", "subscription": {"start_date": 1, "licenses": [
                {"product_name_id": 1, "asset_type": "x"}, {"product_name_id": "p", "asset_type": "fqdn", "quantity": "2", "added_on": 3}]}}"#,
                &[("invalid_value:start_date", "subscription.start_date"), ("invalid_value:product_name_id", "subscription.licenses[0].product_name_id"),
                  ("invalid_value:asset_type", "subscription.licenses[0].asset_type"), ("invalid_value:quantity", "subscription.licenses[1].quantity"),
                  ("invalid_value:added_on", "subscription.licenses[1].added_on")]),
            // a field the caller left out is said; one taken out to read on is not
            (r#"{"product_name_id": "p", "subscription": {"start_date": "2026-01-01", "licenses": [
                {"asset_type": "fqdn"}, {"product_name_id": 5, "asset_type": "fqdn"}, {"product_name_id": "p", "asset_type": 1}]}}"#,
                &[("invalid_value:product_name_id", "subscription.licenses[0].product_name_id"),
                  ("invalid_value:product_name_id", "subscription.licenses[1].product_name_id"),
                  ("invalid_value:asset_type", "subscription.licenses[2].asset_type")]),
            // a required field missing at the root ends the listing: everything else was read
            (r#"{"as_of": 5, "certificate": {"common_name": 1}}"#,
                &[("invalid_value:as_of", "as_of"), ("invalid_value:common_name", "certificate.common_name"),
                  ("invalid_value:product_name_id", "product_name_id")]),
            // not JSON further on: said after what was found before it
            (r#"{"as_of": 5, "certificate": {"common_name": [1,}}"#,
                &[("invalid_value:as_of", "as_of"), ("invalid_value:request", "request")]),
            // not JSON at all: one problem
            (r#"{"as_of": "#, &[("invalid_value:request", "request")]),
        ];
        for (text, want) in rows {
            let want: Vec<(String, String)> = want.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect();
            assert_eq!(all(text), want, "{text}");
        }
    }

    #[test]
    fn a_long_listing_stops_at_the_cap() {
        let names: Vec<String> = (0..150).map(|i| i.to_string()).collect();
        let text = format!(r#"{{"product_name_id": "p", "certificate": {{"dns_names": [{}]}}}}"#, names.join(","));
        let e = from_json::<OrderRequest>(&text, "request").unwrap_err();
        assert_eq!(e.errors().len(), MAX_PROBLEMS + 1);
        assert_eq!(e.errors().get(99).map(|p| p.path.as_str()), Some("certificate.dns_names[99]"));
        let last = e.errors().last().unwrap();
        assert_eq!((last.code.as_str(), last.message.as_str()), ("invalid_value:dns_names", "and perhaps more problems: reading stopped after the first 100"));
        // past MAX_LISTED_TEXT, the first problem and a word that reading stopped there
        let text = format!(r#"{{"product_name_id": 1, "as_of": 2, "label": "{}"}}"#, "x".repeat(MAX_LISTED_TEXT));
        let e = from_json::<OrderRequest>(&text, "request").unwrap_err();
        assert_eq!(e.errors().len(), 2);
        assert!(e.errors()[1].message.contains("read up to its first"), "{}", e.errors()[1].message);
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
