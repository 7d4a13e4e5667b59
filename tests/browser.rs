//! The JavaScript API in a real browser (wasm-pack test --headless --chrome / --firefox): every acceptance
//! case through the exported functions, with the price list of `price-list.json`, and the error shape.
#![cfg(target_arch = "wasm32")]

mod common_web {
    include!("common/contains.rs");
}
use common_web::contains;
use certcalc::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CASES: &str = include_str!("acceptance/cases.json");
const PRICE_LIST: &str = include_str!("acceptance/price-list.json");

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn to_json(v: &JsValue) -> serde_json::Value {
    serde_json::from_str(&String::from(js_sys::JSON::stringify(v).unwrap())).unwrap()
}

fn call(name: &str, args: &[serde_json::Value]) -> Option<Result<JsValue, JsValue>> {
    let arg = |i: usize| args.get(i).map_or(JsValue::UNDEFINED, |a| js(&a.to_string()));
    Some(match name {
        "estimate" => wasm::estimate(arg(0), js(PRICE_LIST)),
        "validateOrder" => wasm::validate_order(arg(0), js(PRICE_LIST)),
        "renewalQuote" => wasm::renewal_quote(arg(0), js(PRICE_LIST)),
        "payRenewal" => wasm::pay_renewal(arg(0)),
        _ => return None,
    })
}

#[wasm_bindgen_test]
fn acceptance_cases_pass_in_the_browser() {
    let cases: Vec<serde_json::Value> = serde_json::from_str(CASES).unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let args = case["args"].as_array().cloned().unwrap_or_default();
        let result = call(case["call"].as_str().unwrap_or("?"), &args);
        let verdict = match (result, case.get("expect"), case.get("expect_error")) {
            (None, _, _) => Err("no such function".to_owned()),
            (Some(Ok(v)), Some(e), None) => contains(&to_json(&v), e),
            (Some(Err(err)), None, Some(code)) => {
                let got = js_sys::Reflect::get(&err, &"code".into()).unwrap().as_string();
                if got.as_deref() == code.as_str() { Ok(()) } else { Err(format!("code {got:?}, expected {code}")) }
            }
            (Some(Ok(v)), _, _) => Err(format!("returned {}", to_json(&v))),
            (Some(Err(e)), _, _) => Err(format!("threw {}", to_json(&e))),
        };
        if let Err(why) = verdict {
            failures.push(format!("{name}: {why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn errors_are_real_errors_in_certcalc_shape() {
    let err = wasm::estimate(js(r#"{"product_name_id": "nope", "as_of": "2026-01-01"}"#), JsValue::UNDEFINED).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    let get = |k: &str| js_sys::Reflect::get(&err, &k.into()).unwrap();
    assert_eq!(get("code").as_string().unwrap(), "invalid_value:product_name_id");
    let errors = get("errors").dyn_into::<js_sys::Array>().unwrap();
    assert_eq!(errors.length(), 1);
    let first = to_json(&errors.get(0));
    assert_eq!(first["code"], "invalid_value:product_name_id");
    assert_eq!(get("message").as_string().unwrap(), first["message"].as_str().unwrap());
}

#[wasm_bindgen_test]
fn money_as_a_number_is_refused() {
    let err = wasm::pay_renewal(js(r#"{"amount_due": 3000, "currency": "USD"}"#)).unwrap_err();
    assert_eq!(js_sys::Reflect::get(&err, &"code".into()).unwrap().as_string().unwrap(), "invalid_value:amount_due");
}
