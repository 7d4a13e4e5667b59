//! JSON in and out, without serde: a bounded parser onto one flat tape of nodes, a reader that turns every shape
//! error into an `invalid_value:<field>` error naming the field and its path, and a writer.
//!
//! Why by hand: the same code reads the caller's JSON natively and in the browser (where the boundary
//! passes `JSON.stringify(value)`), so both give the same answer and the same error byte for byte; and
//! serde with path tracking was two thirds of the wasm module (BENCHMARKS.md).

use alloc::{borrow::ToOwned, string::String, vec::Vec};
use crate::error::{Error, Result};
use crate::text::clip;
use alloc::borrow::Cow;

/// The deepest nesting a document may have (the deepest input, a portfolio's license field, is 6 levels).
pub const MAX_DEPTH: usize = 32;
/// The most values (of any kind) one document may hold: a portfolio of 1,000,000 licenses fits.
pub const MAX_VALUES: usize = 8_000_000;
/// The longest document, in bytes.
pub const MAX_TEXT: usize = 128 << 20;

/// One node of a parsed document. A document is one flat vector of nodes in document order (a "tape"), so
/// reading a 10 MB portfolio allocates a handful of times instead of once per array and object.
#[derive(Debug, Clone, PartialEq)]
enum Node<'a> {
    Null,
    Bool(bool),
    /// As written (read by the type that expects it: certcalc never rounds through a float).
    Number(&'a str),
    /// Unescaped.
    String(Cow<'a, str>),
    /// An array, and how many nodes it spans, itself included.
    Array(usize),
    /// An object, and how many nodes it spans; each member is a `Key` node followed by its value's nodes.
    Object(usize),
    Key(Cow<'a, str>),
    /// An array or object more than [`MAX_DEPTH`] levels down, skipped unread: an error where a field is
    /// expected, nothing under a key certcalc does not know.
    TooDeep,
}

impl Node<'_> {
    #[inline]
    fn span(&self) -> usize {
        match self {
            Node::Array(n) | Node::Object(n) => *n,
            _ => 1,
        }
    }
}

/// A parsed document: what [`parse`] answers; [`Document::root`] reads it.
///
/// # Example
/// ```
/// use certcalc::json::{parse, FromJson, Path};
/// let doc = parse(r#"["ssl_basic", 2]"#, "request").unwrap();
/// let err = Vec::<String>::from_json(&doc.root(), &Path::Root("dns_names")).unwrap_err();
/// assert_eq!(err.message(), "dns_names[1]: expected a string, found a number");
/// ```
#[derive(Debug)]
pub struct Document<'a>(Vec<Node<'a>>);

impl Document<'_> {
    /// The document's value.
    pub fn root(&self) -> Value<'_> {
        Value(&self.0)
    }
}

/// A value of a parsed document: its node and, after it, the nodes of what it holds.
#[derive(Debug, Clone, Copy)]
pub struct Value<'a>(&'a [Node<'a>]);

impl<'a> Value<'a> {
    #[inline]
    fn node(&self) -> &'a Node<'a> {
        self.0.first().unwrap_or(&Node::Null)
    }

    fn kind(&self) -> &'static str {
        match self.node() {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) | Node::Key(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
            Node::TooDeep => "a value nested too deeply",
        }
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.node(), Node::Null)
    }

    /// The number's text, when the value is a number.
    pub fn as_number(&self) -> Option<&'a str> {
        match self.node() {
            Node::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The string, when the value is one.
    pub fn as_str(&self) -> Option<&'a str> {
        match self.node() {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    /// The members of an array (keys `None`) or object, in document order; nothing for anything else.
    fn members(&self) -> Members<'a> {
        let inner = match self.node() {
            Node::Array(n) | Node::Object(n) => self.0.get(1..*n).unwrap_or_default(),
            _ => &[],
        };
        Members(inner)
    }
}

