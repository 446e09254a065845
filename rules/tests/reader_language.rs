//! The Vietnamese rules on the language readers write: forms written plain on purpose,
//! names and reply tags, one slip among marked words, text that is mostly not Vietnamese,
//! stretched letters. Every sentence here is the project's own.
//!
//! Each row marks the suspects it expects with `|…|` (the markup of `link_rules.rs`): the
//! spans are UTF-16 offsets into the text as typed, checked in NFC and in NFD.
#![cfg(not(target_arch = "wasm32"))] // Native: the browser tests are in web.rs.

use binhluan_rules::{check, DiacriticsVerdict, Problem, Rules, Verdict};
use unicode_normalization::UnicodeNormalization;
use DiacriticsVerdict::{CoDau, KhongDau, ThieuDau, Undetermined};

/// One row: the text with its suspects marked, the verdict, the words counted.
struct Row {
    marked: &'static str,
    verdict: DiacriticsVerdict,
    words: u32,
}

const fn row(marked: &'static str, verdict: DiacriticsVerdict, words: u32) -> Row {
    Row {
        marked,
        verdict,
        words,
    }
}

/// The text without its markup, and the marked spans as UTF-16 offsets into it.
fn parse_markup(marked: &str) -> (String, Vec<(u32, u32)>) {
    let (mut text, mut spans, mut start) = (String::new(), Vec::new(), None);
    for c in marked.chars() {
        if c == '|' {
            let at = text.encode_utf16().count() as u32;
            match start.take() {
                Some(s) => spans.push((s, at)),
                None => start = Some(at),
            }
        } else {
            text.push(c);
        }
    }
    assert!(start.is_none(), "unclosed | in {marked:?}");
    (text, spans)
}

