//! The Vietnamese rules on real text: the rule's table of examples, the seed article,
//! NFC / NFD / half-composed variants, the grammar's syllables, property tests.
#![cfg(not(target_arch = "wasm32"))] // Native: the browser tests are in web.rs.

use binhluan_rules::{check, DiacriticsVerdict, HintKind, Problem, Rules, Verdict};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn verdict(text: &str) -> Verdict {
    check(text, &Rules::default())
}

/// The same text in NFD, and half-composed: every precomposed letter with a tone written
/// as the toneless precomposed letter + a combining tone (Unikey "tổ hợp", Windows-1258),
/// and with the deprecated U+0340/U+0341 for huyền/sắc.
fn variants(text: &str) -> Vec<String> {
    let nfd: String = text.nfd().collect();
    let half: String = nfd.chars().fold(String::new(), |mut s, c| {
        if matches!(
            c,
            '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
        ) {
            // Compose what came before (the shaped letter), then add the tone.
            let done: String = s.nfc().collect();
            s = done;
        }
        s.push(c);
        s
    });
    let deprecated = nfd
        .replace('\u{0300}', "\u{0340}")
        .replace('\u{0301}', "\u{0341}");
    vec![text.nfc().collect(), nfd, half, deprecated]
}

/// (text, expected count or None for "few" (< 10), verdict, hint, passes)
type Row = (
    &'static str,
    Option<u32>,
    Option<DiacriticsVerdict>,
    Option<HintKind>,
    bool,
);

const CO: Option<DiacriticsVerdict> = Some(DiacriticsVerdict::CoDau);

const EXAMPLES: &[Row] = &[
    (
        "Bài viết rất hay và bổ ích cho mọi người",
        Some(10),
        CO,
        None,
        true,
    ),
    (
        "Chúc sức khỏe, hòa bình và thủy lợi tỉnh ta ngày càng phát triển",
        Some(14),
        CO,
        None,
        true,
    ),
    (
        "Chúc sức khoẻ, hoà bình và thuỷ lợi tỉnh ta ngày càng phát triển",
        Some(14),
        CO,
        None,
        true,
    ),
    (
        "TÔI HOÀN TOÀN ĐỒNG Ý VỚI Ý KIẾN CỦA TÁC GIẢ BÀI BÁO NÀY",
        Some(14),
        CO,
        None,
        true,
    ),
    (
        "Bai viet rat hay va bo ich cho moi nguoi doc",
        None,
        Some(DiacriticsVerdict::KhongDau),
        None,
        false,
    ),
    (
        "Ngày 15/7/2024 có 3.500 người, tăng 12% so với năm 2023",
        Some(7),
        CO,
        None,
        false,
    ),
    (
        "Hay quá 👍👍 cảm ơn 😂 bài viết❤️tốt lắm 🇻🇳 ủng hộ",
        Some(10),
        CO,
        None,
        true,
    ),
    (
        "hay hay hay hay hay hay hay hay hay hay hay hay",
        Some(2),
        None,
        Some(HintKind::Spam),
        false,
    ),
    (
        "Bài viết hay.Cảm ơn tác giả.Tôi sẽ chia sẻ cho bạn bè",
        Some(14),
        CO,
        None,
        true,
    ),
    (
        "Đồng bào ở Đắk Lắk và Kon Tum cũng rất quý Lào Cai",
        Some(13),
        CO,
        None,
        true,
    ),
    (
        "ko đc thì thôi, mn cứ bt vậy, k sao đâu ạ",
        Some(7),
        CO,
        None,
        false,
    ),
    (
        "Cảm ơn tòa soạn đã đưa tin kịp thời",
        Some(9),
        CO,
        None,
        false,
    ),
    (
        "Cảm ơn tòa soạn đã đưa tin kịp thời nhé",
        Some(10),
        CO,
        None,
        true,
    ),
    (
        "Tôi thấy bài viết này rất hữu ích cho những người mới bắt đầu",
        Some(14),
        CO,
        None,
        true,
    ),
    // Invisible characters inside words do not split them.
    (
        "Bài vi\u{200B}ết rất h\u{00AD}ay và bổ ích cho mọi ngư\u{FEFF}ời",
        Some(10),
        CO,
        None,
        true,
    ),
];

