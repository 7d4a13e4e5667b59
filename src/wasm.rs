//! The JavaScript API (DESIGN §2), and the only module with wasm-bindgen in it. Every export does the same
//! four steps: read its input, call the core, convert the answer (one JSON string, `JSON.parse`d), convert the error.
//! The TypeScript interfaces below are the contract of the generated `.d.ts`.
//!
//! Input is read by [`Js`], a small serde deserializer over JavaScript values, rather than by
//! serde-wasm-bindgen's, whose type errors format the offending value with wasm-bindgen's `debugString`
//! (unbounded recursion on nested or cyclic arrays: a `RangeError` escapes through the wasm frames), whose
//! errors display as `"Error: …"` (hiding the missing field's name), which lets a throwing getter's exception
//! through, and which copies every string in full before the core's limits apply (100,000 references to
//! one 1 MB string: out of memory, `RuntimeError: unreachable`). Answers cross as one JSON string that the engine
//! parses: one crossing instead of one per field and per string (2.5× faster for a 250-name estimate, measured).

use crate::{Error, PriceList, PriceListInput};
use js_sys::{Array, JsString, Reflect};
use serde::de::value::CowStrDeserializer;
use serde::de::{
    DeserializeOwned, DeserializeSeed, Error as _, Expected, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde::{forward_to_deserialize_any, Deserializer, Serialize};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

type JsResult = Result<JsValue, JsValue>;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** An amount of money: a decimal string with at most the currency's decimals, e.g. `"301.37"` — never a number. */
export type Decimal = string;
/** A calendar date, `"YYYY-MM-DD"`. */
export type DateString = string;
/** An ISO 4217 currency code, e.g. `"USD"`. */
export type CurrencyCode = string;
/** What an asset is (R1). Types never substitute for each other. */
export type AssetType = "fqdn" | "wildcard" | "email_domain" | "email_address" | "organization";
/** A product family (R1). */
export type Family = "tls" | "verified_mark" | "common_mark" | "secure_email" | "code_signing" | "document_signing";
/** How an addition is prorated (R4): by remaining days (the default) or by remaining months. */
export type Proration = "daily" | "monthly";
/** How an order is paid: `subscription` on a subscription account, else the requested method. */
export type PaymentMethod = "subscription" | "balance" | "card" | "new_card";

/** One problem of a refusal. */
export interface CertcalcProblem {
  /** `insufficient_subscription`, `invalid_value:<field>`, `balance_deposit_not_allowed`, ... */
  code: string;
  message: string;
}
/**
 * What every function throws: a real `Error` (`err instanceof Error`) whose `code` and `message` are the
 * first problem's and whose `errors` lists every problem, in CertCentral's shape.
 */
export interface CertcalcError extends Error {
  code: string;
  errors: CertcalcProblem[];
}

/** A product of a price list. */
export interface Product {
  product_name_id: string;
  name: string;
  family: Family;
  /** The 12-month price of one asset, per asset type the family protects. */
  annual_prices: Partial<Record<AssetType, Decimal>>;
}
/** A price list; its currency's minor unit rules all rounding. */
export interface PriceList {
  currency: CurrencyCode;
  label?: string;
  products: Product[];
}

/** A license of a subscription: bound to one `asset`, or `quantity` unbound slots (default 1). */
export interface License {
  product_name_id: string;
  asset_type: AssetType;
  asset?: string;
  quantity?: number;
  added_on?: DateString;
}
/** A subscription: a 12-month term from `start_date` and its pool of licenses (R2). */
export interface Subscription {
  start_date: DateString;
  proration?: Proration;
  licenses?: License[];
}

/** What a certificate names; a family reads only the fields it uses. */
export interface Certificate {
  common_name?: string;
  dns_names?: string[];
  emails?: string[];
  organization?: string;
}
export interface OrderValidity {
  years?: number;
  days?: number;
  custom_expiration_date?: DateString;
}
/** An order or price-estimate request; with no `subscription`, a Multi-year Plan account (R9). */
export interface OrderRequest {
  product_name_id: string;
  certificate?: Certificate;
  order_validity?: OrderValidity;
  /** The day the estimate is for (certcalc never reads a clock). */
  as_of: DateString;
  subscription?: Subscription;
  /** `balance` (default), `card` or `new_card` before subscription; ignored on a subscription. */
  payment_method?: string;
}

export interface Units {
  units: number;
  subtotal: Decimal;
}
/** One asset's price. */
export interface EstimateLine {
  asset: string;
  asset_type: AssetType;
  covered: boolean;
  annual_price: Decimal;
  remaining_days?: number;
  term_days?: number;
  remaining_months?: number;
  years?: number;
  price: Decimal;
}
export interface Estimate {
  currency: CurrencyCode;
  payment_method: PaymentMethod;
  total_price: Decimal;
  fqdns: Units;
  wildcards: Units;
  lines: EstimateLine[];
  /** What the next renewal costs once the estimated assets are added (subscriptions only). */
  renewal_total_after?: Decimal;
  /** The order's years (Multi-year Plan only). */
  years?: number;
}
export interface OrderAccepted {
  ok: true;
  payment_method: PaymentMethod;
  total_price: Decimal;
  lines: EstimateLine[];
}

export interface RenewalLine {
  product_name_id: string;
  asset_type: AssetType;
  asset?: string;
  quantity: number;
  annual_price: Decimal;
  price: Decimal;
}
export interface RenewalQuote {
  currency: CurrencyCode;
  renewal_date: DateString;
  renewed_until: DateString;
  lines: RenewalLine[];
  total: Decimal;
}

/** A saved credit card; without `available_credit` it takes whatever it is charged. */
export interface Card {
  id: string;
  is_default?: boolean;
  available_credit?: Decimal;
}
export interface PaymentRequest {
  amount_due: Decimal;
  currency: CurrencyCode;
  account_balance?: Decimal;
  cards?: Card[];
  /** Always refused on a subscription account (`balance_deposit_not_allowed`). */
  deposit?: Decimal;
}
export interface PaymentStep {
  source: "account_balance" | "credit_card";
  card_id?: string;
  available: Decimal;
  charged: Decimal;
  remaining_due: Decimal;
}
export interface Payment {
  currency: CurrencyCode;
  status: "paid" | "declined" | "no_payment_method";
  steps: PaymentStep[];
  collected: Decimal;
  shortfall: Decimal;
  balance_after: Decimal;
}

/** One dated event of a plan: exactly one action. */
export type PlanEvent =
  /** Licenses added that day, prorated (R4). */
  | { date: DateString; add: License[] }
  /** Assets taken out at the next renewal, without refund. */
  | { date: DateString; drop: string[] }
  /** A marker on a renewal date, for the renewal that happens anyway. */
  | { date: DateString; renew: true }
  /** A deposit to the balance: always refused (`balance_deposit_not_allowed`). */
  | { date: DateString; deposit: Decimal };
/** A subscription's start, its dated events and a horizon of `years` consecutive 12-month terms. */
export interface Plan {
  start_date: DateString;
  proration?: Proration;
  licenses?: License[];
  events?: PlanEvent[];
  years: number;
}
export interface LedgerLine {
  product_name_id: string;
  asset_type: AssetType;
  asset?: string;
  quantity: number;
  annual_price: Decimal;
  remaining_days?: number;
  term_days?: number;
  remaining_months?: number;
  price: Decimal;
}
export interface LedgerEntry {
  date: DateString;
  kind: "activation" | "addition" | "renewal";
  lines: LedgerLine[];
  amount: Decimal;
}
/** The chronological ledger of a plan's charges. */
export interface Ledger {
  currency: CurrencyCode;
  ledger: LedgerEntry[];
  total: Decimal;
}

/** An account's payment sources. */
export interface PaymentSources {
  account_balance?: Decimal;
  cards?: Card[];
}
export interface Subaccount {
  id: string;
  name: string;
  /** `true`: the partner pays its renewal (centralized billing); `false`: it pays its own. */
  bill_parent: boolean;
  subscription: Subscription;
  account_balance?: Decimal;
  cards?: Card[];
}
/** A partner's own payment sources and its customer subaccounts (R10). */
export interface Portfolio {
  partner?: PaymentSources;
  subaccounts?: Subaccount[];
}
export interface SubaccountRollup {
  id: string;
  name: string;
  renewal_date: DateString;
  renewal_total: Decimal;
  /** `"partner"` or the subaccount's own `id`. */
  payer: string;
}
/** One renewal paid by a payer: a `payRenewal` answer with the subaccount and day it is for. */
export interface RenewalPayment extends Payment {
  subaccount: string;
  renewal_date: DateString;
  amount_due: Decimal;
}
export interface PayerRollup {
  payer: string;
  renewal_total: Decimal;
  payments: RenewalPayment[];
}
export interface Rollup {
  currency: CurrencyCode;
  subaccounts: SubaccountRollup[];
  payers: PayerRollup[];
  total: Decimal;
}
"#;

/// Reads a caller's value; a missing or mistyped field is an `invalid_value:<field>` error.
fn read<T: DeserializeOwned>(value: JsValue, root: &str) -> Result<T, Error> {
    let budget = Budget { values: Cell::new(MAX_VALUES), bytes: Cell::new(MAX_BYTES) };
    crate::read(Js { value, depth: 0, budget: &budget }, root)
}

/// Far beyond the deepest input (a portfolio's license field, 6 levels down).
const MAX_DEPTH: usize = 32;
/// Array elements one argument may hold in all: a portfolio of 1,000,000 licenses fits.
const MAX_VALUES: usize = 8_000_000;
/// String bytes one argument may hold in all (UTF-8 counted at 3 bytes per UTF-16 unit before copying).
const MAX_BYTES: usize = 256 << 20;
const THREW: &str = "reading this value threw an exception";

/// What is left of one argument's budget.
struct Budget {
    values: Cell<usize>,
    bytes: Cell<usize>,
}

impl Budget {
    fn take(cell: &Cell<usize>, n: usize, why: &'static str) -> Result<(), DeError> {
        let left = cell.get().checked_sub(n).ok_or_else(|| DeError::custom(why))?;
        cell.set(left);
        Ok(())
    }
}

/// A caller's value, read on demand like serde-wasm-bindgen does — only the fields a type declares, so an
/// unknown field may hold anything — but with errors that say which field is missing, type errors that
/// never format the value (wasm-bindgen's `debugString` recurses without limit on nested or cyclic arrays),
/// exceptions from getters and proxies caught, and a budget checked before anything is copied.
struct Js<'b> {
    value: JsValue,
    depth: usize,
    budget: &'b Budget,
}

