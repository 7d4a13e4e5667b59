//! Assets (R1): what a certificate request protects, classified, validated and de-duplicated.

use crate::catalog::{AssetType, Family};
use crate::error::{Error, Problem, Problems, Result};
use crate::text::{clip, is_label};
use crate::json::{objects, List, Name, Read};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashSet;

/// A certificate names at most this many distinct assets.
pub const MAX_ASSETS: usize = 250;
/// The longest list whose repeats are found by scanning it rather than by hashing: no set to allocate and
/// hash for the usual few names (and a roll-up's 10,000 lists of 10 licenses).
const SCAN_AT_MOST: usize = 32;
/// A list in a request may hold at most this many entries, duplicates included, so a huge list is refused
/// before any work is done on it.
pub const MAX_LIST_ENTRIES: usize = 1_000;

/// The `certificate` of a CertCentral order or price-estimate request. Fields the product's family does not
/// use are ignored, so a request body an integrator already sends can be passed as it is.
#[derive(Debug, Clone, Default, Deserialize, tsify::Tsify)]
pub struct CertificateInput {
    /// The common name: a domain for TLS and mark certificates.
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub common_name: Read<String>,
    /// Further domains (TLS, marks).
    #[serde(default)]
    #[tsify(optional, type = "string[]")]
    pub dns_names: Read<Names>,
    /// Email addresses (S/MIME).
    #[serde(default)]
    #[tsify(optional, type = "string[]")]
    pub emails: Read<Names>,
    /// The organization name (code and document signing); a root `organization: { id }` wins over it.
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub organization: Read<String>,
    /// The certificate's own length inside its order: at most the family's certificate maximum, and never
    /// past the order's end (`invalid_value:cert_validity`).
    #[serde(default)]
    #[tsify(optional, type = "CertValidity")]
    pub cert_validity: Read<crate::validity::CertValidity>,
}

/// A list of names as a request gives it: at most [`MAX_LIST_ENTRIES`], each at most
/// [`crate::MAX_NAME_BYTES`] long.
pub type Names = List<Name, MAX_LIST_ENTRIES>;

objects!(CertificateInput);

/// One asset: its canonical name (domains in lower case, one trailing dot removed) and its type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Asset<'a> {
    /// The canonical name: the request's own text when it is already canonical.
    pub name: Cow<'a, str>,
    /// What it is.
    pub asset_type: AssetType,
}

impl Asset<'_> {
    /// The key a repeat is found by ([`Repeats`]): its type's place and its name.
    fn key(&self) -> (usize, &str) {
        (self.asset_type.index(), &self.name)
    }
}

/// Repeats among keys met in list order, each `(index, name)`: a certificate's assets (by type) and a
/// subscription's bound licenses (by product). A short list is scanned, the keys before each one, with no
/// set to allocate and hash; a longer one is kept in a hash set.
pub(crate) struct Repeats<'k>(Option<HashSet<(usize, &'k str)>>);

impl<'k> Repeats<'k> {
    /// For a list of `len` entries.
    pub(crate) fn new(len: usize) -> Self {
        Repeats((len > SCAN_AT_MOST).then(|| HashSet::with_capacity(len)))
    }

    /// Whether `key` was met before; `earlier` gives the keys before it, and is read only for a short list.
    pub(crate) fn seen<I: IntoIterator<Item = (usize, &'k str)>>(&mut self, key: (usize, &'k str), earlier: impl FnOnce() -> I) -> bool {
        match &mut self.0 {
            Some(set) => !set.insert(key),
            None => earlier().into_iter().any(|e| e == key),
        }
    }
}