/// The members of an array or object, each with its key (objects) and value.
#[derive(Clone)]
struct Members<'a>(&'a [Node<'a>]);

impl<'a> Iterator for Members<'a> {
    type Item = (Option<&'a str>, Value<'a>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let (key, rest) = match self.0.split_first()? {
            (Node::Key(k), rest) => (Some(k.as_ref()), rest),
            _ => (None, self.0),
        };
        let span = rest.first()?.span();
        let (value, rest) = rest.split_at_checked(span)?;
        self.0 = rest;
        Some((key, Value(value)))
    }
}

/// Parses a whole document.
///
/// # Errors
/// `invalid_value:<root>` when the text is not one JSON value, nests deeper than [`MAX_DEPTH`], holds more
/// than [`MAX_VALUES`] values or is longer than [`MAX_TEXT`].
///
/// # Example
/// ```
/// let err = certcalc::json::parse("{\"a\": [1, }", "request").unwrap_err();
/// assert_eq!(err.code(), "invalid_value:request");
/// ```
pub fn parse<'a>(text: &'a str, root: &str) -> Result<Document<'a>> {
    let fail = |at: usize, what: &str| Error::invalid(root, msg!(root, ": not JSON: ", what, " at byte ", at));
    if text.len() > MAX_TEXT {
        return Err(fail(0, "the document is too long"));
    }
    // About one node per 8 bytes of a portfolio; the first megabyte of nodes reserved at most.
    let tape = Vec::with_capacity((text.len() / 8).min(1 << 20));
    let mut p = Parser { s: text.as_bytes(), text, i: 0, values: 0, tape };
    p.value(0).map_err(|(at, what)| fail(at, what))?;
    p.ws();
    if p.i < p.s.len() {
        return Err(fail(p.i, "trailing characters"));
    }
    Ok(Document(p.tape))
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    values: usize,
    tape: Vec<Node<'a>>,
}

