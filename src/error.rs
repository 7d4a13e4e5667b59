//! One error type for every refusal, in CertCentral's shape: a list of `{code, message}`.

use crate::json::Read;
use serde::Serialize;
use std::fmt;

/// The code of an order that names an asset the subscription does not cover (R5).
pub const INSUFFICIENT_SUBSCRIPTION: &str = "insufficient_subscription";
/// CertCentral's message for [`INSUFFICIENT_SUBSCRIPTION`], word for word.
pub const INSUFFICIENT_SUBSCRIPTION_MESSAGE: &str = "There are insufficient free slots available in your CertCentral subscription to complete this request. Please add additional assets to your subscription and try again.";
/// The code of a certificate whose validity runs past its order's (R6), CertCentral's.
pub const CERT_VALIDITY_EXCEEDS_ORDER_VALIDITY: &str = "cert_validity_exceeds_order_validity";
/// CertCentral's message for [`CERT_VALIDITY_EXCEEDS_ORDER_VALIDITY`], word for word.
pub const CERT_VALIDITY_EXCEEDS_ORDER_VALIDITY_MESSAGE: &str = "The validity period of the certificate cannot exceed the validity period of the order.";
/// The code of a deposit to the balance of a subscription account (R8).
pub const BALANCE_DEPOSIT_NOT_ALLOWED: &str = "balance_deposit_not_allowed";
/// The prefix of every malformed-field code: `invalid_value:<field>`.
pub const INVALID_VALUE: &str = "invalid_value";

/// Every code that is not `invalid_value:<field>`.
pub const CODES: [&str; 3] = [INSUFFICIENT_SUBSCRIPTION, BALANCE_DEPOSIT_NOT_ALLOWED, CERT_VALIDITY_EXCEEDS_ORDER_VALIDITY];
/// The JavaScript API's argument names: `invalid_value:<argument>` when an argument is not JSON or not an
/// object.
pub const ARGUMENTS: [&str; 6] = ["request", "subscription", "payment", "price_list", "plan", "portfolio"];

/// Every `<field>` an `invalid_value:<field>` code names: an argument, a key certcalc reads
/// ([`crate::FIELDS`]; `days` is told as `validity_days`, as CertCentral's root field), or `amount` (a
/// computation too large); each once.
///
/// # Example
/// ```
/// assert!(certcalc::invalid_value_fields().any(|f| f == "quantity"));
/// assert!(!certcalc::invalid_value_fields().any(|f| f == "days"));
/// ```
pub fn invalid_value_fields() -> impl Iterator<Item = &'static str> {
    ARGUMENTS.into_iter().chain(crate::json::FIELDS.into_iter().filter(|f| *f != "days" && !ARGUMENTS.contains(f))).chain(["amount"])
}

/// Whether `code` is one certcalc can answer: one of [`CODES`], or `invalid_value:` and one of
/// [`invalid_value_fields`]. README's "Error codes" lists the same (a test compares them).
///
/// # Example
/// ```
/// assert!(certcalc::is_code("invalid_value:quantity"));
/// assert!(certcalc::is_code("insufficient_subscription"));
/// assert!(!certcalc::is_code("no_payment_method")); // a payment status, never an error
/// ```
pub fn is_code(code: &str) -> bool {
    CODES.contains(&code) || code.strip_prefix("invalid_value:").is_some_and(|f| invalid_value_fields().any(|g| g == f))
}

