//! Reading callers' values and writing answers, with serde_json.
//!
//! A document is read **once**, by serde_json with serde's derived readers and no path tracking. Every field
//! of an input type is a [`Read`]: a value that could not be read (a number where a string belongs, a list
//! over its limit) is kept as the reason why, and reading goes on. The domain code, which checks every field
//! anyway, then tells each such problem at its path, beside its own problems, in one list with one cap
//! ([`crate::MAX_PROBLEMS`]). So a document that reads well pays nothing for the error path, and one that
//! does not is told every problem in one pass. The browser boundary (`crate::wasm`) hands this reader the
//! text of a guarded `JSON.stringify`, so a caller is answered and refused alike, byte for byte, wherever it
//! calls from.

use crate::error::{Error, Problem, Result};
use crate::text::{clip, clip_to};
use serde::de::{self, value, Deserialize, DeserializeOwned, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

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

/// The longest reason a value could not be read, in characters: a reader's message quotes the value (a 1 MB
/// string must not make a 1 MB message), and names what it expected.
const MAX_READ_MESSAGE: usize = 160;

/// The longest name a certificate list (`dns_names`, `emails`, a plan's `drop`) may hold, in bytes: far
/// above any domain (253) or address (254), and small enough that a list of them stays small.
pub const MAX_NAME_BYTES: usize = 1024;

/// One field of a caller's value, as read: absent (or `null`), a value that could not be read (with why), or
/// the value.
///
/// # Example
/// ```
/// use certcalc::{Read, SubscriptionInput};
/// let s: SubscriptionInput = certcalc::from_json(r#"{ "start_date": 20260101 }"#, "subscription").unwrap();
/// assert_eq!(s.start_date, Read::Bad("invalid type: integer `20260101`, expected a string".into()));
/// assert!(s.licenses.is_absent());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Read<T> {
    /// Not given, or `null`.
    #[default]
    Absent,
    /// Given, but not readable as this field: why, in serde's words.
    Bad(String),
    /// The value.
    Ok(T),
}

impl<T> From<T> for Read<T> {
    fn from(v: T) -> Self {
        Read::Ok(v)
    }
}

/// `None` is absent.
impl<T> From<Option<T>> for Read<T> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Read::Absent, Read::Ok)
    }
}

impl From<&str> for Read<String> {
    fn from(s: &str) -> Self {
        Read::Ok(s.to_owned())
    }
}

impl From<&str> for Read<DecimalString> {
    fn from(s: &str) -> Self {
        Read::Ok(DecimalString(s.to_owned()))
    }
}

impl<T, const N: usize> From<Vec<T>> for Read<List<T, N>> {
    fn from(v: Vec<T>) -> Self {
        Read::Ok(List::from(v))
    }
}

impl<T> Read<T> {
    /// The value, when it was read.
    pub fn ok(&self) -> Option<&T> {
        match self {
            Read::Ok(v) => Some(v),
            _ => None,
        }
    }

    /// Whether the field was left out (or `null`).
    pub fn is_absent(&self) -> bool {
        matches!(self, Read::Absent)
    }

    /// The value; absent is `None`; one that could not be read is `invalid_value:<field>` at `field`.
    ///
    /// # Errors
    /// `invalid_value:<field>`, the message saying what was expected.
    pub fn optional(&self, field: &str) -> Result<Option<&T>> {
        self.at(field, field).map_err(Error::from)
    }

    /// Whether the field was given but could not be read.
    pub fn is_bad(&self) -> bool {
        matches!(self, Read::Bad(_))
    }

    /// The value when given, `None` when absent; one that could not be read is an `invalid_value:<field>`
    /// problem at `path`, written only then.
    pub(crate) fn at(&self, field: &str, path: impl fmt::Display) -> std::result::Result<Option<&T>, Problem> {
        match self {
            Read::Absent => Ok(None),
            Read::Bad(why) => Err(Problem::at(field, path.to_string(), why)),
            Read::Ok(v) => Ok(Some(v)),
        }
    }

    /// The value of a required field.
    ///
    /// # Errors
    /// As [`Read::optional`], and `invalid_value:<field>` "required" when it is absent.
    pub fn required(&self, field: &str) -> Result<&T> {
        self.optional(field)?.ok_or_else(|| Error::invalid(field, "required"))
    }
}