#[test]
fn the_examples_table() {
    for &(text, count, diacritics, hint, passes) in EXAMPLES {
        for variant in variants(text) {
            let v = verdict(&variant);
            match count {
                Some(n) => assert_eq!(v.words, n, "count of {variant:?}"),
                None => assert!(v.words < 10, "few words in {variant:?}: {}", v.words),
            }
            if let Some(d) = diacritics {
                assert_eq!(v.diacritics.verdict, d, "verdict of {variant:?}");
            }
            assert_eq!(v.hints.first().map(|h| h.kind), hint, "hint of {variant:?}");
            assert_eq!(v.ok, passes, "{variant:?}: {v:?}");
        }
    }
}

#[test]
fn telex_hint() {
    let v = verdict("Tieesng Vieejt cos daaus raast hay, camr own bajn nhieeuf");
    assert!(v.words <= 2, "{v:?}");
    assert!(!v.ok);
    assert_eq!(v.hints[0].kind, HintKind::Telex);
    assert_eq!(
        v.hints[0].suggestion,
        "Tiếng Việt có dấu rất hay, cảm ơn bạn nhiều"
    );
}

#[test]
fn vni_viqr_and_font_hints() {
    let table = [
        (
            "Tie61ng Vie65t co1 da61u ra61t hay, ca3m o7n ba5n nhie62u",
            HintKind::Vni,
            "Tiếng Việt có dấu rất hay, cảm ơn bạn nhiều",
        ),
        (
            "Tie^'ng Vie^.t co' da^'u ra^'t hay, ca?m o+n ba.n nhie^`u.",
            HintKind::Viqr,
            "Tiếng Việt có dấu rất hay, cảm ơn bạn nhiều.",
        ),
        (
            "TiÕng ViÖt cã dÊu rÊt hay, c¶m ¬n b¹n nhiÒu",
            HintKind::Tcvn3,
            "Tiếng Việt có dấu rất hay, cảm ơn bạn nhiều",
        ),
        (
            "Tieáng Vieät coù daáu raát hay, caûm ôn baïn nhieàu laém",
            HintKind::VniWindows,
            "Tiếng Việt có dấu rất hay, cảm ơn bạn nhiều lắm",
        ),
    ];
    for (text, kind, suggestion) in table {
        let v = verdict(text);
        // VNI's digits split tokens ("Tie", "ng"): the count is low, not necessarily ≤ 2.
        assert!(v.words < 10 && !v.ok, "{text}: {v:?}");
        assert_eq!(v.hints.len(), 1, "{text}: {v:?}");
        assert_eq!(v.hints[0].kind, kind, "{text}");
        assert_eq!(v.hints[0].suggestion, suggestion, "{text}");
    }
}

#[test]
fn no_hint_on_english_or_proper_vietnamese() {
    for text in [
        "This is a test of the system as you see, it is so good and I like it a lot",
        "Thanks for the article, it was really useful for us and our customers",
        "Bài viết rất hay và bổ ích cho mọi người, cảm ơn tác giả nhiều lắm",
        "Bai viet rat hay va bo ich cho moi nguoi doc",
        "Ok ok, so sánh lãi suất giữa các ngân hàng thì BIDV vẫn tốt hơn",
    ] {
        let v = verdict(text);
        assert!(
            v.hints.iter().all(|h| h.kind == HintKind::Spam),
            "{text}: {:?}",
            v.hints
        );
    }
}

#[test]
fn suspects_point_at_words_as_typed() {
    let text = "Bai 👍 vie\u{0302}t nguoi duoc";
    let v = verdict(text);
    let units: Vec<u16> = text.encode_utf16().collect();
    let texts: Vec<&str> = v.suspects.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["Bai", "nguoi", "duoc"]);
    for s in &v.suspects {
        let typed = String::from_utf16(&units[s.start as usize..s.end as usize]).unwrap();
        assert_eq!(typed, s.text);
    }
}

