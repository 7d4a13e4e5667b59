//! `simulate`: the charge ledger of one subscription over a horizon. Prices are the acceptance list's:
//! ssl_basic fqdn 200 / wildcard 600, ssl_securesite_flex fqdn 400 / wildcard 1000, vmc_basic
//! email_domain 1500, secure_email_mailbox email_address 30, code_signing organization 500 (USD).
#![cfg(not(target_arch = "wasm32"))]

mod common;
use certcalc::{simulate, EntryKind, Ledger, PlanInput};
use common::{acceptance_prices, arg, dispatch, value};
use proptest::prelude::*;
use serde_json::{json, Value};

fn run(plan: Value) -> Result<Ledger, certcalc::Error> {
    let plan: PlanInput = arg(&plan, "plan")?;
    simulate(&plan, &acceptance_prices())
}

/// (date, kind, amount) of every entry, and the total.
fn summary(l: &Ledger) -> (Vec<(String, &'static str, String)>, String) {
    let kind = |k: EntryKind| match k {
        EntryKind::Activation => "activation",
        EntryKind::Addition => "addition",
        EntryKind::Renewal => "renewal",
        _ => "?",
    };
    (l.ledger.iter().map(|e| (e.date.clone(), kind(e.kind), e.amount.to_string())).collect(), l.total.to_string())
}

fn lic(product: &str, asset_type: &str, asset: &str) -> Value {
    json!({ "product_name_id": product, "asset_type": asset_type, "asset": asset })
}

type Expected = (&'static [(&'static str, &'static str, &'static str)], &'static str);

