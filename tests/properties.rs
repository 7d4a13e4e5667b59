//! Property tests for the invariants of R3, R4, R7 and R8.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use certcalc::{estimate, pay_renewal, renewal_quote, Currency, Money, OrderRequest, PaymentInput, PriceList, PriceListInput, Source, Status, SubscriptionInput};
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use common::arg;
use serde_json::json;

fn list(fqdn_cents: u64, wildcard_cents: u64) -> PriceList {
    let price = |c: u64| format!("{}.{:02}", c / 100, c % 100);
    let input: PriceListInput = arg(&json!({ "currency": "USD", "products": [
        { "product_name_id": "p", "name": "P", "family": "tls",
          "annual_prices": { "fqdn": price(fqdn_cents), "wildcard": price(wildcard_cents) } } ] }), "price_list")
    .unwrap();
    PriceList::parse(&input).unwrap()
}

fn date(days_since_2024: i64) -> String {
    let d = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(days_since_2024);
    d.to_string()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A subscription with some bound and some free licenses, and a request naming some of those assets and some
/// new ones. Host `hN.example` is bound when N is in `bound`; `free` wildcard/fqdn slots are unbound.
fn scenario(start: i64, hosts: &[(u8, bool)], bound: &[u8], free_fqdn: u32, free_wild: u32, monthly: bool) -> (serde_json::Value, serde_json::Value) {
    let name = |n: u8, wild: bool| if wild { format!("*.h{n}.example") } else { format!("h{n}.example") };
    let mut licenses: Vec<serde_json::Value> = bound
        .iter()
        .map(|&n| json!({ "product_name_id": "p", "asset_type": if n % 2 == 0 { "wildcard" } else { "fqdn" }, "asset": name(n, n % 2 == 0) }))
        .collect();
    if free_fqdn > 0 {
        licenses.push(json!({ "product_name_id": "p", "asset_type": "fqdn", "quantity": free_fqdn }));
    }
    if free_wild > 0 {
        licenses.push(json!({ "product_name_id": "p", "asset_type": "wildcard", "quantity": free_wild }));
    }
    let sub = json!({ "start_date": date(start), "proration": if monthly { "monthly" } else { "daily" }, "licenses": licenses });
    let names: Vec<String> = hosts.iter().map(|&(n, wild)| name(n, wild)).collect();
    (sub, json!(names))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// R4: a prorated price never exceeds the annual price and never rises as `as_of` moves later.
    #[test]
    fn prorated_price_is_bounded_and_never_rises(start in 0i64..3000, a in 0i64..366, b in 0i64..366,
        cents in 0u64..10_000_000_000, monthly in any::<bool>()) {
        let prices = list(cents, 1);
        let (early, late) = (a.min(b), a.max(b));
        let price_on = |offset: i64| -> Option<Decimal> {
            let req: OrderRequest = arg(&json!({ "product_name_id": "p",
                "certificate": { "dns_names": ["new.example"] }, "as_of": date(start + offset),
                "subscription": { "start_date": date(start), "proration": if monthly { "monthly" } else { "daily" } } }), "request").unwrap();
            estimate(&req, &prices).ok().map(|e| e.total_price.amount())
        };
        let annual = Decimal::from(cents) / Decimal::from(100);
        if let (Some(p_early), Some(p_late)) = (price_on(early), price_on(late)) {
            prop_assert!(p_early <= annual);
            prop_assert!(p_late <= p_early);
            prop_assert!(p_late >= Decimal::ZERO);
        }
    }

    /// R3/R4/R7: the total is the sum of the lines; a covered line costs 0; the renewal after the order is
    /// the current renewal total plus the full annual price of every uncovered asset.
    #[test]
    fn estimate_totals_coverage_and_renewal_after(start in 0i64..3000, offset in 0i64..365,
        hosts in prop::collection::vec((0u8..40, any::<bool>()), 1..30), bound in prop::collection::btree_set(0u8..40, 0..10),
        free_fqdn in 0u32..5, free_wild in 0u32..5, monthly in any::<bool>(), fqdn in 0u64..100_000, wild in 0u64..300_000) {
        let prices = list(fqdn, wild);
        let bound: Vec<u8> = bound.into_iter().collect();
        let (sub, names) = scenario(start, &hosts, &bound, free_fqdn, free_wild, monthly);
        let req: OrderRequest = arg(&json!({ "product_name_id": "p", "certificate": { "dns_names": names },
            "as_of": date(start + offset), "subscription": sub }), "request").unwrap();
        let Ok(e) = estimate(&req, &prices) else { return Ok(()) }; // as_of past a 365-day term's end
        let sum: Decimal = e.lines.iter().map(|l| l.price.amount()).sum();
        prop_assert_eq!(e.total_price.amount(), sum);
        prop_assert_eq!(e.fqdns.subtotal.amount() + e.wildcards.subtotal.amount(), sum);
        prop_assert_eq!((e.fqdns.units + e.wildcards.units) as usize, e.lines.len());
        for l in e.lines.iter().filter(|l| l.covered) {
            prop_assert!(l.price.is_zero());
        }
        let sub_in: SubscriptionInput = arg(&sub, "subscription").unwrap();
        let current = renewal_quote(&sub_in, &prices).unwrap().total.amount();
        let uncovered: Decimal = e.lines.iter().filter(|l| !l.covered).map(|l| l.annual_price.amount()).sum();
        prop_assert_eq!(e.renewal_total_after.unwrap().amount(), current + uncovered);
        // free slots are spent at most once each
        let covered_unbound = e.lines.iter().filter(|l| l.covered && !bound.iter().any(|&n| {
            let want = if n % 2 == 0 { format!("*.h{n}.example") } else { format!("h{n}.example") };
            l.asset == want
        })).count();
        prop_assert!(covered_unbound as u32 <= free_fqdn + free_wild);
    }

    /// R8: money is conserved; the balance is used before any card; at most one card is charged; nothing is
    /// negative.
    #[test]
    fn pay_renewal_conserves_money(due in 0u64..10_000_000, balance in 0u64..10_000_000,
        cards in prop::collection::vec((any::<bool>(), prop::option::of(0u64..10_000_000)), 0..4), default in prop::option::of(0usize..4)) {
        let cents = |c: u64| format!("{}.{:02}", c / 100, c % 100);
        let cards: Vec<_> = cards.iter().enumerate().map(|(i, (_, credit))| {
            let mut c = json!({ "id": format!("card-{i}"), "is_default": Some(i) == default });
            if let Some(cr) = credit { c["available_credit"] = json!(cents(*cr)); }
            c
        }).collect();
        let input: PaymentInput = arg(&json!({ "amount_due": cents(due), "currency": "USD",
            "account_balance": cents(balance), "cards": cards }), "payment").unwrap();
        let p = pay_renewal(&input).unwrap();
        let (due, balance) = (dec(&cents(due)), dec(&cents(balance)));
        prop_assert_eq!(p.collected.amount() + p.shortfall.amount(), due);
        let from_balance: Decimal = p.steps.iter().filter(|s| s.source == Source::AccountBalance).map(|s| s.charged.amount()).sum();
        prop_assert_eq!(p.balance_after.amount(), balance - from_balance);
        prop_assert_eq!(from_balance, balance.min(due));
        let card_steps: Vec<_> = p.steps.iter().filter(|s| s.source == Source::CreditCard).collect();
        prop_assert!(card_steps.len() <= 1);
        if let Some(card) = card_steps.first() {
            prop_assert_eq!(p.steps.first().map(|s| s.source), Some(Source::AccountBalance));
            let default_id = default.filter(|&d| d < cards.len()).map(|d| format!("card-{d}"));
            prop_assert_eq!(card.card_id, default_id.as_deref());
        }
        for s in &p.steps {
            prop_assert!(s.charged.amount() >= Decimal::ZERO && s.remaining_due.amount() >= Decimal::ZERO);
        }
        prop_assert!(p.shortfall.amount() >= Decimal::ZERO && p.balance_after.amount() >= Decimal::ZERO);
        prop_assert_eq!(p.status == Status::Paid, p.shortfall.is_zero());
    }

    /// R4's arithmetic, exact on minor units, against rust_decimal's general path as the reference: the
    /// product, the 28-digit quotient, then one rounding half away from zero to the minor unit. (The two can
    /// only differ where the quotient's 28th digit decides a tie; with denominators of a few hundred a true
    /// quotient is never that close to a tie without being one.) Sums and multiples as well, to the cent.
    #[test]
    fn money_arithmetic_is_rust_decimals(units in -9_999_999_999_999_999_999_i128..=9_999_999_999_999_999_999,
        other in -9_999_999_999_999_999_999_i128..=9_999_999_999_999_999_999, code in 0usize..5,
        num in 0u32..400, den in 1u32..400) {
        let currency = Currency::from_code(["JPY", "USD", "BHD", "CLF", "EUR"][code]).unwrap();
        let scale = currency.minor_units();
        let cap = 10i128.pow(15 + scale);
        let (units, other) = (units % cap, other % cap);
        let money = |u: i128| Money::parse(&Decimal::from_i128_with_scale(u, scale).to_string(), currency, "p").unwrap();
        let (a, b) = (money(units), money(other));
        let want = (a.amount() * Decimal::from(num) / Decimal::from(den))
            .round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
        prop_assert_eq!(a.prorate(num, den).unwrap().amount(), want);
        prop_assert_eq!(a.checked_add(b).unwrap().amount(), a.amount() + b.amount());
        prop_assert_eq!(a.checked_sub(b).unwrap().amount(), a.amount() - b.amount());
        prop_assert_eq!(a.times(num).unwrap().amount(), a.amount() * Decimal::from(num));
        prop_assert_eq!(a.min(b).unwrap().amount(), a.amount().min(b.amount()));
        prop_assert_eq!(a.is_negative(), a.amount() < Decimal::ZERO);
    }
}
