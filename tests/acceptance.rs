//! Every case of `tests/acceptance/cases.json` (an exact copy of `../shared/acceptance/`), natively.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{acceptance_file, acceptance_prices, contains, dispatch};
use serde_json::Value;

#[test]
fn contains_follows_the_acceptance_readme() {
    let v: Value = serde_json::json!({ "a": 1, "b": [ { "c": 2, "d": 3 } ] });
    assert!(contains(&v, &serde_json::json!({ "b": [ { "c": 2 } ] })).is_ok());
    assert!(contains(&v, &serde_json::json!({ "b": [] })).is_err());
    assert!(contains(&v, &serde_json::json!({ "a": "1" })).is_err());
    assert!(contains(&v, &serde_json::json!({ "e": 1 })).is_err());
}

#[test]
fn acceptance_cases_pass_natively() {
    let cases: Vec<Value> = serde_json::from_str(&acceptance_file("cases.json")).unwrap();
    let prices = acceptance_prices();
    let (mut passed, mut skipped, mut failures) = (0, Vec::new(), Vec::new());
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let call = case["call"].as_str().unwrap_or("?");
        let args = case["args"].as_array().cloned().unwrap_or_default();
        let Some(result) = dispatch(call, &args, &prices) else {
            skipped.push(format!("{call}: {name}"));
            continue;
        };
        let verdict = match (&result, case.get("expect"), case.get("expect_error")) {
            (Ok(v), Some(e), None) => contains(v, e),
            (Err(err), None, Some(code)) if code.as_str() == Some(err.code()) => Ok(()),
            (Err(err), None, Some(code)) => Err(format!("error {} ({}), expected {code}", err.code(), err.message())),
            (Ok(v), None, Some(code)) => Err(format!("returned {v}, expected error {code}")),
            (Err(err), Some(_), None) => Err(format!("threw {} ({})", err.code(), err.message())),
            _ => Err("the case has neither expect nor expect_error".into()),
        };
        match verdict {
            Ok(()) => passed += 1,
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    println!("acceptance: {passed} passed, {} skipped, {} failed of {}", skipped.len(), failures.len(), cases.len());
    for s in &skipped {
        println!("  skipped (no such function yet): {s}");
    }
    assert!(failures.is_empty(), "failed cases:\n{}", failures.join("\n"));
    assert!(skipped.is_empty(), "{} cases skipped", skipped.len());
    assert_eq!(passed, cases.len());
}
