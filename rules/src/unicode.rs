//! The Unicode the rules need, behind one small API with two implementations:
//!
//! - `reference` (native builds): `unicode-normalization` for canonical composition (NFC)
//!   and `unicode-segmentation` for grapheme clusters. Exact, and the yardstick.
//! - `compact` (the wasm32 build, `unicode/compact.rs`): a few hundred bytes of generated
//!   tables instead of the reference crates' tables, which would weigh more in the wasm than
//!   the rules themselves.
//!
//! Both are compiled and compared natively (`unicode/tests.rs`, `tests/vi_rules.rs`); only
//! the selection differs by target. Beside them, what the rules need of Unicode that is
//! cheap in both: the format characters (a generated table), Vietnamese case mapping, and
//! the grapheme count of text that needs no full rules.

use crate::tables;

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use reference::{compose, graphemes as clusters, is_mark};

/// Whether `c` is invisible: a format character (General_Category Cf, which covers U+00AD,
/// U+200B–U+200F, U+2060–U+2064 and U+FEFF; the list is generated). Typed or pasted inside
/// a word, it must not split it. The first compare lets ASCII (spaces and punctuation
/// between words) through at once.
pub fn is_invisible(c: char) -> bool {
    c >= '\u{00AD}' && tables::is_format(c)
}

/// Whether `c` forms a grapheme cluster of its own next to any other such character (CR LF
/// aside): ASCII, U+0080–U+024F (Latin-1, Latin Extended-A/B), U+1E00–U+1EFF (the
/// precomposed Vietnamese vowels) and the punctuation U+2010–U+2027 (dashes, quotes,
/// ellipsis): no mark, joiner, jamo, regional indicator or emoji among them.
fn own_cluster(c: char) -> bool {
    matches!(c as u32, 0..=0x24F | 0x1E00..=0x1EFF | 0x2010..=0x2027)
}

/// The number of grapheme clusters (user-perceived characters) in `text`: one per
/// character but CR LF for text made of [`own_cluster`] characters (most comments), the
/// full rules (`clusters`) otherwise.
pub(crate) fn graphemes(text: &str) -> u32 {
    let mut count = 0;
    let mut prev = '\0';
    for c in text.chars() {
        if !own_cluster(c) {
            return clusters(text);
        }
        count += u32::from(!(prev == '\r' && c == '\n'));
        prev = c;
    }
    count
}

/// The case pairs `lower`/`upper` know: (first, last, distance from upper to lower).
/// `Pairs` ranges alternate upper, lower (Ă ă, Ạ ạ); `Shift` ranges map by a constant.
const CASES: [(u32, u32, Case); 9] = [
    (0x41, 0x5A, Case::Shift(32)),
    (0xC0, 0xD6, Case::Shift(32)),
    (0xD8, 0xDE, Case::Shift(32)),
    (0x100, 0x12F, Case::Pairs),
    (0x132, 0x137, Case::Pairs),
    (0x14A, 0x177, Case::Pairs),
    (0x1A0, 0x1A1, Case::Pairs),
    (0x1E00, 0x1E95, Case::Pairs),
    (0x1EA0, 0x1EFF, Case::Pairs),
];

#[derive(Clone, Copy)]
enum Case {
    Shift(u32),
    Pairs,
}

/// Lower case of the letters Vietnamese uses (ASCII, Latin-1, ă đ ĩ ũ ơ ư and U+1E00–U+1EFF);
/// any other character is returned unchanged, which no syllable can tell apart. Instead of
/// `char::to_lowercase`, whose table for every script would outweigh this module in the wasm.
pub(crate) fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    if u == 0x1AF {
        return '\u{01B0}';
    }
    for &(first, last, case) in &CASES {
        match case {
            Case::Shift(d) if (first..=last).contains(&u) => {
                return char::from_u32(u + d).unwrap_or(c)
            }
            Case::Pairs if (first..=last).contains(&u) && (u - first) % 2 == 0 => {
                return char::from_u32(u + 1).unwrap_or(c)
            }
            _ => {}
        }
    }
    c
}

/// Upper case of the letters `lower` knows; any other character unchanged.
pub(crate) fn upper(c: char) -> char {
    let u = c as u32;
    if u == 0x1B0 {
        return '\u{01AF}';
    }
    for &(first, last, case) in &CASES {
        match case {
            Case::Shift(d) if (first + d..=last + d).contains(&u) => {
                return char::from_u32(u - d).unwrap_or(c)
            }
            Case::Pairs if (first..=last).contains(&u) && (u - first) % 2 == 1 => {
                return char::from_u32(u - 1).unwrap_or(c)
            }
            _ => {}
        }
    }
    c
}

#[cfg(target_arch = "wasm32")]
pub(crate) use compact::{compose, graphemes as clusters, is_mark};

/// The reference implementation (native only).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod reference {
    use unicode_normalization::{IsNormalized, UnicodeNormalization};
    use unicode_segmentation::UnicodeSegmentation;

    /// Appends the canonical composition (NFC) of `chars` to `out`.
    pub(crate) fn compose(chars: impl Iterator<Item = char> + Clone, out: &mut String) {
        if unicode_normalization::is_nfc_quick(chars.clone()) == IsNormalized::Yes {
            out.extend(chars);
        } else {
            out.extend(chars.nfc());
        }
    }

    /// The number of extended grapheme clusters (user-perceived characters) in `text`.
    pub(crate) fn graphemes(text: &str) -> u32 {
        text.graphemes(true).count() as u32
    }

    /// Whether `c` is a combining mark (General_Category M).
    pub(crate) fn is_mark(c: char) -> bool {
        unicode_normalization::char::is_combining_mark(c)
    }
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod compact;

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests;
