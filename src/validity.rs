//! How long an order and its certificate run (R6): which of the request's length fields counts, the limits
//! per family on a subscription and before one, and the years a Multi-year Plan order is priced for.
//!
//! CertCentral's bodies give the length at the request's root (`validity_years`, `validity_days`,
//! `custom_expiration_date`) or in `order_validity`, which overrides the root ("When used, overrides
//! validity_years", Price estimate page): when `order_validity` is given, the root's length fields are not
//! read. Among the units, `custom_expiration_date` > `validity_days` > `validity_years` (DigiCert's change log):
//! the first one given is the length, the others are ignored, and the answer's `validity` says which it was.

use crate::catalog::Family;
use crate::error::{Error, Problem, Problems, Result, CERT_VALIDITY_EXCEEDS_ORDER_VALIDITY, CERT_VALIDITY_EXCEEDS_ORDER_VALIDITY_MESSAGE};
use crate::json::{objects, Read};
use crate::term::{days_between, read_date};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// CertCentral's message for a validity given in days that the product does not allow.
pub const VALIDITY_DAYS_MESSAGE: &str = "Custom length contains an invalid value.";
/// CertCentral's message for a validity given in years that the product does not allow.
pub const VALIDITY_YEARS_MESSAGE: &str = "validity_years contains an invalid value.";
/// The message for a custom expiration date the product does not allow.
pub const CUSTOM_EXPIRATION_MESSAGE: &str = "custom_expiration_date contains an invalid value.";

/// An order's validity, as CertCentral takes it: `{ years?, days?, custom_expiration_date? }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, tsify::Tsify)]
pub struct OrderValidity {
    /// Whole years.
    #[serde(default)]
    #[tsify(optional, type = "number")]
    pub years: Read<i64>,
    /// Days.
    #[serde(default)]
    #[tsify(optional, type = "number")]
    pub days: Read<i64>,
    /// The last day, `"YYYY-MM-DD"`.
    #[serde(default)]
    #[tsify(optional, type = "DateString")]
    pub custom_expiration_date: Read<String>,
}

/// A certificate's own validity inside its order (`certificate.cert_validity`): `{ days?, custom_expiration_date? }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, tsify::Tsify)]
pub struct CertValidity {
    /// Days.
    #[serde(default)]
    #[tsify(optional, type = "number")]
    pub days: Read<i64>,
    /// The certificate's last day, `"YYYY-MM-DD"`.
    #[serde(default)]
    #[tsify(optional, type = "DateString")]
    pub custom_expiration_date: Read<String>,
}

objects!(OrderValidity, CertValidity);

/// The length fields of one place (the root, `order_validity` or `cert_validity`) as read: what was given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Given {
    pub years: Option<i64>,
    pub days: Option<i64>,
    pub custom_expiration_date: Option<String>,
}

impl Given {
    /// The fields given at `prefix` (`""`, `order_validity.`, `certificate.cert_validity.`); a value that
    /// could not be read is a problem with `codes`' field for its unit (years, days, date).
    pub(crate) fn read(years: &Read<i64>, days: &Read<i64>, date: &Read<String>, prefix: &str, codes: [&str; 3], problems: &mut Problems) -> Given {
        let [years_name, days_name, date_name] = codes;
        // The root's fields are `validity_years` and `validity_days`; inside an object, `years` and `days`.
        let [years_field, days_field] = if prefix.is_empty() { ["validity_years", "validity_days"] } else { ["years", "days"] };
        let years = problems.optional_at(years_name, format_args!("{prefix}{years_field}"), years).copied();
        let days = problems.optional_at(days_name, format_args!("{prefix}{days_field}"), days).copied();
        let custom_expiration_date = problems.optional_at(date_name, format_args!("{prefix}custom_expiration_date"), date).cloned();
        Given { years, days, custom_expiration_date }
    }
}

