//! Shared by the native tests: the acceptance files, a dispatcher from the JavaScript API's names to the
//! native functions (`api.rs`, shared with the browser tests), and the "contains" comparison of `acceptance/README.md`.
#![allow(dead_code)]

include!("api.rs");
use certcalc::{Error, PriceList, PriceListInput};
use serde::Serialize;
use std::path::PathBuf;

pub fn acceptance_file(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/acceptance").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn acceptance_prices() -> PriceList {
    let input: PriceListInput = certcalc::from_json(&acceptance_file("price-list.json"), "price_list").unwrap();
    PriceList::parse(&input).unwrap()
}

/// Reads one argument as a caller's value, through the same JSON reader the wasm boundary uses.
pub fn arg<T: certcalc::Lenient>(v: &Value, root: &'static str) -> Result<T, Error> {
    certcalc::from_json(&v.to_string(), root)
}

/// An answer as certcalc writes it, parsed back for comparison.
pub fn value<T: Serialize + ?Sized>(answer: &T) -> Value {
    serde_json::from_str(&certcalc::to_json(answer)).unwrap()
}

/// Calls the native function behind a JavaScript name; `None` when it does not exist (yet).
pub fn dispatch(call: &str, args: &[Value], prices: &PriceList) -> Option<Result<Value, Error>> {
    let first = args.first().cloned().unwrap_or(Value::Null);
    fn out<T: Serialize>(r: Result<T, Error>) -> Result<Value, Error> {
        r.map(|v| value(&v))
    }
    macro_rules! native {
        ($f:ident, $root:literal, prices) => { arg(&first, $root).and_then(|a| out(certcalc::$f(&a, prices))) };
        ($f:ident, $root:literal) => { arg(&first, $root).and_then(|a| out(certcalc::$f(&a))) };
    }
    js_api!(call, native)
}

include!("contains.rs");
