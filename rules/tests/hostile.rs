//! Hostile text against the rules, natively: megabyte pastes, combining-mark bombs, control
//! characters, bidi overrides, emoji sequences, thousands of lines, text made of dots or
//! `www.`, and lone UTF-16 surrogates as JavaScript hands them over. For each: no panic,
//! spans on the right characters, and a clear verdict. The same table runs in Chromium
//! (`tests/web_hostile.rs`). Here the 1 MB and 2 MB runs finish; `tests/linear_time.rs`
//! asserts that time grows linearly, and `cargo bench --bench rules` prints the time per
//! character of hostile texts.
#![cfg(not(target_arch = "wasm32"))]

#[path = "hostile/cases.rs"]
mod cases;
#[path = "hostile/spans.rs"]
mod spans;

use binhluan_rules::{check, links::find_links, LinkRule, Rules, Verdict};
use cases::{cases, visible, Case, TEN_WORDS};
use spans::assert_span;

/// The verdict of `text`, with every span checked against the text.
fn checked(text: &str) -> Verdict {
    let verdict = check(text, &Rules::default());
    for link in &verdict.links {
        assert_span(text, link.start, link.end, &link.text);
    }
    for suspect in &verdict.suspects {
        assert_span(text, suspect.start, suspect.end, &suspect.text);
    }
    assert_eq!(verdict.ok, verdict.problems.is_empty());
    verdict
}

fn assert_case(case: &Case) {
    let verdict = checked(&case.text);
    let codes: Vec<&str> = verdict.problems.iter().map(|p| p.code()).collect();
    for code in case.problems {
        assert!(codes.contains(code), "{}: {codes:?}", case.name);
    }
    if let Some(needle) = case.link {
        assert!(
            verdict
                .links
                .iter()
                .any(|l| visible(&l.text).contains(needle)),
            "{}: {needle} not found in {:?}",
            case.name,
            verdict.links.iter().map(|l| &l.text).collect::<Vec<_>>()
        );
    } else {
        assert!(
            !codes.contains(&"has-link"),
            "{}: {:?}",
            case.name,
            verdict.links
        );
    }
}

#[test]
fn every_hostile_text_gets_a_clear_verdict() {
    for case in cases(1) {
        assert_case(&case);
    }
}

#[test]
fn two_megabytes_finish_too() {
    for case in cases(2).iter().filter(|c| c.text.len() >= 2 << 20) {
        assert_case(case);
    }
}

#[test]
fn a_passing_comment_with_hostile_characters_still_passes() {
    // NUL separates words like a space; emoji and flags are one character each.
    assert!(checked(&TEN_WORDS.replace(' ', "\0")).ok);
    let emoji = [TEN_WORDS, " 👨‍👩‍👧‍👦🇻🇳"].concat();
    let verdict = checked(&emoji);
    assert!(verdict.ok, "{:?}", verdict.problems);
    assert_eq!(verdict.length, TEN_WORDS.chars().count() as u32 + 3);
}

#[test]
fn a_combining_mark_bomb_is_too_long_not_one_character() {
    // One user-perceived character, 200 KB of UTF-8: the length counts at least one per 16
    // UTF-16 code units, so no comment within `max_length` exceeds 16 units a character.
    let verdict = checked(&[TEN_WORDS, " ", &cases::zalgo()].concat());
    assert_eq!(verdict.words, 10);
    assert!(verdict.length > verdict.max_length);
    assert_eq!(verdict.problems.len(), 1);
}

