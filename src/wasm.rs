//! The JavaScript API (README's "The API"), and the only module with wasm-bindgen in it. Every export does the same
//! four steps, as ruff_wasm's do: read its arguments, call the core, convert the answer, convert the error.
//!
//! Arguments cross as JSON text: one guarded `JSON.stringify` in the engine, whose property list is
//! [`crate::json::FIELDS`] (so a key the caller made up is never read, however large its value), read by
//! the same serde_json reader the native API uses ([`crate::from_json`]): both answer and refuse byte for
//! byte alike. Reading the caller's objects with serde-wasm-bindgen instead would run the caller's getters
//! and Proxy traps from inside the module, and a JavaScript exception that unwinds through wasm frames
//! leaves the module's stack pointer behind: 200,000 calls with a throwing getter trapped every later call
//! (BENCHMARKS.md). Inside `JSON.stringify` any such exception is caught before it reaches the module.
//! Answers cross as JSON text too, written by serde_json and turned into plain objects by `JSON.parse`. The `.d.ts` declarations are
//! derived (tsify) from the same serde types; only the string aliases, the API's names for the inputs and the
//! thrown `Error`, which is not a serde type, are written here.

use crate::json::{from_json, FIELDS};
use crate::text::clip;
use crate::{Error, PriceList, PriceListInput};
use crate::json::Lenient;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

type JsResult = Result<JsValue, JsValue>;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** An amount of money: a decimal string with at most the currency's decimals, e.g. `"301.37"`, never a number. */
export type Decimal = string;
/** A calendar date, `"YYYY-MM-DD"`. */
export type DateString = string;
/** An ISO 4217 currency code, e.g. `"USD"`. */
export type CurrencyCode = string;
/** The API's names for the inputs, which the Rust types call `…Input` (a `PriceList` is the checked list). */
export type Subscription = SubscriptionInput;
export type License = LicenseInput;
export type PaymentRequest = PaymentInput;
export type Plan = PlanInput;
export type Portfolio = PortfolioInput;
/**
 * What every function throws: a real `Error` (`err instanceof Error`) whose `code` and `message` are the
 * first problem's and whose `errors` lists every problem, in CertCentral's shape.
 */
export interface CertcalcError extends Error, ErrorBody {
  code: string;
}
"#;