#[test]
fn ledgers_worked_by_hand() {
    let cases: Vec<(&str, Value, Expected)> = vec![
        (
            // *.a 1000 at activation; www.b added 2026-04-01 with 275 of 365 days: 400 × 275/365 = 301.369… →
            // 301.37; *.a dropped mid-term, so the 2027 renewal is www.b alone (400); c.example added
            // 2027-06-01 with 214 of 365 days left (30+31+31+30+31+30+31): 200 × 214/365 = 117.260… → 117.26;
            // 2028 renewal: www.b 400 + c.example 200. The 2029-01-01 renewal is the horizon's end: excluded.
            // Total 1000 + 301.37 + 400 + 117.26 + 600 = 2418.63.
            "add, drop, add",
            json!({ "start_date": "2026-01-01", "years": 3,
                "licenses": [lic("ssl_securesite_flex", "wildcard", "*.a.example")],
                "events": [
                    { "date": "2026-04-01", "add": [lic("ssl_securesite_flex", "fqdn", "www.b.example")] },
                    { "date": "2026-09-15", "drop": ["*.a.example"] },
                    { "date": "2027-06-01", "add": [lic("ssl_basic", "fqdn", "c.example")] } ] }),
            (&[("2026-01-01", "activation", "1000.00"), ("2026-04-01", "addition", "301.37"),
               ("2027-01-01", "renewal", "400.00"), ("2027-06-01", "addition", "117.26"),
               ("2028-01-01", "renewal", "600.00")], "2418.63"),
        ),
        (
            // Same plan with a renew marker on the renewal date: nothing changes.
            "renew marker",
            json!({ "start_date": "2026-01-01", "years": 3,
                "licenses": [lic("ssl_securesite_flex", "wildcard", "*.a.example")],
                "events": [
                    { "date": "2026-04-01", "add": [lic("ssl_securesite_flex", "fqdn", "www.b.example")] },
                    { "date": "2026-09-15", "drop": ["*.a.example"] },
                    { "date": "2027-01-01", "renew": true },
                    { "date": "2027-06-01", "add": [lic("ssl_basic", "fqdn", "c.example")] } ] }),
            (&[("2026-01-01", "activation", "1000.00"), ("2026-04-01", "addition", "301.37"),
               ("2027-01-01", "renewal", "400.00"), ("2027-06-01", "addition", "117.26"),
               ("2028-01-01", "renewal", "600.00")], "2418.63"),
        ),
        (
            // Monthly proration: on 2026-04-02 three whole months have passed, 9 remain (a part month counts
            // whole): 1000 × 9/12 = 750.00. No starting licenses: the activation is 0.00.
            "monthly, empty start",
            json!({ "start_date": "2026-01-01", "proration": "monthly", "years": 1, "licenses": [],
                "events": [ { "date": "2026-04-02", "add": [lic("ssl_securesite_flex", "wildcard", "*.x.example")] } ] }),
            (&[("2026-01-01", "activation", "0.00"), ("2026-04-02", "addition", "750.00")], "750.00"),
        ),
        (
            // A later term's proration uses that term's days. Term 1 (2027-03-01 → 2028-03-01) spans
            // 2028-02-29: 366 days; from 2027-09-01, 30+31+30+31+31+29 = 182 left: 400 × 182/366 = 198.907… →
            // 198.91. Term 2 (2028-03-01 → 2029-03-01) has 365; from 2028-09-01, 30+31+30+31+31+28 = 181:
            // 400 × 181/365 = 198.356… → 198.36. Renewal 2028-03-01: 200 + 400. Total 1197.27.
            "leap term, then a plain one",
            json!({ "start_date": "2027-03-01", "years": 2,
                "licenses": [lic("ssl_basic", "fqdn", "a.example")],
                "events": [
                    { "date": "2027-09-01", "add": [lic("ssl_securesite_flex", "fqdn", "b.example")] },
                    { "date": "2028-09-01", "add": [lic("ssl_securesite_flex", "fqdn", "c.example")] } ] }),
            (&[("2027-03-01", "activation", "200.00"), ("2027-09-01", "addition", "198.91"),
               ("2028-03-01", "renewal", "600.00"), ("2028-09-01", "addition", "198.36")], "1197.27"),
        ),
        (
            // On a renewal date a drop takes effect at that renewal (a.example, named in another case and with
            // a trailing dot, is not renewed: 400 for b only) and an addition belongs to the new term: all
            // 365 of 365 days, the full 1000.
            "drop and add on the renewal date",
            json!({ "start_date": "2026-01-01", "years": 2,
                "licenses": [lic("ssl_securesite_flex", "fqdn", "a.example"), lic("ssl_securesite_flex", "fqdn", "b.example")],
                "events": [
                    { "date": "2027-01-01", "drop": ["A.Example."] },
                    { "date": "2027-01-01", "add": [lic("ssl_securesite_flex", "wildcard", "*.c.example")] } ] }),
            (&[("2026-01-01", "activation", "800.00"), ("2027-01-01", "renewal", "400.00"),
               ("2027-01-01", "addition", "1000.00")], "2200.00"),
        ),
        (
            // 2028-02-29 + 12 months clamps to 2029-02-28; the next term starts there and ends 2030-02-28
            // (term by term). Three terms: two renewals of 500.
            "leap-day start",
            json!({ "start_date": "2028-02-29", "years": 3,
                "licenses": [lic("code_signing", "organization", "Acme Corp")],
                "events": [ { "date": "2031-02-27", "renew": null, "drop": ["Acme Corp"] } ] }),
            (&[("2028-02-29", "activation", "500.00"), ("2029-02-28", "renewal", "500.00"),
               ("2030-02-28", "renewal", "500.00")], "1500.00"),
        ),
        (
            // Three free mailbox slots added 2026-07-01 with 31+31+30+31+30+31 = 184 of 365 days left: one line,
            // rounded once: 90 × 184/365 = 45.369… → 45.37 (slot by slot it would be 3 × 15.12 = 45.36).
            // Renewal of 3 slots: 90.
            "a line of several slots rounds once",
            json!({ "start_date": "2026-01-01", "years": 2, "licenses": [],
                "events": [ { "date": "2026-07-01", "add": [
                    { "product_name_id": "secure_email_mailbox", "asset_type": "email_address", "quantity": 3 } ] } ] }),
            (&[("2026-01-01", "activation", "0.00"), ("2026-07-01", "addition", "45.37"),
               ("2027-01-01", "renewal", "90.00")], "135.37"),
        ),
        (
            // Everything dropped: the renewal still happens, for nothing.
            "all dropped",
            json!({ "start_date": "2026-01-01", "years": 2,
                "licenses": [lic("vmc_basic", "email_domain", "mark.example")],
                "events": [ { "date": "2026-02-01", "drop": ["mark.example", "MARK.example"] } ] }),
            (&[("2026-01-01", "activation", "1500.00"), ("2027-01-01", "renewal", "0.00")], "1500.00"),
        ),
    ];
    for (name, plan, (entries, total)) in cases {
        let ledger = run(plan).unwrap_or_else(|e| panic!("{name}: {e}"));
        let want: Vec<(String, &str, String)> = entries.iter().map(|&(d, k, a)| (d.to_owned(), k, a.to_owned())).collect();
        assert_eq!(summary(&ledger), (want, total.to_owned()), "{name}");
    }
}

