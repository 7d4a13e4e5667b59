//! Table-driven cases for R8 (`pay_renewal`) and its refusals.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use certcalc::{pay_renewal, PaymentInput};
use common::{arg, value};
use serde_json::{json, Value};

fn pay(v: Value) -> Result<Value, String> {
    arg::<PaymentInput>(&v, "payment")
        .and_then(|p| pay_renewal(&p).map(|paid| value(&paid)))
        .map_err(|e| e.code().to_owned())
}

#[test]
fn r8_fallback_table() {
    let card = |id: &str, default: bool, credit: Option<&str>| {
        let mut c = json!({ "id": id, "is_default": default });
        if let Some(cr) = credit {
            c["available_credit"] = json!(cr);
        }
        c
    };
    // (due, balance, cards, status, collected, shortfall, balance_after, steps as (source, card, charged, remaining))
    type Steps = &'static [(&'static str, Option<&'static str>, &'static str, &'static str)];
    type Row = (&'static str, &'static str, Vec<Value>, &'static str, &'static str, &'static str, &'static str, Steps);
    let rows: Vec<Row> = vec![
        // nothing due: nothing drawn
        ("0.00", "10.00", vec![], "paid", "0.00", "0.00", "10.00", &[]),
        // balance 0, default card takes all
        ("100.00", "0.00", vec![card("v", true, None)], "paid", "100.00", "0.00", "0.00",
            &[("account_balance", None, "0.00", "100.00"), ("credit_card", Some("v"), "100.00", "0.00")]),
        // card credit exactly the rest: paid
        ("100.00", "40.00", vec![card("v", true, Some("60.00"))], "paid", "100.00", "0.00", "0.00",
            &[("account_balance", None, "40.00", "60.00"), ("credit_card", Some("v"), "60.00", "0.00")]),
        // one cent short: declined whole, balance still drawn, the non-default card with credit is not tried
        ("100.00", "40.00", vec![card("v", true, Some("59.99")), card("a", false, Some("1000.00"))], "declined", "40.00", "60.00", "0.00",
            &[("account_balance", None, "40.00", "60.00"), ("credit_card", Some("v"), "0.00", "60.00")]),
        // no default card, balance too small: the rest is unpaid
        ("100.00", "30.00", vec![card("a", false, None)], "no_payment_method", "30.00", "70.00", "0.00",
            &[("account_balance", None, "30.00", "70.00")]),
        // no cards at all, balance large enough: paid from balance alone
        ("100.00", "100.00", vec![], "paid", "100.00", "0.00", "0.00", &[("account_balance", None, "100.00", "0.00")]),
    ];
    for (due, balance, cards, status, collected, shortfall, after, steps) in rows {
        let p = pay(json!({ "amount_due": due, "currency": "USD", "account_balance": balance, "cards": cards })).unwrap();
        let ctx = format!("due {due} balance {balance}");
        assert_eq!(p["status"], status, "{ctx}");
        assert_eq!((p["collected"].as_str(), p["shortfall"].as_str(), p["balance_after"].as_str()),
            (Some(collected), Some(shortfall), Some(after)), "{ctx}");
        let got: Vec<_> = p["steps"].as_array().unwrap().iter()
            .map(|s| (s["source"].as_str().unwrap().to_owned(), s["card_id"].as_str().map(str::to_owned),
                s["charged"].as_str().unwrap().to_owned(), s["remaining_due"].as_str().unwrap().to_owned()))
            .collect();
        let want: Vec<_> = steps.iter().map(|(s, c, ch, r)| (s.to_string(), c.map(str::to_owned), ch.to_string(), r.to_string())).collect();
        assert_eq!(got, want, "{ctx}");
    }
}

#[test]
fn r8_amounts_follow_the_currency_minor_unit() {
    let p = pay(json!({ "amount_due": "1500", "currency": "JPY", "account_balance": "200",
        "cards": [{ "id": "v", "is_default": true }] })).unwrap();
    assert_eq!((p["collected"].as_str(), p["steps"][1]["charged"].as_str()), (Some("1500"), Some("1300")));
    let b = pay(json!({ "amount_due": "1.500", "currency": "BHD", "account_balance": "2" })).unwrap();
    assert_eq!(b["balance_after"], "0.500");
}

#[test]
fn r8_bad_input_is_refused_with_the_field() {
    let ok_card = json!({ "id": "v", "is_default": true });
    let rows = [
        (json!({ "amount_due": "-1.00", "currency": "USD" }), "invalid_value:amount_due"),
        (json!({ "amount_due": "ten", "currency": "USD" }), "invalid_value:amount_due"),
        (json!({ "amount_due": 10, "currency": "USD" }), "invalid_value:amount_due"),
        (json!({ "amount_due": "1.00", "currency": "usd" }), "invalid_value:currency"),
        (json!({ "amount_due": "1.00", "currency": "XXX" }), "invalid_value:currency"),
        (json!({ "amount_due": "1.00", "currency": "USD", "account_balance": "-5.00" }), "invalid_value:account_balance"),
        (json!({ "amount_due": "1.00", "currency": "USD", "cards": [ok_card, { "id": "w", "is_default": true }] }), "invalid_value:cards"),
        (json!({ "amount_due": "1.00", "currency": "USD", "cards": [ok_card, { "id": "v" }] }), "invalid_value:cards"),
        (json!({ "amount_due": "1.00", "currency": "USD", "cards": [{ "id": "v", "available_credit": "-1" }] }), "invalid_value:available_credit"),
        (json!({ "amount_due": "1.00", "currency": "USD", "deposit": "100.00" }), "balance_deposit_not_allowed"),
        (json!("1.00"), "invalid_value:payment"),
    ];
    for (input, code) in rows {
        assert_eq!(pay(input.clone()).unwrap_err(), code, "{input}");
    }
}