/// An integral number in the range of `i64` (negative) or `u64`, as serde_json would have read it.
fn integer(x: f64) -> Option<Unexpected<'static>> {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    match x {
        _ if x.fract() != 0.0 => None, // also NaN and the infinities
        _ if (-TWO_63..0.0).contains(&x) => Some(Unexpected::Signed(x as i64)),
        _ if (0.0..2.0 * TWO_63).contains(&x) => Some(Unexpected::Unsigned(x as u64)),
        _ => None,
    }
}

impl<'b> Js<'b> {
    /// Reads a field or element with `seed`; an error raised inside `deserialize` is one the path names.
    fn read<'de, T: DeserializeSeed<'de>>(&self, value: Result<JsValue, ()>, seed: T) -> Result<T::Value, DeError> {
        match value {
            Ok(_) if self.depth >= MAX_DEPTH => seed.deserialize(Refused("the value is nested too deeply")),
            Ok(value) => seed.deserialize(Js { value, depth: self.depth + 1, budget: self.budget }),
            Err(()) => seed.deserialize(Refused(THREW)),
        }
    }

    fn string(&self) -> Option<Result<String, DeError>> {
        let s = self.value.dyn_ref::<JsString>()?;
        let most = (s.length() as usize).saturating_mul(3);
        Some(Budget::take(&self.budget.bytes, most, "the input's strings are too large").map(|()| String::from(s)))
    }

