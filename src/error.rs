//! One error type for every refusal, in CertCentral's shape: a list of `{code, message}`.

use alloc::{string::String, vec::Vec};
use crate::json::{ToJson, Writer};
use core::fmt;

/// Builds a message from pieces (`&str`, `String`, whole numbers, dates), one after the other, without
/// `core::fmt`: with no `format!` and no formatting panic, the module carries none of its machinery.
macro_rules! msg {
    ($($piece:expr),+ $(,)?) => {
        $crate::error::join(&[$(&$piece as &dyn $crate::error::Piece),+])
    };
}

/// [`msg!`]'s one body, out of line: a call site only lists its pieces.
#[inline(never)]
pub(crate) fn join(pieces: &[&dyn Piece]) -> String {
    let mut s = String::new();
    for piece in pieces {
        piece.push_to(&mut s);
    }
    s
}

/// What [`msg!`] can join.
pub(crate) trait Piece {
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

impl Piece for u32 {
    fn push_to(&self, out: &mut String) {
        push_digits(out, u64::from(*self));
    }
}

impl Piece for usize {
    fn push_to(&self, out: &mut String) {
        push_digits(out, *self as u64);
    }
}

/// Writes `n` in decimal, digit by digit from the end (without `core::fmt`, and without `u128` division).
pub(crate) fn push_digits(out: &mut String, mut n: u64) {
    let (mut buf, mut start) = ([0u8; 20], 20);
    loop {
        start -= 1;
        if let Some(b) = buf.get_mut(start) {
            *b = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(buf.get(start..).unwrap_or_default().iter().map(|&b| char::from(b)));
}

/// The code of an order that names an asset the subscription does not cover (R5).
pub const INSUFFICIENT_SUBSCRIPTION: &str = "insufficient_subscription";
/// CertCentral's message for [`INSUFFICIENT_SUBSCRIPTION`], word for word.
pub const INSUFFICIENT_SUBSCRIPTION_MESSAGE: &str = "There are insufficient free slots available in your CertCentral subscription to complete this request. Please add additional assets to your subscription and try again.";
/// The code of a deposit to the balance of a subscription account (R8).
pub const BALANCE_DEPOSIT_NOT_ALLOWED: &str = "balance_deposit_not_allowed";
/// The prefix of every malformed-field code: `invalid_value:<field>`.
pub const INVALID_VALUE: &str = "invalid_value";

/// One problem: a stable machine-readable `code` and a human-readable `message`.
///
/// # Example
/// ```
/// let p = certcalc::Problem::invalid("as_of", "as_of must be a date");
/// assert_eq!(p.code, "invalid_value:as_of");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `insufficient_subscription`, `invalid_value:<field>`, `balance_deposit_not_allowed`, ...
    pub code: String,
    /// What went wrong, naming the offending value where there is one.
    pub message: String,
}

impl Problem {
    /// A problem with any code.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { code: code.into(), message: message.into() }
    }

    /// An `invalid_value:<field>` problem.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Problem::new(msg!(INVALID_VALUE, ":", field), message)
    }
}

impl ToJson for Problem {
    fn write_json(&self, out: &mut Writer) {
        out.object(|o| {
            o.field("code", &self.code);
            o.field("message", &self.message);
        });
    }
}

/// Every refusal certcalc gives: one or more [`Problem`]s, the first being the main one.
///
/// # Example
/// ```
/// let e = certcalc::Error::invalid("dns_names", "'-bad-.example' is not a valid domain name");
/// assert_eq!(e.code(), "invalid_value:dns_names");
/// assert_eq!(e.errors().len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    errors: Vec<Problem>,
}

/// `Result` with certcalc's [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

impl Error {
    /// An error of one problem with any code.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Error { errors: vec![Problem::new(code, message)] }
    }

    /// An `invalid_value:<field>` error.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error { errors: vec![Problem::invalid(field, message)] }
    }

    /// An error from a list of problems; `None` when the list is empty.
    pub fn from_problems(errors: Vec<Problem>) -> Option<Self> {
        if errors.is_empty() { None } else { Some(Error { errors }) }
    }

    /// The first problem's code: what a caller switches on.
    pub fn code(&self) -> &str {
        self.errors.first().map_or("", |p| p.code.as_str())
    }

    /// The first problem's message.
    pub fn message(&self) -> &str {
        self.errors.first().map_or("", |p| p.message.as_str())
    }

    /// Every problem, in a stable order.
    pub fn errors(&self) -> &[Problem] {
        &self.errors
    }
}

/// `{"errors": [{code, message}, ...]}`, CertCentral's error body.
impl ToJson for Error {
    fn write_json(&self, out: &mut Writer) {
        out.object(|o| o.field("errors", &self.errors));
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Self {
        Error { errors: vec![p] }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl core::error::Error for Error {}

/// Collects problems from several independent checks, so that one answer lists all of them.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<Problem>);

impl Problems {
    /// Keeps `r`'s value, or records its problems and gives `None`.
    pub(crate) fn take<T>(&mut self, r: Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.extend(e.errors);
                None
            }
        }
    }

    pub(crate) fn push(&mut self, p: Problem) {
        self.0.push(p);
    }

    /// `Ok(())` when nothing was recorded.
    pub(crate) fn finish(self) -> Result<()> {
        Error::from_problems(self.0).map_or(Ok(()), Err)
    }
}