type Step<T> = core::result::Result<T, (usize, &'static str)>;

impl<'a> Parser<'a> {
    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn err<T>(&self, what: &'static str) -> Step<T> {
        Err((self.i, what))
    }

    #[inline]
    fn eat(&mut self, lit: &[u8]) -> bool {
        let ok = self.s.get(self.i..).is_some_and(|rest| rest.starts_with(lit));
        if ok {
            self.i += lit.len();
        }
        ok
    }

    /// Appends one value's nodes to the tape.
    fn value(&mut self, depth: usize) -> Step<()> {
        self.ws();
        let node = match self.peek() {
            Some(c @ (b'{' | b'[')) if depth < MAX_DEPTH => {
                self.count()?;
                return self.container(depth, c == b'{');
            }
            Some(b'{' | b'[') => {
                self.count()?;
                self.skip()?;
                Node::TooDeep
            }
            _ => self.scalar()?,
        };
        self.tape.push(node);
        Ok(())
    }

    #[inline]
    fn count(&mut self) -> Step<()> {
        self.values += 1;
        if self.values > MAX_VALUES {
            return self.err("too many values");
        }
        Ok(())
    }

    /// A string, number, `true`, `false` or `null`.
    fn scalar(&mut self) -> Step<Node<'a>> {
        // Both callers have skipped the whitespace before it.
        self.count()?;
        match self.peek() {
            Some(b'"') => self.string().map(Node::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ if self.eat(b"null") => Ok(Node::Null),
            _ if self.eat(b"true") => Ok(Node::Bool(true)),
            _ if self.eat(b"false") => Ok(Node::Bool(false)),
            None => self.err("unexpected end"),
            _ => self.err("unexpected character"),
        }
    }

    /// An array or object: a placeholder node, the members' nodes, then the placeholder set to the span.
    fn container(&mut self, depth: usize, object: bool) -> Step<()> {
        let at = self.tape.len();
        self.tape.push(Node::Null);
        self.i += 1;
        let (close, expected) = if object { (b"}", "expected ',' or '}'") } else { (b"]", "expected ',' or ']'") };
        self.ws();
        if !self.eat(close) {
            loop {
                if object {
                    let key = self.key()?;
                    self.tape.push(Node::Key(key));
                }
                self.value(depth + 1)?;
                self.ws();
                if self.eat(close) {
                    break;
                }
                if !self.eat(b",") {
                    return self.err(expected);
                }
            }
        }
        let span = self.tape.len() - at;
        if let Some(slot) = self.tape.get_mut(at) {
            *slot = if object { Node::Object(span) } else { Node::Array(span) };
        }
        Ok(())
    }

    /// Checks a nested array or object without building it or recursing: the open brackets are a stack.
    fn skip(&mut self) -> Step<()> {
        let mut open: Vec<u8> = Vec::new();
        loop {
            self.ws();
            match self.peek() {
                Some(c @ (b'[' | b'{')) => {
                    self.i += 1;
                    self.ws();
                    if !self.eat(if c == b'[' { b"]" } else { b"}" }) {
                        open.push(c);
                        if c == b'{' {
                            self.key()?;
                        }
                        continue;
                    }
                }
                _ => {
                    self.scalar()?;
                }
            }
            // After a value: close what ends here, then a ',' before the next value (and its key).
            loop {
                let Some(&top) = open.last() else { return Ok(()) };
                self.ws();
                if self.eat(if top == b'[' { b"]" } else { b"}" }) {
                    open.pop();
                    continue;
                }
                if !self.eat(b",") {
                    return self.err("expected ',' or a closing bracket");
                }
                if top == b'{' {
                    self.key()?;
                }
                break;
            }
        }
    }

    /// An object's key and its ':'.
    fn key(&mut self) -> Step<Cow<'a, str>> {
        self.ws();
        if self.peek() != Some(b'"') {
            return self.err("expected a key");
        }
        let key = self.string()?;
        self.ws();
        if !self.eat(b":") {
            return self.err("expected ':'");
        }
        Ok(key)
    }

    fn string(&mut self) -> Step<Cow<'a, str>> {
        self.i += 1;
        let start = self.i;
        self.i = plain(self.s, self.i);
        // The common case, no escapes: borrow.
        if self.peek() == Some(b'"') {
            let s = self.text.get(start..self.i).unwrap_or_default();
            self.i += 1;
            return Ok(Cow::Borrowed(s));
        }
        let mut out = String::from(self.text.get(start..self.i).unwrap_or_default());
        loop {
            let from = self.i;
            self.i = plain(self.s, self.i);
            out.push_str(self.text.get(from..self.i).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let c = self.unicode()?;
                            out.push(c);
                            continue;
                        }
                        _ => return self.err("invalid escape"),
                    };
                    self.i += 1;
                    out.push(c);
                }
                Some(_) => return self.err("control character in a string"),
                None => return self.err("unterminated string"),
            }
        }
    }

    fn hex4(&mut self) -> Step<u32> {
        let digits = self.s.get(self.i..self.i + 4).unwrap_or_default();
        let n = digits.iter().try_fold(0, |n, &b| Some(n << 4 | char::from(b).to_digit(16)?)).filter(|_| digits.len() == 4);
        let n = n.ok_or((self.i, "invalid \\u escape"))?;
        self.i += 4;
        Ok(n)
    }

    /// `\uXXXX`, joining surrogate pairs; a lone surrogate becomes U+FFFD, as `JSON.parse` keeps it but UTF-8
    /// cannot hold it.
    fn unicode(&mut self) -> Step<char> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) && self.s.get(self.i..self.i + 2) == Some(b"\\u") {
            let save = self.i;
            self.i += 2;
            let lo = self.hex4()?;
            if (0xDC00..0xE000).contains(&lo) {
                return Ok(char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)).unwrap_or('\u{FFFD}'));
            }
            self.i = save;
        }
        Ok(char::from_u32(hi).unwrap_or('\u{FFFD}'))
    }

    fn number(&mut self) -> Step<Node<'a>> {
        let start = self.i;
        self.eat(b"-");
        let digits = |p: &mut Self| {
            let from = p.i;
            while let Some(b'0'..=b'9') = p.peek() {
                p.i += 1;
            }
            p.i > from
        };
        // One zero, or digits not starting with one (`01` is not JSON).
        if !(self.eat(b"0") || digits(self)) || self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return self.err("invalid number");
        }
        if self.eat(b".") && !digits(self) {
            return self.err("invalid number");
        }
        if self.eat(b"e") || self.eat(b"E") {
            let _ = self.eat(b"+") || self.eat(b"-");
            if !digits(self) {
                return self.err("invalid number");
            }
        }
        Ok(Node::Number(self.text.get(start..self.i).unwrap_or_default()))
    }
}

