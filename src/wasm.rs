//! The JavaScript API (DESIGN §2), and the only module with wasm-bindgen in it. Every export does the same
//! four steps: read its input with serde-wasm-bindgen, call the core, convert the answer, convert the error.

use crate::{Error, PriceList, PriceListInput};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::borrow::Cow;
use wasm_bindgen::prelude::*;

type JsResult = Result<JsValue, JsValue>;

/// Reads a caller's value; a missing or mistyped field is an `invalid_value:<field>` error.
fn read<T: DeserializeOwned>(value: JsValue, root: &str) -> Result<T, Error> {
    crate::read(serde_wasm_bindgen::Deserializer::from(value), root)
}

/// The given price list, or the embedded one when the argument is `undefined` or `null`.
fn prices(list: JsValue) -> Result<Cow<'static, PriceList>, Error> {
    if list.is_undefined() || list.is_null() {
        return Ok(Cow::Borrowed(PriceList::embedded()));
    }
    let input: PriceListInput = read(list, "price_list")?;
    PriceList::parse(&input).map(Cow::Owned)
}

/// Plain objects and strings out: JSON-compatible, so maps become objects.
fn write<T: Serialize>(value: &T) -> JsResult {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| throw(Error::invalid("output", e.to_string())))
}

/// A real `Error` whose `message` and `code` are the first problem's and whose `errors` lists them all.
fn throw(e: Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    let errors = e.errors().serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL);
    // Setting a property on a fresh Error object cannot fail; were it to, the Error still carries the message.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code()));
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("errors"), &errors);
    err.into()
}

fn answer<T: Serialize>(r: Result<T, Error>) -> JsResult {
    r.map_err(throw).and_then(|v| write(&v))
}

/// The embedded default price list (sample prices).
#[wasm_bindgen]
pub fn catalog() -> JsResult {
    write(PriceList::embedded())
}

/// certcalc's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

/// Prices an order request (R4, R9).
#[wasm_bindgen]
pub fn estimate(request: JsValue, price_list: JsValue) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::estimate(&read(request, "request")?, &p)))
}

/// Decides whether CertCentral accepts an order (R5, R6, R9).
#[wasm_bindgen(js_name = validateOrder)]
pub fn validate_order(request: JsValue, price_list: JsValue) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::validate_order(&read(request, "request")?, &p)))
}

/// Quotes a subscription's renewal (R7).
#[wasm_bindgen(js_name = renewalQuote)]
pub fn renewal_quote(subscription: JsValue, price_list: JsValue) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::renewal_quote(&read(subscription, "subscription")?, &p)))
}

/// Pays a renewal: balance first, then the default card, never split (R8).
#[wasm_bindgen(js_name = payRenewal)]
pub fn pay_renewal(payment: JsValue) -> JsResult {
    answer(read(payment, "payment").and_then(|p| crate::pay_renewal(&p)))
}