/// What `String(jsString)` crossing into Rust gives: lone surrogates become U+FFFD, one
/// UTF-16 unit each, so every offset after them still counts the JavaScript string's units.
fn from_js(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[test]
fn offsets_after_lone_surrogates_point_at_the_javascript_characters() {
    let mut units: Vec<u16> = Vec::new();
    let push = |units: &mut Vec<u16>, s: &str| units.extend(s.encode_utf16());
    units.push(0xD800); // a lone high surrogate
    push(&mut units, "Bai viet ");
    units.push(0xDC00); // a lone low surrogate
    push(&mut units, "😀 xem ");
    units.extend([0xDBFF, 0xDBFF]); // two high surrogates in a row
    push(&mut units, "nhacai88.com va khong co");
    units.push(0xDFFF);
    let text = from_js(&units);
    assert_eq!(text.encode_utf16().count(), units.len(), "one unit each");
    let verdict = checked(&text);
    let link = &verdict.links[0];
    assert_eq!(
        String::from_utf16(&units[link.start as usize..link.end as usize]).unwrap(),
        "nhacai88.com"
    );
    let suspects: Vec<String> = verdict
        .suspects
        .iter()
        .map(|s| String::from_utf16(&units[s.start as usize..s.end as usize]).unwrap())
        .collect();
    assert!(suspects.iter().any(|s| s == "khong"), "{suspects:?}");
    assert!(suspects.iter().all(|s| s.is_ascii()), "{suspects:?}");
}

#[test]
fn the_link_finder_alone_survives_the_table() {
    for case in cases(1) {
        for emails in [true, false] {
            let links = find_links(&case.text, emails);
            for link in &links {
                assert_span(&case.text, link.start, link.end, &link.text);
            }
            assert!(links.windows(2).all(|p| p[0].end <= p[1].start));
        }
    }
}

/// The rules of the links in `text`.
fn link_rules(text: &str) -> Vec<LinkRule> {
    find_links(text, true).iter().map(|l| l.rule).collect()
}

// Found by `cargo fuzz run links`: in NFD, `//` after a letter's combining mark was taken
// for a protocol-relative link while the same text in NFC (`tô//i.com`) was a host.
#[test]
fn fuzz_protocol_relative_after_a_combining_mark_is_the_nfc_verdict() {
    for text in ["thã.Tô//i.com", "thã.To\u{302}//i.com"] {
        assert_eq!(link_rules(text), [LinkRule::Host], "{text:?}");
    }
}

// Found by `cargo fuzz run check`: an IPv4 address written against a letter is not one
// (`í192.168.1.1`), but in NFD the letter ends in a combining mark and it was.
#[test]
fn fuzz_ipv4_after_a_combining_mark_is_the_nfc_verdict() {
    for text in ["bổ í192.168.1.1", "bo\u{302}\u{309} i\u{301}192.168.1.1"] {
        assert_eq!(link_rules(text), [], "{text:?}");
    }
    assert_eq!(link_rules("bổ í 192.168.1.1"), [LinkRule::Ipv4]);
    // A mark on a symbol leaves a symbol (U+1FDD is U+1FFE U+0300 in NFD).
    for text in ["\u{1FDD}192.168.1.1", "\u{1FFE}\u{300}192.168.1.1"] {
        assert_eq!(link_rules(text), [LinkRule::Ipv4], "{text:?}");
    }
}

// Found by both targets: a Cyrillic or Greek letter decomposed in NFD (`Ӂ` = `Ж` + U+0306,
// `ὅ` = `ο` + U+0314 U+0301) was read as a Latin letter with Vietnamese marks, which guards
// a country TLD, so the host found in NFC vanished in NFD.
#[test]
fn fuzz_marks_on_cyrillic_or_greek_letters_are_not_vietnamese_in_nfd() {
    for (nfc, nfd) in [
        ("xӁо&#46;mm", "xЖ\u{306}о&#46;mm"),
        ("nὅ．ｃｏ", "nο\u{314}\u{301}．ｃｏ"),
    ] {
        assert_eq!(link_rules(nfc), [LinkRule::Host], "{nfc:?}");
        assert_eq!(link_rules(nfd), [LinkRule::Host], "{nfd:?}");
    }
    // Vietnamese in NFD still guards: `thêm.vn` is a word and a dot, in NFC and NFD alike.
    assert_eq!(link_rules("thêm.mm"), link_rules("the\u{302}m.mm"));
}

// Found by both targets: an e-mail domain needs a last label of two or more letters; in NFD
// `á` (`a` + U+0301) counted as two, so `48@7.á` was an address only in NFD.
#[test]
fn fuzz_an_accented_letter_is_one_letter_in_nfd_too() {
    for text in [
        "48@7.á",
        "48@7.a\u{301}",
        "2 (at)địn dot ủ",
        "2 (at)đi\u{323}n dot u\u{309}",
    ] {
        assert_eq!(link_rules(text), [], "{text:?}");
    }
    assert_eq!(link_rules("48@7.áo"), [LinkRule::Email]);
    assert_eq!(link_rules("48@7.a\u{301}o"), [LinkRule::Email]);
}

// Found by `cargo fuzz run check`: `&#x2àn` decodes `&#x2` (the `à` is no hex digit), but in
// NFD the `a` of `a` + U+0300 was read as one, and `n.co` became a host.
#[test]
fn fuzz_a_reference_never_takes_the_letter_of_a_combining_mark() {
    for text in ["v&#x2àn.co", "v&#x2a\u{300}n.co"] {
        assert_eq!(link_rules(text), [], "{text:?}");
    }
    assert_eq!(link_rules("nhacai&#x2E;com"), [LinkRule::Host]);
}

// Found by `cargo fuzz run check`: a dateline (`Bài.vn - …` at the start of a line) is a
// site name in letters; in NFD the marks were not letters, and it was read differently.
// (A dateline names a site, so both are now links, alike.)
#[test]
fn fuzz_a_dateline_in_nfd_is_a_dateline() {
    for text in ["Bài.vn - Ngày 3/8", "Ba\u{300}i.vn - Nga\u{300}y 3/8"] {
        assert_eq!(link_rules(text), [LinkRule::Host], "{text:?}");
    }
}

// Found by `cargo fuzz run links`: `῝.cu` has no label before the dot, but in NFD the mark
// of `῾` + U+0300 started one.
#[test]
fn fuzz_a_host_never_starts_with_the_mark_of_a_symbol() {
    for text in ["M\u{1FDD}.cu", "M\u{1FFE}\u{300}.cu"] {
        assert_eq!(link_rules(text), [], "{text:?}");
    }
}

// Found by `cargo fuzz run check`: `グ` is `ク` + U+3099 in NFD, and the kana voicing mark
// was not among the marks a label may carry, so `グ.com` lost its label in NFD.
#[test]
fn fuzz_every_combining_mark_belongs_to_its_letter() {
    for text in ["xem グ.com", "xem \u{30AF}\u{3099}.com"] {
        assert_eq!(link_rules(text), [LinkRule::Host], "{text:?}");
    }
}

// Found by `cargo fuzz run links`: an e-mail TLD needs two letters; `빙` is one syllable,
// but three jamo in NFD.
#[test]
fn fuzz_a_hangul_syllable_is_one_letter_in_nfd_too() {
    for text in ["ht(at)ww.빙", "ht(at)ww.\u{1107}\u{1175}\u{11BC}"] {
        assert_eq!(link_rules(text), [], "{text:?}");
    }
}

// Found by `cargo fuzz run links` (fork mode): after `῝` (`῾` + U+0300 in NFD) a disguised
// dot `[.]` followed the mark, a label character, in NFD only. A mark on no label character
// is now neutral in the shadow copy.
#[test]
fn fuzz_a_mark_on_a_symbol_is_neutral() {
    let text = "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD})](ht<a href=tp\u{FFFD}\u{FFFD}.] 1'&\u{1D}x2<a href=\u{1FDD}[.] 1\u{FFFD}&#x2E@\u{0}czamp\u{FFFD}2EB\u{0}\u{0}e.ci n";
    let nfd: String = text
        .replace('\u{1FDD}', "\u{1FFE}\u{300}")
        .replace('\u{1EA1}', "a\u{323}");
    assert_eq!(link_rules(text), link_rules(&nfd), "{text:?}");
    assert_eq!(
        link_rules("x\u{1FDD}[.]vn"),
        link_rules("x\u{1FFE}\u{300}[.]vn")
    );
}