/// Written as its value, for a price list sent back by `catalog()`; absent and unread fields as `null`
/// (skipped where the writer says so).
impl<T: Serialize> Serialize for Read<T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Read::Ok(v) => v.serialize(s),
            _ => s.serialize_none(),
        }
    }
}

/// Read as an option first: a field left out (serde's missing field) and `null` are [`Lenient::null`], so a
/// required field needs no `#[serde(default)]` and its generated TypeScript type stays required.
impl<'de, T: Lenient> Deserialize<'de> for Read<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Present<T>(PhantomData<T>);
        impl<'de, T: Lenient> Visitor<'de> for Present<T> {
            type Value = Read<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_none<E: de::Error>(self) -> std::result::Result<Read<T>, E> {
                Ok(T::null())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Read<T>, D::Error> {
                T::read(d)
            }
        }
        d.deserialize_option(Present(PhantomData))
    }
}

/// A type read leniently as a [`Read`] field: what it accepts is read, anything else is kept as the reason.
pub trait Lenient: Sized {
    /// Reads one value, consuming it whatever it is.
    ///
    /// # Errors
    /// Only what no field can recover from: text that is not JSON, or a key given twice in one object.
    fn read<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Read<Self>, D::Error>;

    /// What `null`, or a required field left out, reads as: absent.
    fn null() -> Read<Self> {
        Read::Absent
    }
}

/// What a leaf field holds: strings (text, decimal strings, names of a vocabulary), whole numbers or booleans.
#[derive(PartialEq, Eq)]
pub(crate) enum Kind {
    Str,
    Whole,
    Bool,
}

/// A single value read from one JSON scalar by its own serde reader; `EXPECTED` is said otherwise.
pub(crate) trait Leaf: DeserializeOwned {
    const KIND: Kind;
    const EXPECTED: &'static str;
}

/// What a caller gave where a field expected something else, as a reason names it: serde's words, except
/// that a number with a fraction is described rather than quoted, and a string is quoted as [`clip`] escapes
/// it, so that neither the float formatter nor `Debug`'s Unicode tables are linked into the web module (about
/// 25 kB of code, BENCHMARKS.md).
enum Got<'a> {
    Bool(bool),
    Signed(i64),
    Unsigned(u64),
    Fraction,
    Str(&'a str),
    List,
    Object,
    Other(&'static str),
}

impl fmt::Display for Got<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Got::Bool(b) => write!(f, "boolean `{b}`"),
            Got::Signed(n) => write!(f, "integer `{n}`"),
            Got::Unsigned(n) => write!(f, "integer `{n}`"),
            Got::Fraction => f.write_str("a number with a fraction, an exponent or over 64 bits"),
            Got::Str(s) => write!(f, "string \"{}\"", clip(s)),
            Got::List => f.write_str("sequence"),
            Got::Object => f.write_str("map"),
            Got::Other(what) => f.write_str(what),
        }
    }
}

/// The reason a value of the wrong kind is not read.
fn unexpected(got: Got<'_>, expected: &str) -> String {
    format!("invalid type: {got}, expected {expected}")
}

/// A visitor's method for a JSON number with a fraction or an exponent: serde's reader hands it over as an
/// `f64`, which is dropped unread and the field refused with a reason that describes it. No float is ever
/// kept or computed with; money is read only from decimal strings.
macro_rules! refuse_fraction {
    ($expected:expr) => {
        fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Self::Value, E> {
            Ok(Read::Bad(unexpected(Got::Fraction, $expected)))
        }
    };
}

/// Reads a leaf: a scalar of its kind through the type's own reader, anything else as the reason.
struct LeafVisitor<T>(PhantomData<T>);

impl<T: Leaf> LeafVisitor<T> {
    /// A scalar of kind `kind`: read by `T`'s own reader when it is `T`'s kind (`what` says it otherwise).
    fn from<'a, D: Deserializer<'a, Error = value::Error>>(kind: Kind, d: D, what: impl FnOnce() -> String) -> Read<T> {
        if kind != T::KIND {
            return Read::Bad(what());
        }
        match T::deserialize(d) {
            Ok(v) => Read::Ok(v),
            Err(e) => Read::Bad(clip_to(&e.to_string(), MAX_READ_MESSAGE)),
        }
    }
}