#[test]
fn the_words_of_a_link_neither_count_nor_are_suspects() {
    // "www", "nhacai", "com", "khuyen", "mai" are the link's, not the reader's words.
    let text = "Hay quá, xem thêm ở www.nhacai88.com/khuyen-mai nhé bà con";
    for variant in variants(text).iter().chain([&text.to_owned()]) {
        let v = verdict(variant);
        assert_eq!(v.links.len(), 1, "{v:?}");
        assert!(v.suspects.is_empty(), "{v:?}");
        assert_eq!(v.words, 8, "{v:?}");
        assert_eq!(v.diacritics.verdict, DiacriticsVerdict::CoDau, "{v:?}");
        assert_eq!(v.problems, [Problem::TooFewWords, Problem::HasLink]);
    }
    // A disguised host: "chấm" is the dot here.
    let v = verdict("Bài viết rất hay, mọi người vào nhacai88 chấm com mà xem nhé");
    assert_eq!(v.words, 10, "{v:?}");
}

#[test]
fn thieu_dau_when_some_words_lack_marks() {
    let v = verdict("Bài viết rat hay và bổ ích cho moi nguoi, cảm ơn tác giả nhieu");
    assert_eq!(v.diacritics.verdict, DiacriticsVerdict::ThieuDau, "{v:?}");
    assert!(v.problems.contains(&Problem::NoDiacritics));
    assert_eq!(v.suspects.len(), 4);
}

#[test]
fn thresholds_are_options() {
    let text = "Cảm ơn tòa soạn đã đưa tin kịp thời";
    let rules = Rules {
        min_words: 5,
        ..Rules::default()
    };
    assert!(check(text, &rules).ok);
    let strict = Rules {
        co_dau_from: 1.0,
        ..Rules::default()
    };
    let v = check(
        "Bài viết rất hay và bổ ích cho mọi người, va cảm ơn",
        &strict,
    );
    assert_eq!(v.diacritics.verdict, DiacriticsVerdict::ThieuDau);
}

#[test]
fn empty_and_long() {
    assert_eq!(verdict("").problems, [Problem::Empty]);
    assert_eq!(verdict(" \n\u{200B} ").problems, [Problem::Empty]);
    let v = verdict(&"Cảm ơn tòa soạn nhé. ".repeat(60));
    assert_eq!(v.length, 21 * 60);
    assert!(v.problems.contains(&Problem::TooLong));
    // Length counts user-perceived characters: a flag, a family, a decomposed letter.
    assert_eq!(verdict("🇻🇳👨‍👩‍👧e\u{0302}\u{0301}").length, 3);
}

fn seed_sentences() -> Vec<String> {
    let article = include_str!("data/laocaitv-article.txt");
    let body = &article[..article.find("Bình luận").expect("comment box")];
    body.split(['.', ';', '\n', '?', '!'])
        .map(str::trim)
        .filter(|s| verdict(s).words >= 3)
        .map(str::to_owned)
        .collect()
}

fn strip_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

#[test]
fn every_seed_sentence_is_co_dau_and_khong_dau_stripped() {
    let sentences = seed_sentences();
    assert!(sentences.len() >= 15, "{}", sentences.len());
    for s in &sentences {
        assert_eq!(
            verdict(s).diacritics.verdict,
            DiacriticsVerdict::CoDau,
            "{s}"
        );
        let stripped = strip_marks(s);
        assert_eq!(
            verdict(&stripped).diacritics.verdict,
            DiacriticsVerdict::KhongDau,
            "{stripped}"
        );
    }
}

#[test]
fn every_grammar_syllable_counts_in_nfc_and_nfd() {
    let list = include_str!("../data/vi/grammar-syllables.txt");
    let mut n = 0;
    for line in list.lines() {
        for s in [line.to_owned(), line.nfd().collect(), line.to_uppercase()] {
            let v = verdict(&s);
            assert!(
                v.words == 1 || v.suspects.len() == 1,
                "{s:?} should parse: {v:?}"
            );
        }
        n += 1;
    }
    assert_eq!(n, 18073);
}

/// An evaluation, not a fixture: the GPL dictionary is read where it is installed, so the
/// test runs on request only, and fails when the dictionary is missing.
#[test]
#[ignore = "needs the Vietnamese hunspell dictionary (npm dictionary-vi or Debian hunspell-vi): \
            cargo test -p binhluan-rules --test vi_rules -- --ignored"]
