//! Money: a [`Decimal`] amount tied to an ISO 4217 [`Currency`], never a float.
//!
//! Amounts cross the boundary as decimal strings (`"301.37"`). Every line is rounded once, half away from
//! zero, to the currency's minor unit; totals are sums of rounded lines, so they need no rounding of their own.
//!
//! A [`Money`] always holds its `Decimal` at the currency's scale, so its arithmetic is exact integer
//! arithmetic on the mantissa — minor units — and one rounding where R4 divides. rust_decimal's general
//! operations (any two scales, 28-digit quotients) are the reference the property tests hold this to
//! (`tests/properties.rs`); they were 3.5 kB of the web build and most of the pricing's instructions.

use alloc::string::String;
use crate::error::{Error, Result};
use crate::text::clip;
use rust_decimal::{Decimal, RoundingStrategy};
use crate::json::{ToJson, Writer};
use core::fmt;

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
/// characters a row (`"USD2 "`), one string rather than a table of `&str`s, whose pointers were most of its
/// size in the wasm module. Funds, metals and codes without a minor unit (XAU, XDR, XXX, ...) are left out:
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
        let (mut low, mut high) = (0, ISO_4217.len() / 5);
        while low < high {
            let middle = (low + high) / 2;
            let c = Currency::row(middle)?;
            match c.code.cmp(code) {
                core::cmp::Ordering::Less => low = middle + 1,
                core::cmp::Ordering::Greater => high = middle,
                core::cmp::Ordering::Equal => return Some(c),
            }
        }
        None
    }

    fn row(i: usize) -> Option<Currency> {
        let row = ISO_4217.get(5 * i..5 * i + 4)?;
        let minor = row.as_bytes().get(3)?.checked_sub(b'0')?;
        Some(Currency { code: row.get(..3)?, minor_units: u32::from(minor) })
    }

    /// Parses a currency code given in `field`.
    ///
    /// # Errors
    /// `invalid_value:<field>` when the code is not an active ISO 4217 currency.
    pub fn parse(code: &str, field: &str) -> Result<Currency> {
        Currency::from_code(code).ok_or_else(|| {
            Error::invalid(field, msg!("'", clip(code), "' is not an active ISO 4217 currency code"))
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

// By code alone (it decides the minor units). Every `Currency` is made from the ISO table or is `USD`, so
// equal codes are most often the same `&'static str`: a pointer comparison before the bytes, since every
// sum of two amounts compares their currencies.
impl PartialEq for Currency {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self.code, other.code) || self.code == other.code
    }
}

impl core::hash::Hash for Currency {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.code.hash(state);
    }
}

impl ToJson for Currency {
    fn write_json(&self, out: &mut Writer) {
        self.code.write_json(out);
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
        Money { amount: Decimal::from_parts(0, 0, 0, false, currency.minor_units), currency }
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
        // The checks answer why not; one place words the error (a message built at each refusal was a
        // quarter of this function in the wasm module).
        let why = match Money::minor_units_of(s, currency) {
            Ok(amount) => return Ok(Money { amount, currency }),
            Err(Refused::Syntax) => msg!("expected a decimal string such as \"400.00\""),
            Err(Refused::Decimals) => msg!(currency.code, " allows at most ", currency.minor_units, " decimals"),
            Err(Refused::TooLarge) => msg!("the amount is too large"),
        };
        Err(Error::invalid(field, msg!("'", clip(s), "' is not a valid ", currency.code, " amount: ", why)))
    }

