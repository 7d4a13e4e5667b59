//! Every size limit of the README's "Limits" table, sent at the limit (an answer) and one past it (an
//! `invalid_value:<field>` error). Expected totals are worked out by hand in the comments.
#![cfg(not(target_arch = "wasm32"))]

use certcalc::{Error, PriceList, PriceListInput};

use serde_json::{json, Value};

/// Reads one argument as a caller's value, through certcalc's JSON reader.
fn read<T: certcalc::Lenient>(v: Value, root: &'static str) -> Result<T, Error> {
    certcalc::from_json(&v.to_string(), root)
}

fn code<T>(r: Result<T, Error>) -> String {
    r.err().map_or_else(|| "ok".to_owned(), |e| e.code().to_owned())
}

fn estimate(req: Value) -> Result<certcalc::Estimate, Error> {
    read(req, "request").and_then(|r| certcalc::estimate(&r, PriceList::embedded()))
}

fn quote(sub: Value) -> Result<certcalc::RenewalQuote, Error> {
    read(sub, "subscription").and_then(|s| certcalc::renewal_quote(&s, PriceList::embedded()))
}

/// A payment's answer as JSON (it borrows the card ids of the request it answers).
fn pay(p: Value) -> Result<Value, Error> {
    read(p, "payment").and_then(|p| certcalc::pay_renewal(&p).map(|paid| serde_json::to_value(paid).unwrap()))
}

fn price_list(v: Value) -> Result<PriceList, Error> {
    read::<PriceListInput>(v, "price_list").and_then(|i| PriceList::parse(&i))
}

/// A Multi-year Plan request (no subscription) for `product` naming `cert`.
fn plan_request(product: &str, cert: Value) -> Value {
    json!({ "product_name_id": product, "certificate": cert, "as_of": "2026-03-01" })
}

fn hosts(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("h{i}.example.com")).collect()
}

/// A domain of exactly `len` characters (`len` ≥ 4): 63-character labels of `a`, then a last label of `b`.
fn domain_of_len(len: usize) -> String {
    let mut labels = Vec::new();
    let mut left = len;
    while left > 64 + 2 {
        labels.push("a".repeat(63));
        left -= 64;
    }
    labels.push("b".repeat(left));
    let d = labels.join(".");
    // the last label must not be the only one
    let d = if labels.len() == 1 { format!("a.{}", "b".repeat(len - 2)) } else { d };
    assert_eq!(d.len(), len);
    d
}

#[test]
fn names_per_certificate_250_distinct_assets() {
    // ssl_basic fqdn: 200.00 a year; a 1-year Multi-year Plan order of 250 names: 250 × 200.00 = 50000.00
    let at = estimate(plan_request("ssl_basic", json!({ "dns_names": hosts(250) }))).unwrap();
    assert_eq!((at.lines.len(), at.total_price.to_string().as_str()), (250, "50000.00"));
    assert_eq!(code(estimate(plan_request("ssl_basic", json!({ "dns_names": hosts(251) })))), "invalid_value:dns_names");
    // the common name counts: it and 249 other names is 250; it and 250 others is 251
    let mut names = hosts(250);
    let cn = names.remove(0);
    assert!(estimate(plan_request("ssl_basic", json!({ "common_name": cn, "dns_names": names }))).is_ok());
    let cert = json!({ "common_name": "extra.example.com", "dns_names": hosts(250) });
    assert_eq!(code(estimate(plan_request("ssl_basic", cert))), "invalid_value:dns_names");
    // S/MIME: 250 addresses × 30.00 = 7500.00
    let emails = |n: usize| (0..n).map(|i| format!("u{i}@example.com")).collect::<Vec<_>>();
    let at = estimate(plan_request("secure_email_mailbox", json!({ "emails": emails(250) }))).unwrap();
    assert_eq!(at.total_price.to_string(), "7500.00");
    assert_eq!(code(estimate(plan_request("secure_email_mailbox", json!({ "emails": emails(251) })))), "invalid_value:emails");
}