/// Assets whose names are copied out of the request that named them.
pub(crate) fn owned(assets: Vec<Asset<'_>>) -> Vec<Asset<'static>> {
    assets.into_iter().map(|a| Asset { name: Cow::Owned(a.name.into_owned()), asset_type: a.asset_type }).collect()
}

/// The distinct assets a request for a product of `family` names, in request order (common name first).
///
/// # Errors
/// `invalid_value:common_name`, `invalid_value:dns_names`, `invalid_value:emails` or
/// `invalid_value:organization` naming each bad value by its path (`dns_names[3]`; at most [`crate::MAX_PROBLEMS`], then "and N more"); the same code when the family's field is
/// missing or more than [`MAX_ASSETS`] distinct assets are named.
///
/// # Example
/// ```
/// use certcalc::{request_assets, AssetType, CertificateInput, Family};
/// let cert = CertificateInput {
///     common_name: String::from("Example.COM.").into(),
///     dns_names: certcalc::List::from(vec!["example.com".into(), "*.example.com".into()]).into(),
///     ..Default::default()
/// };
/// let assets = request_assets(Family::Tls, &cert).unwrap();
/// assert_eq!(assets.len(), 2); // the common name, folded, is the first dns name
/// assert_eq!((&*assets[1].name, assets[1].asset_type), ("*.example.com", AssetType::Wildcard));
/// ```
pub fn request_assets<'a>(family: Family, cert: &'a CertificateInput) -> Result<Vec<Asset<'a>>> {
    let mut problems = Problems::default();
    let field = field_of(family);
    // The single names (a common name, an organization), then a list's names with their positions.
    let mut raw: Vec<(&'static str, &'a Read<String>)> = Vec::new();
    let mut names: Vec<(usize, &'a Read<Name>)> = Vec::new();
    let mut listed = |list: &'static str, names_of: &'a Read<Names>| {
        if let Some(list) = problems.optional(list, names_of) {
            names.extend(list.entries());
        }
    };
    match family {
        Family::Tls | Family::VerifiedMark | Family::CommonMark => {
            raw.push(("common_name", &cert.common_name));
            listed("dns_names", &cert.dns_names);
        }
        Family::SecureEmail => listed("emails", &cert.emails),
        Family::CodeSigning | Family::DocumentSigning => raw.push(("organization", &cert.organization)),
    }
    let list_field = if family == Family::SecureEmail { "emails" } else { "dns_names" };
    let mut assets = Vec::with_capacity(names.len() + 1);
    let mut given = 0usize;
    let mut classify_into = |f: &'static str, path: &dyn Fn() -> String, name: &'a str, problems: &mut Problems| {
        match classify(family, name) {
            Ok(a) => assets.push(a),
            Err(why) => problems.push(Problem::at(f, path(), why)),
        }
    };
    for (f, r) in raw {
        given += usize::from(!r.is_absent());
        if let Some(name) = problems.optional(f, r) {
            classify_into(f, &|| f.to_owned(), name, &mut problems);
        }
    }
    for (i, r) in names {
        let path = || format!("{list_field}[{i}]");
        given += 1;
        if let Some(Name(name)) = problems.required_at(list_field, format_args!("{list_field}[{i}]"), r) {
            classify_into(list_field, &path, name, &mut problems);
        }
    }
    if given == 0 {
        problems.push(Problem::invalid(field, format!("the certificate names no asset: give {}", needs(family))));
    }
    problems.finish()?;
    // An asset named twice is one asset, at its first place. Found by borrowing the names, so none is copied.
    let first: Vec<bool> = {
        let mut repeats = Repeats::new(assets.len());
        let earlier = |k: usize| assets.get(..k).unwrap_or_default().iter().map(Asset::key);
        assets.iter().enumerate().map(|(k, a)| !repeats.seen(a.key(), || earlier(k))).collect()
    };
    let mut first = first.into_iter();
    assets.retain(|_| first.next().unwrap_or(false));
    if assets.len() > MAX_ASSETS {
        return Err(Error::invalid(field, format!("a certificate names at most {} assets, not {}", MAX_ASSETS, assets.len())));
    }
    Ok(assets)
}

/// The request field a family's assets are named in: `dns_names`, `emails` or `organization`.
pub(crate) fn field_of(family: Family) -> &'static str {
    match family {
        Family::Tls | Family::VerifiedMark | Family::CommonMark => "dns_names",
        Family::SecureEmail => "emails",
        Family::CodeSigning | Family::DocumentSigning => "organization",
    }
}

