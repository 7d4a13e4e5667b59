//! Text checks shared by the readers: labels (names, ids), and values clipped for quoting in messages.

/// Whether `s` has 1 to `max` characters and no control character: a product name, a card id, an
/// organization.
pub(crate) fn is_label(s: &str, max: usize) -> bool {
    !s.chars().any(char::is_control) && (1..=max).contains(&s.chars().count())
}

/// A value shortened for quoting in a message, so a 1 MB input does not make a 1 MB message.
pub(crate) fn clip(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or_default()),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_messages_short() {
        let long = "x".repeat(1_000_000);
        assert!(clip(&long).chars().count() <= 81);
        assert_eq!(clip("ok"), "ok");
    }
}
