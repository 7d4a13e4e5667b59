//! The 12-month subscription term (R2) and the time left in it (R4), on chrono's calendar. Dates are inputs:
//! nothing here reads a clock (chrono is built without its `clock` feature).

use crate::error::{Error, Result};
use crate::text::clip;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How an addition mid-term is prorated (R4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Proration {
    /// `annual × remaining_days / term_days` — CertCentral's "prorated for the remaining days".
    #[default]
    Daily,
    /// `annual × remaining_months / 12`, a part month counting whole.
    Monthly,
}

/// A 12-month term: from `start` (inclusive) to `start` + 12 calendar months (exclusive), the day clamped
/// to the month's end (R2).
///
/// # Example
/// ```
/// use certcalc::{parse_date, Term};
/// let t = Term::starting(parse_date("2028-02-29", "start_date").unwrap()).unwrap();
/// assert_eq!(t.end().to_string(), "2029-02-28");
/// assert_eq!(t.days(), 365);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    start: NaiveDate,
    end: NaiveDate,
}

impl Term {
    /// The term that starts on `start`.
    ///
    /// # Errors
    /// `invalid_value:start_date` when the end falls outside the calendar certcalc handles (year 9999).
    pub fn starting(start: NaiveDate) -> Result<Term> {
        let end = start
            .checked_add_months(Months::new(12))
            .filter(|end| end.year() <= 9999)
            .ok_or_else(|| Error::invalid("start_date", format!("a term starting on {start} ends after 9999")))?;
        Ok(Term { start, end })
    }

    /// The first day.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The day after the last day: the renewal date.
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// `term_days`: 365, or 366 when the term spans a February 29.
    pub fn days(&self) -> u32 {
        days_between(self.start, self.end)
    }

    /// Whether `date` falls in the term.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date < self.end
    }

    /// The term that follows this one (the renewal term), 12 months from this one's start + 12 months.
    ///
    /// # Errors
    /// As [`Term::starting`].
    pub fn next(&self) -> Result<Term> {
        Term::starting(self.end)
    }

    fn check(&self, as_of: NaiveDate) -> Result<()> {
        if self.contains(as_of) {
            Ok(())
        } else {
            Err(Error::invalid(
                "as_of",
                format!("{as_of} is outside the subscription term {} to {}", self.start, self.end),
            ))
        }
    }

    /// Days from `as_of` (inclusive) to the term's end (exclusive).
    ///
    /// # Errors
    /// `invalid_value:as_of` when `as_of` is before the start or on/after the end.
    ///
    /// # Example
    /// ```
    /// use certcalc::{parse_date, Term};
    /// let t = Term::starting(parse_date("2026-01-01", "start_date").unwrap()).unwrap();
    /// assert_eq!(t.remaining_days(parse_date("2026-04-01", "as_of").unwrap()).unwrap(), 275);
    /// ```
    pub fn remaining_days(&self, as_of: NaiveDate) -> Result<u32> {
        self.check(as_of)?;
        Ok(days_between(as_of, self.end))
    }

    /// Months left on `as_of`, a part month counting whole: 12 minus the whole months elapsed since the start.
    ///
    /// # Errors
    /// `invalid_value:as_of` when `as_of` is outside the term.
    ///
    /// # Example
    /// ```
    /// use certcalc::{parse_date, Term};
    /// let t = Term::starting(parse_date("2026-01-01", "start_date").unwrap()).unwrap();
    /// assert_eq!(t.remaining_months(parse_date("2026-04-01", "as_of").unwrap()).unwrap(), 9);
    /// assert_eq!(t.remaining_months(parse_date("2026-04-02", "as_of").unwrap()).unwrap(), 9);
    /// ```
    pub fn remaining_months(&self, as_of: NaiveDate) -> Result<u32> {
        self.check(as_of)?;
        Ok(12 - months_since(self.start, as_of).min(11))
    }

    /// The part of the term left on `as_of` under `proration` (R4): the fraction of the 12-month price an
    /// addition costs, and the figures its line shows. The same for every asset added that day, so worked
    /// out once per estimate or addition.
    ///
    /// # Errors
    /// `invalid_value:as_of` when `as_of` is outside the term.
    pub(crate) fn left(&self, as_of: NaiveDate, proration: Proration) -> Result<Left> {
        Ok(match proration {
            Proration::Monthly => {
                let months = self.remaining_months(as_of)?;
                Left { numerator: months, denominator: 12, remaining_days: None, term_days: None, remaining_months: Some(months) }
            }
            _ => {
                let (days, of) = (self.remaining_days(as_of)?, self.days());
                Left { numerator: days, denominator: of, remaining_days: Some(days), term_days: Some(of), remaining_months: None }
            }
        })
    }
}