/// One problem: a stable machine-readable `code`, where it is (`path`) and a human-readable `message`.
///
/// Every path starts at the argument's root and is written the same way everywhere: field names joined by
/// `.`, list positions in brackets (`subscription.licenses[0].quantity`, `subaccounts[3].cards[1].id`,
/// `events[2].add[0].asset`). The message starts with the path, except where it is CertCentral's own text,
/// which stays word for word.
///
/// # Example
/// ```
/// let p = certcalc::Problem::invalid("as_of", "'2026-13-01' is not a date").within("subscription");
/// assert_eq!(p.code, "invalid_value:as_of");
/// assert_eq!(p.path, "subscription.as_of");
/// assert_eq!(p.message, "subscription.as_of: '2026-13-01' is not a date");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Problem {
    /// `insufficient_subscription`, `invalid_value:<field>`, `balance_deposit_not_allowed`, ...
    pub code: String,
    /// What went wrong, after its path, naming the offending value where there is one. Where CertCentral has
    /// its own text (`Custom length contains an invalid value.`), this is that text, word for word.
    pub message: String,
    /// Where the problem is, from the argument's root: `subscription.licenses[0].quantity`. Absent for a
    /// problem of the whole request (`insufficient_subscription`).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[tsify(optional)]
    pub path: String,
    /// The rule behind a CertCentral text, in words with its limit: "a tls order on a subscription is at most
    /// 397 days". Integrators match on `message`; people read this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// `outer` and then `inner` as one path: `licenses` and `[0]` make `licenses[0]`, `subscription` and
/// `as_of` make `subscription.as_of`.
fn join(outer: &str, inner: &str) -> String {
    match inner {
        "" => outer.to_owned(),
        _ if outer.is_empty() || inner.starts_with('[') => format!("{outer}{inner}"),
        _ => format!("{outer}.{inner}"),
    }
}

