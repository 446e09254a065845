//! The compact implementation against the reference one, and the shortcuts of the
//! module (`graphemes`, `lower`, `upper`, `is_invisible`) against the full rules.

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
        "a", "e", "o", "u", "y", "i", "d", "đ", "Đ", "n", "A", "O", "U", "ơ", "ư", "ê", "ô", "ă",
        "â", "á", "ố", "ự", "ẫ", "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}",
        "\u{0302}", "\u{0306}", "\u{031B}", "\u{0340}", "\u{0341}", "\u{0308}", "\u{200D}",
        "\u{FE0F}", "👍", "🏽", "❤", "🇻", "🇳", "\u{1100}", "\u{1161}", "\u{11A8}", "한", "가",
        "中", "1", ".", " ", "\n", "\r", "\u{200B}", "\u{00AD}",
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

#[test]
fn invisible_is_format_everywhere() {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let format = c.general_category() == GeneralCategory::Format;
        assert_eq!(super::is_invisible(c), format, "{c:?}");
    }
}