/// The length an answer was priced for: the field it came from and its value.
///
/// # Example
/// ```
/// use certcalc::{estimate, OrderRequest, PriceList};
/// let req: OrderRequest = certcalc::from_json(r#"{ "product_name_id": "ssl_basic", "as_of": "2026-03-01",
///   "certificate": { "common_name": "example.com" }, "validity_years": 2 }"#, "request").unwrap();
/// let e = estimate(&req, PriceList::embedded()).unwrap();
/// assert_eq!((e.validity.field.as_str(), e.validity.years), ("validity_years", Some(2)));
/// assert_eq!(e.total_price.to_string(), "400.00"); // 200.00 a year, 2 years
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Validity {
    /// Where the length was read: `order_validity.custom_expiration_date`, `order_validity.days`,
    /// `order_validity.years`, `custom_expiration_date`, `validity_days`, `validity_years`, or `default`
    /// (none given: 1 year).
    pub field: String,
    /// The length in years, when given in years (or by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<i64>,
    /// The length in days, when given in days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    /// The last day, when given as a date.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "DateString")]
    pub custom_expiration_date: Option<String>,
}

/// The unit that sets an order's length.
enum Length {
    Years(i64),
    Days(i64),
    Until(NaiveDate),
}

/// The length fields of a request: its root's and its `order_validity`.
pub(crate) struct Lengths<'a> {
    pub order_validity: Option<&'a Given>,
    pub root: Given,
}

/// A checked order length: what the answer says, the years it is priced for, and its last day.
pub(crate) struct Checked {
    pub validity: Validity,
    pub years: u32,
    pub end: NaiveDate,
}

/// Chooses the order's length by CertCentral's precedence and checks it for a product of `family` (R6).
///
/// On a subscription, TLS, Verified Mark and Common Mark orders run at most `max_days` (397 unless the price
/// list says otherwise) or 1 year; S/MIME, code signing and document signing at most 1095 days or 3 years, and
/// a custom date up to three calendar years out (1,096 days across a leap day). Before subscription every
/// family may order 1–3 years (1095 days, or three calendar years by date). Zero or a negative length fails
/// the same way.
///
/// # Errors
/// `invalid_value:validity_years`, `invalid_value:validity_days` or `invalid_value:custom_expiration_date`
/// with CertCentral's message; `invalid_value:custom_expiration_date` for a date that does not parse.
pub(crate) fn check(family: Family, lengths: &Lengths<'_>, as_of: NaiveDate, on_subscription: bool, max_days: i64) -> Result<Checked> {
    let (v, prefix) = match lengths.order_validity {
        Some(v) => (v, "order_validity."),
        None => (&lengths.root, ""),
    };
    let (days_name, years_name) = if prefix.is_empty() { ("validity_days", "validity_years") } else { ("days", "years") };
    let shown = |field: String, years, days, date: Option<&String>| Validity { field, years, days, custom_expiration_date: date.cloned() };
    let (length, validity) = match (&v.custom_expiration_date, v.days, v.years) {
        (Some(date), _, _) => (Length::Until(read_date(date).map_err(|why| Problem::at("custom_expiration_date", format!("{prefix}custom_expiration_date"), why))?), shown(format!("{prefix}custom_expiration_date"), None, None, Some(date))),
        (None, Some(days), _) => (Length::Days(days), shown(format!("{prefix}{days_name}"), None, Some(days), None)),
        (None, None, Some(years)) => (Length::Years(years), shown(format!("{prefix}{years_name}"), Some(years), None, None)),
        (None, None, None) => (Length::Years(1), shown("default".to_owned(), Some(1), None, None)),
    };
    let short = family.is_short_lived() && on_subscription;
    let (max_days, max_years) = match (on_subscription, short) {
        (true, true) => (max_days, 1),
        (true, false) => (max_days, 3),
        (false, _) => (1095, 3),
    };
    // CertCentral's text is the message, the rule the detail; the path is the field that set the length.
    // Written only for a refusal.
    let refuse = |code: &str, message: &str| {
        let rule = if on_subscription {
            let latest = if short { format!("{max_days} days") } else { "three calendar years".to_owned() };
            format!("a {} order on a subscription is at most {max_years} year{} or {max_days} days; a custom_expiration_date at most {latest} after as_of", family.as_str(), if max_years == 1 { "" } else { "s" })
        } else {
            "a Multi-year Plan order is 1 to 3 years, or 1 to 1095 days; a custom_expiration_date at most three calendar years after as_of".to_owned()
        };
        let path = if validity.field == "default" { String::new() } else { validity.field.clone() };
        Error::from(Problem { detail: Some(rule), path, ..Problem::new(format!("invalid_value:{code}"), message) })
    };
    let (years, end) = match length {
        Length::Years(n) if (1..=max_years).contains(&n) => (n, add_years(as_of, n)),
        Length::Years(_) => return Err(refuse("validity_years", VALIDITY_YEARS_MESSAGE)),
        Length::Days(n) if (1..=max_days).contains(&n) => (years_of_days(n), as_of.checked_add_days(chrono::Days::new(n as u64))),
        Length::Days(_) => return Err(refuse("validity_days", VALIDITY_DAYS_MESSAGE)),
        Length::Until(end) => {
            // In calendar time: "up to 3 years" is three calendar years out, a leap day or not.
            if !ends_in_time(as_of, end, short, max_days) {
                return Err(refuse("custom_expiration_date", CUSTOM_EXPIRATION_MESSAGE));
            }
            (years_until(as_of, end), Some(end))
        }
    };
    // Past 9999-12-31: no such order.
    let end = end.ok_or_else(|| refuse("validity_days", VALIDITY_DAYS_MESSAGE))?;
    let years = if on_subscription { 1 } else { u32::try_from(years).unwrap_or(1) };
    Ok(Checked { validity, years, end })
}