fn needs(family: Family) -> &'static str {
    match family {
        Family::Tls | Family::VerifiedMark | Family::CommonMark => "common_name or dns_names",
        Family::SecureEmail => "emails",
        Family::CodeSigning | Family::DocumentSigning => "organization",
    }
}

fn classify(family: Family, name: &str) -> Result<Asset<'_>, String> {
    let t = match family {
        Family::Tls if name.starts_with("*.") => AssetType::Wildcard,
        Family::Tls => AssetType::Fqdn,
        Family::VerifiedMark | Family::CommonMark => AssetType::EmailDomain,
        Family::SecureEmail => AssetType::EmailAddress,
        Family::CodeSigning | Family::DocumentSigning => AssetType::Organization,
    };
    fold(t, name).map(|name| Asset { name, asset_type: t })
}

/// The canonical name of an asset of type `t`, or a problem naming the value under `field`.
///
/// # Errors
/// `invalid_value:<field>` when `name` is not a valid asset of that type.
///
/// # Example
/// ```
/// use certcalc::{canonical, AssetType};
/// assert_eq!(canonical(AssetType::Wildcard, "*.Example.com.", "asset").unwrap(), "*.example.com");
/// assert!(canonical(AssetType::Wildcard, "a.*.example.com", "asset").is_err()); // only the leftmost label
/// assert!(canonical(AssetType::Fqdn, "*.example.com", "asset").is_err());       // types never substitute
/// ```
pub fn canonical<'a>(t: AssetType, name: &'a str, field: &str) -> Result<Cow<'a, str>, Problem> {
    fold(t, name).map_err(|why| Problem::invalid(field, why))
}

/// The canonical name of an asset of type `t`, or why `name` is not one.
fn fold(t: AssetType, name: &str) -> Result<Cow<'_, str>, String> {
    let wildcard = |d: &str| d.starts_with("*.");
    let canon = match t {
        AssetType::Fqdn | AssetType::EmailDomain => domain(name).and_then(|d| if wildcard(&d) { Err("a wildcard is its own asset type") } else { Ok(d) }),
        AssetType::Wildcard => domain(name).and_then(|d| if wildcard(&d) { Ok(d) } else { Err("it has no leading *.") }),
        AssetType::EmailAddress => email(name).map(Cow::Owned).ok_or("it is not an email address"),
        AssetType::Organization => organization(name).ok_or("it has no character to show, or a control character"),
    };
    canon.map_err(|why| format!("'{}' is not a valid {} name: {why}", clip(name), describe(t)))
}

fn describe(t: AssetType) -> &'static str {
    match t {
        AssetType::Fqdn => "domain",
        AssetType::Wildcard => "wildcard domain (*. then a domain)",
        AssetType::EmailDomain => "email domain",
        AssetType::EmailAddress => "email address",
        AssetType::Organization => "organization (1 to 64 characters)",
    }
}