impl Problem {
    /// A problem with any code and no path: one of the whole request, in CertCentral's words, or a list's
    /// "and N more" entry.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { code: code.into(), message: message.into(), path: String::new(), detail: None }
    }

    /// An `invalid_value:<field>` problem at `field` itself: the message is `field: reason`.
    pub fn invalid(field: &str, reason: impl std::fmt::Display) -> Self {
        Problem::at(field, field, reason)
    }

    /// An `invalid_value:<field>` problem at `path`: the message is `path: reason`.
    pub fn at(field: &str, path: impl Into<String>, reason: impl std::fmt::Display) -> Self {
        let path = path.into();
        let message = if path.is_empty() { reason.to_string() } else { format!("{path}: {reason}") };
        Problem { code: format!("{INVALID_VALUE}:{field}"), message, path, detail: None }
    }

    /// The same problem seen from one level up: `outer` (`subscription`, `licenses[3]`, `events[2]`) goes in
    /// front of its path, and of its message when the message starts with the path.
    pub fn within(self, outer: &str) -> Self {
        let located = !self.path.is_empty() && self.message.strip_prefix(self.path.as_str()).is_some_and(|r| r.starts_with(": "));
        let message = if located { join(outer, &self.message) } else { self.message };
        Problem { path: join(outer, &self.path), message, ..self }
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
/// Serialized as CertCentral's error body, `{"errors": [{code, message}, ...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
#[tsify(rename = "ErrorBody")]
pub struct Error {
    errors: Vec<Problem>,
    /// How many problems past [`MAX_PROBLEMS`] the last entry of `errors` stands for (0: none left out), so
    /// that an error collected into a larger one is counted whole, not capped twice.
    #[serde(skip)]
    left_out: usize,
}

/// `Result` with certcalc's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of one problem with any code.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Error::from(Problem::new(code, message))
    }

    /// An `invalid_value:<field>` error at `field` itself ([`Problem::invalid`]).
    pub fn invalid(field: &str, reason: impl std::fmt::Display) -> Self {
        Error::from(Problem::invalid(field, reason))
    }

    /// An error from a list of problems; `None` when the list is empty.
    pub fn from_problems(errors: Vec<Problem>) -> Option<Self> {
        if errors.is_empty() { None } else { Some(Error { errors, left_out: 0 }) }
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

impl Error {
    /// The same error seen from one level up: each problem [`Problem::within`] `outer` (a second argument's
    /// problems under its name, `price_list.currency`).
    pub fn within(self, outer: &str) -> Error {
        Error { errors: self.errors.into_iter().map(|p| p.within(outer)).collect(), ..self }
    }

    /// The same error with each problem at `path` instead of its own (`annual_prices` to
    /// `annual_prices.fqdn`), its message following.
    pub(crate) fn at(self, path: &str) -> Error {
        let errors = self.errors.into_iter().map(|p| {
            let message = match p.message.strip_prefix(p.path.as_str()).filter(|r| !p.path.is_empty() && r.starts_with(": ")) {
                Some(rest) => format!("{path}{rest}"),
                None => p.message,
            };
            Problem { path: path.to_owned(), message, ..p }
        });
        Error { errors: errors.collect(), ..self }
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Self {
        Error { errors: vec![p], left_out: 0 }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl std::error::Error for Error {}

/// The most problems one error lists before its "and N more" entry.
pub const MAX_PROBLEMS: usize = 100;

/// Collects problems from several independent checks, so that one answer lists all of them.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    found: Vec<Problem>,
    /// Problems already left out of the errors taken in, and the code of the first of them.
    left_out: usize,
    left_out_code: Option<String>,
}

impl Problems {
    /// Keeps `r`'s value, or records its problems and gives `None`.
    pub(crate) fn take<T>(&mut self, r: Result<T>) -> Option<T> {
        self.take_within("", r)
    }

    /// As [`Problems::take`], each problem seen from `outer` ([`Problem::within`]; `""`: as it is). `outer` is
    /// written only for an error (`format_args!("licenses[{i}]")`): most calls have none.
    pub(crate) fn take_within<T>(&mut self, outer: impl fmt::Display, r: Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(mut e) => {
                let outer = outer.to_string();
                if e.left_out > 0 {
                    // Its "and N more" entry, counted again in `finish`.
                    let more = e.errors.pop().map(|p| p.code);
                    self.left_out_code = self.left_out_code.take().or(more);
                    self.left_out = self.left_out.saturating_add(e.left_out);
                }
                match outer.as_str() {
                    "" => self.found.extend(e.errors),
                    outer => self.found.extend(e.errors.into_iter().map(|p| p.within(outer))),
                }
                None
            }
        }
    }

    pub(crate) fn push(&mut self, p: Problem) {
        self.found.push(p);
    }

    /// The value of a required field `field` (the path too); absent or unreadable is recorded.
    pub(crate) fn required<'a, T>(&mut self, field: &str, r: &'a Read<T>) -> Option<&'a T> {
        self.required_at(field, field, r)
    }

    /// The value of a required field at `path`, an `invalid_value:<field>` problem when it is absent or
    /// could not be read.
    pub(crate) fn required_at<'a, T>(&mut self, field: &str, path: impl fmt::Display, r: &'a Read<T>) -> Option<&'a T> {
        if r.is_absent() {
            self.push(Problem::at(field, path.to_string(), "required"));
        }
        self.optional_at(field, path, r)
    }

    /// The value of an optional field `field`, when given; unreadable is recorded.
    pub(crate) fn optional<'a, T>(&mut self, field: &str, r: &'a Read<T>) -> Option<&'a T> {
        self.optional_at(field, field, r)
    }

    /// The value of an optional field at `path`, when given; unreadable is an `invalid_value:<field>` problem.
    pub(crate) fn optional_at<'a, T>(&mut self, field: &str, path: impl fmt::Display, r: &'a Read<T>) -> Option<&'a T> {
        r.at(field, path).unwrap_or_else(|p| {
            self.push(p);
            None
        })
    }

    /// `Ok(())` when nothing was recorded. At most [`MAX_PROBLEMS`] are listed, in the order found; past
    /// them one more entry, with the next problem's code, says how many were left out (10,000 bad
    /// subaccounts make 101 entries, not 40,000).
    pub(crate) fn finish(mut self) -> Result<()> {
        if self.found.is_empty() && self.left_out == 0 {
            return Ok(()); // the usual case, at every entry of a list
        }
        let (mut left, mut code) = (self.left_out, self.left_out_code.take());
        if self.found.len() > MAX_PROBLEMS {
            left = left.saturating_add(self.found.len() - MAX_PROBLEMS);
            code = self.found.get(MAX_PROBLEMS).map(|p| p.code.clone());
            self.found.truncate(MAX_PROBLEMS);
        }
        if left > 0 {
            let code = code.unwrap_or_default();
            self.found.push(Problem::new(code, format!("and {left} more problems (the first {MAX_PROBLEMS} are listed)")));
        }
        match Error::from_problems(self.found) {
            Some(e) => Err(Error { left_out: left, ..e }),
            None => Ok(()),
        }
    }
}