fn the_hunspell_dictionary_mostly_parses() {
    let paths = [
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../node_modules/dictionary-vi/index.dic"
        ),
        "/usr/share/hunspell/vi_VN.dic",
    ];
    let dic = paths
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_else(|| panic!("no Vietnamese hunspell dictionary at {paths:?}"));
    let words: Vec<&str> = dic
        .lines()
        .skip(1)
        .map(|l| l.split('/').next().unwrap_or(""))
        .filter(|w| !w.is_empty())
        .collect();
    let failed: Vec<&&str> = words
        .iter()
        .filter(|w| binhluan_rules::syllable::parse(w).is_none())
        .collect();
    eprintln!(
        "hunspell: {} of {} parse ({:.2}%); failing: {:?}",
        words.len() - failed.len(),
        words.len(),
        100.0 * (words.len() - failed.len()) as f64 / words.len() as f64,
        failed
    );
    assert!(failed.len() * 100 <= words.len(), "more than 1% fail");
}

#[test]
fn json_form() {
    let v = verdict("Bai viet");
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["diacritics"]["verdict"], "khong-dau");
    assert_eq!(json["suspects"][0]["text"], "Bai");
    assert_eq!(json["problems"][0], "too-few-words");
    assert_eq!(json["problems"][1], "no-diacritics");
    let hint = verdict("Tieesng Vieejt cos daaus raast hay");
    let json = serde_json::to_value(&hint).unwrap();
    assert_eq!(json["hints"][0]["kind"], "telex");
}

proptest! {
    #[test]
    fn any_text_no_panic_and_nfc_nfd_agree(s in "\\PC{0,80}") {
        let nfc: String = s.nfc().collect();
        let nfd: String = s.nfd().collect();
        let (a, b) = (verdict(&nfc), verdict(&nfd));
        prop_assert_eq!(a.words, b.words);
        prop_assert_eq!(a.diacritics, b.diacritics);
        prop_assert_eq!(a.problems, b.problems);
        prop_assert_eq!(a.length, b.length);
    }

    #[test]
    fn vietnamese_like_text_nfc_nfd_agree(words in prop::collection::vec(
        prop::sample::select(vec!["người", "Việt", "được", "khoẻ", "thuỷ", "hoà", "nguoi",
            "ko", "đc", "Tieesng", "hay", "😂", "3.500", "ĐẮK", "quáaaa", "hay.Cảm", "❤️"]),
        0..30,
    )) {
        let s = words.join(" ");
        let nfd: String = s.nfd().collect();
        let (a, b) = (verdict(&s), verdict(&nfd));
        prop_assert_eq!(a.words, b.words);
        prop_assert_eq!(a.diacritics, b.diacritics);
        prop_assert_eq!(a.suspects.len(), b.suspects.len());
    }
}

proptest! {
    /// The decoders see keystroke soup: letters, digits, VIQR marks, Latin-1 font bytes.
    #[test]
    fn keyboard_soup_no_panic(s in "[a-zA-Z0-9^(+'`?~.\\- ,\u{A1}-\u{FF}]{0,60}") {
        let v = verdict(&s);
        for hint in &v.hints {
            prop_assert!(hint.kind == HintKind::Spam || !hint.suggestion.is_empty());
        }
    }
}

#[test]
fn a_megabyte_completes() {
    // Linear time, checked by behaviour: 1 MB of real text, and 1 MB of a worst case for
    // each part (one endless token, marks piled on one letter, repeated syllables).
    let article = include_str!("data/laocaitv-article.txt");
    let big = article.repeat(1_000_000 / article.len() + 1);
    let v = verdict(&big);
    // The whole-comment cap (3 per syllable) bounds the count by the article's vocabulary.
    assert!(v.words > 500, "{}", v.words);
    assert_eq!(v.diacritics.verdict, DiacriticsVerdict::CoDau);
    let one_token = "a".repeat(1_000_000);
    assert_eq!(verdict(&one_token).words, 0);
    let marks = format!("a{}", "\u{0301}\u{0323}".repeat(250_000));
    assert_eq!(verdict(&marks).words, 0);
    let same = "hay ".repeat(250_000);
    assert_eq!(verdict(&same).words, 2);
    let telex = "Tieesng Vieejt cos daaus ".repeat(40_000);
    assert_eq!(verdict(&telex).hints[0].kind, HintKind::Telex);
    let font = "Tieáng Vieät coù daáu ".repeat(40_000);
    assert_eq!(verdict(&font).hints[0].kind, HintKind::VniWindows);
}
