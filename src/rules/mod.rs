//! What a comment must satisfy. Plain Rust: nothing here knows about the browser, so the
//! same rules run in the widget (wasm) and natively on the server.

pub mod links;
pub mod text;
pub mod verdict;

pub use verdict::{
    Diacritics, DiacriticsVerdict, Hint, HintKind, Link, LinkRule, Problem, Span, Verdict,
};

/// The site's rules. `Rules::default()` is the rule printed under Vietnamese news comment
/// boxes: at least 10 Vietnamese words with diacritics, no links, at most 1,000 characters.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    /// Minimum number of countable words.
    pub min_words: u32,
    /// Maximum length in user-perceived characters.
    pub max_length: u32,
    /// Whether e-mail addresses count as links.
    pub emails_are_links: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            min_words: 10,
            max_length: 1000,
            emails_are_links: true,
        }
    }
}

/// Checks one comment against `rules`.
pub fn check(text: &str, rules: &Rules) -> Verdict {
    // Walking skeleton: a placeholder word count (white-space separated runs holding a
    // letter); the Vietnamese syllable rules replace it.
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count() as u32;
    let length = text.chars().count() as u32;
    let mut problems = Vec::new();
    if text.trim().is_empty() {
        problems.push(Problem::Empty);
    } else if words < rules.min_words {
        problems.push(Problem::TooFewWords);
    }
    let links = links::find_links(text, rules.emails_are_links);
    if !links.is_empty() {
        problems.push(Problem::HasLink);
    }
    if length > rules.max_length {
        problems.push(Problem::TooLong);
    }
    Verdict {
        ok: problems.is_empty(),
        words,
        min_words: rules.min_words,
        length,
        max_length: rules.max_length,
        diacritics: Diacritics {
            verdict: DiacriticsVerdict::Undetermined,
            d: 0.0,
        },
        suspects: Vec::new(),
        hints: Vec::new(),
        links,
        problems,
    }
}