/// Checks `certificate.cert_validity` against the family's certificate maximum and the order's end.
///
/// # Errors
/// `invalid_value:cert_validity`: a length of 0 or less, or longer than `max_days` (a date: in calendar time for
/// the 3-year families); `cert_validity_exceeds_order_validity`, CertCentral's code, for one that ends after
/// its order.
pub(crate) fn check_certificate(family: Family, cert: &Given, as_of: NaiveDate, order_end: NaiveDate, max_days: i64) -> Result<()> {
    let field = if cert.custom_expiration_date.is_some() { "custom_expiration_date" } else { "days" };
    let refuse = |why: String| Error::from(Problem::at("cert_validity", format!("certificate.cert_validity.{field}"), why));
    let end = match (&cert.custom_expiration_date, cert.days) {
        (Some(date), _) => read_date(date).map_err(refuse)?,
        (None, Some(days)) if (1..=max_days).contains(&days) => as_of + chrono::Days::new(days as u64),
        (None, Some(days)) => return Err(refuse(format!("{days} days is not 1 to {max_days}, the longest {} certificate", family.as_str()))),
        (None, None) => return Ok(()),
    };
    if !ends_in_time(as_of, end, family.is_short_lived(), max_days) {
        return Err(refuse(format!("a certificate ending {end} is not 1 to {max_days} days from {as_of}")));
    }
    if end > order_end {
        // CertCentral's code and text; the rule, with the two days, beside it.
        let detail = format!("the certificate ends {end}, after its order ({order_end}): a certificate is never longer than its order");
        let path = format!("certificate.cert_validity.{field}");
        return Err(Problem { detail: Some(detail), path, ..Problem::new(CERT_VALIDITY_EXCEEDS_ORDER_VALIDITY, CERT_VALIDITY_EXCEEDS_ORDER_VALIDITY_MESSAGE) }.into());
    }
    Ok(())
}

/// Whether `end` may be the last day of a length starting on `as_of`: after it, and at most `max_days` later
/// when `short`, else at most three calendar years later.
fn ends_in_time(as_of: NaiveDate, end: NaiveDate, short: bool, max_days: i64) -> bool {
    let latest = if short { as_of.checked_add_days(chrono::Days::new(max_days.unsigned_abs())) } else { add_years(as_of, 3) };
    end > as_of && latest.is_some_and(|l| end <= l)
}

fn add_years(d: NaiveDate, years: i64) -> Option<NaiveDate> {
    d.checked_add_months(Months::new(u32::try_from(years.saturating_mul(12)).ok()?))
}

/// The years a length in days is priced for: 1 up to 397 days (one year and its reissue margin), then one
/// year per started 365 days.
fn years_of_days(days: i64) -> i64 {
    if days <= 397 { 1 } else { (days + 364) / 365 }
}