    /// A type error worded as serde_json words it for the same JSON, so that messages match the native
    /// ones byte for byte; the value is described, never formatted by JavaScript.
    fn type_error(&self, expected: &dyn Expected) -> DeError {
        let v = &self.value;
        let text;
        let unexpected = if v.is_null() || v.is_undefined() {
            Unexpected::Unit
        } else if let Some(b) = v.as_bool() {
            Unexpected::Bool(b)
        } else if let Some(x) = v.as_f64() {
            integer(x).unwrap_or(Unexpected::Float(x))
        } else if let Some(Ok(s)) = self.string() {
            text = s;
            Unexpected::Str(&text)
        } else if v.is_string() {
            Unexpected::Other("string")
        } else if v.is_bigint() {
            Unexpected::Other("BigInt")
        } else if v.is_function() {
            Unexpected::Other("function")
        } else if v.is_symbol() {
            Unexpected::Other("symbol")
        } else if is_array(v) {
            Unexpected::Seq
        } else {
            Unexpected::Map
        };
        DeError::invalid_type(unexpected, expected)
    }

    fn is_object(&self) -> bool {
        self.value.is_object() && !is_array(&self.value)
    }
}

impl<'de> Deserializer<'de> for Js<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let value = &self.value;
        if value.is_null() || value.is_undefined() {
            v.visit_unit()
        } else if let Some(b) = value.as_bool() {
            v.visit_bool(b)
        } else if let Some(x) = value.as_f64() {
            // Integral numbers as integers, as serde_json reads `2` and `1e17`; `1.5`, `NaN`, `1e308` as floats.
            match integer(x) {
                Some(Unexpected::Signed(i)) => v.visit_i64(i),
                Some(Unexpected::Unsigned(u)) => v.visit_u64(u),
                _ => v.visit_f64(x),
            }
        } else if let Some(s) = self.string() {
            v.visit_string(s?)
        } else if value.is_bigint() {
            match i64::try_from(value.clone()) {
                Ok(i) => v.visit_i64(i),
                Err(_) => Err(DeError::custom("a BigInt beyond 64 bits")),
            }
        } else if is_array(value) {
            let len = Reflect::get(value, &field_key("length")).map_err(|_| DeError::custom(THREW))?;
            let len = len.as_f64().filter(|l| (0.0..=u32::MAX as f64).contains(l)).unwrap_or(0.0) as u32;
            Budget::take(&self.budget.values, len as usize, "the input holds too many values")?;
            v.visit_seq(Items { js: &self, next: 0, len })
        } else if self.is_object() {
            let keys = Reflect::own_keys(value).map_err(|_| DeError::custom(THREW))?;
            Budget::take(&self.budget.values, keys.length() as usize, "the input holds too many values")?;
            v.visit_map(Fields { js: &self, names: Names::Own(keys), next: 0, value: None })
        } else {
            Err(self.type_error(&v))
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        if self.value.is_null() || self.value.is_undefined() {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    /// An object's declared fields only; an array is not read as a struct by position.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        if !self.is_object() {
            return Err(self.type_error(&v));
        }
        v.visit_map(Fields { js: &self, names: Names::Declared(fields), next: 0, value: None })
    }

    /// CertCentral's enums are strings (`"fqdn"`, `"monthly"`, ...).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match self.string() {
            Some(s) => v.visit_enum(s?.into_deserializer()),
            None => Err(self.type_error(&v)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, DeError> {
        v.visit_newtype_struct(self)
    }

    /// Never looked at.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

/// An array's elements.
struct Items<'a, 'b> {
    js: &'a Js<'b>,
    next: u32,
    len: u32,
}

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        if self.next >= self.len {
            return Ok(None);
        }
        let item = Reflect::get_u32(&self.js.value, self.next).map_err(|_| ());
        self.next += 1;
        self.js.read(item, seed).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len.saturating_sub(self.next) as usize)
    }
}