#[test]
fn ledger_lines_show_their_proration() {
    let l = run(json!({ "start_date": "2026-01-01", "years": 1, "licenses": [],
        "events": [ { "date": "2026-04-01", "add": [lic("ssl_securesite_flex", "wildcard", "*.Sub.Example.com")] } ] }))
    .unwrap();
    let v = value(&l);
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["ledger"][1]["lines"][0], json!({ "product_name_id": "ssl_securesite_flex", "asset_type": "wildcard",
        "asset": "*.sub.example.com", "quantity": 1, "annual_price": "1000.00", "remaining_days": 275, "term_days": 365,
        "price": "753.42" }));
    assert_eq!(v["ledger"][1]["kind"], "addition");
    assert_eq!(v["total"], "753.42");
}

#[test]
fn refusals_are_at_their_path_from_the_root() {
    let add = |d: &str, a: &str| json!({ "date": d, "add": [lic("ssl_basic", "fqdn", a)] });
    let plan = |events: Value| json!({ "start_date": "2026-01-01", "years": 2,
        "licenses": [lic("ssl_basic", "fqdn", "a.example")], "events": events });
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        ("deposit", plan(json!([add("2026-02-01", "b.example"), { "date": "2026-03-01", "deposit": "100.00" }])),
            "balance_deposit_not_allowed", "events[1].deposit"),
        ("out of order", plan(json!([add("2026-05-01", "b.example"), add("2026-04-30", "c.example")])), "invalid_value:events", "events[1].date"),
        ("before start", plan(json!([add("2025-12-31", "b.example")])), "invalid_value:events", "events[0].date"),
        ("on the horizon's end", plan(json!([add("2026-03-01", "b.example"), add("2028-01-01", "c.example")])),
            "invalid_value:events", "events[1].date"),
        ("drop of an unknown asset", plan(json!([{ "date": "2026-02-01", "drop": ["z.example"] }])), "invalid_value:events", "events[0].drop[0]"),
        ("drop of an asset gone at the last renewal",
            plan(json!([{ "date": "2026-02-01", "drop": ["a.example"] }, { "date": "2027-02-01", "drop": ["a.example"] }])),
            "invalid_value:events", "events[1].drop[0]"),
        ("add of an asset already in force", plan(json!([add("2026-02-01", "A.EXAMPLE")])), "invalid_value:events", "events[0].add[0].asset"),
        ("unknown product", plan(json!([{ "date": "2026-02-01", "add": [lic("nope", "fqdn", "b.example")] }])),
            "invalid_value:product_name_id", "events[0].add[0].product_name_id"),
        ("two actions", plan(json!([{ "date": "2026-02-01", "add": [lic("ssl_basic", "fqdn", "b.example")], "drop": ["a.example"] }])),
            "invalid_value:events", "events[0]"),
        ("no action", plan(json!([{ "date": "2026-02-01" }])), "invalid_value:events", "events[0]"),
        ("empty add", plan(json!([{ "date": "2026-02-01", "add": [] }])), "invalid_value:events", "events[0]"),
        ("renew off a renewal date", plan(json!([{ "date": "2026-06-01", "renew": true }])), "invalid_value:events", "events[0].renew"),
        ("renew on the start date", plan(json!([{ "date": "2026-01-01", "renew": true }])), "invalid_value:events", "events[0].renew"),
        ("renew false", plan(json!([{ "date": "2027-01-01", "renew": false }])), "invalid_value:events", "events[0].renew"),
        ("bad date", plan(json!([{ "date": "2026-02-30", "drop": ["a.example"] }])), "invalid_value:date", "events[0].date"),
        ("years 0", json!({ "start_date": "2026-01-01", "years": 0 }), "invalid_value:years", "years"),
        ("years 11", json!({ "start_date": "2026-01-01", "years": 11 }), "invalid_value:years", "years"),
        ("years missing", json!({ "start_date": "2026-01-01" }), "invalid_value:years", "years"),
        ("years as a string", json!({ "start_date": "2026-01-01", "years": "2" }), "invalid_value:years", "years"),
        ("bad start", json!({ "start_date": "2026-13-01", "years": 1 }), "invalid_value:start_date", "start_date"),
    ];
    // (case, plan, code, path): every path from the plan's root; the message starts with it, except
    // CertCentral's own text (a deposit's), which stays word for word
    for (name, plan, code, path) in cases {
        let err = run(plan).expect_err(name);
        let first = &err.errors()[0];
        assert_eq!((first.code.as_str(), first.path.as_str()), (code, path), "{name}: {err}");
        let said = if code == "balance_deposit_not_allowed" { "A subscription account" } else { &format!("{path}: ") };
        assert!(first.message.starts_with(said), "{name}: {}", first.message);
    }
}

