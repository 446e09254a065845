//! The hostile texts, shared by `tests/hostile.rs` (natively) and `tests/web_hostile.rs`
//! (the wasm build in Chromium), so both try the same inputs.

/// Ten counted words with diacritics: a passing comment.
pub const TEN_WORDS: &str = "Bài viết rất hay và bổ ích cho mọi người";

/// One hostile text and what its verdict must hold.
pub struct Case {
    /// A short name for messages.
    pub name: &'static str,
    /// The text.
    pub text: String,
    /// Problem codes the verdict must contain (a clear message for the reader).
    pub problems: &'static [&'static str],
    /// A link the verdict must list, as its text reads once the invisible characters
    /// (format characters, General_Category Cf) are removed.
    pub link: Option<&'static str>,
}

/// `unit` repeated until the text holds at least `bytes` bytes.
pub fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// `text` without its format characters (bidi controls, zero-width characters).
pub fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'))
        .collect()
}

/// 100,000 combining marks (acute, alternating with grave) on one letter.
pub fn zalgo() -> String {
    let mut text = String::from("a");
    for i in 0..100_000 {
        text.push(if i % 2 == 0 { '\u{301}' } else { '\u{300}' });
    }
    text
}

/// Every hostile text. `megabytes` is the size of the large pastes (1 natively and in the
/// browser; the native test adds 2 to show linear time).
pub fn cases(megabytes: usize) -> Vec<Case> {
    let mb = megabytes * 1024 * 1024;
    let mut controls: String = ('\0'..' ')
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    controls.push('\u{7F}');
    controls.extend('\u{80}'..'\u{A0}');
    vec![
        Case {
            name: "a pasted article of megabytes",
            text: repeat_to(TEN_WORDS, mb),
            problems: &["too-long"],
            link: None,
        },
        Case {
            name: "100,000 combining marks on one letter",
            text: zalgo(),
            problems: &["too-few-words", "too-long"],
            link: None,
        },
        Case {
            name: "ten words, then 100,000 combining marks",
            text: [TEN_WORDS, " ", &zalgo()].concat(),
            problems: &["too-long"],
            link: None,
        },
        Case {
            name: "NUL between the words",
            text: TEN_WORDS.replace(' ', "\0"),
            problems: &[],
            link: None,
        },
        Case {
            name: "every control character, then a link",
            text: [TEN_WORDS, &controls, "xem nhacai88.com", &controls].concat(),
            problems: &["has-link"],
            link: Some("nhacai88.com"),
        },
        Case {
            name: "NUL inside a host name",
            text: [TEN_WORDS, " nhacai88\0.com và nha\0cai.vn"].concat(),
            problems: &["has-link"],
            link: Some("cai.vn"),
        },
        Case {
            name: "a link shown backwards by RLO (Trojan Source)",
            text: [
                TEN_WORDS,
                " \u{202E}moc.88iacahn\u{202C} và \u{202E}nhacai88.com\u{202C}",
            ]
            .concat(),
            problems: &["has-link"],
            link: Some("nhacai88.com"),
        },
        Case {
            name: "bidi overrides inside a link",
            text: [TEN_WORDS, " nha\u{202E}cai\u{202C}88\u{2067}.\u{2069}com"].concat(),
            problems: &["has-link"],
            link: Some("nhacai88.com"),
        },
        Case {
            name: "a scheme in a right-to-left isolate",
            text: [TEN_WORDS, " \u{2067}https://x.vn/\u{2069}"].concat(),
            problems: &["has-link"],
            link: Some("https://x.vn/"),
        },
        Case {
            name: "emoji ZWJ sequences and flags before a link",
            text: [TEN_WORDS, " 👨‍👩‍👧‍👦👩🏽‍❤️‍💋‍👨🏿🏳️‍🌈🇻🇳🇺🇸 xem 👍🏻nhacai88.com"].concat(),
            problems: &["has-link"],
            link: Some("nhacai88.com"),
        },
        Case {
            name: "1,000 emoji families and flags",
            text: [TEN_WORDS, " ", &"👨‍👩‍👧‍👦🇻🇳".repeat(500)].concat(),
            problems: &["too-long"],
            link: None,
        },
        Case {
            name: "10,000 lines",
            text: "Bài viết hay\n".repeat(10_000),
            problems: &["too-long"],
            link: None,
        },
        Case {
            name: "a megabyte of dots",
            text: ".".repeat(mb),
            problems: &["too-few-words", "too-long"],
            link: None,
        },
        Case {
            name: "a megabyte of www.",
            text: repeat_to("www.", mb),
            problems: &["has-link", "too-long"],
            link: Some("www.www"),
        },
        Case {
            name: "a megabyte of ideographic full stops and fullwidth dots",
            text: repeat_to("w。．", mb),
            problems: &["too-long"],
            link: None,
        },
    ]
}