/// The end of the run of bytes from `i` on that a string holds as they are: the first `"`, `\\` or control
/// character, or the end of the text. Eight bytes at a time (SWAR): a portfolio is mostly strings, and a byte
/// at a time was a sixth of reading one. For each test, `(x - 0x01…) & !x & 0x80…` flags the bytes of `x`
/// that are zero (`x` is the word xor'd with the byte looked for) or, with `0x20…` subtracted, below 0x20;
/// a borrow can flag a byte above a flagged one, never below, so the lowest flag is exact.
#[inline]
fn plain(s: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(word) = s.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let w = u64::from_le_bytes(word);
        let (quote, backslash) = (w ^ (ONES * u64::from(b'"')), w ^ (ONES * u64::from(b'\\')));
        let flags = (quote.wrapping_sub(ONES) & !quote | backslash.wrapping_sub(ONES) & !backslash
            | w.wrapping_sub(ONES * 0x20) & !w) & HIGH;
        if flags != 0 {
            return i + (flags.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while s.get(i).is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20) {
        i += 1;
    }
    i
}

/// Where a value sits in the caller's argument: the path of an error message, and its field for the code.
#[derive(Clone, Copy)]
pub enum Path<'p> {
    /// The whole argument, by the name errors give it (`request`, `portfolio`, ...).
    Root(&'static str),
    /// A field of an object.
    Field(&'p Path<'p>, &'static str),
    /// An element of an array.
    Index(&'p Path<'p>, usize),
    /// An entry of a map keyed by data (an asset type of `annual_prices`): named after its map.
    Entry(&'p Path<'p>, &'p str),
}

impl<'p> Path<'p> {
    /// The code's field: the innermost field on the path (`validity_days` / `validity_years` for
    /// `order_validity.days` / `.years`), or the root.
    pub fn field(&self) -> &'static str {
        match self {
            Path::Root(name) => name,
            Path::Field(Path::Field(_, "order_validity"), "days") => "validity_days",
            Path::Field(Path::Field(_, "order_validity"), "years") => "validity_years",
            Path::Field(_, name) => name,
            Path::Index(up, _) | Path::Entry(up, _) => up.field(),
        }
    }

    fn render(&self, out: &mut String) {
        match self {
            Path::Root(name) => out.push_str(name),
            Path::Field(up, name) => {
                if let Path::Root(_) = up {
                } else {
                    up.render(out);
                    out.push('.');
                }
                out.push_str(name);
            }
            Path::Index(up, i) => {
                up.render(out);
                out.push('[');
                crate::error::push_digits(out, *i as u64);
                out.push(']');
            }
            Path::Entry(up, key) => {
                up.render(out);
                out.push('.');
                out.push_str(&clip(key));
            }
        }
    }

    /// An `invalid_value:<field>` error whose message is `<path>: <what>`.
    pub fn error(&self, what: &str) -> Error {
        let mut message = String::new();
        self.render(&mut message);
        message.push_str(": ");
        message.push_str(what);
        Error::invalid(self.field(), message)
    }

    fn expected(&self, what: &str, v: &Value<'_>) -> Error {
        self.error(&msg!("expected ", what, ", found ", v.kind()))
    }
}

/// A type read from a JSON value at a path.
pub trait FromJson: Sized {
    /// Whether `null` stands for an absent optional field. Not for numbers: `JSON.stringify` writes `NaN` and
    /// `Infinity` as `null`, and a computed count that went wrong must not silently become the default.
    const NULL_IS_ABSENT: bool = true;

    /// Reads `v`.
    ///
    /// # Errors
    /// `invalid_value:<field>` naming the innermost field of `at`.
    fn from_json(v: &Value<'_>, at: &Path<'_>) -> Result<Self>;
}

/// Reads one argument from JSON text; `root` names it in errors (`request`, `price_list`, ...).
///
/// # Errors
/// `invalid_value:<root>` when the text is not JSON or not an object; `invalid_value:<field>` naming the
/// innermost field of what failed, `validity_days` / `validity_years` inside `order_validity`.
///
/// # Example
/// ```
/// use certcalc::PriceListInput;
/// let err = certcalc::from_json::<PriceListInput>(r#"{ "currency": "USD", "products": [
///     { "product_name_id": "x", "name": "X", "family": "tls", "annual_prices": { "fqdn": 400 } } ] }"#,
///     "price_list").unwrap_err();
/// assert_eq!(err.code(), "invalid_value:annual_prices"); // money is a decimal string, never a number
/// assert_eq!(err.message(), "products[0].annual_prices.fqdn: expected a decimal string, found a number");
/// ```
pub fn from_json<T: FromJson>(text: &str, root: &'static str) -> Result<T> {
    T::from_json(&parse(text, root)?.root(), &Path::Root(root))
}

/// An object's members, read by field name.
pub struct Object<'a, 'p> {
    members: Members<'a>,
    at: &'p Path<'p>,
}

impl<'a, 'p> Object<'a, 'p> {
    /// The members of `v`, which must be an object.
    ///
    /// # Errors
    /// `invalid_value:<field>` when `v` is not an object.
    #[inline(never)]
    pub fn new(v: &Value<'a>, at: &'p Path<'p>) -> Result<Self> {
        match v.node() {
            Node::Object(_) => Ok(Object { members: v.members(), at }),
            _ => Err(at.expected("an object", v)),
        }
    }

    /// The member's value; when a key repeats, the last one counts (as in `JSON.parse`).
    #[inline(never)]
    fn get(&self, key: &str) -> Option<Value<'a>> {
        self.members.clone().filter(|(k, _)| *k == Some(key)).last().map(|(_, v)| v)
    }

    /// A required field; `null` counts as missing.
    ///
    /// # Errors
    /// `invalid_value:<key>` when it is missing or malformed.
    pub fn req<T: FromJson>(&self, key: &'static str) -> Result<T> {
        let at = Path::Field(self.at, key);
        match self.get(key) {
            Some(v) if !v.is_null() => T::from_json(&v, &at),
            _ => Err(at.error("required")),
        }
    }

    /// An optional field; absent (and `null`, but for numbers) is `None`.
    ///
    /// # Errors
    /// `invalid_value:<key>` when it is malformed.
    pub fn opt<T: FromJson>(&self, key: &'static str) -> Result<Option<T>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) if T::NULL_IS_ABSENT && v.is_null() => Ok(None),
            Some(v) => T::from_json(&v, &Path::Field(self.at, key)).map(Some),
        }
    }

    /// An optional field with a default.
    ///
    /// # Errors
    /// `invalid_value:<key>` when it is malformed.
    pub fn or_default<T: FromJson + Default>(&self, key: &'static str) -> Result<T> {
        self.opt(key).map(Option::unwrap_or_default)
    }

    /// Every member, for a map keyed by data, the last of a repeated key only; each value is read at
    /// `Path::Entry`.
    ///
    /// # Errors
    /// The first error `f` gives.
    pub fn entries<T>(&self, mut f: impl FnMut(&str, &Value<'a>, &Path<'_>) -> Result<T>) -> Result<Vec<T>> {
        let all: Vec<_> = self.members.clone().filter_map(|(k, v)| Some((k?, v))).collect();
        let mut seen = crate::keys::KeySet::default();
        let last: Vec<_> = all.into_iter().rev().filter(|(k, _)| seen.insert(0, k).1).collect();
        let mut out = Vec::with_capacity(last.len());
        for (k, v) in last.into_iter().rev() {
            out.push(f(k, &v, &Path::Entry(self.at, k))?);
        }
        Ok(out)
    }
}

