//! Money: a [`Decimal`] amount tied to an ISO 4217 [`Currency`], never a float.
//!
//! Amounts cross the boundary as decimal strings (`"301.37"`). Every line is rounded once, half away from
//! zero, to the currency's minor unit; totals are sums of rounded lines, so they need no rounding of their own.
//!
//! A [`Money`] holds its `Decimal` at the currency's scale: sums and multiples by a count are exact
//! (rust_decimal's checked arithmetic), and R4's proration divides once and rounds once.

use crate::error::{Error, Result};
use crate::text::clip;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};
use std::fmt;

/// An active ISO 4217 currency and its minor unit (the number of decimals it is priced in).
///
/// # Example
/// ```
/// use certcalc::Currency;
/// assert_eq!(Currency::from_code("JPY").unwrap().minor_units(), 0);
/// assert_eq!(Currency::from_code("BHD").unwrap().minor_units(), 3);
/// assert!(Currency::from_code("usd").is_none()); // codes are upper case
/// ```
#[derive(Debug, Clone, Copy, Eq)]
pub struct Currency {
    code: &'static str,
    minor_units: u32,
}

/// Active ISO 4217 codes (list one, as published in 2026), each with its minor unit, in code order: five
/// characters a row (`"USD2 "`). Funds, metals and codes without a minor unit (XAU, XDR, XXX, ...) are left out:
/// nothing is priced in them.
const ISO_4217: &str = concat!(
    "AED2 AFN2 ALL2 AMD2 AOA2 ARS2 AUD2 AWG2 AZN2 BAM2 ",
    "BBD2 BDT2 BHD3 BIF0 BMD2 BND2 BOB2 BOV2 BRL2 BSD2 ",
    "BTN2 BWP2 BYN2 BZD2 CAD2 CDF2 CHE2 CHF2 CHW2 CLF4 ",
    "CLP0 CNY2 COP2 COU2 CRC2 CUP2 CVE2 CZK2 DJF0 DKK2 ",
    "DOP2 DZD2 EGP2 ERN2 ETB2 EUR2 FJD2 FKP2 GBP2 GEL2 ",
    "GHS2 GIP2 GMD2 GNF0 GTQ2 GYD2 HKD2 HNL2 HTG2 HUF2 ",
    "IDR2 ILS2 INR2 IQD3 IRR2 ISK0 JMD2 JOD3 JPY0 KES2 ",
    "KGS2 KHR2 KMF0 KPW2 KRW0 KWD3 KYD2 KZT2 LAK2 LBP2 ",
    "LKR2 LRD2 LSL2 LYD3 MAD2 MDL2 MGA2 MKD2 MMK2 MNT2 ",
    "MOP2 MRU2 MUR2 MVR2 MWK2 MXN2 MXV2 MYR2 MZN2 NAD2 ",
    "NGN2 NIO2 NOK2 NPR2 NZD2 OMR3 PAB2 PEN2 PGK2 PHP2 ",
    "PKR2 PLN2 PYG0 QAR2 RON2 RSD2 RUB2 RWF0 SAR2 SBD2 ",
    "SCR2 SDG2 SEK2 SGD2 SHP2 SLE2 SOS2 SRD2 SSP2 STN2 ",
    "SVC2 SYP2 SZL2 THB2 TJS2 TMT2 TND3 TOP2 TRY2 TTD2 ",
    "TWD2 TZS2 UAH2 UGX0 USD2 USN2 UYI0 UYU2 UYW4 UZS2 ",
    "VED2 VES2 VND0 VUV0 WST2 XAF0 XCD2 XCG2 XOF0 XPF0 ",
    "YER2 ZAR2 ZMW2 ZWG2 ",
);

/// The largest amount certcalc accepts as input (a quadrillion less a minor unit): far above any real
/// price, and small enough that no sum or product of the limits it enforces can overflow a [`Decimal`].
pub const MAX_INPUT_AMOUNT: Decimal = Decimal::from_parts(0xA4C6_8000, 0x0003_8D7E, 0, false, 0); // 1e15

impl Currency {
    /// US dollars.
    pub const USD: Currency = Currency { code: "USD", minor_units: 2 };