#[wasm_bindgen(inline_js = r#"
// The text is handed over as UTF-8 written straight into the module's memory by TextEncoder.encodeInto:
// wasm-bindgen would pass it with a loop over its characters in JavaScript, 18 ms of an 11 MB roll-up.
let pending = "";
export function stringify(value, fields, prices, limit) {
  pending = "";
  pending = text(value, fields, prices, limit);
  return pending.length;
}
export function encode_into(into) {
  const { read, written } = utf8.encodeInto(pending, into);
  pending = pending.slice(read);
  return written;
}
export function pending_length() { return pending.length; }
const utf8 = new TextEncoder();
function text(value, fields, prices, limit) {
  // A walk along the fields certcalc reads first measures what JSON.stringify would write, so that one large
  // string referenced many times (100,000 × 1 MB) is refused before the engine runs out of memory building
  // it, and notes whether any key is one certcalc does not read. It follows `toJSON` as JSON.stringify does,
  // and what `toJSON` answered here is what is written below: a second answer is never used.
  let known = cache.get(fields);
  if (known === undefined) cache.set(fields, (known = new Set(fields)));
  let left = limit, unknown = false, answered = null;
  // Walks object `v` (reached by `key`); a string is counted where it is met, without a call.
  const walk = (v, key, depth, all) => {
    if (typeof v.toJSON === "function") {
      const was = v;
      v = v.toJSON(String(key));
      (answered ??= new Map()).set(was, v);
      if (typeof v === "string") left -= v.length;
      if (v === null || typeof v !== "object") return;
    }
    if (depth > 64) throw new RangeError("nested more than 64 levels deep (or a cycle)");
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && left >= 0; i++) {
        const x = v[i];
        left -= 1;
        if (typeof x === "string") left -= x.length;
        else if (x !== null && typeof x === "object") walk(x, i, depth + 1, false);
      }
    } else {
      for (const k of Object.keys(v)) {
        if (!all && !known.has(k)) { unknown = true; continue; }
        const x = v[k];
        left -= k.length;
        if (typeof x === "string") left -= x.length;
        else if (x !== null && typeof x === "object") walk(x, k, depth + 1, prices && (all || MAPS.has(k)));
        if (left < 0) return;
      }
    }
  };
  if (typeof value === "string") left -= value.length;
  else if (value !== null && typeof value === "object") walk(value, "", 0, false);
  if (left < 0) throw new RangeError(`longer than ${limit} characters`);
  // Without a key certcalc does not read or a `toJSON`, JSON.stringify takes its fast path; with one, only
  // certcalc's fields are written (and read). A price list's maps (`MAPS`) keep their members whatever their
  // names, so that an unknown asset type is refused as it is natively.
  if (!unknown && answered === null) return JSON.stringify(value) ?? "null"; // a function, a symbol or undefined is no value: null
  if (!prices && answered === null) return JSON.stringify(value, fields) ?? "null";
  const open = new WeakSet();
  return JSON.stringify(value, function (key, v) {
    const was = this[key];
    if (answered !== null && answered.has(was)) v = answered.get(was);
    if (!unknown) return v;
    if (prices && v !== null && typeof v === "object" && (MAPS.has(key) || open.has(this))) open.add(v);
    return key === "" || Array.isArray(this) || open.has(this) || known.has(key) ? v : undefined;
  }) ?? "null";
}
/** Price lists made by `priceList()`, by object: a plain object that looks like one is never taken for one. */
const lists = new WeakMap();
export function remember(list, id) { lists.set(list, id); }
export function recall(value) { return value !== null && typeof value === "object" ? lists.get(value) : undefined; }
const cache = new WeakMap();
// A price list's maps, keyed by data (asset types, years, families) rather than by field names.
const MAPS = new Set(["annual_prices", "multi_year_prices", "max_certificate_days"]);
"#)]
extern "C" {
    /// `JSON.stringify` of the fields certcalc reads; any exception (a cycle, a `BigInt`, a throwing getter
    /// or Proxy trap, a string too long) is caught here, in the engine.
    #[wasm_bindgen(catch)]
    fn stringify(value: &JsValue, fields: &JsValue, prices: bool, limit: u32) -> Result<u32, JsValue>;
    /// Writes as much of the text `stringify` made as fits into `into`, as UTF-8; the bytes written.
    fn encode_into(into: &mut [u8]) -> u32;
    /// How many UTF-16 code units of that text are still to write.
    fn pending_length() -> u32;
    /// Notes that `list` is the JavaScript object of the checked price list `id`.
    #[cfg(feature = "estimates")]
    fn remember(list: &JsValue, id: u32);
    /// The id of the checked price list `value` is, if it is one.
    fn recall(value: &JsValue) -> Option<u32>;
}

/// The longest text `stringify` writes, in UTF-16 units: [`crate::MAX_TEXT`], which fits a `u32`.
const MAX_TEXT_UNITS: u32 = crate::MAX_TEXT as u32;
const _: () = assert!(crate::MAX_TEXT <= u32::MAX as usize);

thread_local! {
    static FIELD_LIST: JsValue = FIELDS.iter().map(|f| JsValue::from_str(f)).collect::<js_sys::Array>().into();
}

/// Reads a caller's value as `T`; `root` names the argument in errors.
fn read<T: Lenient>(value: &JsValue, root: &'static str) -> Result<T, Error> {
    from_json(&text(value, root)?, root)
}

/// The JSON text of the fields of a caller's value that certcalc reads, as `JSON.stringify` writes them.
fn text(value: &JsValue, root: &'static str) -> Result<String, Error> {
    // Every export reads first: the platform's URL parser folds Unicode domains for the core from here on
    // (the `idna` crate does natively).
    crate::assets::set_a_label(a_label);
    let mut left = FIELD_LIST.with(|fields| stringify(value, fields, root == "price_list", MAX_TEXT_UNITS)).map_err(|e| {
        let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        Error::invalid(root, format!("cannot be read as JSON: {}", clip(&why)))
    })? as usize;
    // A first pass with one byte per UTF-16 unit writes all of an ASCII text; a second, with three (the most
    // one unit takes), the rest of any other.
    let mut bytes: Vec<u8> = Vec::new();
    for per_unit in [1, 3] {
        let at = bytes.len();
        bytes.resize(at + left * per_unit, 0);
        let written = bytes.get_mut(at..).map_or(0, encode_into) as usize;
        bytes.truncate(at + written);
        left = pending_length() as usize;
        if left == 0 {
            break;
        }
    }
    // One check of the whole text (TextEncoder writes UTF-8, so it holds), rather than one per string read.
    match String::from_utf8(bytes) {
        Ok(text) if left == 0 => Ok(text),
        _ => Err(Error::invalid(root, "cannot be read as UTF-8")),
    }
}