/// What [`Term::left`] answers: `numerator / denominator` of the 12-month price, and a line's figures.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Left {
    pub numerator: u32,
    pub denominator: u32,
    pub remaining_days: Option<u32>,
    pub term_days: Option<u32>,
    pub remaining_months: Option<u32>,
}

/// Whole days from `a` to `b` (0 when `b` is not after `a`).
pub(crate) fn days_between(a: NaiveDate, b: NaiveDate) -> u32 {
    u32::try_from((b - a).num_days()).unwrap_or(0)
}

/// Whole calendar months from `earlier` to `later`: the most `k` with `earlier` + `k` months (clamped, as
/// R2 dates a term's end) not after `later`; 0 when `later` is earlier.
pub(crate) fn months_since(earlier: NaiveDate, later: NaiveDate) -> u32 {
    let index = |d: NaiveDate| d.year() * 12 + d.month() as i32;
    let k = u32::try_from(index(later) - index(earlier)).unwrap_or(0);
    let landed = earlier.checked_add_months(Months::new(k));
    if landed.is_some_and(|d| d <= later) { k } else { k.saturating_sub(1) }
}

/// Parses a `"YYYY-MM-DD"` date given in `field`: four-digit years only (0000 to 9999), as CertCentral
/// writes dates; chrono reads the numbers and knows which days exist.
///
/// # Errors
/// `invalid_value:<field>`: the text is not in the form `YYYY-MM-DD`, or names a day that does not exist.
///
/// # Example
/// ```
/// assert!(certcalc::parse_date("2028-02-29", "as_of").is_ok());
/// let e = certcalc::parse_date("2027-02-29", "as_of").unwrap_err();
/// assert_eq!(e.code(), "invalid_value:as_of");
/// assert_eq!(e.message(), "as_of: '2027-02-29' is not a day of the calendar: 2027-02 has no day 29");
/// ```
pub fn parse_date(s: &str, field: &str) -> Result<NaiveDate> {
    read_date(s).map_err(|why| Error::invalid(field, why))
}

