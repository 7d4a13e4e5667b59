//! Table-driven cases for R2–R4 and R9 through `estimate`, one row a case, named after the rule it proves.
//! Every expectation is worked out by hand in the row's comment.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use certcalc::{estimate, AssetType, OrderRequest, PriceList, PriceListInput};
use common::{arg, value};
use serde_json::{json, Value};

fn list(currency: &str, fqdn: &str, wildcard: &str) -> PriceList {
    let input: PriceListInput = arg(&json!({ "currency": currency, "products": [
        { "product_name_id": "p", "name": "P", "family": "tls", "annual_prices": { "fqdn": fqdn, "wildcard": wildcard } } ] }), "price_list")
    .unwrap();
    PriceList::parse(&input).unwrap()
}

fn request(names: &[&str], start: &str, as_of: &str, proration: &str) -> OrderRequest {
    arg(&json!({ "product_name_id": "p", "certificate": { "dns_names": names }, "as_of": as_of,
        "subscription": { "start_date": start, "proration": proration, "licenses": [] } }), "request")
    .unwrap()
}

struct Row {
    name: &'static str,
    currency: &'static str,
    fqdn: &'static str,
    names: &'static [&'static str],
    start: &'static str,
    as_of: &'static str,
    proration: &'static str,
    total: &'static str,
    remaining: u32,
    term_days: Option<u32>,
}

const ROWS: &[Row] = &[
    // 366-day term (spans 2028-02-29), first day: 1000 × 366/366
    Row { name: "r2_leap_term_first_day", currency: "USD", fqdn: "1000.00", names: &["a.example"], start: "2027-03-01",
        as_of: "2027-03-01", proration: "daily", total: "1000.00", remaining: 366, term_days: Some(366) },
    // 1000 × 1/366 = 2.7322… → 2.73 (the leap day is the term's last day)
    Row { name: "r2_leap_term_last_day", currency: "USD", fqdn: "1000.00", names: &["a.example"], start: "2027-03-01",
        as_of: "2028-02-29", proration: "daily", total: "2.73", remaining: 1, term_days: Some(366) },
    // term from Feb 29 ends 2029-02-28 (clamped): 365 days; last day 1000 × 1/365 = 2.7397… → 2.74
    Row { name: "r2_term_from_feb_29_last_day", currency: "USD", fqdn: "1000.00", names: &["a.example"], start: "2028-02-29",
        as_of: "2029-02-27", proration: "daily", total: "2.74", remaining: 1, term_days: Some(365) },
    Row { name: "r2_term_from_feb_29_first_day", currency: "USD", fqdn: "1000.00", names: &["a.example"], start: "2028-02-29",
        as_of: "2028-02-29", proration: "daily", total: "1000.00", remaining: 365, term_days: Some(365) },
    // term from Jan 31: 2026-02-28 → 2027-01-31 is 337 days; 400 × 337/365 = 369.3150… → 369.32
    Row { name: "r2_term_from_the_31st_daily", currency: "USD", fqdn: "400.00", names: &["a.example"], start: "2026-01-31",
        as_of: "2026-02-28", proration: "daily", total: "369.32", remaining: 337, term_days: Some(365) },
    // Jan 31 + 1 month clamps to Feb 28: one whole month elapsed, 11 left; 400 × 11/12 = 366.666… → 366.67
    Row { name: "r4_monthly_from_the_31st", currency: "USD", fqdn: "400.00", names: &["a.example"], start: "2026-01-31",
        as_of: "2026-02-28", proration: "monthly", total: "366.67", remaining: 11, term_days: None },
    // a part month counts whole: on 2026-04-02, 9 months remain (not 8.97); 1000 × 9/12 = 750
    Row { name: "r4_monthly_part_month_counts_whole", currency: "USD", fqdn: "1000.00", names: &["a.example"], start: "2026-01-01",
        as_of: "2026-04-02", proration: "monthly", total: "750.00", remaining: 9, term_days: None },
    // last day: 1 month left, 1000 / 12 = 83.333… → 83.33
    Row { name: "r4_monthly_last_day", currency: "USD", fqdn: "1000.00", names: &["a.example"], start: "2026-01-01",
        as_of: "2026-12-31", proration: "monthly", total: "83.33", remaining: 1, term_days: None },
    // JPY has 0 decimals: 50000 × 275/365 = 37671.23… → 37671
    Row { name: "r4_jpy_zero_decimals", currency: "JPY", fqdn: "50000", names: &["a.example"], start: "2026-01-01",
        as_of: "2026-04-01", proration: "daily", total: "37671", remaining: 275, term_days: Some(365) },
    // BHD has 3 decimals: 150 × 275/365 = 113.01369… → 113.014
    Row { name: "r4_bhd_three_decimals", currency: "BHD", fqdn: "150.000", names: &["a.example"], start: "2026-01-01",
        as_of: "2026-04-01", proration: "daily", total: "113.014", remaining: 275, term_days: Some(365) },
    // midpoints round away from zero: 1.83 × 5/366 = 0.025 exactly → 0.03 (banker's rounding would give 0.02)
    Row { name: "r4_usd_midpoint_rounds_away_from_zero", currency: "USD", fqdn: "1.83", names: &["a.example"], start: "2027-03-01",
        as_of: "2028-02-25", proration: "daily", total: "0.03", remaining: 5, term_days: Some(366) },
    // 183 × 5/366 = 2.5 → 3 JPY
    Row { name: "r4_jpy_midpoint_rounds_away_from_zero", currency: "JPY", fqdn: "183", names: &["a.example"], start: "2027-03-01",
        as_of: "2028-02-25", proration: "daily", total: "3", remaining: 5, term_days: Some(366) },
    // 0.183 × 5/366 = 0.0025 → 0.003 BHD
    Row { name: "r4_bhd_midpoint_rounds_away_from_zero", currency: "BHD", fqdn: "0.183", names: &["a.example"], start: "2027-03-01",
        as_of: "2028-02-25", proration: "daily", total: "0.003", remaining: 5, term_days: Some(366) },
    // rounded once per line, total = sum of lines: 3 × round(1.83 × 1/366 = 0.005 → 0.01) = 0.03,
    // where rounding the sum (0.015) would give 0.02
    Row { name: "r4_total_is_the_sum_of_rounded_lines", currency: "USD", fqdn: "1.83",
        names: &["a.example", "b.example", "c.example"], start: "2027-03-01", as_of: "2028-02-29", proration: "daily",
        total: "0.03", remaining: 1, term_days: Some(366) },
];

