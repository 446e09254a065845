//! What a comment must satisfy. Plain Rust: nothing here knows about the browser, so the
//! same rules run in the widget (wasm) and natively on the server.
#![deny(missing_docs)]

pub mod diacritics;
pub mod links;
mod sort;
pub mod syllable;
#[rustfmt::skip] // Generated: `tables_gen` writes it.
mod tables;
#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tables_gen;
pub mod text;
pub mod typing;
mod unicode;
pub mod verdict;
pub mod words;

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
    /// The share d of marked syllables at and above which a comment is có dấu
    /// ([`diacritics::CO_DAU_FROM`] by default).
    pub co_dau_from: f32,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            min_words: 10,
            max_length: 1000,
            emails_are_links: true,
            co_dau_from: diacritics::CO_DAU_FROM,
        }
    }
}

/// Checks one comment against `rules`: count the "chữ tiếng Việt" (`words`), judge the
/// diacritics (`diacritics`), look for a switched-off keyboard or an old font (`typing`).
pub fn check(text: &str, rules: &Rules) -> Verdict {
    let links = links::find_links(text, rules.emails_are_links);
    let words = words::analyse(text, outside(text, text::tokens(text), &links));
    let count = words::count(&words);
    let judgement = diacritics::judge(&words, rules.co_dau_from);
    let mut hints: Vec<Hint> = typing::hint(text, judgement.marked).into_iter().collect();
    // The spam hint explains a count the caps kept below the minimum.
    if count.dropped > 0 && count.words < rules.min_words {
        hints.push(Hint {
            kind: HintKind::Spam,
            suggestion: String::new(),
        });
    }
    let length = length(text);
    let mut problems = Vec::new();
    if text
        .chars()
        .all(|c| c.is_whitespace() || text::is_invisible(c))
    {
        problems.push(Problem::Empty);
    } else {
        if count.words < rules.min_words {
            problems.push(Problem::TooFewWords);
        }
        if judgement.diacritics.verdict != DiacriticsVerdict::CoDau {
            problems.push(Problem::NoDiacritics);
        }
    }
    if !links.is_empty() {
        problems.push(Problem::HasLink);
    }
    if length > rules.max_length {
        problems.push(Problem::TooLong);
    }
    Verdict {
        ok: problems.is_empty(),
        words: count.words,
        min_words: rules.min_words,
        length,
        max_length: rules.max_length,
        diacritics: judgement.diacritics,
        suspects: suspects(text, &words),
        hints,
        links,
        problems,
    }
}

/// The most UTF-16 code units one character of [`Verdict::length`] may stand for.
pub const UNITS_PER_CHARACTER: u32 = 16;

/// The length of `text` in user-perceived characters (grapheme clusters), but at least one
/// per [`UNITS_PER_CHARACTER`] started UTF-16 code units: a letter carrying 100,000
/// combining marks is one grapheme cluster and 200 KB, and must not pass as one character.
/// Real text never reaches the floor (a Vietnamese letter in NFD is at most 3 units, an emoji
/// family 11), so a comment within `max_length` holds at most 16 units a character.
fn length(text: &str) -> u32 {
    unicode::graphemes(text).max(text::utf16_len(text).div_ceil(UNITS_PER_CHARACTER))
}

/// The tokens that are not part of a link: a host, a path or an e-mail address is no
/// "chữ tiếng Việt" (`www.nhacai88.com/khuyen-mai` would count "www", "com", "mai" and make
/// "khuyen" a suspect). `tokens` and `links` are in text order; one linear pass.
fn outside<'a>(text: &str, tokens: Vec<text::Token<'a>>, links: &[Link]) -> Vec<text::Token<'a>> {
    if links.is_empty() {
        return tokens;
    }
    let mut cursor = text::Utf16Cursor::new(text);
    let mut next = 0;
    tokens
        .into_iter()
        .filter(|token| {
            let start = cursor.to_utf16(token.start);
            let end = cursor.to_utf16(token.end);
            while links.get(next).is_some_and(|link| link.end <= start) {
                next += 1;
            }
            links.get(next).is_none_or(|link| link.start >= end)
        })
        .collect()
}

/// The suspect words as UTF-16 spans of the text as typed.
fn suspects(text: &str, words: &[words::Word]) -> Vec<Span> {
    let mut cursor = text::Utf16Cursor::new(text);
    words
        .iter()
        .filter(|w| w.kind == words::Kind::Suspect)
        .map(|w| Span {
            start: cursor.to_utf16(w.token.start),
            end: cursor.to_utf16(w.token.end),
            text: text[w.token.start..w.token.end].to_owned(),
        })
        .collect()
}
