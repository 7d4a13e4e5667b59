//! Text checks shared by the readers: labels (names, ids), and values clipped for quoting in messages.

/// Whether `s` has 1 to `max` characters, no control character and no invisible format character (zero-width
/// and bidirectional marks, a byte-order mark, a soft hyphen): a product name, a card or subaccount id, an
/// organization. Two names that look the same must be the same name, and a name must show something.
pub(crate) fn is_label(s: &str, max: usize) -> bool {
    if s.is_ascii() {
        // One byte per character, no format character, and past the control characters no white space but
        // the space.
        return (1..=max).contains(&s.len()) && !s.bytes().any(|b| b.is_ascii_control()) && s.bytes().any(|b| b != b' ');
    }
    !s.chars().any(|c| c.is_control() || is_invisible(c)) && !s.trim().is_empty() && (1..=max).contains(&s.chars().count())
}

/// The invisible format characters (Unicode category Cf) that can make two identifiers look alike or
/// reorder what a reader sees: U+00AD, U+061C, U+180E, U+200B–U+200F, U+202A–U+202E, U+2060–U+2064,
/// U+2066–U+206F, U+FEFF.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

/// A value shortened and escaped for quoting in a message: control and invisible characters written as
/// escapes (`\n`, `\u{0}`, `\u{200b}`: `char::escape_default`, which needs none of the Unicode tables that
/// `escape_debug` links into the web module), so a newline or a NUL in a name cannot forge a log line, and 80
/// characters at most, escapes counted, so a 1 MB input does not make a 1 MB message.
pub(crate) fn clip(s: &str) -> String {
    clip_to(s, 80)
}

/// As [`clip`], at most `max` characters: for a reader's message, which quotes the value inside its own
/// words (`unknown variant `…`, expected one of …`).
pub(crate) fn clip_to(s: &str, max: usize) -> String {
    let (mut out, mut shown) = (String::with_capacity(s.len().min(4 * max)), 0);
    for c in s.chars() {
        let escaped = c.is_control() || is_invisible(c);
        let width = if escaped { c.escape_default().count() } else { 1 };
        if shown + width > max {
            out.push('…');
            break;
        }
        if escaped {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
        shown += width;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_messages_short() {
        let long = "x".repeat(1_000_000);
        assert!(clip(&long).chars().count() <= 81);
        assert_eq!(clip("ok"), "ok");
        assert_eq!(clip("a\nb\u{0}c\u{200B}"), "a\\nb\\u{0}c\\u{200b}");
        assert!(clip(&"\u{7f}".repeat(1_000)).chars().count() <= 81, "escapes count toward the limit");
    }

    #[test]
    fn labels_refuse_what_cannot_be_seen() {
        // (text, is a label)
        for (s, ok) in [("Acme", true), ("Acme Ltd", true), ("Bücher GmbH", true), ("\u{200B}", false), ("Acme\u{200E}", false),
            ("\u{061C}Acme", false), ("\u{FEFF}Acme", false), ("Ac\nme", false), ("Acme\u{0}", false), ("   ", false), ("", false)] {
            assert_eq!(is_label(s, 64), ok, "{s:?}");
        }
    }
}