impl<'de, T: Leaf> Visitor<'de> for LeafVisitor<T> {
    type Value = Read<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Read<T>, E> {
        Ok(Self::from(Kind::Bool, v.into_deserializer(), || unexpected(Got::Bool(v), T::EXPECTED)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Read<T>, E> {
        Ok(Self::from(Kind::Whole, v.into_deserializer(), || unexpected(Got::Signed(v), T::EXPECTED)))
    }
    // Past `i64::MAX`, said here rather than by serde's `i64` reader, whose message would link serde's
    // `Unexpected` and with it the float formatter.
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Read<T>, E> {
        match i64::try_from(v) {
            Ok(v) => self.visit_i64(v),
            Err(_) if T::KIND == Kind::Whole => Ok(Read::Bad(format!("invalid value: integer `{v}`, expected {} of at most 64 bits", T::EXPECTED))),
            Err(_) => Ok(Read::Bad(unexpected(Got::Unsigned(v), T::EXPECTED))),
        }
    }
    refuse_fraction!(T::EXPECTED);
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Read<T>, E> {
        Ok(Self::from(Kind::Str, v.into_deserializer(), || unexpected(Got::Str(v), T::EXPECTED)))
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Read<T>, E> {
        Ok(leaf_null::<T>())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<Read<T>, A::Error> {
        drain_seq(seq)?;
        Ok(Read::Bad(unexpected(Got::List, T::EXPECTED)))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Read<T>, A::Error> {
        drain_map(map)?;
        Ok(Read::Bad(unexpected(Got::Object, T::EXPECTED)))
    }
}

/// `null` where a leaf is expected. `JSON.stringify` writes `NaN` and `Infinity` as `null`: a count that went
/// wrong must not silently become its default, so a whole number's `null` is refused (the whole-number fields
/// that are required keep `#[serde(default)]`, so that leaving one out reads as absent, "required").
fn leaf_null<T: Leaf>() -> Read<T> {
    match T::KIND {
        Kind::Whole => Read::Bad(unexpected(Got::Other("null (NaN and Infinity are written as null)"), T::EXPECTED)),
        _ => Read::Absent,
    }
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> std::result::Result<usize, A::Error> {
    let mut n = 0usize;
    while seq.next_element::<IgnoredAny>()?.is_some() {
        n = n.saturating_add(1);
    }
    Ok(n)
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> std::result::Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

macro_rules! leaves {
    ($($t:ty: $kind:ident, $expected:expr;)*) => {$(
        impl Leaf for $t {
            const KIND: Kind = Kind::$kind;
            const EXPECTED: &'static str = $expected;
        }
        impl Lenient for $t {
            fn read<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Read<Self>, D::Error> {
                d.deserialize_any(LeafVisitor::<$t>(PhantomData))
            }
            fn null() -> Read<Self> {
                leaf_null::<$t>()
            }
        }
    )*};
}

leaves! {
    String: Str, "a string";
    bool: Bool, "a boolean";
    i64: Whole, "a whole number";
    DecimalString: Str, "a decimal string such as \"400.00\"";
    Name: Str, "a string";
    crate::AssetType: Str, "a string";
    crate::Family: Str, "a string";
    crate::Proration: Str, "a string";
}

/// A visitor's methods for every JSON scalar where a list or an object belongs: `null` is absent, any other
/// scalar the reason it is not `$expected`.
macro_rules! scalars {
    ($expected:literal) => {
        fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(Read::Absent)
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Self::Value, E> {
            Ok(Read::Bad(unexpected(Got::Bool(v), $expected)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
            Ok(Read::Bad(unexpected(Got::Signed(v), $expected)))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
            Ok(Read::Bad(unexpected(Got::Unsigned(v), $expected)))
        }
        refuse_fraction!($expected);
        fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
            Ok(Read::Bad(unexpected(Got::Str(v), $expected)))
        }
    };
}

/// A visitor's methods for everything but an object: `null` is absent, anything else the reason it is not one.
macro_rules! only_objects {
    () => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<Self::Value, A::Error> {
            drain_seq(seq)?;
            Ok(Read::Bad(unexpected(Got::List, "an object")))
        }
        scalars!("an object");
    };
}

/// Reads an object: its fields are [`Read`]s, so only a key given twice stops it.
pub(crate) struct ObjectVisitor<T>(pub(crate) PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = Read<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Read<T>, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Read::Ok)
    }
    only_objects!();
}

/// Implements [`Lenient`] for input types read from a JSON object.
macro_rules! objects {
    ($($t:ty),* $(,)?) => {$(
        impl crate::json::Lenient for $t {
            fn read<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<crate::json::Read<Self>, D::Error> {
                d.deserialize_any(crate::json::ObjectVisitor::<$t>(std::marker::PhantomData))
            }
        }
    )*};
}
pub(crate) use objects;

/// The most keys an object keyed by data ([`Keyed`]) holds: a price list's hold at most six (families).
pub const MAX_KEYS: usize = 64;

/// An object keyed by data rather than by field names (asset types, years, families): its keys in the order
/// given, each value read leniently, a repeated key's last value kept (as `JSON.parse` keeps it), and at most
/// [`MAX_KEYS`] keys. A list of pairs rather than a map: it holds a handful, is read once and walked once,
/// and a map's code for its three value types would be 3 kB of the web module (BENCHMARKS.md).
///
/// # Example
/// ```
/// use certcalc::{Keyed, Read};
/// let mut days: Keyed<i64> = [("tls".to_owned(), Read::Ok(397))].into_iter().collect();
/// days.insert("tls".to_owned(), Read::Ok(199));
/// assert_eq!(days.get("tls"), Some(&Read::Ok(199)));
/// assert_eq!(days.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyed<V>(Vec<(String, Read<V>)>);

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<V> Keyed<V> {
    /// Sets `key` to `value`, in place when the key is already there.
    pub fn insert(&mut self, key: String, value: Read<V>) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key, value)),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Read<V>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it holds no key.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V> FromIterator<(String, Read<V>)> for Keyed<V> {
    fn from_iter<I: IntoIterator<Item = (String, Read<V>)>>(entries: I) -> Self {
        let mut out = Keyed::default();
        for (k, v) in entries {
            out.insert(k, v);
        }
        out
    }
}

/// The pairs, in the order given.
impl<'a, V> IntoIterator for &'a Keyed<V> {
    type Item = &'a (String, Read<V>);
    type IntoIter = std::slice::Iter<'a, (String, Read<V>)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<V: Serialize> Serialize for Keyed<V> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

struct KeyedVisitor<V>(PhantomData<V>);

impl<'de, V: Lenient> Visitor<'de> for KeyedVisitor<V> {
    type Value = Read<Keyed<V>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Self::Value, A::Error> {
        let mut out = Keyed::default();
        while let Some(key) = map.next_key::<String>()? {
            if out.len() == MAX_KEYS && out.get(&key).is_none() {
                map.next_value::<IgnoredAny>()?;
                let mut more = MAX_KEYS + 1;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
                    more = more.saturating_add(1);
                }
                return Ok(Read::Bad(format!("{more} keys: an object here holds at most {MAX_KEYS}")));
            }
            let value = map.next_value::<Read<V>>()?;
            out.insert(key, value);
        }
        Ok(Read::Ok(out))
    }
    only_objects!();
}

impl<V: Lenient> Lenient for Keyed<V> {
    fn read<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Read<Self>, D::Error> {
        d.deserialize_any(KeyedVisitor::<V>(PhantomData))
    }
}

/// A list of at most `N` entries, each read leniently. A longer list is not kept: its entries past the
/// limit are skipped as they are read, so a caller's 10-million-entry list costs `N` entries of memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List<T, const N: usize>(pub Vec<Read<T>>);

impl<T, const N: usize> List<T, N> {
    /// The entries, with their positions.
    pub fn entries(&self) -> impl Iterator<Item = (usize, &Read<T>)> {
        self.0.iter().enumerate()
    }
}

impl<T, const N: usize> From<Vec<T>> for List<T, N> {
    fn from(v: Vec<T>) -> Self {
        List(v.into_iter().map(Read::Ok).collect())
    }
}

impl<T: Serialize, const N: usize> Serialize for List<T, N> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

struct ListVisitor<T, const N: usize>(PhantomData<T>);

impl<'de, T: Lenient, const N: usize> Visitor<'de> for ListVisitor<T, N> {
    type Value = Read<List<T, N>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {N} entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(N).min(1024));
        while let Some(v) = seq.next_element::<Read<T>>()? {
            if out.len() == N {
                let more = drain_seq(seq)?.saturating_add(N + 1);
                return Ok(Read::Bad(format!("{more} entries: a list here holds at most {N}")));
            }
            out.push(v);
        }
        Ok(Read::Ok(List(out)))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Self::Value, A::Error> {
        drain_map(map)?;
        Ok(Read::Bad(unexpected(Got::Object, "a list")))
    }
    scalars!("a list");
}

impl<T: Lenient, const N: usize> Lenient for List<T, N> {
    fn read<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Read<Self>, D::Error> {
        d.deserialize_any(ListVisitor::<T, N>(PhantomData))
    }
}

/// A name of a certificate list (`dns_names`, `emails`, a plan's `drop`): a string of at most
/// [`MAX_NAME_BYTES`]. A longer one is not kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Name(pub String);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.len() > MAX_NAME_BYTES {
            return Err(de::Error::custom(format!("longer than {MAX_NAME_BYTES} bytes")));
        }
        Ok(Name(s))
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        Name(s.to_owned())
    }
}

/// A decimal string read where money is expected: any string (checked against the currency later), never a
/// number, which would have gone through a float on the caller's side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct DecimalString(pub String);

impl From<&str> for DecimalString {
    fn from(s: &str) -> Self {
        DecimalString(s.to_owned())
    }
}

/// Reads one argument from JSON text; `root` names it in errors (`request`, `price_list`, ...).
///
/// Fields certcalc does not know are skipped, and `null` is an absent field. A field that cannot be read is
/// kept as the reason why (see [`Read`]): the function that takes the value tells it, at its path, with
/// every other problem of the call.
///
/// # Errors
/// `invalid_value:<root>` when the text is not JSON, is not an object, or gives a key twice in one object.
///
/// # Example
/// ```
/// use certcalc::{PriceList, PriceListInput};
/// let input = certcalc::from_json::<PriceListInput>(r#"{ "currency": "USD", "products": [
///     { "product_name_id": "x", "name": "X", "family": "tls", "annual_prices": { "fqdn": 400 } },
///     { "product_name_id": "y", "name": 7, "family": "tls", "annual_prices": { "fqdn": "400.00" } } ] }"#,
///     "price_list").unwrap();
/// let err = PriceList::parse(&input).unwrap_err();
/// assert_eq!(err.code(), "invalid_value:annual_prices"); // money is a decimal string, never a number
/// assert_eq!(err.message(), "products[0].annual_prices.fqdn: invalid type: integer `400`, expected a decimal string such as \"400.00\"");
/// assert_eq!(err.errors()[1].path, "products[1].name");
/// ```
pub fn from_json<T: Lenient>(text: &str, root: &'static str) -> Result<T> {
    if text.len() > MAX_TEXT {
        return Err(Error::invalid(root, format!("not JSON: the text is longer than {MAX_TEXT} bytes")));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let read = Read::<T>::deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    match read {
        Ok(Read::Ok(v)) => Ok(v),
        Ok(Read::Bad(why)) => Err(Error::invalid(root, why)),
        Ok(Read::Absent) => Err(Error::invalid(root, unexpected(Got::Other("unit value"), "an object"))),
        Err(e) => {
            let what = if e.is_data() { "cannot be read" } else { "not JSON" };
            Err(Error::invalid(root, format!("{what}: {}", clip(&e.to_string()))))
        }
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
    // Room for a small answer from the start (an estimate of a few names is about 500 bytes), where
    // `to_string` starts at 128 and copies it twice on the way. Every answer is plain structs, strings and
    // numbers: serde_json cannot fail on them, and writes UTF-8.
    let mut text = Vec::with_capacity(1024);
    match serde_json::to_writer(&mut text, value) {
        Ok(()) => String::from_utf8(text).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{estimate, OrderRequest, PaymentInput, PriceList};

    /// (code, path) of every problem of `text` read and estimated as an order request.
    fn all(text: &str) -> Vec<(String, String)> {
        let e = from_json::<OrderRequest>(text, "request").and_then(|r| estimate(&r, PriceList::embedded())).unwrap_err();
        e.errors().iter().map(|p| (p.code.clone(), p.path.clone())).collect()
    }

    fn first(text: &str) -> (String, String) {
        let e = from_json::<OrderRequest>(text, "request").and_then(|r| estimate(&r, PriceList::embedded())).unwrap_err();
        (e.code().to_owned(), e.message().to_owned())
    }

    #[test]
    fn errors_name_the_field_and_its_path() {
        // (text, code, first message) — one row per kind of reading problem
        let p = r#""product_name_id": "ssl_basic""#;
        let rows = [
            ("{\"a\": [1, }".to_owned(), "invalid_value:request", "request: not JSON: expected value at line 1 column 11"),
            (format!(r#"{{{p}, "as_of": "d"}} x"#), "invalid_value:request", "request: not JSON: trailing characters at line 1 column 48"),
            (format!(r#"{{{p}, "as_of": "d", "as_of": "e"}}"#), "invalid_value:request", "request: cannot be read: duplicate field `as_of` at line 1 column 54"),
            ("\"x\"".to_owned(), "invalid_value:request", "request: invalid type: string \"x\", expected an object"),
            ("[1]".to_owned(), "invalid_value:request", "request: invalid type: sequence, expected an object"),
            ("{\"as_of\": \"2026-01-01\"}".to_owned(), "invalid_value:product_name_id", "product_name_id: required"),
            (format!(r#"{{{p}, "as_of": 5}}"#), "invalid_value:as_of", "as_of: invalid type: integer `5`, expected a string"),
            (format!(r#"{{{p}, "as_of": "2026-01-01", "certificate": {{"dns_names": ["a.example", 2]}}}}"#),
                "invalid_value:dns_names", "certificate.dns_names[1]: invalid type: integer `2`, expected a string"),
            (format!(r#"{{{p}, "as_of": "2026-01-01", "certificate": {{"common_name": "a.example"}}, "order_validity": {{"days": 1.5}}}}"#),
                "invalid_value:validity_days", "order_validity.days: invalid type: a number with a fraction, an exponent or over 64 bits, expected a whole number"),
            (format!(r#"{{{p}, "as_of": "2026-01-01", "certificate": {{"common_name": "a.example"}}, "validity_days": 9223372036854775808}}"#),
                "invalid_value:validity_days", "validity_days: invalid value: integer `9223372036854775808`, expected a whole number of at most 64 bits"),
            (format!(r#"{{{p}, "as_of": "2026-01-01", "certificate": {{"common_name": "a.example"}}, "validity_days": true}}"#),
                "invalid_value:validity_days", "validity_days: invalid type: boolean `true`, expected a whole number"),
            (format!(r#"{{{p}, "as_of": 18446744073709551615}}"#), "invalid_value:as_of", "as_of: invalid type: integer `18446744073709551615`, expected a string"),
            (format!(r#"{{{p}, "as_of": "2026-01-01", "certificate": {{"common_name": "a.example", "cert_validity": {{"days": "x"}}}}}}"#),
                "invalid_value:cert_validity", "certificate.cert_validity.days: invalid type: string \"x\", expected a whole number"),
            (format!(r#"{{{p}, "as_of": "2026-01-01", "certificate": {{"common_name": "a.example"}}, "validity_days": null}}"#),
                "invalid_value:validity_days", "validity_days: invalid type: null (NaN and Infinity are written as null), expected a whole number"),
            (format!(r#"{{{p}, "as_of": "2026-01-01", "subscription": {{"licenses": []}}}}"#),
                "invalid_value:start_date", "subscription.start_date: required"),
            (format!(r#"{{{p}, "as_of": "2026-01-01", "subscription": {{"start_date": "2026-01-01", "proration": "weekly"}}}}"#),
                "invalid_value:proration", "subscription.proration: unknown variant `weekly`, expected `daily` or `monthly`"),
        ];
        for (text, code, message) in rows {
            assert_eq!(first(&text), (code.to_owned(), message.to_owned()), "{text}");
        }
    }

    #[test]
    fn every_problem_is_listed_in_one_pass() {
        // (text, every problem's code and path): reading and domain problems in one list
        let rows: [(&str, &[(&str, &str)]); 3] = [
            (r#"{"product_name_id": "ssl_basic", "as_of": 7, "certificate": {"dns_names": ["a.example", 2, "-bad-"]}, "order_validity": {"days": "x"}}"#,
                &[("invalid_value:as_of", "as_of"), ("invalid_value:dns_names", "certificate.dns_names[1]"),
                  ("invalid_value:dns_names", "certificate.dns_names[2]"), ("invalid_value:validity_days", "order_validity.days")]),
            (r#"{"product_name_id": "ssl_basic", "as_of": "2026-02-01", "certificate": {"common_name": "a.example"}, "subscription": {"start_date": 1, "licenses": [
                {"product_name_id": 1, "asset_type": "x"}, {"product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": "2", "added_on": 3}, 5]}}"#,
                &[("invalid_value:start_date", "subscription.start_date"), ("invalid_value:product_name_id", "subscription.licenses[0].product_name_id"),
                  ("invalid_value:asset_type", "subscription.licenses[0].asset_type"), ("invalid_value:quantity", "subscription.licenses[1].quantity"),
                  ("invalid_value:added_on", "subscription.licenses[1].added_on"), ("invalid_value:licenses", "subscription.licenses[2]")]),
            (r#"{"product_name_id": "ssl_basic", "as_of": "2026-02-01", "certificate": {"common_name": 1}}"#,
                &[("invalid_value:common_name", "certificate.common_name")]),
        ];
        for (text, want) in rows {
            let want: Vec<(String, String)> = want.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect();
            assert_eq!(all(text), want, "{text}");
        }
    }

    #[test]
    fn a_long_listing_stops_at_the_cap() {
        let names: Vec<String> = (0..150).map(|i| i.to_string()).collect();
        let text = format!(r#"{{"product_name_id": "ssl_basic", "as_of": "2026-01-01", "certificate": {{"dns_names": [{}]}}}}"#, names.join(","));
        let e = from_json::<OrderRequest>(&text, "request").and_then(|r| estimate(&r, PriceList::embedded())).unwrap_err();
        assert_eq!(e.errors().len(), crate::MAX_PROBLEMS + 1);
        assert_eq!(e.errors().get(99).map(|p| p.path.as_str()), Some("certificate.dns_names[99]"));
        let last = e.errors().last().unwrap();
        assert_eq!((last.code.as_str(), last.message.as_str()), ("invalid_value:dns_names", "and 50 more problems (the first 100 are listed)"));
    }

    #[test]
    fn a_list_over_its_limit_is_refused_where_it_is_read() {
        let long = format!("[{}]", vec!["1"; 1_500].join(","));
        let r: OrderRequest = from_json(&format!(r#"{{"certificate": {{"dns_names": {long}}}}}"#), "request").unwrap();
        let names = r.certificate.ok().map(|c| c.dns_names.clone());
        assert_eq!(names, Some(Read::Bad("1500 entries: a list here holds at most 1000".into())));
        let r: OrderRequest = from_json(&format!(r#"{{"certificate": {{"dns_names": ["{}"]}}}}"#, "a".repeat(MAX_NAME_BYTES + 1)), "request").unwrap();
        let name = r.certificate.ok().and_then(|c| c.dns_names.ok().and_then(|l| l.0.first().cloned()));
        assert_eq!(name, Some(Read::Bad("longer than 1024 bytes".into())));
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
        let p: PaymentInput = from_json(r#"{"amount_due": 10, "currency": "USD"}"#, "payment").unwrap();
        let e = crate::pay_renewal(&p).unwrap_err();
        assert_eq!(e.code(), "invalid_value:amount_due");
        assert!(e.message().contains("expected a decimal string"), "{}", e.message());
    }

    #[test]
    fn quoted_values_are_clipped() {
        let text = format!(r#"{{"start_date": "2026-01-01", "proration": "{}"}}"#, "x".repeat(100_000));
        let s: crate::SubscriptionInput = from_json(&text, "subscription").unwrap();
        let e = crate::renewal_quote(&s, PriceList::embedded()).unwrap_err();
        assert_eq!(e.code(), "invalid_value:proration");
        assert!(e.message().chars().count() < 250, "{}", e.message().len());
    }
}
