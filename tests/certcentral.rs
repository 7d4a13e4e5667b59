//! CertCentral's own request bodies (`tests/fixtures/digicert/`, written out from the shapes of DigiCert's
//! Services API pages: Price estimate, Order Secure Site OV, code signing, Secure Email, VMC) priced and
//! checked as they are, and CertCentral's validity and naming rules, one table row each. Every expectation is worked out by hand
//! from the embedded sample prices (ssl_basic 200.00, Secure Site OV 400.00, code signing 500.00, Secure
//! Email Mailbox 30.00 and VMC 1500.00 a year). `tests/node/api.test.mjs` sends the same bodies through the
//! Node build.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use certcalc::{Error, PriceList};
use common::{arg, value};
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    serde_json::from_str(&common::acceptance_file(&format!("../fixtures/digicert/{name}.json"))).unwrap()
}

/// `body` with `extra`'s fields set (a product from the endpoint's path, `as_of`, a subscription, ...).
fn with(mut body: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

fn estimate(req: &Value, prices: &PriceList) -> Result<Value, Error> {
    arg(req, "request").and_then(|r| certcalc::estimate(&r, prices)).map(|e| value(&e))
}

fn order(req: &Value, prices: &PriceList) -> Result<Value, Error> {
    arg(req, "request").and_then(|r| certcalc::validate_order(&r, prices)).map(|e| value(&e))
}

fn code(r: Result<Value, Error>) -> String {
    r.err().map(|e| e.code().to_owned()).unwrap_or_else(|| "ok".into())
}

const AS_OF: &str = "2026-03-01";

fn subscription(licenses: Value) -> Value {
    json!({ "start_date": "2026-01-01", "licenses": licenses })
}

#[test]
fn digicert_bodies_are_priced_as_they_are() {
    let list = PriceList::embedded();
    // (fixture, product from the endpoint, total, payment method, the field the length came from, assets)
    let rows = [
        // 2 names × 200.00 × 2 years (the root validity_years of the Price estimate body)
        ("price-estimate", None, "800.00", "balance", "validity_years", vec!["example.com", "www.example.com"]),
        // the common name is also the first dns name: 2 assets × 400.00 × 1 year
        ("order-secure-site-ov", Some("ssl_securesite_flex"), "800.00", "balance", "order_validity.years", vec!["example.com", "shop.example.com"]),
        // the organization by id is the asset: 500.00 × 3 years
        ("order-code-signing", Some("code_signing"), "1500.00", "balance", "order_validity.years", vec!["id:123456"]),
        // 30.00 × 2 years; the organization id is no asset of S/MIME
        ("order-secure-email", Some("secure_email_mailbox"), "60.00", "card", "order_validity.years", vec!["jane.doe@example.com"]),
        ("order-vmc", Some("vmc_basic"), "1500.00", "balance", "order_validity.years", vec!["example.com"]),
    ];
    for (name, product, total, method, field, assets) in rows {
        let mut body = with(fixture(name), json!({ "as_of": AS_OF }));
        if let Some(p) = product {
            body["product_name_id"] = json!(p);
        }
        let e = estimate(&body, list).unwrap_or_else(|e| panic!("{name}: {}", e.message()));
        assert_eq!((e["total_price"].as_str(), e["payment_method"].as_str()), (Some(total), Some(method)), "{name}");
        assert_eq!(e["validity"]["field"], field, "{name}");
        assert_eq!(e["as_of"], AS_OF, "{name}");
        let shown: Vec<&str> = e["lines"].as_array().unwrap().iter().map(|l| l["asset"].as_str().unwrap()).collect();
        assert_eq!(shown, assets, "{name}");
        assert!(order(&body, list).is_ok(), "{name}: the order is accepted before subscription");
    }
}

#[test]
fn digicert_bodies_on_a_subscription() {
    let list = PriceList::embedded();
    let ov = with(fixture("order-secure-site-ov"), json!({ "product_name_id": "ssl_securesite_flex", "as_of": AS_OF,
        "subscription": subscription(json!([{ "product_name_id": "ssl_securesite_flex", "asset_type": "fqdn", "quantity": 2 }])) }));
    let accepted = order(&ov, list).unwrap();
    assert_eq!((accepted["total_price"].as_str(), accepted["payment_method"].as_str()), (Some("0.00"), Some("subscription")));
    // A license bound to the organization by its id covers CertCentral's code signing body.
    let cs = with(fixture("order-code-signing"), json!({ "product_name_id": "code_signing", "as_of": AS_OF,
        "subscription": subscription(json!([{ "product_name_id": "code_signing", "asset_type": "organization", "asset": "id:123456" }])) }));
    assert_eq!(order(&cs, list).unwrap()["total_price"], "0.00");
    // The Price estimate body's two years: refused on a subscription (R6), the refusal certcalc exists for.
    let pe = with(fixture("price-estimate"), json!({ "as_of": AS_OF, "subscription": subscription(json!([])) }));
    assert_eq!(code(order(&pe, list)), "invalid_value:validity_years");
    assert_eq!(code(estimate(&pe, list)), "invalid_value:validity_years");
    let vmc = with(fixture("order-vmc"), json!({ "product_name_id": "vmc_basic", "as_of": AS_OF, "order_validity": { "days": 398 },
        "subscription": subscription(json!([])) }));
    assert_eq!(code(order(&vmc, list)), "invalid_value:validity_days");
}

#[test]
fn r6_root_validity_and_precedence() {
    let list = PriceList::embedded();
    let base = |extra: Value| {
        with(json!({ "product_name_id": "ssl_basic", "as_of": "2026-02-01", "certificate": { "common_name": "example.com" } }), extra)
    };
    let sub = || subscription(json!([]));
    // (what, extra fields, total or code) — before subscription at 200.00 a year; on one, 200 × 334/365
    let rows = [
        ("root validity_years 2 before subscription", json!({ "validity_years": 2 }), "400.00"),
        ("root validity_years 2 on a subscription", json!({ "validity_years": 2, "subscription": sub() }), "invalid_value:validity_years"),
        ("root validity_days 398 on a subscription", json!({ "validity_days": 398, "subscription": sub() }), "invalid_value:validity_days"),
        ("root validity_days 397 on a subscription", json!({ "validity_days": 397, "subscription": sub() }), "183.01"),
        ("order_validity overrides the root", json!({ "validity_years": 2, "order_validity": { "years": 1 }, "subscription": sub() }), "183.01"),
        ("custom date over days over years", json!({ "validity_years": 3, "validity_days": 1095, "custom_expiration_date": "2027-02-01" }), "200.00"),
        ("days over years", json!({ "validity_years": 1, "validity_days": 730 }), "400.00"),
        ("a custom date 397 days out", json!({ "custom_expiration_date": "2027-03-05", "subscription": sub() }), "183.01"),
        ("a custom date 398 days out", json!({ "custom_expiration_date": "2027-03-06", "subscription": sub() }), "invalid_value:custom_expiration_date"),
        ("three calendar years across a leap day, before subscription", json!({ "custom_expiration_date": "2029-02-01" }), "600.00"),
        ("a certificate inside its order", json!({ "validity_years": 2, "certificate": { "common_name": "example.com", "cert_validity": { "days": 397 } } }), "400.00"),
        ("a certificate longer than its order", json!({ "validity_days": 100, "certificate": { "common_name": "example.com", "cert_validity": { "days": 200 } } }), "cert_validity_exceeds_order_validity"),
        ("a certificate over 397 days", json!({ "validity_years": 3, "certificate": { "common_name": "example.com", "cert_validity": { "days": 398 } } }), "invalid_value:cert_validity"),
    ];
    for (what, extra, want) in rows {
        let got = match estimate(&base(extra), list) {
            Ok(e) => e["total_price"].as_str().unwrap().to_owned(),
            Err(e) => e.code().to_owned(),
        };
        assert_eq!(got, want, "{what}");
    }
    // The answer says which length it priced.
    let e = estimate(&base(json!({ "validity_years": 3, "validity_days": 730, "custom_expiration_date": "2027-02-01" })), list).unwrap();
    assert_eq!(e["validity"], json!({ "field": "custom_expiration_date", "custom_expiration_date": "2027-02-01" }));
}

#[test]
fn r6_three_calendar_years_for_the_3_year_families() {
    // 2026-02-01 + 3 years = 2029-02-01: 1,096 days, across 2028-02-29; allowed for code signing on a subscription.
    let req = json!({ "product_name_id": "code_signing", "as_of": "2026-02-01", "certificate": { "organization": "Example Ltd" },
        "custom_expiration_date": "2029-02-01", "subscription": subscription(json!([])) });
    assert!(estimate(&req, PriceList::embedded()).is_ok());
    let late = with(req, json!({ "custom_expiration_date": "2029-02-02" }));
    assert_eq!(code(estimate(&late, PriceList::embedded())), "invalid_value:custom_expiration_date");
}

#[test]
fn r9_multi_year_plan_prices_from_the_price_list() {
    let list = |plans: Value| {
        arg::<certcalc::PriceListInput>(&json!({ "currency": "USD", "max_certificate_days": { "tls": 199 }, "products": [
            { "product_name_id": "ssl_basic", "name": "Basic OV", "family": "tls", "annual_prices": { "fqdn": "200.00" },
              "multi_year_prices": plans } ] }), "price_list")
        .and_then(|input| PriceList::parse(&input))
    };
    let req = |years: u32| json!({ "product_name_id": "ssl_basic", "as_of": "2026-02-01", "validity_years": years,
        "certificate": { "dns_names": ["a.example", "b.example"] } });
    let discounted = list(json!({ "2": { "fqdn": "350.00" }, "3": { "fqdn": "480.00" } })).unwrap();
    // (years, with the plan prices, without them: years × 200.00) — per asset, two assets
    for (years, with_plans, without) in [(1, "400.00", "400.00"), (2, "700.00", "800.00"), (3, "960.00", "1200.00")] {
        assert_eq!(estimate(&req(years), &discounted).unwrap()["total_price"], with_plans, "{years} years");
        assert_eq!(estimate(&req(years), &list(json!({})).unwrap()).unwrap()["total_price"], without, "{years} years");
    }
    // the list's certificate maximum: 199 days for TLS
    let long = json!({ "product_name_id": "ssl_basic", "as_of": "2026-02-01", "validity_days": 200,
        "certificate": { "common_name": "a.example" }, "subscription": subscription(json!([])) });
    assert_eq!(code(estimate(&long, &discounted)), "invalid_value:validity_days");
    for bad in [json!({ "4": { "fqdn": "1.00" } }), json!({ "2": { "email_address": "1.00" } }), json!({ "2": { "fqdn": 350 } })] {
        assert_eq!(code(list(bad.clone()).map(|_| Value::Null)), "invalid_value:multi_year_prices", "{bad}");
    }
}

#[test]
fn r1_the_organization_by_id_wins_over_its_name() {
    let req = json!({ "product_name_id": "code_signing", "as_of": AS_OF, "organization": { "id": 42 },
        "certificate": { "organization": "Example Ltd" } });
    let e = estimate(&req, PriceList::embedded()).unwrap();
    assert_eq!(e["lines"][0]["asset"], "id:42");
    // a name alone still works
    let by_name = json!({ "product_name_id": "code_signing", "as_of": AS_OF, "certificate": { "organization": "Example Ltd" } });
    assert_eq!(estimate(&by_name, PriceList::embedded()).unwrap()["lines"][0]["asset"], "Example Ltd");
}

#[test]
fn r8_the_first_card_is_the_default_when_none_says() {
    let pay = |cards: Value| {
        arg(&json!({ "amount_due": "100.00", "currency": "USD", "cards": cards }), "payment")
            .and_then(|p| certcalc::pay_renewal(&p).map(|p| value(&p)))
    };
    // (cards, status or code, the card charged)
    let rows = [
        (json!([{ "id": "a" }, { "id": "b" }]), "paid", Some("a")),
        (json!([{ "id": "a", "is_default": false }, { "id": "b", "is_default": false }]), "no_payment_method", None),
        (json!([{ "id": "a" }, { "id": "b", "is_default": true }]), "paid", Some("b")),
        (json!([{ "id": "a", "is_default": true }, { "id": "b", "is_default": true }]), "invalid_value:cards", None),
    ];
    for (cards, want, card) in rows {
        match pay(cards.clone()) {
            Ok(p) => {
                assert_eq!(p["status"], want, "{cards}");
                assert_eq!(p["steps"].as_array().unwrap().iter().find_map(|s| s["card_id"].as_str()), card, "{cards}");
            }
            Err(e) => assert_eq!(e.code(), want, "{cards}"),
        }
    }
}

#[test]
fn as_of_is_required_natively_and_named() {
    let e = estimate(&with(fixture("price-estimate"), json!({})), PriceList::embedded()).unwrap_err();
    assert_eq!(e.code(), "invalid_value:as_of");
}

#[test]
fn r1_unicode_domains_fold_to_their_a_label() {
    // The corpus the browser test also runs (tests/browser.rs), where the platform's URL parser folds.
    let corpus: Vec<(String, Option<String>)> = serde_json::from_str(&common::acceptance_file("../fixtures/idna.json")).unwrap();
    for (name, want) in corpus {
        let t = if name.starts_with("*.") { certcalc::AssetType::Wildcard } else { certcalc::AssetType::Fqdn };
        assert_eq!(certcalc::canonical(t, &name, "dns_names").ok().map(std::borrow::Cow::into_owned), want, "{name}");
    }
}

#[test]
fn messages_name_the_request_field_and_its_path_from_the_root() {
    // (request, code, path, the message's start) — one path style, from the argument's root
    let cn = json!({ "common_name": "a.example" });
    let sub = |licenses: serde_json::Value| json!({ "start_date": "2026-01-01", "licenses": licenses });
    let rows = [
        // a wildcard priced with a product that has no wildcard price: the request's dns_names is at fault
        (json!({ "product_name_id": "ssl_ev_basic", "as_of": AS_OF, "certificate": { "dns_names": ["*.example.com"] } }),
            "invalid_value:dns_names", "certificate.dns_names",
            "certificate.dns_names: '*.example.com' is a wildcard asset, and ssl_ev_basic has no wildcard price"),
        // a bad name is told by its position in its list
        (json!({ "product_name_id": "ssl_basic", "as_of": AS_OF, "certificate": { "dns_names": ["a.example", "-x-.example"] } }),
            "invalid_value:dns_names", "certificate.dns_names[1]", "certificate.dns_names[1]: '-x-.example' is not a valid domain name"),
        // a subscription's problems are named from the request's root
        (json!({ "product_name_id": "ssl_basic", "as_of": AS_OF, "certificate": cn, "subscription": { "start_date": "2026-13-01" } }),
            "invalid_value:start_date", "subscription.start_date", "subscription.start_date: '2026-13-01' is not a day"),
        (json!({ "product_name_id": "ssl_basic", "as_of": AS_OF, "certificate": cn,
            "subscription": sub(json!([{ "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": 0 }])) }),
            "invalid_value:quantity", "subscription.licenses[0].quantity", "subscription.licenses[0].quantity: 0 is not 1 to 100000"),
        (json!({ "product_name_id": "ssl_basic", "as_of": AS_OF, "certificate": cn,
            "subscription": sub(json!([{ "product_name_id": "nope", "asset_type": "fqdn" }])) }),
            "invalid_value:product_name_id", "subscription.licenses[0].product_name_id", "subscription.licenses[0].product_name_id: 'nope' is not a product"),
        // the reader's errors are written the same way
        (json!({ "product_name_id": "ssl_basic", "as_of": AS_OF, "certificate": cn,
            "subscription": sub(json!([{ "product_name_id": "ssl_basic", "asset_type": "fqdn", "quantity": "2" }])) }),
            "invalid_value:quantity", "subscription.licenses[0].quantity", "subscription.licenses[0].quantity: invalid type: string"),
        // CertCentral's own text stays the message; the path says which field set the length
        (json!({ "product_name_id": "ssl_basic", "as_of": AS_OF, "certificate": cn, "order_validity": { "days": 398 },
            "subscription": sub(json!([])) }),
            "invalid_value:validity_days", "order_validity.days", "Custom length contains an invalid value."),
        (json!({ "product_name_id": "ssl_basic", "certificate": cn }), "invalid_value:as_of", "as_of", "as_of: required"),
    ];
    for (req, want_code, want_path, want_start) in rows {
        let e = match certcalc::from_json::<certcalc::OrderRequest>(&req.to_string(), "request") {
            Ok(r) => certcalc::estimate(&r, PriceList::embedded()).unwrap_err(),
            Err(e) => e,
        };
        let first = &e.errors()[0];
        assert_eq!((first.code.as_str(), first.path.as_str()), (want_code, want_path), "{req}");
        assert!(first.message.starts_with(want_start), "{}", first.message);
    }
}
