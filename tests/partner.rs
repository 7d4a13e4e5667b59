//! `partnerRollup` (R10). Prices are the acceptance list's: ssl_basic fqdn 200 / wildcard 600,
//! ssl_securesite_flex fqdn 400 / wildcard 1000, vmc_basic email_domain 1500, secure_email_mailbox
//! email_address 30, code_signing organization 500 (USD).
#![cfg(not(target_arch = "wasm32"))]

mod common;
use certcalc::{partner_rollup, AssetType, DecimalString, LicenseInput, PortfolioInput, Rollup, SourcesInput, SubaccountInput, SubscriptionInput};
use common::{acceptance_prices, arg, dispatch, value};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn roll(portfolio: Value) -> Result<Value, certcalc::Error> {
    let p: PortfolioInput = arg(&portfolio, "portfolio")?;
    partner_rollup(&p, &acceptance_prices()).map(|r| value(&r))
}

fn slots(product: &str, asset_type: &str, quantity: u32) -> Value {
    json!({ "product_name_id": product, "asset_type": asset_type, "quantity": quantity })
}

fn sub(id: &str, bill_parent: bool, start: &str, licenses: Value) -> Value {
    json!({ "id": id, "name": format!("Customer {id}"), "bill_parent": bill_parent,
        "subscription": { "start_date": start, "licenses": licenses } })
}

/// (subaccount, status, [(source, charged)], balance_after) of one payment.
type Row = (String, String, Vec<(String, String)>, String);

/// The rows of each payment of `payer`.
fn payments(r: &Value, payer: &str) -> Vec<Row> {
    let p = r["payers"].as_array().unwrap().iter().find(|p| p["payer"] == payer).unwrap();
    p["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let steps = x["steps"].as_array().unwrap().iter().map(|s| {
                let src = s["card_id"].as_str().unwrap_or("balance").to_owned();
                (src, s["charged"].as_str().unwrap().to_owned())
            });
            let s = |k: &str| x[k].as_str().unwrap().to_owned();
            (s("subaccount"), s("status"), steps.collect(), s("balance_after"))
        })
        .collect()
}

fn row(sub: &str, status: &str, steps: &[(&str, &str)], after: &str) -> Row {
    (sub.into(), status.into(), steps.iter().map(|&(a, b)| (a.into(), b.into())).collect(), after.into())
}

#[test]
fn mixed_billing_with_a_balance_that_runs_out() {
    // Partner pays c-sub (wildcard 1000, renews 2027-03-01), a-sub (2 fqdn slots 400, renews 2027-03-01) and
    // d-sub (VMC 1500, renews 2027-02-01); b-sub (code signing 500, renews 2027-01-15) pays for itself.
    // Partner order: d-sub first (Feb 1), then the tie on Mar 1 by id: a-sub, c-sub.
    //   d-sub 1500: balance 1700 → 1500, 200 left;
    //   a-sub 400:  balance 200 (all of it), visa the other 200;
    //   c-sub 1000: balance 0 (the step still shows), visa 1000.
    // b-sub 500: its balance 100, no card → no_payment_method, shortfall 400.
    // Totals: partner 1500 + 400 + 1000 = 2900, b-sub 500, grand total 3400.
    let r = roll(json!({
        "partner": { "account_balance": "1700.00", "cards": [ { "id": "visa", "is_default": true } ] },
        "subaccounts": [
            sub("c-sub", true, "2026-03-01", json!([slots("ssl_securesite_flex", "wildcard", 1)])),
            sub("a-sub", true, "2026-03-01", json!([slots("ssl_basic", "fqdn", 2)])),
            { "id": "b-sub", "name": "Bee", "bill_parent": false, "account_balance": "100.00",
              "subscription": { "start_date": "2026-01-15", "licenses": [
                { "product_name_id": "code_signing", "asset_type": "organization", "asset": "Bee Ltd" } ] } },
            sub("d-sub", true, "2026-02-01", json!([{ "product_name_id": "vmc_basic", "asset_type": "email_domain", "asset": "d.example" }])),
        ] }))
    .unwrap();
    let lines: Vec<(&str, &str, &str, &str)> = r["subaccounts"].as_array().unwrap().iter().map(|s| (
        s["id"].as_str().unwrap(), s["renewal_date"].as_str().unwrap(), s["renewal_total"].as_str().unwrap(), s["payer"].as_str().unwrap(),
    )).collect();
    assert_eq!(lines, [
        ("c-sub", "2027-03-01", "1000.00", "partner"),
        ("a-sub", "2027-03-01", "400.00", "partner"),
        ("b-sub", "2027-01-15", "500.00", "b-sub"),
        ("d-sub", "2027-02-01", "1500.00", "partner"),
    ]);
    assert_eq!(payments(&r, "partner"), [
        row("d-sub", "paid", &[("balance", "1500.00")], "200.00"),
        row("a-sub", "paid", &[("balance", "200.00"), ("visa", "200.00")], "0.00"),
        row("c-sub", "paid", &[("balance", "0.00"), ("visa", "1000.00")], "0.00"),
    ]);
    assert_eq!(payments(&r, "b-sub"), [row("b-sub", "no_payment_method", &[("balance", "100.00")], "0.00")]);
    assert_eq!(r["payers"][1]["payments"][0]["shortfall"], "400.00");
    let payers: Vec<(&str, &str)> = r["payers"].as_array().unwrap().iter()
        .map(|p| (p["payer"].as_str().unwrap(), p["renewal_total"].as_str().unwrap())).collect();
    assert_eq!(payers, [("partner", "2900.00"), ("b-sub", "500.00")]);
    assert_eq!((r["currency"].as_str(), r["total"].as_str()), (Some("USD"), Some("3400.00")));
}