    /// The amount `s` names, as a `Decimal` at the currency's scale: one pass over the bytes, the digits
    /// folded into minor units as they come (saturating: anything that large is refused below, after the
    /// syntax and the decimals, in that order), rust_decimal's string parser and rounding left out.
    fn minor_units_of(s: &str, currency: Currency) -> core::result::Result<Decimal, Refused> {
        let (mut units, mut whole, mut decimals, mut point) = (0u64, 0u32, 0u32, false);
        for &b in s.strip_prefix('-').unwrap_or(s).as_bytes() {
            match b {
                b'.' if !point => point = true,
                b'0'..=b'9' => {
                    if point { decimals += 1 } else { whole += 1 }
                    units = units.saturating_mul(10).saturating_add(u64::from(b - b'0'));
                }
                _ => return Err(Refused::Syntax),
            }
        }
        if whole == 0 || (point && decimals == 0) {
            return Err(Refused::Syntax);
        }
        let pad = currency.minor_units.checked_sub(decimals).ok_or(Refused::Decimals)?;
        // Below 10^15 in the currency's minor units (at most 10^19, which a u64 holds).
        let units = units.saturating_mul(10u64.saturating_pow(pad));
        if units >= 10u64.saturating_pow(15 + currency.minor_units) {
            return Err(Refused::TooLarge);
        }
        Ok(Decimal::from_parts(units as u32, (units >> 32) as u32, 0, s.starts_with('-'), currency.minor_units))
    }

    /// Parses a non-negative amount (a price, a balance, an amount due).
    ///
    /// # Errors
    /// As [`Money::parse`], and `invalid_value:<field>` for a negative amount.
    pub fn parse_non_negative(s: &str, currency: Currency, field: &str) -> Result<Money> {
        let m = Money::parse(s, currency, field)?;
        if m.is_negative() {
            return Err(Error::invalid(field, msg!("'", clip(s), "' is negative: ", field, " must be 0 or more")));
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
        self.units() < 0
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
        self.with_units(self.units().checked_add(other.units()))
    }

    /// The difference, in the same currency.
    ///
    /// # Errors
    /// As [`Money::checked_add`].
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        self.with_units(self.units().checked_sub(other.units()))
    }

    /// The amount times a count (licenses, years), exact.
    ///
    /// # Errors
    /// `invalid_value:amount` on overflow.
    pub fn times(self, n: u32) -> Result<Money> {
        self.with_units(self.units().checked_mul(i128::from(n)))
    }

    /// `self × numerator / denominator`, rounded once, half away from zero, to the minor unit (R4).
    ///
    /// # Errors
    /// `invalid_value:amount` on overflow or a zero denominator.
    pub fn prorate(self, numerator: u32, denominator: u32) -> Result<Money> {
        if numerator == denominator {
            return Ok(self);
        }
        if denominator == 0 {
            return Err(too_large());
        }
        let x = self.units().checked_mul(i128::from(numerator)).ok_or_else(too_large)?;
        let (q, r) = div_rem(x.unsigned_abs(), denominator);
        // Half away from zero: a remainder of at least half the divisor rounds the magnitude up.
        let q = i128::try_from(q + u128::from(2 * u64::from(r) >= u64::from(denominator))).ok();
        self.with_units(q.map(|q| if x < 0 { -q } else { q }))
    }

    /// The smaller of two amounts in the same currency.
    ///
    /// # Errors
    /// `invalid_value:currency` when the currencies differ.
    pub fn min(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        Ok(if other.units() < self.units() { other } else { self })
    }

    /// Sums amounts in `currency`.
    ///
    /// # Errors
    /// As [`Money::checked_add`].
    pub fn sum(currency: Currency, items: impl IntoIterator<Item = Money>) -> Result<Money> {
        items.into_iter().try_fold(Money::zero(currency), Money::checked_add)
    }

    /// The amount in minor units (cents for USD): the arithmetic is exact integer arithmetic on these, so
    /// rust_decimal's general operations (any scale, 28 digits, their own rounding) stay out of the module.
    /// Every constructor keeps the amount at the currency's scale; a `Decimal` of a smaller scale (only
    /// [`Money::rounded`] of a huge amount can make one) is scaled up, exactly, in `i128`.
    #[inline]
    fn units(self) -> i128 {
        match self.currency.minor_units.saturating_sub(self.amount.scale()) {
            0 => self.amount.mantissa(),
            up => self.amount.mantissa() * 10i128.pow(up),
        }
    }