    /// The currency with this upper-case ISO 4217 code, if it is active.
    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::all().find(|c| c.code == code)
    }

    fn row(i: usize) -> Option<Currency> {
        let row = ISO_4217.get(5 * i..5 * i + 4)?;
        let minor = row.get(3..)?.parse().ok()?;
        Some(Currency { code: row.get(..3)?, minor_units: minor })
    }

    /// Parses a currency code given in `field`.
    ///
    /// # Errors
    /// `invalid_value:<field>` when the code is not an active ISO 4217 currency.
    pub fn parse(code: &str, field: &str) -> Result<Currency> {
        Currency::from_code(code).ok_or_else(|| {
            Error::invalid(field, format!("'{}' is not an active ISO 4217 currency code", clip(code)))
        })
    }

    /// The three-letter code.
    pub fn code(self) -> &'static str {
        self.code
    }

    /// Decimals in the minor unit: USD 2, JPY 0, BHD 3.
    pub fn minor_units(self) -> u32 {
        self.minor_units
    }

    /// Every currency certcalc knows, in code order.
    pub fn all() -> impl Iterator<Item = Currency> {
        (0..ISO_4217.len() / 5).filter_map(Currency::row)
    }
}

// By code alone: it decides the minor units.
impl PartialEq for Currency {
    fn eq(&self, other: &Self) -> bool {
        // Every code is a slice of the one ISO 4217 table: the same currency is usually the same slice.
        std::ptr::eq(self.code, other.code) || self.code == other.code
    }
}

impl std::hash::Hash for Currency {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code.hash(state);
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

/// An amount in one currency. Arithmetic refuses to mix currencies.
///
/// # Example
/// ```
/// use certcalc::{Currency, Money};
/// let usd = Currency::from_code("USD").unwrap();
/// let annual = Money::parse("1000.00", usd, "price").unwrap();
/// // R4: a wildcard added with 275 of 365 days left costs 1000 × 275 / 365 = 753.424… → 753.42
/// assert_eq!(annual.prorate(275, 365).unwrap().to_string(), "753.42");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Money {
        // Zero at the currency's scale (`0.00`), made rather than rounded: it starts every line and sum.
        Money { amount: Decimal::new(0, currency.minor_units), currency }
    }

    /// `amount` rounded half away from zero to `currency`'s minor unit.
    pub fn rounded(amount: Decimal, currency: Currency) -> Money {
        let mut amount = amount.round_dp_with_strategy(currency.minor_units, RoundingStrategy::MidpointAwayFromZero);
        amount.rescale(currency.minor_units);
        Money { amount, currency }
    }

    /// Parses a decimal string given in `field`: digits with an optional `.` and at most the currency's
    /// decimals, an optional leading `-`, no exponent, no separators, at most [`MAX_INPUT_AMOUNT`].
    ///
    /// # Errors
    /// `invalid_value:<field>` naming the value.
    ///
    /// # Example
    /// ```
    /// use certcalc::{Currency, Money};
    /// let jpy = Currency::from_code("JPY").unwrap();
    /// assert!(Money::parse("1500", jpy, "amount_due").is_ok());
    /// assert_eq!(Money::parse("1500.5", jpy, "amount_due").unwrap_err().code(), "invalid_value:amount_due");
    /// ```
    pub fn parse(s: &str, currency: Currency, field: &str) -> Result<Money> {
        let refuse = |why: String| Error::invalid(field, format!("'{}' is not a valid {} amount: {why}", clip(s), currency.code));
        // rust_decimal reads more than a price list should hold (`+1`, `1_000`, `.5`, `5.`): the plain form
        // is checked first, so that what reads here reads the same in every other decimal library.
        let digits = s.strip_prefix('-').unwrap_or(s);
        let (whole, decimals) = digits.split_once('.').unwrap_or((digits, ""));
        let plain = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !plain(whole) || !plain(decimals) || (decimals.is_empty() && digits.ends_with('.')) {
            return Err(refuse("expected a decimal string such as \"400.00\"".to_owned()));
        }
        if decimals.len() > currency.minor_units as usize {
            return Err(refuse(format!("{} allows at most {} decimals", currency.code, currency.minor_units)));
        }
        match Decimal::from_str_exact(s) {
            Ok(amount) if amount.abs() < MAX_INPUT_AMOUNT => Ok(Money::rounded(amount, currency)),
            _ => Err(refuse("the amount is too large".to_owned())),
        }
    }

    /// Parses a non-negative amount (a price, a balance, an amount due).
    ///
    /// # Errors
    /// As [`Money::parse`], and `invalid_value:<field>` for a negative amount.
    pub fn parse_non_negative(s: &str, currency: Currency, field: &str) -> Result<Money> {
        let m = Money::parse(s, currency, field)?;
        if m.is_negative() {
            return Err(Error::invalid(field, format!("'{}' is negative: the amount must be 0 or more", clip(s))));
        }
        Ok(Money { amount: m.amount.abs(), ..m })
    }

    /// The amount.
    pub fn amount(self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(self) -> Currency {
        self.currency
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    /// Whether the amount is zero.
    pub fn is_zero(self) -> bool {
        self.amount.is_zero()
    }

    /// The sum, in the same currency.
    ///
    /// # Errors
    /// `invalid_value:currency` when the currencies differ; `invalid_value:amount` on overflow.
    pub fn checked_add(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        self.with(self.amount.checked_add(other.amount))
    }

    /// The difference, in the same currency.
    ///
    /// # Errors
    /// As [`Money::checked_add`].
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        self.with(self.amount.checked_sub(other.amount))
    }

    /// The amount times a count (licenses, years), exact.
    ///
    /// # Errors
    /// `invalid_value:amount` on overflow.
    pub fn times(self, n: u32) -> Result<Money> {
        // Once is itself (a bound license, a one-year order), without a 96-bit multiplication.
        if n == 1 {
            return Ok(self);
        }
        self.with(self.amount.checked_mul(Decimal::from(n)))
    }

    /// `self × numerator / denominator`, rounded once, half away from zero, to the minor unit (R4).
    ///
    /// rust_decimal's quotient has 28 significant digits; the amounts certcalc accepts (below 10^15, times at
    /// most 10^5 licenses) leave it 8 decimals, and a quotient by a day count (at most 366) that is not a
    /// half-cent exactly is at least 1/732 of a cent from one, so the one rounding is the exact one.
    ///
    /// # Errors
    /// `invalid_value:amount` on overflow or a zero denominator.
    pub fn prorate(self, numerator: u32, denominator: u32) -> Result<Money> {
        let product = self.amount.checked_mul(Decimal::from(numerator));
        let quotient = product.and_then(|p| p.checked_div(Decimal::from(denominator))).ok_or_else(too_large)?;
        Ok(Money::rounded(quotient, self.currency))
    }

    /// The smaller of two amounts in the same currency.
    ///
    /// # Errors
    /// `invalid_value:currency` when the currencies differ.
    pub fn min(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        Ok(if other.amount < self.amount { other } else { self })
    }

    /// Sums amounts in `currency`.
    ///
    /// # Errors
    /// As [`Money::checked_add`].
    pub fn sum(currency: Currency, items: impl IntoIterator<Item = Money>) -> Result<Money> {
        items.into_iter().try_fold(Money::zero(currency), Money::checked_add)
    }

    /// The same currency with `amount`, kept at the currency's scale; `None` (an overflow) is
    /// `invalid_value:amount`.
    fn with(self, amount: Option<Decimal>) -> Result<Money> {
        // A sum, difference or multiple of amounts at the currency's scale is at that scale already: rounding
        // again would change nothing, at a cost on every line of a roll-up.
        let at_scale = |a: Decimal| if a.scale() == self.currency.minor_units { Money { amount: a, currency: self.currency } } else { Money::rounded(a, self.currency) };
        amount.map(at_scale).ok_or_else(too_large)
    }

    fn same_currency(self, other: Money) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::invalid("currency", format!("cannot combine {} and {} amounts", self.currency.code, other.currency.code)))
        }
    }
}