#[test]
fn a_declined_partner_card_is_not_replaced_by_another() {
    // amex (the default) can take 1200 in all. x1's 1000 (renews 2027-05-01) fits, leaving 200 of credit;
    // x2's 400 (renews 2027-06-01) does not: declined, and visa is never tried. The balance is 0 throughout.
    let r = roll(json!({
        "partner": { "account_balance": "0", "cards": [
            { "id": "visa", "is_default": false }, { "id": "amex", "is_default": true, "available_credit": "1200.00" } ] },
        "subaccounts": [
            sub("x2", true, "2026-06-01", json!([slots("ssl_securesite_flex", "fqdn", 1)])),
            sub("x1", true, "2026-05-01", json!([slots("ssl_securesite_flex", "wildcard", 1)])),
        ] }))
    .unwrap();
    assert_eq!(payments(&r, "partner"), [
        row("x1", "paid", &[("balance", "0.00"), ("amex", "1000.00")], "0.00"),
        row("x2", "declined", &[("balance", "0.00"), ("amex", "0.00")], "0.00"),
    ]);
    let declined = &r["payers"][0]["payments"][1];
    assert_eq!(declined["steps"][1]["available"], "200.00");
    assert_eq!((declined["collected"].as_str(), declined["shortfall"].as_str()), (Some("0.00"), Some("400.00")));
    // The partner's total is what is due, paid or not.
    assert_eq!((r["payers"][0]["renewal_total"].as_str(), r["total"].as_str()), (Some("1400.00"), Some("1400.00")));
}

#[test]
fn empty_subscriptions_and_empty_portfolios() {
    // Nothing to renew: 0.00, paid with no step; a self-payer with a 0 balance and no card is fine.
    let r = roll(json!({ "partner": { "account_balance": "10.00" }, "subaccounts": [
        sub("e1", true, "2026-01-01", json!([])),
        { "id": "e2", "name": "E2", "bill_parent": false, "account_balance": "0",
          "subscription": { "start_date": "2026-01-01" } } ] }))
    .unwrap();
    assert_eq!(payments(&r, "partner"), [row("e1", "paid", &[], "10.00")]);
    assert_eq!(payments(&r, "e2"), [row("e2", "paid", &[], "0.00")]);
    assert_eq!(r["total"], "0.00");
    // No subaccounts at all: the partner alone, owing nothing. No partner sources either: a zero balance.
    let r = roll(json!({ "subaccounts": [] })).unwrap();
    assert_eq!(r, json!({ "currency": "USD", "subaccounts": [],
        "payers": [ { "payer": "partner", "renewal_total": "0.00", "payments": [] } ], "total": "0.00" }));
}

#[test]
fn same_day_renewals_are_ordered_by_id() {
    // Five renewals on 2027-07-01 given in scrambled order; the partner's balance of 500 covers two 200s and
    // half of the third (by id: a, b, c…), the card the rest.
    let ids = ["m", "c", "a", "z", "b"];
    let subs: Vec<Value> = ids.iter().map(|id| sub(id, true, "2026-07-01", json!([slots("ssl_basic", "fqdn", 1)]))).collect();
    let r = roll(json!({ "partner": { "account_balance": "500.00", "cards": [ { "id": "visa", "is_default": true } ] },
        "subaccounts": subs })).unwrap();
    assert_eq!(payments(&r, "partner"), [
        row("a", "paid", &[("balance", "200.00")], "300.00"),
        row("b", "paid", &[("balance", "200.00")], "100.00"),
        row("c", "paid", &[("balance", "100.00"), ("visa", "100.00")], "0.00"),
        row("m", "paid", &[("balance", "0.00"), ("visa", "200.00")], "0.00"),
        row("z", "paid", &[("balance", "0.00"), ("visa", "200.00")], "0.00"),
    ]);
}