    /// The same currency with `units` minor units; `None` (an overflow on the way) or more than a
    /// `Decimal` holds is `invalid_value:amount`.
    #[inline]
    fn with_units(self, units: Option<i128>) -> Result<Money> {
        let amount = units.and_then(|u| Decimal::try_from_i128_with_scale(u, self.currency.minor_units).ok());
        amount.map(|amount| Money { amount, ..self }).ok_or_else(too_large)
    }

    fn same_currency(self, other: Money) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::invalid(
                "currency",
                msg!("cannot combine ", self.currency.code, " and ", other.currency.code, " amounts"),
            ))
        }
    }
}

/// `n / d` and `n % d` (`d` > 0) by 32-bit limbs, each step a `u64` division: `u128` division is a library
/// routine in wasm (1 kB of the module), and the divisors here are day counts and 10.
fn div_rem(n: u128, d: u32) -> (u128, u32) {
    let d = u64::from(d.max(1));
    let (mut q, mut r) = (0u128, 0u64);
    for shift in [96, 64, 32, 0] {
        let limb = (r << 32) | ((n >> shift) as u64 & 0xFFFF_FFFF);
        q |= u128::from(limb / d) << shift;
        r = limb % d;
    }
    (q, r as u32)
}

/// Why a decimal string is not an amount.
enum Refused {
    Syntax,
    Decimals,
    TooLarge,
}

fn too_large() -> Error {
    Error::invalid("amount", "the amount is too large to compute")
}

impl Money {
    /// Appends the amount with exactly the currency's decimals. Written from the mantissa, digit by digit,
    /// rather than by rust_decimal's `Display`: no allocation (a roll-up writes 100,000 amounts), and
    /// rust_decimal's formatter stays out of the wasm module.
    pub(crate) fn write_to(self, out: &mut String) {
        let scale = self.currency.minor_units as usize;
        let mut m = self.units().unsigned_abs();
        // 39 digits at most (u128), a point and a sign: filled from the end.
        let mut buf = [0u8; 48];
        let mut start = buf.len();
        let mut written = 0;
        while m > 0 || written <= scale {
            if written == scale && scale > 0 {
                start = start.saturating_sub(1);
                if let Some(b) = buf.get_mut(start) {
                    *b = b'.';
                }
            }
            // Most amounts fit a u64, whose division is one instruction.
            let digit = match u64::try_from(m) {
                Ok(small) => {
                    m = u128::from(small / 10);
                    (small % 10) as u8
                }
                Err(_) => {
                    let (q, r) = div_rem(m, 10);
                    m = q;
                    r as u8
                }
            };
            start = start.saturating_sub(1);
            if let Some(b) = buf.get_mut(start) {
                *b = b'0' + digit;
            }
            written += 1;
        }
        out.reserve(buf.len() - start + 1);
        if self.amount.is_sign_negative() {
            out.push('-');
        }
        out.extend(buf.get(start..).unwrap_or_default().iter().map(|&b| char::from(b)));
    }
}

impl fmt::Display for Money {
    /// The amount with exactly the currency's decimals: `"753.42"`, `"1500"` (JPY), `"0.250"` (BHD).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_to(&mut s);
        f.write_str(&s)
    }
}

impl ToJson for Money {
    fn write_json(&self, out: &mut Writer) {
        out.quoted(|s| self.write_to(s));
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
        // Every row is three capitals, a digit and a space; the codes ascend (binary search needs it).
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
    fn div_rem_by_limbs_is_u128_division() {
        for n in [0u128, 1, 9, 10, u128::from(u64::MAX), u128::from(u64::MAX) + 1, 10u128.pow(28) - 1, u128::MAX, 0x1234_5678_9abc_def0_1122_3344_5566_7788] {
            for d in [1u32, 2, 10, 365, 366, u32::MAX] {
                assert_eq!(div_rem(n, d), (n / u128::from(d), (n % u128::from(d)) as u32), "{n} / {d}");
            }
        }
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