fn too_large() -> Error {
    Error::invalid("amount", "the amount is too large to compute")
}

impl fmt::Display for Money {
    /// The amount with exactly the currency's decimals: `"753.42"`, `"1500"` (JPY), `"0.250"` (BHD).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.amount, f)
    }
}

/// A decimal string: money never crosses as a number.
/// Written as its decimal string, by rust_decimal's own writer (the same text as `Display`, without the
/// formatter's padding machinery: a third of an answer's writing time natively, BENCHMARKS.md).
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        Serialize::serialize(&self.amount, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(c: &str) -> Currency {
        Currency::from_code(c).unwrap()
    }

    #[test]
    fn iso_table_is_sorted_and_unique() {
        // Every row is three capitals, a digit and a space; the codes ascend.
        assert_eq!(ISO_4217.len() % 5, 0);
        for row in ISO_4217.as_bytes().chunks(5) {
            assert!(row[..3].iter().all(u8::is_ascii_uppercase) && row[3].is_ascii_digit() && row[4] == b' ', "{row:?}");
        }
        let all: Vec<Currency> = Currency::all().collect();
        assert!(all.windows(2).all(|w| w[0].code() < w[1].code()));
        assert_eq!(all.len(), 164);
        assert!(all.iter().all(|c| Currency::from_code(c.code()) == Some(*c)));
    }

    #[test]
    fn minor_units_table() {
        for (code, units) in [("USD", 2), ("EUR", 2), ("JPY", 0), ("KRW", 0), ("BHD", 3), ("KWD", 3), ("OMR", 3),
            ("TND", 3), ("JOD", 3), ("IQD", 3), ("LYD", 3), ("CLF", 4), ("CLP", 0), ("ISK", 0)] {
            assert_eq!(cur(code).minor_units(), units, "{code}");
        }
        for bad in ["XXX", "XAU", "usd", "US", "", "USDD"] {
            assert!(Currency::from_code(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn max_input_amount_is_1e15() {
        assert_eq!(MAX_INPUT_AMOUNT, Decimal::from(1_000_000_000_000_000u64));
    }

    #[test]
    fn parse_table() {
        let usd = cur("USD");
        let ok = [("400", "400.00"), ("400.5", "400.50"), ("0", "0.00"), ("-3.10", "-3.10"), ("007.00", "7.00"),
            ("999999999999999.99", "999999999999999.99")];
        for (input, shown) in ok {
            assert_eq!(Money::parse(input, usd, "p").unwrap().to_string(), shown, "{input}");
        }
        for bad in ["", "-", ".5", "5.", "1e3", "1,000.00", " 1", "1.001", "NaN", "+1", "1_000", "--1",
            "1000000000000000", "0x10", "１"] {
            assert_eq!(Money::parse(bad, usd, "p").unwrap_err().code(), "invalid_value:p", "{bad:?}");
        }
        assert!(Money::parse_non_negative("-0.01", usd, "p").is_err());
        assert_eq!(Money::parse_non_negative("-0.00", usd, "p").unwrap().to_string(), "0.00");
    }

    #[test]
    fn rounding_is_half_away_from_zero_once_per_line() {
        let rows = [
            // (currency, annual, num, den, expected) — expectations worked by hand
            ("USD", "1000.00", 275, 365, "753.42"), // 753.4246…
            ("USD", "400.00", 306, 365, "335.34"),  // 335.3424…
            ("USD", "0.01", 1, 2, "0.01"),          // 0.005 → away from zero
            ("USD", "0.03", 1, 2, "0.02"),          // 0.015 → 0.02 (not banker's 0.02 by luck: 0.025 below)
            ("USD", "0.05", 1, 2, "0.03"),          // 0.025 → 0.03 (banker's would give 0.02)
            ("JPY", "1001", 1, 2, "501"),           // 500.5 → 501
            ("JPY", "1000", 1, 3, "333"),
            ("BHD", "1.001", 1, 2, "0.501"),        // 0.5005 → 0.501
            ("BHD", "100.000", 1, 3, "33.333"),
            ("USD", "1000.00", 366, 366, "1000.00"),
        ];
        for (c, annual, n, d, want) in rows {
            let m = Money::parse(annual, cur(c), "p").unwrap();
            assert_eq!(m.prorate(n, d).unwrap().to_string(), want, "{c} {annual}×{n}/{d}");
        }
        let neg = Money::parse("-0.05", cur("USD"), "p").unwrap();
        assert_eq!(neg.prorate(1, 2).unwrap().to_string(), "-0.03");
    }

    #[test]
    fn money_refuses_to_mix_currencies() {
        let a = Money::zero(cur("USD"));
        let b = Money::zero(cur("EUR"));
        assert_eq!(a.checked_add(b).unwrap_err().code(), "invalid_value:currency");
        assert!(a.checked_sub(b).is_err());
        assert!(a.min(b).is_err());
    }

    #[test]
    fn the_largest_amount_with_four_decimals_is_read_exactly() {
        // 19 digits: beyond an i64 mantissa (9.2 × 10^18), inside the 10^15 limit
        let clf = Currency::from_code("CLF").unwrap();
        assert_eq!(Money::parse("999999999999999.9999", clf, "p").unwrap().to_string(), "999999999999999.9999");
        assert_eq!(Money::parse("1000000000000000.0000", clf, "p").unwrap_err().code(), "invalid_value:p");
    }

    #[test]
    fn amounts_are_written_as_rust_decimal_writes_them() {
        for code in ["USD", "JPY", "BHD", "CLF"] {
            let c = Currency::from_code(code).unwrap();
            for text in ["0", "-0", "7", "0.5", "-0.05", "12.3", "999999999999999", "-123456789012345.6789", "0.0001"] {
                let d: Decimal = text.parse().unwrap();
                let mut want = Money::rounded(d, c).amount;
                want.rescale(c.minor_units);
                assert_eq!(Money::rounded(d, c).to_string(), want.to_string(), "{code} {text}");
            }
        }
    }
}
