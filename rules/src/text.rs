//! Text preparation shared by every rule, and positions in the original text as UTF-16
//! offsets.
//!
//! Preparation, in this order:
//! 1. Invisible characters are dropped: U+00AD soft hyphen, U+200B–U+200F, U+2060–U+2064,
//!    U+FEFF and every other format character (General_Category Cf). "h\u{200B}ay" is one
//!    word.
//! 2. Tokens are maximal runs of letters (`char::is_alphabetic`) and combining marks,
//!    starting with a letter; digits, punctuation, symbols, emoji (with their variation
//!    selectors) and white space end a token. So "hay.Cảm" is two
//!    tokens and "viết❤️tốt" is two.
//! 3. Each token is put in canonical composition (NFC), so precomposed, decomposed (NFD),
//!    half-composed (precomposed base + combining tone) and deprecated-mark (U+0340/U+0341)
//!    spellings of a word are the same string.
//!
//! A token keeps the byte span of the text as typed, invisible characters inside included.

use std::borrow::Cow;

use super::unicode;
pub use super::unicode::is_invisible;

/// A token: a run of letters and combining marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offset of the first character in the original text.
    pub start: usize,
    /// Byte offset one past the last character in the original text.
    pub end: usize,
    /// The token in NFC, invisible characters removed: borrowed from the text when it is
    /// made of [`is_latin_letter`]s only, which are NFC as typed (most tokens).
    pub word: Cow<'a, str>,
}

/// Whether `c` is an ASCII letter, a letter of U+00C0–U+024F (Latin-1 and Latin
/// Extended-A/B, × and ÷ excepted) or of U+1E00–U+1EFF (Latin Extended Additional, the
/// precomposed Vietnamese vowels). Each is alphabetic, NFC on its own and composes with
/// nothing before it, so a run of them is its own NFC and `char::is_alphabetic` (binary
/// searched tables) is needed only for other characters.
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF) && !matches!(c, '×' | '÷')
}

/// The tokens of `text`, in order (one linear pass).
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    // Whether the token so far is Latin letters only (no mark, no invisible character).
    let mut latin = false;
    for (i, c) in text.char_indices() {
        let latin_letter = is_latin_letter(c);
        let letter = latin_letter
            || !c.is_ascii() && (c.is_alphabetic() || (start.is_some() && unicode::is_mark(c)));
        if letter {
            if start.is_none() {
                start = Some(i);
                latin = true;
            }
            latin &= latin_letter;
            end = i + c.len_utf8();
        } else if is_invisible(c) {
            latin = false;
        } else if let Some(s) = start.take() {
            out.push(token(text, s, end, latin));
        }
    }
    if let Some(s) = start {
        out.push(token(text, s, end, latin));
    }
    out
}

fn token(text: &str, start: usize, end: usize, latin: bool) -> Token<'_> {
    let typed = &text[start..end];
    let word = if latin {
        Cow::Borrowed(typed)
    } else {
        let mut word = String::with_capacity(end - start);
        unicode::compose(typed.chars().filter(|&c| !is_invisible(c)), &mut word);
        Cow::Owned(word)
    };
    Token { start, end, word }
}

/// Converts byte offsets of a `&str` into UTF-16 code-unit offsets, for offsets given in
/// ascending order, in one pass over the text (linear, whatever the number of queries).
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    unit: u32,
}

impl<'a> Utf16Cursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            byte: 0,
            unit: 0,
        }
    }

    /// The UTF-16 offset of byte offset `byte` (a char boundary, not before the previous query).
    pub fn to_utf16(&mut self, byte: usize) -> u32 {
        debug_assert!(byte >= self.byte && self.text.is_char_boundary(byte));
        self.unit += utf16_len(&self.text[self.byte..byte]);
        self.byte = byte;
        self.unit
    }
}