/// A domain as certcalc compares it: folded by UTS 46 (the `idna` crate: lower case, and a Unicode name to
/// its A-label, `bücher.example` → `xn--bcher-kva.example`, as browsers do), one trailing dot removed; LDH
/// labels of 1–63 characters, at least two, at most 253 characters, optionally `*` as the whole leftmost
/// label, and a last label that is not all digits (an IP address is not a domain).
///
/// # Errors
/// Why not, in words: not a valid internationalized name, an invalid punycode label, a label too long, too
/// long, or not a domain.
fn domain(s: &str) -> Result<Cow<'_, str>, &'static str> {
    const NOT_A_DOMAIN: &str = "a domain is two or more labels of letters, digits and inner hyphens, the last not a number";
    let s = s.strip_suffix('.').unwrap_or(s);
    let (wildcard, rest) = match s.strip_prefix("*.") {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let ascii = rest.is_ascii();
    // Only letters, digits, hyphens and dots of ASCII reach the folding, so that both foldings (below) see
    // the same names. (An ASCII name is checked for them in the one pass over its labels.)
    if !ascii && rest.bytes().any(|b| b.is_ascii() && !(b.is_ascii_alphanumeric() || b == b'-' || b == b'.')) {
        return Err(NOT_A_DOMAIN);
    }
    // An ASCII name without punycode is its own A-label: lower case is all its folding, and a name already in
    // lower case is borrowed as it is (most are), not copied.
    let (name, shape) = match ascii.then(|| Shape::of(rest)) {
        Some(shape) if !shape.punycode => (if shape.upper { Cow::Owned(s.to_ascii_lowercase()) } else { Cow::Borrowed(s) }, shape),
        _ => {
            let folded = a_label(rest).ok_or(if ascii {
                "a punycode (xn--) label in it does not decode"
            } else {
                "it is not a valid internationalized domain name (UTS 46)"
            })?;
            let shape = Shape::of(&folded);
            (Cow::Owned(if wildcard { format!("*.{folded}") } else { folded }), shape)
        }
    };
    if ascii && shape.other_byte {
        return Err(NOT_A_DOMAIN);
    }
    if shape.long_label {
        return Err("a label of it is longer than 63 characters");
    }
    if name.len() > 253 {
        return Err("it is longer than 253 characters");
    }
    if shape.labels < 2 || shape.other_byte || shape.bad_label || shape.last_is_number {
        return Err(NOT_A_DOMAIN);
    }
    Ok(name)
}

/// What one pass over an ASCII domain's labels finds: how many, whether one is over 63 bytes, whether a byte
/// is not a letter, digit or hyphen, whether a letter is upper case, whether a label is empty or starts or
/// ends with a hyphen, whether the last is all digits, and whether one is punycode (`xn--` in any case, to
/// be checked by folding).
#[derive(Default)]
struct Shape {
    labels: usize,
    punycode: bool,
    long_label: bool,
    other_byte: bool,
    upper: bool,
    bad_label: bool,
    last_is_number: bool,
}

/// What each byte is in a domain: a lower-case letter, digit or hyphen; an upper-case letter; a dot; or none
/// of those. One table lookup per byte, where comparisons against five ranges took several.
const BYTE_CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = match c {
            b'a'..=b'z' | b'0'..=b'9' | b'-' => LDH,
            b'A'..=b'Z' => UPPER,
            b'.' => DOT,
            _ => OTHER,
        };
        b += 1;
    }
    class
};
const LDH: u8 = 0;
const UPPER: u8 = 1;
const DOT: u8 = 2;
const OTHER: u8 = 3;

impl Shape {
    /// One pass over the bytes: each is a letter, digit or hyphen, a dot ending a label, or another byte.
    fn of(name: &str) -> Shape {
        let mut shape = Shape::default();
        let bytes = name.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            // Any byte is in the table: `get` never misses, and the compiler checks nothing.
            match BYTE_CLASS.get(usize::from(b)).copied().unwrap_or(OTHER) {
                LDH => {}
                UPPER => shape.upper = true,
                DOT => {
                    shape.label(bytes.get(start..i).unwrap_or_default());
                    start = i + 1;
                }
                _ => shape.other_byte = true,
            }
        }
        let last = bytes.get(start..).unwrap_or_default();
        shape.label(last);
        shape.last_is_number = last.iter().all(u8::is_ascii_digit);
        shape
    }

    fn label(&mut self, label: &[u8]) {
        self.labels += 1;
        self.long_label |= label.len() > 63;
        self.punycode |= label.get(..4).is_some_and(|p| p.eq_ignore_ascii_case(b"xn--"));
        self.bad_label |= label.first().is_none_or(|&b| b == b'-') || label.last() == Some(&b'-');
    }
}

/// A name's A-label by UTS 46 (lower case, Unicode labels to punycode, punycode labels checked): the `idna`
/// crate natively; in the web build the function the boundary registers with [`set_a_label`], the
/// platform's URL parser. `None` when the name is not a valid internationalized domain name.
fn a_label(name: &str) -> Option<String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        idna::domain_to_ascii(name).ok()
    }
    #[cfg(target_arch = "wasm32")]
    {
        A_LABEL.get().and_then(|fold| fold(name))
    }
}

/// The web build's UTS 46 folding, registered once by the boundary.
#[cfg(target_arch = "wasm32")]
static A_LABEL: std::sync::OnceLock<fn(&str) -> Option<String>> = std::sync::OnceLock::new();