#[test]
fn raw_list_of_1000_entries_duplicates_included() {
    let same = |n: usize| vec!["dup.example.com"; n];
    let at = estimate(plan_request("ssl_basic", json!({ "dns_names": same(1000) }))).unwrap();
    assert_eq!(at.lines.len(), 1, "1,000 copies of one name are one asset");
    assert_eq!(code(estimate(plan_request("ssl_basic", json!({ "dns_names": same(1001) })))), "invalid_value:dns_names");
    let mail = |n: usize| vec!["a@example.com"; n];
    assert!(estimate(plan_request("secure_email_mailbox", json!({ "emails": mail(1000) }))).is_ok());
    assert_eq!(code(estimate(plan_request("secure_email_mailbox", json!({ "emails": mail(1001) })))), "invalid_value:emails");
}

#[test]
fn every_bad_name_is_listed_up_to_the_cap() {
    // (bad names, entries): each at its path, then past MAX_PROBLEMS one "and N more"
    for (n, entries) in [(11, 11), (100, 100), (101, 101), (1000, 101)] {
        let bad: Vec<String> = (0..n).map(|i| format!("-bad{i}.example.com")).collect();
        let e = estimate(plan_request("ssl_basic", json!({ "dns_names": bad }))).unwrap_err();
        assert_eq!(e.errors().len(), entries, "{n}");
        assert!(e.errors().iter().all(|p| p.code == "invalid_value:dns_names"));
        for (i, p) in e.errors().iter().take(certcalc::MAX_PROBLEMS).enumerate() {
            assert_eq!(p.path, format!("certificate.dns_names[{i}]"));
        }
        if n > certcalc::MAX_PROBLEMS {
            let last = e.errors().last().unwrap();
            assert_eq!(last.message, format!("and {} more problems (the first 100 are listed)", n - 100));
        }
    }
}

fn slots(n: usize) -> Value {
    let one = json!({ "product_name_id": "ssl_basic", "asset_type": "fqdn" });
    json!({ "start_date": "2026-01-01", "licenses": vec![one; n] })
}

#[test]
fn licenses_per_subscription_10000_entries() {
    // 10,000 one-slot entries of ssl_basic fqdn at 200.00: 2,000,000.00
    let q = quote(slots(10_000)).unwrap();
    assert_eq!((q.lines.len(), q.total.to_string().as_str()), (10_000, "2000000.00"));
    assert_eq!(code(quote(slots(10_001))), "invalid_value:licenses");
}

#[test]
fn licenses_10000_with_unreadable_entries_and_one_asset_bound_again_and_again() {
    // 60 entries that cannot be read, then 9,940 binding the same name: 9,939 repeats, each told at its own
    // entry, with linear work (the entries are worked out once, not once per repeat).
    let unreadable = json!({ "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": "one" });
    let bound = json!({ "product_name_id": "ssl_basic", "asset_type": "fqdn", "asset": "a.example" });
    let licenses: Vec<Value> = (0..10_000).map(|i| if i < 60 { unreadable.clone() } else { bound.clone() }).collect();
    let e = quote(json!({ "start_date": "2026-01-01", "licenses": licenses })).unwrap_err();
    let paths: Vec<&str> = e.errors().iter().map(|p| p.path.as_str()).collect();
    assert_eq!((paths[0], paths[59], paths[60], paths[99]), ("licenses[0].quantity", "licenses[59].quantity", "licenses[61].asset", "licenses[100].asset"));
    assert_eq!(e.errors().last().map(|p| p.message.as_str()), Some("and 9899 more problems (the first 100 are listed)"));
}