#[test]
fn refusals_are_at_their_path_from_the_root() {
    let ok = |id: &str| sub(id, true, "2026-01-01", json!([]));
    let named = |name: Value| json!({ "id": "n", "name": name, "bill_parent": true, "subscription": { "start_date": "2026-01-01" } });
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        ("duplicate id", json!({ "subaccounts": [ok("a"), ok("b"), ok("a")] }), "invalid_value:id", "subaccounts[2].id"),
        ("empty id", json!({ "subaccounts": [ok("")] }), "invalid_value:id", "subaccounts[0].id"),
        ("id 65 long", json!({ "subaccounts": [ok(&"i".repeat(65))] }), "invalid_value:id", "subaccounts[0].id"),
        ("id partner", json!({ "subaccounts": [ok("partner")] }), "invalid_value:id", "subaccounts[0].id"),
        ("empty name", json!({ "subaccounts": [named(json!(""))] }), "invalid_value:name", "subaccounts[0].name"),
        ("name 65 long", json!({ "subaccounts": [named(json!("é".repeat(65)))] }), "invalid_value:name", "subaccounts[0].name"),
        ("name with a newline", json!({ "subaccounts": [named(json!("a\nb"))] }), "invalid_value:name", "subaccounts[0].name"),
        ("self-payer without sources", json!({ "subaccounts": [ok("a"), sub("own", false, "2026-01-01", json!([]))] }),
            "invalid_value:account_balance", "subaccounts[1].account_balance"),
        ("bad subscription", json!({ "subaccounts": [ok("a"), sub("b", true, "2026-01-01", json!([slots("nope", "fqdn", 1)]))] }),
            "invalid_value:product_name_id", "subaccounts[1].subscription.licenses[0].product_name_id"),
        ("bad start", json!({ "subaccounts": [sub("b", true, "01/01/2026", json!([]))] }), "invalid_value:start_date", "subaccounts[0].subscription.start_date"),
        ("negative partner balance", json!({ "partner": { "account_balance": "-1.00" }, "subaccounts": [] }),
            "invalid_value:account_balance", "partner.account_balance"),
        ("two partner default cards", json!({ "partner": { "cards": [ { "id": "a", "is_default": true }, { "id": "b", "is_default": true } ] } }),
            "invalid_value:cards", "partner.cards"),
        ("bad own credit", json!({ "subaccounts": [ { "id": "s", "name": "S", "bill_parent": false, "subscription": { "start_date": "2026-01-01" },
            "cards": [ { "id": "c", "is_default": true, "available_credit": "1.001" } ] } ] }), "invalid_value:available_credit", "subaccounts[0].cards[0].available_credit"),
        ("money as a number", json!({ "partner": { "account_balance": 5 } }), "invalid_value:account_balance", "partner.account_balance"),
        ("bill_parent missing", json!({ "subaccounts": [ { "id": "s", "name": "S", "subscription": { "start_date": "2026-01-01" } } ] }),
            "invalid_value:bill_parent", "subaccounts[0].bill_parent"),
    ];
    // (case, portfolio, code, path): every path from the portfolio's root, and the message starts with it
    for (name, portfolio, code, path) in cases {
        let err = roll(portfolio).expect_err(name);
        let first = &err.errors()[0];
        assert_eq!((first.code.as_str(), first.path.as_str()), (code, path), "{name}: {err}");
        assert!(first.message.starts_with(&format!("{path}: ")), "{name}: {}", first.message);
    }
    // A name of exactly 64 characters (not bytes) is fine.
    assert!(roll(json!({ "subaccounts": [named(json!("é".repeat(64)))] })).is_ok());
}

#[test]
fn every_problem_is_listed() {
    let err = roll(json!({ "subaccounts": [
        sub("a", true, "2026-01-01", json!([])), sub("a", false, "2026-01-01", json!([])) ] })).unwrap_err();
    let codes: Vec<&str> = err.errors().iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["invalid_value:id", "invalid_value:account_balance"]);
}

#[test]
fn limits_are_errors() {
    let subs: Vec<Value> = (0..10_001).map(|i| json!({ "id": format!("s{i}"), "name": "n", "bill_parent": true,
        "subscription": { "start_date": "2026-01-01" } })).collect();
    let p: PortfolioInput = arg(&json!({ "subaccounts": subs }), "portfolio").unwrap();
    let err = partner_rollup(&p, &acceptance_prices()).unwrap_err();
    assert_eq!(err.code(), "invalid_value:subaccounts");
    assert_eq!((certcalc::MAX_SUBACCOUNTS, certcalc::MAX_PORTFOLIO_LICENSES), (10_000, 1_000_000));
}