/// A struct's declared field names, or a map's own keys.
enum Names {
    Declared(&'static [&'static str]),
    Own(Array),
}

/// An object's fields; an `undefined` one is absent, as in JSON.
struct Fields<'a, 'b> {
    js: &'a Js<'b>,
    names: Names,
    next: u32,
    value: Option<Result<JsValue, ()>>,
}

impl<'de> MapAccess<'de> for Fields<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        loop {
            let i = self.next;
            self.next += 1;
            let (key, name): (JsValue, Cow<'static, str>) = match &self.names {
                Names::Declared(fields) => match fields.get(i as usize) {
                    Some(f) => (field_key(f), Cow::Borrowed(*f)),
                    None => return Ok(None),
                },
                Names::Own(keys) if i < keys.length() => {
                    let key = keys.get(i);
                    let Some(k) = key.dyn_ref::<JsString>() else { continue }; // a symbol
                    let most = (k.length() as usize).saturating_mul(3);
                    Budget::take(&self.js.budget.bytes, most, "the input's strings are too large")?;
                    let name = String::from(k);
                    (key, Cow::Owned(name))
                }
                Names::Own(_) => return Ok(None),
            };
            // A getter that throws fails when its value is read, so that the error names the field.
            let value = Reflect::get(&self.js.value, &key).map_err(|_| ());
            if value.as_ref().map_or(true, |v| !v.is_undefined()) {
                self.value = Some(value);
                return seed.deserialize(CowStrDeserializer::<DeError>::new(name)).map(Some);
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = self.value.take().ok_or_else(|| DeError::custom("a field without a value"))?;
        self.js.read(value, seed)
    }
}