#[test]
fn quantity_per_license_1_to_100000() {
    let sub = |q: i64| {
        json!({ "start_date": "2026-01-01", "licenses": [
            { "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "quantity": q } ] })
    };
    // 100,000 wildcard slots at 1000.00: 100,000,000.00
    assert_eq!(quote(sub(100_000)).unwrap().total.to_string(), "100000000.00");
    assert_eq!(code(quote(sub(100_001))), "invalid_value:quantity");
    assert_eq!(quote(sub(1)).unwrap().total.to_string(), "1000.00");
    assert_eq!(code(quote(sub(0))), "invalid_value:quantity");
    assert_eq!(code(quote(sub(-1))), "invalid_value:quantity");
    let bound = json!({ "start_date": "2026-01-01", "licenses": [
        { "product_name_id": "ssl_basic", "asset_type": "fqdn", "asset": "a.example.com", "quantity": 2 } ] });
    assert_eq!(code(quote(bound)), "invalid_value:quantity", "a bound license is one slot");
}

#[test]
fn the_largest_renewal_the_limits_allow_is_exact() {
    // 10,000 entries × 100,000 slots × 999,999,999,999,999.99 = 10^9 × (10^15 − 0.01)
    // = 999,999,999,999,999,990,000,000.00: no overflow, no rounding.
    let list = price_list(json!({ "currency": "USD", "products": [ { "product_name_id": "p", "name": "P",
        "family": "tls", "annual_prices": { "fqdn": "999999999999999.99" } } ] }))
    .unwrap();
    let one = json!({ "product_name_id": "p", "asset_type": "fqdn", "quantity": 100_000 });
    let sub = read(json!({ "start_date": "2026-01-01", "licenses": vec![one; 10_000] }), "subscription").unwrap();
    let q = certcalc::renewal_quote(&sub, &list).unwrap();
    assert_eq!(q.total.to_string(), "999999999999999990000000.00");
}

fn cards(n: usize) -> Value {
    let list: Vec<Value> = (0..n).map(|i| json!({ "id": format!("card-{i}"), "is_default": i == 0 })).collect();
    json!({ "amount_due": "10.00", "currency": "USD", "cards": list })
}

#[test]
fn cards_per_payment_100() {
    let p = pay(cards(100)).unwrap();
    assert_eq!(p["collected"], "10.00"); // no balance: the default card-0 takes the whole 10.00
    assert_eq!(code(pay(cards(101))), "invalid_value:cards");
}

fn products(n: usize) -> Value {
    let list: Vec<Value> = (0..n)
        .map(|i| json!({ "product_name_id": format!("p{i}"), "name": format!("P {i}"), "family": "tls",
            "annual_prices": { "fqdn": "1.00" } }))
        .collect();
    json!({ "currency": "USD", "products": list })
}

#[test]
fn products_per_price_list_1_to_1000() {
    assert_eq!(price_list(products(1000)).unwrap().products().len(), 1000);
    assert_eq!(code(price_list(products(1001))), "invalid_value:products");
    assert!(price_list(products(1)).is_ok());
    assert_eq!(code(price_list(products(0))), "invalid_value:products");
}

fn one_product(id: &str, name: &str) -> Value {
    json!({ "currency": "USD", "products": [ { "product_name_id": id, "name": name, "family": "tls",
        "annual_prices": { "fqdn": "1.00" } } ] })
}

#[test]
fn product_id_64_and_name_128_characters() {
    assert!(price_list(one_product(&"a".repeat(64), "N")).is_ok());
    assert_eq!(code(price_list(one_product(&"a".repeat(65), "N"))), "invalid_value:product_name_id");
    // names count characters, not bytes: 128 × 'é' is 256 bytes and allowed
    assert!(price_list(one_product("p", &"é".repeat(128))).is_ok());
    assert_eq!(code(price_list(one_product("p", &"é".repeat(129)))), "invalid_value:name");
    assert_eq!(code(price_list(one_product("p", "   "))), "invalid_value:name");
}

#[test]
fn keys_of_a_price_list_object_64_the_last_of_a_repeated_one_counting() {
    // `annual_prices` with `fqdn` and `n - 1` keys that are no asset type.
    let keyed = |n: usize| {
        let mut v = one_product("p", "N");
        for i in 1..n {
            v["products"][0]["annual_prices"][format!("k{i}")] = Value::from("1.00");
        }
        price_list(v).unwrap_err()
    };
    // At the limit, every key is read and told: 63 are no asset type.
    let at = keyed(64);
    assert_eq!(at.errors().len(), 63);
    assert!(at.errors().iter().all(|p| p.message.ends_with("is not an asset type")), "{:?}", at.errors());
    // One past it, the object is one problem.
    let past = keyed(65);
    assert_eq!((past.code(), past.message()), ("invalid_value:annual_prices", "products[0].annual_prices: 65 keys: an object here holds at most 64"));
    assert_eq!(past.errors().len(), 1);
    // A key given twice (possible in JSON text, never from `JSON.stringify`): the last counts, as in `JSON.parse`.
    let text = r#"{ "currency": "USD", "products": [ { "product_name_id": "p", "name": "N", "family": "tls",
        "annual_prices": { "fqdn": "1.00", "wildcard": "5.00", "fqdn": "2.00" } } ] }"#;
    let list = PriceList::parse(&certcalc::from_json::<PriceListInput>(text, "price_list").unwrap()).unwrap();
    assert_eq!(list.product("p").unwrap().annual_price(certcalc::AssetType::Fqdn).unwrap().to_string(), "2.00");
}

#[test]
fn price_list_label_is_cut_at_200_characters() {
    let labelled = |n: usize| {
        let mut v = one_product("p", "N");
        v["label"] = Value::from("ß".repeat(n));
        let list: Value = serde_json::from_str(&certcalc::to_json(&price_list(v).unwrap())).unwrap();
        list["label"].as_str().unwrap().chars().count()
    };
    assert_eq!(labelled(200), 200);
    assert_eq!(labelled(201), 200, "a longer label is shortened, not refused");
}

#[test]
fn card_id_64_characters() {
    let with_id = |id: String| json!({ "amount_due": "1.00", "currency": "USD", "cards": [ { "id": id, "is_default": true } ] });
    assert!(pay(with_id("č".repeat(64))).is_ok());
    assert_eq!(code(pay(with_id("č".repeat(65)))), "invalid_value:cards");
    assert_eq!(code(pay(with_id(String::new()))), "invalid_value:cards");
}

#[test]
fn organization_64_characters() {
    let org = |s: String| estimate(plan_request("code_signing", json!({ "organization": s })));
    assert!(org("Ö".repeat(64)).is_ok());
    assert_eq!(code(org("Ö".repeat(65))), "invalid_value:organization");
    assert!(org(format!("  {}  ", "o".repeat(64))).is_ok(), "surrounding spaces are trimmed before counting");
}

#[test]
fn domain_253_characters_and_labels_of_63() {
    let dns = |d: String| estimate(plan_request("ssl_basic", json!({ "dns_names": [d] })));
    assert!(dns(domain_of_len(253)).is_ok());
    assert_eq!(code(dns(domain_of_len(254))), "invalid_value:dns_names");
    assert!(dns(format!("{}.", domain_of_len(253))).is_ok(), "one trailing dot is not counted");
    assert!(dns(format!("{}.example.com", "l".repeat(63))).is_ok());
    assert_eq!(code(dns(format!("{}.example.com", "l".repeat(64)))), "invalid_value:dns_names");
    // a wildcard counts its "*." in the 253
    assert!(dns(format!("*.{}", domain_of_len(251))).is_ok());
    assert_eq!(code(dns(format!("*.{}", domain_of_len(252)))), "invalid_value:dns_names");
}

#[test]
fn email_local_part_64_and_address_254_characters() {
    let mail = |s: String| estimate(plan_request("secure_email_mailbox", json!({ "emails": [s] })));
    assert!(mail(format!("{}@example.com", "l".repeat(64))).is_ok());
    assert_eq!(code(mail(format!("{}@example.com", "l".repeat(65)))), "invalid_value:emails");
    // 64 + 1 + 189 = 254 characters; one more in the domain is 255
    assert!(mail(format!("{}@{}", "l".repeat(64), domain_of_len(189))).is_ok());
    assert_eq!(code(mail(format!("{}@{}", "l".repeat(64), domain_of_len(190)))), "invalid_value:emails");
}

#[test]
fn amounts_below_10_to_the_15_with_the_currencys_decimals() {
    let due = |amount: &str, currency: &str| pay(json!({ "amount_due": amount, "currency": currency }));
    // no balance and no card: nothing is collected, the whole amount is the shortfall
    assert_eq!(due("999999999999999.99", "USD").unwrap()["shortfall"], "999999999999999.99");
    assert_eq!(code(due("1000000000000000.00", "USD")), "invalid_value:amount_due");
    assert_eq!(code(due("1000000000000000", "USD")), "invalid_value:amount_due");
    assert!(due("999999999999999", "JPY").is_ok());
    assert_eq!(code(due("1000000000000000", "JPY")), "invalid_value:amount_due");
    for (currency, at, past) in [("USD", "1.01", "1.001"), ("JPY", "1", "1.0"), ("BHD", "1.001", "1.0001"), ("CLF", "1.0001", "1.00001")] {
        assert!(due(at, currency).is_ok(), "{currency} {at}");
        assert_eq!(code(due(past, currency)), "invalid_value:amount_due", "{currency} {past}");
    }
}

#[test]
fn dates_run_to_9999() {
    // an estimate needs the term to end by 9999-12-31; a renewal quote needs the renewed term to
    let sub = |start: &str| json!({ "start_date": start, "licenses": [] });
    let est = |start: &str, as_of: &str| {
        estimate(json!({ "product_name_id": "ssl_basic", "certificate": { "common_name": "a.example.com" },
            "as_of": as_of, "subscription": sub(start) }))
    };
    assert!(est("9998-12-31", "9999-12-30").is_ok());
    assert_eq!(code(est("9999-01-01", "9999-06-01")), "invalid_value:start_date");
    assert_eq!(quote(sub("9997-12-31")).unwrap().renewed_until, "9999-12-31");
    assert_eq!(code(quote(sub("9998-01-01"))), "invalid_value:start_date");
}

/// `{"product_name_id":…,"as_of":…,"certificate":{…},"<key>": [[…]]}` with `depth` nested arrays.
fn nested(key: &str, depth: usize) -> String {
    format!(
        r#"{{"product_name_id":"ssl_basic","as_of":"2026-03-01","certificate":{{"common_name":"a.example.com"}},"{key}":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

#[test]
fn nesting_is_bounded_by_the_input_types() {
    // Every input type has a fixed depth (at most 6: portfolio → subaccounts → subscription → licenses →
    // license → field). serde_json skips an unknown key's value without recursion, and reads a known field
    // no deeper than its type: a list where an object is expected is skipped as a whole and refused at its
    // path. Neither can overflow the stack.
    let run = |text: &str| {
        certcalc::from_json::<certcalc::OrderRequest>(text, "request").and_then(|r| certcalc::estimate(&r, PriceList::embedded()))
    };
    assert!(run(&nested("extra", 100_000)).is_ok(), "an unknown key's value is ignored, however deep");
    for key in ["order_validity", "subscription"] {
        let e = run(&nested(key, 100_000)).unwrap_err();
        assert_eq!(e.code(), format!("invalid_value:{key}"), "{}", e.message());
        assert!(e.message().starts_with(&format!("{key}: invalid type: sequence")), "{}", e.message());
    }
    // a deep document that never closes is still not JSON, and refused as a whole
    let open = nested("extra", 100_000);
    assert_eq!(code(run(&open[..open.len() - 1])), "invalid_value:request");
}

// ---------------------------------------------------------------------------------------------------------
// simulate and partnerRollup

fn simulate(plan: Value) -> Result<certcalc::Ledger, Error> {
    read(plan, "plan").and_then(|p| certcalc::simulate(&p, PriceList::embedded()))
}

fn slot() -> Value {
    json!({ "product_name_id": "ssl_basic", "asset_type": "fqdn" })
}

#[test]
fn events_per_plan_1000() {
    // 1,000 additions of one ssl_basic slot (200.00 a year) on the start date: each is charged for the whole
    // first term, 1,000 × 200.00 = 200,000.00; and the 1,000 slots renew 9 times in a 10-year horizon,
    // 9 × 200,000.00 = 1,800,000.00; in all 2,000,000.00.
    let plan = |n: usize| {
        let events: Vec<Value> = (0..n).map(|_| json!({ "date": "2026-01-01", "add": [slot()] })).collect();
        json!({ "start_date": "2026-01-01", "licenses": [], "events": events, "years": 10 })
    };
    let l = simulate(plan(1000)).unwrap();
    assert_eq!(l.total.to_string(), "2000000.00");
    assert_eq!(code(simulate(plan(1001))), "invalid_value:events");
}

#[test]
fn horizon_of_1_to_10_years() {
    let plan = |years: i64| json!({ "start_date": "2026-01-01", "licenses": [slot()], "years": years });
    // activation 200.00, then one renewal per further year: 10 years = 10 × 200.00
    assert_eq!(simulate(plan(10)).unwrap().total.to_string(), "2000.00");
    assert_eq!(code(simulate(plan(11))), "invalid_value:years");
    assert_eq!(simulate(plan(1)).unwrap().total.to_string(), "200.00");
    assert_eq!(code(simulate(plan(0))), "invalid_value:years");
}

#[test]
fn license_entries_per_plan_10000() {
    // 9,999 starting entries and one added: 10,000 in all
    let plan = |start: usize, added: usize| {
        let events: Vec<Value> = (0..added.min(1)).map(|_| json!({ "date": "2026-07-01", "add": vec![slot(); added] })).collect();
        json!({ "start_date": "2026-01-01", "licenses": vec![slot(); start], "events": events, "years": 1 })
    };
    assert!(simulate(plan(10_000, 0)).is_ok());
    assert!(simulate(plan(9_999, 1)).is_ok());
    assert_eq!(code(simulate(plan(10_001, 0))), "invalid_value:licenses");
    assert_eq!(code(simulate(plan(10_000, 1))), "invalid_value:licenses");
}

fn rollup(p: &certcalc::PortfolioInput) -> Result<certcalc::Rollup<'_>, Error> {
    certcalc::partner_rollup(p, PriceList::embedded())
}

/// A portfolio of `subs` subaccounts billed to the partner, each with `licenses` one-slot ssl_basic entries;
/// the partner pays by a default card without a credit limit. Built as structs: a million licenses as JSON
/// values would take gigabytes.
fn portfolio(subs: usize, licenses: usize) -> certcalc::PortfolioInput {
    assemble(subaccounts(subs, licenses))
}

/// A portfolio of these subaccounts, as [`portfolio`] pays for them.
fn assemble(subaccounts: Vec<certcalc::SubaccountInput>) -> certcalc::PortfolioInput {
    let partner: certcalc::SourcesInput = read(json!({ "account_balance": "0", "cards": [ { "id": "p", "is_default": true } ] }), "partner").unwrap();
    certcalc::PortfolioInput { partner: partner.into(), subaccounts: subaccounts.into() }
}

/// The subaccounts of [`portfolio`].
fn subaccounts(subs: usize, licenses: usize) -> Vec<certcalc::SubaccountInput> {
    let license: certcalc::LicenseInput = read(slot(), "subscription").unwrap();
    let sub = certcalc::SubscriptionInput { start_date: "2026-01-01".into(), licenses: vec![license; licenses].into(), ..Default::default() };
    (0..subs)
        .map(|i| certcalc::SubaccountInput {
            id: format!("s{i}").into(),
            name: format!("Sub {i}").into(),
            bill_parent: true.into(),
            subscription: sub.clone().into(),
            ..Default::default()
        })
        .collect()
}

#[test]
fn subaccounts_per_portfolio_10000() {
    // 10,000 subaccounts × one 200.00 slot = 2,000,000.00, all on the partner's card
    let p = portfolio(10_000, 1);
    let r = rollup(&p).unwrap();
    assert_eq!((r.subaccounts.len(), r.total.to_string().as_str()), (10_000, "2000000.00"));
    assert_eq!(r.payers[0].payments.len(), 10_000);
    // One past the limit is refused where it is read.
    let subs: Vec<Value> = (0..10_001).map(|i| json!({ "id": format!("s{i}"), "name": "n", "bill_parent": true, "subscription": { "start_date": "2026-01-01" } })).collect();
    let past = read::<certcalc::PortfolioInput>(json!({ "subaccounts": subs }), "portfolio").and_then(|p| rollup(&p).map(drop));
    assert_eq!(code(past), "invalid_value:subaccounts");
}

#[test]
fn license_entries_per_portfolio_1000000() {
    // 100 subaccounts × 10,000 entries = 1,000,000 × 200.00 = 200,000,000.00
    let p = portfolio(100, 10_000);
    let r = rollup(&p).unwrap();
    assert_eq!(r.total.to_string(), "200000000.00");
    let mut past = subaccounts(100, 10_000);
    past.extend(subaccounts(1, 1));
    past[100].id = "extra".into();
    assert_eq!(code(rollup(&assemble(past))), "invalid_value:licenses");
}

#[test]
fn subaccount_id_and_name_64_characters() {
    let with = |id: String, name: String| {
        let mut subs = subaccounts(1, 1);
        subs[0].id = id.into();
        subs[0].name = name.into();
        rollup(&assemble(subs)).map(drop)
    };
    assert!(with("ü".repeat(64), "ñ".repeat(64)).is_ok());
    assert_eq!(code(with("ü".repeat(65), "n".into())), "invalid_value:id");
    assert_eq!(code(with("i".into(), "ñ".repeat(65))), "invalid_value:name");
    assert_eq!(code(with(String::new(), "n".into())), "invalid_value:id");
}

#[test]
fn at_most_100_problems_then_one_more_entry() {
    // 10,000 subaccounts with four problems each: 100 listed, then "and 39,900 more".
    let bad: Vec<Value> = (0..10_000).map(|_| json!({ "id": "", "name": "", "bill_parent": false, "subscription": { "start_date": "x" } })).collect();
    let e = read::<certcalc::PortfolioInput>(json!({ "subaccounts": bad }), "portfolio")
        .and_then(|p| certcalc::partner_rollup(&p, PriceList::embedded()).map(drop))
        .unwrap_err();
    assert_eq!(e.errors().len(), certcalc::MAX_PROBLEMS + 1);
    let last = e.errors().last().unwrap();
    assert!(last.message.starts_with("and ") && last.message.contains("more problems"), "{}", last.message);
    assert!(last.code.starts_with("invalid_value:"), "{}", last.code);
}

#[test]
fn a_large_document_lists_its_problems_up_to_the_cap() {
    // 1,000 subaccounts (about 165 kB of JSON), each with bill_parent as a string: read in one pass, the first
    // 100 listed at their paths, then one "and 900 more" entry.
    let sub = |i: usize| json!({ "id": format!("s{i}"), "name": "S", "bill_parent": "yes",
        "subscription": { "start_date": "2026-01-01", "licenses": [{ "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": 2 }] } });
    let text = json!({ "subaccounts": (0..1000).map(sub).collect::<Vec<_>>() }).to_string();
    assert!(text.len() > 150_000, "{}", text.len());
    let e = certcalc::from_json::<certcalc::PortfolioInput>(&text, "portfolio").and_then(|p| rollup(&p).map(drop)).unwrap_err();
    assert_eq!(e.errors().len(), certcalc::MAX_PROBLEMS + 1);
    for (i, p) in e.errors().iter().take(certcalc::MAX_PROBLEMS).enumerate() {
        assert_eq!((p.code.as_str(), p.path.as_str()), ("invalid_value:bill_parent", format!("subaccounts[{i}].bill_parent").as_str()));
    }
    assert_eq!(e.errors().last().map(|p| p.message.as_str()), Some("and 900 more problems (the first 100 are listed)"));
}
