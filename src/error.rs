//! One error type for every refusal, in CertCentral's shape: a list of `{code, message}`.

use serde::Serialize;
use std::fmt;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Problem {
    /// `insufficient_subscription`, `invalid_value:<field>`, `balance_deposit_not_allowed`, ...
    pub code: String,
    /// What went wrong, naming the offending value where there is one. Where CertCentral has its own text
    /// (`Custom length contains an invalid value.`), this is that text, word for word.
    pub message: String,
    /// The rule behind a CertCentral text, in words with its limit: "a tls order on a subscription is at most
    /// 397 days". Integrators match on `message`; people read this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Problem {
    /// A problem with any code.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { code: code.into(), message: message.into(), detail: None }
    }

    /// An `invalid_value:<field>` problem.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Problem::new(format!("{INVALID_VALUE}:{field}"), message)
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
}

/// `Result` with certcalc's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

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

    /// The same problems, their paths taken from `root` (`licenses[0]: …` is `subscription.licenses[0]: …`; a
    /// message without a path gets its field's: `subscription.start_date: …`).
    pub(crate) fn within(self, root: &str) -> Error {
        let errors = self.errors.into_iter().map(|p| {
            let field = p.code.strip_prefix("invalid_value:").unwrap_or_default();
            let message = if !field.is_empty() && p.message.starts_with(field) || p.message.starts_with("licenses[") {
                format!("{root}.{}", p.message)
            } else {
                format!("{root}.{field}: {}", p.message)
            };
            Problem { message, ..p }
        });
        Error { errors: errors.collect() }
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

impl std::error::Error for Error {}

/// The most problems one error lists before its "and N more" entry.
pub const MAX_PROBLEMS: usize = 100;

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

    /// `Ok(())` when nothing was recorded. At most [`MAX_PROBLEMS`] are listed, in the order found; past
    /// them one more entry, with the next problem's code, says how many were left out (10,000 bad
    /// subaccounts make 101 entries, not 40,000).
    pub(crate) fn finish(mut self) -> Result<()> {
        if self.0.len() > MAX_PROBLEMS {
            let left = self.0.len() - MAX_PROBLEMS;
            let code = self.0.get(MAX_PROBLEMS).map(|p| p.code.clone()).unwrap_or_default();
            self.0.truncate(MAX_PROBLEMS);
            self.0.push(Problem::new(code, format!("and {left} more problems (the first {MAX_PROBLEMS} are listed)")));
        }
        Error::from_problems(self.0).map_or(Ok(()), Err)
    }
}
