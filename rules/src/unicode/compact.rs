//! The compact implementation: the wasm build's, tested natively against `reference`
//! (`tests.rs`). Exact for what the rules read: canonical composition of Latin letters with
//! the Vietnamese combining marks (any canonical order, U+0340/U+0341 included), Hangul
//! jamo, and grapheme clusters of text made of letters, marks, emoji sequences,
//! regional-indicator flags and Hangul.

use crate::tables::{COMPOSE, COMPOSE_MARKS, MARKS};

const ZWJ: char = '\u{200D}';

/// The canonical combining class of a Vietnamese mark (0 for any other character:
/// `compose` treats other marks as starters, exact for ccc-0 marks such as variation
/// selectors, and for others a difference no Vietnamese syllable can see).
fn ccc(c: char) -> u8 {
    match c {
        '\u{031B}' => 216,
        '\u{0323}' => 220,
        '\u{0300}' | '\u{0301}' | '\u{0302}' | '\u{0303}' | '\u{0306}' | '\u{0309}' => 230,
        _ => 0,
    }
}

/// The composition of `starter` and `mark`, from the generated table.
fn pair(starter: char, mark: char) -> Option<char> {
    let index = COMPOSE_MARKS.iter().position(|&m| m == mark)? as u32;
    let key = (starter as u32) << 3 | index;
    COMPOSE
        .binary_search_by_key(&key, |&entry| entry >> 16)
        .ok()
        .and_then(|i| char::from_u32(COMPOSE[i] & 0xFFFF))
}

/// Pushes the full canonical decomposition of `c` (as far as the table knows it).
fn decompose(c: char, marks: &mut Vec<char>) -> char {
    let found = COMPOSE.iter().find(|&&entry| entry & 0xFFFF == c as u32);
    match found.and_then(|&entry| char::from_u32(entry >> 19)) {
        Some(starter) => {
            let base = decompose(starter, marks);
            marks.push(COMPOSE_MARKS[(found.unwrap_or(&0) >> 16 & 7) as usize]);
            base
        }
        None => c,
    }
}

/// Composes one starter with the marks that follow it (already decomposed).
fn flush(starter: Option<char>, marks: &mut Vec<char>, out: &mut String) {
    // Canonical order: a stable sort by combining class (insertion sort: a handful of
    // marks, and no sort routine in the wasm).
    for i in 1..marks.len() {
        let mut j = i;
        while j > 0 && ccc(marks[j - 1]) > ccc(marks[j]) {
            marks.swap(j - 1, j);
            j -= 1;
        }
    }
    let Some(mut starter) = starter else {
        out.extend(marks.drain(..));
        return;
    };
    let mut rest = Vec::new();
    let mut last_blocking = 0u8;
    for &mark in marks.iter() {
        let class = ccc(mark);
        let blocked = !rest.is_empty() && last_blocking >= class;
        match pair(starter, mark).filter(|_| !blocked) {
            Some(composed) => starter = composed,
            None => {
                rest.push(mark);
                last_blocking = class;
            }
        }
    }
    out.push(starter);
    out.extend(rest);
    marks.clear();
}

/// Appends the canonical composition of `chars` to `out` (exact for Latin letters
/// with the Vietnamese marks; other characters pass through unchanged).
pub(crate) fn compose(chars: impl Iterator<Item = char> + Clone, out: &mut String) {
    let mut starter: Option<char> = None;
    let mut marks = Vec::new();
    for c in chars {
        let c = match c {
            '\u{0340}' => '\u{0300}',
            '\u{0341}' => '\u{0301}',
            c => c,
        };
        if ccc(c) != 0 {
            if marks.is_empty() {
                // A mark follows: take the starter apart so all its marks reorder.
                if let Some(s) = starter {
                    starter = Some(decompose(s, &mut marks));
                }
            }
            marks.push(c);
        } else if let Some(syllable) = starter
            .filter(|_| marks.is_empty())
            .and_then(|s| hangul_pair(s, c))
        {
            starter = Some(syllable);
        } else {
            flush(starter, &mut marks, out);
            starter = Some(c);
        }
    }
    flush(starter, &mut marks, out);
}

