//! Property tests of the link finder: any text, no panic, well-formed spans; disguises
//! (zero-width characters, fullwidth letters) never hide a link; adversarial 1 MB inputs
//! finish (linear time: a quadratic scanner would not finish these in any sane test run).
#![cfg(not(target_arch = "wasm32"))] // Native: the browser tests are in web.rs.

use binhluan_rules::links::find_links;
use binhluan_rules::Link;
use proptest::prelude::*;

/// Checks that links are sorted, non-overlapping and that each span's UTF-16 offsets cut
/// `text` on character boundaries and hold exactly the link's text.
fn well_formed(text: &str, links: &[Link]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut last = 0;
    for l in links {
        assert!(l.start >= last && l.start < l.end && l.end as usize <= units.len());
        let slice = String::from_utf16(&units[l.start as usize..l.end as usize]);
        assert_eq!(
            slice.ok().as_deref(),
            Some(l.text.as_str()),
            "span off a char boundary"
        );
        last = l.end;
    }
}

/// Comments that contain links, built from Vietnamese words, separators and hosts.
fn linked_comment() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Vào",
        "xem",
        "nhé",
        "mọi người",
        "uy tín",
        "tại",
        "ở",
        "nhận quà",
        "Liên hệ",
    ]);
    let links = prop::sample::select(vec![
        "nhacai88.com",
        "https://bit.ly/abc",
        "www.nhacai88",
        "VN88.COM",
        "nhacai88 chấm com",
        "example[.]com",
        "192.168.1.1",
        "hotro@nhacai.vn",
        "t.me/abc",
        "báo.vn",
        "<a href=\"x\">",
        "[đây](x)",
        "zalo://0901234567",
    ]);
    (
        prop::collection::vec(words.clone(), 0..4),
        links,
        prop::collection::vec(words, 0..4),
    )
        .prop_map(|(before, link, after)| {
            let mut s = before.join(" ");
            s.push(' ');
            s.push_str(link);
            s.push(' ');
            s.push_str(&after.join(" "));
            s
        })
}

/// Every link of `plain` overlaps a link of `disguised`, where `map` turns a UTF-16 offset
/// of `plain` into the matching offset of `disguised`.
fn still_caught(plain: &[Link], disguised: &[Link], map: impl Fn(u32) -> u32) {
    for p in plain {
        let (s, e) = (map(p.start), map(p.end - 1) + 1);
        assert!(
            disguised.iter().any(|d| d.start < e && d.end > s),
            "{:?} hidden: {disguised:?}",
            p.text
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_is_fine(text in "\\PC*") {
        well_formed(&text, &find_links(&text, true));
    }

    #[test]
    fn any_link_shaped_text_is_fine(text in "[a-zA-Z0-9.:/@\\[\\]()<>&#;= \u{200B}ｅ。chấmđồng-]{0,60}") {
        well_formed(&text, &find_links(&text, true));
    }

    #[test]
    fn linked_comments_are_caught(text in linked_comment()) {
        prop_assert!(!find_links(&text, true).is_empty(), "{}", text);
    }

    #[test]
    fn zero_width_never_hides(text in linked_comment(), at in any::<prop::sample::Index>(),
                              zw in prop::sample::select(vec!['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}'])) {
        let plain = find_links(&text, true);
        let cut = text.char_indices().map(|(i, _)| i).chain([text.len()]).nth(at.index(text.chars().count() + 1)).unwrap_or(0);
        let mut disguised = text.clone();
        disguised.insert(cut, zw);
        let found = find_links(&disguised, true);
        well_formed(&disguised, &found);
        let cut16 = text[..cut].encode_utf16().count() as u32;
        still_caught(&plain, &found, |u| if u >= cut16 { u + 1 } else { u });
    }

    #[test]
    fn fullwidth_never_hides(text in linked_comment(), mask in any::<u64>()) {
        let plain = find_links(&text, true);
        let disguised: String = text
            .chars()
            .enumerate()
            .map(|(i, c)| {
                let swap = c.is_ascii_alphanumeric() && mask >> (i % 64) & 1 == 1;
                if swap { char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c) } else { c }
            })
            .collect();
        let found = find_links(&disguised, true);
        well_formed(&disguised, &found);
        // Fullwidth forms are one UTF-16 unit each, like the ASCII they replace.
        still_caught(&plain, &found, |u| u);
    }
}

/// One megabyte of each pattern that trips backtracking or rescanning finders.
#[test]
fn adversarial_megabyte_inputs_finish() {
    let patterns = [
        ".",
        "www.",
        "a.",
        "1.",
        "a.a@",
        "@",
        "a@",
        "h t t p ",
        "http://",
        "data:",
        "[",
        "](",
        "[url",
        "<a ",
        "&#",
        "&#4",
        " chấm ",
        "xn--",
        "-",
        "Ab.",
        "to.",
        "rồi.",
        "::",
        "//a.",
        "1.2.3.",
        "a.vn.",
        "a:",
        "(",
        ")",
        "みんな",
    ];
    for p in patterns {
        let text = p.repeat((1 << 20) / p.len());
        let links = find_links(&text, true);
        well_formed(&text, &links);
    }
    let long_label = format!("{}.com", "a".repeat(1 << 20));
    assert_eq!(find_links(&long_label, true).len(), 1);
}