/// An order request; without `as_of`, the caller's local today (the core never reads a clock: this
/// boundary does, and the answer's `as_of` says which day it priced).
#[cfg(feature = "estimates")]
fn request(value: &JsValue) -> Result<crate::OrderRequest, Error> {
    let mut request: crate::OrderRequest = read(value, "request")?;
    if request.as_of.is_absent() {
        let now = js_sys::Date::new_0();
        request.as_of = crate::Read::Ok(format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date()));
    }
    Ok(request)
}

/// The given price list: a [`CheckedPriceList`] as it was checked, a plain one read and checked now (its
/// problems under `price_list.`, the call's second argument), or the embedded one when the argument is
/// missing, `undefined` or `null` (the glue passes those as `None`). Anything else must be a price list: a
/// function or `NaN` is refused.
fn prices(list: Option<JsValue>) -> Result<Rc<PriceList>, Error> {
    match list {
        // A Rust caller may pass `undefined` and `null` as values.
        Some(list) if !list.is_null() && !list.is_undefined() => match recall(&list) {
            Some(id) => LISTS.with(|l| l.borrow().get(&id).map(|(list, _)| Rc::clone(list))).ok_or_else(|| {
                Error::invalid("price_list", "this PriceList was freed (free() was called): make another with priceList()")
            }),
            None => checked(&list).map(|(list, _)| Rc::new(list)).map_err(|e| e.within("price_list")),
        },
        _ => Ok(EMBEDDED.with(Rc::clone)),
    }
}

/// A plain price list, read and checked, and the text it was read from.
fn checked(list: &JsValue) -> Result<(PriceList, String), Error> {
    let text = text(list, "price_list")?;
    Ok((PriceList::parse(&from_json::<PriceListInput>(&text, "price_list")?)?, text))
}

thread_local! {
    static EMBEDDED: Rc<PriceList> = Rc::new(PriceList::embedded().clone());
    /// Every live [`CheckedPriceList`]'s list and the text it was read from, by id; an entry leaves when its
    /// object is freed.
    static LISTS: RefCell<HashMap<u32, (Rc<PriceList>, String)>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A price list read and checked once, for every call that takes one: `priceList(list)` makes it, and
/// `estimate(request, list)` (and every other function that takes a price list) prices with it as it is.
/// `free()` gives its memory back at once; otherwise it goes when the object is collected.
#[cfg(feature = "estimates")]
#[wasm_bindgen(js_name = PriceList)]
pub struct CheckedPriceList {
    id: u32,
}

#[cfg(feature = "estimates")]
impl Drop for CheckedPriceList {
    fn drop(&mut self) {
        LISTS.with(|l| l.borrow_mut().remove(&self.id));
    }
}

#[cfg(feature = "estimates")]
#[wasm_bindgen(js_class = PriceList)]
impl CheckedPriceList {
    /// The list as it was given, with the fields certcalc reads (what `JSON.stringify` writes): `null` once
    /// freed. Given back as text rather than written again from the checked list, which would link a
    /// price-list writer into the module (BENCHMARKS.md).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "PriceListInput")]
    pub fn to_json(&self) -> JsResult {
        LISTS.with(|l| l.borrow().get(&self.id).map_or(Ok(JsValue::NULL), |(_, text)| js_sys::JSON::parse(text)))
    }
}

/// Reads and checks a price list once, for every later call: the answer is a `PriceList` object to pass
/// where a price list is taken, priced with as it was checked.
/// @throws {CertcalcError} `invalid_value:<field>` for every problem of the list.
#[cfg(feature = "estimates")]
#[wasm_bindgen(js_name = priceList, unchecked_return_type = "PriceList")]
pub fn price_list(#[wasm_bindgen(unchecked_param_type = "PriceListInput")] list: JsValue) -> JsResult {
    let (list, text) = checked(&list).map_err(throw)?;
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    LISTS.with(|l| l.borrow_mut().insert(id, (Rc::new(list), text)));
    let object = JsValue::from(CheckedPriceList { id });
    remember(&object, id);
    Ok(object)
}

/// Plain objects and strings, built by one `JSON.parse` of the answer written by serde_json: one crossing
/// for a 10,000-subaccount roll-up instead of one per field (BENCHMARKS.md).
fn write<T: Serialize + ?Sized>(value: &T) -> JsResult {
    js_sys::JSON::parse(&crate::to_json(value))
}

/// A real `Error` whose `message` and `code` are the first problem's and whose `errors` lists them all.
fn throw(e: Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    let errors = write(e.errors()).unwrap_or(JsValue::NULL);
    // Setting a property on a fresh Error object cannot fail; were it to, the Error still carries the message.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code()));
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("errors"), &errors);
    err.into()
}

