//! The Unicode the rules need, behind one small API with two implementations:
//!
//! - `reference` (native builds): `unicode-normalization` for canonical composition (NFC)
//!   and `unicode-segmentation` for grapheme clusters. Exact, and the yardstick.
//! - `compact` (the wasm32 build): a few hundred bytes of generated tables instead of
//!   ~85 KB of gzipped wasm. Exact for what the rules read: canonical composition of Latin
//!   letters with the Vietnamese combining marks (any canonical order, U+0340/U+0341
//!   included), Hangul jamo, and grapheme clusters of text made of letters, marks, emoji sequences,
//!   regional-indicator flags and Hangul.
//!
//! Both are compiled and compared natively (`tests` below, `tests/vi_rules.rs`); only the
//! selection differs by target.

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use reference::{compose, graphemes as clusters, is_mark};

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
/// `char::to_lowercase`, whose table costs about 12 KB of wasm.
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

/// The compact implementation: the wasm build's, tested natively against `reference`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod compact {
    use super::super::tables::{COMPOSE, COMPOSE_MARKS, MARKS};

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
        (c.is_control() || super::super::text::is_invisible(c)) && !extends(c)
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
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::{compact, reference};
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    fn both_compose(s: &str) -> (String, String) {
        let (mut r, mut c) = (String::new(), String::new());
        reference::compose(s.chars(), &mut r);
        compact::compose(s.chars(), &mut c);
        (r, c)
    }

    fn assert_same(s: &str) {
        let (r, c) = both_compose(s);
        assert_eq!(r, c, "compose {s:?}");
        assert_eq!(
            reference::graphemes(s),
            compact::graphemes(s),
            "graphemes {s:?}"
        );
    }

    #[test]
    fn same_on_a_table() {
        for s in [
            "Bài viết rất hay và bổ ích cho mọi người",
            "ti\u{00EA}\u{0301}ng Vi\u{00EA}\u{0323}t",
            "tie\u{0302}\u{0341}ng vie\u{0323}\u{0302}t u\u{0323}\u{031B} \u{00F3}\u{031B}",
            "a\u{0301}\u{0301} e\u{0340}\u{0300} đ\u{0301} Đ\u{0323}",
            "ñ ǹ ẽ Ỹ ḿ ṕ ṽ",
            "Hay quá 👍👍 cảm ơn 😂 bài viết❤️tốt lắm 🇻🇳 ủng hộ",
            "👨‍👩‍👧‍👦 👍🏽 🇻🇳🇺🇸🇯 ❤️‍🔥",
            "한국어 \u{1100}\u{1161}\u{11A8} 中文 Ελληνικά Русский",
            "\r\n\n\r a\u{200D}b",
            // Once found by the property test below.
            "한",
            "\u{200b}\u{300}",
            "🏽\u{200d}👍",
            "\u{fe0f}\u{323}",
            "👍\u{200d}\u{200d}👍",
            "",
        ] {
            assert_same(s);
        }
    }

    #[test]
    fn same_on_every_grammar_syllable_nfc_and_nfd() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/vi/grammar-syllables.txt");
        let list = std::fs::read_to_string(path).expect("grammar-syllables.txt");
        for line in list.lines() {
            let upper = line.to_uppercase();
            for s in [line, &upper] {
                assert_same(s);
                let nfd: String = s.nfd().collect();
                assert_same(&nfd);
                assert_eq!(both_compose(&nfd).1, *s);
            }
        }
    }

    #[test]
    fn case_mapping_is_std_where_it_maps_and_complete_for_vietnamese() {
        use super::{lower, upper};
        let single = |mut it: std::char::ToLowercase| match (it.next(), it.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        let single_up = |mut it: std::char::ToUppercase| match (it.next(), it.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let (l, u) = (lower(c), upper(c));
            assert!(l == c || Some(l) == single(c.to_lowercase()), "lower {c:?}");
            assert!(
                u == c || Some(u) == single_up(c.to_uppercase()),
                "upper {c:?}"
            );
        }
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/vi/grammar-syllables.txt");
        let list = std::fs::read_to_string(path).expect("grammar-syllables.txt");
        for c in list.chars().chain("ĐđÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯ".chars()) {
            assert_eq!(Some(lower(c)), single(c.to_lowercase()), "{c:?}");
            assert_eq!(Some(upper(c)), single_up(c.to_uppercase()), "{c:?}");
        }
    }

    #[test]
    fn own_cluster_characters_never_join_but_cr_lf() {
        let own: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| super::own_cluster(c))
            .collect();
        let mut pair = String::new();
        for &a in &own {
            for &b in &own {
                pair.clear();
                pair.push(a);
                pair.push(b);
                let expected = if (a, b) == ('\r', '\n') { 1 } else { 2 };
                assert_eq!(reference::graphemes(&pair), expected, "{pair:?}");
                assert_eq!(compact::graphemes(&pair), expected, "{pair:?}");
            }
        }
    }

    #[test]
    fn is_mark_agrees_everywhere() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(reference::is_mark(c), compact::is_mark(c), "{c:?}");
        }
    }

    /// Letters, the Vietnamese marks in any order, other marks, emoji pieces, flags,
    /// Hangul jamo and syllables, digits, punctuation, white space.
    fn alphabet() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "e", "o", "u", "y", "i", "d", "đ", "Đ", "n", "A", "O", "U", "ơ", "ư", "ê", "ô",
            "ă", "â", "á", "ố", "ự", "ẫ", "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}",
            "\u{0323}", "\u{0302}", "\u{0306}", "\u{031B}", "\u{0340}", "\u{0341}", "\u{0308}",
            "\u{200D}", "\u{FE0F}", "👍", "🏽", "❤", "🇻", "🇳", "\u{1100}", "\u{1161}", "\u{11A8}",
            "한", "가", "中", "1", ".", " ", "\n", "\r", "\u{200B}", "\u{00AD}",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    /// Marks outside the Vietnamese set (U+0308 here) are not composed by `compact`; the
    /// rules must still see the same thing: same grapheme count, same kind of token.
    fn assert_same_verdict(s: &str) {
        assert_eq!(reference::graphemes(s), compact::graphemes(s), "{s:?}");
        let (r, c) = both_compose(s);
        let kinds = |t: &str| -> Vec<_> {
            t.split(|ch: char| !ch.is_alphabetic() && !reference::is_mark(ch))
                .map(crate::words::kind)
                .collect()
        };
        assert_eq!(kinds(&r), kinds(&c), "{s:?}");
    }

    proptest! {
        /// The one-per-character count equals the full rules wherever it applies.
        #[test]
        fn graphemes_are_the_full_rules(s in "[\\x00-\u{24F}\u{1E00}-\u{1EFF}\u{2010}-\u{2027}\r\n]{0,40}[\\x00-\u{2FFF}]?") {
            prop_assert_eq!(super::graphemes(&s), reference::graphemes(&s));
        }

        #[test]
        fn same_on_random_text(s in alphabet()) {
            let nfd: String = s.nfd().collect();
            for s in [&s, &nfd] {
                if s.contains('\u{0308}') {
                    assert_same_verdict(s);
                } else {
                    assert_same(s);
                }
            }
        }
    }
}