#[test]
fn estimate_rule_table() {
    for row in ROWS {
        let e = estimate(&request(row.names, row.start, row.as_of, row.proration), &list(row.currency, row.fqdn, "1")).unwrap();
        let v: Value = value(&e);
        assert_eq!(v["total_price"], row.total, "{}", row.name);
        assert_eq!(v["currency"], row.currency, "{}", row.name);
        let line = &v["lines"][0];
        match row.term_days {
            Some(days) => {
                assert_eq!(line["remaining_days"], row.remaining, "{}", row.name);
                assert_eq!(line["term_days"], days, "{}", row.name);
            }
            None => assert_eq!(line["remaining_months"], row.remaining, "{}", row.name),
        }
    }
}

#[test]
fn r4_as_of_outside_the_term_is_refused() {
    let prices = list("USD", "400.00", "1000.00");
    for as_of in ["2025-12-31", "2027-01-01"] {
        let e = estimate(&request(&["a.example"], "2026-01-01", as_of, "daily"), &prices).unwrap_err();
        assert_eq!(e.code(), "invalid_value:as_of", "{as_of}");
    }
}

#[test]
fn r9_multi_year_plan_prices_assets_times_years() {
    let prices = list("USD", "400.00", "1000.00");
    // (validity, payment method, total, years): (400 + 1000) × years
    let rows = [
        (json!({ "years": 1 }), json!("card"), "1400.00", 1),
        (json!({ "years": 2 }), json!("new_card"), "2800.00", 2),
        (json!({ "days": 397 }), json!("balance"), "1400.00", 1),
        (json!({ "days": 730 }), Value::Null, "2800.00", 2),
    ];
    for (validity, method, total, years) in rows {
        let req: OrderRequest = arg(&json!({ "product_name_id": "p", "as_of": "2026-02-01",
            "certificate": { "common_name": "example.com", "dns_names": ["*.example.com"] },
            "order_validity": validity, "payment_method": method }), "request").unwrap();
        let e = value(&estimate(&req, &prices).unwrap());
        assert_eq!((e["total_price"].as_str().unwrap(), e["years"].as_u64().unwrap()), (total, years));
        assert!(e.get("renewal_total_after").is_none());
    }
}