/// The day `s` names, or why it names none ([`parse_date`]'s reasons).
pub(crate) fn read_date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let form = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !form {
        return Err(format!("'{}' is not a date in the form YYYY-MM-DD", clip(s)));
    }
    // The form is checked: four, two and two digits. chrono says whether that day exists.
    let number = |range: std::ops::Range<usize>| s.get(range).and_then(|d| d.parse::<u32>().ok()).unwrap_or_default();
    let year = i32::try_from(number(0..4)).unwrap_or_default();
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)).ok_or_else(|| {
        let (month, day) = (s.get(5..7).unwrap_or_default(), s.get(8..).unwrap_or_default());
        let why = if ("01"..="12").contains(&month) { format!("{} has no day {day}", s.get(..7).unwrap_or_default()) } else { format!("there is no month {month}") };
        format!("'{s}' is not a day of the calendar: {why}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    fn d(s: &str) -> NaiveDate {
        parse_date(s, "d").unwrap()
    }

    #[test]
    fn term_table() {
        // (start, end, term_days) — R2: month-end clamping, 366 when the term spans Feb 29
        let rows = [
            ("2026-01-01", "2027-01-01", 365),
            ("2027-03-01", "2028-03-01", 366), // spans 2028-02-29
            ("2028-01-01", "2029-01-01", 366),
            ("2028-02-29", "2029-02-28", 365), // clamped, and Feb 29 2028 is inside but only 365 days
            ("2028-02-28", "2029-02-28", 366),
            ("2026-01-31", "2027-01-31", 365),
            ("2026-03-31", "2027-03-31", 365),
            ("2027-12-31", "2028-12-31", 366),
        ];
        for (start, end, days) in rows {
            let t = Term::starting(d(start)).unwrap();
            assert_eq!((t.end().to_string().as_str(), t.days()), (end, days), "{start}");
        }
    }

    #[test]
    fn remaining_table() {
        // (start, as_of, remaining_days, remaining_months) — worked by hand
        let rows = [
            ("2026-01-01", "2026-01-01", 365, 12), // first day: everything left
            ("2026-01-01", "2026-12-31", 1, 1),    // last day: one day, one (part) month
            ("2026-01-01", "2026-03-01", 306, 10),
            ("2026-01-01", "2026-04-01", 275, 9),
            ("2026-01-01", "2026-05-01", 245, 8),
            ("2026-01-01", "2026-04-30", 246, 9),
            ("2028-02-29", "2028-03-29", 336, 11),
            ("2028-02-29", "2029-02-27", 1, 1),
            ("2026-01-31", "2026-02-28", 337, 11), // Jan 31 + 1 month clamps to Feb 28
            ("2026-01-31", "2026-02-27", 338, 12),
            ("2027-03-01", "2028-02-29", 1, 1),   // leap day is the last day of a 366-day term
        ];
        for (start, as_of, days, months) in rows {
            let t = Term::starting(d(start)).unwrap();
            assert_eq!(t.remaining_days(d(as_of)).unwrap(), days, "days {start} {as_of}");
            assert_eq!(t.remaining_months(d(as_of)).unwrap(), months, "months {start} {as_of}");
        }
    }

    #[test]
    fn as_of_outside_the_term_is_refused() {
        let t = Term::starting(d("2026-01-01")).unwrap();
        for as_of in ["2025-12-31", "2027-01-01", "2030-01-01"] {
            assert_eq!(t.remaining_days(d(as_of)).unwrap_err().code(), "invalid_value:as_of");
            assert_eq!(t.remaining_months(d(as_of)).unwrap_err().code(), "invalid_value:as_of");
        }
    }

    #[test]
    fn a_term_ends_by_9999() {
        assert!(Term::starting(d("9999-01-01")).is_err());
        assert_eq!(Term::starting(d("9998-12-31")).unwrap().end().to_string(), "9999-12-31");
    }

    #[test]
    fn months_since_is_the_last_month_added_that_is_not_later() {
        // Against its definition, for start days that clamp (29th to 31st) and every day of two years after.
        let starts = ["2027-01-31", "2028-01-29", "2028-02-29", "2026-03-30", "2026-08-31", "2026-12-31", "2026-06-15"];
        for start in starts.map(d) {
            for k in 0..730 {
                let day = start + Days::new(k);
                let want = (0..30).take_while(|&n| start.checked_add_months(Months::new(n)).is_some_and(|e| e <= day)).last().unwrap();
                assert_eq!(months_since(start, day), want, "{start} to {day}");
            }
        }
        assert_eq!(months_since(d("2026-03-01"), d("2026-01-01")), 0);
    }

    #[test]
    fn dates_are_strict() {
        for bad in ["2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T00:00", "", "+026-01-01", "２０２６-01-01", " 2026-01-01"] {
            let e = parse_date(bad, "as_of").unwrap_err();
            assert_eq!((e.code(), e.message().contains("form YYYY-MM-DD")), ("invalid_value:as_of", true), "{bad}");
        }
        // In the form, but no such day: told so.
        for (bad, why) in [("2026-02-30", "2026-02 has no day 30"), ("2027-02-29", "2027-02 has no day 29"),
            ("2026-00-01", "there is no month 00"), ("2026-13-01", "there is no month 13"), ("2026-04-31", "2026-04 has no day 31"),
            ("2026-01-00", "2026-01 has no day 00")] {
            let e = parse_date(bad, "as_of").unwrap_err();
            assert!(e.message().contains(why), "{bad}: {}", e.message());
        }
        for good in ["2028-02-29", "2000-02-29", "0000-01-01", "9999-12-31"] {
            assert_eq!(parse_date(good, "d").unwrap().to_string(), good);
        }
    }
}