impl FromJson for String {
    fn from_json(v: &Value<'_>, at: &Path<'_>) -> Result<Self> {
        v.as_str().map(str::to_owned).ok_or_else(|| at.expected("a string", v))
    }
}

impl FromJson for bool {
    fn from_json(v: &Value<'_>, at: &Path<'_>) -> Result<Self> {
        match v.node() {
            Node::Bool(b) => Ok(*b),
            _ => Err(at.expected("true or false", v)),
        }
    }
}

/// A whole number of an integer type, or an error saying `expected <what>`.
fn integer<T: TryFrom<i64>>(v: &Value<'_>, at: &Path<'_>, what: &str) -> Result<T> {
    match v.as_number() {
        // The number is not quoted back: `JSON.stringify` may write it differently (`1.50` → `1.5`).
        Some(n) => whole(n).and_then(|n| T::try_from(n).ok()).ok_or_else(|| at.error(&msg!("expected ", what))),
        None => Err(at.expected(what, v)),
    }
}

impl FromJson for u32 {
    const NULL_IS_ABSENT: bool = false;

    fn from_json(v: &Value<'_>, at: &Path<'_>) -> Result<Self> {
        integer(v, at, "a whole number from 0 to 4294967295")
    }
}

impl FromJson for i64 {
    const NULL_IS_ABSENT: bool = false;