#[test]
fn bad_input_names_the_field() {
    let prices = PriceList::embedded();
    let base = json!({ "product_name_id": "ssl_basic", "as_of": "2026-02-01", "certificate": { "common_name": "a.example" },
        "subscription": { "start_date": "2026-01-01", "licenses": [] } });
    let with = |path: &[&str], v: Value| {
        let mut b = base.clone();
        let mut at = &mut b;
        for p in &path[..path.len() - 1] {
            at = &mut at[*p];
        }
        at[path[path.len() - 1]] = v;
        b
    };
    // (request, code) — one malformed value each
    let rows = [
        (with(&["product_name_id"], json!("ssl_nope")), "invalid_value:product_name_id"),
        (with(&["as_of"], json!("2026-02-30")), "invalid_value:as_of"),
        (with(&["certificate", "common_name"], json!("not a domain")), "invalid_value:common_name"),
        (with(&["certificate", "dns_names"], json!(["ok.example", "bad..example"])), "invalid_value:dns_names"),
        (with(&["subscription", "start_date"], json!("2026-13-01")), "invalid_value:start_date"),
        (with(&["subscription", "licenses"], json!([{ "product_name_id": "ssl_basic", "asset_type": "email_address", "quantity": 1 }])), "invalid_value:asset_type"),
        (with(&["subscription", "licenses"], json!([{ "product_name_id": "ssl_basic", "asset_type": "fqdn", "asset": "*.x.example" }])), "invalid_value:asset"),
        (with(&["subscription", "licenses"], json!([{ "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": 0 }])), "invalid_value:quantity"),
        (with(&["subscription", "proration"], json!("weekly")), "invalid_value:proration"),
        (with(&["order_validity"], json!({ "days": 398 })), "invalid_value:validity_days"),
    ];
    for (req, code) in rows {
        let r = arg::<OrderRequest>(&req, "request").and_then(|r| estimate(&r, prices));
        assert_eq!(r.unwrap_err().code(), code, "{req}");
    }
}

#[test]
fn r2_an_asset_bound_twice_for_one_product_is_told_at_each_later_entry() {
    let bound = |asset: &str| json!({ "product_name_id": "ssl_basic", "asset_type": "fqdn", "asset": asset });
    let slot = json!({ "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": 1 });
    let unreadable = json!({ "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": "one" });
    let other = json!({ "product_name_id": "ssl_securesite_flex", "asset_type": "fqdn", "asset": "a.example" });
    let filler = |n: usize| (0..n).map(|i| bound(&format!("f{i}.example"))).collect::<Vec<_>>();
    // (licenses, paths told): a name folds before it is compared; an unreadable entry keeps the later entries'
    // positions; another product may bind the same name; past 32 entries the repeats are found by hashing.
    let rows: Vec<(Vec<Value>, Vec<&str>)> = vec![
        (vec![bound("a.example"), bound("A.example."), slot.clone(), bound("a.example")], vec!["subscription.licenses[1].asset", "subscription.licenses[3].asset"]),
        (vec![unreadable.clone(), bound("a.example"), bound("a.example")], vec!["subscription.licenses[0].quantity", "subscription.licenses[2].asset"]),
        (vec![bound("a.example"), other.clone()], vec![]),
        ([filler(40), vec![unreadable, bound("f3.example")]].concat(), vec!["subscription.licenses[40].quantity", "subscription.licenses[41].asset"]),
    ];
    for (licenses, paths) in rows {
        let req = json!({ "product_name_id": "ssl_basic", "as_of": "2026-02-01", "certificate": { "common_name": "z.example" },
            "subscription": { "start_date": "2026-01-01", "licenses": licenses } });
        let told: Vec<String> = match arg::<OrderRequest>(&req, "request").and_then(|r| estimate(&r, PriceList::embedded())) {
            Ok(_) => vec![],
            Err(e) => e.errors().iter().map(|p| p.path.clone()).collect(),
        };
        assert_eq!(told, paths, "{req}");
    }
}