#[test]
fn dispatch_reaches_partner_rollup() {
    let args = [json!({ "subaccounts": [sub("s", true, "2026-01-01", json!([slots("code_signing", "organization", 2)]))] })];
    let v = dispatch("partnerRollup", &args, &acceptance_prices()).unwrap().unwrap();
    assert_eq!(v["total"], "1000.00"); // 2 × 500
}

/// Subaccount `i` with `n` bound licenses: alternately a Secure Site FQDN (400) and a Basic wildcard (600).
fn input(i: usize, n: usize, bill_parent: bool) -> SubaccountInput {
    let day = 1 + (i % 28);
    let licenses = (0..n)
        .map(|j| {
            let (product, t, asset) = if j % 2 == 0 {
                ("ssl_securesite_flex", "fqdn", format!("h{j}.s{i}.example"))
            } else {
                ("ssl_basic", "wildcard", format!("*.w{j}.s{i}.example"))
            };
            LicenseInput {
                product_name_id: product.into(),
                asset_type: arg::<AssetType>(&json!(t), "subscription").unwrap().into(),
                asset: asset.into(),
                ..Default::default()
            }
        })
        .collect::<Vec<_>>();
    SubaccountInput {
        id: format!("s{i:05}").into(),
        name: format!("Customer {i}").into(),
        bill_parent: bill_parent.into(),
        subscription: SubscriptionInput {
            start_date: format!("2026-{:02}-{day:02}", 1 + (i / 28) % 12).into(),
            licenses: licenses.into(),
            ..Default::default()
        }
        .into(),
        account_balance: (!bill_parent).then(|| DecimalString::from("5000.00")).into(),
        ..Default::default()
    }
}

#[test]
fn ten_thousand_subaccounts_of_ten_licenses() {
    // Each subaccount: 5 FQDNs at 400 + 5 wildcards at 600 = 5000. Even ones bill the partner (5000 of them:
    // 25,000,000 due), odd ones pay from their own 5000.00 balance. The partner's 1,000,000.00 balance pays
    // exactly the first 200 renewals in date order; the card pays the other 4800 whole.
    let subaccounts: Vec<SubaccountInput> = (0..10_000).map(|i| input(i, 10, i % 2 == 0)).collect();
    let p = PortfolioInput {
        partner: arg::<SourcesInput>(&json!({ "account_balance": "1000000.00", "cards": [ { "id": "visa", "is_default": true } ] }), "portfolio").unwrap().into(),
        subaccounts: subaccounts.into(),
    };
    let r: Rollup = partner_rollup(&p, &acceptance_prices()).unwrap();
    assert_eq!(r.total.to_string(), "50000000.00");
    assert_eq!(r.subaccounts.len(), 10_000);
    assert!(r.subaccounts.iter().all(|s| s.renewal_total.to_string() == "5000.00"));
    assert_eq!(r.payers.len(), 5_001);
    let partner = &r.payers[0];
    assert_eq!((partner.payer, partner.renewal_total.to_string().as_str()), ("partner", "25000000.00"));
    assert_eq!(partner.payments.len(), 5_000);
    let keys: Vec<(chrono::NaiveDate, &str)> = partner.payments.iter().map(|x| (x.renewal_date, x.subaccount)).collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "renewal-date order, ties by id");
    let from_balance = partner.payments.iter().filter(|x| x.payment.steps.len() == 1).count();
    assert_eq!(from_balance, 200);
    assert!(partner.payments[..200].iter().all(|x| x.payment.steps.len() == 1));
    assert_eq!(partner.payments[199].payment.balance_after.to_string(), "0.00");
    assert!(partner.payments.iter().all(|x| x.payment.status == certcalc::Status::Paid));
    assert!(r.payers[1..].iter().all(|p| p.payments.len() == 1 && p.payments[0].payment.steps.len() == 1
        && p.payments[0].payment.balance_after.is_zero() && p.payments[0].subaccount == p.payer));
}

fn cents(s: &str) -> i64 {
    s.replace('.', "").parse().unwrap()
}

/// (product, asset type, annual cents) of the acceptance list.
const PAIRS: [(&str, &str, i64); 7] = [
    ("ssl_basic", "fqdn", 20_000),
    ("ssl_basic", "wildcard", 60_000),
    ("ssl_securesite_flex", "fqdn", 40_000),
    ("ssl_securesite_flex", "wildcard", 100_000),
    ("vmc_basic", "email_domain", 150_000),
    ("secure_email_mailbox", "email_address", 3_000),
    ("code_signing", "organization", 50_000),
];