/// Registers the web build's UTS 46 folding (the boundary calls it once, at start).
#[cfg(target_arch = "wasm32")]
pub fn set_a_label(fold: fn(&str) -> Option<String>) {
    let _ = A_LABEL.set(fold);
}

/// `local@domain` as RFC 5321 writes a mailbox: the local part a dot-atom or a quoted string, UTF-8 allowed
/// (RFC 6531), kept as given (local parts may be case-sensitive), at most 64 bytes; the domain as [`domain`]
/// (folded, a Unicode domain to its A-label), without a wildcard; at most 254 bytes in all. The grammar is
/// the `email_address` crate's, without display text or a domain literal; a part it reads differently from
/// the text given is not a mailbox.
fn email(s: &str) -> Option<String> {
    let options = email_address::Options::default().without_display_text().without_domain_literal();
    let parsed = email_address::EmailAddress::parse_with_options(s, options).ok()?;
    let (local, dom) = (parsed.local_part(), parsed.domain());
    if format!("{local}@{dom}") != s || local.len() > 64 || local.chars().any(char::is_control) {
        return None;
    }
    let dom = domain(dom).ok().filter(|d| !d.starts_with('*'))?;
    (local.len() + 1 + dom.len() <= 254).then(|| format!("{local}@{dom}"))
}