/// The UTF-16 length of `text`, from its bytes: one unit per character (every byte but
/// the continuation bytes 0x80–0xBF starts one), two for a character of four bytes (lead
/// byte 0xF0–0xF4). A loop without branches, which the compiler vectorises.
pub fn utf16_len(text: &str) -> u32 {
    text.bytes()
        .map(|b| u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0))
        .sum()
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units() {
        let text = "Chào 👍 bạn";
        let mut cursor = Utf16Cursor::new(text);
        assert_eq!(cursor.to_utf16(0), 0);
        assert_eq!(cursor.to_utf16("Chào ".len()), 5);
        assert_eq!(cursor.to_utf16("Chào 👍".len()), 7);
        assert_eq!(cursor.to_utf16(text.len()), 11);
        assert_eq!(utf16_len(text), 11);
    }

    fn words(text: &str) -> Vec<String> {
        tokens(text)
            .into_iter()
            .map(|t| t.word.into_owned())
            .collect()
    }

    #[test]
    fn tokens_split_on_everything_but_letters_and_marks() {
        let table: &[(&str, &[&str])] = &[
            ("hay.Cảm ơn", &["hay", "Cảm", "ơn"]),
            ("h\u{200B}ay qu\u{00AD}á", &["hay", "quá"]),
            ("viết❤️tốt 👍👍 lắm", &["viết", "tốt", "lắm"]),
            ("15/7/2024 có 3.500 người", &["có", "người"]),
            ("covid19 F0", &["covid", "F"]),
            ("\u{FEFF}\u{2060}", &[]),
            ("", &[]),
        ];
        for (text, expected) in table {
            assert_eq!(words(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn tokens_are_nfc_whatever_the_input_form() {
        // NFD (macOS), half-composed (Windows-1258 / Unikey "tổ hợp": ê + U+0301),
        // deprecated U+0341 acute, and mark orders that are canonically equivalent.
        for variant in [
            "ti\u{00EA}\u{0301}ng",
            "tie\u{0302}\u{0301}ng",
            "tie\u{0302}\u{0341}ng",
            "tiếng",
        ] {
            assert_eq!(words(variant), ["tiếng"], "{variant:?}");
        }
        assert_eq!(words("u\u{031B}\u{0323}"), ["ự"]);
        assert_eq!(words("u\u{0323}\u{031B}"), ["ự"]);
        assert_eq!(words("\u{00F3}\u{031B}"), ["ớ"]);
    }

    #[test]
    fn latin_letters_are_alphabetic_and_their_own_nfc() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for c in (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_latin_letter(c))
        {
            assert!(c.is_alphabetic(), "{c:?}");
            // Quick-check Yes and class 0: no composition with what precedes, no reordering.
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    proptest::proptest! {
        /// A word is the composed token, and a borrowed one (Latin letters only) is what
        /// either Unicode implementation composes.
        #[test]
        fn words_are_the_composed_tokens(s in "[a-zA-Z \u{A0}-\u{2FF}\u{1E00}-\u{1EFF}\u{200B}-\u{200F}\u{1100}\u{1161}\u{212B}\u{2126}\u{F900}\u{0958}1.]{0,40}") {
            for token in tokens(&s) {
                let typed = s[token.start..token.end].chars().filter(|&c| !is_invisible(c));
                let (mut reference, mut compact) = (String::new(), String::new());
                unicode::reference::compose(typed.clone(), &mut reference);
                unicode::compact::compose(typed, &mut compact);
                proptest::prop_assert_eq!(&token.word, &reference);
                // `compact` is exact for Latin letters only (not for U+212B Å, say).
                if s[token.start..token.end].chars().all(is_latin_letter) {
                    proptest::prop_assert_eq!(&token.word, &compact);
                }
            }
        }
    }

    #[test]
    fn token_spans_are_as_typed() {
        let text = "Bài\u{200B} vie\u{0302}\u{0301}t";
        let spans: Vec<_> = tokens(text).iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(spans, ["Bài", "vie\u{0302}\u{0301}t"]);
    }
}