#[test]
fn bad_price_lists_name_the_field() {
    let product = |prices: Value| json!({ "product_name_id": "p", "name": "P", "family": "tls", "annual_prices": prices });
    let rows = [
        (json!({ "currency": "XYZ", "products": [product(json!({ "fqdn": "1.00" }))] }), "invalid_value:currency"),
        (json!({ "currency": "USD", "products": [product(json!({ "fqdn": 400 }))] }), "invalid_value:annual_prices"),
        (json!({ "currency": "USD", "products": [product(json!({ "fqdn": "-1.00" }))] }), "invalid_value:annual_prices"),
        (json!({ "currency": "USD", "products": [product(json!({ "fqdn": "1.001" }))] }), "invalid_value:annual_prices"),
        (json!({ "currency": "JPY", "products": [product(json!({ "fqdn": "1.5" }))] }), "invalid_value:annual_prices"),
        (json!({ "currency": "USD", "products": [product(json!({ "email_address": "1.00" }))] }), "invalid_value:annual_prices"),
        (json!({ "currency": "USD", "products": [product(json!({ "fqdn": "1.00" })), product(json!({ "fqdn": "2.00" }))] }), "invalid_value:product_name_id"),
        (json!({ "currency": "USD", "products": [] }), "invalid_value:products"),
        (json!({ "currency": "USD", "products": [{ "product_name_id": "p", "name": "P", "family": "quantum", "annual_prices": {} }] }), "invalid_value:family"),
    ];
    for (list, code) in rows {
        let r = arg::<PriceListInput>(&list, "price_list").and_then(|l| PriceList::parse(&l));
        assert_eq!(r.unwrap_err().code(), code, "{list}");
    }
}

#[test]
fn r5_r6_every_order_problem_is_listed_in_a_stable_order() {
    let req: OrderRequest = arg(&json!({ "product_name_id": "ssl_basic", "as_of": "2026-02-01",
        "certificate": { "dns_names": ["shop.example", "new.example"] }, "order_validity": { "days": 398, "years": 2 },
        "payment_method": "bitcoin",
        "subscription": { "start_date": "2026-01-01", "licenses": [
            { "product_name_id": "ssl_basic", "asset_type": "fqdn", "asset": "shop.example" } ] } }), "request").unwrap();
    let e = certcalc::validate_order(&req, PriceList::embedded()).unwrap_err();
    let codes: Vec<_> = e.errors().iter().map(|p| p.code.as_str()).collect();
    // the payment method is ignored on a subscription, so "bitcoin" is no error (R5); of the two lengths the
    // days count (R6's precedence: custom date > days > years), so only they are checked
    assert_eq!(codes, ["invalid_value:validity_days", "insufficient_subscription"]);
    assert_eq!(e.errors()[1].message, certcalc::INSUFFICIENT_SUBSCRIPTION_MESSAGE);
}

#[test]
fn r5_an_order_of_covered_assets_is_accepted_and_paid_by_subscription() {
    let req: OrderRequest = arg(&json!({ "product_name_id": "ssl_basic", "as_of": "2026-02-01",
        "certificate": { "common_name": "Shop.Example.", "dns_names": ["*.shop.example"] }, "payment_method": "card",
        "subscription": { "start_date": "2026-01-01", "licenses": [
            { "product_name_id": "ssl_basic", "asset_type": "fqdn", "asset": "shop.example" },
            { "product_name_id": "ssl_basic", "asset_type": "wildcard", "quantity": 1 } ] } }), "request").unwrap();
    let ok = value(&certcalc::validate_order(&req, PriceList::embedded()).unwrap());
    assert_eq!((ok["ok"].as_bool(), ok["payment_method"].as_str(), ok["total_price"].as_str()), (Some(true), Some("subscription"), Some("0.00")));
}

