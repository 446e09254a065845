//! The invariants the fuzz targets assert, shared by `check` and `links`.
//!
//! Every target reads its input the same way ([`Input::new`]): the first byte chooses a
//! position and a flag, the rest is the text (invalid UTF-8 replaced by U+FFFD, as a
//! browser's `TextDecoder` would).
#![deny(missing_docs)]

use binhluan_rules::{Link, LinkRule, Span};
use unicode_normalization::UnicodeNormalization;

#[path = "../../tests/hostile/spans.rs"]
mod spans;
pub use spans::{assert_span, byte_offset};

/// The invisible character inserted by the "never hides a link" invariant.
pub const ZWSP: char = '\u{200B}';

/// One fuzz case.
pub struct Input {
    /// The comment.
    pub text: String,
    /// A char boundary of `text` (where [`Input::with_zwsp`] inserts).
    pub at: usize,
    /// A free bit (the link target uses it for `emails_are_links`).
    pub flag: bool,
}

impl Input {
    /// Splits the fuzzer's bytes into a case; None when there are none.
    pub fn new(data: &[u8]) -> Option<Input> {
        let (&head, rest) = data.split_first()?;
        let text = String::from_utf8_lossy(rest).into_owned();
        let boundaries = text.char_indices().count() + 1;
        let at = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .nth(usize::from(head >> 1) % boundaries)
            .unwrap_or(0);
        Some(Input {
            text,
            at,
            flag: head & 1 == 1,
        })
    }

    /// The text with U+200B inserted at `at`.
    pub fn with_zwsp(&self) -> String {
        let mut text = self.text.clone();
        text.insert(self.at, ZWSP);
        text
    }
}

/// Asserts the link invariants: every span inside `text` and on its character boundaries
/// with the text it claims, sorted by start and never overlapping.
pub fn assert_links(text: &str, links: &[Link]) {
    for link in links {
        assert_span(text, link.start, link.end, &link.text);
    }
    for pair in links.windows(2) {
        assert!(
            pair[0].end <= pair[1].start,
            "links overlap or are unsorted in {text:?}: {links:?}"
        );
    }
}

/// Asserts the suspect spans like [`assert_span`].
pub fn assert_suspects(text: &str, suspects: &[Span]) {
    for span in suspects {
        assert_span(text, span.start, span.end, &span.text);
    }
}

/// The rules that fired, in order: what must not depend on the text's normalisation form
/// or on an invisible character.
pub fn rules(links: &[Link]) -> Vec<LinkRule> {
    links.iter().map(|l| l.rule).collect()
}

/// The text in canonical composition (NFC) and decomposition (NFD).
pub fn nfc_nfd(text: &str) -> (String, String) {
    (text.nfc().collect(), text.nfd().collect())
}