#[test]
fn limits_are_errors() {
    let events: Vec<Value> = (0..1001).map(|_| json!({ "date": "2026-01-01", "renew": true })).collect();
    let err = run(json!({ "start_date": "2026-01-01", "years": 1, "events": events })).unwrap_err();
    assert_eq!(err.code(), "invalid_value:events");
    // 10,000 starting entries plus one added: over MAX_LICENSES for the plan
    let many: Vec<Value> = (0..10_000).map(|_| json!({ "product_name_id": "ssl_basic", "asset_type": "fqdn" })).collect();
    let err = run(json!({ "start_date": "2026-01-01", "years": 1, "licenses": many,
        "events": [ { "date": "2026-02-01", "add": [lic("ssl_basic", "fqdn", "b.example")] } ] })).unwrap_err();
    assert_eq!(err.code(), "invalid_value:licenses");
    assert_eq!((certcalc::MAX_EVENTS, certcalc::MAX_YEARS), (1_000, 10));
}

#[test]
fn several_problems_are_listed_together() {
    let err = run(json!({ "start_date": "2026-01-01", "years": 12, "events": [
        { "date": "2026-02-01", "deposit": "5.00" }, { "date": "x", "renew": true } ] })).unwrap_err();
    let codes: Vec<&str> = err.errors().iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["invalid_value:years", "balance_deposit_not_allowed", "invalid_value:date"]);
}

#[test]
fn dispatch_reaches_simulate() {
    let args = [json!({ "start_date": "2026-01-01", "years": 2, "licenses": [lic("ssl_basic", "wildcard", "*.a.example")] })];
    let v = dispatch("simulate", &args, &acceptance_prices()).unwrap().unwrap();
    // 600 at activation, 600 at the one renewal
    assert_eq!(v["total"], "1200.00");
    assert_eq!(v["ledger"][1]["kind"], "renewal");
}

/// (product, asset type, asset name maker, annual price in cents) of the acceptance list.
type Pair = (&'static str, &'static str, fn(usize) -> String, i64);
const PAIRS: [Pair; 7] = [
    ("ssl_basic", "fqdn", |k| format!("h{k}.example"), 20_000),
    ("ssl_basic", "wildcard", |k| format!("*.w{k}.example"), 60_000),
    ("ssl_securesite_flex", "fqdn", |k| format!("h{k}.example"), 40_000),
    ("ssl_securesite_flex", "wildcard", |k| format!("*.w{k}.example"), 100_000),
    ("vmc_basic", "email_domain", |k| format!("m{k}.example"), 150_000),
    ("secure_email_mailbox", "email_address", |k| format!("u{k}@example.com"), 3_000),
    ("code_signing", "organization", |k| format!("Org {k}"), 50_000),
];

fn cents(m: &certcalc::Money) -> i64 {
    let s = m.to_string().replace('.', "");
    s.parse().unwrap()
}

fn date_plus(start: &str, days: u32) -> String {
    let d = chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
    (d + chrono::Days::new(u64::from(days))).to_string()
}

