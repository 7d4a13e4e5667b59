//! The JavaScript API in a real browser (wasm-pack test --headless --chrome / --firefox): every acceptance
//! case through the exported functions, with the price list of `price-list.json`, the error shape, and
//! hostile input — each refusal an `Error` with an `invalid_value:` code, never a trap, and the module still
//! answering afterwards.
#![cfg(target_arch = "wasm32")]

mod common_web {
    include!("common/contains.rs");
}
include!("common/api.rs");
use certcalc::wasm;
use common_web::contains;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CASES: &str = include_str!("acceptance/cases.json");
const PRICE_LIST: &str = include_str!("acceptance/price-list.json");

type Answer = Result<JsValue, JsValue>;

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn to_json(v: &JsValue) -> serde_json::Value {
    serde_json::from_str(&String::from(js_sys::JSON::stringify(v).unwrap())).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn call(name: &str, args: &[serde_json::Value]) -> Option<Answer> {
    let arg = |i: usize| args.get(i).map_or(JsValue::UNDEFINED, |a| js(&a.to_string()));
    let prices = || Some(js(PRICE_LIST));
    macro_rules! exported {
        ($f:ident, $root:literal, prices) => { wasm::$f(arg(0), prices()) };
        ($f:ident, $root:literal) => { wasm::$f(arg(0)) };
    }
    js_api!(name, exported)
}

#[wasm_bindgen_test]
fn acceptance_cases_pass_in_the_browser() {
    let cases: Vec<serde_json::Value> = serde_json::from_str(CASES).unwrap();
    assert!(cases.len() >= 14, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let args = case["args"].as_array().cloned().unwrap_or_default();
        let result = call(case["call"].as_str().unwrap_or("?"), &args);
        let verdict = match (result, case.get("expect"), case.get("expect_error")) {
            (None, _, _) => Err("no such function".to_owned()),
            (Some(Ok(v)), Some(e), None) => contains(&to_json(&v), e),
            (Some(Err(err)), None, Some(code)) => {
                let got = get(&err, "code").as_string();
                if got.as_deref() == code.as_str() {
                    Ok(())
                } else {
                    Err(format!("code {got:?}, expected {code}"))
                }
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
    let err = wasm::estimate(js(r#"{"product_name_id": "nope", "as_of": "2026-01-01"}"#), None).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "code").as_string().unwrap(), "invalid_value:product_name_id");
    let errors = get(&err, "errors").dyn_into::<Array>().unwrap();
    assert_eq!(errors.length(), 1);
    let first = to_json(&errors.get(0));
    assert_eq!(first["code"], "invalid_value:product_name_id");
    assert_eq!(first.as_object().unwrap().len(), 3, "a problem is exactly {{code, message, path}}: {first}");
    assert_eq!(first["path"], "product_name_id");
    assert_eq!(get(&err, "message").as_string().unwrap(), first["message"].as_str().unwrap());
}

#[wasm_bindgen_test]
fn every_problem_is_listed_and_the_first_is_err_code() {
    // 398 days is over the 397 allowed on a subscription (R6), and a.example is not covered (R5).
    let req = js(r#"{"product_name_id": "ssl_securesite_flex", "certificate": {"dns_names": ["a.example"]},
        "order_validity": {"days": 398}, "as_of": "2026-03-01",
        "subscription": {"start_date": "2026-01-01", "licenses": []}}"#);
    let err = wasm::validate_order(req, Some(js(PRICE_LIST))).unwrap_err();
    let codes: Vec<String> = to_json(&get(&err, "errors"))
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["invalid_value:validity_days", "insufficient_subscription"]);
    assert_eq!(get(&err, "code").as_string().unwrap(), codes[0]);
}

#[wasm_bindgen_test]
fn the_price_list_defaults_to_the_catalog() {
    // Secure Site OV wildcard at 1000.00 in the embedded list, 275 of 365 days left: 753.424… → 753.42.
    let req = || {
        js(r#"{"product_name_id": "ssl_securesite_flex", "certificate": {"dns_names": ["*.c.example"]},
            "as_of": "2026-04-01", "subscription": {"start_date": "2026-01-01", "licenses": []}}"#)
    };
    for list in [None, Some(JsValue::UNDEFINED), Some(JsValue::NULL), Some(wasm::catalog().unwrap())] {
        assert_eq!(to_json(&wasm::estimate(req(), list).unwrap())["total_price"], "753.42");
    }
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn unicode_domains_fold_as_natively() {
    // The same corpus as tests/certcentral.rs: the browser's URL parser and the idna crate agree.
    let corpus: Vec<(String, Option<String>)> = serde_json::from_str(include_str!("fixtures/idna.json")).unwrap();
    for (name, want) in corpus {
        let request = js(&serde_json::json!({ "product_name_id": "ssl_basic", "as_of": "2026-03-01",
            "certificate": { "dns_names": [name] } }).to_string());
        let got = wasm::estimate(request, None).ok().map(|e| to_json(&e)["lines"][0]["asset"].as_str().unwrap_or_default().to_owned());
        assert_eq!(got, want, "{name}");
    }
}

#[wasm_bindgen_test]
fn without_as_of_the_day_is_the_callers_local_today() {
    // Absent, `null`, `undefined` or a function (no JSON value): the boundary reads the local date, the
    // answer says which day it priced, and the price is that day's.
    let now = js_sys::Date::new_0();
    let today = format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date());
    let function: JsValue = js_sys::Function::new_no_args("return 1").into();
    for (what, value) in [("absent", None), ("null", Some(JsValue::NULL)), ("undefined", Some(JsValue::UNDEFINED)), ("a function", Some(function))] {
        let request = js(r#"{"product_name_id": "ssl_basic", "certificate": {"common_name": "a.example"}}"#);
        if let Some(v) = value {
            Reflect::set(&request, &"as_of".into(), &v).unwrap();
        }
        let answer = to_json(&wasm::estimate(request, None).unwrap_or_else(|e| panic!("{what}: {e:?}")));
        assert_eq!(answer["as_of"], today.as_str(), "{what}");
        assert_eq!(answer["total_price"], "200.00", "{what}: one year before subscription");
    }
}

#[wasm_bindgen_test]
fn simulate_and_partner_rollup_answer_through_the_exports() {
    // ssl_basic FQDN at 200.00: activation 200.00; b.example added with 275 of 365 days left,
    // 200 × 275 / 365 = 150.684… → 150.68; the renewal of both at full price 400.00.
    let ledger = to_json(&wasm::simulate(js(PLAN), prices()).unwrap());
    let amounts: Vec<&str> =
        ledger["ledger"].as_array().unwrap().iter().map(|e| e["amount"].as_str().unwrap()).collect();
    assert_eq!(amounts, ["200.00", "150.68", "400.00"]);
    assert_eq!(ledger["total"], "750.68");
    // Acme has no licenses: a renewal of 0.00, billed to the partner.
    let rollup = to_json(&wasm::partner_rollup(js(PORTFOLIO), prices()).unwrap());
    assert_eq!(rollup["subaccounts"][0]["payer"], "partner");
    assert_eq!(rollup["subaccounts"][0]["renewal_date"], "2027-01-01");
    assert_eq!(rollup["total"], "0.00");
}

// ---- hostile input ----------------------------------------------------------------------------------------

/// A normal request: a.example added on 2026-04-01 to a Secure Site OV subscription whose one wildcard slot
/// does not cover it (R3), with 275 of 365 days left: 400 × 275 / 365 = 301.369… → 301.37.
const REQUEST: &str = r#"{"product_name_id": "ssl_securesite_flex", "certificate": {"dns_names": ["a.example"]},
    "as_of": "2026-04-01", "subscription": {"start_date": "2026-01-01",
    "licenses": [{"product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "quantity": 1}]}}"#;
/// The same request with an empty `order_validity`, for the validity rows.
const VALIDITY_REQUEST: &str = r#"{"product_name_id": "ssl_securesite_flex", "certificate": {"dns_names": ["a.example"]},
    "order_validity": {}, "as_of": "2026-04-01", "subscription": {"start_date": "2026-01-01"}}"#;
/// A Multi-year Plan account's request (no subscription), where `payment_method` is read (R9).
const PLAN_ACCOUNT_REQUEST: &str =
    r#"{"product_name_id": "ssl_basic", "certificate": {"dns_names": ["a.example"]}, "as_of": "2026-04-01"}"#;
const EMAIL_REQUEST: &str =
    r#"{"product_name_id": "secure_email_mailbox", "certificate": {"emails": ["u@a.example"]}, "as_of": "2026-04-01"}"#;
const SUBSCRIPTION: &str = r#"{"start_date": "2026-01-01", "licenses": [{"product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": 2}]}"#;
const PAYMENT: &str = r#"{"amount_due": "3000.00", "currency": "USD", "account_balance": "1000.00", "cards": [{"id": "visa-4242", "is_default": true}]}"#;
const PLAN: &str = r#"{"start_date": "2026-01-01", "years": 2,
    "licenses": [{"product_name_id": "ssl_basic", "asset_type": "fqdn", "asset": "a.example"}],
    "events": [{"date": "2026-04-01", "add": [{"product_name_id": "ssl_basic", "asset_type": "fqdn", "asset": "b.example"}]}]}"#;
const PORTFOLIO: &str = r#"{"partner": {"account_balance": "0.00", "cards": []}, "subaccounts": [
    {"id": "acme", "name": "Acme", "bill_parent": true, "subscription": {"start_date": "2026-01-01"}}]}"#;

/// `base` (JSON) with the value at `path` (`a.b.0.c`) replaced, or removed when `value` is `None`.
fn with(base: &str, path: &str, value: Option<JsValue>) -> JsValue {
    let root = js(base);
    let keys: Vec<&str> = path.split('.').collect();
    let (last, parents) = keys.split_last().unwrap();
    let target = parents.iter().fold(root.clone(), |v, k| get(&v, k));
    match value {
        Some(v) => assert!(Reflect::set(&target, &(*last).into(), &v).unwrap()),
        None => assert!(Reflect::delete_property(target.unchecked_ref::<Object>(), &(*last).into()).unwrap()),
    }
    root
}

fn string_of(len: usize, c: char) -> JsValue {
    JsValue::from_str(&c.to_string().repeat(len))
}

/// `{a: {a: … {}}}`, `depth` levels, built iteratively.
fn nested_object(depth: usize) -> JsValue {
    let mut v: JsValue = Object::new().into();
    for _ in 0..depth {
        let o = Object::new();
        Reflect::set(&o, &"a".into(), &v).unwrap();
        v = o.into();
    }
    v
}

/// `[[… []]]`, `depth` levels.
fn nested_array(depth: usize) -> JsValue {
    let mut v: JsValue = Array::new().into();
    for _ in 0..depth {
        v = Array::of1(&v).into();
    }
    v
}

/// `a = [a]`.
fn cyclic_array() -> JsValue {
    let a = Array::new();
    a.push(&a);
    a.into()
}

/// `o = {a: o}`.
fn cyclic_object() -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"a".into(), &o).unwrap();
    o.into()
}

/// An array of `n` copies of `item` (JSON).
fn many(n: usize, item: &str) -> JsValue {
    let a = Array::new_with_length(0);
    for _ in 0..n {
        a.push(&js(item));
    }
    a.into()
}

/// 10^30 as a BigInt: beyond every integer type of the inputs.
fn big_int() -> JsValue {
    js_sys::BigInt::new(&JsValue::from_str(&format!("1{}", "0".repeat(30)))).unwrap().into()
}

fn n(x: f64) -> Option<JsValue> {
    Some(JsValue::from_f64(x))
}

fn s(x: &str) -> Option<JsValue> {
    Some(JsValue::from_str(x))
}

fn prices() -> Option<JsValue> {
    Some(js(PRICE_LIST))
}

/// A refusal as the contract has it: a real `Error` with `code` = `errors[0].code` = `want`, a short message
/// (a 1 MB input is never echoed back whole).
fn refused(r: Answer, want: &str) -> Result<(), String> {
    let err = match r {
        Ok(v) => return Err(format!("answered {}", to_json(&v))),
        Err(e) => e,
    };
    if !err.is_instance_of::<js_sys::Error>() {
        return Err(format!("threw a non-Error: {err:?}"));
    }
    let code = get(&err, "code").as_string().unwrap_or_default();
    let first = get(&get(&err, "errors"), "0");
    let first_code = get(&first, "code").as_string().unwrap_or_default();
    let message = get(&err, "message").as_string().unwrap_or_default();
    if code != want || first_code != want {
        return Err(format!("code {code} / errors[0].code {first_code}, expected {want} ({message})"));
    }
    if message.is_empty() || message.len() > 2_000 {
        return Err(format!("message of {} bytes", message.len()));
    }
    Ok(())
}

/// The module still prices a normal request after whatever came before.
fn still_answers() -> Result<(), String> {
    let total = wasm::estimate(js(REQUEST), prices()).map(|v| to_json(&v)["total_price"].clone());
    match total {
        Ok(t) if t == "301.37" => Ok(()),
        Ok(t) => Err(format!("a normal request now totals {t}")),
        Err(e) => Err(format!("a normal request now fails: {}", to_json(&e))),
    }
}

/// Runs every row, each followed by a normal call; fails with every row that went wrong.
fn check_all(rows: Vec<(&str, Answer, &str)>) {
    let count = rows.len();
    let mut failures = Vec::new();
    for (what, answer, want) in rows {
        if let Err(why) = refused(answer, want).and_then(|()| still_answers()) {
            failures.push(format!("{what}: {why}"));
        }
    }
    assert!(failures.is_empty(), "{} of {count} rows failed:\n{}", failures.len(), failures.join("\n"));
    console_log!("{count} refusals, each an invalid_value Error followed by a normal answer");
}

#[wasm_bindgen_test]
fn the_request_answers_normally() {
    still_answers().unwrap();
}

#[wasm_bindgen_test]
fn bad_values_are_invalid_value_errors() {
    check_all(vec![
        // A JSON number where money is expected.
        (
            "amount_due as a number",
            wasm::pay_renewal(with(PAYMENT, "amount_due", n(3000.0))),
            "invalid_value:amount_due",
        ),
        (
            "account_balance as a number",
            wasm::pay_renewal(with(PAYMENT, "account_balance", n(10.0))),
            "invalid_value:account_balance",
        ),
        (
            "available_credit as a number",
            wasm::pay_renewal(with(PAYMENT, "cards.0.available_credit", n(5.0))),
            "invalid_value:available_credit",
        ),
        (
            "a price as a number",
            wasm::estimate(js(REQUEST), Some(with(PRICE_LIST, "products.0.annual_prices.fqdn", n(200.0)))),
            "invalid_value:annual_prices",
        ),
        (
            "a partner's balance as a number",
            wasm::partner_rollup(with(PORTFOLIO, "partner.account_balance", n(0.0)), prices()),
            "invalid_value:account_balance",
        ),
        // A missing field.
        (
            "no product_name_id",
            wasm::validate_order(with(REQUEST, "product_name_id", None), prices()),
            "invalid_value:product_name_id",
        ),
        (
            "no start_date",
            wasm::renewal_quote(with(SUBSCRIPTION, "start_date", None), prices()),
            "invalid_value:start_date",
        ),
        ("no amount_due", wasm::pay_renewal(with(PAYMENT, "amount_due", None)), "invalid_value:amount_due"),
        ("no card id", wasm::pay_renewal(with(PAYMENT, "cards.0.id", None)), "invalid_value:id"),
        ("no years", wasm::simulate(with(PLAN, "years", None), prices()), "invalid_value:years"),
        (
            "no bill_parent",
            wasm::partner_rollup(with(PORTFOLIO, "subaccounts.0.bill_parent", None), prices()),
            "invalid_value:bill_parent",
        ),
        (
            "no currency in the price list",
            wasm::estimate(js(REQUEST), Some(with(PRICE_LIST, "currency", None))),
            "invalid_value:currency",
        ),
        // A wrong type.
        (
            "dns_names a string",
            wasm::estimate(with(REQUEST, "certificate.dns_names", s("a.example")), prices()),
            "invalid_value:dns_names",
        ),
        (
            "a dns name a number",
            wasm::estimate(with(REQUEST, "certificate.dns_names.0", n(7.0)), prices()),
            "invalid_value:dns_names",
        ),
        (
            "licenses an object",
            wasm::renewal_quote(with(SUBSCRIPTION, "licenses", Some(Object::new().into())), prices()),
            "invalid_value:licenses",
        ),
        (
            "quantity a string",
            wasm::renewal_quote(with(SUBSCRIPTION, "licenses.0.quantity", s("2")), prices()),
            "invalid_value:quantity",
        ),
        (
            "is_default a string",
            wasm::pay_renewal(with(PAYMENT, "cards.0.is_default", s("yes"))),
            "invalid_value:is_default",
        ),
        (
            "bill_parent a string",
            wasm::partner_rollup(with(PORTFOLIO, "subaccounts.0.bill_parent", s("true")), prices()),
            "invalid_value:bill_parent",
        ),
        (
            "an unknown asset type",
            wasm::renewal_quote(with(SUBSCRIPTION, "licenses.0.asset_type", s("ip")), prices()),
            "invalid_value:asset_type",
        ),
        (
            "an unknown proration",
            wasm::renewal_quote(with(SUBSCRIPTION, "proration", s("yearly")), prices()),
            "invalid_value:proration",
        ),
        (
            "as_of a boolean",
            wasm::estimate(with(REQUEST, "as_of", Some(JsValue::TRUE)), prices()),
            "invalid_value:as_of",
        ),
        (
            "an event's add a string",
            wasm::simulate(with(PLAN, "events.0.add", s("b.example")), prices()),
            "invalid_value:add",
        ),
        // null.
        ("a null request", wasm::estimate(JsValue::NULL, prices()), "invalid_value:request"),
        ("a null subscription", wasm::renewal_quote(JsValue::NULL, prices()), "invalid_value:subscription"),
        ("a null payment", wasm::pay_renewal(JsValue::NULL), "invalid_value:payment"),
        ("a null plan", wasm::simulate(JsValue::NULL, prices()), "invalid_value:plan"),
        ("a null portfolio", wasm::partner_rollup(JsValue::NULL, prices()), "invalid_value:portfolio"),
        (
            "a null dns name",
            wasm::estimate(with(REQUEST, "certificate.dns_names.0", Some(JsValue::NULL)), prices()),
            "invalid_value:dns_names",
        ),
        // undefined.
        ("an undefined request", wasm::validate_order(JsValue::UNDEFINED, prices()), "invalid_value:request"),
        ("an undefined payment", wasm::pay_renewal(JsValue::UNDEFINED), "invalid_value:payment"),
        (
            "an undefined currency",
            wasm::pay_renewal(with(PAYMENT, "currency", Some(JsValue::UNDEFINED))),
            "invalid_value:currency",
        ),
        // A string instead of an object.
        ("a string request", wasm::estimate(JsValue::from_str("ssl_basic"), prices()), "invalid_value:request"),
        (
            "a string subscription",
            wasm::renewal_quote(JsValue::from_str("2026-01-01"), prices()),
            "invalid_value:subscription",
        ),
        ("a string payment", wasm::pay_renewal(JsValue::from_str("3000.00")), "invalid_value:payment"),
        ("a string plan", wasm::simulate(JsValue::from_str("plan"), prices()), "invalid_value:plan"),
        ("a string portfolio", wasm::partner_rollup(JsValue::from_str("partner"), prices()), "invalid_value:portfolio"),
        ("a string price list", wasm::estimate(js(REQUEST), s("USD")), "invalid_value:price_list"),
        (
            "a string certificate",
            wasm::estimate(with(REQUEST, "certificate", s("a.example")), prices()),
            "invalid_value:certificate",
        ),
        (
            "a string subscription in a request",
            wasm::estimate(with(REQUEST, "subscription", s("x")), prices()),
            "invalid_value:subscription",
        ),
        ("a string card", wasm::pay_renewal(with(PAYMENT, "cards.0", s("visa-4242"))), "invalid_value:cards"),
        ("a number request", wasm::estimate(JsValue::from_f64(1.0), prices()), "invalid_value:request"),
        // `JSON.stringify` refuses a BigInt anywhere: the whole argument is refused.
        (
            "a BigInt as validity",
            wasm::estimate(with(VALIDITY_REQUEST, "order_validity.days", Some(big_int())), prices()),
            "invalid_value:request",
        ),
    ]);
}

#[wasm_bindgen_test]
fn deep_nesting_is_refused_or_ignored() {
    // Far deeper than the 32 levels certcalc reads (what lies deeper is checked as JSON, then skipped)...
    const DEPTH: usize = 500;
    // ...and deeper than any engine's `JSON.stringify` goes: its RangeError or InternalError is caught.
    const ABYSS: usize = 200_000;
    // Where the field is unknown, the nesting is never read: the answer is the normal one.
    let answer = wasm::estimate(with(REQUEST, "extra", Some(nested_object(DEPTH))), prices()).unwrap();
    assert_eq!(to_json(&answer)["total_price"], "301.37");
    let answer =
        wasm::estimate(with(REQUEST, "subscription.licenses.0.note", Some(nested_object(DEPTH))), prices()).unwrap();
    assert_eq!(to_json(&answer)["total_price"], "301.37");
    check_all(vec![
        // `certificate` becomes `{a: …}`: it names no asset.
        (
            "certificate nested",
            wasm::estimate(with(REQUEST, "certificate", Some(nested_object(DEPTH))), prices()),
            "invalid_value:dns_names",
        ),
        (
            "dns_names nested objects",
            wasm::estimate(with(REQUEST, "certificate.dns_names", Some(nested_object(DEPTH))), prices()),
            "invalid_value:dns_names",
        ),
        // Along the fields certcalc reads, nesting beyond 64 levels refuses the whole argument.
        (
            "dns_names nested arrays",
            wasm::estimate(with(REQUEST, "certificate.dns_names", Some(nested_array(DEPTH))), prices()),
            "invalid_value:request",
        ),
        (
            "a license nested arrays",
            wasm::renewal_quote(with(SUBSCRIPTION, "licenses", Some(nested_array(DEPTH))), prices()),
            "invalid_value:subscription",
        ),
        ("the request nested", wasm::estimate(nested_object(DEPTH), prices()), "invalid_value:product_name_id"),
        ("a payment nested 200,000 deep", wasm::pay_renewal(nested_array(ABYSS)), "invalid_value:payment"),
        // An array is not an object, whatever it holds.
        ("the payment nested arrays", wasm::pay_renewal(nested_array(DEPTH)), "invalid_value:payment"),
        (
            "annual_prices nested",
            wasm::estimate(js(REQUEST), Some(with(PRICE_LIST, "products.0.annual_prices", Some(nested_object(DEPTH))))),
            "invalid_value:price_list",
        ),
        ("cards nested", wasm::pay_renewal(with(PAYMENT, "cards", Some(nested_array(DEPTH)))), "invalid_value:payment"),
        (
            "events nested",
            wasm::simulate(with(PLAN, "events.0", Some(nested_object(DEPTH))), prices()),
            "invalid_value:date",
        ),
        (
            "a subaccount's subscription nested",
            wasm::partner_rollup(with(PORTFOLIO, "subaccounts.0.subscription", Some(nested_object(DEPTH))), prices()),
            "invalid_value:start_date",
        ),
        // A cycle cannot be written as JSON: the whole argument is refused, wherever it is.
        (
            "as_of a cyclic array",
            wasm::estimate(with(REQUEST, "as_of", Some(cyclic_array())), prices()),
            "invalid_value:request",
        ),
        (
            "dns_names a cyclic array",
            wasm::estimate(with(REQUEST, "certificate.dns_names", Some(cyclic_array())), prices()),
            "invalid_value:request",
        ),
        // The cycle runs through a key certcalc does not read: the certificate names nothing.
        (
            "a cyclic object as certificate",
            wasm::estimate(with(REQUEST, "certificate", Some(cyclic_object())), prices()),
            "invalid_value:dns_names",
        ),
    ]);
    // A key the caller made up is never read, whatever it holds.
    for (what, extra) in [("nested 200,000 deep", nested_object(ABYSS)), ("a cycle", cyclic_object())] {
        let answer = wasm::estimate(with(REQUEST, "extra", Some(extra)), prices()).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!(to_json(&answer)["total_price"], "301.37", "{what}");
    }
}

#[wasm_bindgen_test]
fn values_that_are_not_data_are_refused() {
    let throwing = |base: &str, field: &str| {
        let v = js(base);
        let getter = js_sys::Function::new_no_args("throw new TypeError('boom')");
        let descriptor = Object::new();
        Reflect::set(&descriptor, &"get".into(), &getter).unwrap();
        Reflect::set(&descriptor, &"enumerable".into(), &JsValue::TRUE).unwrap();
        Object::define_property(v.unchecked_ref::<Object>(), &field.into(), &descriptor);
        v
    };
    // A getter that throws on a field certcalc reads refuses the whole argument (caught inside
    // `JSON.stringify`, never unwinding through the module); one on a field it does not know is never run.
    check_all(vec![
        ("a getter that throws", wasm::estimate(throwing(REQUEST, "as_of"), prices()), "invalid_value:request"),
        (
            "an amount_due getter that throws",
            wasm::pay_renewal(throwing(PAYMENT, "amount_due")),
            "invalid_value:payment",
        ),
        (
            "a function as the request",
            wasm::estimate(js_sys::Function::new_no_args("return 1").into(), prices()),
            "invalid_value:request",
        ),
        (
            "a symbol as a card id",
            wasm::pay_renewal(with(PAYMENT, "cards.0.id", Some(JsValue::symbol(Some("visa"))))),
            "invalid_value:id",
        ),
        (
            "a Date as as_of",
            wasm::estimate(with(REQUEST, "as_of", Some(js_sys::Date::new_0().into())), prices()),
            "invalid_value:as_of",
        ),
    ]);
    let answer = wasm::estimate(throwing(REQUEST, "extra"), prices()).unwrap();
    assert_eq!(to_json(&answer)["total_price"], "301.37", "an unknown getter is never run");
}

#[wasm_bindgen_test]
fn huge_arrays_are_refused() {
    const N: usize = 100_000;
    let license = r#"{"product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": 1}"#;
    check_all(vec![
        (
            "100,000 dns_names",
            wasm::estimate(with(REQUEST, "certificate.dns_names", Some(many(N, r#""a.example""#))), prices()),
            "invalid_value:dns_names",
        ),
        (
            "100,000 emails",
            wasm::estimate(with(EMAIL_REQUEST, "certificate.emails", Some(many(N, r#""u@a.example""#))), prices()),
            "invalid_value:emails",
        ),
        (
            "100,000 licenses",
            wasm::renewal_quote(with(SUBSCRIPTION, "licenses", Some(many(N, license))), prices()),
            "invalid_value:licenses",
        ),
        (
            "100,000 licenses in a request",
            wasm::estimate(with(REQUEST, "subscription.licenses", Some(many(N, license))), prices()),
            "invalid_value:licenses",
        ),
        (
            "100,000 cards",
            wasm::pay_renewal(with(PAYMENT, "cards", Some(many(N, r#"{"id": "c"}"#)))),
            "invalid_value:cards",
        ),
        (
            "100,000 events",
            wasm::simulate(with(PLAN, "events", Some(many(N, r#"{"date": "2026-02-01", "renew": true}"#))), prices()),
            "invalid_value:events",
        ),
        (
            "100,000 products",
            wasm::estimate(
                js(REQUEST),
                Some(with(
                    PRICE_LIST,
                    "products",
                    Some(many(
                        N,
                        r#"{"product_name_id": "p", "name": "P", "family": "tls", "annual_prices": {"fqdn": "1.00"}}"#,
                    )),
                )),
            ),
            "invalid_value:products",
        ),
        (
            "100,000 numbers as dns_names",
            wasm::estimate(with(REQUEST, "certificate.dns_names", Some(many(N, "1"))), prices()),
            "invalid_value:dns_names",
        ),
        // 100 GB as JSON: `JSON.stringify` gives up (a RangeError), and the whole argument is refused.
        (
            "100,000 times one 1 MB string",
            wasm::estimate(
                with(
                    REQUEST,
                    "certificate.dns_names",
                    Some(Array::new_with_length(N as u32).fill(&string_of(1 << 20, 'a'), 0, N as u32).into()),
                ),
                prices(),
            ),
            "invalid_value:request",
        ),
    ]);
}

#[wasm_bindgen_test]
fn huge_and_negative_numbers_are_refused() {
    let mut rows = Vec::new();
    let quantity = |x: f64| wasm::renewal_quote(with(SUBSCRIPTION, "licenses.0.quantity", n(x)), prices());
    let days = |x: f64| wasm::estimate(with(VALIDITY_REQUEST, "order_validity.days", n(x)), prices());
    let years = |x: f64| wasm::validate_order(with(VALIDITY_REQUEST, "order_validity.years", n(x)), prices());
    let horizon = |x: f64| wasm::simulate(with(PLAN, "years", n(x)), prices());
    for (label, x) in [
        ("1e308", 1e308),
        ("-1", -1.0),
        ("NaN", f64::NAN),
        ("Infinity", f64::INFINITY),
        ("-Infinity", f64::NEG_INFINITY),
        ("2^53", 9_007_199_254_740_992.0),
        ("1.5", 1.5),
        ("-0.5", -0.5),
    ] {
        rows.push((format!("quantity {label}"), quantity(x), "invalid_value:quantity"));
        rows.push((format!("validity days {label}"), days(x), "invalid_value:validity_days"));
        rows.push((format!("validity years {label}"), years(x), "invalid_value:validity_years"));
        rows.push((format!("simulate years {label}"), horizon(x), "invalid_value:years"));
    }
    // In range for the type but not for the rules.
    rows.push(("quantity 0".into(), quantity(0.0), "invalid_value:quantity"));
    rows.push(("quantity 2^32".into(), quantity(4_294_967_296.0), "invalid_value:quantity"));
    rows.push(("quantity 100,001".into(), quantity(100_001.0), "invalid_value:quantity"));
    rows.push(("validity days 0".into(), days(0.0), "invalid_value:validity_days"));
    rows.push(("validity days 398".into(), days(398.0), "invalid_value:validity_days"));
    rows.push(("simulate years 0".into(), horizon(0.0), "invalid_value:years"));
    rows.push(("simulate years 1000".into(), horizon(1000.0), "invalid_value:years"));
    rows.push((
        "money 1e308 as a string".into(),
        wasm::pay_renewal(with(PAYMENT, "amount_due", s("1e308"))),
        "invalid_value:amount_due",
    ));
    rows.push((
        "money with 400 digits".into(),
        wasm::pay_renewal(with(PAYMENT, "amount_due", Some(string_of(400, '9')))),
        "invalid_value:amount_due",
    ));
    rows.push((
        "negative money".into(),
        wasm::pay_renewal(with(PAYMENT, "account_balance", s("-1.00"))),
        "invalid_value:account_balance",
    ));
    rows.push((
        "NaN as money".into(),
        wasm::pay_renewal(with(PAYMENT, "amount_due", s("NaN"))),
        "invalid_value:amount_due",
    ));
    rows.push((
        "a price of 1e308".into(),
        wasm::estimate(js(REQUEST), Some(with(PRICE_LIST, "products.1.annual_prices.fqdn", s("1e308")))),
        "invalid_value:annual_prices",
    ));
    check_all(rows.iter().map(|(w, a, c)| (w.as_str(), a.clone(), *c)).collect());
}

#[wasm_bindgen_test]
fn megabyte_strings_are_refused() {
    const MB: usize = 1 << 20;
    let big = || Some(string_of(MB, 'a'));
    check_all(vec![
        ("as_of", wasm::estimate(with(REQUEST, "as_of", big()), prices()), "invalid_value:as_of"),
        (
            "product_name_id",
            wasm::estimate(with(REQUEST, "product_name_id", big()), prices()),
            "invalid_value:product_name_id",
        ),
        (
            "a dns name",
            wasm::estimate(with(REQUEST, "certificate.dns_names.0", big()), prices()),
            "invalid_value:dns_names",
        ),
        (
            "a dns name of dotted labels",
            wasm::estimate(
                with(REQUEST, "certificate.dns_names.0", Some(JsValue::from_str(&"a.".repeat(MB / 2)))),
                prices(),
            ),
            "invalid_value:dns_names",
        ),
        (
            "common_name",
            wasm::estimate(with(REQUEST, "certificate.common_name", big()), prices()),
            "invalid_value:common_name",
        ),
        (
            "payment_method before subscription",
            wasm::estimate(with(PLAN_ACCOUNT_REQUEST, "payment_method", big()), prices()),
            "invalid_value:payment_method",
        ),
        (
            "start_date",
            wasm::renewal_quote(with(SUBSCRIPTION, "start_date", big()), prices()),
            "invalid_value:start_date",
        ),
        (
            "a bound asset",
            wasm::renewal_quote(with(SUBSCRIPTION, "licenses.0.asset", big()), prices()),
            "invalid_value:asset",
        ),
        (
            "amount_due",
            wasm::pay_renewal(with(PAYMENT, "amount_due", Some(string_of(MB, '1')))),
            "invalid_value:amount_due",
        ),
        ("currency", wasm::pay_renewal(with(PAYMENT, "currency", big())), "invalid_value:currency"),
        ("a card id", wasm::pay_renewal(with(PAYMENT, "cards.0.id", big())), "invalid_value:cards"),
        (
            "a product name",
            wasm::estimate(js(REQUEST), Some(with(PRICE_LIST, "products.0.name", big()))),
            "invalid_value:name",
        ),
        ("an event date", wasm::simulate(with(PLAN, "events.0.date", big()), prices()), "invalid_value:date"),
    ]);
    // A long name where the contract allows any: the 200-character cap of the list's label keeps answers small.
    let answer = wasm::catalog().unwrap();
    assert!(String::from(js_sys::JSON::stringify(&answer).unwrap()).len() < 100_000);
}