fn money(c: u32) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

/// Sources: a balance in cents and an optional default card with optional credit in cents.
fn sources() -> impl Strategy<Value = (u32, Option<Option<u32>>)> {
    (0u32..1_000_000, proptest::option::of(proptest::option::of(0u32..2_000_000)))
}

fn cards(card: Option<Option<u32>>) -> Value {
    match card {
        None => json!([]),
        Some(credit) => json!([ { "id": "other" }, { "id": "main", "is_default": true, "available_credit": credit.map(money) } ]),
    }
}

/// A portfolio (ids in a small alphabet so dates and ids tie often) and, per subaccount, its expected total.
fn portfolios() -> impl Strategy<Value = (Value, Vec<i64>)> {
    let subaccount = (0u32..6, any::<bool>(), proptest::collection::vec((0usize..PAIRS.len(), 1u32..5), 0..6), sources());
    (sources(), proptest::collection::vec(subaccount, 0..25)).prop_map(|((bal, card), subs)| {
        let mut expected = Vec::new();
        let subaccounts: Vec<Value> = subs
            .into_iter()
            .enumerate()
            .map(|(i, (day, bill_parent, lics, (own, own_card)))| {
                expected.push(lics.iter().map(|&(p, q)| PAIRS[p].2 * i64::from(q)).sum());
                let licenses: Vec<Value> = lics.iter().map(|&(p, q)| slots(PAIRS[p].0, PAIRS[p].1, q)).collect();
                json!({ "id": format!("{}{i}", (b'a' + (i * 7 % 26) as u8) as char), "name": format!("Sub {i}"),
                    "bill_parent": bill_parent, "account_balance": money(own), "cards": cards(own_card),
                    "subscription": { "start_date": format!("2026-03-0{}", day + 1), "licenses": licenses } })
            })
            .collect();
        (json!({ "partner": { "account_balance": money(bal), "cards": cards(card) }, "subaccounts": subaccounts }), expected)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn totals_agree_and_every_subaccount_has_one_payer((portfolio, expected) in portfolios()) {
        let r = roll(portfolio).unwrap();
        let subs = r["subaccounts"].as_array().unwrap();
        let payers = r["payers"].as_array().unwrap();
        let sub_totals: Vec<i64> = subs.iter().map(|s| cents(s["renewal_total"].as_str().unwrap())).collect();
        prop_assert_eq!(&sub_totals, &expected);
        let total = cents(r["total"].as_str().unwrap());
        prop_assert_eq!(total, expected.iter().sum::<i64>());
        prop_assert_eq!(total, payers.iter().map(|p| cents(p["renewal_total"].as_str().unwrap())).sum::<i64>());
        // Every subaccount is paid exactly once, by the payer its line names.
        let mut paid_by: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for p in payers {
            let mut due = 0;
            let mut previous: Option<(String, String, i64)> = None; // (date, id, balance_after)
            for x in p["payments"].as_array().unwrap() {
                let id = x["subaccount"].as_str().unwrap().to_owned();
                paid_by.entry(id.clone()).or_default().push(p["payer"].as_str().unwrap().to_owned());
                let amount = cents(x["amount_due"].as_str().unwrap());
                due += amount;
                prop_assert_eq!(cents(x["collected"].as_str().unwrap()) + cents(x["shortfall"].as_str().unwrap()), amount);
                let key = (x["renewal_date"].as_str().unwrap().to_owned(), id);
                if let Some((d, i, after)) = &previous {
                    prop_assert!((d.clone(), i.clone()) < key, "payments in renewal-date order, ties by id");
                    // each payment draws on the balance the previous one left
                    if let Some(step) = x["steps"].as_array().unwrap().first() {
                        prop_assert_eq!(cents(step["available"].as_str().unwrap()), *after);
                    }
                }
                previous = Some((key.0, key.1, cents(x["balance_after"].as_str().unwrap())));
            }
            prop_assert_eq!(due, cents(p["renewal_total"].as_str().unwrap()));
        }
        for s in subs {
            let id = s["id"].as_str().unwrap();
            prop_assert_eq!(paid_by.get(id).cloned().unwrap_or_default(), vec![s["payer"].as_str().unwrap().to_owned()]);
            let bill_parent = s["payer"] == "partner";
            prop_assert!(bill_parent || s["payer"] == id);
        }
        prop_assert_eq!(paid_by.len(), subs.len());
    }
}