/// A valid plan: fresh asset names for every license, drops naming starting assets at most once, event
/// days sorted and inside `years × 365` days (never past the horizon, which is at least that long).
fn plans() -> impl Strategy<Value = Value> {
    (
        (2020u32..2040, 0u32..365),
        1u32..=4,
        any::<bool>(),
        proptest::collection::vec(0usize..PAIRS.len(), 0..6),
        proptest::collection::vec((0u32..1460, proptest::collection::vec(0usize..PAIRS.len(), 1..4), any::<bool>()), 0..12),
    )
        .prop_map(|((year, offset), years, monthly, start, events)| {
            let start_date = date_plus(&format!("{year}-01-01"), offset);
            let mut k = 0;
            let mut fresh = |p: usize| {
                k += 1;
                let (product, t, name, _) = PAIRS[p];
                lic(product, t, &name(k))
            };
            let licenses: Vec<Value> = start.iter().map(|&p| fresh(p)).collect();
            let mut droppable: Vec<String> = licenses.iter().map(|l| l["asset"].as_str().unwrap().to_owned()).collect();
            let mut days: Vec<_> = events.into_iter().map(|(d, adds, drop)| (d % (years * 365), adds, drop)).collect();
            days.sort_by_key(|e| e.0);
            let events: Vec<Value> = days
                .into_iter()
                .map(|(d, adds, drop)| match droppable.pop().filter(|_| drop) {
                    Some(a) => json!({ "date": date_plus(&start_date, d), "drop": [a] }),
                    None => json!({ "date": date_plus(&start_date, d), "add": adds.iter().map(|&p| fresh(p)).collect::<Vec<_>>() }),
                })
                .collect();
            json!({ "start_date": start_date, "proration": if monthly { "monthly" } else { "daily" }, "years": years,
                "licenses": licenses, "events": events })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn ledger_total_is_the_sum_of_its_entries(plan in plans()) {
        let years = plan["years"].as_u64().unwrap() as usize;
        let l = run(plan).unwrap();
        let entries: i64 = l.ledger.iter().map(|e| cents(&e.amount)).sum();
        prop_assert_eq!(cents(&l.total), entries);
        for e in &l.ledger {
            prop_assert_eq!(cents(&e.amount), e.lines.iter().map(|x| cents(&x.price)).sum::<i64>());
        }
        prop_assert!(l.ledger.windows(2).all(|w| w[0].date <= w[1].date));
        prop_assert_eq!(l.ledger.iter().filter(|e| e.kind == EntryKind::Renewal).count(), years - 1);
        // A renewal never prorates: every line is annual × quantity.
        for e in l.ledger.iter().filter(|e| e.kind != EntryKind::Addition) {
            for x in &e.lines {
                prop_assert_eq!(cents(&x.price), cents(&x.annual_price) * i64::from(x.quantity));
            }
        }
    }

    #[test]
    fn adding_on_the_start_date_costs_the_annual_price(
        (year, offset) in (2020u32..2040, 0u32..365), pair in 0usize..PAIRS.len(), monthly in any::<bool>(), years in 1u32..=4,
    ) {
        let (product, t, name, annual) = PAIRS[pair];
        let start = date_plus(&format!("{year}-01-01"), offset);
        let base = json!({ "start_date": start, "years": years, "proration": if monthly { "monthly" } else { "daily" },
            "licenses": [lic("code_signing", "organization", "Base Org")] });
        let mut with = base.clone();
        with["events"] = json!([ { "date": start, "add": [lic(product, t, &name(1))] } ]);
        let (a, b) = (run(base).unwrap(), run(with).unwrap());
        let addition = b.ledger.iter().find(|e| e.kind == EntryKind::Addition).unwrap();
        prop_assert_eq!(cents(&addition.amount), annual);
        // …and it renews at full price at each of the years − 1 renewals.
        prop_assert_eq!(cents(&b.total) - cents(&a.total), annual * i64::from(years));
    }
}

#[test]
fn no_events_cost_the_renewal_total_each_year() {
    // 200 + 1000 + 3 × 30 = 1290 a year, for 4 years
    let l = run(json!({ "start_date": "2026-06-15", "years": 4, "licenses": [lic("ssl_basic", "fqdn", "a.example"),
        lic("ssl_securesite_flex", "wildcard", "*.a.example"),
        { "product_name_id": "secure_email_mailbox", "asset_type": "email_address", "quantity": 3 }] })).unwrap();
    assert_eq!(l.total.to_string(), "5160.00");
    let dates: Vec<&str> = l.ledger.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(dates, ["2026-06-15", "2027-06-15", "2028-06-15", "2029-06-15"]);
}