/// An organization name, trimmed: 1–64 characters (X.509's upper bound for O), no control characters.
fn organization(s: &str) -> Option<Cow<'_, str>> {
    let t = s.trim();
    is_label(t, 64).then_some(Cow::Borrowed(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r1_classification_table() {
        // (asset type, input, canonical or None) — R1
        let rows: &[(AssetType, &str, Option<&str>)] = &[
            (AssetType::Fqdn, "example.com", Some("example.com")),
            (AssetType::Fqdn, "Example.COM.", Some("example.com")),
            (AssetType::Fqdn, "example.com..", None),
            (AssetType::Fqdn, "xn--bcher-kva.example", Some("xn--bcher-kva.example")),
            (AssetType::Fqdn, "bücher.example", Some("xn--bcher-kva.example")),
            (AssetType::Fqdn, "BÜCHER.example.", Some("xn--bcher-kva.example")),
            (AssetType::Wildcard, "*.bücher.example", Some("*.xn--bcher-kva.example")),
            (AssetType::Fqdn, "xn--zz.example", None), // punycode that does not decode
            (AssetType::EmailAddress, "jane@bücher.example", Some("jane@xn--bcher-kva.example")),
            (AssetType::Fqdn, "localhost", None),
            (AssetType::Fqdn, "192.168.0.1", None),
            (AssetType::Fqdn, "-a.example.com", None),
            (AssetType::Fqdn, "a-.example.com", None),
            (AssetType::Fqdn, "a_b.example.com", None),
            (AssetType::Fqdn, "a..example.com", None),
            (AssetType::Fqdn, "<img src=x onerror=alert(1)>", None),
            (AssetType::Fqdn, "*.example.com", None),
            (AssetType::Wildcard, "*.example.com", Some("*.example.com")),
            (AssetType::Wildcard, "*.EXAMPLE.com.", Some("*.example.com")),
            (AssetType::Wildcard, "*.com", None),
            (AssetType::Wildcard, "*a.example.com", None),
            (AssetType::Wildcard, "a.*.example.com", None),
            (AssetType::Wildcard, "*.*.example.com", None),
            (AssetType::Wildcard, "example.com", None),
            (AssetType::EmailDomain, "Example.com", Some("example.com")),
            (AssetType::EmailAddress, "User@Example.COM", Some("User@example.com")),
            (AssetType::EmailAddress, "a@b@example.com", None),
            (AssetType::EmailAddress, "@example.com", None),
            (AssetType::EmailAddress, "a b@example.com", None),
            (AssetType::EmailAddress, "a..b@example.com", None),
            // RFC 5321's mailbox: a dot-atom or a quoted string, nothing else
            (AssetType::EmailAddress, "<script>@example.com", None),
            (AssetType::EmailAddress, "a\"b@example.com", None),
            (AssetType::EmailAddress, "a(b)@example.com", None),
            (AssetType::EmailAddress, "a;b@example.com", None),
            (AssetType::EmailAddress, "a,b@example.com", None),
            (AssetType::EmailAddress, "\"john doe\"@example.com", Some("\"john doe\"@example.com")),
            (AssetType::EmailAddress, "first.last+tag@example.com", Some("first.last+tag@example.com")),
            (AssetType::EmailAddress, "josé@bücher.example", Some("josé@xn--bcher-kva.example")),
            (AssetType::EmailAddress, "user@[192.0.2.1]", None),
            (AssetType::EmailAddress, "user@*.example.com", None),
            (AssetType::Organization, "  Example Software Ltd ", Some("Example Software Ltd")),
            (AssetType::Organization, "", None),
            (AssetType::Organization, "bad\u{0}name", None),
        ];
        for &(t, input, want) in rows {
            assert_eq!(canonical(t, input, "f").ok().as_deref(), want, "{t:?} {input:?}");
        }
    }

    #[test]
    fn label_and_name_length_limits() {
        let l63 = "a".repeat(63);
        assert!(domain(&format!("{l63}.example")).is_ok());
        assert_eq!(domain(&format!("{}.example", "a".repeat(64))), Err("a label of it is longer than 63 characters"));
        let name253 = format!("{l63}.{l63}.{l63}.{}", "b".repeat(61)); // 63*3 + 61 + 3 dots = 253
        assert_eq!(name253.len(), 253);
        assert!(domain(&name253).is_ok());
        assert!(domain(&format!("{name253}.")).is_ok()); // the trailing dot is not counted
        assert!(domain(&format!("c{name253}")).is_err());
        // why a name is refused, in words
        assert_eq!(domain("xn--zz.example"), Err("a punycode (xn--) label in it does not decode"));
        assert!(domain("a_b.example").unwrap_err().starts_with("a domain is two or more labels"));
    }

    fn tls(cn: Option<&str>, dns: &[&str]) -> CertificateInput {
        CertificateInput {
            common_name: cn.map_or(Read::Absent, |cn| Read::Ok(cn.to_owned())),
            dns_names: Read::Ok(List::from(dns.iter().map(|&s| Name::from(s)).collect::<Vec<_>>())),
            ..Default::default()
        }
    }

    #[test]
    fn duplicates_count_once_and_order_is_kept() {
        let cert = tls(Some("b.example"), &["B.example.", "*.a.example", "b.example"]);
        let a = request_assets(Family::Tls, &cert).unwrap();
        let names: Vec<_> = a.iter().map(|a| &*a.name).collect();
        assert_eq!(names, ["b.example", "*.a.example"]);
    }

    #[test]
    fn at_most_250_assets() {
        let names: Vec<String> = (0..250).map(|i| format!("h{i}.example")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(request_assets(Family::Tls, &tls(Some("h0.example"), &refs)).unwrap().len(), 250);
        let e = request_assets(Family::Tls, &tls(Some("extra.example"), &refs)).unwrap_err();
        assert_eq!(e.code(), "invalid_value:dns_names");
    }

    #[test]
    fn bad_names_are_named_by_field() {
        let e = request_assets(Family::Tls, &tls(Some("bad_cn"), &["ok.example", "-bad.example"])).unwrap_err();
        let codes: Vec<_> = e.errors().iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["invalid_value:common_name", "invalid_value:dns_names"]);
        assert!(e.errors()[1].message.contains("-bad.example"));
        let marks = request_assets(Family::VerifiedMark, &tls(None, &["*.example.com"])).unwrap_err();
        assert_eq!(marks.code(), "invalid_value:dns_names");
        let empty = request_assets(Family::SecureEmail, &CertificateInput::default()).unwrap_err();
        assert_eq!(empty.code(), "invalid_value:emails");
        let org = request_assets(Family::CodeSigning, &CertificateInput::default()).unwrap_err();
        assert_eq!(org.code(), "invalid_value:organization");
    }
}