/// The years an order ending on `end` is priced for: 1 up to 397 days, else the calendar years it takes.
fn years_until(as_of: NaiveDate, end: NaiveDate) -> i64 {
    if days_between(as_of, end) <= 397 {
        return 1;
    }
    (1..=3).find(|&k| add_years(as_of, k).is_some_and(|e| end <= e)).unwrap_or(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        read_date(s).unwrap()
    }

    fn v(years: Option<i64>, days: Option<i64>, date: Option<&str>) -> Given {
        Given { years, days, custom_expiration_date: date.map(str::to_owned) }
    }

    fn run(family: Family, on_sub: bool, root: Given, ov: Option<Given>) -> std::result::Result<(String, u32), String> {
        let lengths = Lengths { order_validity: ov.as_ref(), root };
        check(family, &lengths, d("2026-02-01"), on_sub, family.max_validity_days()).map(|c| (c.validity.field, c.years)).map_err(|e| e.code().to_owned())
    }

    #[test]
    fn r6_validity_limits_per_family() {
        use Family::*;
        // (family, on subscription, order_validity, expected code or None) — R6 at and around each limit
        let rows: &[(Family, bool, Given, Option<&str>)] = &[
            (Tls, true, v(None, Some(397), None), None),
            (Tls, true, v(None, Some(398), None), Some("invalid_value:validity_days")),
            (Tls, true, v(Some(1), None, None), None),
            (Tls, true, v(Some(2), None, None), Some("invalid_value:validity_years")),
            (VerifiedMark, true, v(None, Some(398), None), Some("invalid_value:validity_days")),
            (CommonMark, true, v(Some(2), None, None), Some("invalid_value:validity_years")),
            (SecureEmail, true, v(None, Some(1095), None), None),
            (SecureEmail, true, v(None, Some(1096), None), Some("invalid_value:validity_days")),
            (CodeSigning, true, v(Some(3), None, None), None),
            (CodeSigning, true, v(Some(4), None, None), Some("invalid_value:validity_years")),
            (DocumentSigning, true, v(None, Some(1096), None), Some("invalid_value:validity_days")),
            (Tls, true, v(None, Some(0), None), Some("invalid_value:validity_days")),
            (Tls, true, v(None, Some(-5), None), Some("invalid_value:validity_days")),
            (CodeSigning, true, v(Some(0), None, None), Some("invalid_value:validity_years")),
            (CodeSigning, true, v(Some(-1), None, None), Some("invalid_value:validity_years")),
            (Tls, false, v(Some(3), None, None), None),
            (Tls, false, v(Some(4), None, None), Some("invalid_value:validity_years")),
            (Tls, false, v(None, Some(1095), None), None),
            (SecureEmail, false, v(None, Some(1096), None), Some("invalid_value:validity_days")),
        ];
        for (family, sub, validity, want) in rows {
            let got = run(*family, *sub, Given::default(), Some(validity.clone())).err();
            assert_eq!(got.as_deref(), *want, "{family:?} sub={sub} {validity:?}");
            // The same limits at the request's root.
            let got = run(*family, *sub, validity.clone(), None).err();
            assert_eq!(got.as_deref(), *want, "root {family:?} sub={sub} {validity:?}");
        }
    }

    #[test]
    fn r6_precedence_custom_date_then_days_then_years() {
        use Family::*;
        // (root, order_validity, on subscription, the field that counts, years priced or the code)
        type Row = (Given, Option<Given>, bool, std::result::Result<(&'static str, u32), &'static str>);
        let rows: &[Row] = &[
            // order_validity overrides the root, whatever the root says
            (v(Some(2), None, None), Some(v(Some(1), None, None)), true, Ok(("order_validity.years", 1))),
            (v(None, Some(900), None), Some(v(None, Some(397), None)), true, Ok(("order_validity.days", 1))),
            // among the units: custom date > days > years, the others not read
            (v(Some(2), None, Some("2027-02-01")), None, true, Ok(("custom_expiration_date", 1))),
            (v(Some(2), Some(397), None), None, true, Ok(("validity_days", 1))),
            (v(Some(3), Some(300), Some("2029-02-01")), None, false, Ok(("custom_expiration_date", 3))),
            (v(Some(3), Some(400), None), None, false, Ok(("validity_days", 2))),
            (v(Some(2), None, None), None, false, Ok(("validity_years", 2))),
            (Given::default(), None, false, Ok(("default", 1))),
            // the unit that counts is the one checked
            (v(Some(1), Some(398), None), None, true, Err("invalid_value:validity_days")),
            (v(Some(2), None, None), None, true, Err("invalid_value:validity_years")),
            (v(None, Some(398), None), None, true, Err("invalid_value:validity_days")),
        ];
        for (root, ov, sub, want) in rows {
            let got = run(Tls, *sub, root.clone(), ov.clone());
            let want = want.map(|(f, y)| (f.to_owned(), y)).map_err(str::to_owned);
            assert_eq!(got, want, "root {root:?} order_validity {ov:?}");
        }
    }

    #[test]
    fn custom_dates_count_calendar_time() {
        let c = |date: &str| v(None, None, Some(date));
        // TLS on a subscription: 2026-02-01 + 397 days = 2027-03-05
        assert!(run(Family::Tls, true, c("2027-03-05"), None).is_ok());
        for bad in ["2027-03-06", "2026-01-31", "2026-02-01"] {
            assert_eq!(run(Family::Tls, true, c(bad), None).unwrap_err(), "invalid_value:custom_expiration_date", "{bad}");
        }
        assert_eq!(run(Family::Tls, true, c("2026-02-30"), None).unwrap_err(), "invalid_value:custom_expiration_date");
        // Three calendar years across the leap day of 2028: 2029-02-01 is 1,096 days out, and allowed.
        assert_eq!(days_between(d("2026-02-01"), d("2029-02-01")), 1096);
        assert_eq!(run(Family::CodeSigning, true, c("2029-02-01"), None), Ok(("custom_expiration_date".into(), 1)));
        assert_eq!(run(Family::CodeSigning, true, c("2029-02-02"), None).unwrap_err(), "invalid_value:custom_expiration_date");
        assert_eq!(run(Family::Tls, false, c("2029-02-01"), None), Ok(("custom_expiration_date".into(), 3)));
        assert_eq!(run(Family::Tls, false, c("2028-02-01"), None), Ok(("custom_expiration_date".into(), 2)));
    }

    #[test]
    fn multi_year_plan_years_from_days() {
        for (n, years) in [(1, 1), (397, 1), (398, 2), (730, 2), (731, 3), (1095, 3)] {
            assert_eq!(run(Family::SecureEmail, false, v(None, Some(n), None), None), Ok(("validity_days".into(), years)), "{n}");
        }
    }

    #[test]
    fn certcentral_text_stays_the_message_and_the_rule_is_beside_it() {
        let lengths = Lengths { order_validity: None, root: v(None, Some(398), None) };
        let e = check(Family::Tls, &lengths, d("2026-02-01"), true, 397).err().unwrap();
        let p = &e.errors()[0];
        assert_eq!((p.code.as_str(), p.message.as_str()), ("invalid_value:validity_days", VALIDITY_DAYS_MESSAGE));
        assert_eq!(p.detail.as_deref(), Some("a tls order on a subscription is at most 1 year or 397 days; a custom_expiration_date at most 397 days after as_of"));
    }

    #[test]
    fn a_price_list_may_shorten_the_tls_certificate() {
        // DigiCert issues public TLS certificates for at most 199 days since 2026-02-24.
        let lengths = Lengths { order_validity: Some(&Given { days: Some(200), ..Default::default() }), root: Given::default() };
        let e = check(Family::Tls, &lengths, d("2026-03-01"), true, 199).err().map(|e| e.code().to_owned());
        assert_eq!(e.as_deref(), Some("invalid_value:validity_days"));
    }

    #[test]
    fn a_certificate_is_never_longer_than_its_order() {
        let as_of = d("2026-02-01");
        let cert = |days: Option<i64>, date: Option<&str>| Given { years: None, days, custom_expiration_date: date.map(str::to_owned) };
        let order_end = d("2027-02-01");
        assert!(check_certificate(Family::Tls, &cert(Some(199), None), as_of, order_end, 397).is_ok());
        assert!(check_certificate(Family::Tls, &cert(None, Some("2027-02-01")), as_of, order_end, 397).is_ok());
        for bad in [cert(Some(398), None), cert(Some(0), None), cert(None, Some("2026-01-01")), cert(Some(200), None)] {
            let max = if bad.days == Some(200) { 199 } else { 397 };
            assert_eq!(check_certificate(Family::Tls, &bad, as_of, order_end, max).unwrap_err().code(), "invalid_value:cert_validity", "{bad:?}");
        }
        // Past its order's end: CertCentral's code and text, the rule in `detail`.
        let e = check_certificate(Family::Tls, &cert(None, Some("2027-02-02")), as_of, order_end, 397).unwrap_err();
        let p = &e.errors()[0];
        assert_eq!((p.code.as_str(), p.message.as_str(), p.path.as_str()),
            ("cert_validity_exceeds_order_validity", "The validity period of the certificate cannot exceed the validity period of the order.", "certificate.cert_validity.custom_expiration_date"));
        assert!(p.detail.as_deref().is_some_and(|d| d.contains("2027-02-01")));
    }
}