fn answer<T: Serialize>(r: Result<T, Error>) -> JsResult {
    r.map_err(throw).and_then(|v| write(&v))
}

#[wasm_bindgen(inline_js = r#"
export function a_label(name) {
  // The platform's own UTS 46 processing (WHATWG URL's domain to ASCII), as the address bar does it.
  try { return new URL(`http://${name}/`).hostname; } catch { return undefined; }
}
"#)]
extern "C" {
    fn a_label(name: &str) -> Option<String>;
}

/// Panic messages on the console: a debugging build's (`--features panic-hook`), never the shipped one's.
#[cfg(feature = "panic-hook")]
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The embedded default price list (sample prices, USD).
#[cfg(feature = "estimates")]
#[wasm_bindgen(unchecked_return_type = "PriceListInput")]
pub fn catalog() -> JsResult {
    js_sys::JSON::parse(crate::catalog::EMBEDDED)
}

/// certcalc's version.
#[wasm_bindgen(unchecked_return_type = "string")]
pub fn version() -> JsValue {
    JsValue::from_str(crate::VERSION)
}

/// Prices an order request (R4, R9). `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `invalid_value:<field>` for a malformed or missing field.
#[cfg(feature = "estimates")]
#[wasm_bindgen(unchecked_return_type = "Estimate")]
pub fn estimate(
    #[wasm_bindgen(unchecked_param_type = "OrderRequest")] request: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | PriceListInput | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::estimate(&self::request(&request)?, &p)))
}

/// Decides whether CertCentral accepts an order (R5, R6, R9). `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `insufficient_subscription`, `invalid_value:validity_days`, `invalid_value:<field>`.
#[cfg(feature = "estimates")]
#[wasm_bindgen(js_name = validateOrder, unchecked_return_type = "OrderAccepted")]
pub fn validate_order(
    #[wasm_bindgen(unchecked_param_type = "OrderRequest")] request: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | PriceListInput | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::validate_order(&self::request(&request)?, &p)))
}

/// Quotes a subscription's renewal: every license at its full 12-month price (R7).
/// @throws {CertcalcError} `invalid_value:<field>` for a malformed or missing field.
#[cfg(feature = "estimates")]
#[wasm_bindgen(js_name = renewalQuote, unchecked_return_type = "RenewalQuote")]
pub fn renewal_quote(
    #[wasm_bindgen(unchecked_param_type = "SubscriptionInput")] subscription: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | PriceListInput | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::renewal_quote(&read(&subscription, "subscription")?, &p)))
}

/// Pays a renewal: balance first, then the default card, never split between cards (R8).
/// @throws {CertcalcError} `balance_deposit_not_allowed`, `invalid_value:<field>`.
#[cfg(feature = "estimates")]
#[wasm_bindgen(js_name = payRenewal, unchecked_return_type = "Payment")]
pub fn pay_renewal(#[wasm_bindgen(unchecked_param_type = "PaymentInput")] payment: JsValue) -> JsResult {
    let payment: crate::PaymentInput = read(&payment, "payment").map_err(throw)?;
    answer(crate::pay_renewal(&payment))
}

/// Simulates a subscription over `years` terms: the chronological ledger of its charges (R4, R7).
/// `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `invalid_value:events`, `invalid_value:years`, `invalid_value:<field>`.
#[cfg(feature = "portfolio")]
#[wasm_bindgen(unchecked_return_type = "Ledger")]
pub fn simulate(
    #[wasm_bindgen(unchecked_param_type = "PlanInput")] plan: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | PriceListInput | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::simulate(&read(&plan, "plan")?, &p)))
}

/// Rolls up a partner's subaccounts: each renewal, who pays it, and the totals per payer (R10).
/// `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `invalid_value:<field>` for a malformed or missing field.
#[cfg(feature = "portfolio")]
#[wasm_bindgen(js_name = partnerRollup, unchecked_return_type = "Rollup")]
pub fn partner_rollup(
    #[wasm_bindgen(unchecked_param_type = "PortfolioInput")] portfolio: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | PriceListInput | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    // The answer borrows the portfolio's ids and names, so the portfolio is read into a binding of its own.
    let list = prices(price_list).map_err(throw)?;
    let portfolio: crate::PortfolioInput = read(&portfolio, "portfolio").map_err(throw)?;
    answer(crate::partner_rollup(&portfolio, &list))
}