    fn from_json(v: &Value<'_>, at: &Path<'_>) -> Result<Self> {
        integer(v, at, "a whole number")
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value<'_>, at: &Path<'_>) -> Result<Self> {
        match v.node() {
            Node::Array(_) => {
                // A loop, not `collect` into a `Result`: that adapter was 1 kB of the web build per element type.
                let mut out = Vec::new();
                for (i, (_, v)) in v.members().enumerate() {
                    out.push(T::from_json(&v, &Path::Index(at, i))?);
                }
                Ok(out)
            }
            _ => Err(at.expected("an array", v)),
        }
    }
}

/// Reads a string that must be one of `names`, giving the matching value.
///
/// # Errors
/// `invalid_value:<field>` listing the names.
pub fn one_of<T: Copy>(v: &Value<'_>, at: &Path<'_>, names: &[(&str, T)]) -> Result<T> {
    match v.as_str() {
        Some(s) => named(s, at, names),
        None => Err(at.expected(&msg!("one of ", list(names)), v)),
    }
}

/// The value that `s` names among `names` (a key that is data, such as an asset type of `annual_prices`).
///
/// # Errors
/// `invalid_value:<field>` listing the names.
pub fn named<T: Copy>(s: &str, at: &Path<'_>, names: &[(&str, T)]) -> Result<T> {
    let found = names.iter().find(|(n, _)| *n == s).map(|(_, t)| *t);
    found.ok_or_else(|| at.error(&msg!("'", clip(s), "' is not one of ", list(names))))
}

fn list<T>(names: &[(&str, T)]) -> String {
    let mut out = String::new();
    for (i, (n, _)) in names.iter().enumerate() {
        out.push_str(if i == 0 { "" } else { ", " });
        out.push_str(n);
    }
    out
}

/// A JSON number's exact value when it is a whole number within `i64` (`2`, `2.0`, `2e3`, `-0`), as
/// `JSON.parse` and `JSON.stringify` agree on for every whole number up to 2^53. (Every integer certcalc
/// reads is an `i64` or a `u32`.)
fn whole(n: &str) -> Option<i64> {
    let (negative, n) = n.strip_prefix('-').map_or((false, n), |rest| (true, rest));
    let (mantissa, exp) = match n.bytes().position(|b| b == b'e' || b == b'E') {
        Some(i) => (n.get(..i)?, n.get(i + 1..)?),
        None => (n, "0"),
    };
    let (exp_negative, exp) = exp.strip_prefix('-').map_or((false, exp.strip_prefix('+').unwrap_or(exp)), |e| (true, e));
    let exp = digits(exp.bytes())?;
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // value = significant × 10^scale: the digits (int then frac) without their trailing zeros, each zero
    // taken off raising the scale by one.
    let all = int.bytes().chain(frac.bytes());
    let zeros = all.clone().rev().take_while(|&b| b == b'0').count();
    let significant = digits(all.take(int.len() + frac.len() - zeros))?;
    let exp = if exp_negative { -exp } else { exp };
    let scale = exp.checked_add(i64::try_from(zeros).ok()?)?.checked_sub(i64::try_from(frac.len()).ok()?)?;
    if significant == 0 {
        return Some(0);
    }
    let v = (0..u32::try_from(scale).ok()?).try_fold(significant, |v, _| v.checked_mul(10))?;
    Some(if negative { -v } else { v })
}

/// The value of a run of ASCII digits, when it fits an `i64`.
fn digits(bytes: impl Iterator<Item = u8>) -> Option<i64> {
    bytes.map(|b| b.wrapping_sub(b'0')).try_fold(0i64, |v, d| if d < 10 { v.checked_mul(10)?.checked_add(i64::from(d)) } else { None })
}

/// A type written as JSON.
pub trait ToJson {
    /// Appends `self` to `out`.
    fn write_json(&self, out: &mut Writer);
}

/// `ToJson` for enums with an `as_str()`: each is written as its snake_case name.
macro_rules! written_as_str {
    ($t:ty) => {
        impl $crate::json::ToJson for $t {
            fn write_json(&self, out: &mut $crate::json::Writer) {
                $crate::json::ToJson::write_json(self.as_str(), out);
            }
        }
    };
}
pub(crate) use written_as_str;

