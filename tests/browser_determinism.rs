//! Determinism, browser half: every request of `tests/fixtures/determinism.json` (1,000, written by the
//! native half, `tests/determinism.rs`) through the wasm exports in a real browser; `JSON.stringify` of each
//! answer, or of the thrown error's `errors` list, must equal the fixture's native bytes exactly.
//! `wasm-pack test --headless --chrome -- --test browser_determinism` (or `--firefox`).
#![cfg(target_arch = "wasm32")]

use certcalc::wasm;
include!("common/api.rs");
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/determinism.json");

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn stringify(v: &JsValue) -> String {
    String::from(js_sys::JSON::stringify(v).unwrap())
}

#[wasm_bindgen_test]
fn browser_answers_match_the_native_fixture_byte_for_byte() {
    let fixture: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    let lists = &fixture["price_lists"];
    let cases = fixture["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 1_000);
    let (mut failures, mut today) = (Vec::new(), 0);
    for (i, c) in cases.iter().enumerate() {
        // Without `as_of` the native API refuses and the browser prices the caller's local today (README's API):
        // those cases cannot agree, by design. Every other case must, byte for byte.
        let dated = matches!(c["call"].as_str(), Some("estimate" | "validateOrder"));
        if dated && c["args"].get("as_of").is_none_or(serde_json::Value::is_null) {
            today += 1;
            continue;
        }
        let arg = js(&c["args"].to_string());
        let list = c["price_list"].as_str().map(|name| js(&lists[name].to_string()));
        macro_rules! exported {
            ($f:ident, $root:literal, prices) => { wasm::$f(arg, list) };
            ($f:ident, $root:literal) => { wasm::$f(arg) };
        }
        let call = c["call"].as_str().unwrap();
        let result = js_api!(call, exported).unwrap_or_else(|| panic!("case {i}: no such call {call}"));
        let got = match &result {
            Ok(answer) => format!("answer {}", stringify(answer)),
            Err(err) => format!("errors {}", stringify(&js_sys::Reflect::get(err, &"errors".into()).unwrap())),
        };
        let want = match (c["answer"].as_str(), c["errors"].as_str()) {
            (Some(a), None) => format!("answer {a}"),
            (None, Some(e)) => format!("errors {e}"),
            _ => panic!("case {i} has neither answer nor errors"),
        };
        if got != want {
            failures.push(format!("case {i} ({}): {}\n  native:  {want}\n  browser: {got}", c["call"], c["args"]));
        }
    }
    assert!(today < 20, "{today} cases have no as_of");
    assert!(failures.is_empty(), "{} of 1000 differ; the first:\n{}", failures.len(), failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n"));
}