#[test]
fn r3_types_never_substitute_and_slots_are_used_once() {
    // two fqdn slots, a request for one fqdn and two wildcards: the wildcards are not covered by fqdn slots
    let req: OrderRequest = arg(&json!({ "product_name_id": "ssl_basic", "as_of": "2026-01-01",
        "certificate": { "dns_names": ["a.example", "*.b.example", "*.c.example"] },
        "subscription": { "start_date": "2026-01-01", "licenses": [
            { "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": 2 },
            { "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard", "quantity": 5 } ] } }), "request").unwrap();
    let e = estimate(&req, PriceList::embedded()).unwrap();
    let covered: Vec<(bool, Option<u32>)> = e.lines.iter().map(|l| (l.covered, l.covered_by)).collect();
    assert_eq!(covered, [(true, Some(0)), (false, None), (false, None)]); // other products' slots never count either
    // the product's one pool: 2 fqdn slots, 1 used (the other product's wildcard pool is not this product's)
    let slots: Vec<(AssetType, u32, u32, u32)> = e.slots.iter().map(|s| (s.asset_type, s.free, s.used, s.left)).collect();
    assert_eq!(slots, [(AssetType::Fqdn, 2, 1, 1)]);
    // 2 × 600 × 365/365 on the first day of the term
    assert_eq!(e.total_price.to_string(), "1200.00");
    // renewal after: 2 × 200 + 5 × 1000 + 2 × 600 = 6600
    assert_eq!(e.renewal_total_after.unwrap().to_string(), "6600.00");
}

#[test]
fn r3_a_bound_license_is_preferred_over_a_free_slot() {
    // the free fqdn slot must go to b.example, because a.example (named first) has its own license
    let req: OrderRequest = arg(&json!({ "product_name_id": "ssl_basic", "as_of": "2026-01-01",
        "certificate": { "dns_names": ["a.example", "b.example"] },
        "subscription": { "start_date": "2026-01-01", "licenses": [
            { "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": 1 },
            { "product_name_id": "ssl_basic", "asset_type": "fqdn", "asset": "a.example" } ] } }), "request").unwrap();
    let ok = certcalc::validate_order(&req, PriceList::embedded()).unwrap();
    // each line names the license that covers it: a.example its own (licenses[1]), b.example the slot (licenses[0])
    assert_eq!(ok.lines.iter().map(|l| l.covered_by).collect::<Vec<_>>(), [Some(1), Some(0)]);
}

#[test]
fn r3_free_slots_are_told_per_type_and_spent_from_the_first_pool_with_one_left() {
    // three pools for ssl_basic (1 fqdn, 2 fqdn, 1 wildcard) and four names: the fqdns take licenses[0] then
    // licenses[2]; the wildcard licenses[3]; the third fqdn finds no slot left and is prorated
    let req: OrderRequest = arg(&json!({ "product_name_id": "ssl_basic", "as_of": "2026-01-01",
        "certificate": { "dns_names": ["a.example", "b.example", "*.c.example", "d.example", "e.example"] },
        "subscription": { "start_date": "2026-01-01", "licenses": [
            { "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": 1 },
            { "product_name_id": "ssl_basic", "asset_type": "fqdn", "asset": "z.example" },
            { "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": 2 },
            { "product_name_id": "ssl_basic", "asset_type": "wildcard" } ] } }), "request").unwrap();
    let e = estimate(&req, PriceList::embedded()).unwrap();
    let by: Vec<Option<u32>> = e.lines.iter().map(|l| l.covered_by).collect();
    assert_eq!(by, [Some(0), Some(2), Some(3), Some(2), None]);
    let slots: Vec<(AssetType, u32, u32, u32)> = e.slots.iter().map(|s| (s.asset_type, s.free, s.used, s.left)).collect();
    assert_eq!(slots, [(AssetType::Fqdn, 3, 3, 0), (AssetType::Wildcard, 1, 1, 0)]);
    // before subscription there is no pool to tell, and nothing covers
    let mya: OrderRequest = arg(&json!({ "product_name_id": "ssl_basic", "as_of": "2026-01-01",
        "certificate": { "dns_names": ["a.example"] } }), "request").unwrap();
    let e = value(&estimate(&mya, PriceList::embedded()).unwrap());
    assert_eq!((e.get("slots"), e["lines"][0].get("covered_by")), (None, None));
}