/// Writes a value as compact JSON text, with its fields in declaration order.
///
/// # Example
/// ```
/// use certcalc::{pay_renewal, PaymentInput};
/// let p: PaymentInput = certcalc::from_json(r#"{ "amount_due": "10.00", "currency": "USD",
///     "account_balance": "25.00" }"#, "payment").unwrap();
/// let json = certcalc::to_json(&pay_renewal(&p).unwrap());
/// assert!(json.starts_with(r#"{"currency":"USD","status":"paid","steps":[{"source":"account_balance","#));
/// ```
pub fn to_json<T: ToJson + ?Sized>(value: &T) -> String {
    let mut w = Writer { out: String::with_capacity(1024), comma: false };
    value.write_json(&mut w);
    w.out
}

/// A JSON text being written; objects and arrays open and close around their members.
pub struct Writer {
    out: String,
    comma: bool,
}

impl Writer {
    fn sep(&mut self) {
        if self.comma {
            self.out.push(',');
        }
        self.comma = true;
    }

    /// Writes an object whose members `f` writes with [`Writer::field`].
    pub fn object(&mut self, f: impl FnOnce(&mut Self)) {
        self.sep();
        self.out.push('{');
        self.comma = false;
        f(self);
        self.out.push('}');
        self.comma = true;
    }

    /// Writes one member. Its name is one of certcalc's snake_case field names, written as is.
    pub fn field<T: ToJson + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.key(name);
        value.write_json(self);
    }

    /// `"name":`, not inlined into each of the many `field` instances.
    #[inline(never)]
    fn key(&mut self, name: &'static str) {
        self.out.push_str(if self.comma { ",\"" } else { "\"" });
        self.out.push_str(name);
        self.out.push_str("\":");
        self.comma = false;
    }

    /// Writes one member when it is `Some`.
    pub fn opt<T: ToJson>(&mut self, name: &'static str, value: &Option<T>) {
        if let Some(v) = value {
            self.field(name, v);
        }
    }

    /// Writes a string whose text `f` appends and which needs no escaping (an amount, a date).
    pub(crate) fn quoted(&mut self, f: impl FnOnce(&mut String)) {
        self.sep();
        self.out.push('"');
        f(&mut self.out);
        self.out.push('"');
    }

    /// Writes text that is already a JSON value's (a number or literal).
    pub fn raw(&mut self, text: &str) {
        self.sep();
        self.out.push_str(text);
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        // Names, ids and dates rarely need escaping: one pass to check, one copy.
        if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
            self.out.push_str(s);
            self.out.push('"');
            return;
        }
        let mut from = 0;
        for (i, b) in s.bytes().enumerate() {
            let esc = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(s.get(from..i).unwrap_or_default());
            if esc.is_empty() {
                self.out.push_str("\\u00");
                for nibble in [b >> 4, b & 0xf] {
                    self.out.push(char::from(b"0123456789abcdef".get(usize::from(nibble)).copied().unwrap_or(b'0')));
                }
            } else {
                self.out.push_str(esc);
            }
            from = i + 1;
        }
        self.out.push_str(s.get(from..).unwrap_or_default());
        self.out.push('"');
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut Writer) {
        out.sep();
        out.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut Writer) {
        self.as_str().write_json(out);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut Writer) {
        out.raw(if *self { "true" } else { "false" });
    }
}

