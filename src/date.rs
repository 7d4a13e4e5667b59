//! Calendar dates: what `"YYYY-MM-DD"` names, and the two sums R2 and R4 need — calendar months added with the
//! day clamped to the month's end, and whole days between two dates. Written here rather than taken from
//! chrono: three operations do not need a dependency, its calendar tables or its formatting. The tests check
//! every operation against chrono.

use alloc::string::String;
use crate::error::{Error, Piece, Result};
use crate::text::clip;
use core::fmt;

/// A day of the proleptic Gregorian calendar, from 0000-01-01 to 9999-12-31: the dates a `"YYYY-MM-DD"`
/// string can name. Ordered by time.
///
/// # Example
/// ```
/// use certcalc::Date;
/// let d = Date::new(2028, 2, 29).unwrap();
/// assert_eq!(d.add_months(12).unwrap().to_string(), "2029-02-28"); // clamped to the month's end
/// assert_eq!(Date::new(2027, 2, 29), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order is the order of time (derived `Ord`).
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date `year`-`month`-`day`, when it exists and the year has four digits.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        let (year, month, day) = (u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?);
        (year <= 9999 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// The year, 0 to 9999.
    pub fn year(self) -> u32 {
        u32::from(self.year)
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// `months` calendar months later, the day clamped to the month's end (January 31 + 1 month is February
    /// 28 or 29), as CertCentral dates a term's end (R2); `None` past 9999-12-31.
    pub fn add_months(self, months: u32) -> Option<Date> {
        let index = u32::from(self.year) * 12 + u32::from(self.month) - 1 + months;
        let (year, month) = (u16::try_from(index / 12).ok()?, (index % 12) as u8 + 1);
        let day = self.day.min(days_in_month(year, month));
        (year <= 9999).then_some(Date { year, month, day })
    }

    /// Whole calendar months from `earlier` to `self`: the most `k` with `earlier.add_months(k) <= self`, 0 when
    /// `self` is earlier. `earlier + k` months falls in `self`'s month on `earlier`'s day clamped to that month's
    /// end: when that day is still ahead, one month fewer has passed.
    pub(crate) fn months_since(self, earlier: Date) -> u32 {
        let index = |d: Date| u32::from(d.year) * 12 + u32::from(d.month);
        let k = index(self).saturating_sub(index(earlier));
        let landed = earlier.day.min(days_in_month(self.year, self.month));
        if landed <= self.day { k } else { k.saturating_sub(1) }
    }

    /// Whole days from `self` to `later`: negative when `later` is earlier.
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`: years counted from March, so that the leap
    /// day ends the year, in 400-year eras of 146,097 days).
    fn day_number(self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// `"YYYY-MM-DD"`.
    pub fn iso(self) -> String {
        let mut s = String::with_capacity(10);
        self.push_to(&mut s);
        s
    }
}

impl Piece for Date {
    fn push_to(&self, out: &mut String) {
        let digits = |n: u16, width: u32| (0..width).rev().map(move |k| char::from(b'0' + (n / 10u16.pow(k) % 10) as u8));
        out.extend(digits(self.year, 4));
        out.push('-');
        out.extend(digits(u16::from(self.month), 2));
        out.push('-');
        out.extend(digits(u16::from(self.day), 2));
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses a `"YYYY-MM-DD"` date given in `field`.
///
/// # Errors
/// `invalid_value:<field>` for anything but an existing calendar date in that exact form.
///
/// # Example
/// ```
/// assert!(certcalc::parse_date("2028-02-29", "as_of").is_ok());
/// assert_eq!(certcalc::parse_date("2027-02-29", "as_of").unwrap_err().code(), "invalid_value:as_of");
/// ```
pub fn parse_date(s: &str, field: &str) -> Result<Date> {
    let number = |from: usize, to: usize| {
        let part = s.as_bytes().get(from..to)?;
        part.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let dashes = s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') && s.as_bytes().get(7) == Some(&b'-');
    let date = match (dashes, number(0, 4), number(5, 7), number(8, 10)) {
        (true, Some(y), Some(m), Some(d)) => Date::new(y, m, d),
        _ => None,
    };
    date.ok_or_else(|| Error::invalid(field, msg!("'", clip(s), "' is not a date in the form YYYY-MM-DD")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Months, NaiveDate};

    fn chrono(d: Date) -> NaiveDate {
        NaiveDate::from_ymd_opt(d.year() as i32, d.month(), d.day()).unwrap()
    }

    /// Every 7th day from 0000-01-01 to 9999-12-31, and every day of the leap-year edges.
    fn sample() -> impl Iterator<Item = Date> {
        let every_week = (0..3_652_425 / 7).map(|k| NaiveDate::from_ymd_opt(0, 1, 1).unwrap() + chrono::Days::new(k * 7));
        let edges = [1900, 2000, 2024, 2028, 2100, 9996].into_iter().flat_map(|y| {
            (0..366).filter_map(move |k| NaiveDate::from_ymd_opt(y, 1, 1).unwrap().checked_add_days(chrono::Days::new(k)))
        });
        every_week.chain(edges).filter(|d| d.year() <= 9999).map(|d| Date::new(d.year() as u32, d.month(), d.day()).unwrap())
    }

    #[test]
    fn days_and_months_agree_with_chrono() {
        let epoch = Date::new(1970, 1, 1).unwrap();
        for d in sample() {
            let c = chrono(d);
            assert_eq!(epoch.days_until(d), c.signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days(), "{d}");
            for months in [1, 2, 11, 12, 13, 120] {
                let want = c.checked_add_months(Months::new(months)).filter(|e| e.year() <= 9999);
                assert_eq!(d.add_months(months).map(chrono), want, "{d} + {months} months");
            }
            assert_eq!(d.iso(), c.to_string());
            assert_eq!(parse_date(&d.iso(), "d"), Ok(d));
        }
    }

    #[test]
    fn months_since_is_the_last_month_added_that_is_not_later() {
        // Against its definition, for start days that clamp (29th to 31st) and every day of two years after.
        let starts = [(2027, 1, 31), (2028, 1, 29), (2028, 2, 29), (2026, 3, 30), (2026, 8, 31), (2026, 12, 31), (2026, 6, 15)];
        for (y, m, d) in starts {
            let start = Date::new(y, m, d).unwrap();
            for k in 0..730 {
                let day = chrono(start) + chrono::Days::new(k);
                let day = Date::new(day.year() as u32, day.month(), day.day()).unwrap();
                let want = (0..30).take_while(|&n| start.add_months(n).is_some_and(|e| e <= day)).last().unwrap();
                assert_eq!(day.months_since(start), want, "{start} to {day}");
            }
        }
        assert_eq!(Date::new(2026, 1, 1).unwrap().months_since(Date::new(2026, 3, 1).unwrap()), 0);
    }

    #[test]
    fn only_existing_dates_exist() {
        // (y, m, d, exists): the rules of the Gregorian leap year, month lengths, and the four-digit year
        let rows = [
            (2028, 2, 29, true),
            (2027, 2, 29, false),
            (2000, 2, 29, true), // divisible by 400
            (1900, 2, 29, false), // by 100 only
            (0, 2, 29, true),
            (2026, 4, 31, false),
            (2026, 12, 31, true),
            (2026, 13, 1, false),
            (2026, 0, 1, false),
            (2026, 1, 0, false),
            (9999, 12, 31, true),
            (10000, 1, 1, false),
        ];
        for (y, m, d, exists) in rows {
            assert_eq!(Date::new(y, m, d).is_some(), exists, "{y}-{m}-{d}");
        }
        assert_eq!(Date::new(9999, 12, 1).unwrap().add_months(1), None);
    }

    #[test]
    fn dates_are_strict() {
        for bad in ["2026-1-01", "2026-02-30", "2027-02-29", "26-01-01", "2026/01/01", "2026-01-01T00:00", "",
            "+026-01-01", "2026-00-01", "2026-13-01", "２０２６-01-01"] {
            assert_eq!(parse_date(bad, "as_of").unwrap_err().code(), "invalid_value:as_of", "{bad}");
        }
    }
}