/// Hangul jamo composition (L + V → LV, LV + T → LVT), which is arithmetic.
fn hangul_pair(a: char, b: char) -> Option<char> {
    let (a, b) = (a as u32, b as u32);
    let lv = match (a, b) {
        (0x1100..=0x1112, 0x1161..=0x1175) => 0xAC00 + ((a - 0x1100) * 21 + (b - 0x1161)) * 28,
        (0xAC00..=0xD7A3, 0x11A8..=0x11C2) if (a - 0xAC00) % 28 == 0 => a + (b - 0x11A7),
        _ => return None,
    };
    char::from_u32(lv)
}

/// Whether `c` is a combining mark (General_Category M), from the generated ranges.
pub(crate) fn is_mark(c: char) -> bool {
    let c = c as u32;
    let i = MARKS.partition_point(|&range| range >> 8 <= c);
    i > 0 && c <= (MARKS[i - 1] >> 8) + (MARKS[i - 1] & 0xFF)
}

/// Hangul syllable type of `c` for the grapheme rules: L, V, T, LV, LVT or none.
#[derive(Clone, Copy, PartialEq)]
enum Hangul {
    L,
    V,
    T,
    Lv,
    Lvt,
    None,
}

fn hangul(c: char) -> Hangul {
    match c as u32 {
        0x1100..=0x115F | 0xA960..=0xA97C => Hangul::L,
        0x1160..=0x11A7 | 0xD7B0..=0xD7C6 => Hangul::V,
        0x11A8..=0x11FF | 0xD7CB..=0xD7FB => Hangul::T,
        s @ 0xAC00..=0xD7A3 if (s - 0xAC00) % 28 == 0 => Hangul::Lv,
        0xAC00..=0xD7A3 => Hangul::Lvt,
        _ => Hangul::None,
    }
}

/// Characters that never start a cluster: marks, ZWJ, variation selectors, emoji
/// skin-tone modifiers and tag characters.
fn extends(c: char) -> bool {
    is_mark(c)
        || matches!(c as u32, 0x200C..=0x200D | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

/// Grapheme_Cluster_Break=Control: breaks on both sides (format characters other than
/// the joiners and tags, control characters).
fn control(c: char) -> bool {
    (c.is_control() || super::is_invisible(c)) && !extends(c)
}

/// Pictographs that a ZWJ joins into one emoji.
fn pictographic(c: char) -> bool {
    matches!(c as u32, 0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x21AA | 0x231A..=0x23FF | 0x24C2 | 0x25AA..=0x27BF | 0x2934..=0x2935 | 0x2B05..=0x2B55 | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x1F000..=0x1FAFF)
        && !regional(c)
        && !matches!(c as u32, 0x1F3FB..=0x1F3FF)
}

fn regional(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}

/// The number of grapheme clusters in `text`: base + marks, emoji ZWJ sequences with
/// modifiers and variation selectors, flag pairs, Hangul syllables, CR LF.
pub(crate) fn graphemes(text: &str) -> u32 {
    let mut count = 0u32;
    let mut prev: Option<char> = None;
    // Inside "pictograph Extend*", and just after such a run's ZWJ (GB11).
    let (mut pict_run, mut pict_zwj) = (false, false);
    let mut odd_regional = false;
    for c in text.chars() {
        let joins = match prev {
            None => false,
            Some(p) => {
                (p == '\r' && c == '\n')
                    || (extends(c) && !control(p))
                    || (p == ZWJ && pict_zwj && pictographic(c))
                    || (regional(p) && regional(c) && odd_regional)
                    || matches!(
                        (hangul(p), hangul(c)),
                        (Hangul::L, Hangul::L | Hangul::V | Hangul::Lv | Hangul::Lvt)
                            | (Hangul::Lv | Hangul::V, Hangul::V | Hangul::T)
                            | (Hangul::Lvt | Hangul::T, Hangul::T)
                    )
            }
        };
        let joins = joins && (!control(c) || prev == Some('\r') && c == '\n');
        if !joins {
            count += 1;
            pict_run = false;
        }
        pict_zwj = c == ZWJ && pict_run;
        pict_run = pictographic(c) || (pict_run && extends(c) && c != ZWJ);
        odd_regional = regional(c) && !(odd_regional && joins && prev.is_some_and(regional));
        prev = Some(c);
    }
    count
}