impl ToJson for u32 {
    fn write_json(&self, out: &mut Writer) {
        out.sep();
        crate::error::push_digits(&mut out.out, u64::from(*self));
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut Writer) {
        out.sep();
        out.out.push('[');
        out.comma = false;
        for item in self {
            item.write_json(out);
        }
        out.out.push(']');
        out.comma = true;
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut Writer) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut Writer) {
        (**self).write_json(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_read_exactly() {
        let rows: &[(&str, Option<i64>)] = &[
            ("0", Some(0)), ("-0", Some(0)), ("7", Some(7)), ("2.0", Some(2)), ("2e3", Some(2000)),
            ("2E+3", Some(2000)), ("1000e-3", Some(1)), ("1500e-3", None), ("1.5", None), ("1e-1", None), ("0.0e-400", Some(0)),
            ("-12", Some(-12)), ("4294967295", Some(4_294_967_295)), ("9223372036854775807", Some(i64::MAX)), ("-9223372036854775807", Some(-i64::MAX)),
            ("9223372036854775808", None), ("1e19", None), ("1e20", None),
            ("1e21", None), ("123456789012345678901", None), ("1e999999999999999999999", None),
        ];
        for (text, want) in rows {
            assert_eq!(whole(text), *want, "{text}");
        }
    }

    #[test]
    fn syntax_errors_are_refused_at_the_root() {
        for text in ["", "{", "[1,]", "01", "-01", "\"\\u+123\"", "\"\\u12\"", "\"\\u12G4\"", "{\"a\" 1}", "nul", "01x", "\"\\x\"", "\"\u{1}\"", "1 2", "-", "1.", "1e"] {
            assert_eq!(parse(text, "request").map(|_| ()).map_err(|e| e.code().to_owned()), Err("invalid_value:request".into()), "{text:?}");
        }
        assert!(parse(&"[".repeat(MAX_DEPTH + 2), "plan").is_err()); // unterminated, however deep
        // Below the depth where values are skipped, the syntax is still checked.
        let deep = |inner: &str| format!("{}{inner}{}", "[".repeat(MAX_DEPTH + 3), "]".repeat(MAX_DEPTH + 3));
        assert!(parse(&deep(r#"{"a": [1, {"b": "]"}], "c": {}}"#), "plan").is_ok());
        for bad in ["tru", "1,,2", "{\"a\" 1}", "{1: 2}", "[}", "1 2", "{\"a\": 1,}"] {
            assert!(parse(&deep(bad), "plan").is_err(), "{bad}");
        }
        assert!(parse(&format!("{}{}", "[".repeat(MAX_DEPTH + 3), "]".repeat(MAX_DEPTH + 2)), "plan").is_err());
    }

    #[test]
    fn values_nested_too_deeply_are_skipped_unread() {
        let deep = |n: usize| format!("{}\"]}}\"{}", "[{\"a\":".repeat(n), "}]".repeat(n));
        let text = format!(r#"{{"years": 2, "note": {}}}"#, deep(100_000));
        let doc = parse(&text, "plan").unwrap();
        let o = Object::new(&doc.root(), &Path::Root("plan")).unwrap();
        assert_eq!(o.req::<u32>("years"), Ok(2));
        let err = o.req::<Vec<String>>("note").unwrap_err();
        assert_eq!((err.code(), err.message()), ("invalid_value:note", "note[0]: expected a string, found an object"));
        let mut inner = doc.root().members().nth(1).unwrap().1;
        for _ in 1..MAX_DEPTH {
            inner = inner.members().next().unwrap().1;
        }
        assert_eq!(inner.node(), &Node::TooDeep);
        assert_eq!(inner.0.len(), 1, "nothing below it is on the tape");
    }

    #[test]
    fn strings_round_trip() {
        let text = r#""a\"b\\c\/d\n\u00e9\ud83d\ude00\ud800x\u0001""#;
        let doc = parse(text, "r").unwrap();
        let s = doc.root().as_str().unwrap();
        assert_eq!(s, "a\"b\\c/d\né😀\u{FFFD}x\u{1}");
        assert_eq!(to_json(s), r#""a\"b\\c/d\né😀�x\u0001""#);
    }

    #[test]
    fn plain_stops_where_a_byte_at_a_time_stops() {
        // Every stopping byte at every offset of a word and the next, among ASCII and multi-byte text (whose
        // bytes are all ≥ 0x80), next to the bytes either side of each test's edge.
        let fill = "aé😀\u{7f} !#[\u{1f}".chars().filter(|c| *c >= ' ' && *c != '"' && *c != '\\').collect::<Vec<_>>();
        for stop in ['"', '\\', '\u{0}', '\u{1}', '\u{1f}', '\n'] {
            for at in 0..20 {
                let text: String = (0..at).map(|k| fill[k % fill.len()]).chain([stop, 'z', '"']).collect();
                let want = text.bytes().position(|b| b == b'"' || b == b'\\' || b < 0x20).unwrap();
                assert_eq!(plain(text.as_bytes(), 0), want, "{text:?}");
            }
        }
        assert_eq!(plain(b"no stop at all, 8 bytes and more", 3), 32);
    }

    #[test]
    fn the_last_of_repeated_keys_counts() {
        let doc = parse(r#"{"a": 1, "a": true}"#, "r").unwrap();
        let at = Path::Root("r");
        assert_eq!(Object::new(&doc.root(), &at).unwrap().req::<bool>("a"), Ok(true));
    }
}