/// A shape error, worded as serde_json's (`null`, floats as `1e308`), so that native and browser agree.
#[derive(Debug)]
struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl serde::de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        DeError(format!("invalid type: {}, expected {expected}", JsonLike(unexpected)))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        DeError(format!("invalid value: {}, expected {expected}", JsonLike(unexpected)))
    }
}

struct JsonLike<'a>(Unexpected<'a>);

impl fmt::Display for JsonLike<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Unit => f.write_str("null"),
            // Shortest round-trip digits, scientific outside 1e-5..1e16, as serde_json prints floats.
            Unexpected::Float(x) if x.is_finite() && x != 0.0 && (x.abs() >= 1e16 || x.abs() < 1e-5) => {
                write!(f, "floating point `{x:e}`")
            }
            Unexpected::Float(x) if x.is_finite() && x.fract() == 0.0 => write!(f, "floating point `{x:.1}`"),
            other => fmt::Display::fmt(&other, f),
        }
    }
}

/// A value that cannot be read: an error as soon as a type reads it.
struct Refused(&'static str);

impl<'de> Deserializer<'de> for Refused {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, DeError> {
        Err(DeError::custom(self.0))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, which throws on a revoked proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_or_throw(value: &JsValue) -> Result<bool, JsValue>;
}

/// Whether a value is an array; a revoked proxy is not (reading it then fails on its first field).
fn is_array(value: &JsValue) -> bool {
    is_array_or_throw(value).unwrap_or(false)
}

thread_local! {
    /// Field names as JavaScript strings, made once: a 10,000-license request reads `product_name_id` 10,000 times.
    static KEYS: RefCell<HashMap<&'static str, JsValue>> = RefCell::new(HashMap::new());
}

fn field_key(name: &'static str) -> JsValue {
    KEYS.with(|keys| keys.borrow_mut().entry(name).or_insert_with(|| JsValue::from_str(name)).clone())
}

/// The given price list, or the embedded one when the argument is missing, `undefined` or `null`.
fn prices(list: Option<JsValue>) -> Result<Cow<'static, PriceList>, Error> {
    match list {
        Some(list) if !list.is_null() && !list.is_undefined() => {
            let input: PriceListInput = read(list, "price_list")?;
            PriceList::parse(&input).map(Cow::Owned)
        }
        _ => Ok(Cow::Borrowed(PriceList::embedded())),
    }
}

/// Plain objects and strings out, built by one `JSON.parse` of the answer serialized in Rust.
fn write<T: Serialize>(value: &T) -> JsResult {
    let text = serde_json::to_string(value).map_err(|e| throw(Error::invalid("output", e.to_string())))?;
    js_sys::JSON::parse(&text)
}

/// A real `Error` whose `message` and `code` are the first problem's and whose `errors` lists them all.
fn throw(e: Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    let errors = write(&e.errors()).unwrap_or(JsValue::NULL);
    // Setting a property on a fresh Error object cannot fail; were it to, the Error still carries the message.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code()));
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("errors"), &errors);
    err.into()
}