/// Checks every row in NFC and in NFD (the markup is ASCII and sits between words, so each
/// form is normalised with its markup in place).
fn table(rows: &[Row]) {
    let mut wrong = Vec::new();
    for row in rows {
        for form in [
            row.marked.nfc().collect::<String>(),
            row.marked.nfd().collect(),
        ] {
            let (text, spans) = parse_markup(&form);
            let v: Verdict = check(&text, &Rules::default());
            let got: Vec<(u32, u32)> = v.suspects.iter().map(|s| (s.start, s.end)).collect();
            if got != spans || v.diacritics.verdict != row.verdict || v.words != row.words {
                let shown: Vec<&str> = v.suspects.iter().map(|s| s.text.as_str()).collect();
                wrong.push(format!(
                    "{form:?}: {:?} {} words, suspects {shown:?} (want {:?} {} words, {spans:?})",
                    v.diacritics.verdict, v.words, row.verdict, row.words
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn forms_written_plain_on_purpose_are_no_suspects() {
    table(&[
        // nha, da, tao, ngu, che are words readers write plain: they count and accuse nothing.
        row("Hàng đẹp lắm nha, da mặt mình đỡ khô hẳn", CoDau, 10),
        row("Tao nói rồi mà, ai bảo không nghe thì ráng chịu", CoDau, 11),
        row("Mấy bộ đồ này che nắng tốt, giá hợp lý", CoDau, 10),
        row("Học hành kiểu này thì ngu lâu dốt bền thôi", CoDau, 10),
        row("hàng đẹp lắm nha", CoDau, 4),
        // Loanwords written plain (hot, set, top) are foreign words: not counted, no suspects.
        row(
            "Bài hát hot nhất tuần này, top đầu bảng xếp hạng luôn",
            CoDau,
            10,
        ),
        row("Mua cả set quà tặng mẹ, mẹ khen đẹp lắm", CoDau, 9),
        // Forms that comments typed with marks almost never write plain are still suspects.
        row(
            "Mình |co| mua |va| dùng thử, |nhung| |khong| thích",
            ThieuDau,
            5,
        ),
    ]);
}

#[test]
fn names_and_reply_tags_are_neutral() {
    table(&[
        // A reply tag: a capitalised run before the sentence.
        row(
            "Thanh Tam Nguyen đồng ý với bạn, giá này quá hời",
            CoDau,
            10,
        ),
        row(
            "Hoang Long Hay quá anh ơi, em xem mãi không chán",
            CoDau,
            11,
        ),
        // A name inside a sentence, and place names that are right without marks.
        row("Hôm qua mình gặp cô Hieu ở chợ, cô vẫn khỏe", CoDau, 10),
        row("Quê tôi ở Cà Mau, còn vợ tôi người Lào Cai", CoDau, 11),
        // A capitalised word opening a sentence alone is its first word, not a name.
        row("|Khong| sao đâu, mọi người cứ bình tĩnh chờ tin", CoDau, 10),
        // Capitals are shouting, not a name.
        row("|KHONG| MUA |NUA|, |HANG| |XAU| |LAM|", KhongDau, 1),
    ]);
}

#[test]
fn one_slip_among_marked_words_is_a_typo() {
    table(&[
        // One word without its marks among marked ones: có dấu, and it counts as a word.
        row("Sản phẩm dùng rất thích, đóng gói |can| thận", CoDau, 9),
        row("Áo mặc vừa, vải mát, mình |se| ủng hộ shop tiếp", CoDau, 10),
        row("Quán này ngon |lam|", CoDau, 4),
        // Two slips in a short comment are a keyboard that lost its marks.
        row("Rất |tien| |loi|", ThieuDau, 1),
        row(
            "Sản phẩm tốt lắm, giao |hang| nhanh, |dong| |goi| |can| |than|",
            ThieuDau,
            6,
        ),
        // A comment typed without marks stays không dấu.
        row("cam |on| shop, |hang| |dep| |lam|", KhongDau, 1),
    ]);
}

#[test]
fn text_mostly_not_vietnamese_is_undetermined() {
    table(&[
        row(
            "Great product, fast delivery, will buy again",
            Undetermined,
            1,
        ),
        row(
            "Thank you so much for |the| video, amazing work",
            Undetermined,
            1,
        ),
        row("qwerty asdfgh zxcvb", Undetermined, 0),
        // Vietnamese with a few English words is judged as Vietnamese.
        row(
            "Team mình đá quá đỉnh, highlight trận này phải xem lại",
            CoDau,
            9,
        ),
    ]);
    // Undetermined is refused for "Tiếng Việt có dấu": the comment is not Vietnamese.
    let v = check(
        "This is a really nice article and I like it very much, thank you",
        &Rules::default(),
    );
    assert_eq!(v.diacritics.verdict, Undetermined, "{v:?}");
    assert!(v.problems.contains(&Problem::NoDiacritics), "{v:?}");
}

#[test]
fn stretched_letters_count_as_the_word() {
    table(&[
        row(
            "Ngon lắm luônnnnn, quán này phục vụ cũng nhanh nữa",
            CoDau,
            10,
        ),
        row("Váy đẹppppp quá, chất vải mềm mặc mát lắm", CoDau, 9),
        row("Xinhhhh quáaaaa", CoDau, 2),
        // Twice is enough in a word that carries a mark; in a plain word it may be English.
        row("Đẹp lắm luônn, cảm ơn shop nhiều nhaa ơii", CoDau, 7),
        // A stretched word takes the spam caps of the word.
        row("Hay luônnnn luôn luônnnnnn", CoDau, 3),
        // Abbreviations and cries stay uncounted and neutral, stretched or not.
        row("đc ko mn, đccc kooo aaaaa kkkkk", Undetermined, 0),
        row("Trời oiiiii, đẹp quá trời", CoDau, 4),
    ]);
}

#[test]
fn stretched_words_keep_spans_on_the_typed_text() {
    let text = "Cảm ơn nhiều lắmmmm, nhưng giao |cham| quá";
    for form in [text.nfc().collect::<String>(), text.nfd().collect()] {
        let (plain, spans) = parse_markup(&form);
        let v = check(&plain, &Rules::default());
        let got: Vec<(u32, u32)> = v.suspects.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(got, spans, "{form:?}");
        assert_eq!(v.words, 8, "{form:?}");
    }
}