fn answer<T: Serialize>(r: Result<T, Error>) -> JsResult {
    r.map_err(throw).and_then(|v| write(&v))
}

/// The embedded default price list (sample prices, USD).
#[wasm_bindgen(unchecked_return_type = "PriceList")]
pub fn catalog() -> JsResult {
    write(PriceList::embedded())
}

/// certcalc's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

/// Prices an order request (R4, R9). `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `invalid_value:<field>` for a malformed or missing field.
#[wasm_bindgen(unchecked_return_type = "Estimate")]
pub fn estimate(
    #[wasm_bindgen(unchecked_param_type = "OrderRequest")] request: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::estimate(&read(request, "request")?, &p)))
}

/// Decides whether CertCentral accepts an order (R5, R6, R9). `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `insufficient_subscription`, `invalid_value:validity_days`, `invalid_value:<field>`.
#[wasm_bindgen(js_name = validateOrder, unchecked_return_type = "OrderAccepted")]
pub fn validate_order(
    #[wasm_bindgen(unchecked_param_type = "OrderRequest")] request: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::validate_order(&read(request, "request")?, &p)))
}

/// Quotes a subscription's renewal: every license at its full 12-month price (R7).
/// @throws {CertcalcError} `invalid_value:<field>` for a malformed or missing field.
#[wasm_bindgen(js_name = renewalQuote, unchecked_return_type = "RenewalQuote")]
pub fn renewal_quote(
    #[wasm_bindgen(unchecked_param_type = "Subscription")] subscription: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::renewal_quote(&read(subscription, "subscription")?, &p)))
}

/// Pays a renewal: balance first, then the default card, never split between cards (R8).
/// @throws {CertcalcError} `balance_deposit_not_allowed`, `invalid_value:<field>`.
#[wasm_bindgen(js_name = payRenewal, unchecked_return_type = "Payment")]
pub fn pay_renewal(#[wasm_bindgen(unchecked_param_type = "PaymentRequest")] payment: JsValue) -> JsResult {
    answer(read(payment, "payment").and_then(|p| crate::pay_renewal(&p)))
}

/// Simulates a subscription over `years` terms: the chronological ledger of its charges (R4, R7).
/// `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `invalid_value:events`, `invalid_value:years`, `invalid_value:<field>`.
#[wasm_bindgen(unchecked_return_type = "Ledger")]
pub fn simulate(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::simulate(&read(plan, "plan")?, &p)))
}

/// Rolls up a partner's subaccounts: each renewal, who pays it, and the totals per payer (R10).
/// `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `invalid_value:<field>` for a malformed or missing field.
#[wasm_bindgen(js_name = partnerRollup, unchecked_return_type = "Rollup")]
pub fn partner_rollup(
    #[wasm_bindgen(unchecked_param_type = "Portfolio")] portfolio: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::partner_rollup(&read(portfolio, "portfolio")?, &p)))
}
